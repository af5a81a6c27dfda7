"""A new vintage of the territorial reference (scripts/territoires_millesime.py), on a made-up one.

Nothing here needs the network: two tiny packages go through the generator's pure transform, the old one
where Alpha (01001), Beta, Sigma and Gamma are communes, the new one where Alpha has merged into Beta
(01002), Sigma (01003) has been split between Gamma (01004) and a new Delta (01005), and the EPCI of Alpha
and Beta has given way to a larger one. A tiny data folder names them as editors write codes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from aides.data.places import commune_problem
from aides.model import cog
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import territoires as gen
import territoires_millesime as vintage

A, B, SPLIT, C, D = "01001", "01002", "01003", "01004", "01005"
OLD_EPCI, NEW_EPCI = "200000001", "200000003"


def commune(code: str, nom: str, *old_codes: str) -> dict[str, Any]:
    return {
        "code": code,
        "nom": nom,
        "departement": "01",
        "region": "84",
        "type": "commune-actuelle",
        "anciensCodes": list(old_codes),
        "codesPostaux": ["01100"],
    }


def package(communes: list[dict[str, Any]], epci: list[tuple[str, str, list[str]]]) -> dict[str, Any]:
    return {
        "regions": [{"code": "84", "nom": "Auvergne-Rhône-Alpes", "typeLiaison": 1, "zone": "metro"}],
        "departements": [{"code": "01", "nom": "Ain", "region": "84", "typeLiaison": 5, "zone": "metro"}],
        "communes": communes,
        "epci": [
            {"code": siren, "nom": nom, "type": "CC", "membres": [{"code": m} for m in members]} for siren, nom, members in epci
        ],
    }


def reference(raw: dict[str, Any], older: dict[str, Any] | None = None) -> cog.Referentiel:
    return cog.Referentiel({"source": {"version": "test"}, **gen.transform(raw, older["communes"] if older else ())})


OLD_PACKAGE = package(
    [commune(A, "Alpha"), commune(B, "Beta"), commune(SPLIT, "Sigma"), commune(C, "Gamma")],
    [(OLD_EPCI, "CC Alpha-Beta", [A, B]), ("200000002", "CC Sigma-Gamma", [SPLIT, C])],
)
NEW_PACKAGE = package(
    [commune(B, "Beta", A), commune(C, "Gamma", SPLIT), commune(D, "Delta", SPLIT)],
    [(NEW_EPCI, "CA Nouvelle", [B]), ("200000002", "CC Sigma-Gamma", [C, D])],
)
OLD = reference(OLD_PACKAGE)
NEW = reference(NEW_PACKAGE, OLD_PACKAGE)  # as make territoires does: former names from an older version

QUESTIONS = """questions:
  - id: commune
    type: commune
  - id: epci
    type: epci
"""
AIDE = """# Une aide de test : les commentaires, l'ordre et les guillemets doivent rester.
titre: Aide de test
territoire:
  communes: ["01001", '01004', "01003"]  # Alpha, Gamma, Sigma
  epci: ["200000001"]
  sauf: { communes: ['01001'] }
conditions:
  toutes:
    - commune: { parmi: ["01001", "01999"] }
exemples:
  - reponses: { commune: "01001" }
"""
CONTACT = """territoire:
  communes:
    - "01002"
    - "01001"
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    (folder / "aides").mkdir(parents=True)
    (folder / "contacts").mkdir()
    (folder / "questions.yml").write_text(QUESTIONS, encoding="utf-8")
    (folder / "aides" / "une-aide.yml").write_text(AIDE, encoding="utf-8")
    (folder / "contacts" / "un-contact.yml").write_text(CONTACT, encoding="utf-8")
    return folder


def listing(data: Path) -> list[str]:
    found, unreadable = vintage.changes(data, [OLD], NEW)
    assert unreadable == []
    return vintage.report(found, unreadable, data).splitlines()


def test_the_made_up_vintage() -> None:
    assert NEW.current_commune(A).code == B
    assert [commune.code for commune in NEW.successors(SPLIT)] == [C, D]
    assert OLD.epci[OLD_EPCI].membres == (A, B) and OLD_EPCI not in NEW.epci


