"""The household worked out from a few answers (Python side; the JS twin reads the same vectors)."""

from __future__ import annotations

import json

import pytest
from aides.model import cog, household
from conftest import ROOT

VECTORS = json.loads((ROOT / "tests" / "vectors" / "household.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["parts"], ids=lambda c: f"{c['couple']}-{c['personnes_a_charge']}")
def test_estimated_parts(case: dict) -> None:
    assert household.estimated_parts(case["couple"], case["personnes_a_charge"]) == case["parts"]


@pytest.mark.parametrize("case", VECTORS["categories"], ids=lambda c: c["cas"])
def test_category_range(case: dict) -> None:
    expected = tuple(case["categories"]) if case["categories"] else None
    assert household.category_range(case["reponses"]) == expected


@pytest.mark.parametrize("case", VECTORS["zones"], ids=lambda c: str(c["commune"]))
def test_ceilings_zone(case: dict) -> None:
    assert household.ceilings_zone(case["commune"]) == case["zone"]


@pytest.mark.parametrize("case", VECTORS["plafonds"]["cas"], ids=lambda c: f"{c['categorie']}-{c['zone']}")
def test_ceiling(case: dict) -> None:
    assert household.ceiling(VECTORS["plafonds"]["table"], case["categorie"], case["zone"]) == case["plafond"]


def test_paris_and_its_neighbours_are_the_communes_of_the_arrete() -> None:
    """The 29 communes limitrophes and Paris, by their names in the current Code officiel géographique."""
    names = {
        "Paris", "Aubervilliers", "Bagnolet", "Boulogne-Billancourt", "Charenton-le-Pont", "Clichy", "Fontenay-sous-Bois",
        "Gentilly", "Issy-les-Moulineaux", "Ivry-sur-Seine", "Joinville-le-Pont", "Le Kremlin-Bicêtre", "Les Lilas",
        "Le Pré-Saint-Gervais", "Levallois-Perret", "Malakoff", "Montreuil", "Montrouge", "Neuilly-sur-Seine",
        "Nogent-sur-Marne", "Pantin", "Puteaux", "Saint-Cloud", "Saint-Denis", "Saint-Mandé", "Saint-Maurice",
        "Saint-Ouen-sur-Seine", "Suresnes", "Vanves", "Vincennes",
    }  # fmt: skip
    communes = cog.referentiel().communes
    assert {communes[code].nom for code in household.PARIS_AND_NEIGHBOURS} == names
