"""Printed aid pages, as Chromium prints them (A4, print media): at most two pages each,
the site's chrome and the checker hidden, external addresses written out, and a last
block with the page's QR code (drawn by the browser: pages/impression.js), address and
the day of printing; without JavaScript, the address alone, and no code promised."""

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
SVG = "{http://www.w3.org/2000/svg}"
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


@contextlib.contextmanager
def printed(browser: Any, server: str, aid_id: str) -> Iterator[Any]:
    """The aid page opened on a desktop screen, then switched to print media."""
    with local_page(browser, server, width=1280, height=900) as page:
        page.goto(f"{server}aides/{aid_id}/")
        page.emulate_media(media="print")
        yield page


@pytest.fixture
def print_page(browser: Any, server: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    with printed(browser, server, request.param) as page:
        yield page


@pytest.fixture(scope="module")
def titles(catalogue: Any) -> dict[str, str]:
    """Each aid's title as its page writes it (typography applied), for the code's accessible name."""
    from aides.site.cards import Cards

    cards = Cards(catalogue)
    return {aid_id: cards.aid(aid_id).titre for aid_id in AIDES}


def accessible_name(title: str, address: str) -> str:
    return f"Code QR de la fiche «\u00a0{title}\u00a0»\u00a0: {address}"


def test_every_aid_has_a_page(site: Path) -> None:
    assert AIDES and all((site / "aides" / aid_id / "index.html").exists() for aid_id in AIDES)


def test_no_qr_code_is_computed_at_build_time(site: Path) -> None:
    """The pages and their embeds carry the address for the browser to draw, not a drawing."""
    for aid_id in AIDES:
        for page in (site / "aides" / aid_id / "index.html", site / "integrer" / "aides" / aid_id / "index.html"):
            block = page.read_text(encoding="utf-8").split('<section class="impression"', 1)[1].split("</section>", 1)[0]
            assert "<svg" not in block and f'data-qr-adresse="{CANONICAL.format(aid_id)}"' in block, page


@pytest.mark.parametrize("print_page", AIDES, indirect=True)
def test_fits_on_two_a4_pages(print_page: Any) -> None:
    pdf = PdfReader(io.BytesIO(print_page.pdf(format="A4", prefer_css_page_size=True)))
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4, in mm
    assert len(pdf.pages) <= MAX_PAGES, f"{print_page.url} : {len(pdf.pages)} pages A4"
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Information imprimée le" in text and "Suis-je concerné" not in text


@pytest.mark.parametrize("print_page", AIDES, indirect=True)
def test_chrome_and_checker_hidden_and_qr_present(print_page: Any, titles: dict[str, str]) -> None:
    aid_id = print_page.url.rstrip("/").rsplit("/", 1)[1]
    address = CANONICAL.format(aid_id)
    for selector in HIDDEN:
        for element in print_page.locator(selector).all():
            assert element.evaluate("e => getComputedStyle(e).display") == "none", selector
    block = print_page.locator(".impression")
    assert block.is_visible()
    qr = block.locator("svg.qr[role=img]")
    assert qr.locator("title").text_content() == accessible_name(titles[aid_id], address)
    assert zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))[0].text == address
    text = block.inner_text()
    assert address in text and "Scannez ce code" in text and "ouvrez l'adresse" not in text


def test_the_drawing_is_the_markup_of_its_address(browser: Any, server: str, titles: dict[str, str]) -> None:
    """What the page shows is lib/qr.js's markup of the block's address, with the accessible name and size
    the build gave the block: the symbol carries the address, nothing else."""
    address = CANONICAL.format("visale")
    with printed(browser, server, "visale") as page:
        drawn, expected = page.locator(".impression svg.qr").evaluate(
            """async (svg, module) => {
              const block = svg.closest("[data-qr-adresse]");
              const { qrSvgMarkup } = await import(module);
              const markup = qrSvgMarkup(block.dataset.qrAdresse, block.dataset.qrTitre);
              const parsed = new DOMParser().parseFromString(markup, "image/svg+xml").documentElement;
              const parts = (s) => [s.getAttribute("viewBox"), s.getAttribute("width"), s.querySelector("path").getAttribute("d"),
                                    s.querySelector("title").textContent];
              return [parts(svg), parts(parsed)];
            }""",
            server + "assets/js/lib/qr.js",
        )
    assert drawn == expected
    assert drawn[1] == "35mm" and drawn[3] == accessible_name(titles["visale"], address)


def test_the_code_is_drawn_again_before_printing(browser: Any, server: str) -> None:
    with printed(browser, server, "visale") as page:
        page.locator(".impression [data-qr]").evaluate("holder => holder.replaceChildren()")
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        image = Image.open(io.BytesIO(page.locator(".impression svg.qr").screenshot()))
        assert zxingcpp.read_barcodes(image)[0].text == CANONICAL.format("visale")


def test_without_javascript_the_address_is_printed_and_no_code_promised(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{server}aides/visale/")
    page.emulate_media(media="print")
    block = page.locator(".impression")
    text = block.inner_text()
    assert block.is_visible() and block.locator("svg").count() == 0
    assert CANONICAL.format("visale") in text and "ouvrez l'adresse de la page" in text
    assert "Scannez" not in text and "code" not in text.lower()
    assert text.count("Information imprimée —") == 1  # no date without the script: none is made up
    context.close()


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
