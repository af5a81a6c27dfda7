"""Every URL of the site, in one place: pages, data files and the patterns the browser uses.

A leaf module (it imports nothing of ours), so that any module can build a link without
depending on the page registry (``registry.py``), which uses these functions for the
pages it lists. URLs are relative to the site root, with a trailing slash for pages
(``aides/visale/``): templates pass them through MkDocs' ``url`` filter, exports prefix
the site's base URL. Partners link to these addresses: they never change meaning.
"""

from __future__ import annotations

from urllib.parse import urlencode

# The static (no-JavaScript) catalogue is split into pages: /aides/, /aides/liste/2/…
# An aid id could be "liste", but its page is /aides/liste/index.html, which never
# collides with /aides/liste/2/index.html.
LIST_DIR = "aides/liste"

HOME = ""
CATALOGUE = "aides/"
PARTNERS = "partenaires/"
CONTACTS = "contacts/"
QUESTIONNAIRE = "eligibilite/"
SEARCH = "recherche/"
OPEN_DATA = "donnees/"
SITE_MAP = "plan-du-site/"
CONTRIBUTE = "contribuer/"
ABOUT = "a-propos/"
ACCESSIBILITY = "accessibilite/"
LEGAL_NOTICE = "mentions-legales/"
PERSONAL_DATA = "donnees-personnelles/"
PAGEFIND = "pagefind/"
# Atom feeds of the changes (feeds.py writes them; same paths).
SITE_FEED = "modifications.xml"
# Editors' review list, published with the open data (review.py).
REVIEW = "donnees/revue.json"

# Files the browser downloads on demand (not open data: internal formats).
CATALOGUE_INDEX = "aides/catalogue.json"  # the /aides/ filter index (facets.catalogue_index)
COMMUNE_LOOKUP = "assets/communes/"  # copy of referentiel/territoires/recherche/ (lib/model/place-names.js)
QUESTIONNAIRE_RULES = "assets/questionnaire.json"  # the /eligibilite/ rules (checkers.questionnaire_data)
# The places tables and territorial choice lists, the same for every page and every person: fetched by the
# checkers (lib/places.js) instead of being in each page (checkers.places_file).
PLACES_FILE = "assets/lieux.json"

# Patterns with an {id} placeholder, for the browser: a page ships those it needs
# (a data attribute), so no script rebuilds an address by hand.
PATTERNS = {
    "aide": "aides/{id}/",
    "carte": "aides/{id}/carte.json",
    "partenaire": "partenaires/{id}/",
    "convention": "conventions/{id}/",
}


# The pages templates link to, by the name they use (``{{ adresse.aides | url }}``): no template writes an address.
PAGES = {
    "accueil": HOME,
    "aides": CATALOGUE,
    "partenaires": PARTNERS,
    "contacts": CONTACTS,
    "eligibilite": QUESTIONNAIRE,
    "recherche": SEARCH,
    "donnees": OPEN_DATA,
    "plan_du_site": SITE_MAP,
    "contribuer": CONTRIBUTE,
    "a_propos": ABOUT,
    "accessibilite": ACCESSIBILITY,
    "mentions_legales": LEGAL_NOTICE,
    "donnees_personnelles": PERSONAL_DATA,
    "pagefind": PAGEFIND,
}


def aide(aid_id: str) -> str:
    return PATTERNS["aide"].format(id=aid_id)


def aid_card(aid_id: str) -> str:
    """The small JSON card of an aid that the /aides/ filters fetch (cards.AidCard.browser_card)."""
    return PATTERNS["carte"].format(id=aid_id)


def aide_feed(aid_id: str) -> str:
    """The Atom feed of one aid's changes."""
    return aide(aid_id) + SITE_FEED


def partenaire(partner_id: str) -> str:
    return PATTERNS["partenaire"].format(id=partner_id)


def convention(agreement_id: str) -> str:
    return PATTERNS["convention"].format(id=agreement_id)


def catalogue_page(number: int) -> str:
    """Page ``number`` of the static catalogue: /aides/ first, then /aides/liste/<n>/."""
    return CATALOGUE if number == 1 else f"{LIST_DIR}/{number}/"


def catalogue_query(filters: list[tuple[str, str]]) -> str:
    """The query of ``/aides/`` that applies ``filters`` (parameter, id), in order: ``region=93&public=jeunes``.

    Kept apart from the path: MkDocs' ``url`` filter would mangle a path with a query."""
    return urlencode(filters)


def open_data(name: str) -> str:
    return OPEN_DATA + name


def record_page(folder: str, record_id: str) -> str:
    """The page of a data file, by its folder in data/ (``aides``, ``partenaires``, ``conventions``)."""
    return PATTERNS[RECORD_FOLDERS[folder]].format(id=record_id)


RECORD_FOLDERS = {"aides": "aide", "partenaires": "partenaire", "conventions": "convention"}


def source_path(url: str) -> str:
    """The Markdown path MkDocs serves at ``url``: ``aides/visale/`` → ``aides/visale.md``."""
    stem = url.rstrip("/")
    if stem in ("", *(page.rstrip("/") for page in (CATALOGUE, PARTNERS, CONTACTS))):
        return f"{stem}/index.md" if stem else "index.md"
    return f"{stem}.md"


# --- partners: tools page, embeddable views, printable regional sheets ------------------

PARTNER_TOOLS = "pour-les-partenaires/"  # not under partenaires/: a partner id could be « outils »
EMBED_ROOT = "integrer/"  # every embeddable view lives here, and nothing else: framing rules follow it
EMBED_CATALOGUE = "integrer/aides/"  # reads the same query as /aides/
EMBED_QUESTIONNAIRE = "integrer/eligibilite/"  # reads the same fragment as /eligibilite/
EMBED_HOST_SCRIPT = "assets/js/integrer.js"  # runs on the partner's page: keeps the iframe's height right
HEADERS_FILE = "_headers"  # HTTP headers for Netlify and Cloudflare Pages
# Section anchors of an aid page (URL contract), with their French labels, for the link builder.
AID_SECTIONS = {
    "pour-qui": "Pour qui\u00a0?",
    "conditions": "Conditions",
    "montant": "Montant",
    "demarche": "Comment en bénéficier\u00a0?",
    "contacts": "Où s'adresser\u00a0?",
    "sources": "Sources",
}
PATTERNS["integrer_aide"] = EMBED_ROOT + "aides/{id}/"
PATTERNS["feuille_region"] = "aides/region/{id}/imprimer/"


def embed_aide(aid_id: str) -> str:
    return PATTERNS["integrer_aide"].format(id=aid_id)


def region_sheet(region_code: str) -> str:
    """The printable sheet of a région's aids and contacts, for counters and notice boards."""
    return PATTERNS["feuille_region"].format(id=region_code)
