"""The small pieces several pages show: an aid's card, a contact's card, a link to a
partner, an agreement in a timeline. Built once per id and shared by every page (and
by the browser's data files) that shows them.

Every editor text goes through ``typography`` here; escaping is the templates' job.
The markup of each card is written once, in ``overrides/partials/macros.html``; the
browser clones the same macro rendered into a ``<template>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aides.model import formatting as fmt
from aides.model import territory
from aides.model.catalogue import Catalogue
from aides.model.dates import Dates
from aides.model.labels import CONFIRMATION_MEANS, NATURES
from aides.model.models import Convention, SourceRef
from aides.site import urls
from aides.trust import freshness

t = fmt.typography
PARTNER_PAGE = "Fiche de l'organisme"  # the link of a partner's ways-in card: its name is the card's own


@dataclass(frozen=True, slots=True)
class Link:
    nom: str
    url: str
    avant_a: str = ""  # an organisation's « à » before its linked name: « aux  », « à l' » (french_names.Name)


@dataclass(frozen=True, slots=True)
class AidCard:
    id: str
    url: str
    titre: str
    resume: str
    publics: list[str]
    types: list[str]
    territoire: str
    statut: str
    avis: str  # « Information de 2020, non confirmée depuis : vérifiez auprès de … » (freshness.py)

    @property
    def termine(self) -> bool:
        return self.statut == "termine"

    def browser_card(self) -> dict[str, str]:
        """What the /aides/ filters fetch for one card (``aides/<id>/carte.json``)."""
        card = {
            "titre": self.titre,
            "resume": self.resume,
            "territoire": self.territoire,
            "statut": self.statut,
            "types": ", ".join(self.types),
        }
        return card | ({"avis": self.avis} if self.avis else {})


@dataclass(frozen=True, slots=True)
class DatesView:
    """The three dates of a record, apart (freshness.py): its information, its recording, its confirmation."""

    information: str  # « 2017 », « 26 septembre 2019 », or "" when nothing dates it
    raisonnement: str  # how a year was inferred, "" for an exact date
    enregistre_le: str
    confirmation: str  # « le 3 mars 2026 par …, par courriel », "" when never confirmed

    @property
    def ligne(self) -> str:
        """The three dates in one line, for cards."""
        confirmed = f"confirmée {self.confirmation}" if self.confirmation else "jamais confirmée auprès de l'organisme"
        dated = f"de {self.information}" if self.information else "non datée"
        return f"Information {dated} · enregistrée ici le {self.enregistre_le} · {confirmed}"


@dataclass(frozen=True, slots=True)
class ContactCard:
    id: str
    nom: str
    partenaire: Link
    description: str
    email: str
    telephone: str
    telephone_lien: str
    url: str
    adresse: str
    territoire: str
    dates: str = ""  # the three dates in one line (DatesView.ligne); "" on the blank card
    zones: list[str] = field(default_factory=list)  # territory.zones: where it helps, tested by lib/model/territory.js
    telephone_precision: str = ""  # « Appel non surtaxé. »
    formulaire: str = ""  # what an online form is for: « Demander la garantie Visale en ligne »
    formulaire_url: str = ""
    acces: bool = False  # a partner's public ways in (Cards.ways_in), not a contact of the sources: compact on paper

    def browser_record(self) -> dict[str, Any]:
        """The card's data for the questionnaire (``assets/questionnaire.json``): empty fields left out."""
        record = {
            "nom": self.nom,
            "description": self.description,
            "partenaire": self.partenaire.nom,
            "partenaire_url": self.partenaire.url,
            "email": self.email,
            "telephone": self.telephone,
            "telephone_lien": self.telephone_lien,
            "url": self.url,
            "adresse": self.adresse,
            "territoire": self.territoire,
            "zones": self.zones,
            "telephone_precision": self.telephone_precision,
            "formulaire": self.formulaire,
            "formulaire_url": self.formulaire_url,
            "acces": self.acces,
        }
        return {key: value for key, value in record.items() if value not in ("", [], False)}


@dataclass(frozen=True, slots=True)
class ConventionSummary:
    id: str
    url: str
    titre: str
    nature: str
    date: str
    tri: str  # ISO date of signature, "" when unknown


@dataclass(frozen=True, slots=True)
class PartnerSummary:
    id: str
    nom: str
    url: str
    sigle: str
    categorie: str


BLANK_CONTACT = ContactCard(
    id="",
    nom="",
    partenaire=Link("", ""),
    description="",
    email="",
    telephone="",
    telephone_lien="",
    url="",
    adresse="",
    territoire="",
)


