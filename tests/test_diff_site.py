"""scripts/diff_site.py (with diff_pages.py and diff_data.py): what a change does, compared on visible text,
exports and eligibility results."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EPOCH, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import diff_data
import diff_pages

PAGE = """<html><body><nav>Menu</nav><div class="md-content"><article class="md-content__inner md-typeset">
<h1>Visale</h1><p>Un   texte <a href="#">lié</a>.</p><script>var x = 1;</script>
<form><label>Âge</label></form><div hidden><p>caché</p></div><ul><li>Un</li><li>Deux</li></ul>
</article></div><footer>Pied</footer></body></html>"""


def test_visible_lines_keep_the_main_content_only() -> None:
    assert diff_pages.read_page(PAGE) == ("Visale", ["Visale", "Un texte lié.", "Un", "Deux"])
    assert diff_pages.visible_lines("<article class='md-content__inner'><p>8\u202f000\u00a0€</p></article>") == [
        "8\u202f000\u00a0€"
    ]


def test_compare_pages_reports_added_removed_and_changed_lines() -> None:
    old = {"aides/a/": ("A", ["A", "montant 8 000 €"]), "aides/b/": ("B", ["B"])}
    new = {"aides/a/": ("A", ["A", "montant 8 500 €"]), "aides/c/": ("C", ["C"])}
    changes = diff_pages.compare_pages(old, new)
    assert (changes.added, changes.removed) == (["aides/c/"], ["aides/b/"])
    assert changes.changed == {"aides/a/": ["-montant 8 000 €", "+montant 8 500 €"]}


def test_compare_exports_names_records_by_id(tmp_path: Path) -> None:
    for name, records in (
        ("avant", [{"id": "a", "titre": "A"}, {"id": "b"}]),
        ("apres", [{"id": "a", "titre": "A2"}, {"id": "c"}]),
    ):
        folder = tmp_path / name / "donnees"
        folder.mkdir(parents=True)
        (folder / "aides.json").write_text(json.dumps(records), encoding="utf-8")
        (folder / "aides.csv").write_text(
            "id,titre\n" + "".join(f"{r['id']},{r.get('titre', '')}\n" for r in records), encoding="utf-8"
        )
    lines = diff_data.compare_exports(tmp_path / "avant", tmp_path / "apres")
    assert lines == [
        "- `/donnees/aides.csv`\u00a0: ajouté `c`\u00a0; supprimé `b`\u00a0; modifié `a` (titre)",
        "- `/donnees/aides.json`\u00a0: ajouté `c`\u00a0; supprimé `b`\u00a0; modifié `a` (titre)",
    ]


def test_personas_use_known_questions() -> None:
    from aides.data.loading import load_catalogue

    catalogue = load_catalogue()
    for persona in diff_data.load_personas():
        unknown = set(persona["reponses"]) - set(catalogue.questions)
        assert not unknown, f"{persona['titre']} : questions inconnues {unknown}"


def _project_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [name for name in listed.stdout.splitlines() if (ROOT / name).is_file()]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def two_commits(tmp_path: Path) -> Path:
    """A copy of the project in a new git repository: main, then a branch that changes a title and an amount."""
    repo = tmp_path / "depot"
    for name in _project_files():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "add", "-A")
    _git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "avant")
    _git(repo, "checkout", "-q", "-b", "modification")
    visale = repo / "data" / "aides" / "visale.yml"
    visale.write_text(
        visale.read_text(encoding="utf-8").replace("pour les moins de 30 ans\n", "pour les jeunes de moins de 30 ans\n", 1)
    )
    loans = repo / "data" / "aides" / "reconstitution-offre-renouvellement-urbain.yml"
    loans.write_text(loans.read_text(encoding="utf-8").replace("metropoles: 8000,", "metropoles: 8500,", 1))
    visale.write_text(visale.read_text(encoding="utf-8").replace("age: { moins_de: 30 }", "age: { moins_de: 26 }", 1))
    _git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qam", "après")
    return repo


@pytest.mark.build  # scripts/diff_site.py builds both commits
def test_report_of_a_real_change_between_two_commits(two_commits: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": "hooks"}
    env.pop("AIDES_DATA_DIR", None)
    command = [sys.executable, "scripts/diff_site.py", "--sortie", "rapport.md"]
    result = subprocess.run(command, cwd=two_commits, env=env, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    text = (two_commits / "rapport.md").read_text(encoding="utf-8")
    assert text == result.stdout.removesuffix("\n")
    assert "# Ce que change cette modification" in text
    assert "#### `/aides/visale/`" in text
    assert "+Visale, la garantie gratuite des loyers pour les jeunes de moins de 30 ans" in text
    assert "#### `/aides/reconstitution-offre-renouvellement-urbain/`" in text
    assert "-8\u202f000\u00a0€\n+8\u202f500\u00a0€" in text
    assert "#### `/aides/visale/` — Visale, la garantie gratuite des loyers pour les jeunes de moins de 30 ans" in text
    assert "`/donnees/aides.json`\u00a0: modifié" in text and "`visale` (conditions, titre)" in text
    assert "Étudiant de 20 ans à Lyon, `visale`" not in text  # 20 < 26: still à vérifier
    assert "Jeune salariée de 24 ans qui entre dans un logement à Marseille, `visale`" not in text
    assert "Demandeur d'emploi de 28 ans qui cherche un logement à Paris, `visale`\u00a0: éligible → non éligible" in text
    assert "Aucun nouvel avertissement." in text
    worktrees = subprocess.run(["git", "worktree", "list"], cwd=two_commits, capture_output=True, text=True, check=True)
    assert len(worktrees.stdout.splitlines()) == 1, "le worktree temporaire est resté"