def test_listing_names_file_line_code_and_successor(data: Path) -> None:
    lines = listing(data)
    assert lines[0] == "Le nouveau référentiel change 7 codes des données :"
    merged = "la commune « 01001 » (Alpha) fait maintenant partie de Beta (01002) : à remplacer par « 01002 »"
    assert lines[1:] == [
        f"aides/une-aide.yml:4:14: territoire.communes[0] : {merged}",
        "aides/une-aide.yml:4:32: territoire.communes[2] : la commune « 01003 » (Sigma) est partagée entre "
        "Gamma (01004) et Delta (01005) : choisissez à la main ce qui convient",
        "aides/une-aide.yml:5:10: territoire.epci[0] : l'intercommunalité (EPCI) « 200000001 » (CC Alpha-Beta) "
        "a maintenant ses communes dans CA Nouvelle (200000003) : à remplacer par « 200000003 »",
        f"aides/une-aide.yml:6:22: territoire.sauf.communes[0] : {merged}",
        f"aides/une-aide.yml:9:26: conditions.toutes[0].commune.parmi[0] : {merged}",
        f"aides/une-aide.yml:11:26: exemples[0].reponses.commune : {merged}",
        "contacts/un-contact.yml:4:7: territoire.communes[1] : la commune « 01001 » (Alpha) fait partie de Beta (01002), "
        "déjà dans la liste : supprimez « 01001 »",
    ]


def test_current_and_unknown_codes_are_not_listed(data: Path) -> None:
    """Gamma is still a commune; 01999 was never one: the build says so itself, with the closest names."""
    text = "\n".join(listing(data))
    assert "« 01004 »" not in text and "01999" not in text


def test_rewrite_changes_exactly_those_values(data: Path) -> None:
    found, _ = vintage.changes(data, [OLD], NEW)
    done = vintage.rewrite(found, data)
    assert done == [
        "aides/une-aide.yml:4 : « 01001 » → « 01002 » (Beta)",
        "aides/une-aide.yml:5 : « 200000001 » → « 200000003 » (CA Nouvelle)",
        "aides/une-aide.yml:6 : « 01001 » → « 01002 » (Beta)",
        "aides/une-aide.yml:9 : « 01001 » → « 01002 » (Beta)",
        "aides/une-aide.yml:11 : « 01001 » → « 01002 » (Beta)",
    ]
    expected = AIDE.replace("[\"01001\", '01004'", "[\"01002\", '01004'").replace("200000001", "200000003")
    expected = expected.replace("['01001']", "['01002']").replace('parmi: ["01001"', 'parmi: ["01002"')
    expected = expected.replace('commune: "01001" }', 'commune: "01002" }')
    assert (data / "aides" / "une-aide.yml").read_bytes() == expected.encode("utf-8")
    assert (data / "contacts" / "un-contact.yml").read_text(encoding="utf-8") == CONTACT  # a duplicate is left to the editor
    left, _ = vintage.changes(data, [OLD], NEW)
    assert [(change.code, change.target) for change in left] == [(SPLIT, None), (A, None)]  # the split, the duplicate


def test_split_commune_is_listed_never_rewritten(data: Path) -> None:
    found, _ = vintage.changes(data, [OLD], NEW)
    [split] = [change for change in found if change.code == SPLIT]
    assert split.successors == ((C, "Gamma"), (D, "Delta")) and split.target is None
    vintage.rewrite([split], data)
    assert '"01003"]' in (data / "aides" / "une-aide.yml").read_text(encoding="utf-8")


def test_rewrite_keeps_windows_line_ends(data: Path) -> None:
    path = data / "contacts" / "un-contact.yml"
    path.write_bytes(b'territoire:\r\n  communes: ["01001"]  # \xc3\xa9t\xc3\xa9\r\n')
    found, _ = vintage.changes(data, [OLD], NEW)
    vintage.rewrite([change for change in found if change.path == path], data)
    assert path.read_bytes() == b'territoire:\r\n  communes: ["01002"]  # \xc3\xa9t\xc3\xa9\r\n'


def test_a_moved_value_stops_the_rewrite_before_any_file_is_written(data: Path) -> None:
    found, _ = vintage.changes(data, [OLD], NEW)
    (data / "contacts" / "un-contact.yml").write_text("territoire: {}\n", encoding="utf-8")
    moved = [
        vintage.Change(
            data / "contacts" / "un-contact.yml", ("territoire", "communes", 0), 3, 7, "commune", A, "Alpha", ((B, "Beta"),)
        )
    ]
    with pytest.raises(SystemExit, match="n'est plus à sa place"):
        vintage.rewrite([*found, *moved], data)
    assert (data / "aides" / "une-aide.yml").read_text(encoding="utf-8") == AIDE


