"""The committed JSON Schemas of conditions and aids, read by a real JSON Schema validator (as VS Code and
check-jsonschema read them): they refuse what ``make check`` refuses and accept every aid of data/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from aides.model.catalogue import Catalogue
from aides.model.conditions import Compiler
from conftest import DATA, ROOT
from referencing import Registry, Resource

SCHEMAS = ROOT / "schemas"
CORPUS = ROOT / "tests" / "corpus" / "aides"
# Each schema under its file name: the aid's schema refers to « conditions.schema.json », relative to itself.
REGISTRY = Registry().with_resources(
    (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8")))) for path in SCHEMAS.glob("*.schema.json")
)


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = REGISTRY.contents(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=REGISTRY)


CONDITIONS = validator("conditions.schema.json")


def as_json(path: Path) -> Any:
    """A YAML file as JSON sees it: dates become AAAA-MM-JJ texts."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


ACCEPTED = {
    "un âge en nombre": {"age": {"moins_de": 30}},
    "une part du SMIC": {"salaire_brut_mensuel": {"au_plus": {"smic": 120}}},
    "un barème": {"revenu_fiscal": {"au_plus": {"bareme": "plafonds_plus"}}},
    "des euros": {"quotient_familial": {"au_plus": 25830}},
    "des demi-parts": {"parts_fiscales": {"au_moins": 2.5}},
    "groupes imbriqués": {
        "toutes": [
            {"statut": "salarie"},
            {"une_de": [{"decision_dalo": "oui"}, {"toutes": [{"region": {"parmi": ["93"]}}, {"a_verifier": "Un avis"}]}]},
        ]
    },
}
REFUSED = {
    "un âge entre guillemets": {"age": {"moins_de": "30"}},
    "un barème inconnu": {"revenu_fiscal": {"au_plus": {"bareme": "inconnu"}}},
    "un opérateur de nombre sur un choix": {"statut": {"moins_de": 3}},
    "un opérateur sans phrase": {"quotient_familial": {"au_moins": 12000}},
    "un pourcentage avec %": {"salaire_brut_mensuel": {"au_plus": {"smic": "120 %"}}},
    "une unité inconnue": {"salaire_net_mensuel": {"au_plus": {"euros": 3}}},
    "un montant négatif": {"revenu_fiscal": {"au_moins": -5}},
    "un choix inconnu": {"statut": {"parmi": ["salarie", "retraite"]}},
    "un code sans guillemets": {"region": {"parmi": [93]}},
    "un quart de part": {"parts_fiscales": {"au_moins": 2.25}},
    "une question inconnue": {"agee": {"moins_de": 30}},
    "deux clés": {"age": {"moins_de": 30}, "statut": "salarie"},
    "un groupe vide": {"toutes": []},
    "oui en booléen": {"decision_dalo": True},
}


@pytest.mark.parametrize("conditions", ACCEPTED.values(), ids=list(ACCEPTED))
def test_the_schema_accepts_well_written_conditions(conditions: dict[str, Any]) -> None:
    assert [error.message for error in CONDITIONS.iter_errors(conditions)] == []


@pytest.mark.parametrize("conditions", REFUSED.values(), ids=list(REFUSED))
def test_the_schema_refuses_what_make_check_refuses(conditions: dict[str, Any]) -> None:
    assert not CONDITIONS.is_valid(conditions)


@pytest.mark.parametrize(
    ("conditions", "accepted"),
    [*((case, True) for case in ACCEPTED.values()), *((case, False) for case in REFUSED.values())],
    ids=[*ACCEPTED, *REFUSED],
)
def test_the_compiler_agrees_with_the_schema(catalogue: Catalogue, conditions: dict[str, Any], accepted: bool) -> None:
    compiler = Compiler(catalogue.questions, catalogue.territoires, catalogue.places, catalogue.parameter, catalogue.today)
    compiler.compile(conditions)
    assert (not compiler.errors) is accepted, [error.message for error in compiler.errors]


@pytest.mark.parametrize("path", sorted((DATA / "aides").glob("*.yml")), ids=lambda path: path.stem)
def test_every_aid_of_the_data_passes_the_aid_schema_and_its_conditions(path: Path) -> None:
    aide = as_json(path)
    assert [error.message for error in CONDITIONS.iter_errors(aide["conditions"])] == []
    assert [error.message for error in validator("aide.schema.json").iter_errors(aide)] == []


def test_the_aid_schema_follows_its_reference_to_conditions() -> None:
    aide = as_json(CORPUS / "montant-conditions-valides.yml")
    assert validator("aide.schema.json").is_valid(aide)
    aide["conditions"] = {"age": {"moins_de": "30"}}
    assert not validator("aide.schema.json").is_valid(aide)
