"""What a change does to the data, between two builds (for ``diff_site.py``): the open data records
changed, the worked examples and personas whose eligibility result changed, and the new warnings.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from aides.data.errors import DataErrors, DataWarning  # noqa: E402
from aides.data.loading import load_with_warnings  # noqa: E402
from aides.model.conditions import normalise, outcome  # noqa: E402
from aides.model.formatting import NBSP  # noqa: E402

PERSONAS = ROOT / "scripts" / "personas.yml"
RESULTS = {"eligible": "éligible", "a_verifier": "à vérifier", "non_eligible": "non éligible", None: "absente"}


# --- open data records ---------------------------------------------------------------------


def _records(value: Any) -> dict[str, dict[str, dict[str, Any]]]:
    """Lists of records with an ``id``: ``{"": {...}}`` for a top-level list, else by key."""
    if isinstance(value, list) and all(isinstance(item, dict) and "id" in item for item in value):
        return {"": {str(item["id"]): item for item in value}}
    if isinstance(value, dict):
        found: dict[str, dict[str, dict[str, Any]]] = {}
        for key, item in value.items():
            if isinstance(item, list) and item and all(isinstance(entry, dict) and "id" in entry for entry in item):
                found[key] = {str(entry["id"]): entry for entry in item}
        return found
    return {}


def _csv_records(text: str) -> dict[str, dict[str, dict[str, Any]]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return {"": {row["id"]: row for row in rows}} if rows and "id" in rows[0] else {}


def _read_records(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    return _csv_records(text) if path.suffix == ".csv" else _records(json.loads(text))


def compare_exports(old_site: Path, new_site: Path) -> list[str]:
    """One Markdown line per changed open data file, naming the records changed by id."""
    lines = []
    names = {p.relative_to(s).as_posix() for s in (old_site, new_site) for p in (s / "donnees").rglob("*.*")}
    for name in sorted(names):
        old_path, new_path = old_site / name, new_site / name
        old_text = old_path.read_text(encoding="utf-8") if old_path.is_file() else None
        new_text = new_path.read_text(encoding="utf-8") if new_path.is_file() else None
        if old_text == new_text:
            continue
        if old_text is None or new_text is None:
            lines.append(f"- `/{name}`{NBSP}: fichier {'ajouté' if old_text is None else 'supprimé'}")
            continue
        details = _record_changes(_read_records(old_path), _read_records(new_path))
        lines.append(f"- `/{name}`{NBSP}: " + (f"{NBSP}; ".join(details) if details else "modifié"))
    return lines


def _record_changes(old: dict[str, dict[str, dict[str, Any]]], new: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    details = []
    for group in sorted(old.keys() | new.keys()):
        before, after = old.get(group, {}), new.get(group, {})
        prefix = f"{group}{NBSP}: " if group else ""
        added, removed = sorted(after.keys() - before.keys()), sorted(before.keys() - after.keys())
        changed = {
            key: sorted(
                field for field in before[key].keys() | after[key].keys() if before[key].get(field) != after[key].get(field)
            )
            for key in sorted(before.keys() & after.keys())
            if before[key] != after[key]
        }
        if added:
            details.append(prefix + "ajouté " + ", ".join(f"`{key}`" for key in added))
        if removed:
            details.append(prefix + "supprimé " + ", ".join(f"`{key}`" for key in removed))
        if changed:
            details.append(prefix + "modifié " + ", ".join(f"`{key}` ({', '.join(fields)})" for key, fields in changed.items()))
    return details


# --- eligibility: the examples of the new tree and the personas, on both rule sets -------


def _rules(site: Path) -> dict[str, dict[str, Any]]:
    path = site / "donnees" / "eligibilite.json"
    if not path.is_file():
        return {}
    return {aide["id"]: aide for aide in json.loads(path.read_text(encoding="utf-8"))["aides"]}


def load_personas(path: Path = PERSONAS) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["personas"]


def _result(rules: dict[str, dict[str, Any]], aid_id: str, answers: dict[str, Any]) -> str | None:
    rule = rules.get(aid_id)
    return outcome(rule["conditions"], answers)["statut"] if rule else None


def compare_outcomes(old_site: Path, new_site: Path, catalogue: Any) -> tuple[list[str], list[str]]:
    """Changed results: (worked examples of the new tree, personas), as Markdown lines."""
    old_rules, new_rules = _rules(old_site), _rules(new_site)

    def answers(raw: dict[str, Any]) -> dict[str, Any]:
        return normalise(raw, catalogue.questions, catalogue.region_of)

    examples = []
    for aid_id, aide in catalogue.aides.items():
        for example in aide.exemples:
            before, after = (
                _result(old_rules, aid_id, answers(example.reponses)),
                _result(new_rules, aid_id, answers(example.reponses)),
            )
            if before != after:
                examples.append(f"- `{aid_id}`, «{NBSP}{example.titre}{NBSP}»{NBSP}: {RESULTS[before]} → {RESULTS[after]}")
    personas = []
    for persona in load_personas():
        given = answers(persona["reponses"])
        for aid_id in sorted(old_rules.keys() | new_rules.keys()):
            before, after = _result(old_rules, aid_id, given), _result(new_rules, aid_id, given)
            if before != after:
                personas.append(f"- {persona['titre']}, `{aid_id}`{NBSP}: {RESULTS[before]} → {RESULTS[after]}")
    return examples, personas


# --- warnings --------------------------------------------------------------------------


def _warnings(directory: Path) -> list[DataWarning]:
    try:
        return load_with_warnings(directory)[1]
    except DataErrors as errors:
        return errors.warnings
    except Exception:  # an older data set the current code cannot read at all
        return []


def _key(warning: DataWarning, directory: Path) -> tuple[str, str, str]:
    path = Path(warning.file)
    try:
        relative = path.resolve().relative_to(directory.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return relative, warning.field, warning.message


def new_warnings(old_data: Path, new_data: Path) -> list[DataWarning]:
    """Warnings of the new data that the old data did not have (positions ignored: lines move)."""
    before = {_key(warning, old_data) for warning in _warnings(old_data)}
    return [warning for warning in _warnings(new_data) if _key(warning, new_data) not in before]
