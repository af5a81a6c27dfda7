"""The public history of the aids from a temporary git repository with dated commits."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from aides.model.formatting import NBSP, NNBSP
from aides.trust.changes import describe_aid
from aides.trust.history import OUTSIDE_GIT, SHALLOW, aides_history
from aides.trust.revisions import blocks as _blocks
from conftest import DATA

AIDE = """\
titre: Aide au loyer
montant:
  valeurs:
    - libelle: Aide
      montant: 8000
sources:
  - article: premier-article
verifie_le: 2026-03-01
validite:
  debut: 2026-01-01
"""
GARANTIE = """\
titre: Garantie
resume: Une garantie gratuite des loyers, pour les jeunes qui entrent dans un logement.
demarche:
  - Renseignez-vous auprès d'Action Logement.
  - Déposez votre demande en ligne.
"""


def _git(repo: Path, *args: str, date: str = "2026-01-05T10:00:00+01:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Rédaction",
        "GIT_AUTHOR_EMAIL": "redaction@exemple.fr",
        "GIT_COMMITTER_NAME": "Rédaction",
        "GIT_COMMITTER_EMAIL": "redaction@exemple.fr",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def _commit(repo: Path, files: dict[str, str | None], date: str, message: str = "modification") -> str:
    for name, text in files.items():
        path = repo / "data" / "aides" / name
        if text is None:
            _git(repo, "rm", "-q", str(path))
        else:
            path.write_text(text, encoding="utf-8")
            _git(repo, "add", str(path))
    _git(repo, "commit", "-q", "-m", message, date=date)
    return _git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three dated commits: two aids created; amounts, title, source and end date changed; one aid renamed."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    repo = tmp_path / "depot"
    (repo / "data" / "aides").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, {"aide-loyer.yml": AIDE, "garantie.yml": GARANTIE}, "2026-01-05T10:00:00+01:00")
    changed = (
        AIDE.replace("Aide au loyer", "Aide au loyer <script>")
        .replace("8000", "10000")
        .replace("  - article: premier-article\n", "  - article: premier-article\n  - article: second-article\n")
        .replace("  debut: 2026-01-01\n", "  debut: 2026-01-01\n  fin: 2026-12-01\n")
        .replace("2026-03-01", "2026-06-01")
    )
    _commit(repo, {"aide-loyer.yml": changed}, "2026-06-01T09:30:00+02:00")
    _commit(repo, {"aide-loyer.yml": "# un commentaire seulement\n" + changed}, "2026-06-02T09:30:00+02:00")
    _git(repo, "mv", "data/aides/garantie.yml", "data/aides/garantie-loyers.yml")
    renamed = GARANTIE.replace("titre: Garantie", "titre: Garantie des loyers")
    _commit(repo, {"garantie-loyers.yml": renamed}, "2026-07-14T12:00:00+02:00")
    return repo


def test_each_change_is_dated_and_said_in_sentences(repo: Path) -> None:
    """Title, amount and end date are said; the new source and the bookkeeping date are not."""
    history = aides_history(repo / "data" / "aides")
    assert history.status is None
    changes = history.of("aide-loyer")
    assert [change.date for change in changes] == ["2026-06-01T09:30:00+02:00", "2026-01-05T10:00:00+01:00"]
    assert changes[0].titre == "Aide au loyer <script>"
    assert list(changes[0].changes) == [
        f"L'aide s'appelle désormais «{NBSP}Aide au loyer <script>{NBSP}».",
        f"Le montant passe de 8{NNBSP}000{NBSP}€ à 10{NNBSP}000{NBSP}€.",
        f"L'aide prend fin le 1er{NBSP}décembre 2026.",
    ]
    assert changes[1].changes == ("Nouvelle aide sur ce site.",)


def test_a_change_of_comments_only_is_not_public_history(repo: Path) -> None:
    dates = [change.date for change in aides_history(repo / "data" / "aides").of("aide-loyer")]
    assert "2026-06-02T09:30:00+02:00" not in dates


def test_a_renamed_aid_keeps_its_history_under_its_new_id(repo: Path) -> None:
    history = aides_history(repo / "data" / "aides")
    assert "garantie" not in history.entries
    changes = history.of("garantie-loyers")
    assert [change.changes for change in changes] == [
        (f"L'aide s'appelle désormais «{NBSP}Garantie des loyers{NBSP}».",),  # its new address redirects: not news
        ("Nouvelle aide sur ce site.",),
    ]
    assert changes[1].titre == "Garantie"


def test_a_deleted_aid_says_so(repo: Path) -> None:
    _commit(repo, {"aide-loyer.yml": None}, "2026-08-01T08:00:00+02:00")
    changes = aides_history(repo / "data" / "aides").of("aide-loyer")
    assert changes[0].changes == ("Aide retirée du site.",)
    assert changes[0].titre == "Aide au loyer <script>"


def test_latest_changes_of_all_aids_newest_first(repo: Path) -> None:
    latest = aides_history(repo / "data" / "aides").latest(3)
    assert [(change.record, change.date[:10]) for change in latest] == [
        ("garantie-loyers", "2026-07-14"),
        ("aide-loyer", "2026-06-01"),
        ("aide-loyer", "2026-01-05"),
    ]


def test_same_repository_same_history(repo: Path) -> None:
    assert aides_history(repo / "data" / "aides") == aides_history(repo / "data" / "aides")


def test_a_shallow_clone_has_no_history_but_says_why(repo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copie"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(copy))
    history = aides_history(copy / "data" / "aides")
    assert (history.status, history.entries) == (SHALLOW, {})
    assert SHALLOW == "historique indisponible (copie partielle du dépôt)"


def test_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    folder = tmp_path / "data" / "aides"
    folder.mkdir(parents=True)
    (folder / "une-aide.yml").write_text("titre: Une aide\n", encoding="utf-8")
    history = aides_history(folder)
    assert (history.status, history.entries, history.of("une-aide")) == (OUTSIDE_GIT, {}, [])


def test_the_data_directory_is_the_default(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIDES_DATA_DIR", str(repo / "data"))
    assert set(aides_history().entries) == {"aide-loyer", "garantie-loyers"}


def test_describe_amount_tables_and_validity_without_dates() -> None:
    """Unknown and bookkeeping keys say nothing; a table of another shape is said as a whole."""
    before = {"montant": {"tableaux": [{"titre": "Prêts"}]}, "validite": {"precision": "trois ans"}, "cle_nouvelle": 1}
    after = {"montant": {"tableaux": [{"titre": "Prêts PLUS", "zones": [{"id": "a"}]}]}, "validite": {"precision": "cinq ans"}}
    after |= {"publics": ["jeunes"], "enregistre_le": "2026-01-01"}
    assert describe_aid(before, after) == [
        f"L'aide s'adresse désormais aussi à ce public{NBSP}: «{NBSP}jeunes{NBSP}».",
        f"Le tableau des montants «{NBSP}Prêts PLUS{NBSP}» change.",
        "Les précisions sur les dates de l'aide changent.",
    ]


def test_describe_several_amounts_names_each_one() -> None:
    before = {"montant": {"valeurs": [{"libelle": "Prêt", "montant": 1000}, {"libelle": "Subvention", "montant": 500}]}}
    after = {"montant": {"valeurs": [{"libelle": "Prêt", "montant": 1000}, {"libelle": "Subvention", "montant": 750}]}}
    assert describe_aid(before, after) == [f"Subvention{NBSP}: le montant passe de 500{NBSP}€ à 750{NBSP}€."]


def test_describe_a_cell_of_an_amount_table_and_not_its_zones_territories() -> None:
    table = {
        "titre": "Prêts",
        "zones": [{"id": "m", "libelle": "Métropoles"}],
        "lignes": [{"libelle": "Prêt PLUS", "valeurs": {"m": 8000}}],
    }
    moved = {**table, "zones": [{"id": "m", "libelle": "Métropoles", "territoire": {"epci": ["200054807"]}}]}
    assert describe_aid({"montant": {"tableaux": [table]}}, {"montant": {"tableaux": [moved]}}) == []
    raised = {**table, "lignes": [{"libelle": "Prêt PLUS", "valeurs": {"m": 8500}}]}
    assert describe_aid({"montant": {"tableaux": [table]}}, {"montant": {"tableaux": [raised]}}) == [
        f"Prêt PLUS (Métropoles){NBSP}: le montant passe de 8{NNBSP}000{NBSP}€ à 8{NNBSP}500{NBSP}€."
    ]


def test_cutting_a_file_into_top_level_blocks_keeps_its_values() -> None:
    """Only changed blocks are parsed: cut and parsed piece by piece, every data file reads as when parsed whole."""
    tricky = "# en-tête\n---\ntitre: A\n# note\nmontant:\n  valeurs: []\n\n  # dedans\ntexte: |\n  # pas un commentaire\n\n  suite\nliste:\n- 1\n-\n  a: 2\n"
    for text in [tricky, *(path.read_text(encoding="utf-8") for path in sorted(DATA.rglob("*.yml")))]:
        blocks = _blocks(text)
        assert blocks is not None
        values: dict[str, object] = {}
        for block in blocks.values():
            values.update(yaml.safe_load(block))
        assert values == yaml.safe_load(text)
    assert _blocks("{titre: A}") is None
    assert _blocks('"titre": A') is None
    assert _blocks("titre: A\ntitre: B\n") is None
