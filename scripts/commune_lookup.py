"""The browser's commune lookup files (``referentiel/territoires/recherche/``, read by
``overrides/assets/js/lib/model/place-names.js``): postcode shards, and name shards cut from a prefix tree of the
name keys so that a first lookup stays within its download budget. Written by ``scripts/territoires.py``;
their format is described in the README it writes.
"""

from __future__ import annotations

import gzip
import json
import shutil
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from aides.model.cog import Referentiel
from aides.model.place_names import name_keys

# A first lookup fetches index.json and one shard: both together stay under 15 KB once gzipped.
LOOKUP_BUDGET = 15_000
SHARD_BUDGET = 12_000
GZIP_LEVEL = 6  # what web servers commonly use


def dumps_row(row: Any) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def join_rows(lines: Iterable[str]) -> str:
    """A JSON array with one record per line: small once gzipped, and readable diffs."""
    return "[\n" + ",\n".join(lines) + "\n]\n"


def dumps_rows(rows: Iterable[Any]) -> str:
    return join_rows(map(dumps_row, rows))


def gz_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=GZIP_LEVEL, mtime=0))


def postcode_shards(ref: Referentiel) -> dict[str, list[list[Any]]]:
    """First two digits of the postcode → the current communes having one such postcode (20: Corsica, 97/98: overseas)."""
    shards: dict[str, dict[str, list[Any]]] = defaultdict(dict)
    for postcode, communes in sorted(ref.by_postcode.items()):
        for commune in communes:
            shards[postcode[:2]][commune.code] = ref.commune_match(commune).as_row()
    return {prefix: [rows[code] for code in sorted(rows)] for prefix, rows in sorted(shards.items())}


def plan_name_shards(keys: list[tuple[str, int]], size_of: Callable[[list[int]], int]) -> tuple[dict, dict]:
    """A prefix tree over the name keys, cut where a shard fits the budget.

    Returns (leaves, exacts): leaf prefix → entry positions whose key starts with it (the leaves are
    prefix-free); for an inner prefix, the entries whose key is exactly that prefix (a query that
    short only gets exact names, and is told to type more).
    """
    leaves: dict[str, list[int]] = {}
    exacts: dict[str, list[int]] = {}

    def visit(prefix: str, items: list[tuple[str, int]]) -> None:
        positions = sorted({position for _, position in items})
        if prefix and (len(positions) <= 1500 and size_of(positions) <= SHARD_BUDGET):
            leaves[prefix] = positions
            return
        exact = sorted({position for key, position in items if key == prefix})
        if exact and prefix:
            exacts[prefix] = exact
        children: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for key, position in items:
            if len(key) > len(prefix):
                children[key[len(prefix)]].append((key, position))
        for letter in sorted(children):
            visit(prefix + letter, children[letter])

    visit("", keys)
    return leaves, exacts


def lookup_files(ref: Referentiel) -> dict[str, str]:
    """Relative path → content of every browser lookup file."""
    entries = ref.entries
    lines = [dumps_row(entry.as_row()) for entry in entries]
    keys = [(key, position) for position, entry in enumerate(entries) for key in name_keys(entry.nom)]
    leaves, exacts = plan_name_shards(keys, lambda positions: gz_size(join_rows(lines[p] for p in positions)))
    files = {f"cp/{prefix}.json": dumps_rows(shard) for prefix, shard in postcode_shards(ref).items()}
    files |= {f"noms/{prefix}.json": join_rows(lines[p] for p in positions) for prefix, positions in leaves.items()}
    files |= {f"noms/{prefix}-.json": join_rows(lines[p] for p in positions) for prefix, positions in exacts.items()}
    index = {
        "version": 1,
        "source": f"{ref.source.get('paquet', '?')} {ref.source.get('version', '?')}",
        "cp": sorted(path[3:-5] for path in files if path.startswith("cp/")),
        "noms": sorted(leaves),
        "exacts": sorted(exacts),
    }
    files["index.json"] = json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n"
    return files


def sizes(files: Mapping[str, str]) -> dict[str, Any]:
    def figures(prefix: str) -> dict[str, Any]:
        gz = sorted(gz_size(text) for path, text in files.items() if path.startswith(prefix))
        return {"fichiers": len(gz), "max": gz[-1], "mediane": int(statistics.median(gz)), "total": sum(gz)}

    return {"cp": figures("cp/"), "noms": figures("noms/"), "index": gz_size(files["index.json"])}


def write_lookup(files: Mapping[str, str], folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
