"""The benchmark's guard: `make bench` figures that already mean something at a few hundred aids,
checked against the budgets of scripts/budgets.py, with the benchmark's own measurement code.

In one run, on ``SIZE`` synthetic aids (scripts/bench_data.py), built for real (build.py: MkDocs,
Pagefind, CSP) next to the plain MkDocs baseline carrying the same text, and both again without
any aid (the fixed cost):

- the cost of an aid page against a plain MkDocs page, as bench.py computes it: what N pages add
  to a build of none, ours (everything, Pagefind included) over the baseline's, ((T(N) − T(0)) / N),
  in active time (scripts/bench_measure.py: wall time less the waits for a processor, which other work
  on a shared machine adds; a page that sleeps or waits for a disk still counts). One process writes
  the pages (``AIDES_PROCESSUS=1``): with more processes than cores, the build's own processes would
  wait for each other, and active time would leave that out. At 300 aids the
  baseline adds only a second or two, so the builds are measured ``ROUNDS`` times in turn, each
  keeping its fastest time (a busy machine only ever adds time), once more while the ratio is
  over budget. Ratios only, never absolute times; wall and processor time ratios are given beside;
- the HTML of an aid page, what the questionnaire /eligibilite/ downloads (bench_checker, in
  Chromium), what the first search downloads (bench_browser, real Pagefind index, in Chromium);
- the preview: in `mkdocs serve`, from the save of an aid to its page served changed (bench_preview),
  against the full build. The watcher's wait (about half a second, polling, whatever the size) weighs
  more at 300 aids than at the budget's 1,000, so the guard's ceiling is ``PREVIEW_GUARD``: it catches
  a preview that makes everything again (about 1 ×); ``make bench`` checks the budget itself.

Budgets are set for 10,000 aids: the sizes that grow with the catalogue (questionnaire, search)
are smaller here, so these checks catch gross regressions only; the page cost and the aid page
do not depend on the catalogue size. ``pytest -m bench`` runs this guard alone.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from bench import build_costs, cost_figures, fastest, flat, size_figures
from bench_browser import measure_search
from bench_checker import measure_checker
from bench_preview import measure_preview
from budgets import BY_KEY, message, number

pytestmark = [pytest.mark.bench, pytest.mark.build, pytest.mark.browser]  # its own builds, then Chromium

SIZE = 300
ONE_PROCESS = {"AIDES_PROCESSUS": "1"}
ROUNDS = (2, 3)  # rounds of builds: at least, and at most while the page cost is over budget
PREVIEW_GUARD = 0.5  # preview ÷ full build at SIZE aids (the budget, 0.25, holds at 1,000: see above)


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    assert Path(CHROMIUM).exists(), "Chromium manque : « make test » l'installe (paquet Debian chromium)"
    work = tmp_path_factory.mktemp("bench")
    empty, full = [], []
    for round_number in range(1, ROUNDS[1] + 1):
        empty.append(build_costs(0, work, env=ONE_PROCESS)[0])
        full.append(build_costs(SIZE, work, env=ONE_PROCESS)[0])
        found = cost_figures(fastest(full), fastest(empty), basis="active")
        if round_number >= ROUNDS[0] and found["ratio_per_page"] <= BY_KEY["ratio_per_page"].limit:
            break
    site = full[0].site
    found |= {"aides": SIZE, "mesures": len(full)} | size_figures(site)
    found |= measure_checker(site, answers=0)  # what the page downloads; no answer timed
    found |= flat(measure_search(site, only=["first_search"]), "browser")
    found |= measure_preview(work / f"data-{SIZE}")
    found["preview_to_build"] = round(found["preview_s"] / fastest(full).full.wall, 2)
    (work / "results.json").write_text(json.dumps(found, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(found, ensure_ascii=False))  # shown by pytest when a check fails
    return found


def over_budget(figures: dict[str, Any], key: str, detail: str = "") -> str | None:
    """None within budget; otherwise the French message: the figure, its budget, and ``detail``."""
    budget = BY_KEY[key]
    if figures[key] <= budget.limit:
        return None
    return message(budget, figures[key], f"{SIZE} aides") + (f" ; {detail}" if detail else "")


def test_une_fiche_ne_coute_pas_plus_qu_une_page_mkdocs(figures: dict[str, Any]) -> None:
    assert figures["baseline_ms_per_page"] > 0, f"mesure sans valeur : MkDocs seul n'ajoute rien par page ({figures})"
    detail = (
        f"{number(figures['ms_per_aid_page'])} ms par fiche contre {number(figures['baseline_ms_per_page'])} ms par page "
        f"MkDocs seul (temps actif, le meilleur de {figures['mesures']} mesures) ; rapport en temps écoulé : "
        f"{number(figures['ratio_per_page_wall'])} ×, en temps processeur : {number(figures['ratio_per_page_cpu'])} ×"
    )
    problem = over_budget(figures, "ratio_per_page", detail)
    assert problem is None, problem


def test_poids_d_une_fiche(figures: dict[str, Any]) -> None:
    problem = over_budget(figures, "aid_page_kb")
    assert problem is None, problem


def test_telechargement_du_questionnaire(figures: dict[str, Any]) -> None:
    problem = over_budget(figures, "checker_download_kb")
    assert problem is None, problem


def test_premiere_recherche(figures: dict[str, Any]) -> None:
    assert figures["browser_first_search_requests"] > 0, "la première recherche n'a rien téléchargé : mesure sans valeur"
    problem = over_budget(figures, "browser_first_search_kb")
    assert problem is None, problem


def test_apercu_d_une_modification(figures: dict[str, Any]) -> None:
    detail = f"{number(figures['preview_s'])} s d'attente dans make serve, sur {SIZE} aides"
    assert figures["preview_to_build"] <= PREVIEW_GUARD, (
        f"aperçu trop lent : {number(figures['preview_to_build'])} × la construction complète "
        f"(plafond du garde-fou : {number(PREVIEW_GUARD)} ×) ; {detail}"
    )
