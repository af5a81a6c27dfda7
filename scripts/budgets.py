"""The performance budgets, in one place: ``make bench`` prints every figure beside its budget and
the suite's guard (``tests/test_bench_smoke.py``) fails when one of its figures goes over.

Budgets hold at ``AT`` (10,000 aids). Each is a ceiling on one figure of ``bench-data/results.json``
(the key), in the unit given. ``limit=None``: measured and printed, no budget yet.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

AT = 10_000  # the catalogue size the budgets are set for


@dataclass(frozen=True)
class Budget:
    key: str  # the figure's name in bench-data/results.json
    label: str  # what it is, in French
    limit: float | None  # the ceiling (None: no budget yet)
    unit: str  # "×", "Ko", "Mo", "ms", "s"
    at: int = AT  # the catalogue size it holds at


BUDGETS = [
    Budget("ratio_per_page", "coût d'une fiche d'aide, rapport à MkDocs seul (même texte)", 1.0, "×"),
    Budget("build_ratio", "construction complète, rapport à MkDocs seul (même texte)", 1.2, "×"),
    Budget("peak_mb", "mémoire maximale de la construction", 1600, "Mo"),
    # 32 Ko until 4 December 2026; 34 since issue 19 gave every aid page a next step (its partners' public ways
    # in when no local contact exists: about 1 Ko) and « Que faire maintenant ? » (0,3 Ko). A decision, not drift.
    Budget("aid_page_kb", "poids d'une fiche d'aide (HTML)", 34, "Ko"),
    Budget("checker_download_kb", "téléchargé par le questionnaire /eligibilite/", 900, "Ko"),
    Budget("browser_first_search_kb", "première recherche (/recherche/, téléphone)", 300, "Ko"),
    Budget("aides_html_kb", "HTML de /aides/", 500, "Ko"),
    Budget("checker_eval_unshared_ms_median", "pire réponse du questionnaire (aucune règle partagée)", 16, "ms"),
    # At 1,000 aids (bench.PREVIEW_AT): an editor's change seen in `make serve` (bench_preview.py).
    Budget("preview_s", "aperçu d'une modification (make serve)", 2.0, "s", at=1000),
    Budget("preview_to_build", "même attente, rapport à la construction complète", 0.25, "×", at=1000),
]
BY_KEY = {budget.key: budget for budget in BUDGETS}


def number(value: Any) -> str:
    """A figure the French way: decimal comma, narrow no-break space between thousands."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and math.isnan(value):
        return "—"
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0")
    text += "0" if text.endswith(".") else ""  # 1.0 → « 1,0 »: a float keeps a decimal
    return text.replace(",", "\u202f").replace(".", ",")


def over(budget: Budget, value: Any) -> bool:
    return budget.limit is not None and isinstance(value, int | float) and value > budget.limit


def verdict(budget: Budget, value: Any) -> str:
    if budget.limit is None or not isinstance(value, int | float) or math.isnan(value):
        return "—"
    return "DÉPASSÉ" if over(budget, value) else "ok"


def message(budget: Budget, value: float, context: str = "") -> str:
    """One French line for a figure over its budget: what, where measured, how much, the budget."""
    what = f"{budget.label} ({context})" if context else budget.label
    return f"{what} : {number(value)} {budget.unit}, au-delà du budget de {number(budget.limit)} {budget.unit}"


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(
        cell.ljust(width) if i == 0 else cell.rjust(width) for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
    )


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [_row(row, widths) for row in rows]
    return "\n".join([lines[0], "  ".join("-" * width for width in widths), *lines[1:]])


def judged(budget: Budget, results: list[dict[str, Any]]) -> Any:
    """The figure a budget is judged on: at its size when measured there, else at the largest size."""
    at_size = [result for result in results if result["aides"] == budget.at and budget.key in result]
    return (at_size or results[-1:])[0].get(budget.key)


def report(results: list[dict[str, Any]]) -> str:
    """Budgeted figures (value at each size, budget with the size it holds at, verdict), then the others."""
    sizes = [f"{number(result['aides'])} aides" for result in results]
    complete = any(result["aides"] >= AT for result in results)
    rows = [["chiffre", *sizes, "budget", "verdict" + ("" if complete else " (indicatif)")]]
    for budget in BUDGETS:
        values = [result.get(budget.key, "—") for result in results]
        limit = f"≤ {number(budget.limit)} {budget.unit} à {number(budget.at)} aides" if budget.limit is not None else "à définir"
        rows.append([budget.label, *[number(v) for v in values], limit, verdict(budget, judged(budget, results))])
    others = [["autre chiffre", *sizes]]
    keys = dict.fromkeys(key for result in results for key in result)
    for key in keys:
        if key not in BY_KEY and key != "aides":
            others.append([key, *[number(result.get(key, "—")) for result in results]])
    overs = [b for b in BUDGETS if over(b, judged(b, results))]
    summary = f"{len(overs)} chiffre(s) au-delà du budget." if overs else "Tous les chiffres mesurés tiennent leur budget."
    return "\n\n".join([_table(rows), summary, _table(others)])
