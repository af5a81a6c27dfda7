"""The pages of one record: an aid (and its old addresses: redirect, archive), a convention, a partner,
and the list of partners. Each view holds its record's card (``cards.py``) and adds what the page shows."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

from aides.model import formatting as fmt
from aides.model.access import Acces
from aides.model.conditions import Node
from aides.model.formatting import sort_key
from aides.model.models import Archive
from aides.site import urls
from aides.site.cards import AidCard, ContactCard, ConventionSummary, DatesView, Link, PartnerSummary
from aides.site.checkers import CheckerView
from aides.site.emergency import EmergencyView, concerns
from aides.site.pieces import (
    AmountsView,
    FigureView,
    HistoryView,
    Pieces,
    RoleView,
    SourceView,
    StatusView,
    paragraphs,
    t,
)


@dataclass(frozen=True, slots=True)
class SearchData:
    """Pagefind's data of an aid page: filters (the URL's ids) and sort key."""

    filtres: dict[str, list[str]]
    tri: str


@dataclass(frozen=True, slots=True)
class PublicList:
    """The catalogue filtered on one public: its label, its query (urls.catalogue_query), how many current aids."""

    libelle: str
    requete: str
    nombre: int


@dataclass(frozen=True, slots=True)
class Alternatives:
    """What an aid that can no longer be asked for points to: current aids for the same publics."""

    aides: list[AidCard]  # those sharing its rarest publics first, at most ALTERNATIVES_SHOWN
    listes: list[PublicList]  # the filtered catalogue of each of its publics that has a current aid


ALTERNATIVES_SHOWN = 3  # a phone shows three cards in two screens; each public's list gives the others


@dataclass(frozen=True, slots=True)
class AidView:
    carte: AidCard
    description: list[str]
    territoire_precision: str
    pour_qui: list[str]
    conditions: Node
    precisions_conditions: list[str]
    montant: AmountsView | None
    demarche: list[str]
    partenaires: list[RoleView]
    conventions: list[ConventionSummary]
    contacts: list[ContactCard]  # its own contacts, then its partners' ways in (Cards.reach)
    contacts_propres: int  # how many of them are the aid's own contacts
    chiffres: list[FigureView]
    sources: list[SourceView]
    dates: DatesView
    etat: StatusView
    revue: str  # when the information is due for confirmation again, in a sentence (Pieces.review)
    historique: HistoryView
    debut: str
    fin: str
    validite_precision: str
    recherche: SearchData
    verificateur: CheckerView
    url_canonique: str  # the page's public address, printed, and drawn as a QR code by pages/impression.js
    urgences: EmergencyView | None  # the emergency numbers, for an aid about violence or losing one's home
    alternatives: Alternatives | None  # for an aid no longer offered (ended, suspended, exhausted)


@dataclass(frozen=True, slots=True)
class ConventionView:
    carte: ConventionSummary
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
class WayIn:
    """One way to reach a partner, with the page of its own site it was read on."""

    libelle: str  # « Site », « Téléphone », « En ligne »
    texte: str  # what the link shows: the address, the number, what the form is for
    lien: str  # https://…, tel:…
    precision: str
    source: str


@dataclass(frozen=True, slots=True)
class WaysInView:
    moyens: list[WayIn]
    releve_le: str


@dataclass(frozen=True, slots=True)
class PartnerView:
    carte: PartnerSummary
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
    acces: WaysInView | None = None


@dataclass(frozen=True, slots=True)
class PartnerGroup:
    titre: str
    partenaires: list[PartnerSummary]


@dataclass(frozen=True, slots=True)
class PartnersView:
    groupes: list[PartnerGroup]


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


def aid(p: Pieces, aid_id: str) -> AidView:
    aide = p.cat.aides[aid_id]
    validite = aide.validite
    card = p.cards.aid(aid_id)
    return AidView(
        carte=card,
        description=paragraphs(aide.description),
        territoire_precision=t(aide.territoire.precision or ""),
        pour_qui=[t(text) for text in aide.pour_qui],
        conditions=p.cat.rules[aid_id],
        precisions_conditions=[t(text) for text in aide.precisions_conditions],
        montant=p.amounts(aide.montant),
        demarche=[t(text) for text in aide.demarche],
        partenaires=[p.role(role.partenaire, role.role) for role in aide.partenaires],
        conventions=[p.cards.convention(agreement_id) for agreement_id in p.cat.conventions_by_aide.get(aid_id, [])],
        contacts=p.cards.reach(aid_id),
        contacts_propres=len(aide.contacts),
        chiffres=[p.figure(chiffre) for chiffre in aide.chiffres],
        sources=p.sources(aide.sources),
        dates=p.cards.dates(aide, aide.sources),
        etat=p.status(aid_id),
        revue=p.review(aid_id),
        historique=p.history_of(aid_id),
        debut=fmt.date(validite.debut) if validite.debut else "",
        fin=fmt.date(validite.fin) if validite.fin else "",
        validite_precision=t(validite.precision or ""),
        recherche=SearchData(p.facets.filters(aid_id), sort_key(aide.titre)),
        verificateur=p.checkers.checker(aid_id),
        url_canonique=p.base_url + card.url,
        urgences=p.emergency if concerns(p.cat, aid_id) else None,
        alternatives=None if p.cat.is_offered(aide) else alternatives(p, aid_id),
    )


def alternatives(p: Pieces, aid_id: str) -> Alternatives:
    """The current aids sharing the publics of an aid, those sharing its rarest publics first (a public
    with few aids says more about who it is for than « salariés »), then in the order of titles."""
    by_public = p.current_by_public
    publics = [public for public in p.cat.aides[aid_id].publics if by_public.get(public)]
    weight: dict[str, float] = {}
    for public in publics:
        for other in by_public[public]:
            weight[other] = weight.get(other, 0) + 1 / len(by_public[public])
    rank = p.current_rank
    best = heapq.nsmallest(ALTERNATIVES_SHOWN, weight, key=lambda other: (-weight[other], rank[other]))
    lists = [
        PublicList(t(p.cat.public_labels[public]), urls.catalogue_query([("public", public)]), len(by_public[public]))
        for public in publics
    ]
    return Alternatives([p.cards.aid(other) for other in best], lists)


def convention(p: Pieces, agreement_id: str) -> ConventionView:
    convention = p.cat.conventions[agreement_id]
    later = [other for other, conv in p.cat.conventions.items() if agreement_id in conv.suit]
    return ConventionView(
        carte=p.cards.convention(agreement_id),
        duree=t(convention.duree or ""),
        objet=paragraphs(convention.objet),
        engagements=[t(text) for text in convention.engagements],
        parties=[p.role(role.partenaire, role.role) for role in convention.parties],
        signataires=[
            {"nom": t(s.nom), "fonction": t(s.fonction), "partenaire": p.cards.partner_link(s.partenaire)}
            for s in convention.signataires
        ],
        aides=[p.cards.aid(aid_id) for aid_id in convention.aides],
        suit=[p.cards.convention(other) for other in convention.suit],
        suivie_par=[p.cards.convention(other) for other in later],
        chiffres=[p.figure(chiffre) for chiffre in convention.chiffres],
        sources=p.sources(convention.sources),
        dates=p.cards.dates(convention, convention.sources),
    )


def partner(p: Pieces, partner_id: str) -> PartnerView:
    record = p.cat.partenaires[partner_id]
    conventions = [p.cards.convention(c) for c in p.cat.conventions_by_partenaire.get(partner_id, [])]
    conventions.sort(key=lambda conv: (conv.tri == "", conv.tri, conv.titre))
    members = [pid for pid, other in p.cat.partenaires.items() if other.rattachement == partner_id]
    return PartnerView(
        carte=p.cards.partner(partner_id),
        description=paragraphs(record.description),
        rattachement=p.cards.partner_link(record.rattachement) if record.rattachement else None,
        membres=[p.cards.partner_link(member) for member in members],
        territoire=p.cards.territory(record.territoire),
        territoire_precision=t(record.territoire.precision or ""),
        conventions=conventions,
        aides=[p.cards.aid(aid_id) for aid_id in p.cat.aides_by_partenaire.get(partner_id, [])],
        contacts=[p.cards.contact(cid) for cid, contact in p.cat.contacts.items() if contact.partenaire == partner_id],
        chiffres=[p.figure(chiffre) for chiffre in record.chiffres],
        sources=p.sources(record.sources),
        dates=p.cards.dates(record, record.sources),
        acces=ways_in(record.acces),
    )


def ways_in(acces: Acces | None) -> WaysInView | None:
    """A partner's public ways in, each with its source, for « Pour le joindre » on its page."""
    if acces is None:
        return None
    found = []
    if acces.site:
        found.append(WayIn("Site", acces.site.url, acces.site.url, t(acces.site.precision or ""), acces.site.source))
    if phone := acces.telephone:
        found.append(
            WayIn("Téléphone", phone.numero, "tel:" + phone.numero.replace(" ", ""), t(phone.precision or ""), phone.source)
        )
    if form := acces.formulaire:
        found.append(WayIn("En ligne", t(form.libelle), form.url, "", form.source))
    return WaysInView(found, fmt.date(acces.releve_le))


def partners(p: Pieces, key: None = None) -> PartnersView:
    """Partners grouped by category, each group in the French order of names."""
    groups: dict[str, list[PartnerSummary]] = {label: [] for label in p.cat.category_labels.values()}
    for partner_id in sorted(p.cat.partenaires, key=lambda pid: (sort_key(p.cat.partenaires[pid].nom), pid)):
        summary = p.cards.partner(partner_id)
        groups[summary.categorie].append(summary)
    return PartnersView([PartnerGroup(label, items) for label, items in groups.items() if items])


def redirect(p: Pieces, aid_id: str) -> RedirectView:
    return RedirectView(p.cards.aid(aid_id))


def archive(p: Pieces, archive_id: str) -> ArchiveView:
    record: Archive = p.cat.archives[archive_id]
    successor = record.remplacee_par
    return ArchiveView(
        t(record.titre),
        fmt.date(record.retiree_le),
        paragraphs(record.raison),
        p.cards.aid(successor) if successor else None,
    )
