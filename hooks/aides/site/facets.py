"""The filters of ``/aides/`` and ``/recherche/``: vocabularies, each aid's values, the catalogue's index.

One set of ids serves every purpose, so that they never drift apart:

- the URL query of ``/aides/`` and ``/recherche/`` (``?public=jeunes&region=11``), that
  partners copy and share;
- the Pagefind filters written into each aid page (``data-pagefind-filter="public:jeunes"``),
  used by ``/recherche/``, and the catalogue's own filter index (``catalogue_index``), used by
  ``/aides/``;
- the checkboxes of the filter form.

Ids are the data's own: public and type ids of ``referentiels.yml``, INSEE region and
département codes, partner file names, ``en_cours`` / ``termine``. Territories are encoded
once, by ``territory.py`` (``f``, ``r93``, ``d13``).

``matching`` and ``counts`` are the Python twin of ``overrides/assets/js/lib/site/facets.js``:
the same filters give the same aids on both sides (``tests/vectors/facets.json``).

Engine-independent (no MkDocs import).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from aides.model import territory
from aides.model.catalogue import OFFERED_STATUSES, Catalogue
from aides.model.formatting import sort_key, typography
from aides.model.labels import INFORMATION, STATUSES
from aides.model.question_types import commune_departement
from aides.site import urls
from aides.trust import freshness

# The checkbox groups, in the form's order: declared here only. The browser reads them from the form
# (each fieldset's data-facette) and from the catalogue index (its ``champs``), never from a list of its own.
FACETS = ("public", "type", "region", "partenaire", "statut", "information")
# The status is the one group with a default selection (DEFAULT_STATUS); in every other group an aid
# matches when one of its values is ticked.
STATUS = "statut"
VALUE_FACETS = tuple(facet for facet in FACETS if facet != STATUS)
LEGENDS = {
    "public": "Pour qui",
    "type": "Type d'aide",
    "region": "Territoire",
    "partenaire": "Partenaire",
    "statut": "Statut",
    "information": "Information",
}
# Ended schemes are hidden unless the person asks for them (a ``statut`` in the URL).
DEFAULT_STATUS = list(OFFERED_STATUSES)
# A word that every indexed page carries as metadata (partials/pagefind-rubrique.html): the
# filter-only lists query it instead of `null`, which would download the whole word index.
ALL_PAGES_TERM = "zzpages"
# What a search result is: the ``rubrique`` filter of every indexed page (partials/pagefind-rubrique.html).
KIND_CHOICES = {"aide": "Aides", "partenaire": "Partenaires", "convention": "Conventions", "page": "Pages d'information"}
# The fields of a line of the catalogue index, before its zones: every group but the région, which
# is derived from the zones (in the browser as in ``decode_index``).
INDEX_FIELDS = tuple(facet for facet in FACETS if facet != "region")


@dataclass(frozen=True, slots=True)
class FacetValue:
    id: str
    libelle: str
    nombre: int | None  # None: filled in by the browser (search counts follow the words typed)


@dataclass(frozen=True, slots=True)
class Facet:
    id: str
    legende: str
    valeurs: list[FacetValue]


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    nom: str
    region: str


class Facets:
    """Filter data of a catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.cat = catalogue

    # --- per aid ----------------------------------------------------------------

    def filters(self, aid_id: str) -> dict[str, list[str]]:
        """The filter values of one aid, keyed by URL parameter name (plus ``zone``, see territory.py)."""
        aide = self.cat.aides[aid_id]
        return {
            "public": list(aide.publics),
            "type": list(aide.types),
            "region": territory.regions_touched(self.cat, aide.territoire),
            "zone": territory.zones(aide.territoire),
            "partenaire": list(dict.fromkeys(role.partenaire for role in aide.partenaires)),
            "statut": [self.cat.status(aide)],
            "information": ["a_confirmer" if freshness.notice(self.cat, aide) else "confirmee"],
        }

    # --- vocabularies -------------------------------------------------------------

    @cached_property
    def _partner_ids(self) -> list[str]:
        """Partners named by at least one aid, by name: the others would only ever count zero."""
        named = {role.partenaire for aide in self.cat.aides.values() for role in aide.partenaires}
        return sorted(named, key=lambda pid: sort_key(self.cat.partenaires[pid].nom))

    def facet_values(self, facet: str) -> list[tuple[str, str]]:
        """(id, French label) of each value of a facet, in display order."""
        sources = {
            "public": lambda: [(entry.id, entry.libelle) for entry in self.cat.referentiels.publics],
            "type": lambda: [(entry.id, entry.libelle) for entry in self.cat.referentiels.types],
            "region": lambda: [(region.code, region.nom) for region in sorted(self.cat.regions, key=lambda r: sort_key(r.nom))],
            "partenaire": lambda: [(pid, self.cat.partenaires[pid].nom) for pid in self._partner_ids],
            "statut": lambda: list(STATUSES.items()),
            "information": lambda: list(INFORMATION.items()),
        }
        return sources[facet]()

    def facets(self, with_counts: bool = True) -> list[Facet]:
        """The checkbox groups; with the counts of the default view (current aids, no filter) or without."""
        counts = self.default_counts
        return [
            Facet(
                facet,
                LEGENDS[facet],
                [
                    FacetValue(value, typography(label), counts[facet].get(value, 0) if with_counts else None)
                    for value, label in self.facet_values(facet)
                ],
            )
            for facet in FACETS
        ]

    @cached_property
    def departements(self) -> list[Departement]:
        return [Departement(dep.code, dep.nom, dep.region) for dep in self.cat.departements]

    @cached_property
    def vocabulary(self) -> dict[str, Any]:
        """What the browser needs to read a URL and filter (embedded as JSON in the page)."""
        return {
            "facettes": {"rubrique": KIND_CHOICES} | {facet: dict(self.facet_values(facet)) for facet in FACETS},
            "legendes": LEGENDS | {"rubrique": "Rubrique", "departement": "Département", "commune": "Commune"},
            "departements": {dep.code: [dep.nom, dep.region] for dep in self.cat.departements},
            # The EPCI of the communes of the EPCI the data names: what a ``commune`` filter needs besides
            # the commune's département (its code) and région; the lookup files say a code exists.
            "epci_of": self.cat.places["epci_of"],
            "communes": urls.COMMUNE_LOOKUP,
            "statut_defaut": DEFAULT_STATUS,
            "terme_tout": ALL_PAGES_TERM,
            "adresses": dict(urls.PATTERNS),
            "index": urls.CATALOGUE_INDEX,
        }

    @cached_property
    def default_counts(self) -> dict[str, dict[str, int]]:
        """Counts shown next to each checkbox before any filter: among current aids (statut: among all)."""
        counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        for aid_id in self.cat.aides:
            values = self.filters(aid_id)
            for value in values[STATUS]:
                counts[STATUS][value] = counts[STATUS].get(value, 0) + 1
            if not set(values[STATUS]) & set(DEFAULT_STATUS):
                continue
            for facet in VALUE_FACETS:
                for value in values[facet]:
                    counts[facet][value] = counts[facet].get(value, 0) + 1
        return counts

    # --- the catalogue's own filter index (what /aides/ filters with JavaScript) -------------

    def catalogue_index(self, order: list[str]) -> dict[str, Any]:
        """Every aid's filter values in list order, compact: what lib/site/facets.js decodes.

        Pagefind answers the full-text search, but a query that enumerates every aid costs it
        one to two seconds per query at 10,000 aids (it scores each match), and the counts
        beside the checkboxes need one query per group. Filtering this index in plain
        JavaScript takes milliseconds, and it weighs less than Pagefind's filter index.

        ``champs``: the fields of a line (``INDEX_FIELDS``), which the browser decodes by; ``lignes``: one
        string per aid, ``public|type|partenaire|statut|information|zones``, each field a comma-separated
        list of positions in ``valeurs``, then the zone codes of territory.py. Regions are derived from
        the zones in the browser, as ``filters`` does here.
        """
        values = {facet: [value for value, _ in self.facet_values(facet)] for facet in INDEX_FIELDS}
        positions = {facet: {value: index for index, value in enumerate(ids)} for facet, ids in values.items()}
        rows = []
        for aid_id in order:
            filters = self.filters(aid_id)
            fields = [",".join(str(positions[facet][value]) for value in filters[facet]) for facet in INDEX_FIELDS]
            rows.append("|".join([*fields, ",".join(filters["zone"])]))
        return {"ids": order, "champs": list(INDEX_FIELDS), "valeurs": values, "lignes": rows}


