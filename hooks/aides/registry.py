"""The page registry: every page of the site, its URL, template, title, place in the
navigation and in search, and the view its template receives.

One table for the hand-written pages of ``content/`` (``HAND_WRITTEN``), the pages the
data generates (``Registry.pages``), and one builder per page kind (``VIEWS``). The
adapter asks the registry, never a front-matter string, which view a page gets; URLs
come from ``urls.py``. Engine-independent: no MkDocs import.

Adding a page kind: a template in ``overrides/``, a view in ``pageviews.py``, an entry in
``VIEWS`` and the pages that use it (here); the README says it step by step.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from aides.model.catalogue import Catalogue
from aides.model.formatting import typography
from aides.publishing.exports import open_data_paths
from aides.site import urls
from aides.site.facets import sort_key
from aides.site.pageviews import PageViews

# What a search result is (the ``rubrique`` filter of partials/pagefind-rubrique.html).
Rubrique = str | None


@dataclass(frozen=True, slots=True)
class PageEntry:
    path: str  # source path, e.g. "aides/visale.md" (served at /aides/visale/)
    template: str
    title: str
    kind: str  # a key of VIEWS, or "page" for a hand-written page without a view
    key: str | int | None = None
    nav: str = ""  # its label in the site's navigation; "" for pages out of it
    rubrique: Rubrique = None  # indexed by Pagefind as this kind of result; None: not indexed
    generated: bool = True
    flux: str = ""  # its Atom feed of changes (<link rel="alternate">), "" for none
    # A generated page's template is its body; `cadre` is the frame around it and `tete` its own <head> lines.
    cadre: str = "main.html"
    tete: str = "partials/tete.html"

    @property
    def url(self) -> str:
        stem = self.path.removesuffix(".md")
        stem = stem.removesuffix("index")
        return stem if not stem or stem.endswith("/") else stem + "/"

    @property
    def framed(self) -> bool:
        """Written from its frame (frames.py), outside MkDocs' page loop: generated pages out of the navigation."""
        return self.generated and not self.nav

    @property
    def indexed(self) -> bool:
        return self.rubrique is not None

    @property
    def tri(self) -> str:
        """Sort key of search results (accent-free title)."""
        return sort_key(self.title)

    def front_matter(self) -> str:
        # Material prints meta.title unescaped in <title> and the header: escape it here.
        meta = {"template": GENERATED_TEMPLATE, "title": html.escape(typography(self.title))}
        return "---\n" + "\n".join(f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in meta.items()) + "\n---\n"


# The template MkDocs renders for a generated page: its frame around its body (overrides/cadre.html).
GENERATED_TEMPLATE = "cadre.html"
EMBED_FRAME = "partials/integrer.html"
PAGE = "page"  # hand-written content rendered by Material's own template (wrapped by main.html)

# content/*.md; `nav` is the label of those in the navigation (NAV_ORDER gives the order).
HAND_WRITTEN = [
    PageEntry("index.md", "accueil.html", "Accueil", "accueil", nav="Accueil", generated=False, flux=urls.SITE_FEED),
    PageEntry(
        "eligibilite.md",
        "eligibilite.html",
        "Suis-je concerné ?",
        "questionnaire",
        nav="Suis-je concerné\u00a0?",
        generated=False,
    ),
    PageEntry("recherche.md", "recherche.html", "Rechercher", "recherche", nav="Rechercher", generated=False),
    PageEntry(
        urls.source_path(urls.PARTNER_TOOLS),
        "outils.html",
        "Pour les partenaires",
        "outils",
        nav="Pour les partenaires",
        rubrique="page",
        generated=False,
    ),
    PageEntry("donnees.md", "main.html", "Données ouvertes", PAGE, nav="Données ouvertes", rubrique="page", generated=False),
    PageEntry("contribuer.md", "contribuer.html", "Contribuer", "reference", nav="Contribuer", generated=False),
    PageEntry("a-propos.md", "main.html", "À propos", PAGE, nav="À propos", rubrique="page", generated=False),
    PageEntry("accessibilite.md", "main.html", "Accessibilité", PAGE, rubrique="page", generated=False),
    PageEntry("mentions-legales.md", "main.html", "Mentions légales", PAGE, rubrique="page", generated=False),
    PageEntry("donnees-personnelles.md", "main.html", "Données personnelles", PAGE, rubrique="page", generated=False),
    PageEntry("plan-du-site.md", "plan-du-site.html", "Plan du site", "plan", generated=False),
]
# The navigation, by label: hand-written pages and the listing pages the data generates.
NAV_ORDER = ["Accueil", "Les aides", "Suis-je concerné\u00a0?", "Où s'adresser\u00a0?", "Rechercher", "Partenaires"]
NAV_ORDER += ["Pour les partenaires"]
NAV_ORDER += ["Données ouvertes", "Contribuer", "À propos"]

