"""The Python twin of the browser's commune search (``lookup`` in ``overrides/assets/js/lib/model/place-names.js``).

Only the tests need it: it searches the reference's entries (``cog.Referentiel.entries``) directly, with
the same normalisation (``place_names``), matching and order as the browser does in its lookup files, so
that the shared vectors and random queries can check that the files the generator writes find what they should.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property, lru_cache
from typing import Any

from aides.model.cog import Match, Referentiel
from aides.model.place_names import name_keys, normalise_name

LIMIT = 10  # name results; an exact postcode gives every commune that has it (46 at most)
MIN_LENGTH = 2  # letters (after normalisation, without spaces) before a name is searched
POSTCODE = re.compile("^[0-9]{5}$")


def compact(text: str) -> str:
    """The normalised name without spaces: "Saint-Étienne", "st etienne" and "St Étienne" give "saintetienne"."""
    return normalise_name(text).replace(" ", "")


def match_rank(query: str, whole: str, keys: Sequence[str]) -> int | None:
    """0: the whole name, 1: the name starts with the query, 2: a later word does; None: no match."""
    if whole == query:
        return 0
    if whole.startswith(query):
        return 1
    return 2 if any(key.startswith(query) for key in keys[1:]) else None


class CommuneSearch:
    """The entries of one reference, indexed by the first letters of their name keys."""

    def __init__(self, ref: Referentiel) -> None:
        self.ref = ref

    @cached_property
    def keyed_entries(self) -> list[tuple[Match, str, tuple[str, ...]]]:
        return [(entry, compact(entry.nom), tuple(name_keys(entry.nom))) for entry in self.ref.entries]

    @cached_property
    def by_key_start(self) -> dict[str, list[int]]:
        """The first letters of a name key → positions of the entries having such a key."""
        index: dict[str, list[int]] = defaultdict(list)
        for position, (_, _, keys) in enumerate(self.keyed_entries):
            for start in dict.fromkeys(key[:MIN_LENGTH] for key in keys):
                index[start].append(position)
        return dict(index)

    def search(self, text: str, limit: int = LIMIT) -> list[Match]:
        """A postcode gives every current commune that has it; a name gives at most ``limit`` matches."""
        query = compact(text)  # "13 001" is a postcode too
        if POSTCODE.match(query):
            return [self.ref.commune_match(commune) for commune in self.ref.by_postcode.get(query, [])]
        if len(query) < MIN_LENGTH or query.isdigit():
            return []
        ranked = []
        for position in self.by_key_start.get(query[:MIN_LENGTH], ()):
            entry, whole, keys = self.keyed_entries[position]
            rank = match_rank(query, whole, keys)
            if rank is not None:
                ranked.append((rank, position, entry))
        return [entry for _, _, entry in sorted(ranked)[:limit]]


@lru_cache(maxsize=4)
def _searcher(ref: Referentiel) -> CommuneSearch:
    return CommuneSearch(ref)


def search(ref: Referentiel, text: str, limit: int = LIMIT) -> list[Match]:
    return _searcher(ref).search(text, limit)


def as_dict(match: Match) -> dict[str, Any]:
    """A result in the shape the JS twin returns."""
    actuelle = {"code": match.actuelle[0], "nom": match.actuelle[1]} if match.actuelle else None
    return {
        "code": match.code,
        "nom": match.nom,
        "departement": match.departement,
        "codes_postaux": list(match.codes_postaux),
        "type": match.type,
        "actuelle": actuelle,
    }
