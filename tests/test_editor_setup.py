"""The editors' setup: VS Code maps every data file to its schema; pre-commit runs the data check."""

from __future__ import annotations

import fnmatch
import json

import yaml
from conftest import ROOT

SETTINGS = ROOT / ".vscode" / "settings.json"
OPTIONAL_FOLDER_SCHEMA = "./schemas/archive.schema.json"


def test_vscode_maps_every_schema_to_existing_data_files() -> None:
    mapping: dict[str, list[str]] = json.loads(SETTINGS.read_text(encoding="utf-8"))["yaml.schemas"]
    # territoires.schema.json describes an export (donnees/territoires.json), not a file editors write;
    # conditions.schema.json a block of the aids' files, reached from aide.schema.json (test below).
    schemas = {f"./schemas/{path.name}" for path in (ROOT / "schemas").glob("*.schema.json")} - {
        "./schemas/territoires.schema.json",
        "./schemas/conditions.schema.json",
    }
    assert set(mapping) == schemas
    # The generated parameter files (make parametres) have a schema too, for whoever reads or reviews them.
    files = [*(ROOT / "data").rglob("*.y*ml"), *(ROOT / "referentiel" / "parametres").glob("*.yml")]
    data_files = [path.relative_to(ROOT).as_posix() for path in files]
    for schema, globs in mapping.items():
        assert (ROOT / schema).is_file()
        if schema == OPTIONAL_FOLDER_SCHEMA:
            continue  # data/archives/ exists only once an aid has been removed (issue 9)
        assert any(fnmatch.fnmatch(name, glob) for glob in globs for name in data_files), f"{schema} : aucun fichier"
    covered = [name for name in data_files if any(fnmatch.fnmatch(name, glob) for globs in mapping.values() for glob in globs)]
    assert covered == data_files, "fichiers de données sans schéma"


def test_the_aid_schema_refers_to_the_schema_of_conditions() -> None:
    """VS Code follows the relative $ref: it completes question ids and operators inside conditions."""
    aide = json.loads((ROOT / "schemas" / "aide.schema.json").read_text(encoding="utf-8"))
    target = aide["properties"]["conditions"]["$ref"]
    assert (ROOT / "schemas" / target).is_file()
    questions = yaml.safe_load((ROOT / "data" / "questions.yml").read_text(encoding="utf-8"))["questions"]
    conditions = json.loads((ROOT / "schemas" / target).read_text(encoding="utf-8"))
    keys = conditions["$defs"]["condition"]["properties"]
    assert set(keys) == {"toutes", "une_de", "a_verifier", *(question["id"] for question in questions)}


def test_vscode_recommends_the_yaml_extension() -> None:
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_pre_commit_runs_the_data_check_on_data_files() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    assert hook["entry"].endswith("-m aides check") and hook["language"] == "system"
    assert hook["pass_filenames"] is False
