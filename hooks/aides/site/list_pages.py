"""The pages that list: the static catalogue (/aides/ and its pages), search, the questionnaire,
contacts by territory, the site map, the home page's latest changes and the field reference."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aides.model import territory
from aides.model.formatting import sort_key
from aides.model.models import Territoire
from aides.site import urls
from aides.site.cards import BLANK_CONTACT, AidCard, ContactCard, ConventionSummary, Link
from aides.site.checkers import QuestionnaireView
from aides.site.emergency import EmergencyView
from aides.site.facets import DEFAULT_STATUS, KIND_CHOICES, Facet, FacetValue
from aides.site.listing import ENDED
from aides.site.pieces import ChangeView, FilterPanel, Pieces, t
from aides.site.reference import ModelDoc, field_reference

# Ended, suspended and exhausted schemes, and stale temporary measures, apart in the static list (listing.ENDED).
ENDED_HEADING = "Dispositifs terminés, fermés ou non confirmés"
BLANK_CARD = AidCard(id="", url="", titre="", resume="", publics=[], types=[], territoire="", statut="", avis="")


@dataclass(frozen=True, slots=True)
class ListGroup:
    id: str
    titre: str
    suite: bool  # the heading started on an earlier page
    aides: list[AidCard]


@dataclass(frozen=True, slots=True)
class ListHeading:
    id: str
    titre: str
    nombre: int
    page: int
    url: str


@dataclass(frozen=True, slots=True)
class PageLink:
    numero: int
    url: str


@dataclass(frozen=True, slots=True)
class CatalogueView:
    numero: int
    nombre_pages: int
    pages: list[PageLink]
    groupes: list[ListGroup]
    sommaire: list[ListHeading]
    total: int
    termines: int
    filtres: FilterPanel | None  # on the first page only
    modele_carte: AidCard  # the blank card lib/dom.js clones and fills (pages/catalogue.js)


@dataclass(frozen=True, slots=True)
class SearchView:
    filtres: FilterPanel


@dataclass(frozen=True, slots=True)
class ContactDepartement:
    code: str
    nom: str
    contacts: list[ContactCard]


@dataclass(frozen=True, slots=True)
class ContactRegion:
    code: str
    nom: str
    contacts: list[ContactCard]
    departements: list[ContactDepartement]
    a_des_contacts: bool


@dataclass(frozen=True, slots=True)
class ContactsView:
    national: list[ContactCard]
    regions: list[ContactRegion]
    # « Près de chez vous » (pages/contacts.js): contacts and partners with their zones, the aids each
    # contact serves, and what placing a commune needs (lookup files, départements, epci_of).
    repertoire: dict[str, Any] = field(default_factory=dict)
    modele_contact: ContactCard = BLANK_CONTACT
    urgences: EmergencyView | None = None  # the national emergency numbers, always shown here


@dataclass(frozen=True, slots=True)
class PlanView:
    aides: list[AidCard]
    partenaires: list[Link]
    conventions: list[ConventionSummary]


@dataclass(frozen=True, slots=True)
class ReferenceView:
    """/contribuer/: the field reference, and the repository's address when data/site.yml gives it."""

    modeles: tuple[ModelDoc, ...]
    depot: str  # "" until an editor fills ``depot`` in data/site.yml: then the page links to it


@dataclass(frozen=True, slots=True)
class HomeView:
    """The home page: the latest changes of the aids, and their feed."""

    changements: list[ChangeView]
    indisponible: str
    flux: str


def catalogue(p: Pieces, number: int) -> CatalogueView:
    """One page of the static catalogue; the first one also carries the filter form."""
    listing = p.listing
    page = listing.page(number)
    headings = listing.headings
    labels = {**p.cat.public_labels, ENDED: ENDED_HEADING}
    ended = headings.get(ENDED, (0, 0))[1]
    return CatalogueView(
        numero=page.number,
        nombre_pages=page.count,
        pages=[PageLink(n, urls.catalogue_page(n)) for n in range(1, page.count + 1)],
        groupes=[
            ListGroup(heading, t(labels[heading]), headings[heading][0] < page.number, [p.cards.aid(a) for a in ids])
            for heading, ids in page.runs
        ],
        sommaire=[
            ListHeading(heading, t(labels[heading]), count, start, urls.catalogue_page(start))
            for heading, (start, count) in headings.items()
        ],
        total=len(listing.order) - ended,
        termines=ended,
        filtres=p.filter_panel if page.number == 1 else None,
        modele_carte=BLANK_CARD,
    )


