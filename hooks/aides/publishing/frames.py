"""Pages written from a frame: the theme's page around a body, rendered once, filled in for each page.

Thousands of generated pages (aids, their embeddable views, partners…) share everything but their
title, address, a few <head> lines and their body: the header, navigation, footer and scripts of
Material come out the same for every page of one folder (``aides/<id>/``), since the theme's links
are relative to that folder. Rendering the theme once per folder, with markers where each page
differs, and filling the markers in for each page gives the same bytes as rendering the whole
template again, at a fraction of the cost (a test builds the site both ways and compares every page).

No MkDocs import: the adapter renders the frame; this module only cuts it and fills it in.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

# What differs between two pages of one frame. Private-use characters: no text of ours contains them.
SLOTS = ("titre", "adresse", "tete", "corps")


def marker(slot: str) -> str:
    return f"\ue000{slot}\ue001"


@dataclass(frozen=True, slots=True)
class Frame:
    """A rendered page cut at its markers: text, slot name, text, slot name… text."""

    pieces: tuple[str, ...]

    @classmethod
    def cut(cls, rendered: str) -> Frame:
        """The frame of a page rendered with ``marker(slot)`` in place of each slot's value."""
        if rendered.count(marker("corps")) != 1:
            raise ValueError("un cadre de page doit porter son corps une fois et une seule")
        pieces = [rendered]
        for slot in SLOTS:
            cut_pieces: list[str] = []
            for index, piece in enumerate(pieces):
                if index % 2:  # already a slot name
                    cut_pieces.append(piece)
                    continue
                parts = piece.split(marker(slot))
                for position, part in enumerate(parts):
                    if position:
                        cut_pieces.append(slot)
                    cut_pieces.append(part)
            pieces = cut_pieces
        return cls(tuple(pieces))

    def fill(self, values: Mapping[str, str]) -> str:
        return "".join(values[piece] if index % 2 else piece for index, piece in enumerate(self.pieces))


def frame_key(url: str, frame_template: str) -> tuple[str, str]:
    """Pages of one folder share their frame: the theme's relative links from ``aides/a/`` and from
    ``aides/b/`` are the same, as long as no link of the frame points inside the page's own folder."""
    return frame_template, posixpath.dirname(url.rstrip("/"))
