"""The validated data set, with the lookups pages and exports need."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from .conditions import Node
from .models import (
    Aide,
    Archive,
    Contact,
    Convention,
    Partenaire,
    Question,
    Referentiels,
    Site,
    Source,
    Territoire,
    Territoires,
)

# Statuses the default listings and the questionnaire show: a measure « à confirmer » may still
# run (its page and the checkers say to check); suspended, exhausted and ended aids keep their
# page with a notice but are never offered as possible.
OFFERED_STATUSES = ("en_cours", "a_confirmer")


@dataclass
class Catalogue:
    aides: dict[str, Aide]
    partenaires: dict[str, Partenaire]
    conventions: dict[str, Convention]
    contacts: dict[str, Contact]
    questions: dict[str, Question]
    referentiels: Referentiels
    territoires: Territoires
    sources: dict[str, Source]
    rules: dict[str, Node] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)
    site: Site = field(default_factory=Site)
    archives: dict[str, Archive] = field(default_factory=dict)

    def is_ended(self, aide: Aide) -> bool:
        """An aid past its end date stays online, marked as ended."""
        end = aide.validite.fin
        return end is not None and end < self.today

    def status(self, aide: Aide) -> str:
        """termine (past its end date) wins; else the status the editor states, else en_cours."""
        if self.is_ended(aide):
            return "termine"
        return aide.statut or "en_cours"

    def is_offered(self, aide: Aide) -> bool:
        """Listed by default and asked about by the questionnaire (see OFFERED_STATUSES)."""
        return self.status(aide) in OFFERED_STATUSES

    @cached_property
    def region_names(self) -> dict[str, str]:
        return {region.code: region.nom for region in self.territoires.regions}

    @cached_property
    def departement_names(self) -> dict[str, str]:
        return {dep.code: dep.nom for dep in self.territoires.departements}

    @cached_property
    def region_of(self) -> dict[str, str]:
        return {dep.code: dep.region for dep in self.territoires.departements}

    @cached_property
    def public_labels(self) -> dict[str, str]:
        return {entry.id: entry.libelle for entry in self.referentiels.publics}

    @cached_property
    def type_labels(self) -> dict[str, str]:
        return {entry.id: entry.libelle for entry in self.referentiels.types}

    def regions_of(self, territoire: Territoire) -> list[str]:
        """Region codes a territory touches (a département counts for its region)."""
        codes = dict.fromkeys(territoire.regions)
        for dep in territoire.departements:
            codes.setdefault(self.region_of[dep])
        return list(codes)

    @cached_property
    def conventions_by_aide(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for conv_id, convention in self.conventions.items():
            for aide_id in convention.aides:
                index.setdefault(aide_id, []).append(conv_id)
        return index

    @cached_property
    def aides_by_partenaire(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for aide_id, aide in self.aides.items():
            for role in aide.partenaires:
                index.setdefault(role.partenaire, []).append(aide_id)
        return index

    @cached_property
    def conventions_by_partenaire(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for conv_id, convention in self.conventions.items():
            for partner in dict.fromkeys(role.partenaire for role in convention.parties):
                index.setdefault(partner, []).append(conv_id)
        return index

    @cached_property
    def redirects(self) -> dict[str, str]:
        """Old aid id → current id, so that renamed aids keep their URL."""
        return {old: aide_id for aide_id, aide in self.aides.items() for old in aide.anciens_ids}