def search(p: Pieces, key: None = None) -> SearchView:
    """The search page: the kinds of page and the aid facets, without counts (they follow the words typed)."""
    kinds = Facet("rubrique", "Rubrique", [FacetValue(k, v, None) for k, v in KIND_CHOICES.items()])
    facets = p.facets
    return SearchView(
        FilterPanel([kinds, *facets.facets(with_counts=False)], facets.departements, facets.vocabulary, DEFAULT_STATUS)
    )


def questionnaire(p: Pieces, key: None = None) -> QuestionnaireView:
    return p.checkers.questionnaire(p.emergency)


def _reachable(p: Pieces) -> list[tuple[ContactCard, Territoire]]:
    """Everyone /contacts/ lists, each with its territory: the contacts, then the partners' public ways in."""
    found = [(p.cards.contact(cid), contact.territoire) for cid, contact in p.cat.contacts.items()]
    with_ways = sorted(
        (pid for pid, partner in p.cat.partenaires.items() if partner.acces), key=lambda pid: sort_key(p.cat.partenaires[pid].nom)
    )
    return found + [(p.cards.ways_in(pid), p.cat.partenaires[pid].territoire) for pid in with_ways]


def contacts(p: Pieces, key: None = None) -> ContactsView:
    """Contacts and partners' ways in by region, then by département; those for the whole country first."""
    every = _reachable(p)
    national = [card for card, where in every if where.national]
    regions = []
    for region in sorted(p.cat.regions, key=lambda r: sort_key(r.nom)):
        regional = [card for card, where in every if region.code in where.regions]
        departements = [
            ContactDepartement(dep.code, dep.nom, [card for card, where in every if dep.code in where.departements])
            for dep in p.cat.departements
            if dep.region == region.code
        ]
        has_contacts = bool(regional) or any(d.contacts for d in departements)
        regions.append(ContactRegion(region.code, region.nom, regional, departements, has_contacts))
    return ContactsView(national, regions, contacts_directory(p), urgences=p.emergency)


def contacts_directory(p: Pieces) -> dict[str, Any]:
    """What /contacts/ needs to answer « près de chez vous » in the browser, without the reference."""
    served: dict[str, list[dict[str, str]]] = {}
    for aid_id in p.cat.current_aids:
        card = p.cards.aid(aid_id)
        for contact in p.cards.reach(aid_id):
            zones = territory.zones(p.cat.aides[aid_id].territoire)  # a national contact serves it only where it exists
            served.setdefault(contact.id, []).append({"titre": card.titre, "url": card.url, "zones": zones})
    records = [card.browser_record() | {"aides": served.get(card.id, [])} for card, _ in _reachable(p)]
    ordered = sorted(p.cat.partenaires, key=lambda pid: sort_key(p.cat.partenaires[pid].nom))
    return {
        "contacts": records,
        "partenaires": [_partner_place(p, pid) for pid in ordered],
        "departements": {dep.code: [dep.nom, dep.region] for dep in p.cat.departements},
        "epci_of": p.cat.places["epci_of"],
        "communes": urls.COMMUNE_LOOKUP,
    }


def _partner_place(p: Pieces, partner_id: str) -> dict[str, Any]:
    link = p.cards.partner_link(partner_id)
    return {"nom": link.nom, "url": link.url, "zones": territory.zones(p.cat.partenaires[partner_id].territoire)}


def reference(p: Pieces, key: None = None) -> ReferenceView:
    return ReferenceView(field_reference(), p.cat.site.depot or "")


def site_map(p: Pieces, key: None = None) -> PlanView:
    """Every generated page, for the site map, each list in the French order of its names."""
    aids = sorted(p.cat.aides, key=lambda a: (sort_key(p.cat.aides[a].titre), a))
    partners = sorted(p.cat.partenaires, key=lambda pid: (sort_key(p.cat.partenaires[pid].nom), pid))
    conventions = sorted((p.cards.convention(cid) for cid in p.cat.conventions), key=lambda c: (c.tri == "", c.tri))
    return PlanView([p.cards.aid(a) for a in aids], [p.cards.partner_link(pid) for pid in partners], conventions)


def home(p: Pieces, key: None = None, limit: int = 10) -> HomeView:
    return HomeView([p.change(c) for c in p.history.latest(limit)], p.history.status or "", urls.SITE_FEED)
