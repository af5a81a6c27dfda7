"""Pages written from their frame (hooks/aides/publishing/frames.py) are the pages MkDocs itself renders, byte for byte.

The same data is built twice, with frames and with every generated page through MkDocs' own page loop
(``AIDES_SANS_CADRES=1``): every file of both sites must be identical. The data has what could tell them
apart: a title with markup and quotes, a renamed aid (redirect pages), a removed one (a tombstone), enough
aids for a second page of the catalogue, partners, agreements, embeddable views and région sheets.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from aides.publishing.frames import Frame, frame_key, marker
from conftest import DATA, Builder


def test_a_frame_is_cut_at_its_markers_and_filled_in() -> None:
    rendered = f"<title>{marker('titre')} - Site</title><h1>{marker('titre')}</h1><main>{marker('corps')}</main>"
    frame = Frame.cut(rendered)
    values = {"titre": "A &amp; B", "adresse": "", "tete": "", "corps": "<p>texte</p>"}
    assert frame.fill(values) == "<title>A &amp; B - Site</title><h1>A &amp; B</h1><main><p>texte</p></main>"
    with pytest.raises(ValueError):
        Frame.cut("<main>sans corps</main>")


def test_pages_of_one_folder_share_a_frame() -> None:
    assert frame_key("aides/visale/", "main.html") == frame_key("aides/autre/", "main.html")
    assert frame_key("aides/visale/", "main.html") != frame_key("partenaires/visale/", "main.html")
    assert frame_key("aides/visale/", "main.html") != frame_key("aides/visale/", "partials/integrer.html")


def _tricky_data(folder: Path) -> Path:
    data = folder / "data"
    shutil.copytree(DATA, data)
    visale = yaml.safe_load((data / "aides" / "visale.yml").read_text(encoding="utf-8"))
    visale["anciens_ids"] = ["ancienne-garantie"]
    (data / "aides" / "visale.yml").write_text(yaml.safe_dump(visale, allow_unicode=True), encoding="utf-8")
    for index in range(205):  # more than a page of the static catalogue (listing.PAGE_SIZE)
        copy = {**visale, "anciens_ids": [], "exemples": [], "titre": f'Aide « n° {index} » <b>&</b> "citée" l\'{index}'}
        (data / "aides" / f"copie-{index}.yml").write_text(yaml.safe_dump(copy, allow_unicode=True), encoding="utf-8")
    (data / "archives").mkdir()
    (data / "archives" / "aide-retiree.yml").write_text(
        "titre: Une aide <retirée> & remplacée\nretiree_le: 2026-10-01\nraison: Fin du programme.\nremplacee_par: visale\n",
        encoding="utf-8",
    )
    return data


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_framed_pages_are_the_pages_mkdocs_renders(tmp_path: Path, build_site: Builder) -> None:
    data = _tricky_data(tmp_path)
    framed, unframed = tmp_path / "cadres", tmp_path / "sans-cadres"
    for site, env in ((framed, {}), (unframed, {"AIDES_SANS_CADRES": "1"})):
        result = build_site(site, data, **env)
        assert result.returncode == 0, result.stderr
    ours, theirs = _files(framed), _files(unframed)
    assert ours.keys() == theirs.keys()
    assert [path for path in ours if ours[path] != theirs[path]] == []
    assert "aides/liste/2/index.html" in ours and "aides/ancienne-garantie/index.html" in ours
    assert "aides/aide-retiree/index.html" in ours and "integrer/aides/copie-3/index.html" in ours