def test_review_never_rewrites_unasked(data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert vintage.review(data, [OLD], NEW, data, rewrite_now=False) == 1
    out = capsys.readouterr().out
    assert "make territoires ARGS=--reecrire" in out and "7 codes à corriger" in out
    assert (data / "aides" / "une-aide.yml").read_text(encoding="utf-8") == AIDE


def test_review_asks_in_a_terminal(data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: "o")
    assert vintage.review(data, [OLD], NEW, data, rewrite_now=False) == 1  # the split and the duplicate remain
    out = capsys.readouterr().out
    assert "Réécrit :\naides/une-aide.yml:4 : « 01001 » → « 01002 » (Beta)" in out and "2 codes à corriger" in out
    assert vintage.review(data, [OLD], NEW, data, rewrite_now=True) == 1
    assert "5 codes" not in capsys.readouterr().out


def test_a_second_run_still_finds_merged_communes(data: Path) -> None:
    """Once the new reference is written, it is also the previous one: merged communes are still found
    (the new reference knows them), a vanished EPCI only through git's HEAD (previous_references)."""
    codes = {change.code for change in vintage.changes(data, [NEW], NEW)[0]}
    assert codes == {A, SPLIT}


def test_nothing_to_change(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data / "aides" / "une-aide.yml").write_text("territoire: { communes: ['01002'], epci: ['200000003'] }\n", encoding="utf-8")
    (data / "contacts" / "un-contact.yml").unlink()
    assert vintage.review(data, [OLD], NEW, data, rewrite_now=False) == 0
    assert capsys.readouterr().out == "Le nouveau référentiel ne change aucun code des données.\n"


def test_previous_references_include_git_head(tmp_path: Path) -> None:
    path = tmp_path / "referentiel" / "territoires" / "territoires.json"
    path.parent.mkdir(parents=True)
    path.write_text(gen.dumps_reference({"source": {}, **gen.transform(package([commune(A, "Alpha")], []))}), encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(tmp_path)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "old"], check=True)
    assert [list(ref.communes) for ref in vintage.previous_references(path, tmp_path)] == [[A]]
    path.write_text(gen.dumps_reference({"source": {}, **gen.transform(package([commune(B, "Beta", A)], []))}), encoding="utf-8")
    assert [list(ref.communes) for ref in vintage.previous_references(path, tmp_path)] == [[B], [A]]


def test_the_build_names_the_successor() -> None:
    """The build's own check, on the new reference: never a silent drop (corpus: the committed reference)."""
    assert (
        commune_problem(NEW, A, [])
        == "« 01001 » est le code de l'ancienne commune Alpha : indiquez la commune actuelle, Beta (01002)"
    )
    assert commune_problem(NEW, SPLIT, []) == (
        "« 01003 » est le code de l'ancienne commune Sigma, partagée entre Gamma (01004) et Delta (01005) : "
        "indiquez celle ou celles qui conviennent"
    )


def test_make_territoires_lists_after_writing(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole step, npm replaced by the made-up packages: the new reference is written, then the data listed."""
    out = tmp_path / "referentiel"
    out.mkdir()
    (out / "territoires.json").write_text(gen.dumps_reference({"source": {}, **gen.transform(OLD_PACKAGE)}), encoding="utf-8")

    def npm_pack(version: str, folder: Path) -> tuple[dict[str, str], Path]:
        target = folder / version
        (target / "data").mkdir(parents=True)
        for name, rows in (NEW_PACKAGE if version == gen.VERSION else OLD_PACKAGE).items():
            (target / "data" / f"{name}.json").write_text(json.dumps(rows), encoding="utf-8")
        (target / "package.json").write_text('{"license": "MIT"}', encoding="utf-8")
        return {"version": version, "integrity": "sha512-test"}, target

    monkeypatch.setattr(gen, "npm_pack", npm_pack)
    monkeypatch.setattr(gen, "OUT", out)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    monkeypatch.setenv("AIDES_DATA_DIR", str(data))
    monkeypatch.setattr(sys, "argv", ["territoires.py", "--date", "2027-01-15"])
    with pytest.raises(SystemExit) as exit_status:
        gen.main()
    assert exit_status.value.code == 1
    assert list(cog.referentiel(out / "territoires.json").communes) == [B, C, D]
    out_text = capsys.readouterr().out
    assert "territoire.communes[0] : la commune « 01001 » (Alpha) fait maintenant partie de Beta (01002)" in out_text
    assert "make territoires ARGS=--reecrire" in out_text
