"""QR codes: every kind the site makes is read back by a real decoder (zxing-cpp).

- build time (``aides.qr``, région sheets only): the PNG, and the SVG rasterised by Chromium,
  decode to the URL; the SVG's path draws exactly segno's matrix; aid pages compute none;
- browser (``overrides/assets/js/lib/qr.js``, aid pages and the checkers' summaries): drawn in
  Chromium on the served site, screenshot, decoded; its markup follows the same conventions as
  the Python one, character for character.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from aides import qr
from aides.loading import load_catalogue
from aides.pageviews import AideView, PageViews
from aides.qr import QUIET_ZONE, qr_matrix, qr_png, qr_svg, svg_markup
from conftest import DATA, EPOCH, local_page
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / "overrides" / "assets" / "js" / "lib" / "qr.js"
SVG = "{http://www.w3.org/2000/svg}"
URLS = [
    "http://127.0.0.1:8000/aides/visale/",
    "https://aides-logement.example.fr/aides/sous-location-glissement-bail-alliade-habitat/",
    "http://127.0.0.1:8000/eligibilite/#profil=particulier&age=25&statut=etudiant&departement=13",
    "https://aides-logement.example.fr/aides/?commune=83137&public=jeunes&public=etudiants&type=garantie",
]
FRAGMENT = "eligibilite/#profil=particulier&age=25&statut=etudiant&departement=13"


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def matrix_of_path(svg: str) -> list[list[bool]]:
    """The modules an SVG's path paints, read back from its ``M x y h n v1 h-n z`` runs."""
    root = ET.fromstring(svg)
    side = int(root.get("viewBox").split()[2])
    modules = [[False] * side for _ in range(side)]
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", root.find(f"{SVG}path").get("d")):
        for column in range(int(x), int(x) + int(width)):
            modules[int(y)][column] = True
    return modules


def with_quiet_zone(matrix: list[list[bool]]) -> list[list[bool]]:
    side = len(matrix) + 2 * QUIET_ZONE
    blank = [[False] * side for _ in range(QUIET_ZONE)]
    return blank + [[False] * QUIET_ZONE + row + [False] * QUIET_ZONE for row in matrix] + [r[:] for r in blank]


# --- build time -------------------------------------------------------------------------


def test_svg_is_inline_accessible_and_sized_in_css_units() -> None:
    svg = qr_svg(URLS[0], "Code QR de la fiche Visale")
    root = ET.fromstring(svg)  # well-formed XML on its own
    assert svg.startswith("<svg ") and "<?xml" not in svg
    assert root.get("role") == "img" and root.get("class") == "qr"
    assert root.get("width") == root.get("height") == "35mm"
    assert root[0].tag == f"{SVG}title" and root[0].text == "Code QR de la fiche Visale"
    assert qr_svg(URLS[0], "Code QR de la fiche Visale") == svg  # deterministic
    assert qr_svg(URLS[0], "t", size="2.5cm").count('"2.5cm"') == 2


def test_title_is_escaped_and_url_is_data() -> None:
    title = 'Fiche « <script>alert(1)</script> » & "co"'
    svg = qr_svg("http://127.0.0.1:8000/aides/?a=1&b=<2>", title)
    assert "<script>" not in svg
    root = ET.fromstring(svg)
    assert root[0].text == title
    assert "127.0.0.1" not in svg  # the address is only in the modules


@pytest.mark.parametrize("url", URLS)
def test_svg_draws_segno_matrix_with_quiet_zone(url: str) -> None:
    assert matrix_of_path(qr_svg(url, "t")) == with_quiet_zone(qr_matrix(url))


