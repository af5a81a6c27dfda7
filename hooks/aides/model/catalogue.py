"""The validated data set, with the lookups pages and exports need."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from aides.model import cog, french_names, information
from aides.model.conditions import Node
from aides.model.dates import Dates
from aides.model.emergency import EmergencyRules, Urgences
from aides.model.formatting import sort_key, typography
from aides.model.information import InfoDate
from aides.model.models import Aide, Archive, Contact, Convention, Partenaire, Site, SourceRef, Territoire
from aides.model.parameters import Bareme, Serie, UnknownParameter
from aides.model.shared_lists import Question, Referentiels, Source


def _digest(parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


# Statuses the default listings and the questionnaire show: a measure « à confirmer » may still
# run (its page and the checkers say to check); suspended, exhausted and ended aids keep their
# page with a notice but are never offered as possible.
OFFERED_STATUSES = ("en_cours", "a_confirmer")
# A temporary measure whose end the source does not give (statut: a_confirmer) is offered while its
# information is within its review period (``review_date``). Past it, never confirmed since, nothing
# says it still exists: it keeps its page and its checker, with a notice that says why, but leaves
# everything that shows current aids (listings, search, région sheets, questionnaire) unless asked for.
STALE_MEASURE = "mesure_ancienne"


@dataclass(eq=False)  # a data set is itself: compared and hashed by identity (caches keyed by catalogue)
class Catalogue:
    aides: dict[str, Aide]
    partenaires: dict[str, Partenaire]
    conventions: dict[str, Convention]
    contacts: dict[str, Contact]
    questions: dict[str, Question]
    referentiels: Referentiels
    territoires: cog.Referentiel  # the Code officiel géographique (referentiel/territoires/)
    sources: dict[str, Source]
    rules: dict[str, Node] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)
    site: Site = field(default_factory=Site)
    archives: dict[str, Archive] = field(default_factory=dict)
    parameters: dict[str, Serie | Bareme] = field(default_factory=dict)  # referentiel/parametres/, by id
    urgences: Urgences | None = None  # data/urgences.yml: the national emergency numbers (optional)
    emergency: EmergencyRules | None = None  # when pages show them, compiled with the aids' rules
    # A digest of each data file's bytes, by (kind, id) (("aides", "visale"), ("", "questions.yml")): what a
    # page was made from, so that `make serve` makes again only the pages whose data changed.
    fingerprints: dict[tuple[str, str], str] = field(default_factory=dict)

    def parameter(self, parameter_id: str) -> Serie | Bareme:
        """A dated reference value: ``.at(day)`` gives what is in force that day (see model/parameters.py)."""
        if parameter_id not in self.parameters:
            raise UnknownParameter(parameter_id, self.parameters)
        return self.parameters[parameter_id]

    def is_ended(self, aide: Aide) -> bool:
        """An aid past its end date stays online, marked as ended."""
        end = aide.validite.fin
        return end is not None and end < self.today

    def status(self, aide: Aide) -> str:
        """termine (past its end date) wins; then STALE_MEASURE; else the status the editor states, else en_cours."""
        if self.is_ended(aide):
            return "termine"
        if aide.statut == "a_confirmer" and self.is_review_due(aide):
            return STALE_MEASURE
        return aide.statut or "en_cours"

    def is_closed(self, aide: Aide) -> bool:
        """No request is accepted (ended, suspended, exhausted): unlike a stale measure, nothing is left to check."""
        return self.status(aide) not in (*OFFERED_STATUSES, STALE_MEASURE)

    # --- the date of the information and the review (trust/freshness.py says them in French) ---

    @cached_property
    def _source_dates(self) -> dict[str, InfoDate | None]:
        # Thousands of aids cite the same few articles: each source is dated once.
        return {source_id: information.of_source(source) for source_id, source in self.sources.items()}

    def information_date(self, record: Dates, refs: list[SourceRef]) -> InfoDate | None:
        """The record's own date of information, else that of its newest dated source; None if nothing is dated."""
        own = information.of_record(record)
        if own is not None:
            return own
        return information.newest([found for ref in refs if (found := self._source_dates.get(ref.article))])

    def review_date(self, aide: Aide) -> dt.date | None:
        """When the aid must be confirmed again (``revue_mois`` months, its own or the site's, after its last
        confirmation, or after its information when never confirmed); None when nothing dates it (due at once)."""
        if aide.confirmation is not None:
            start: dt.date | None = aide.confirmation.date
        else:
            info = self.information_date(aide, aide.sources)
            start = info.earliest if info else None
        return information.add_months(start, aide.revue_mois or self.site.revue_mois) if start else None

    def is_review_due(self, aide: Aide) -> bool:
        due = self.review_date(aide)
        return due is None or due <= self.today

    def is_offered(self, aide: Aide) -> bool:
        """Listed by default and asked about by the questionnaire (see OFFERED_STATUSES)."""
        return self.status(aide) in OFFERED_STATUSES

    @cached_property
    def current_aids(self) -> list[str]:
        """Aids offered to people (OFFERED_STATUSES), in the French order of their titles."""
        ids = [aid_id for aid_id, aide in self.aides.items() if self.is_offered(aide)]
        return sorted(ids, key=lambda aid_id: (sort_key(self.aides[aid_id].titre), aid_id))

    def covers(self, territoire: Territoire, region: str) -> bool:
        """Whether a territory (of an aid or a contact) covers part of a région; the whole country does."""
        return territoire.national or region in self.regions_of(territoire)

    @cached_property
    def served_regions(self) -> list[cog.Region]:
        """The régions with a current aid or a contact, in French order: each gets a printable sheet."""
        territories = [self.aides[aid_id].territoire for aid_id in self.current_aids]
        territories += [contact.territoire for contact in self.contacts.values()]
        return [
            region
            for region in sorted(self.regions, key=lambda r: sort_key(r.nom))
            if any(self.covers(territoire, region.code) for territoire in territories)
        ]

    @cached_property
    def fingerprint(self) -> str:
        """Of the whole data set."""
        return _digest(sorted(self.fingerprints.items()))

    @cached_property
    def shared_fingerprint(self) -> str:
        """Of everything but the aids: an aid's page reads its own file and these, never another aid's."""
        return _digest(sorted(item for item in self.fingerprints.items() if item[0][0] != "aides"))

    def aid_fingerprint(self, aid_id: str, *others: str) -> str:
        """Of an aid's file and the data shared by all pages (and of ``others``, aids its page also reads)."""
        files = [self.fingerprints.get(("aides", other), "") for other in (aid_id, *sorted(others))]
        return _digest([self.shared_fingerprint, *files])

    @cached_property
    def regions(self) -> list[cog.Region]:
        return list(self.territoires.regions.values())

    @cached_property
    def departements(self) -> list[cog.Departement]:
        return list(self.territoires.departements.values())

    @cached_property
    def region_names(self) -> dict[str, str]:
        return {region.code: region.nom for region in self.regions}

    @cached_property
    def departement_names(self) -> dict[str, str]:
        return {dep.code: dep.nom for dep in self.departements}

    # --- names in sentences (french_names.py): « auprès des Comités locaux… », « à La Réunion » ---

    def partner_name(self, partner_id: str) -> french_names.Name:
        partner = self.partenaires[partner_id]
        return french_names.organisation(typography(partner.nom), partner.article)

    def contact_name(self, contact_id: str) -> french_names.Name:
        contact = self.contacts[contact_id]
        return french_names.organisation(typography(contact.nom), contact.article)

    def region_name(self, code: str) -> french_names.Name:
        region = self.territoires.regions[code]
        return french_names.territory("regions", code, region.nom, region.tncc)

    def departement_name(self, code: str) -> french_names.Name:
        departement = self.territoires.departements[code]
        return french_names.territory("departements", code, departement.nom, departement.tncc)

    @cached_property
    def region_of(self) -> dict[str, str]:
        return {dep.code: dep.region for dep in self.departements}

    @cached_property
    def epci_used(self) -> list[str]:
        """SIREN of every EPCI the data names (territories, zones, conditions), in order of first use."""
        found: dict[str, None] = {}
        for territoire in self.all_territories():
            found.update(dict.fromkeys([*territoire.epci, *territoire.sauf.epci]))
        for question in (q for q in self.questions.values() if q.kind.choices == "epci"):
            for aide in self.aides.values():
                found.update(dict.fromkeys(_operands(aide.conditions, question.id)))
        return [siren for siren in found if siren in self.territoires.epci]

    @cached_property
    def places(self) -> dict[str, dict[str, str]]:
        """What deriving answers needs (conditions.normalise): région of each département, EPCI of the
        communes of the EPCI the data names (any other commune's EPCI is never compared with anything)."""
        epci_of = {code: siren for siren in self.epci_used for code in self.territoires.epci[siren].membres}
        return {"region_of": self.region_of, "epci_of": dict(sorted(epci_of.items()))}

    def all_territories(self) -> list[Territoire]:
        """Every territory of the data: aids, their amount zones, partners, contacts."""
        found = [aide.territoire for aide in self.aides.values()]
        for aide in self.aides.values():
            tables = aide.montant.tableaux if aide.montant else []
            found += [zone.territoire for table in tables for zone in table.zones if zone.territoire]
        found += [partner.territoire for partner in self.partenaires.values()]
        return found + [contact.territoire for contact in self.contacts.values()]

    @cached_property
    def public_labels(self) -> dict[str, str]:
        return {entry.id: entry.libelle for entry in self.referentiels.publics}

    @cached_property
    def category_labels(self) -> dict[str, str]:
        return {entry.id: entry.libelle for entry in self.referentiels.categories}

    @cached_property
    def type_labels(self) -> dict[str, str]:
        return {entry.id: entry.libelle for entry in self.referentiels.types}

    def regions_of(self, territoire: Territoire) -> list[str]:
        """Region codes a territory touches (a département, an EPCI or a commune counts for its region)."""
        codes = dict.fromkeys(territoire.regions)
        departements = list(territoire.departements)
        for siren in territoire.epci:
            departements += [self.territoires.communes[code].departement for code in self.territoires.epci[siren].membres]
        departements += [
            commune.departement for code in territoire.communes if (commune := self.territoires.current_commune(code))
        ]
        for dep in departements:
            if dep in self.region_of:
                codes.setdefault(self.region_of[dep])
        return list(codes)

    @cached_property
    def conventions_by_aide(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for agreement_id, convention in self.conventions.items():
            for aid_id in convention.aides:
                index.setdefault(aid_id, []).append(agreement_id)
        return index

    @cached_property
    def aides_by_partenaire(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for aid_id, aide in self.aides.items():
            for role in aide.partenaires:
                index.setdefault(role.partenaire, []).append(aid_id)
        return index

    def ways_in(self, aid_id: str) -> list[str]:
        """The aid's partners that publish how to reach them (``acces``), in the aid's order: the next step
        a person is offered where no contact of the aid covers their place."""
        partners = dict.fromkeys(role.partenaire for role in self.aides[aid_id].partenaires)
        return [pid for pid in partners if pid in self.partenaires and self.partenaires[pid].acces]

    def reachable(self, aid_id: str) -> bool:
        """Someone to reach about this aid: a contact of its own, or a partner's way in."""
        return bool(self.aides[aid_id].contacts or self.ways_in(aid_id))

    @cached_property
    def conventions_by_partenaire(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for agreement_id, convention in self.conventions.items():
            for partner in dict.fromkeys(role.partenaire for role in convention.parties):
                index.setdefault(partner, []).append(agreement_id)
        return index

    @cached_property
    def redirects(self) -> dict[str, str]:
        """Old aid id → current id, so that renamed aids keep their URL."""
        return {old: aid_id for aid_id, aide in self.aides.items() for old in aide.anciens_ids}


def _operands(raw: object, question_id: str) -> list[str]:
    """The values a raw (uncompiled) condition tree compares ``question_id`` with."""
    if isinstance(raw, list):
        return [value for item in raw for value in _operands(item, question_id)]
    if not isinstance(raw, dict):
        return []
    found = []
    for key, value in raw.items():
        if key == question_id:
            operand = value.get("parmi", []) if isinstance(value, dict) else value
            found += [item for item in ([operand] if isinstance(operand, str) else operand) if isinstance(item, str)]
        else:
            found += _operands(value, question_id)
    return found
