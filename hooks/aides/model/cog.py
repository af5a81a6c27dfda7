"""The Code officiel géographique: régions, départements, communes, EPCI, and the commune search.

Reads ``referentiel/territoires/territoires.json``, written by ``scripts/territoires.py`` from
Etalab's ``@etalab/decoupage-administratif`` (``make territoires``). No MkDocs import, no network.

The search is the twin of ``overrides/assets/js/lib/model/cog.js``: same normalisation, same
matching, same order. ``tests/vectors/communes.json`` runs through both, and a test compares
both twins on many queries.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).resolve().parents[3] / "referentiel" / "territoires" / "territoires.json"
LOOKUP_FILES = REFERENCE.parent / "recherche"  # the browser lookup files (lib/model/cog.js), copied into the site

# Typed by people for "Saint", "Sainte"…: replaced as whole words.
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
# Words a name is not indexed from: "rochelle" finds "La Rochelle", "etienne" finds "Saint-Étienne",
# but "saint jean" does not find every "…-Saint-Jean" (there are too many).
STOPWORDS = frozenset(
    {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "lez", "s", "sous", "sur"}
    | {"saint", "sainte", "saints", "saintes", "arrondissement"}
)
LIMIT = 10  # name results; an exact postcode gives every commune that has it (46 at most)
MIN_LENGTH = 2  # letters (after normalisation, without spaces) before a name is searched
POSTCODE = re.compile("^[0-9]{5}$")
_MARKS = re.compile("[\u0300-\u036f]")
_NOT_ALNUM = re.compile("[^a-z0-9]+")

CURRENT = "commune"
KINDS = ("commune", "arrondissement", "deleguee", "associee", "ancienne")
MERGED = frozenset({"deleguee", "associee", "ancienne"})


# --- normalisation (same as lib/model/cog.js) ---------------------------------------------


def normalise_name(text: str) -> str:
    """Lower case, no accents, œ → oe, any run of other characters → one space, "st" → "saint"."""
    text = _MARKS.sub("", unicodedata.normalize("NFD", text.lower()))
    text = text.replace("œ", "oe").replace("æ", "ae")
    return " ".join(ABBREVIATIONS.get(word, word) for word in _NOT_ALNUM.sub(" ", text).split())


def compact(text: str) -> str:
    """The normalised name without spaces: "Saint-Étienne", "st etienne" and "St Étienne" give "saintetienne"."""
    return normalise_name(text).replace(" ", "")


def name_keys(text: str) -> list[str]:
    """Compact forms a name is found by: the whole name, then from each later word that is not a stopword."""
    words = normalise_name(text).split(" ")
    keys = ["".join(words[i:]) for i, word in enumerate(words) if i == 0 or word not in STOPWORDS]
    return list(dict.fromkeys(key for key in keys if key))


# --- records --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    nom: str


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    nom: str
    region: str


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
    type: str  # one of KINDS
    actuelle: tuple[str, str] | None = None  # (code, nom)

    @property
    def merged(self) -> bool:
        return self.type in MERGED

    def as_dict(self) -> dict[str, Any]:
        """The shape the JS twin returns."""
        actuelle = {"code": self.actuelle[0], "nom": self.actuelle[1]} if self.actuelle else None
        return {
            "code": self.code,
            "nom": self.nom,
            "departement": self.departement,
            "codes_postaux": list(self.codes_postaux),
            "type": self.type,
            "actuelle": actuelle,
        }

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

    def current_commune(self, code: str) -> Commune | None:
        """The current commune of a current, arrondissement, delegated, associated or former code."""
        if code in self.communes:
            return self.communes[code]
        if code in self.arrondissements:
            return self.communes[self.arrondissements[code].commune]
        if code in self.former:
            return self.communes[self.former[code].commune]
        return None

    def department_of(self, code: str) -> Departement | None:
        commune = self.current_commune(code)
        return self.departements.get(commune.departement) if commune else None

    def region_of(self, code: str) -> Region | None:
        """The region of a département code ("13", "2A", "974") or of any commune code."""
        departement = self.departements.get(code) if len(code) <= 3 else self.department_of(code)
        return self.regions.get(departement.region) if departement else None

    def epci_of(self, code: str) -> Epci | None:
        commune = self.current_commune(code)
        return self.epci.get(commune.epci) if commune and commune.epci else None

    # --- search ---------------------------------------------------------------------

    @cached_property
    def entries(self) -> list[Match]:
        """Everything a name search can return, in the order results are shown when they match alike."""
        current = sorted(self.communes.values(), key=lambda c: (-c.population, c.code))
        arrondissements = sorted(self.arrondissements.values(), key=lambda a: (-a.population, a.code))
        entries = [self._commune_match(commune) for commune in current]
        entries += [self._arrondissement_match(arrondissement) for arrondissement in arrondissements]
        merged = [self._ancienne_match(ancienne) for ancienne in sorted(self.anciennes, key=lambda a: (a.code, a.nom or ""))]
        return _order(entries + [match for match in merged if match is not None])

    @cached_property
    def keyed_entries(self) -> list[tuple[Match, str, tuple[str, ...]]]:
        return [(entry, compact(entry.nom), tuple(name_keys(entry.nom))) for entry in self.entries]

    def search(self, text: str, limit: int = LIMIT) -> list[Match]:
        """A postcode gives every current commune that has it; a name gives at most ``limit`` matches."""
        query = compact(text)  # "13 001" is a postcode too
        if POSTCODE.match(query):
            return [self._commune_match(commune) for commune in self.by_postcode.get(query, [])]
        if len(query) < MIN_LENGTH or query.isdigit():
            return []
        ranked = []
        for position in self.by_key_start.get(query[:MIN_LENGTH], ()):
            entry, whole, keys = self.keyed_entries[position]
            rank = match_rank(query, whole, keys)
            if rank is not None:
                ranked.append((rank, position, entry))
        return [entry for _, _, entry in sorted(ranked)[:limit]]

    @cached_property
    def by_key_start(self) -> dict[str, list[int]]:
        """The first letters of a name key → positions of the entries having such a key."""
        index: dict[str, list[int]] = defaultdict(list)
        for position, (_, _, keys) in enumerate(self.keyed_entries):
            for start in dict.fromkeys(key[:MIN_LENGTH] for key in keys):
                index[start].append(position)
        return dict(index)

    @cached_property
    def names(self) -> dict[str, dict[str, list[Commune]]]:
        """First letter → normalised name → current communes so named (for ``closest_names``)."""
        index: dict[str, dict[str, list[Commune]]] = defaultdict(lambda: defaultdict(list))
        for commune in self.communes.values():
            name = normalise_name(commune.nom)
            index[name[:1]][name].append(commune)
        return index

    def closest_names(self, text: str, n: int = 3) -> list[str]:
        """Current communes whose name is closest to ``text``, as "Nom (code)", for error messages."""
        wanted = normalise_name(text)
        names = self.names.get(wanted[:1], {})  # a typo in the first letter is rare, and comparing all names is slow
        found = difflib.get_close_matches(wanted, names, n=n, cutoff=0.6)
        return [f"{commune.nom} ({commune.code})" for name in found for commune in names[name]][:n]

    def covers(self, spec: Mapping[str, Iterable[str]], code: str) -> bool | None:
        """Whether a territory covers a commune; None for an unknown commune.

        ``spec`` keys (all optional, lists of codes): regions, departements, epci, communes; an empty
        spec is the whole country; sauf_epci and sauf_communes remove from it.
        """
        commune = self.current_commune(code)
        if commune is None:
            return None
        departement = self.departements.get(commune.departement)
        places = {
            "regions": departement.region if departement else None,
            "departements": commune.departement,
            "epci": commune.epci,
            "communes": commune.code,
        }
        keys = [key for key in places if spec.get(key)]
        inside = not keys or any(places[key] in set(spec[key]) for key in keys)
        excluded = commune.epci in set(spec.get("sauf_epci", ())) or commune.code in set(spec.get("sauf_communes", ()))
        return inside and not excluded

    def _commune_match(self, commune: Commune) -> Match:
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


def match_rank(query: str, whole: str, keys: Sequence[str]) -> int | None:
    """0: the whole name, 1: the name starts with the query, 2: a later word does; None: no match."""
    if whole == query:
        return 0
    if whole.startswith(query):
        return 1
    return 2 if any(key.startswith(query) for key in keys[1:]) else None


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


def regions() -> list[Region]:
    return list(referentiel().regions.values())


def departements() -> list[Departement]:
    return list(referentiel().departements.values())


def commune(code: str) -> Commune | None:
    """A current commune by INSEE code (see ``current_commune`` for old codes)."""
    return referentiel().communes.get(code)


def communes_by_postcode(postcode: str) -> list[Commune]:
    return list(referentiel().by_postcode.get(postcode, []))


def epci(siren: str) -> Epci | None:
    return referentiel().epci.get(siren)


def epci_members(siren: str) -> list[Commune]:
    ref = referentiel()
    found = ref.epci.get(siren)
    return [ref.communes[code] for code in found.membres] if found else []


def current_commune(code: str) -> Commune | None:
    return referentiel().current_commune(code)


def department_of(code: str) -> Departement | None:
    return referentiel().department_of(code)


def region_of(code: str) -> Region | None:
    return referentiel().region_of(code)


def epci_of(code: str) -> Epci | None:
    return referentiel().epci_of(code)


def search(text: str, limit: int = LIMIT) -> list[Match]:
    return referentiel().search(text, limit)


def closest_names(text: str, n: int = 3) -> list[str]:
    return referentiel().closest_names(text, n)


def covers(spec: Mapping[str, Iterable[str]], code: str) -> bool | None:
    return referentiel().covers(spec, code)
