"""Warnings: things to fix that never block publication, listed after the errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from aides.data.data_warnings import AIDE_CHECKS, RESUME_MAX, review_due
from aides.data.errors import DataErrors, DataWarning
from aides.data.loading import load_catalogue, load_with_warnings
from conftest import ROOT


def check(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AIDES_DATA_DIR": str(data_dir), "PYTHONPATH": "hooks"}
    return subprocess.run(
        [sys.executable, "-m", "aides", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} absent de {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_seed_data_has_warnings_but_no_error(data_copy: Path) -> None:
    catalogue, warnings = load_with_warnings(data_copy)
    assert catalogue.aides
    assert all(isinstance(warning, DataWarning) for warning in warnings)
    visale = [w for w in warnings if w.file.endswith("aides/visale.yml")]
    assert [(w.field, w.line) for w in visale] == [("contacts", 2)]
    assert load_catalogue(data_copy).aides.keys() == catalogue.aides.keys()


def test_long_resume_is_a_warning_with_its_line(data_copy: Path) -> None:
    visale = data_copy / "aides" / "visale.yml"
    replace(visale, "  garant du paiement de votre loyer", "  garant du paiement de votre loyer " + "très " * 60)
    _, warnings = load_with_warnings(data_copy)
    [resume] = [w for w in warnings if w.file.endswith("visale.yml") and w.field == "resume"]
    assert resume.line == 3
    assert f"visez {RESUME_MAX} au plus" in resume.message


def test_source_without_any_date_is_a_warning(data_copy: Path) -> None:
    sources = data_copy / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    start = text.index("  - id: amallia-habitat-humanisme")
    line = text[:start].count("\n") + 1
    replace(
        sources,
        "    date_texte: \"Date de publication non indiquée par l'article ; il compare",
        '    editeur: "ignoré ; il compare',
    )
    _, warnings = load_with_warnings(data_copy)
    [undated] = [w for w in warnings if w.file.endswith("sources.yml")]
    assert (undated.line, undated.field) == (line, "sources[1].id")
    assert "amallia-habitat-humanisme" in undated.message


def test_review_due_flags_the_temporary_measure_without_end(data_copy: Path) -> None:
    """Filled by issue 9: only the crisis aid (statut a_confirmer, no end date) is flagged; the full list is make revue."""
    assert review_due in AIDE_CHECKS
    _, warnings = load_with_warnings(data_copy)
    flagged = [w for w in warnings if "mesure temporaire sans date de fin" in w.message]
    assert [w.file.rsplit("/", 1)[-1] for w in flagged] == ["aide-exceptionnelle-loyer-150-euros.yml"]


def test_errors_carry_the_warnings_of_the_valid_files(data_copy: Path) -> None:
    replace(data_copy / "aides" / "visale.yml", "enregistre_le: 2026-11-22", "enregistre_le: 22/11/2026")
    with pytest.raises(DataErrors) as raised:
        load_catalogue(data_copy)
    assert [e.field for e in raised.value.errors] == ["enregistre_le"]
    assert raised.value.warnings, "les avertissements des autres fichiers sont perdus"
    assert not any(w.file.endswith("visale.yml") for w in raised.value.warnings)


def test_check_prints_errors_then_warnings_and_fails_only_on_errors(data_copy: Path) -> None:
    ok = check(data_copy)
    assert ok.returncode == 0, ok.stderr
    assert "attention : contacts : aucun contact" in ok.stdout
    assert ok.stdout.strip().endswith("aucune erreur.")
    replace(data_copy / "aides" / "visale.yml", "enregistre_le: 2026-11-22", "enregistre_le: 22/11/2026")
    broken = check(data_copy)
    assert broken.returncode == 1
    assert "visale.yml:" in broken.stderr and "attention" not in broken.stderr
    assert "attention :" in broken.stdout and "points à revoir (la publication n'est pas bloquée)." in broken.stdout
