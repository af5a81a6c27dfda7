"""Checks across files: every reference points to something that exists,
ids are unique, and no personal contact data is published without consent."""

from __future__ import annotations

import re
from typing import Any

from aides.data import places
from aides.data.errors import DataError, error_at, suggestion
from aides.data.yamlsource import Loc, YamlDocument
from aides.model.access import Acces
from aides.model.catalogue import Catalogue
from aides.model.field_types import MOBILE_PATTERN
from aides.model.models import Chiffre, SourceRef, Territoire

# « prenom.nom@ » is how organisations spell a person's own mailbox; a service
# mailbox names its function (« accompagnementpaca.als@ », « contact@ »).
PERSONAL_EMAIL = re.compile(r"^([a-z]+(?:-[a-z]+)?)\.([a-z]+(?:-[a-z]+)?)@", re.IGNORECASE)
SERVICE_WORDS = (
    "accueil",
    "accompagnement",
    "contact",
    "service",
    "info",
    "social",
    "secretariat",
    "agence",
    "direction",
    "equipe",
)


def looks_personal(email: str) -> bool:
    match = PERSONAL_EMAIL.match(email)
    return bool(match) and not any(word in part.lower() for part in match.groups() for word in SERVICE_WORDS)


def _unknown(value: str, known: Any, what: str) -> str:
    names = sorted(known)
    hint = suggestion(value, names) or (f" (choix : {', '.join(names)})" if len(names) <= 12 else "")
    return f"« {value} » n'est pas {what}{hint}"


class _Checker:
    def __init__(
        self, catalogue: Catalogue, documents: dict[tuple[str, str], YamlDocument], present: dict[str, set[str]]
    ) -> None:
        self.catalogue = catalogue
        self.documents = documents
        # Ids of every file present, valid or not: a broken file is reported once, in itself,
        # not again in every file that refers to it.
        self.present = present
        self.errors: list[DataError] = []

    def ref(self, doc: YamlDocument, loc: Loc, value: str, known: Any, what: str) -> None:
        if value not in known:
            self.errors.append(error_at(doc, loc, _unknown(value, known, what)))

    def territoire(self, doc: YamlDocument, loc: Loc, territoire: Territoire) -> None:
        for index, code in enumerate(territoire.regions):
            self.ref(doc, (*loc, "regions", index), code, self.catalogue.region_names, "un code de région connu")
        for index, code in enumerate(territoire.departements):
            self.ref(doc, (*loc, "departements", index), code, self.catalogue.departement_names, "un code de département connu")
        for key, sirens in (("epci", territoire.epci), ("sauf", territoire.sauf.epci)):
            for index, siren in enumerate(sirens):
                self.epci(doc, (*loc, *places.key_path(key, "epci"), index), siren)
        for key, codes in (("communes", territoire.communes), ("sauf", territoire.sauf.communes)):
            for index, code in enumerate(codes):
                message = places.commune_problem(self.catalogue.territoires, code, territoire.departements)
                if message:
                    self.errors.append(error_at(doc, (*loc, *places.key_path(key, "communes"), index), message))

    def epci(self, doc: YamlDocument, loc: Loc, siren: str) -> None:
        message = places.epci_problem(self.catalogue.territoires, siren)
        if message:
            self.errors.append(error_at(doc, loc, message))

    def sources(self, doc: YamlDocument, sources: list[SourceRef], chiffres: list[Chiffre]) -> None:
        for index, source in enumerate(sources):
            self.ref(
                doc, ("sources", index, "article"), source.article, self.catalogue.sources, "une source connue (data/sources.yml)"
            )
        for index, chiffre in enumerate(chiffres):
            self.ref(
                doc, ("chiffres", index, "source"), chiffre.source, self.catalogue.sources, "une source connue (data/sources.yml)"
            )

    def partner(self, doc: YamlDocument, loc: Loc, value: str) -> None:
        self.ref(doc, loc, value, self.present["partenaires"], "un partenaire connu (data/partenaires/)")


def check(catalogue: Catalogue, documents: dict[tuple[str, str], YamlDocument], present: dict[str, set[str]]) -> list[DataError]:
    checker = _Checker(catalogue, documents, present)
    for check_kind in (_vocabularies, _aides, _conventions, _partenaires, _contacts, _urgences):
        check_kind(checker)
    return checker.errors


# (file, list key, identifying attribute) of the vocabularies whose ids must be unique
_VOCABULARIES = [
    ("questions.yml", "questions", "id"),
    ("referentiels.yml", "publics", "id"),
    ("referentiels.yml", "types", "id"),
    ("referentiels.yml", "categories", "id"),
    ("sources.yml", "sources", "id"),
]


def _vocabularies(c: _Checker) -> None:
    cat = c.catalogue
    for name, key, attribute in _VOCABULARIES:
        doc = c.documents[("", name)]
        seen: set[str] = set()
        for index, item in enumerate(doc.data[key]):
            value = item.get(attribute)
            if value in seen:
                c.errors.append(error_at(doc, (key, index, attribute), f"identifiant en double : « {value} »"))
            seen.add(value)
    doc = c.documents[("", "questions.yml")]
    for index, question in enumerate(doc.data["questions"]):
        if question.get("deduite_de"):
            c.ref(doc, ("questions", index, "deduite_de"), question["deduite_de"], cat.questions, "une question connue")


