"""The pages the data generates, described independently of the site engine."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from .catalogue import Catalogue
from .formatting import typography


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # source path, e.g. "aides/visale.md" (served at /aides/visale/)
    template: str
    title: str
    view: str  # name of the Views method that gathers the page's data
    key: str | None = None
    listed: bool = False  # listing pages appear in the navigation

    def front_matter(self) -> str:
        # Material prints meta.title unescaped in <title> and the header: escape it here.
        meta = {"template": self.template, "title": html.escape(typography(self.title)), "vue": self.view, "cle": self.key}
        return "---\n" + "\n".join(f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in meta.items()) + "\n---\n"


def site_pages(catalogue: Catalogue) -> list[GeneratedPage]:
    pages = [
        GeneratedPage("aides/index.md", "aides.html", "Les aides", "aides", listed=True),
        GeneratedPage("partenaires/index.md", "partenaires.html", "Les partenaires", "partenaires", listed=True),
        GeneratedPage("contacts/index.md", "contacts.html", "Où s'adresser ?", "contacts", listed=True),
    ]
    pages += [GeneratedPage(f"aides/{aid}.md", "aide.html", aide.titre, "aide", aid) for aid, aide in catalogue.aides.items()]
    pages += [
        GeneratedPage(f"partenaires/{pid}.md", "partenaire.html", partner.nom, "partenaire", pid)
        for pid, partner in catalogue.partenaires.items()
    ]
    pages += [
        GeneratedPage(f"conventions/{cid}.md", "convention.html", conv.titre, "convention", cid)
        for cid, conv in catalogue.conventions.items()
    ]
    pages += [
        GeneratedPage(f"aides/{old}.md", "redirection.html", catalogue.aides[new].titre, "redirection", new)
        for old, new in catalogue.redirects.items()
    ]
    return pages