@pytest.mark.parametrize("url", URLS)
def test_png_decodes_and_is_the_svg_matrix(url: str) -> None:
    scale = 6
    image = Image.open(io.BytesIO(qr_png(url, scale=scale))).convert("L")
    assert decode(image) == [url]
    side = image.width // scale
    pixels = [[image.getpixel((x * scale + scale // 2, y * scale + scale // 2)) < 128 for x in range(side)] for y in range(side)]
    assert pixels == matrix_of_path(qr_svg(url, "t"))


@pytest.mark.parametrize("url", URLS)
def test_build_time_svg_decodes_when_chromium_draws_it(browser: Any, url: str) -> None:
    context = browser.new_context(viewport={"width": 400, "height": 400})
    page = context.new_page()
    page.set_content(f'<body style="margin:0;background:#fff">{qr_svg(url, "Code QR")}</body>')
    image = Image.open(io.BytesIO(page.locator("svg.qr").screenshot()))
    context.close()
    assert decode(image) == [url]


def test_aid_pages_compute_no_qr_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """segno costs 4-10 ms a symbol: aid pages and their embeds leave the drawing to the browser."""
    symbols: list[str] = []
    monkeypatch.setattr(qr, "_symbol", symbols.append)
    views = PageViews(load_catalogue(DATA, today=dt.datetime.fromtimestamp(int(EPOCH), dt.UTC).date()), "http://x/")
    assert all(views.aide(aide_id).url_canonique == f"http://x/aides/{aide_id}/" for aide_id in views.cat.aides)
    assert symbols == [] and not any("qr" in name for name in AideView.__dataclass_fields__)


# --- browser ----------------------------------------------------------------------------

DRAW = """async ([module, title, size]) => {
  const { qrSvg } = await import(module);
  const box = document.createElement("div");
  box.id = "qr-essai";
  box.style.cssText = "position:fixed;inset:0 auto auto 0;z-index:10000;background:#fff;line-height:0";
  box.append(qrSvg(location.href, title, size));
  document.body.append(box);
  return location.href;
}"""


@pytest.mark.parametrize("size", ["35mm", "25mm"])
def test_browser_qr_of_a_fragment_url_decodes(browser: Any, server: str, size: str) -> None:
    with local_page(browser, server, width=400, height=700) as page:
        page.goto(server + FRAGMENT)
        href = page.evaluate(DRAW, [server + "assets/js/lib/qr.js", "Code QR <de> cette page & de vos réponses", size])
        assert href == server + FRAGMENT
        svg = page.locator("#qr-essai svg")
        assert svg.get_attribute("role") == "img" and svg.get_attribute("width") == size
        assert svg.locator("title").text_content() == "Code QR <de> cette page & de vos réponses"
        image = Image.open(io.BytesIO(svg.screenshot()))
    assert decode(image) == [server + FRAGMENT]


def test_browser_markup_follows_the_python_conventions() -> None:
    """For the symbols the browser library makes, Python writes the same markup, character for character."""
    node = shutil.which("node")
    assert node, "Node.js manque : « make test » l'installe (paquet Debian nodejs)"
    script = f"""
    import {{ qrMatrix, qrSvgMarkup }} from {json.dumps(LIB.as_uri())};
    const urls = JSON.parse(process.argv[1]);
    const title = 'Fiche « <b>Visale</b> » & "co"';
    console.log(JSON.stringify(urls.map((url) => [qrMatrix(url), qrSvgMarkup(url, title)])));
    """
    run = subprocess.run(
        [node, "--input-type=module", "-e", script, json.dumps(URLS)], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr
    for url, (matrix, markup) in zip(URLS, json.loads(run.stdout), strict=True):
        assert markup == svg_markup(matrix, 'Fiche « <b>Visale</b> » & "co"')
        assert len(matrix) == len(qr_matrix(url))  # same version: same error level and mode
        side = len(matrix) * 8 + 2 * QUIET_ZONE * 8
        image = Image.new("L", (side, side), 255)
        for y, row in enumerate(with_quiet_zone(matrix)):
            for x, dark in enumerate(row):
                if dark:
                    image.paste(0, (x * 8, y * 8, x * 8 + 8, y * 8 + 8))
        assert decode(image) == [url]