# --- the Python twin of lib/site/facets.js -----------------------------------------------


def _zone_departements(zone: str, epci_of: dict[str, str]) -> list[str]:
    """The départements of a département, EPCI or commune zone (an EPCI: those of its communes in ``epci_of``)."""
    if zone.startswith(territory.DEPARTEMENT):
        return [zone[1:]]
    if zone.startswith(territory.COMMUNE):
        return [dep] if (dep := commune_departement(zone[1:])) else []
    if zone.startswith(territory.EPCI):
        return [dep for code, siren in epci_of.items() if siren == zone[1:] and (dep := commune_departement(code))]
    return []


def decode_index(
    data: dict[str, Any], departements: dict[str, list[str]], epci_of: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """The aids of a catalogue index, each with its values and territory (as ``loadIndex`` decodes them)."""
    all_regions = list(dict.fromkeys(region for _, region in departements.values()))
    fields = data["champs"]
    aids = []
    for aid_id, line in zip(data["ids"], data["lignes"], strict=True):
        parts = line.split("|")
        aid: dict[str, Any] = {"id": aid_id}
        for position, facet in enumerate(fields):
            aid[facet] = [data["valeurs"][facet][int(n)] for n in parts[position].split(",")] if parts[position] else []
        zones = parts[len(fields)].split(",")
        aid["zones"] = set(zones)
        regions = all_regions if territory.NATIONAL in zones else []
        regions += [zone[1:] for zone in zones if zone.startswith(territory.REGION)]
        places = [dep for zone in zones for dep in _zone_departements(zone, epci_of or {})]
        regions += [departements[dep][1] for dep in places if dep in departements]
        aid["region"] = list(dict.fromkeys(regions))
        aids.append(aid)
    return aids


def _in_place(aid: dict[str, Any], state: dict[str, Any], region_of: dict[str, str], epci_of: dict[str, str]) -> bool:
    """The ``departement`` and ``commune`` filters: the aid applies there (territory.py)."""
    departement = state.get("departement")
    if departement and not aid["zones"] & set(territory.zone_query(departement, region_of)):
        return False
    commune = state.get("commune")
    return not commune or territory.covers_commune(aid["zones"], commune, region_of, epci_of)


def _matches(
    aid: dict[str, Any], state: dict[str, Any], region_of: dict[str, str], epci_of: dict[str, str], except_group: str | None
) -> bool:
    for group in VALUE_FACETS:
        selected = state.get(group) or []
        if group != except_group and selected and not set(selected) & set(aid[group]):
            return False
    if not _in_place(aid, state, region_of, epci_of):
        return False
    statuses = state.get(STATUS)
    statuses = DEFAULT_STATUS if statuses is None else statuses
    return except_group == STATUS or not statuses or bool(set(statuses) & set(aid["statut"]))


def matching(
    aids: list[dict[str, Any]], state: dict[str, Any], region_of: dict[str, str], epci_of: dict[str, str] | None = None
) -> list[str]:
    """Ids of the aids a filter state selects, in list order (``statut`` None: the default view).

    ``epci_of``: the EPCI of the communes of the EPCI the data names (``Catalogue.places``), for ``commune``."""
    return [aid["id"] for aid in aids if _matches(aid, state, region_of, epci_of or {}, None)]


def counts(
    aids: list[dict[str, Any]],
    state: dict[str, Any],
    region_of: dict[str, str],
    groups: list[str],
    epci_of: dict[str, str] | None = None,
) -> dict[str, Any]:
    """For each group, how many aids each value would give, the other groups staying as they are."""
    result: dict[str, dict[str, int]] = {}
    for group in groups:
        tally = result.setdefault(group, {})
        for aid in aids:
            if _matches(aid, state, region_of, epci_of or {}, group):
                for value in aid[group]:
                    tally[value] = tally.get(value, 0) + 1
    return result
