"""`make serve` builds again after every save, into the same folder, reusing what the save did not change:
the pages it shows must be those a fresh build of the edited data gives.

One process builds as `mkdocs serve` does (same hooks, kept between builds, the same site folder), the data
is edited, it builds again; a fresh process builds the edited data once. Every file must be the same, but
the search index (built in the background while serving), the link to the commune lookup files and the
hidden folder the generated pages live in while serving (reached through links: the files compared are
those the links show).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, EPOCH, ROOT

pytestmark = pytest.mark.build  # mkdocs builds in its own process: not run_build

# Builds as `mkdocs serve` does, in one process, into the site folder sys.argv[1], sys.argv[2] times; between
# two builds the script waits for a line on stdin (the test edits the data meanwhile).
SERVE_LIKE = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
for index in range(int(sys.argv[2])):
    if index:
        sys.stdin.readline()
    config = load_config("mkdocs.yml", site_dir=sys.argv[1])
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    print("construit", flush=True)
"""
SKIPPED = ("pagefind/", "assets/communes", ".apercu/")


def _files(site: Path) -> dict[str, bytes]:
    found = {}
    for folder, _, files in os.walk(site, followlinks=True):
        for file in files:
            name = (Path(folder) / file).relative_to(site).as_posix()
            if not name.startswith(SKIPPED):
                found[name] = (Path(folder) / file).read_bytes()
    return found


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_pages_after_an_edit_are_those_of_a_fresh_build(tmp_path: Path) -> None:
    data = tmp_path / "donnees"
    shutil.copytree(DATA, data)
    env = {
        **os.environ,
        "AIDES_DATA_DIR": str(data),
        "SOURCE_DATE_EPOCH": EPOCH,
        "PYTHONPATH": "hooks",
        "NO_MKDOCS_2_WARNING": "1",
    }
    site = tmp_path / "apercu"
    serving = subprocess.Popen(
        [sys.executable, "-c", SERVE_LIKE, str(site), "4"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert serving.stdout is not None and serving.stdin is not None

    def built() -> None:
        assert serving.stdout.readline().strip() == "construit"

    def rebuild() -> None:
        serving.stdin.write("\n")
        serving.stdin.flush()
        built()

    built()
    # One aid's title (its page, the lists), then a partner's name (read by the pages of other aids).
    _edit(data / "aides" / "visale.yml", "titre: Visale,", "titre: Visale (titre modifié),")
    # A current aid that the page of an ended aid lists among « Aides en cours pour le même public ».
    _edit(data / "aides" / "accompagnement-soli-al.yml", "titre: Accompagnement social", "titre: Accompagnement social modifié")
    rebuild()
    partner = data / "partenaires" / "action-logement-services.yml"
    _edit(partner, "nom: Action Logement Services", "nom: Action Logement Services (ALS)")
    rebuild()
    # A removed aid: its pages go.
    (data / "aides" / "requalification-logements-sociaux.yml").unlink()
    _edit(data / "conventions" / "convention-regionale-ar-hlm-paca-corse.yml", "  - requalification-logements-sociaux\n", "")
    rebuild()
    serving.stdin.close()
    assert serving.wait(timeout=120) == 0

    fresh = tmp_path / "neuf"
    subprocess.run([sys.executable, "-c", SERVE_LIKE, str(fresh), "1"], cwd=ROOT, env=env, check=True, capture_output=True)
    ours, theirs = _files(site), _files(fresh)
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert "Visale (titre modifié)".encode() in ours["aides/visale/index.html"]
    assert b"Action Logement Services (ALS)" in ours["aides/accompagnement-social-action-logement-services/index.html"]
    assert "aides/requalification-logements-sociaux/index.html" not in ours
    assert "Accompagnement social modifié".encode() in ours["aides/sous-location-femmes-victimes-violences/index.html"]
