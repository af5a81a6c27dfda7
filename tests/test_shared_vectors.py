"""The Python side of the vectors shared with the browser's modules (tests/js/shared-vectors.test.mjs
runs the same files under Node): question types, and the catalogue's filters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aides.model.question_types import QUESTION_TYPES
from aides.site import facets
from conftest import ROOT

VECTORS = ROOT / "tests" / "vectors"
TYPES = json.loads((VECTORS / "question-types.json").read_text(encoding="utf-8"))
FACETS = json.loads((VECTORS / "facets.json").read_text(encoding="utf-8"))
CHECKER_MACROS = ROOT / "overrides" / "partials" / "checker-questions.html"


def test_question_types_are_those_of_the_vectors() -> None:
    table = {
        name: {"operators": list(kind.operators), "choices": kind.choices, "widget": kind.widget, "answer": kind.answer}
        | ({"derivation": kind.derivation} if kind.derivation else {})
        for name, kind in QUESTION_TYPES.items()
    }
    assert table == TYPES["types"]


def test_every_widget_has_its_macro() -> None:
    """A type's widget is rendered by the macro of the same name: adding a widget means adding it there."""
    source = CHECKER_MACROS.read_text(encoding="utf-8")
    for widget in TYPES["widgets"]:
        assert f"{{% macro {widget}(" in source, widget
        assert f'"{widget}": {widget}' in source, widget
    assert {kind.widget for kind in QUESTION_TYPES.values()} == set(TYPES["widgets"])


@pytest.mark.parametrize("case", FACETS["cas"], ids=lambda case: case["titre"])
def test_facet_vectors(case: dict[str, Any]) -> None:
    departements = FACETS["departements"]
    region_of = {code: region for code, (_, region) in departements.items()}
    aids = facets.decode_index(FACETS["index"], departements)
    assert facets.matching(aids, case["etat"], region_of) == case["aides"]
    assert facets.counts(aids, case["etat"], region_of, FACETS["groupes"]) == case["nombres"]
    assert FACETS["statut_defaut"] == facets.DEFAULT_STATUS
    assert FACETS["groupes"] == list(facets.FACETS) and FACETS["index"]["champs"] == list(facets.INDEX_FIELDS)


@pytest.mark.parametrize("case", FACETS["communes"]["cas"], ids=lambda case: case["titre"])
def test_commune_filter_vectors(case: dict[str, Any]) -> None:
    """``commune=<code>``: the aids of its région, département, EPCI or itself, none of them excluded."""
    departements, block = FACETS["departements"], FACETS["communes"]
    region_of = {code: region for code, (_, region) in departements.items()}
    aids = facets.decode_index(block["index"], departements, block["epci_of"])
    assert facets.matching(aids, case["etat"], region_of, block["epci_of"]) == case["aides"]


def test_the_built_index_decodes_to_each_aids_own_filters(site: Path, catalogue: Any) -> None:
    """The real catalogue index, read by the Python twin, gives back every aid's filter values."""
    index = json.loads((site / "aides" / "catalogue.json").read_text(encoding="utf-8"))
    departements = {dep.code: [dep.nom, dep.region] for dep in catalogue.departements}
    own = facets.Facets(catalogue)
    for aid in facets.decode_index(index, departements, catalogue.places["epci_of"]):
        expected = own.filters(aid["id"])
        assert sorted(aid["region"]) == sorted(expected["region"]), aid["id"]
        assert sorted(aid["zones"]) == sorted(expected["zone"]), aid["id"]
        assert aid["public"] == expected["public"] and aid["statut"] == expected["statut"], aid["id"]


FRESHNESS = json.loads((VECTORS / "freshness.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", FRESHNESS["cas"], ids=lambda case: case["titre"])
def test_freshness_vectors(case: dict[str, Any]) -> None:
    """The notice of old, unconfirmed information is a layer on the rules' outcome, never « eligible »."""
    from aides.trust.freshness import with_notice

    before = json.loads(json.dumps(case["resultat"]))
    assert with_notice(case["resultat"], case["avis"]) == case["attendu"]
    assert case["resultat"] == before  # the rules' own outcome is not changed