# Page kinds that show another kind's view (an embeddable view shows its page's).
SAME_VIEW = {"integrer_aide": "aide", "integrer_catalogue": "catalogue", "integrer_questionnaire": "questionnaire"}
# Page kind → the view its template receives.
VIEWS: dict[str, Callable[[PageViews, Any], Any]] = {
    "aide": lambda views, key: views.aide(key),
    "partenaire": lambda views, key: views.partenaire(key),
    "convention": lambda views, key: views.convention(key),
    "redirection": lambda views, key: views.redirect(key),
    "catalogue": lambda views, key: views.catalogue(key),
    "partenaires": lambda views, key: views.partenaires(),
    "contacts": lambda views, key: views.contacts(),
    "questionnaire": lambda views, key: views.questionnaire(),
    "recherche": lambda views, key: views.recherche(),
    "reference": lambda views, key: views.reference(),
    "plan": lambda views, key: views.plan(),
    "accueil": lambda views, key: views.home(),
    "archive": lambda views, key: views.archive(key),
    # Partners: the tools page, the embeddable views (the same views as the pages they embed), regional sheets.
    "outils": lambda views, key: views.outils(),
    "integrer_aide": lambda views, key: views.aide(key),
    "integrer_catalogue": lambda views, key: views.catalogue(1),
    "integrer_questionnaire": lambda views, key: views.questionnaire(),
    "feuille_region": lambda views, key: views.region_sheet(key),
}


