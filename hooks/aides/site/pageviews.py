"""What each page shows: one typed view per page kind, complete for its template.

The page registry (``registry.py``) builds each page's view here and the adapter hands
it to the template as ``vue``; templates read nothing else of ours (they run with a
strict undefined for our views: a misspelt field fails the build). Shared pieces come
from leaf modules: cards (``cards.py``), question fields (``fields.py``), filters
(``facets.py``), checkers (``checkers.py``), territories (``territory.py``).

Every editor text goes through ``typography``; escaping is the templates' job (they
render with autoescape on). Amounts and dates are formatted by Babel (``formatting``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from aides.model import formatting as fmt
from aides.model import territory
from aides.model.catalogue import Catalogue
from aides.model.conditions import Node
from aides.model.labels import APPROXIMATIONS, PERIODICITIES, STATUS_NOTICES, STATUSES
from aides.model.models import Archive, Chiffre, Montant, SourceRef, Valeur
from aides.site import urls
from aides.site.cards import BLANK_CONTACT, AidCard, Cards, ContactCard, ConventionSummary, DatesView, Link, PartnerSummary
from aides.site.checkers import Checkers, CheckerView, QuestionnaireView, places_file
from aides.site.facets import ALL_PAGES_TERM, DEFAULT_STATUS, KIND_CHOICES, Departement, Facet, Facets, FacetValue, sort_key
from aides.site.fields import Fields, QuestionField
from aides.site.listing import ENDED, Listing
from aides.site.reference import ModelDoc, field_reference
from aides.site.sheets import PER_GROUP, GroupChoice, SheetChoices
from aides.trust import freshness
from aides.trust.history import History, aides_history

t = fmt.typography


def paragraphs(text: str | None) -> list[str]:
    """Editor text split on blank lines: paragraphs without any markup."""
    return [t(" ".join(block.split())) for block in (text or "").split("\n\n") if block.strip()]


# --- pieces of pages ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FigureView:
    valeur: str
    libelle: str
    contexte: str
    source: str


@dataclass(frozen=True, slots=True)
class SourceView:
    titre: str
    editeur: str
    date: str
    extraits: list[str]
    url: str


@dataclass(frozen=True, slots=True)
class RoleView:
    nom: str
    url: str
    role: str


@dataclass(frozen=True, slots=True)
class AmountView:
    libelle: str
    montant: str
    precision: str


@dataclass(frozen=True, slots=True)
class AmountRow:
    libelle: str
    valeurs: list[str]


@dataclass(frozen=True, slots=True)
class AmountTable:
    titre: str
    zones: list[str]
    lignes: list[AmountRow]
    note: str


@dataclass(frozen=True, slots=True)
class AmountsView:
    valeurs: list[AmountView]
    tableaux: list[AmountTable]
    precision: str


@dataclass(frozen=True, slots=True)
class ChangeView:
    """One change of an aid, as the public reads it (history.py)."""

    date: str
    iso: str  # the day, for <time datetime>
    titre: str
    url: str
    resume: str  # the French phrases, joined


@dataclass(frozen=True, slots=True)
class HistoryView:
    indisponible: str  # why the history is missing (shallow clone, outside git), "" when complete
    changements: list[ChangeView]
    flux: str  # the Atom feed's address


@dataclass(frozen=True, slots=True)
class StatusView:
    """What the status of an aid means, at the top of its page."""

    id: str
    libelle: str
    avis: str  # STATUS_NOTICES, "" for en_cours
    precision: str  # what the editor says about it (statut_precision)


@dataclass(frozen=True, slots=True)
class SearchData:
    """Pagefind's data of a page: filters (the URL's ids), sort key, result metadata."""

    filtres: dict[str, list[str]]
    tri: str


@dataclass(frozen=True, slots=True)
class FilterPanel:
    """The filter form of /aides/ and /recherche/ and what its script needs."""

    facettes: list[Facet]
    departements: list[Departement]
    vocabulaire: dict[str, Any]
    statut_defaut: list[str]


# --- page views -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AideView(AidCard):
    description: list[str]
    territoire_precision: str
    pour_qui: list[str]
    conditions: Node
    precisions_conditions: list[str]
    montant: AmountsView | None
    demarche: list[str]
    partenaires: list[RoleView]
    conventions: list[ConventionSummary]
    contacts: list[ContactCard]
    chiffres: list[FigureView]
    sources: list[SourceView]
    dates: DatesView
    etat: StatusView
    revue: str  # when the information is due for confirmation again
    historique: HistoryView
    debut: str
    fin: str
    validite_precision: str
    recherche: SearchData
    verificateur: CheckerView
    url_canonique: str  # the page's public address, printed, and drawn as a QR code by pages/impression.js


@dataclass(frozen=True, slots=True)
class ConventionView(ConventionSummary):
    duree: str
    objet: list[str]
    engagements: list[str]
    parties: list[RoleView]
    signataires: list[dict[str, Any]]
    aides: list[AidCard]
    suit: list[ConventionSummary]
    suivie_par: list[ConventionSummary]
    chiffres: list[FigureView]
    sources: list[SourceView]
    dates: DatesView


@dataclass(frozen=True, slots=True)
class PartenaireView(PartnerSummary):
    description: list[str]
    rattachement: Link | None
    membres: list[Link]
    territoire: str
    territoire_precision: str
    conventions: list[ConventionSummary]
    aides: list[AidCard]
    contacts: list[ContactCard]
    chiffres: list[FigureView]
    sources: list[SourceView]
    dates: DatesView


@dataclass(frozen=True, slots=True)
class PartnerGroup:
    titre: str
    partenaires: list[PartnerSummary]


@dataclass(frozen=True, slots=True)
class PartenairesView:
    groupes: list[PartnerGroup]


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
class RechercheView:
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


@dataclass(frozen=True, slots=True)
class PlanView:
    aides: list[AidCard]
    partenaires: list[Link]
    conventions: list[ConventionSummary]


@dataclass(frozen=True, slots=True)
class ReferenceView:
    modeles: list[ModelDoc]


@dataclass(frozen=True, slots=True)
class RedirectView:
    aide: AidCard


@dataclass(frozen=True, slots=True)
class ArchiveView:
    """The tombstone of an aid that no longer exists (data/archives/<id>.yml)."""

    titre: str
    retiree_le: str
    raison: list[str]
    remplacee_par: AidCard | None


@dataclass(frozen=True, slots=True)
class HomeView:
    """The home page: the latest changes of the aids, and their feed."""

    changements: list[ChangeView]
    indisponible: str
    flux: str


@dataclass(frozen=True, slots=True)
class SiteView:
    """What every page's header needs (the same object for all pages)."""

    statut_defaut: list[str]
    terme_tout: str = ALL_PAGES_TERM
    pagefind: str = urls.PAGEFIND
    adresses: dict[str, str] = field(default_factory=lambda: dict(urls.PATTERNS))


