"""The Code officiel géographique: régions, départements, communes, EPCI, and the entries the commune search finds.

Reads ``referentiel/territoires/territoires.json``, written by ``scripts/territoires.py`` from
Etalab's ``@etalab/decoupage-administratif`` (``make territoires``). No MkDocs import, no network.

``Referentiel.entries`` lists what the browser's commune search (``overrides/assets/js/lib/model/place-names.js``)
can find, in the order it shows them; ``scripts/territoires.py`` writes them into its lookup files.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from aides.model.place_names import normalise_name

REFERENCE = Path(__file__).resolve().parents[3] / "referentiel" / "territoires" / "territoires.json"
LOOKUP_FILES = REFERENCE.parent / "recherche"  # the browser lookup files (lib/model/place-names.js), copied into the site

CURRENT = "commune"  # the type of a current commune's entry; the others: arrondissement, deleguee, associee, ancienne


# --- records --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    nom: str
    # The Insee's « type de nom en clair »: which article the name takes (0 none, « de » ; 1 none, « d' » ;
    # 2 le ; 3 la ; 4 les ; 5 l'). french_names.py says the name with it: « de la Guadeloupe », « du Var ».
    # 0 in a reference written before this column (an older vintage that `make territoires` compares with).
    tncc: int = 0


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    nom: str
    region: str
    tncc: int = 0  # as Region's


@dataclass(frozen=True, slots=True)
class Collectivite:
    """A collectivité d'outre-mer (975, 977, 978, 984, 986–989): its communes belong to no département."""

    code: str
    nom: str


@dataclass(frozen=True, slots=True)
class Commune:
    code: str
    nom: str
    departement: str  # a collectivité code (975…989) for the communes of a collectivité d'outre-mer
    epci: str | None
    codes_postaux: tuple[str, ...]
    population: int


@dataclass(frozen=True, slots=True)
class Arrondissement:
    """An arrondissement municipal of Paris, Lyon or Marseille."""

    code: str
    nom: str
    commune: str
    codes_postaux: tuple[str, ...]
    population: int


@dataclass(frozen=True, slots=True)
class Ancienne:
    """A commune déléguée, associée or a former commune, and the current commune it belongs to."""

    code: str
    nom: str | None  # None when no published version of the package names it
    type: str  # deleguee, associee, ancienne
    commune: str


@dataclass(frozen=True, slots=True)
class Epci:
    siren: str
    nom: str
    type: str  # CC, CA, CU, METRO, MET69
    membres: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    """One search result; for a merged or delegated commune, ``actuelle`` is the current one."""

    code: str
    nom: str
    departement: str
    codes_postaux: tuple[str, ...]
    type: str  # CURRENT, arrondissement, deleguee, associee or ancienne
    actuelle: tuple[str, str] | None = None  # (code, nom)

    def as_row(self) -> list[Any]:
        """The row of a browser lookup file: 4 values for a current commune, 7 otherwise."""
        row: list[Any] = [self.code, self.nom, self.departement, list(self.codes_postaux)]
        return row if self.actuelle is None else [*row, self.type, *self.actuelle]


# --- the reference --------------------------------------------------------------------


def _rows(data: Mapping[str, Any], table: str) -> list[dict[str, Any]]:
    columns = data["colonnes"][table]
    return [dict(zip(columns, row, strict=True)) for row in data[table]]


