"""Revisions of a YAML record read from git, parsed lazily: top-level keys are cut as text, and only the keys
whose text changed are parsed (at 10,000 aids, parsing every revision whole costs more than everything else).
Each blob is parsed once, however many commits compare with it (``Revisions``).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Revision:
    """One revision of an aid file, parsed lazily: top-level keys are cut as text, and only the keys whose
    text changed are parsed (at 10,000 aids, parsing every revision whole costs more than everything else)."""

    def __init__(self, text: str) -> None:
        self.blocks = blocks(text)
        self.text = text
        self._values: dict[str, Any] = {}
        self._whole: dict[str, Any] | None = None

    def whole(self) -> dict[str, Any]:
        if self._whole is None:
            data = yaml.load(self.text, Loader=_Loader)  # may raise yaml.YAMLError
            self._whole = data if isinstance(data, dict) else {}
        return self._whole

    def values(self, keys: set[str]) -> dict[str, Any]:
        """The parsed values of those of ``keys`` that this revision has."""
        if self.blocks is None:
            return {key: value for key, value in self.whole().items() if key in keys}
        for key in keys - self._values.keys():
            if key in self.blocks:
                try:
                    self._values.update(yaml.load(self.blocks[key], Loader=_Loader) or {key: None})
                except yaml.YAMLError:  # an alias to another key's anchor, say: parse the whole file
                    self._values.update(self.whole())
        return {key: self._values[key] for key in keys if key in self._values}

    def title(self) -> str:
        """An aid's title, or a contact's name."""
        values = self.values({"titre", "nom"})
        titre = values.get("titre", values.get("nom"))
        return titre if isinstance(titre, str) else ""


_TOP_KEY = re.compile(r"([a-z_][a-z0-9_]*)[ \t]*:(?:[ \t\n]|$)")
_COMMENT_LINE = re.compile(r"^#.*$", re.M)  # a comment at column 0 is never part of a value
_BLOCK_START = re.compile(r"^(?=[^ \t\n])", re.M)


def blocks(text: str) -> dict[str, str] | None:
    """Top-level ``key: ...`` blocks of a plain YAML mapping, as text; None for any other shape."""
    text = _COMMENT_LINE.sub("", text).lstrip().removeprefix("---\n")
    blocks: dict[str, str] = {}
    for piece in _BLOCK_START.split(text):
        if not piece.strip():
            continue
        if piece.startswith(("- ", "-\n")) and blocks:  # a list written at column 0, under the key before
            last = next(reversed(blocks))
            blocks[last] += piece.rstrip() + "\n"
            continue
        match = _TOP_KEY.match(piece)
        if not match or match.group(1) in blocks:
            return None  # flow mapping, quoted key, duplicate key, several documents...: parsed whole
        blocks[match.group(1)] = piece.rstrip() + "\n"
    return blocks


def parse(content: bytes | None) -> Revision | None:
    if content is None:
        return None
    try:
        return Revision(content.decode("utf-8"))
    except UnicodeDecodeError:
        return None


class Revisions:
    """Every file revision by blob id, parsed once however many commits compare with it."""

    def __init__(self, contents: dict[str, bytes | None]) -> None:
        self.contents = contents
        self.parsed: dict[str, Revision | None] = {}

    def get(self, blob: str) -> Revision | None:
        if blob not in self.parsed:
            self.parsed[blob] = parse(self.contents.get(blob))
        return self.parsed[blob]
