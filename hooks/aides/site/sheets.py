"""Which aids a région's printed sheet shows (``/aides/region/<code>/imprimer/``), and how many it leaves to the site.

A counter prints one or two A4 pages; at 10,000 aids a région has about 3,000 current ones
(a national aid counts for every région). So the sheet groups the région's current aids by
their main public (the first of ``publics``, under which ``/aides/`` lists them too), in the
order of ``referentiels.yml``, and prints at most ``PER_GROUP`` of each: the most local first
(commune, intercommunalité, département, région, then the whole of France), then by title.
National aids are the ones people and counters can learn of anywhere; local ones are those a
regional sheet is best placed to make known (each printed aid says its territory). Every group
sends to the filtered catalogue, ``/aides/?region=<code>&public=<id>``, for the rest.

A région's aids are those its filter on ``/aides/`` shows: current (``Catalogue.current_aids``), national,
or touching the région (a département, EPCI or commune counts for its région).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from aides.model.catalogue import Catalogue
from aides.model.formatting import sort_key
from aides.model.models import Territoire

PER_GROUP = 3  # aids printed per public: ten publics at most, so one or two A4 pages with contacts
# Territory levels from the most local; an aid ranks by the widest level it names (none: national).
LEVELS = ("communes", "epci", "departements", "regions")


@dataclass(frozen=True, slots=True)
class GroupChoice:
    """One public on a région's sheet."""

    public: str  # its id in referentiels.yml, the ``public`` filter of /aides/
    printed: list[str]  # the aid ids the sheet shows, in order
    others: int  # aids of /aides/?region=…&public=… that the sheet does not show (printed nowhere on it)


def locality(territoire: Territoire) -> int:
    """0 for communes only, up to ``len(LEVELS)`` for the whole of France: the widest level named."""
    named = [rank for rank, level in enumerate(LEVELS) if getattr(territoire, level)]
    return max(named, default=len(LEVELS))


class SheetChoices:
    """The aids of every région's sheet, from one pass over the catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.cat = catalogue

    @cached_property
    def by_region(self) -> dict[str, list[str]]:
        """The current aids of each région, most local first, then by title."""
        found: dict[str, list[str]] = {region.code: [] for region in self.cat.regions}
        for aid_id in sorted(self.cat.current_aids, key=self.rank):
            territoire = self.cat.aides[aid_id].territoire
            for code in list(found) if territoire.national else self.cat.regions_of(territoire):
                if code in found:
                    found[code].append(aid_id)
        return found

    def rank(self, aid_id: str) -> tuple[int, str, str]:
        aide = self.cat.aides[aid_id]
        return locality(aide.territoire), sort_key(aide.titre), aid_id

    def groups(self, region: str) -> list[GroupChoice]:
        """The publics with at least one aid in the région, in the order of referentiels.yml."""
        aids = self.by_region[region]
        shown: dict[str, list[str]] = {entry.id: [] for entry in self.cat.referentiels.publics}
        for aid_id in aids:
            group = shown[self.cat.aides[aid_id].publics[0]]
            if len(group) < PER_GROUP:
                group.append(aid_id)
        printed = {aid_id for ids in shown.values() for aid_id in ids}
        return [
            GroupChoice(public, ids, sum(a not in printed and public in self.cat.aides[a].publics for a in aids))
            for public, ids in shown.items()
            if ids
        ]
