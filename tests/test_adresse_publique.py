"""The public address of a published site: a build for publishing never prints http://127.0.0.1:8000.

Région sheets (addresses and QR codes), the printed footer of each page, canonical links and the
sitemap all carry ``site_url``. A build without ``SITE_URL``, or with a local one, is refused in French
and leaves the previous site as it was (scripts/build.py is atomic), unless ``AIDES_LOCAL=1`` says it is
for this computer only. ``mkdocs serve`` never asks (tests/test_serve_errors.py serves without it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from aides.publishing.public_address import is_local, problem
from conftest import Builder

PUBLIC = "https://exemple.fr/"


@pytest.mark.parametrize(
    "address", ["http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]:8000/", "http://0.0.0.0/", "", "/"]
)
def test_local_addresses_are_refused_without_the_local_flag(address: str) -> None:
    assert is_local(address)
    refusal = problem(address, {"SITE_URL": address} if address else {})
    assert refusal is not None and "SITE_URL=https://exemple.fr/ make build" in refusal and "AIDES_LOCAL=1" in refusal
    assert problem(address, {"AIDES_LOCAL": "1"}) is None


def test_a_public_address_is_accepted() -> None:
    assert not is_local(PUBLIC) and problem(PUBLIC, {"SITE_URL": PUBLIC}) is None
    assert problem("https://aides.exemple.org/logement/", {}) is None


def test_a_build_without_site_url_is_refused_and_keeps_the_previous_site(tmp_path: Path, build_site: Builder) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("site précédent", encoding="utf-8")
    for address in ("", "http://127.0.0.1:8000/"):
        result = build_site(site, AIDES_LOCAL="", SITE_URL=address)
        said = result.stdout + result.stderr  # MkDocs writes its refusal to the standard output
        assert result.returncode != 0
        assert "Adresse publique du site manquante" in said and "Le site n'a pas été construit." in said, said
        assert [path.name for path in site.iterdir()] == ["index.html"]
        assert (site / "index.html").read_text(encoding="utf-8") == "site précédent"
    assert not list(tmp_path.glob(".site-*"))  # no staging folder left behind


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory, build_site: Builder) -> Path:
    site = tmp_path_factory.mktemp("publie") / "site"
    result = build_site(site, AIDES_LOCAL="", SITE_URL="https://exemple.fr")  # without its slash: MkDocs adds it
    assert result.returncode == 0, result.stderr
    return site


def test_the_published_site_prints_its_public_address(public_site: Path) -> None:
    sheet = (public_site / "aides" / "region" / "93" / "imprimer" / "index.html").read_text(encoding="utf-8")
    assert f'data-qr-adresse="{PUBLIC}aides/?region=93"' in sheet
    assert f'<p class="feuille-region__url">{PUBLIC}aides/visale/</p>' in sheet
    aid = (public_site / "aides" / "visale" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLIC}aides/visale/">' in aid
    footer = aid.split('<section class="impression"', 1)[1].split("</section>", 1)[0]
    assert f'data-qr-adresse="{PUBLIC}aides/visale/"' in footer
    sitemap = (public_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(location.startswith(PUBLIC) for location in locations)
    assert f"<loc>{PUBLIC}aides/region/93/imprimer/</loc>" in sitemap


def test_no_page_of_the_published_site_sends_to_this_computer(public_site: Path) -> None:
    """The editors' guide names http://127.0.0.1:8000 as the address of `make serve`: it is text, not a link."""
    for page in public_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if page.parent.name != "contribuer":
            assert "127.0.0.1" not in text, page
        assert not re.search(r'(href|src|data-qr-adresse)="http://(127\.0\.0\.1|localhost)', text), page
