"""Conditions on amounts: a salary, a revenu fiscal de référence, a quotient familial compared with a
figure, a share of the SMIC in force, or a ceiling of a dated barème (by household category and zone).

Compiled once per build against the dated values in force at its « today » (``parameters.py``): the tree
carries plain numbers and tables, and its French sentence says which value and since when. Evaluated with
honest uncertainty: a range of households or zones that straddles the ceiling, an estimated answer, or an
answer within 5 % of the ceiling gives « à vérifier », never a firm yes or no. The browser's twin is
``lib/model/income-rules.js``; both follow ``tests/vectors/income.json``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import Any

from aides.model import formatting as fmt
from aides.model import household
from aides.model.parameters import Bareme, ParameterError, Serie, UnknownParameter

AMOUNT_OPERATORS = ("au_plus", "moins_de", "au_moins", "plus_de")
NEAR = 0.05  # within 5 % of a ceiling, a result is only « à vérifier »
ESTIMATES = "_estimations"  # the answers' key listing those that are estimates (normalise)
SMIC = "smic_brut_mensuel"
HOUSEHOLD_QUESTIONS = ("couple", "personnes_a_charge", "handicap", "age", "age_conjoint", "commune", "departement")
# The ceilings zone from a département when no commune is given: 92, 93 and 94 hold Paris' neighbours and others.
_ZONES_OF_DEPARTEMENT = {"75": [household.ZONES[0]], **{dep: household.ZONES[:2] for dep in ("92", "93", "94")}}

Lookup = Callable[[str], Serie | Bareme]


def inputs_of(question_id: str, operand: Any) -> tuple[str, ...]:
    """The other answers a condition needs: the household and its place for a barème, the parts for a quotient."""
    found = HOUSEHOLD_QUESTIONS if isinstance(operand, dict) else ()
    if question_id == "quotient_familial":
        found = ("revenu_fiscal", "parts_fiscales", "couple", "personnes_a_charge", *found)
    return tuple(dict.fromkeys(found))


def dated(text: str, today: dt.date) -> str:
    """A question or a sentence that names the tax notice of its year: at a build in 2026, most aids read the
    2025 notice, on 2024 income (« {annee_avis} », « {annee_revenus} » in data/questions.yml)."""
    return text.replace("{annee_avis}", str(today.year - 1)).replace("{annee_revenus}", str(today.year - 2))


class OperandError(ValueError):
    """An amount condition that cannot be compiled, in French. ``loc``: where in the operand (``("smic",)``);
    ``key``: the mistake is that key itself (an unknown unit), not its value."""

    def __init__(self, message: str, loc: tuple[str, ...] = (), key: bool = False) -> None:
        super().__init__(message)
        self.loc, self.key = loc, key


OPERAND_FORMS = ("smic", "bareme")
FORMS = "un nombre d'euros, { smic: pourcentage } ou { bareme: identifiant }"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def compile_operand(operand: Any, lookup: Lookup, today: dt.date) -> tuple[Any, str]:
    """The tree's value of an amount condition and its words: ``2500``, ``{smic: 120}`` or ``{bareme: <id>}``."""
    if _is_number(operand):
        if operand < 0:
            raise OperandError("un montant ne peut pas être négatif")
        return operand, fmt.euros_cents(operand)  # 1500.5: « 1 500,50 € », never rounded
    if isinstance(operand, str):
        digits = re.sub(r"[^0-9]", "", operand)
        example = f" ({digits})" if digits else ""
        raise OperandError(
            f"un montant attend {FORMS} ; « {operand} » est un texte : écrivez le nombre en chiffres, sans guillemets, "
            f"espace ni « € »{example}"
        )
    if isinstance(operand, dict) and len(operand) == 1:
        ((key, value),) = operand.items()
        if key not in OPERAND_FORMS:
            raise OperandError(f"« {key} » n'est pas une forme de montant : écrivez {FORMS}", (key,), key=True)
        try:
            return _smic(value, lookup, today) if key == "smic" else _bareme(value, lookup, today)
        except ParameterError as error:
            raise OperandError(str(error), (key,)) from None
    raise OperandError(f"un montant attend {FORMS}")


def _smic(percent: Any, lookup: Lookup, today: dt.date) -> tuple[float, str]:
    if not _is_number(percent) or percent <= 0:
        raise OperandError(
            "« smic » attend un pourcentage du SMIC brut mensuel, un nombre sans le signe % : { smic: 120 }", ("smic",)
        )
    smic = lookup(SMIC).at(today)
    amount = round(smic.valeur * percent / 100, 2)
    words = (
        f"{fmt.euros_cents(amount)} brut par mois ({fmt.number(percent)}{fmt.NBSP}% du SMIC en vigueur au {fmt.date(smic.debut)})"
    )
    return amount, words


