"""QR codes made at build time: an inline, accessible SVG for the printed région sheets.

The symbol comes from segno; the SVG is written here, so that it matches the one
the browser draws (``overrides/assets/js/lib/qr.js``, which draws the aid pages' codes)
and stays deterministic: error correction M, byte mode, a quiet zone of four modules,
one ``<path>`` of dark runs over a white square, sized in CSS millimetres, no XML
declaration. segno is pure Python (4-10 ms a symbol): each address is drawn once per
process (``drawing``), however many pages print it. No MkDocs import: this is core code.
"""

from __future__ import annotations

import io
from functools import lru_cache
from html import escape

import segno

QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 asks
DEFAULT_SIZE = "35mm"  # 0.7 mm per module up to version 5 (37 modules): easy for a phone


def qr_matrix(url: str) -> list[list[bool]]:
    """The symbol's modules, row by row (True: dark), without the quiet zone."""
    return [[bool(module) for module in row] for row in _symbol(url).matrix]


@lru_cache(maxsize=1024)
def drawing(url: str) -> tuple[int, str]:
    """The side of ``url``'s symbol (quiet zone included) and its path: a function of the URL only,
    so cached (``drawing.cache_info().misses`` counts the symbols computed)."""
    matrix = qr_matrix(url)
    return len(matrix) + 2 * QUIET_ZONE, svg_path(matrix)


def qr_svg(url: str, title: str, size: str = DEFAULT_SIZE) -> str:
    """An inline ``<svg role="img">`` of ``url`` whose accessible name is ``title`` (editor text, escaped)."""
    return _markup(*drawing(url), title, size)


def svg_markup(matrix: list[list[bool]], title: str, size: str = DEFAULT_SIZE) -> str:
    """The SVG of a symbol's modules: the same markup as ``qrSvgMarkup`` in ``lib/qr.js``."""
    return _markup(len(matrix) + 2 * QUIET_ZONE, svg_path(matrix), title, size)


def _markup(side: int, path: str, title: str, size: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="qr" role="img" viewBox="0 0 {side} {side}"'
        f' width="{escape(size)}" height="{escape(size)}" shape-rendering="crispEdges">'
        f"<title>{escape(title, quote=False)}</title>"
        f'<rect width="{side}" height="{side}" fill="#fff"/>'
        f'<path fill="#000" d="{path}"/></svg>'
    )


def svg_path(matrix: list[list[bool]]) -> str:
    """One rectangle per horizontal run of dark modules, shifted by the quiet zone."""
    commands = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            commands.append(f"M{start + QUIET_ZONE} {y + QUIET_ZONE}h{x - start}v1h-{x - start}z")
    return "".join(commands)


def qr_png(url: str, scale: int = 8) -> bytes:
    """The same symbol as a PNG image (black on white, quiet zone kept), for tests and tools."""
    buffer = io.BytesIO()
    _symbol(url).save(buffer, kind="png", scale=scale, border=QUIET_ZONE, dark="#000", light="#fff")
    return buffer.getvalue()


def _symbol(url: str) -> segno.QRCode:
    # Fixed error level and mode: the same URL always gives the same symbol.
    return segno.make_qr(url, error="m", mode="byte", boost_error=False, encoding="utf-8")
