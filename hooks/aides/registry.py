"""The page registry: every page of the site, its URL, template, title, place in the
navigation and in search, and the view its template receives.

One table for the hand-written pages of ``content/`` (``HAND_WRITTEN``) and the pages the
data generates (``Registry.generated``); each page has a kind (``site/page_kinds.py``: its
template, view builder, frame and head). The registry also hands the adapter every other file
to write: open data, the browser's JSON files and the Atom feeds. The adapter asks the registry,
never a front-matter string, which view a page gets; URLs come from ``urls.py``.
Engine-independent: no MkDocs import. Adding a page kind: ``site/page_kinds.py`` and CONTRIBUTING.md.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from aides.model.catalogue import Catalogue
from aides.model.formatting import sort_key, typography
from aides.publishing import feeds
from aides.publishing.browser_files import browser_files
from aides.publishing.exports import data_files, open_data_paths
from aides.site import page_kinds as kinds
from aides.site import urls
from aides.site.page_kinds import PageKind
from aides.site.pieces import Pieces, SiteView

# What a search result is (the ``rubrique`` filter of partials/pagefind-rubrique.html).
Rubrique = str | None


@dataclass(frozen=True, slots=True)
class PageEntry:
    path: str  # source path, e.g. "aides/visale.md" (served at /aides/visale/)
    kind: PageKind
    title: str
    key: str | int | None = None
    nav: str = ""  # its label in the site's navigation; "" for pages out of it
    rubrique: Rubrique = None  # indexed by Pagefind as this kind of result; None: not indexed
    generated: bool = True
    flux: str = ""  # its Atom feed of changes (<link rel="alternate">), "" for none

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

# content/*.md; `nav` is the label of those in the navigation (NAV_ORDER gives the order).
HAND_WRITTEN = [
    PageEntry("index.md", kinds.HOME, "Accueil", nav="Accueil", generated=False, flux=urls.SITE_FEED),
    PageEntry(
        "eligibilite.md",
        kinds.QUESTIONNAIRE,
        "Suis-je concerné ?",
        nav="Suis-je concerné\u00a0?",
        generated=False,
    ),
    PageEntry("recherche.md", kinds.SEARCH, "Rechercher", nav="Rechercher", generated=False),
    PageEntry(
        urls.source_path(urls.PARTNER_TOOLS),
        kinds.TOOLS,
        "Pour les partenaires",
        nav="Pour les partenaires",
        rubrique="page",
        generated=False,
    ),
    PageEntry("donnees.md", kinds.PAGE, "Données ouvertes", nav="Données ouvertes", rubrique="page", generated=False),
    PageEntry("contribuer.md", kinds.REFERENCE, "Contribuer", nav="Contribuer", generated=False),
    PageEntry("a-propos.md", kinds.PAGE, "À propos", nav="À propos", rubrique="page", generated=False),
    PageEntry("accessibilite.md", kinds.DECLARATION, "Accessibilité", rubrique="page", generated=False),
    PageEntry("mentions-legales.md", kinds.PAGE, "Mentions légales", rubrique="page", generated=False),
    PageEntry("donnees-personnelles.md", kinds.PAGE, "Données personnelles", rubrique="page", generated=False),
    PageEntry("plan-du-site.md", kinds.SITE_MAP, "Plan du site", generated=False),
]
# The navigation, by label: hand-written pages and the listing pages the data generates.
NAV_ORDER = ["Accueil", "Les aides", "Suis-je concerné\u00a0?", "Où s'adresser\u00a0?", "Rechercher", "Partenaires"]
NAV_ORDER += ["Pour les partenaires"]
NAV_ORDER += ["Données ouvertes", "Contribuer", "À propos"]


class Registry:
    """Every page of a catalogue's site, the view of each, and every other file the site holds."""

    def __init__(self, catalogue: Catalogue, base_url: str = "/") -> None:
        self.cat = catalogue
        self.pieces = Pieces(catalogue, base_url)
        self._last_view: tuple[Any, Any] = (None, None)

    @property
    def base_url(self) -> str:
        return self.pieces.base_url

    @property
    def site_view(self) -> SiteView:
        """What every page's header needs."""
        return self.pieces.site

    @cached_property
    def generated(self) -> list[PageEntry]:
        cat = self.cat
        pages = [
            PageEntry(urls.source_path(urls.CATALOGUE), kinds.CATALOGUE, "Les aides", 1, nav="Les aides"),
            PageEntry(urls.source_path(urls.PARTNERS), kinds.PARTNERS, "Les partenaires", nav="Partenaires"),
            PageEntry(urls.source_path(urls.CONTACTS), kinds.CONTACTS, "Où s'adresser ?", nav="Où s'adresser\u00a0?"),
        ]
        pages += [
            PageEntry(urls.source_path(urls.catalogue_page(n)), kinds.CATALOGUE, f"Les aides, page {n}", n)
            for n in range(2, self.pieces.listing.page_count + 1)
        ]
        pages += [
            PageEntry(urls.source_path(urls.aide(aid)), kinds.AID, aide.titre, aid, rubrique="aide", flux=urls.aide_feed(aid))
            for aid, aide in cat.aides.items()
        ]
        pages += [
            PageEntry(urls.source_path(urls.partenaire(pid)), kinds.PARTNER, p.nom, pid, rubrique="partenaire")
            for pid, p in cat.partenaires.items()
        ]
        pages += [
            PageEntry(urls.source_path(urls.convention(cid)), kinds.CONVENTION, c.titre, cid, rubrique="convention")
            for cid, c in cat.conventions.items()
        ]
        # A renamed or removed aid keeps its addresses, the page's and its embeddable view's.
        pages += [
            PageEntry(urls.source_path(address), kinds.REDIRECT, cat.aides[new].titre, new)
            for old, new in cat.redirects.items()
            for address in (urls.aide(old), urls.embed_aide(old))
        ]
        pages += [
            PageEntry(urls.source_path(address), kinds.ARCHIVE, archive.titre, aid)
            for aid, archive in cat.archives.items()
            for address in (urls.aide(aid), urls.embed_aide(aid))
        ]
        pages += self.partner_pages()
        return pages

    def partner_pages(self) -> list[PageEntry]:
        """Embeddable views (out of the nav and of search, under urls.EMBED_ROOT) and one printable sheet per région."""
        pages = [
            PageEntry(urls.source_path(urls.EMBED_CATALOGUE), kinds.EMBED_CATALOGUE, "Les aides", 1),
            PageEntry(urls.source_path(urls.EMBED_QUESTIONNAIRE), kinds.EMBED_QUESTIONNAIRE, "Suis-je concerné ?"),
        ]
        pages += [
            PageEntry(urls.source_path(urls.embed_aide(aid)), kinds.EMBED_AID, aide.titre, aid)
            for aid, aide in self.cat.aides.items()
        ]
        pages += [
            PageEntry(
                urls.source_path(urls.region_sheet(region.code)),
                kinds.REGION_SHEET,
                f"Les aides au logement {self.cat.region_name(region.code).lieu} : fiche à imprimer",
                region.code,
            )
            for region in self.cat.served_regions
        ]
        return pages

    def search_glob(self) -> str:
        """The files Pagefind reads: the indexed pages' only (an aid's folder, not its embeddable view's). Pagefind
        would find the others without a ``data-pagefind-body`` and skip them, after reading 20,000 files for nothing."""
        patterns = {_folder_pattern(entry) for entry in self.by_path.values() if entry.indexed}
        return "{" + ",".join(sorted(patterns)) + "}"

    def embed_roots(self) -> list[str]:
        """Where the embeddable views live: the only paths other sites may frame (csp.write_headers)."""
        return [urls.EMBED_ROOT]

    @cached_property
    def by_path(self) -> dict[str, PageEntry]:
        return {entry.path: entry for entry in [*HAND_WRITTEN, *self.generated]}

    def entry(self, path: str) -> PageEntry | None:
        return self.by_path.get(path)

    def view(self, entry: PageEntry) -> Any:
        """The complete view of a page's template; None for a plain hand-written page. Pages that show
        the same view one after the other (``view_identity`` order) get it built once."""
        build = entry.kind.view
        if build is None:
            return None
        identity = self.view_identity(entry)
        if self._last_view[0] != identity:
            self._last_view = (identity, build(self.pieces, entry.key))
        return self._last_view[1]

    def inputs(self, entry: PageEntry) -> str:
        """A fingerprint of the data a page is made from: an aid's page (and its embeddable view, its old
        addresses) reads its own file and the data shared by all pages, never another aid's; except the page
        of an aid no longer offered, which reads the current aids of its publics too (record_pages.alternatives)."""
        if not entry.kind.per_aid:
            return self.cat.fingerprint
        aid_id = str(entry.key)
        aide = self.cat.aides[aid_id]
        if self.cat.is_offered(aide):
            return self.cat.aid_fingerprint(aid_id)
        by_public = self.pieces.current_by_public
        return self.cat.aid_fingerprint(aid_id, *{other for public in aide.publics for other in by_public.get(public, [])})

    @staticmethod
    def view_identity(entry: PageEntry) -> tuple[str, str]:
        """Which view a page shows: equal for an aid's page and its embeddable view."""
        return entry.kind.view_name, str(entry.key)

    def nav(self) -> list[dict[str, str]]:
        """The site's navigation, as MkDocs reads it from its configuration."""
        listed = {entry.nav: entry.path for entry in self.by_path.values() if entry.nav}
        return [{label: listed[label]} for label in NAV_ORDER]

    def public_urls(self) -> list[str]:
        """Every address partners may have kept: pages and open data files, from the site root (« /aides/visale/ »)."""
        pages = [entry.url for entry in self.by_path.values()]
        return sorted({"/" + url for url in [*pages, *open_data_paths()]})

    def data_files(self) -> dict[str, str]:
        """The open data files (exports.py), path under the site root → content."""
        return data_files(self.cat, self.base_url, self.pieces.cards)

    def browser_files(self) -> dict[str, str]:
        """The JSON files the pages' scripts fetch, and the Atom feeds of changes."""
        titles = {aid_id: self.pieces.cards.aid(aid_id).titre for aid_id in self.cat.aides}
        contacts = {aid_id: aide.contacts for aid_id, aide in self.cat.aides.items()}
        feed_files = feeds.feed_files(self.pieces.history, titles, self.base_url, self.cat.today, contacts)
        return browser_files(self.pieces) | feed_files


def _folder_pattern(entry: PageEntry) -> str:
    """``aides/*/index.html`` for the pages of one kind of record, the page's own file for a single page."""
    if entry.key is None:
        return entry.url + "index.html"
    return entry.url.rstrip("/").rsplit("/", 1)[0] + "/*/index.html"
