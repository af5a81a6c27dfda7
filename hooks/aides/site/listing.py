"""The static catalogue: what ``/aides/`` shows without JavaScript, split in pages.

Current aids by main public then title, then ended schemes apart, in pages of
``PAGE_SIZE`` aids (``/aides/``, ``/aides/liste/2/``…) so that each page stays far
under 500 KB of HTML at 10,000 aids while every aid stays reachable.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from aides.model.catalogue import Catalogue
from aides.model.formatting import sort_key

PAGE_SIZE = 200
ENDED = "termines"  # the heading of schemes no longer offered: ended, suspended, budget exhausted, stale measures


@dataclass(frozen=True)
class ListPage:
    """One page of the static catalogue: aid ids split into runs of the same heading."""

    number: int
    count: int  # pages in all
    runs: list[tuple[str, list[str]]]  # (public id or ENDED, aid ids)


class Listing:
    def __init__(self, catalogue: Catalogue) -> None:
        self.cat = catalogue

    @cached_property
    def order(self) -> list[tuple[str, str]]:
        """(heading, aid id) in list order: current aids by main public then title, then ended ones."""
        publics = {entry.id: index for index, entry in enumerate(self.cat.referentiels.publics)}
        current, ended = [], []
        for aid_id, aide in self.cat.aides.items():
            (current if self.cat.is_offered(aide) else ended).append(aid_id)

        def title(aid_id: str) -> tuple[str, str]:
            return sort_key(self.cat.aides[aid_id].titre), aid_id

        current.sort(key=lambda aid: (publics[self.cat.aides[aid].publics[0]], *title(aid)))
        ended.sort(key=title)
        return [(self.cat.aides[aid].publics[0], aid) for aid in current] + [(ENDED, aid) for aid in ended]

    @property
    def ids(self) -> list[str]:
        return [aid_id for _, aid_id in self.order]

    @property
    def page_count(self) -> int:
        return max(1, -(-len(self.order) // PAGE_SIZE))

    def page(self, number: int) -> ListPage:
        if not 1 <= number <= self.page_count:
            raise KeyError(number)
        runs: list[tuple[str, list[str]]] = []
        for heading, aid_id in self.order[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]:
            if not runs or runs[-1][0] != heading:
                runs.append((heading, []))
            runs[-1][1].append(aid_id)
        return ListPage(number, self.page_count, runs)

    @cached_property
    def headings(self) -> dict[str, tuple[int, int]]:
        """Each heading (public id, ENDED) in list order: the page where it starts, its number of aids."""
        found: dict[str, tuple[int, int]] = {}
        for index, (heading, _) in enumerate(self.order):
            start, count = found.get(heading, (index // PAGE_SIZE + 1, 0))
            found[heading] = (start, count + 1)
        return found
