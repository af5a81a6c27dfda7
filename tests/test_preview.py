"""`make serve` builds again after every save, reusing what the save did not change: the pages it shows
must be those a fresh build of the edited data gives.

One process builds as `mkdocs serve` does (same hooks, kept between builds), the data is edited, it builds
again; a fresh process builds the edited data once. Every file must be the same, but the search index
(built in the background while serving) and the link to the commune lookup files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, EPOCH, ROOT

pytestmark = pytest.mark.build

# Builds as `mkdocs serve` does, in one process: sys.argv[1:] are site folders, built in turn; between two
# builds the script waits for a line on stdin (the test edits the data meanwhile).
SERVE_LIKE = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
for index, site in enumerate(sys.argv[1:]):
    if index:
        sys.stdin.readline()
    config = load_config("mkdocs.yml", site_dir=site)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    print("construit", flush=True)
"""
SKIPPED = ("pagefind/", "assets/communes")


def _files(site: Path) -> dict[str, bytes]:
    found = {}
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        if path.is_file() and not name.startswith(SKIPPED):
            found[name] = path.read_bytes()
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
    sites = [tmp_path / name for name in ("avant", "apres", "encore")]
    serving = subprocess.Popen(
        [sys.executable, "-c", SERVE_LIKE, *map(str, sites)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert serving.stdout is not None and serving.stdin is not None
    assert serving.stdout.readline().strip() == "construit"
    # One aid's title (its page, the lists), then a partner's name (read by the pages of other aids).
    _edit(data / "aides" / "visale.yml", "titre: Visale,", "titre: Visale (titre modifié),")
    serving.stdin.write("\n")
    serving.stdin.flush()
    assert serving.stdout.readline().strip() == "construit"
    _edit(
        data / "partenaires" / "action-logement-services.yml",
        "nom: Action Logement Services",
        "nom: Action Logement Services (ALS)",
    )
    serving.stdin.write("\n")
    serving.stdin.flush()
    assert serving.stdout.readline().strip() == "construit"
    serving.stdin.close()
    assert serving.wait(timeout=120) == 0

    fresh = tmp_path / "neuf"
    subprocess.run([sys.executable, "-c", SERVE_LIKE, str(fresh)], cwd=ROOT, env=env, check=True, capture_output=True)
    ours, theirs = _files(sites[-1]), _files(fresh)
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert "Visale (titre modifié)".encode() in ours["aides/visale/index.html"]
    assert b"Action Logement Services (ALS)" in ours["aides/accompagnement-social-action-logement-services/index.html"]