@dataclass(frozen=True, slots=True)
class AidChoice:
    id: str
    titre: str
    termine: bool


@dataclass(frozen=True, slots=True)
class OutilsView:
    """/pour-les-partenaires/: working examples and the link builder (pages/outils.js)."""

    aides: list[AidChoice]  # every aid, current ones first, for the builder's list
    exemple: AidChoice | None  # the aid the examples link to (none in a catalogue without aids)
    sections: dict[str, str]  # section anchors of an aid page (URL contract) → label
    filtres: FilterPanel
    questions: list[QuestionField]  # the questionnaire's questions, for prefilled answers
    donnees: dict[str, Any]  # what the script needs: question types, filter vocabulary
    adresses: dict[str, str]  # the pages a link can open, and their embeddable views
    feuilles: list[Link]  # the printable sheet of each région


@dataclass(frozen=True, slots=True)
class SheetAid:
    titre: str
    resume: str
    territoire: str
    avis: str  # the card's notice of information not confirmed, "" when there is none
    url: str
    url_canonique: str


@dataclass(frozen=True, slots=True)
class SheetList:
    """A filtered list of /aides/ that a sheet sends to: link, address written out, QR code (few: made at build time)."""

    url: str  # urls.CATALOGUE, for the `url` filter
    requete: str  # its query (urls.catalogue_query), written after it
    url_canonique: str
    qr_titre: str  # the accessible name of its QR code, drawn in the browser (pages/impression.js)


