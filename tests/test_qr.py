"""QR codes: every one the site shows is drawn in the browser (``overrides/assets/js/lib/qr.js``: the
printed block of aid pages, the région sheets' lists, the checkers' summaries, the partners' link
builder) and read back here by a real decoder (zxing-cpp). The build computes none: segno, the
reference encoder, is a dependency of these tests only, to check that the browser's symbols are of
the version error level M and byte mode give.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import segno
import zxingcpp
from conftest import local_page
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / "overrides" / "assets" / "js" / "lib" / "qr.js"
SVG = "{http://www.w3.org/2000/svg}"
QUIET_ZONE = 4
URLS = [
    "http://127.0.0.1:8000/aides/visale/",
    "https://aides-logement.example.fr/aides/sous-location-glissement-bail-alliade-habitat/",
    "http://127.0.0.1:8000/eligibilite/#profil=particulier&age=25&statut=etudiant&departement=13",
    "https://aides-logement.example.fr/aides/?commune=83137&public=jeunes&public=etudiants&type=garantie",
]
FRAGMENT = "eligibilite/#profil=particulier&age=25&statut=etudiant&departement=13"


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def reference_modules(url: str) -> int:
    """The side of segno's symbol for ``url``, without the quiet zone, at error level M in byte mode."""
    return len(segno.make_qr(url, error="m", mode="byte", boost_error=False).matrix)


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


def test_the_build_computes_no_qr_code() -> None:
    """segno cost 4-40 ms a code, most of a large build: no module of the site imports it any more."""
    for path in (ROOT / "hooks").rglob("*.py"):
        assert "segno" not in path.read_text(encoding="utf-8"), path
    dependencies = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[project.optional-dependencies]")
    assert "segno" not in dependencies[0] and "segno" in dependencies[1]


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


def test_browser_markup_is_accessible_and_decodes() -> None:
    """The markup lib/qr.js writes: role and escaped title, the quiet zone around the symbol's modules, a
    symbol of the version segno gives at error level M in byte mode; rasterised, it decodes to the URL."""
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
        root = ET.fromstring(markup)  # well-formed XML on its own
        assert markup.startswith("<svg ") and "<b>" not in markup and url not in markup
        assert root.get("role") == "img" and root.get("class") == "qr" and root.get("width") == root.get("height") == "35mm"
        assert root[0].tag == f"{SVG}title" and root[0].text == 'Fiche « <b>Visale</b> » & "co"'
        assert matrix_of_path(markup) == with_quiet_zone(matrix)
        assert len(matrix) == reference_modules(url)  # same version: same error level and mode
        side = len(matrix) * 8 + 2 * QUIET_ZONE * 8
        image = Image.new("L", (side, side), 255)
        for y, row in enumerate(with_quiet_zone(matrix)):
            for x, dark in enumerate(row):
                if dark:
                    image.paste(0, (x * 8, y * 8, x * 8 + 8, y * 8 + 8))
        assert decode(image) == [url]