def _bareme(bareme_id: Any, lookup: Lookup, today: dt.date) -> tuple[dict[str, Any], str]:
    try:
        scale = lookup(str(bareme_id))
    except UnknownParameter as error:
        close = difflib.get_close_matches(str(bareme_id), error.baremes, n=1, cutoff=0.6)
        hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
        known = ", ".join(error.baremes) or "aucun"
        raise OperandError(
            f"« {bareme_id} » n'est pas un barème de referentiel/parametres/ (barèmes : {known}){hint}", ("bareme",)
        ) from None
    if not isinstance(scale, Bareme):
        raise OperandError(
            f"« {bareme_id} » est une valeur seule, pas un barème : pour une part du SMIC, écrivez {{ smic: pourcentage }}",
            ("bareme",),
        )
    in_force = scale.at(today)
    period = in_force.periode
    zones = {zone: fmt.typography(label) for zone, label in scale.zones.items()}
    table = {"bareme": scale.id, "debut": period.debut.isoformat(), **in_force.table(), "zones": zones}
    return table, f"le plafond de son ménage ({fmt.typography(scale.libelle)}, en vigueur au {fmt.date(period.debut)})"


def contracted(sentence: str) -> str:
    """« au plus égal à le plafond » → « au plus égal au plafond » (a barème's words after « à » or « de »)."""
    return sentence.replace(" à le ", " au ").replace(" de le ", " du ")


def _zones(answers: dict[str, Any]) -> list[str]:
    zone = household.ceilings_zone(answers.get("commune"))
    if zone:
        return [zone]
    departement = answers.get("departement")
    if not isinstance(departement, str):
        return []
    if departement in _ZONES_OF_DEPARTEMENT:
        return _ZONES_OF_DEPARTEMENT[departement]
    return [household.ZONES[1] if departement in household.ILE_DE_FRANCE else household.ZONES[2]]


def limits(value: Any, answers: dict[str, Any]) -> tuple[float, float] | None:
    """The lowest and highest figure the person's answers allow (None: the household or place is unknown)."""
    if not isinstance(value, dict):
        return value, value
    categories, zones = household.category_range(answers), _zones(answers)
    if categories is None or not zones:
        return None
    figures = [household.ceiling(value, category, zone) for category in categories for zone in zones]
    return min(figures), max(figures)


def _compare(answer: float, operator: str, limit: float) -> bool:
    return {"au_plus": answer <= limit, "moins_de": answer < limit, "au_moins": answer >= limit, "plus_de": answer > limit}[
        operator
    ]


def evaluate_amount(node: dict[str, Any], answers: dict[str, Any]) -> bool | None:
    """True met, False not met, None « à vérifier » (unknown, a range across the figure, an estimate, or near it)."""
    answer = answers.get(node["question"])
    bounds = limits(node["valeur"], answers) if answer is not None else None
    if bounds is None:
        return None
    low, high = (_compare(answer, node["operateur"], limit) for limit in bounds)
    if low != high or node["question"] in answers.get(ESTIMATES, ()):
        return None
    if any(abs(answer - limit) <= NEAR * limit for limit in bounds):
        return None
    return low


def derive_household(answers: dict[str, Any]) -> dict[str, Any]:
    """The fiscal parts (estimated from the couple and the dependants when not given: marked as an estimate)
    and the quotient familial (revenu fiscal ÷ parts)."""
    derived = dict(answers)
    estimates = list(derived.get(ESTIMATES, ()))
    if "parts_fiscales" not in derived and derived.get("couple") in ("oui", "non"):
        dependants = derived.get("personnes_a_charge")
        if isinstance(dependants, int):
            derived["parts_fiscales"] = household.estimated_parts(derived["couple"] == "oui", dependants)
            estimates.append("parts_fiscales")
    income, parts = derived.get("revenu_fiscal"), derived.get("parts_fiscales")
    if "quotient_familial" not in derived and isinstance(income, int | float) and isinstance(parts, int | float) and parts > 0:
        derived["quotient_familial"] = income / parts  # not rounded: the JS twin divides the same way
        if "parts_fiscales" in estimates:
            estimates.append("quotient_familial")
    if estimates:
        derived[ESTIMATES] = estimates
    return derived
