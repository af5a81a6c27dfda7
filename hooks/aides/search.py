"""Search and filters: facet vocabularies, the filter values of each aid, the static catalogue pages.

Engine-independent (no MkDocs import). One set of ids serves three purposes, so that
they can never drift apart:

- the URL query of ``/aides/`` and ``/recherche/`` (``?public=jeunes&region=11``), that
  partners copy and share;
- the Pagefind filters written into each aid page (``data-pagefind-filter="public:jeunes"``),
  used by /recherche/, and the catalogue's own filter index (``catalogue_index``), used by
  /aides/;
- the checkboxes of the filter form.

Ids are the data's own: public and type ids of ``referentiels.yml``, INSEE region and
département codes, partner file names, ``en_cours`` / ``termine``.

Territory matching, decided once here:

- ``region``: every region an aid touches. A national aid touches every region; an aid
  for a département touches that département's region.
- ``departement=<code>`` (URL only, no checkbox group: a select) matches the aids that
  cover that département: national aids, aids for its whole region, aids naming it. It is
  sent to Pagefind as the internal filter ``zone`` (``france``, ``region-93``,
  ``departement-13``): one value per national aid instead of a hundred département codes,
  which keeps the filter index small at 10,000 aids. ``departements_covered`` is the
  plain definition the ``zone`` values implement (a test checks they agree).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .catalogue import Catalogue
from .formatting import typography
from .pages import GeneratedPage

# The static (no-JavaScript) list is split into pages of this many aids, so that /aides/
# stays far under 500 KB of HTML at 10,000 aids while every current aid stays reachable.
PAGE_SIZE = 200
# /aides/liste/2/, /aides/liste/3/…: an aid id could be "liste", but its page is
# /aides/liste/index.html, which never collides with /aides/liste/2/index.html.
LIST_DIR = "aides/liste"

FACETS = ("public", "type", "region", "partenaire", "statut")
LEGENDS = {
    "public": "Pour qui",
    "type": "Type d'aide",
    "region": "Territoire",
    "partenaire": "Partenaire",
    "statut": "Statut",
}
STATUSES = {"en_cours": "En cours", "termine": "Terminé"}
# Ended schemes are hidden unless the person asks for them (a ``statut`` in the URL).
DEFAULT_STATUS = ["en_cours"]
# A word that every indexed page carries as metadata (partials/pagefind-rubrique.html): the
# filter-only lists query it instead of `null`, which would download the whole word index.
ALL_PAGES_TERM = "zzpages"
# What a search result is: the ``rubrique`` filter of every indexed page (partials/pagefind-rubrique.html).
KIND_CHOICES = {"aide": "Aides", "partenaire": "Partenaires", "convention": "Conventions", "page": "Pages d'information"}


def sort_key(text: str) -> str:
    """Accent- and case-free text, so that « Étudiant » sorts with « etudiant », not after « z »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class ListPage:
    """One page of the static catalogue: aid ids split into runs of the same heading."""

    number: int
    count: int  # pages in all
    runs: list[tuple[str, list[str]]]  # (public id or "termines", aid ids)

    @property
    def path(self) -> str:
        return list_url(self.number)


def list_url(number: int) -> str:
    return "aides/" if number == 1 else f"{LIST_DIR}/{number}/"