def _aides(c: _Checker) -> None:
    cat = c.catalogue
    for aid_id, aide in cat.aides.items():
        doc = c.documents[("aides", aid_id)]
        for index, public in enumerate(aide.publics):
            c.ref(doc, ("publics", index), public, cat.public_labels, "un public connu")
        for index, kind in enumerate(aide.types):
            c.ref(doc, ("types", index), kind, cat.type_labels, "un type d'aide connu")
        c.territoire(doc, ("territoire",), aide.territoire)
        for index, role in enumerate(aide.partenaires):
            c.partner(doc, ("partenaires", index, "partenaire"), role.partenaire)
        for index, contact in enumerate(aide.contacts):
            c.ref(doc, ("contacts", index), contact, c.present["contacts"], "un contact connu (data/contacts/)")
        c.sources(doc, aide.sources, aide.chiffres)
        tables = aide.montant.tableaux if aide.montant else []
        for t_index, table in enumerate(tables):
            for z_index, zone in enumerate(table.zones):
                if zone.territoire:
                    c.territoire(doc, ("montant", "tableaux", t_index, "zones", z_index, "territoire"), zone.territoire)
        for index, old in enumerate(aide.anciens_ids):
            if old in cat.aides:
                c.errors.append(
                    error_at(
                        doc,
                        ("anciens_ids", index),
                        f"« {old} » est encore l'identifiant d'une aide : un ancien identifiant ne peut pas resservir",
                    )
                )
    seen: dict[str, str] = {}
    for aid_id, aide in cat.aides.items():
        for index, old in enumerate(aide.anciens_ids):
            if old in seen and seen[old] != aid_id:
                doc = c.documents[("aides", aid_id)]
                c.errors.append(
                    error_at(doc, ("anciens_ids", index), f"« {old} » est déjà un ancien identifiant de l'aide « {seen[old]} »")
                )
            seen[old] = aid_id


def _conventions(c: _Checker) -> None:
    cat = c.catalogue
    for agreement_id, convention in cat.conventions.items():
        doc = c.documents[("conventions", agreement_id)]
        for index, role in enumerate(convention.parties):
            c.partner(doc, ("parties", index, "partenaire"), role.partenaire)
        for index, signataire in enumerate(convention.signataires):
            c.partner(doc, ("signataires", index, "partenaire"), signataire.partenaire)
        for index, aide in enumerate(convention.aides):
            c.ref(doc, ("aides", index), aide, c.present["aides"], "une aide connue (data/aides/)")
        for index, earlier in enumerate(convention.suit):
            c.ref(doc, ("suit", index), earlier, c.present["conventions"], "une convention connue (data/conventions/)")
            if earlier == agreement_id:
                c.errors.append(error_at(doc, ("suit", index), "une convention ne peut pas se suivre elle-même"))
        c.sources(doc, convention.sources, convention.chiffres)


def _partenaires(c: _Checker) -> None:
    categories = {entry.id: entry.libelle for entry in c.catalogue.referentiels.categories}
    for partner_id, partner in c.catalogue.partenaires.items():
        doc = c.documents[("partenaires", partner_id)]
        c.ref(doc, ("categorie",), partner.categorie, categories, "une catégorie connue (data/referentiels.yml, categories)")
        if partner.rattachement:
            c.partner(doc, ("rattachement",), partner.rattachement)
        c.territoire(doc, ("territoire",), partner.territoire)
        c.sources(doc, partner.sources, partner.chiffres)
        if partner.acces:
            _ways_in(c, doc, partner.acces)


def _ways_in(c: _Checker, doc: YamlDocument, acces: Acces) -> None:
    """A partner's public ways in: the aids its form serves exist; its phone is a line of the organisation."""
    if acces.formulaire:
        for index, aid_id in enumerate(acces.formulaire.aides):
            c.ref(doc, ("acces", "formulaire", "aides", index), aid_id, c.present["aides"], "une aide connue (data/aides/)")
    if acces.telephone and MOBILE_PATTERN.match(acces.telephone.numero):
        number = acces.telephone.numero
        message = f"« {number} » est un numéro de mobile : donnez une ligne de l'organisme (standard, ligne nationale)"
        c.errors.append(error_at(doc, ("acces", "telephone", "numero"), message))


def _contacts(c: _Checker) -> None:
    for contact_id, contact in c.catalogue.contacts.items():
        doc = c.documents[("contacts", contact_id)]
        c.partner(doc, ("partenaire",), contact.partenaire)
        c.territoire(doc, ("territoire",), contact.territoire)
        c.sources(doc, contact.sources, [])
        if contact.consentement_publication:
            continue
        refusal = " : une coordonnée propre à une personne ne se publie qu'avec son accord (consentement_publication)"
        if contact.nature == "personne":
            c.errors.append(error_at(doc, ("nature",), "contact d'une personne" + refusal))
        if contact.email and looks_personal(contact.email):
            c.errors.append(
                error_at(doc, ("email",), f"« {contact.email} » ressemble à l'adresse d'une personne (prénom.nom)" + refusal)
            )
        if contact.telephone and MOBILE_PATTERN.match(contact.telephone):
            c.errors.append(error_at(doc, ("telephone",), f"« {contact.telephone} » est un numéro de mobile" + refusal))


def _urgences(c: _Checker) -> None:
    urgences = c.catalogue.urgences
    if urgences is None:
        return
    doc = c.documents[("", "urgences.yml")]
    for index, public in enumerate(urgences.publics):
        c.ref(doc, ("publics", index), public, c.catalogue.public_labels, "un public connu")
