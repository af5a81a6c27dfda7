"""Make Pagefind's output byte-identical from one build to the next.

Pagefind 1.5 writes each filter's values in hash-map order, which changes at every run, so
the filter files, their names and the metadata file that lists them differ between two
builds of the same site (upstream: Pagefind issue #638, « other files will still change,
such as the filter/metadata indexes »). Everything else it writes is already stable.

``stabilise`` rewrites those few files in a fixed order (filters by name, values by value)
and names them after their content. The files are gzip-compressed CBOR after a
``pagefind_dcd`` signature; the small CBOR codec below handles only what they contain
(unsigned integers, text, arrays) and every file is checked to re-encode to its exact
original bytes before anything is changed: a future format leaves the bundle untouched.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


class UnexpectedFormat(ValueError):
    pass


def _decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise UnexpectedFormat(f"CBOR: entête {head:#x}")
    if major == 0:
        return value, at
    if major == 3:
        return data[at : at + value].decode("utf-8"), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise UnexpectedFormat(f"CBOR: type {major}")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if value < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, value)
    raise UnexpectedFormat(f"CBOR: entier trop grand {value}")


def _encode(value: Any) -> bytes:
    if isinstance(value, bool) or not isinstance(value, (int, str, list)):
        raise UnexpectedFormat(f"CBOR: {type(value).__name__}")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    return _head(4, len(value)) + b"".join(_encode(item) for item in value)


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnexpectedFormat(f"{path.name} : signature absente")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data) or _encode(value) != data[len(SIGNATURE) :]:
        raise UnexpectedFormat(f"{path.name} : contenu inattendu")
    return value


def _write(folder: Path, prefix: str, digits: int, suffix: str, value: Any) -> str:
    """Write under a name derived from the content; return that name (without suffix)."""
    data = SIGNATURE + _encode(value)
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(data, mtime=0))
    return name


def stabilise(bundle: Path) -> bool:
    """Rewrite the filter and metadata files of every language in a fixed order; False if left as is."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    try:
        plans = []
        for language, info in entry["languages"].items():
            meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
            meta = _read(meta_path)
            filters = {name: (chunk, _read(bundle / "filter" / f"{chunk}.pf_filter")) for name, chunk in meta[3]}
            plans.append((language, info, meta_path, meta, filters))
    except (UnexpectedFormat, KeyError, IndexError, TypeError, ValueError, OSError):
        return False
    for language, info, meta_path, meta, filters in plans:
        new_filters = []
        for name in sorted(filters):
            chunk, (filter_name, values) = filters[name]
            (bundle / "filter" / f"{chunk}.pf_filter").unlink()
            stable = [filter_name, sorted(values, key=lambda pair: pair[0])]
            new_filters.append([name, _write(bundle / "filter", language, 7, ".pf_filter", stable)])
        meta[3] = new_filters
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}", 10, ".pf_meta", meta).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True