class Cards:
    """Cards of a catalogue, each built once."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.cat = catalogue
        self._aids: dict[str, AidCard] = {}
        self._contacts: dict[str, ContactCard] = {}
        self._ways: dict[tuple[str, bool], ContactCard] = {}  # (partner, with its online form)

    def territory(self, territoire: Any) -> str:
        return territory.describe(self.cat, territoire)

    def aid(self, aid_id: str) -> AidCard:
        if aid_id not in self._aids:
            aide = self.cat.aides[aid_id]
            self._aids[aid_id] = AidCard(
                id=aid_id,
                url=urls.aide(aid_id),
                titre=t(aide.titre),
                resume=t(aide.resume),
                publics=[self.cat.public_labels[p] for p in aide.publics],
                types=[self.cat.type_labels[k] for k in aide.types],
                territoire=self.territory(aide.territoire),
                statut=self.cat.status(aide),
                avis=freshness.notice(self.cat, aide),
            )
        return self._aids[aid_id]

    def dates(self, record: Dates, refs: list[SourceRef]) -> DatesView:
        info = self.cat.information_date(record, refs)
        confirmation = record.confirmation
        confirmed = ""
        if confirmation is not None:
            confirmed = f"le {fmt.date(confirmation.date)} par {t(confirmation.par)}, {CONFIRMATION_MEANS[confirmation.moyen]}"
        return DatesView(
            information=info.text if info else "",
            raisonnement=info.raisonnement if info else "",
            enregistre_le=fmt.date(record.enregistre_le),
            confirmation=confirmed,
        )

    def partner_link(self, partner_id: str) -> Link:
        name = self.cat.partner_name(partner_id)
        return Link(name.nom, urls.partenaire(partner_id), name.avant_a)

    def partner(self, partner_id: str) -> PartnerSummary:
        partner = self.cat.partenaires[partner_id]
        return PartnerSummary(
            partner_id,
            t(partner.nom),
            urls.partenaire(partner_id),
            t(partner.sigle or ""),
            self.cat.category_labels[partner.categorie],
        )

    def contact(self, contact_id: str) -> ContactCard:
        if contact_id not in self._contacts:
            contact = self.cat.contacts[contact_id]
            self._contacts[contact_id] = ContactCard(
                id=contact_id,
                nom=t(contact.nom),
                partenaire=self.partner_link(contact.partenaire),
                description=t(contact.description or ""),
                email=contact.email or "",
                telephone=contact.telephone or "",
                telephone_lien=(contact.telephone or "").replace(" ", ""),
                url=contact.url or "",
                adresse=t(contact.adresse or ""),
                territoire=self.territory(contact.territoire),
                dates=self.dates(contact, contact.sources).ligne,
                zones=territory.zones(contact.territoire),
            )
        return self._contacts[contact_id]

    def ways_in(self, partner_id: str, aid_id: str | None = None) -> ContactCard:
        """A partner's public ways in (``acces``) as a contact card: its site, its phone line, and its
        online form where the form serves ``aid_id`` (any form when no aid is given)."""
        partner = self.cat.partenaires[partner_id]
        acces = partner.acces
        assert acces is not None, f"{partner_id} has no ways in"
        form = acces.formulaire
        if form is not None and aid_id is not None and form.aides and aid_id not in form.aides:
            form = None  # a form for other aids: not this aid's next step
        key = (partner_id, form is not None)
        if key not in self._ways:
            site, phone = acces.site, acces.telephone
            self._ways[key] = ContactCard(
                id=f"acces:{partner_id}",  # « : » is never in a file's id: no contact shares it
                nom=t(partner.nom),
                partenaire=Link(PARTNER_PAGE, urls.partenaire(partner_id)),
                description=t(site.precision or "") if site else "",
                email="",
                telephone=phone.numero if phone else "",
                telephone_lien=phone.numero.replace(" ", "") if phone else "",
                url=site.url if site else "",
                adresse="",
                territoire=self.territory(partner.territoire),
                dates=f"Coordonnées publiées par l'organisme sur son site, relevées le {fmt.date(acces.releve_le)}",
                zones=territory.zones(partner.territoire),
                telephone_precision=t(phone.precision or "") if phone else "",
                formulaire=t(form.libelle) if form else "",
                formulaire_url=form.url if form else "",
                acces=True,
            )
        return self._ways[key]

    def reach(self, aid_id: str) -> list[ContactCard]:
        """Whom to reach about an aid: its own contacts, then its partners' ways in (``Catalogue.ways_in``)."""
        contacts = [self.contact(contact_id) for contact_id in self.cat.aides[aid_id].contacts]
        return contacts + [self.ways_in(partner_id, aid_id) for partner_id in self.cat.ways_in(aid_id)]

    def convention(self, agreement_id: str) -> ConventionSummary:
        convention = self.cat.conventions[agreement_id]
        signed = convention.date_signature
        return ConventionSummary(
            id=agreement_id,
            url=urls.convention(agreement_id),
            titre=t(convention.titre),
            nature=NATURES[convention.nature],
            date=convention_date(convention),
            tri=signed.isoformat() if signed else "",
        )


def convention_date(convention: Convention) -> str:
    if convention.date_signature:
        return fmt.date(convention.date_signature)
    return t(convention.date_texte or "")
