"""Printed aid pages, as Chromium prints them (A4, print media): at most two pages each,
the site's chrome and the checker hidden, external addresses written out, and a last
block with the page's QR code, address and the day of printing."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from conftest import DATA, local_page
from PIL import Image
from pypdf import PdfReader

AIDES = sorted(path.stem for path in (DATA / "aides").glob("*.yml"))
MAX_PAGES = 2
# What a counter must not get on paper: header, tabs, navigation, search, checker, footer, "back to top".
HIDDEN = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-search",
    ".verificateur",
    ".md-footer",
    ".md-top",
    ".sommaire",
]
CANONICAL = "http://127.0.0.1:8000/aides/{}/"  # site_url of test builds (mkdocs.yml, without SITE_URL)
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


@contextlib.contextmanager
def printed(browser: Any, server: str, aide_id: str) -> Iterator[Any]:
    """The aid page opened on a desktop screen, then switched to print media."""
    with local_page(browser, server, width=1280, height=900) as page:
        page.goto(f"{server}aides/{aide_id}/")
        page.emulate_media(media="print")
        yield page


@pytest.fixture
def print_page(browser: Any, server: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    with printed(browser, server, request.param) as page:
        yield page


def test_every_aid_has_a_page(site: Path) -> None:
    assert AIDES and all((site / "aides" / aide_id / "index.html").exists() for aide_id in AIDES)


@pytest.mark.parametrize("print_page", AIDES, indirect=True)
def test_fits_on_two_a4_pages(print_page: Any) -> None:
    pdf = PdfReader(io.BytesIO(print_page.pdf(format="A4", prefer_css_page_size=True)))
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4, in mm
    assert len(pdf.pages) <= MAX_PAGES, f"{print_page.url} : {len(pdf.pages)} pages A4"
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Information imprimée le" in text and "Suis-je concerné" not in text


@pytest.mark.parametrize("print_page", AIDES, indirect=True)
def test_chrome_and_checker_hidden_and_qr_present(print_page: Any) -> None:
    aide_id = print_page.url.rstrip("/").rsplit("/", 1)[1]
    for selector in HIDDEN:
        for element in print_page.locator(selector).all():
            assert element.evaluate("e => getComputedStyle(e).display") == "none", selector
    block = print_page.locator(".impression")
    assert block.is_visible()
    qr = block.locator("svg.qr[role=img]")
    assert qr.locator("title").text_content().endswith(CANONICAL.format(aide_id))
    assert zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))[0].text == CANONICAL.format(aide_id)
    assert CANONICAL.format(aide_id) in block.text_content()


def test_printing_date_and_screen_view(browser: Any, server: str) -> None:
    with printed(browser, server, "visale") as page:
        check_date_and_screen(page)


def check_date_and_screen(page: Any) -> None:
    today = dt.date.today()
    day = "1er" if today.day == 1 else str(today.day)
    assert (
        page.locator(".impression__date")
        .inner_text()
        .startswith(f"Information imprimée le {day}\u00a0{MONTHS[today.month - 1]} {today.year} — adresse de la page\u00a0: ")
    )
    page.emulate_media(media="screen")
    assert page.locator(".impression").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".verificateur").is_visible()


def test_external_addresses_written_out_and_tables_kept_whole(browser: Any, server: str) -> None:
    with printed(browser, server, "reconstitution-offre-renouvellement-urbain") as page:
        check_links_tables_colours(page)


def check_links_tables_colours(page: Any) -> None:
    # The bundled data has no external address (the press articles give none): add one, as a source would.
    page.locator(".chapo").evaluate(
        "e => e.insertAdjacentHTML('beforeend', ' <a id=externe href=\"https://www.actionlogement.fr/\">Action Logement</a>')"
    )
    after = "e => getComputedStyle(e, '::after').content"
    assert page.locator("#externe").evaluate(after) == '" (https://www.actionlogement.fr/)"'
    internal = page.locator('.fiche-aide a:not([href^="http"])')
    assert internal.count() > 0 and all(link.evaluate(after) in ("none", "normal") for link in internal.all())
    tables = page.locator(".tableau-montants")
    assert tables.count() > 0
    assert all(table.evaluate("e => getComputedStyle(e).breakInside") == "avoid" for table in tables.all())
    assert page.locator("body").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 255)"
    assert page.locator("h1").evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