@dataclass(frozen=True, slots=True)
class SheetGroup:
    """One public on a région's sheet (sheets.py): a few aids, and the list of all of them."""

    id: str
    titre: str
    aides: list[SheetAid]
    autres: int  # aids of that list printed nowhere on the sheet
    liste: SheetList


@dataclass(frozen=True, slots=True)
class RegionSheetView:
    """/aides/region/<code>/imprimer/: a few of a région's current aids per public, where to find all of them, and its contacts."""

    code: str
    nom: str
    nombre: int  # the région's current aids, national ones included
    imprimees: int  # how many of them the sheet prints
    par_public: int  # at most this many per public (sheets.PER_GROUP)
    liste: SheetList  # every current aid of the région
    groupes: list[SheetGroup]
    contacts: list[ContactCard]


# Ended, suspended and exhausted schemes, apart in the static list (listing.ENDED).
ENDED_HEADING = "Dispositifs terminés ou fermés"
BLANK_CARD = AidCard(id="", url="", titre="", resume="", publics=[], types=[], territoire="", statut="", avis="")


class PageViews:
    """Builds the view of each page kind from the catalogue."""

    def __init__(self, catalogue: Catalogue, base_url: str = "/") -> None:
        self.cat = catalogue
        self.base_url = base_url  # the site's public address (exports and printed pages need it whole)
        self.cards = Cards(catalogue)
        self.fields = Fields(catalogue)
        self.checkers = Checkers(catalogue, self.fields)
        self.facets = Facets(catalogue)
        self.listing = Listing(catalogue)
        self.site = SiteView(statut_defaut=DEFAULT_STATUS)

    @cached_property
    def history(self) -> History:
        """The aids' history from git, read once per build (empty, with its reason, outside git)."""
        return aides_history()

    def change(self, change: Any) -> ChangeView:
        day = change.date[:10]
        return ChangeView(
            fmt.date(dt.date.fromisoformat(day)), day, t(change.titre), urls.aide(change.aide), t(" ; ".join(change.changes))
        )

    def history_of(self, aide_id: str) -> HistoryView:
        known = aide_id in self.cat.aides
        changes = [self.change(change) for change in self.history.of(aide_id)] if known else []
        return HistoryView(self.history.status or "", changes, urls.aide_feed(aide_id))

    # --- pieces ---------------------------------------------------------------------

    def figure(self, chiffre: Chiffre) -> FigureView:
        if chiffre.unite == "euros":
            value = fmt.euros(chiffre.valeur)
        elif chiffre.unite == "pourcentage":
            value = fmt.percent(chiffre.valeur)
        else:
            value = fmt.number(chiffre.valeur)
        context = [text for text in (chiffre.periode, chiffre.territoire) if text]
        return FigureView(
            APPROXIMATIONS[chiffre.approximation.value] + value,
            t(chiffre.libelle),
            t(", ".join(context)),
            self.cat.sources[chiffre.source].titre,
        )

    def sources(self, refs: list[SourceRef]) -> list[SourceView]:
        """One entry per article, with every passage quoted from it."""
        extracts: dict[str, list[str]] = {}
        for ref in refs:
            extracts.setdefault(ref.article, [])
            if ref.extrait:
                extracts[ref.article].append(t(ref.extrait))
        views = []
        for article, quotes in extracts.items():
            source = self.cat.sources[article]
            date = fmt.date(source.date) if source.date else t(source.date_texte or "date non précisée")
            views.append(SourceView(t(source.titre), t(source.editeur or ""), date, quotes, source.url or ""))
        return views

    def role(self, partner_id: str, role: str) -> RoleView:
        link = self.cards.partner_link(partner_id)
        return RoleView(link.nom, link.url, t(role))

    def amount(self, valeur: Valeur) -> AmountView:
        amount = fmt.euros(valeur.montant) if valeur.montant is not None else fmt.percent(valeur.pourcentage)
        text = amount + PERIODICITIES[valeur.periodicite]
        if valeur.duree_max_mois:
            text += f", pendant {valeur.duree_max_mois}{fmt.NBSP}mois au plus"
        return AmountView(t(valeur.libelle), text, t(valeur.precision or ""))

    def amounts(self, montant: Montant | None) -> AmountsView | None:
        if montant is None:
            return None
        tables = [
            AmountTable(
                t(table.titre),
                [t(zone.libelle) for zone in table.zones],
                [
                    AmountRow(
                        t(line.libelle), [fmt.euros(line.valeurs[z.id]) if z.id in line.valeurs else "" for z in table.zones]
                    )
                    for line in table.lignes
                ],
                t(table.note or ""),
            )
            for table in montant.tableaux
        ]
        return AmountsView([self.amount(valeur) for valeur in montant.valeurs], tables, t(montant.precision or ""))

    @cached_property
    def filter_panel(self) -> FilterPanel:
        return FilterPanel(self.facets.facets(), self.facets.departements, self.facets.vocabulary, DEFAULT_STATUS)

    # --- pages ----------------------------------------------------------------------

    def aide(self, aide_id: str) -> AideView:
        aide = self.cat.aides[aide_id]
        validite = aide.validite
        card = self.cards.aid(aide_id)
        return AideView(
            **{name: getattr(card, name) for name in AidCard.__dataclass_fields__},
            description=paragraphs(aide.description),
            territoire_precision=t(aide.territoire.precision or ""),
            pour_qui=[t(text) for text in aide.pour_qui],
            conditions=self.cat.rules[aide_id],
            precisions_conditions=[t(text) for text in aide.precisions_conditions],
            montant=self.amounts(aide.montant),
            demarche=[t(text) for text in aide.demarche],
            partenaires=[self.role(role.partenaire, role.role) for role in aide.partenaires],
            conventions=[self.cards.convention(conv_id) for conv_id in self.cat.conventions_by_aide.get(aide_id, [])],
            contacts=[self.cards.contact(contact_id) for contact_id in aide.contacts],
            chiffres=[self.figure(chiffre) for chiffre in aide.chiffres],
            sources=self.sources(aide.sources),
            dates=self.cards.dates(aide, aide.sources),
            etat=self.status(aide_id),
            revue=self.review(aide_id),
            historique=self.history_of(aide_id),
            debut=fmt.date(validite.debut) if validite.debut else "",
            fin=fmt.date(validite.fin) if validite.fin else "",
            validite_precision=t(validite.precision or ""),
            recherche=SearchData(self.facets.filters(aide_id), sort_key(aide.titre)),
            verificateur=self.checkers.checker(aide_id),
            url_canonique=self.base_url + card.url,
        )

    def status(self, aide_id: str) -> StatusView:
        aide = self.cat.aides[aide_id]
        status = self.cat.status(aide)
        precision = t(aide.statut_precision or "") if status == aide.statut else ""
        return StatusView(status, STATUSES[status], t(STATUS_NOTICES.get(status, "")), precision)

    def review(self, aide_id: str) -> str:
        due = freshness.review_date(self.cat, self.cat.aides[aide_id])
        return fmt.date(due) if due else ""

    def convention(self, conv_id: str) -> ConventionView:
        convention = self.cat.conventions[conv_id]
        later = [other for other, conv in self.cat.conventions.items() if conv_id in conv.suit]
        summary = self.cards.convention(conv_id)
        return ConventionView(
            **{name: getattr(summary, name) for name in ConventionSummary.__dataclass_fields__},
            duree=t(convention.duree or ""),
            objet=paragraphs(convention.objet),
            engagements=[t(text) for text in convention.engagements],
            parties=[self.role(role.partenaire, role.role) for role in convention.parties],
            signataires=[
                {"nom": t(s.nom), "fonction": t(s.fonction), "partenaire": self.cards.partner_link(s.partenaire)}
                for s in convention.signataires
            ],
            aides=[self.cards.aid(aide_id) for aide_id in convention.aides],
            suit=[self.cards.convention(other) for other in convention.suit],
            suivie_par=[self.cards.convention(other) for other in later],
            chiffres=[self.figure(chiffre) for chiffre in convention.chiffres],
            sources=self.sources(convention.sources),
            dates=self.cards.dates(convention, convention.sources),
        )

    def partenaire(self, partner_id: str) -> PartenaireView:
        partner = self.cat.partenaires[partner_id]
        conventions = [self.cards.convention(c) for c in self.cat.conventions_by_partenaire.get(partner_id, [])]
        conventions.sort(key=lambda conv: (conv.tri == "", conv.tri, conv.titre))
        members = [pid for pid, other in self.cat.partenaires.items() if other.rattachement == partner_id]
        summary = self.cards.partner(partner_id)
        return PartenaireView(
            **{name: getattr(summary, name) for name in PartnerSummary.__dataclass_fields__},
            description=paragraphs(partner.description),
            rattachement=self.cards.partner_link(partner.rattachement) if partner.rattachement else None,
            membres=[self.cards.partner_link(member) for member in members],
            territoire=self.cards.territory(partner.territoire),
            territoire_precision=t(partner.territoire.precision or ""),
            conventions=conventions,
            aides=[self.cards.aid(aide_id) for aide_id in self.cat.aides_by_partenaire.get(partner_id, [])],
            contacts=[self.cards.contact(cid) for cid, contact in self.cat.contacts.items() if contact.partenaire == partner_id],
            chiffres=[self.figure(chiffre) for chiffre in partner.chiffres],
            sources=self.sources(partner.sources),
            dates=self.cards.dates(partner, partner.sources),
        )

    def partenaires(self) -> PartenairesView:
        """Partners grouped by category, in a stable order."""
        groups: dict[str, list[PartnerSummary]] = {label: [] for label in self.cat.category_labels.values()}
        for partner_id in sorted(self.cat.partenaires, key=lambda pid: self.cat.partenaires[pid].nom.lower()):
            summary = self.cards.partner(partner_id)
            groups[summary.categorie].append(summary)
        return PartenairesView([PartnerGroup(label, items) for label, items in groups.items() if items])

    def catalogue(self, number: int) -> CatalogueView:
        """One page of the static catalogue; the first one also carries the filter form."""
        listing = self.listing
        page = listing.page(number)
        headings = listing.headings
        labels = {**self.cat.public_labels, ENDED: ENDED_HEADING}
        ended = headings.get(ENDED, (0, 0))[1]
        return CatalogueView(
            numero=page.number,
            nombre_pages=page.count,
            pages=[PageLink(n, urls.catalogue_page(n)) for n in range(1, page.count + 1)],
            groupes=[
                ListGroup(heading, t(labels[heading]), headings[heading][0] < page.number, [self.cards.aid(a) for a in ids])
                for heading, ids in page.runs
            ],
            sommaire=[
                ListHeading(heading, t(labels[heading]), count, start, urls.catalogue_page(start))
                for heading, (start, count) in headings.items()
            ],
            total=len(listing.order) - ended,
            termines=ended,
            filtres=self.filter_panel if page.number == 1 else None,
            modele_carte=BLANK_CARD,
        )

    def recherche(self) -> RechercheView:
        """The search page: the kinds of page and the aid facets, without counts (they follow the words typed)."""
        kinds = Facet("rubrique", "Rubrique", [FacetValue(k, v, None) for k, v in KIND_CHOICES.items()])
        panel = FilterPanel(
            [kinds, *self.facets.facets(with_counts=False)], self.facets.departements, self.facets.vocabulary, DEFAULT_STATUS
        )
        return RechercheView(panel)

    def questionnaire(self) -> QuestionnaireView:
        return self.checkers.questionnaire()

    def contacts(self) -> ContactsView:
        """Contacts by region, then by département; national contacts first."""
        contacts = self.cat.contacts
        national = [self.cards.contact(cid) for cid, c in contacts.items() if c.territoire.national]
        regions = []
        for region in sorted(self.cat.regions, key=lambda r: r.nom):
            regional = [self.cards.contact(cid) for cid, c in contacts.items() if region.code in c.territoire.regions]
            departements = [
                ContactDepartement(
                    dep.code,
                    dep.nom,
                    [self.cards.contact(cid) for cid, c in contacts.items() if dep.code in c.territoire.departements],
                )
                for dep in self.cat.departements
                if dep.region == region.code
            ]
            has_contacts = bool(regional) or any(d.contacts for d in departements)
            regions.append(ContactRegion(region.code, region.nom, regional, departements, has_contacts))
        return ContactsView(national, regions, self.contacts_directory())

    def contacts_directory(self) -> dict[str, Any]:
        """What /contacts/ needs to answer « près de chez vous » in the browser, without the reference."""
        served: dict[str, list[dict[str, str]]] = {}
        for aide_id in self.cat.current_aids:
            card = self.cards.aid(aide_id)
            for contact_id in self.cat.aides[aide_id].contacts:
                served.setdefault(contact_id, []).append({"titre": card.titre, "url": card.url})
        contacts = [self.cards.contact(cid).browser_record() | {"aides": served.get(cid, [])} for cid in self.cat.contacts]
        ordered = sorted(self.cat.partenaires, key=lambda pid: sort_key(self.cat.partenaires[pid].nom))
        partners = [self._partner_place(pid) for pid in ordered]
        return {
            "contacts": contacts,
            "partenaires": partners,
            "departements": {dep.code: [dep.nom, dep.region] for dep in self.cat.departements},
            "epci_of": self.cat.places["epci_of"],
            "communes": urls.COMMUNE_LOOKUP,
        }

    def _partner_place(self, partner_id: str) -> dict[str, Any]:
        link = self.cards.partner_link(partner_id)
        return {"nom": link.nom, "url": link.url, "zones": territory.zones(self.cat.partenaires[partner_id].territoire)}

    def reference(self) -> ReferenceView:
        return ReferenceView(field_reference())

    def plan(self) -> PlanView:
        """Every generated page, for the site map."""
        aids = sorted(self.cat.aides, key=lambda a: self.cat.aides[a].titre.lower())
        partners = sorted(self.cat.partenaires, key=lambda p: self.cat.partenaires[p].nom.lower())
        conventions = sorted((self.cards.convention(cid) for cid in self.cat.conventions), key=lambda c: (c.tri == "", c.tri))
        return PlanView([self.cards.aid(a) for a in aids], [self.cards.partner_link(p) for p in partners], conventions)

    def redirect(self, aide_id: str) -> RedirectView:
        return RedirectView(self.cards.aid(aide_id))

    def archive(self, archive_id: str) -> ArchiveView:
        archive: Archive = self.cat.archives[archive_id]
        successor = archive.remplacee_par
        return ArchiveView(
            t(archive.titre),
            fmt.date(archive.retiree_le),
            paragraphs(archive.raison),
            self.cards.aid(successor) if successor else None,
        )

    def home(self, limit: int = 10) -> HomeView:
        return HomeView([self.change(c) for c in self.history.latest(limit)], self.history.status or "", urls.SITE_FEED)

    # --- partners ---------------------------------------------------------------------

    def aid_choices(self) -> list[AidChoice]:
        current = self.cat.current_aids
        offered = set(current)
        ended = sorted((a for a in self.cat.aides if a not in offered), key=lambda a: sort_key(self.cat.aides[a].titre))
        return [AidChoice(a, t(self.cat.aides[a].titre), a not in offered) for a in [*current, *ended]]

    def outils(self) -> OutilsView:
        questionnaire = self.questionnaire()
        choices = self.aid_choices()
        panel = self.filter_panel
        return OutilsView(
            aides=choices,
            # An aid with every section of the URL contract (#montant is there only when it has amounts).
            exemple=next((c for c in choices if self.cat.aides[c.id].montant and not c.termine), next(iter(choices), None)),
            sections=dict(urls.AID_SECTIONS),
            filtres=panel,
            questions=questionnaire.questions,
            donnees={
                "questions": questionnaire.donnees["questions"],
                "lieux": questionnaire.donnees["lieux"],  # the territorial lists are filled from it (lib/places.js)
                "vocabulaire": panel.vocabulaire,
            },
            adresses={
                "aide": urls.PATTERNS["aide"],
                "integrer_aide": urls.PATTERNS["integrer_aide"],
                "catalogue": urls.CATALOGUE,
                "integrer_catalogue": urls.EMBED_CATALOGUE,
                "questionnaire": urls.QUESTIONNAIRE,
                "integrer_questionnaire": urls.EMBED_QUESTIONNAIRE,
                "script_hote": urls.EMBED_HOST_SCRIPT,
            },
            feuilles=[Link(region.nom, urls.region_sheet(region.code)) for region in self.sheet_regions()],
        )

    def applies_in(self, territoire: Any, region: str) -> bool:
        """Whether a territory (of an aid or a contact) covers part of a région; the whole country does."""
        if territoire.national:
            return True
        return region in self.cat.regions_of(territoire)

    def sheet_regions(self) -> list[Any]:
        """The régions that get a printable sheet: those with a current aid or a contact."""
        current = self.cat.current_aids
        return [
            region
            for region in sorted(self.cat.regions, key=lambda r: sort_key(r.nom))
            if any(self.applies_in(self.cat.aides[a].territoire, region.code) for a in current)
            or any(self.applies_in(c.territoire, region.code) for c in self.cat.contacts.values())
        ]

    def region_sheet(self, code: str) -> RegionSheetView:
        region = next(r for r in self.cat.regions if r.code == code)
        name = t(region.nom)
        groups = [self.sheet_group(choice, code, name) for choice in self.sheet_choices.groups(code)]
        contacts = [self.cards.contact(cid) for cid, c in self.cat.contacts.items() if self.applies_in(c.territoire, code)]
        whole = self.sheet_list([("region", code)], f"Code QR de la liste des aides en cours en {name}")
        count = len(self.sheet_choices.by_region[code])
        printed = sum(len(group.aides) for group in groups)
        return RegionSheetView(code, name, count, printed, PER_GROUP, whole, groups, contacts)

    @cached_property
    def sheet_choices(self) -> SheetChoices:
        return SheetChoices(self.cat)

    def sheet_group(self, choice: GroupChoice, code: str, region_name: str) -> SheetGroup:
        label = t(self.cat.public_labels[choice.public])
        title = f"Code QR de la liste des aides «{fmt.NBSP}{label}{fmt.NBSP}» en {region_name}"
        return SheetGroup(
            choice.public,
            label,
            [self.sheet_aid(aide_id) for aide_id in choice.printed],
            choice.others,
            self.sheet_list([("region", code), ("public", choice.public)], title),
        )

    def sheet_aid(self, aide_id: str) -> SheetAid:
        card = self.cards.aid(aide_id)
        return SheetAid(card.titre, card.resume, card.territoire, card.avis, card.url, self.base_url + card.url)

    def sheet_list(self, filters: list[tuple[str, str]], title: str) -> SheetList:
        """A filtered catalogue with its QR code: one per address and process (qr.drawing), a handful per sheet."""
        query = urls.catalogue_query(filters)
        address = f"{self.base_url}{urls.CATALOGUE}?{query}"
        return SheetList(urls.CATALOGUE, query, address, f"{title}{fmt.NBSP}: {address}")

    # --- files the browser fetches ----------------------------------------------------

    def browser_files(self) -> dict[str, str]:
        """The /aides/ filter index and one small card per aid, fetched by the catalogue's script; the
        places tables and territorial lists, fetched by the checkers (checkers.places_file)."""
        files = {
            urls.CATALOGUE_INDEX: _compact_json(self.facets.catalogue_index(self.listing.ids)),
            urls.PLACES_FILE: _compact_json(places_file(self.cat, self.fields)),
        }
        for aide_id in self.cat.aides:
            files[urls.aid_card(aide_id)] = _compact_json(self.cards.aid(aide_id).browser_card())
        return files


def _compact_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
