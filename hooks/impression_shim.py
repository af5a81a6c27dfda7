"""TEMPORARY (branch partenaires): gives aid pages the two fields partials/impression.html
needs, until the view layer provides them itself (``a.qr_svg``, ``a.url_canonique``).
Delete this file and its line in mkdocs.yml once ``Views.aide`` sets both fields."""

from __future__ import annotations

from typing import Any

from aides.qr import qr_svg
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    view = context.get("vue")
    if page.meta.get("vue") == "aide" and isinstance(view, dict) and "qr_svg" not in view:
        url = page.canonical_url
        view["url_canonique"] = url
        view["qr_svg"] = qr_svg(url, f"Code QR de la fiche «\u00a0{view['titre']}\u00a0»\u00a0: {url}")
    return context