class Registry:
    """Every page of a catalogue's site, and the view of each."""

    def __init__(self, catalogue: Catalogue, base_url: str = "/") -> None:
        self.cat = catalogue
        self.views = PageViews(catalogue, base_url)
        self._last_view: tuple[Any, Any] = (None, None)

    @cached_property
    def generated(self) -> list[PageEntry]:
        cat = self.cat
        listing = self.views.listing
        pages = [
            PageEntry(urls.source_path(urls.CATALOGUE), "aides.html", "Les aides", "catalogue", 1, nav="Les aides"),
            PageEntry(urls.source_path(urls.PARTNERS), "partenaires.html", "Les partenaires", "partenaires", nav="Partenaires"),
            PageEntry(
                urls.source_path(urls.CONTACTS), "contacts.html", "Où s'adresser ?", "contacts", nav="Où s'adresser\u00a0?"
            ),
        ]
        pages += [
            PageEntry(urls.source_path(urls.catalogue_page(n)), "aides.html", f"Les aides, page {n}", "catalogue", n)
            for n in range(2, listing.page_count + 1)
        ]
        pages += [
            PageEntry(
                urls.source_path(urls.aide(aid)), "aide.html", aide.titre, "aide", aid, rubrique="aide", flux=urls.aide_feed(aid)
            )
            for aid, aide in cat.aides.items()
        ]
        pages += [
            PageEntry(urls.source_path(urls.partenaire(pid)), "partenaire.html", p.nom, "partenaire", pid, rubrique="partenaire")
            for pid, p in cat.partenaires.items()
        ]
        pages += [
            PageEntry(
                urls.source_path(urls.convention(cid)), "convention.html", c.titre, "convention", cid, rubrique="convention"
            )
            for cid, c in cat.conventions.items()
        ]
        # A renamed or removed aid keeps its addresses, the page's and its embeddable view's.
        embedded = urls.PATTERNS["integrer_aide"].format
        pages += [
            PageEntry(
                urls.source_path(address),
                "redirection.html",
                cat.aides[new].titre,
                "redirection",
                new,
                tete="partials/tete-redirection.html",
            )
            for old, new in cat.redirects.items()
            for address in (urls.aide(old), embedded(id=old))
        ]
        pages += [
            PageEntry(urls.source_path(address), "archive.html", archive.titre, "archive", aid, tete="partials/tete-archive.html")
            for aid, archive in cat.archives.items()
            for address in (urls.aide(aid), embedded(id=aid))
        ]
        pages += self.partner_pages()
        return pages

    def partner_pages(self) -> list[PageEntry]:
        """Embeddable views (out of the nav and of search, under urls.EMBED_ROOT) and one printable sheet per région."""
        cat = self.cat
        pages = [
            PageEntry(
                urls.source_path(urls.EMBED_CATALOGUE),
                "integrer-aides.html",
                "Les aides",
                "integrer_catalogue",
                cadre=EMBED_FRAME,
            ),
            PageEntry(
                urls.source_path(urls.EMBED_QUESTIONNAIRE),
                "integrer-eligibilite.html",
                "Suis-je concerné ?",
                "integrer_questionnaire",
                cadre=EMBED_FRAME,
            ),
        ]
        pages += [
            PageEntry(
                urls.source_path(urls.embed_aide(aid)), "integrer-aide.html", aide.titre, "integrer_aide", aid, cadre=EMBED_FRAME
            )
            for aid, aide in cat.aides.items()
        ]
        pages += [
            PageEntry(
                urls.source_path(urls.region_sheet(region.code)),
                "feuille-region.html",
                f"Les aides au logement en {region.nom} : fiche à imprimer",
                "feuille_region",
                region.code,
            )
            for region in self.views.sheet_regions()
        ]
        return pages

    def search_glob(self) -> str:
        """The files Pagefind reads: the indexed pages' only (an aid's folder, not its embeddable view's). Pagefind
        would find the others without a ``data-pagefind-body`` and skip them, after reading 20,000 files for nothing."""
        patterns = {_folder_pattern(entry) for entry in self.by_path.values() if entry.indexed}
        return "{" + ",".join(sorted(patterns)) + "}"

    def embed_roots(self) -> list[str]:
        """Where the embeddable views live: the only paths other sites may frame (``_headers``, written by csp.py)."""
        return [urls.EMBED_ROOT]

    @cached_property
    def by_path(self) -> dict[str, PageEntry]:
        return {entry.path: entry for entry in [*HAND_WRITTEN, *self.generated]}

    def entry(self, path: str) -> PageEntry | None:
        return self.by_path.get(path)

    def view(self, entry: PageEntry) -> Any:
        """The complete view of a page's template; None for a plain hand-written page. Pages that show
        the same view one after the other (``view_identity`` order) get it built once."""
        build = VIEWS.get(entry.kind)
        if build is None:
            return None
        identity = self.view_identity(entry)
        if self._last_view[0] != identity:
            self._last_view = (identity, build(self.views, entry.key))
        return self._last_view[1]

    def inputs(self, entry: PageEntry) -> str:
        """A fingerprint of the data a page is made from: an aid's page (and its embeddable view, its old
        addresses) reads its own file and the data shared by all pages, never another aid's."""
        if entry.kind in ("aide", "integrer_aide", "redirection"):
            return self.cat.aid_fingerprint(str(entry.key))
        return self.cat.fingerprint

    @staticmethod
    def view_identity(entry: PageEntry) -> tuple[str, str]:
        """Which view a page shows: equal for an aid's page and its embeddable view."""
        return SAME_VIEW.get(entry.kind, entry.kind), str(entry.key)

    def nav(self) -> list[dict[str, str]]:
        """The site's navigation, as MkDocs reads it from its configuration."""
        listed = {entry.nav: entry.path for entry in self.by_path.values() if entry.nav}
        return [{label: listed[label]} for label in NAV_ORDER]

    def public_urls(self) -> list[str]:
        """Every address partners may have kept: pages and open data files, from the site root (« /aides/visale/ »)."""
        pages = [entry.url for entry in self.by_path.values()]
        return sorted({"/" + url for url in [*pages, *open_data_paths()]})

    def not_in_nav(self) -> list[str]:
        return [entry.path for entry in HAND_WRITTEN if not entry.nav]


def _folder_pattern(entry: PageEntry) -> str:
    """``aides/*/index.html`` for the pages of one kind of record, the page's own file for a single page."""
    if entry.key is None:
        return entry.url + "index.html"
    return entry.url.rstrip("/").rsplit("/", 1)[0] + "/*/index.html"