class Referentiel:
    """Indexes over one reference file (the committed one, or an in-memory sample in tests)."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.source: dict[str, Any] = dict(data.get("source", {}))
        self.regions = {row["code"]: Region(**row) for row in _rows(data, "regions")}
        self.departements = {row["code"]: Departement(**row) for row in _rows(data, "departements")}
        self.collectivites = {row["code"]: Collectivite(**row) for row in _rows(data, "collectivites")}
        self.communes = {row["code"]: _commune(row) for row in _rows(data, "communes")}
        self.arrondissements = {row["code"]: _arrondissement(row) for row in _rows(data, "arrondissements")}
        self.anciennes = [Ancienne(**row) for row in _rows(data, "anciennes")]
        members: dict[str, list[str]] = defaultdict(list)
        for code, commune in self.communes.items():
            if commune.epci:
                members[commune.epci].append(code)
        self.epci = {row["siren"]: Epci(**row, membres=tuple(sorted(members[row["siren"]]))) for row in _rows(data, "epci")}

    @cached_property
    def by_postcode(self) -> dict[str, list[Commune]]:
        index: dict[str, list[Commune]] = defaultdict(list)
        for commune in self.communes.values():
            for postcode in commune.codes_postaux:
                index[postcode].append(commune)
        return {code: sorted(communes, key=_name_order) for code, communes in index.items()}

    @cached_property
    def former(self) -> dict[str, Ancienne]:
        """Old code → its record (the first one: a code shared by several records has one current commune)."""
        index: dict[str, Ancienne] = {}
        for ancienne in self.anciennes:
            index.setdefault(ancienne.code, ancienne)
        return index

    @cached_property
    def _successor_codes(self) -> dict[str, list[str]]:
        """Old code → its current communes, in code order (several when a commune was split)."""
        index: dict[str, set[str]] = defaultdict(set)
        for ancienne in self.anciennes:
            index[ancienne.code].add(ancienne.commune)
        return {code: sorted(communes) for code, communes in index.items()}

    def successors(self, code: str) -> list[Commune]:
        """The current communes a code that is no longer a commune's leads to: one after a merger, several
        after a split, none for a current or unknown code (``make territoires`` and the data check say them)."""
        if code in self.communes:
            return []
        if code in self.arrondissements:
            return [self.communes[self.arrondissements[code].commune]]
        return [self.communes[current] for current in self._successor_codes.get(code, [])]

    def current_commune(self, code: str) -> Commune | None:
        """The current commune of a current, arrondissement, delegated, associated or former code."""
        if code in self.communes:
            return self.communes[code]
        if code in self.arrondissements:
            return self.communes[self.arrondissements[code].commune]
        if code in self.former:
            return self.communes[self.former[code].commune]
        return None

    # --- what the commune search finds ------------------------------------------------

    @cached_property
    def entries(self) -> list[Match]:
        """Everything a name search can return, in the order results are shown when they match alike."""
        current = sorted(self.communes.values(), key=lambda c: (-c.population, c.code))
        arrondissements = sorted(self.arrondissements.values(), key=lambda a: (-a.population, a.code))
        entries = [self.commune_match(commune) for commune in current]
        entries += [self._arrondissement_match(arrondissement) for arrondissement in arrondissements]
        merged = [self._ancienne_match(ancienne) for ancienne in sorted(self.anciennes, key=lambda a: (a.code, a.nom or ""))]
        return _order(entries + [match for match in merged if match is not None])

    def commune_match(self, commune: Commune) -> Match:
        """A current commune as the search shows it."""
        return Match(commune.code, commune.nom, commune.departement, commune.codes_postaux, CURRENT)

    def _arrondissement_match(self, arrondissement: Arrondissement) -> Match:
        parent = self.communes[arrondissement.commune]
        return Match(
            arrondissement.code,
            arrondissement.nom,
            parent.departement,
            arrondissement.codes_postaux,
            "arrondissement",
            (parent.code, parent.nom),
        )

    def _ancienne_match(self, ancienne: Ancienne) -> Match | None:
        """Nameless records and those named like their current commune are not searchable by name."""
        current = self.communes[ancienne.commune]
        if not ancienne.nom or normalise_name(ancienne.nom) == normalise_name(current.nom):
            return None
        return Match(
            ancienne.code, ancienne.nom, current.departement, current.codes_postaux, ancienne.type, (current.code, current.nom)
        )


def _order(entries: list[Match]) -> list[Match]:
    """Current communes and arrondissements (by population, as given) first, then merged ones, deduplicated."""
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for entry in entries:
        key = (entry.code, entry.nom, entry.type)
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique


def _name_order(commune: Commune) -> tuple[str, str]:
    return (normalise_name(commune.nom), commune.code)


def _commune(row: dict[str, Any]) -> Commune:
    return Commune(**{**row, "codes_postaux": tuple(row["codes_postaux"])})


def _arrondissement(row: dict[str, Any]) -> Arrondissement:
    return Arrondissement(**{**row, "codes_postaux": tuple(row["codes_postaux"])})


# --- the committed reference, loaded once --------------------------------------------


@lru_cache(maxsize=4)
def referentiel(path: Path = REFERENCE) -> Referentiel:
    return Referentiel(json.loads(path.read_text(encoding="utf-8")))
