"""Conditions on amounts (Python side; tests/js/income-rules.test.mjs runs the same vectors in Node)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from aides.model import formatting, income_rules
from aides.model.catalogue import Catalogue
from aides.model.conditions import Compiler
from conftest import ROOT

VECTORS = json.loads((ROOT / "tests" / "vectors" / "income.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["evaluation"], ids=lambda c: c["cas"])
def test_amount_conditions(case: dict[str, Any]) -> None:
    answers = income_rules.derive_household(case["reponses"])
    assert income_rules.evaluate_amount(case["noeud"], answers) is case["resultat"]


@pytest.mark.parametrize("case", VECTORS["deductions"], ids=str)
def test_derived_household_answers(case: dict[str, Any]) -> None:
    derived = income_rules.derive_household(case["reponses"])
    assert {key: value for key, value in derived.items() if key not in case["reponses"]} == case["deduit"]


@pytest.mark.parametrize(("amount", "text"), VECTORS["montants"])
def test_amounts_in_french(amount: float, text: str) -> None:
    assert formatting.euros_cents(amount) == text


def _criterion(catalogue: Catalogue, question: str, operand: Any, day: dt.date = dt.date(2026, 11, 22)) -> dict[str, Any]:
    compiler = Compiler(catalogue.questions, catalogue.territoires, catalogue.places, catalogue.parameter, day)
    node = compiler.compile({question: {"au_plus": operand}})
    assert not compiler.errors, [error.message for error in compiler.errors]
    return node


def test_a_share_of_the_smic_is_the_value_in_force_at_the_build_date(catalogue: Catalogue) -> None:
    node = _criterion(catalogue, "salaire_brut_mensuel", {"smic": 120})
    assert node["valeur"] == 2240.42  # 120 % of 1 867,02 €, in force since 1 June 2026
    assert "2\u202f240,42\u00a0€ brut par mois (120\u00a0% du SMIC en vigueur au 1er\u00a0juin 2026)" in node["texte"]


def test_a_barème_ceiling_compiles_to_its_table_in_force(catalogue: Catalogue) -> None:
    node = _criterion(catalogue, "revenu_fiscal", {"bareme": "plafonds_plus"})
    assert node["valeur"]["categories"]["autres_regions"][1] == 31254
    assert node["texte"].startswith("Avoir un revenu fiscal de référence 2024 au plus égal au plafond de son ménage (")
    assert {"couple", "personnes_a_charge", "commune"} <= set(node["menage"])


def test_a_stale_barème_or_a_bad_operand_is_a_french_error(catalogue: Catalogue) -> None:
    compiler = Compiler(catalogue.questions, catalogue.territoires, catalogue.places, catalogue.parameter, dt.date(2026, 11, 22))
    compiler.compile(
        {"toutes": [{"revenu_fiscal": {"au_plus": {"bareme": "plafonds_plai"}}}, {"revenu_fiscal": {"au_plus": "31254"}}]}
    )
    messages = [error.message for error in compiler.errors]
    assert any("périmé" in message for message in messages), messages
    assert any("un montant attend un nombre d'euros" in message for message in messages), messages


def test_an_amount_with_cents_is_said_with_its_cents(catalogue: Catalogue) -> None:
    node = _criterion(catalogue, "salaire_net_mensuel", 1500.5)
    assert node["texte"].endswith("au plus égal à 1\u202f500,50\u00a0€"), node["texte"]
