"""The kinds of page: each one's name, template, view builder, frame and <head> lines, described once.

A generated page's template is its body; its frame is the theme's page around it (``frames.py``),
rendered once and filled in for each page. Hand-written pages (``content/``) use the same kinds:
their template is the whole page. Adding a kind: a template in ``overrides/``, a view builder in
the module of its page family (``record_pages``, ``list_pages``, ``partner_pages``), a line here,
and the pages that use it in ``registry.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aides.site import declaration, list_pages, partner_pages, record_pages
from aides.site.pieces import Pieces

EMBED_FRAME = "partials/integrer.html"  # an embeddable view's frame: the page without the site's header and menu


@dataclass(frozen=True, slots=True)
class PageKind:
    name: str
    template: str
    view: Callable[[Pieces, Any], Any] | None  # builds the page's view from its key; None: no view (plain content)
    frame: str = "main.html"
    head: str = "partials/tete.html"
    shows: str = ""  # the kind whose view this one shows (an embeddable view shows its page's): built once for both
    per_aid: bool = (
        False  # made from one aid's file and the shared data (an ended aid's also from the current aids: registry.inputs)
    )

    @property
    def view_name(self) -> str:
        return self.shows or self.name


AID = PageKind("aide", "aide.html", record_pages.aid, per_aid=True)
REDIRECT = PageKind("redirection", "redirection.html", record_pages.redirect, head="partials/tete-redirection.html", per_aid=True)
ARCHIVE = PageKind("archive", "archive.html", record_pages.archive, head="partials/tete-archive.html")
CONVENTION = PageKind("convention", "convention.html", record_pages.convention)
PARTNER = PageKind("partenaire", "partenaire.html", record_pages.partner)
PARTNERS = PageKind("partenaires", "partenaires.html", record_pages.partners)
CATALOGUE = PageKind("catalogue", "aides.html", list_pages.catalogue)
CONTACTS = PageKind("contacts", "contacts.html", list_pages.contacts)
QUESTIONNAIRE = PageKind("questionnaire", "eligibilite.html", list_pages.questionnaire)
SEARCH = PageKind("recherche", "recherche.html", list_pages.search)
REFERENCE = PageKind("reference", "contribuer.html", list_pages.reference)
SITE_MAP = PageKind("plan", "plan-du-site.html", list_pages.site_map)
DECLARATION = PageKind("declaration", "accessibilite.html", declaration.declaration)
HOME = PageKind("accueil", "accueil.html", list_pages.home)
TOOLS = PageKind("outils", "outils.html", partner_pages.tools)
REGION_SHEET = PageKind("feuille_region", "feuille-region.html", partner_pages.region_sheet)
EMBED_AID = PageKind("integrer_aide", "integrer-aide.html", record_pages.aid, EMBED_FRAME, shows="aide", per_aid=True)
EMBED_CATALOGUE = PageKind("integrer_catalogue", "integrer-aides.html", list_pages.catalogue, EMBED_FRAME, shows="catalogue")
EMBED_QUESTIONNAIRE = PageKind(
    "integrer_questionnaire", "integrer-eligibilite.html", list_pages.questionnaire, EMBED_FRAME, shows="questionnaire"
)
PAGE = PageKind("page", "main.html", None)  # hand-written content rendered by Material's own template