class Search:
    """Search and filter data of a catalogue."""

    default_status = DEFAULT_STATUS

    def __init__(self, catalogue: Catalogue) -> None:
        self.cat = catalogue

    # --- per aid ----------------------------------------------------------------

    @cached_property
    def _all_regions(self) -> list[str]:
        return [region.code for region in self.cat.territoires.regions]

    def filters(self, aide_id: str) -> dict[str, list[str]]:
        """The Pagefind filter values of one aid page, keyed by URL parameter name (plus ``zone``)."""
        aide = self.cat.aides[aide_id]
        territoire = aide.territoire
        if territoire.national:
            regions, zone = self._all_regions, ["france"]
        else:
            regions = self.cat.regions_of(territoire)
            zone = [f"region-{code}" for code in territoire.regions] + [f"departement-{code}" for code in territoire.departements]
        return {
            "public": list(aide.publics),
            "type": list(aide.types),
            "region": regions,
            "zone": zone,
            "partenaire": list(dict.fromkeys(role.partenaire for role in aide.partenaires)),
            "statut": [self.cat.status(aide)],
        }

    def departements_covered(self, aide_id: str) -> list[str]:
        """Département codes where the aid applies: all of them for a national aid, those of its regions, those it names."""
        territoire = self.cat.aides[aide_id].territoire
        codes = [dep.code for dep in self.cat.territoires.departements]
        if territoire.national:
            return codes
        return [code for code in codes if code in territoire.departements or self.cat.region_of[code] in territoire.regions]

    def zone_query(self, departement: str) -> list[str]:
        """The ``zone`` values that a ``departement=<code>`` filter accepts (any of them)."""
        return ["france", f"region-{self.cat.region_of[departement]}", f"departement-{departement}"]

    # --- vocabularies -------------------------------------------------------------

    @cached_property
    def _partner_ids(self) -> list[str]:
        """Partners named by at least one aid, by name: the others would only ever count zero."""
        named = {role.partenaire for aide in self.cat.aides.values() for role in aide.partenaires}
        return sorted(named, key=lambda pid: sort_key(self.cat.partenaires[pid].nom))

    def facet_values(self, facet: str) -> list[tuple[str, str]]:
        """(id, French label) of each value of a facet, in display order."""
        if facet == "public":
            return [(entry.id, entry.libelle) for entry in self.cat.referentiels.publics]
        if facet == "type":
            return [(entry.id, entry.libelle) for entry in self.cat.referentiels.types]
        if facet == "region":
            regions = sorted(self.cat.territoires.regions, key=lambda region: sort_key(region.nom))
            return [(region.code, region.nom) for region in regions]
        if facet == "partenaire":
            return [(pid, self.cat.partenaires[pid].nom) for pid in self._partner_ids]
        if facet == "statut":
            return list(STATUSES.items())
        raise KeyError(facet)

    def facets(self) -> list[dict[str, Any]]:
        """The checkbox groups, with the counts of the default view (current aids, no filter)."""
        counts = self.default_counts
        return [
            {
                "id": facet,
                "legende": LEGENDS[facet],
                "valeurs": [
                    {"id": value, "libelle": typography(label), "nombre": counts[facet].get(value, 0)}
                    for value, label in self.facet_values(facet)
                ],
            }
            for facet in FACETS
        ]

    def departements(self) -> list[dict[str, str]]:
        return [{"code": dep.code, "nom": dep.nom, "region": dep.region} for dep in self.cat.territoires.departements]

    def vocabulary(self) -> dict[str, Any]:
        """What the browser needs to read a URL and build Pagefind filters (embedded as JSON)."""
        return {
            "facettes": {"rubrique": KIND_CHOICES} | {facet: dict(self.facet_values(facet)) for facet in FACETS},
            "legendes": LEGENDS | {"rubrique": "Rubrique", "departement": "Département"},
            "departements": {dep.code: [dep.nom, dep.region] for dep in self.cat.territoires.departements},
            "statut_defaut": DEFAULT_STATUS,
            "terme_tout": ALL_PAGES_TERM,
        }

    @cached_property
    def default_counts(self) -> dict[str, dict[str, int]]:
        """Counts shown next to each checkbox before any filter: among current aids (statut: among all)."""
        counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        for aide_id in self.cat.aides:
            values = self.filters(aide_id)
            for value in values["statut"]:
                counts["statut"][value] = counts["statut"].get(value, 0) + 1
            if not set(values["statut"]) & set(DEFAULT_STATUS):
                continue
            for facet in ("public", "type", "region", "partenaire"):
                for value in values[facet]:
                    counts[facet][value] = counts[facet].get(value, 0) + 1
        return counts

    # --- the static catalogue (what shows without JavaScript) ----------------------

    @cached_property
    def order(self) -> list[tuple[str, str]]:
        """(heading, aid id) in list order: current aids by main public then title, then ended ones."""
        publics = {entry.id: index for index, entry in enumerate(self.cat.referentiels.publics)}
        current, ended = [], []
        for aide_id, aide in self.cat.aides.items():
            (ended if self.cat.is_ended(aide) else current).append(aide_id)

        def title(aide_id: str) -> tuple[str, str]:
            return sort_key(self.cat.aides[aide_id].titre), aide_id

        current.sort(key=lambda aid: (publics[self.cat.aides[aid].publics[0]], *title(aid)))
        ended.sort(key=title)
        return [(self.cat.aides[aid].publics[0], aid) for aid in current] + [("termines", aid) for aid in ended]

    @property
    def page_count(self) -> int:
        return max(1, -(-len(self.order) // PAGE_SIZE))

    def list_page(self, number: int) -> ListPage:
        if not 1 <= number <= self.page_count:
            raise KeyError(number)
        runs: list[tuple[str, list[str]]] = []
        for heading, aide_id in self.order[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]:
            if not runs or runs[-1][0] != heading:
                runs.append((heading, []))
            runs[-1][1].append(aide_id)
        return ListPage(number, self.page_count, runs)

    @cached_property
    def headings(self) -> dict[str, tuple[int, int]]:
        """Each heading (public id, "termines") in list order: the page where it starts, its number of aids."""
        found: dict[str, tuple[int, int]] = {}
        for index, (heading, _) in enumerate(self.order):
            start, count = found.get(heading, (index // PAGE_SIZE + 1, 0))
            found[heading] = (start, count + 1)
        return found

    def list_pages(self) -> list[GeneratedPage]:
        """The catalogue pages: /aides/ (in the navigation) and /aides/liste/<n>/ (out of it)."""
        pages = [GeneratedPage("aides/index.md", "aides.html", "Les aides", "catalogue", "1", listed=True)]
        pages += [
            GeneratedPage(f"{LIST_DIR}/{number}.md", "aides.html", f"Les aides, page {number}", "catalogue", str(number))
            for number in range(2, self.page_count + 1)
        ]
        return pages

    # --- the catalogue's own filter index (what /aides/ filters with JavaScript) -------------

    def catalogue_index(self) -> dict[str, Any]:
        """Every aid's filter values in list order, compact: what filters-index.js decodes.

        Pagefind answers the full-text search, but a query that enumerates every aid costs it
        one to two seconds per query at 10,000 aids (it scores each match), and the counts
        beside the checkboxes need one query per group. Filtering this index in plain
        JavaScript takes milliseconds, and it weighs less than Pagefind's filter index.

        ``lignes``: one string per aid, ``public|type|partenaire|statut|zone``, each field a
        comma-separated list of positions in ``valeurs`` (zone: ``f`` for all of France,
        ``r<code>`` for a whole region, ``d<code>`` for a département). Regions and
        départements are derived from the zone in the browser, as ``filters`` does here.
        """
        values = {facet: [value for value, _ in self.facet_values(facet)] for facet in ("public", "type", "partenaire", "statut")}
        positions = {facet: {value: index for index, value in enumerate(ids)} for facet, ids in values.items()}
        rows = []
        for _, aide_id in self.order:
            filters = self.filters(aide_id)
            fields = [",".join(str(positions[facet][value]) for value in filters[facet]) for facet in positions]
            zone = ",".join("f" if value == "france" else value[0] + value.split("-", 1)[1] for value in filters["zone"])
            rows.append("|".join([*fields, zone]))
        return {"ids": [aide_id for _, aide_id in self.order], "valeurs": values, "lignes": rows}
