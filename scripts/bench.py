"""Benchmark: build the site from synthetic data sets and print the figures beside their budgets.

    python scripts/bench.py [N ...]          (default: 1000 10000)

First a build without any aid (the fixed cost), then for each size N it generates N synthetic
aids next to the bundled vocabularies (``bench_data``) and measures:
- the full build (validation + MkDocs + Pagefind): wall, active and processor time (``bench_measure``),
  and peak memory;
- Pagefind alone on that output (into a folder of its own), to get the MkDocs part;
- MkDocs + Material rendering N plain Markdown pages carrying the reading text of an aid page,
  with the same theme and navigation and no hooks: the baseline of the per-page ratio;
- sizes: /aides/ HTML, an aid page, the Pagefind index, eligibilite.json;
- in Chromium when it is installed: the first search and the first filter change
  (``bench_browser``), the questionnaire (``bench_checker``), a commune lookup (``bench_communes``).

It prints one table, each figure at each size beside its budget (``budgets.py``), and writes
every figure to bench-data/results.json. ``build_costs`` and ``cost_figures`` are also the
measurement of the suite's guard (``tests/test_bench_smoke.py``).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_browser import CHROMIUM, measure_search
from bench_checker import measure_checker
from bench_communes import build_cost, measure_communes
from bench_data import ROOT, SAMPLE_AID, make_baseline, make_data, markdown_like
from bench_measure import Run, measure
from budgets import report

sys.path.insert(0, str(ROOT / "hooks"))
from mkdocs_adapter import pagefind_command  # the same indexing as the build's

WORK = ROOT / "bench-data"
EPOCH = "1795305600"  # 2026-11-22, the build's « today », as in the tests


@dataclass(frozen=True)
class BuildCosts:
    """Our full build of ``count`` synthetic aids, Pagefind alone on its output, and the baseline."""

    count: int
    site: Path
    full: Run
    index: Run
    baseline: Run


def build_costs(count: int, work: Path = WORK, browser: bool = False) -> tuple[BuildCosts, dict[str, Any]]:
    """Build ours and the plain MkDocs baseline carrying the same text. With ``browser``, also the
    search and filter figures measured in Chromium on the build's own output."""
    work.mkdir(parents=True, exist_ok=True)
    data = make_data(count, work)
    site = work / f"site-{count}"
    env = {"AIDES_DATA_DIR": str(data), "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": "hooks"}
    full = measure([sys.executable, "scripts/build.py", str(site)], env, cwd=ROOT)
    # Pagefind again, alone, into a folder of its own: the built site stays as the build left it.
    index = measure([*pagefind_command(str(site)), "--output-path", str(work / f"pagefind-{count}")], cwd=ROOT)
    baseline_dir = make_baseline(count, markdown_like(site / SAMPLE_AID) if count else "", work)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(baseline_dir / "site")]
    baseline = measure(command, cwd=baseline_dir)
    figures = flat(measure_search(site), "browser") if browser and count and Path(CHROMIUM).exists() else {}
    return BuildCosts(count, site, full, index, baseline), figures


def fastest(runs: list[BuildCosts]) -> BuildCosts:
    """Several measures of the same builds, each time the least: a busy machine only ever adds time."""

    def least(pick: Any) -> Run:
        chosen = [pick(costs) for costs in runs]
        return Run(*(min(getattr(r, name) for r in chosen) for name in ("wall", "cpu", "active")), max(r.peak_mb for r in chosen))

    first = runs[0]
    return BuildCosts(first.count, first.site, least(lambda c: c.full), least(lambda c: c.index), least(lambda c: c.baseline))


def cost_figures(costs: BuildCosts, empty: BuildCosts) -> dict[str, float]:
    """Times, memory and ratios. Per aid page: what N pages add to a build of none, ours (Pagefind
    apart) against the baseline's. The budgeted ratios use active time (bench_measure: wall time
    less the waits for a processor, which a busy machine adds), beside them in wall and processor time."""
    figures = {
        "build_s": round(costs.full.wall, 1),
        "build_active_s": round(costs.full.active, 1),
        "build_cpu_s": round(costs.full.cpu, 1),
        "peak_mb": round(costs.full.peak_mb),
        "pagefind_s": round(costs.index.wall, 1),
        "mkdocs_part_s": round(costs.full.wall - costs.index.wall, 1),
        "baseline_s": round(costs.baseline.wall, 1),
        "baseline_active_s": round(costs.baseline.active, 1),
        "baseline_peak_mb": round(costs.baseline.peak_mb),
        "build_ratio": round(costs.full.active / costs.baseline.active, 2),
        "build_ratio_wall": round(costs.full.wall / costs.baseline.wall, 2),
    }
    if not costs.count:
        return figures
    for suffix, name in (("", "active"), ("_wall", "wall"), ("_cpu", "cpu")):
        ours, theirs = _added(costs, empty, name)
        figures[f"ms_per_aid_page{suffix}"] = round(ours / costs.count * 1000, 2)
        figures[f"baseline_ms_per_page{suffix}"] = round(theirs / costs.count * 1000, 2)
        figures[f"ratio_per_page{suffix}"] = round(ours / theirs, 2) if theirs > 0 else float("nan")
    return figures


def _added(costs: BuildCosts, empty: BuildCosts, name: str) -> tuple[float, float]:
    """Seconds (of ``name``: wall, cpu or active) that the N pages add to ours (Pagefind apart) and to the baseline."""
    ours = (getattr(costs.full, name) - getattr(costs.index, name)) - (getattr(empty.full, name) - getattr(empty.index, name))
    return ours, getattr(costs.baseline, name) - getattr(empty.baseline, name)


def size_figures(site: Path) -> dict[str, float]:
    def kb(path: Path) -> float:
        return round(path.stat().st_size / 1024, 1)

    return {
        "aides_html_kb": kb(site / "aides" / "index.html"),
        "aid_page_kb": kb(site / SAMPLE_AID),
        "pagefind_index_mb": round(sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file()) / 2**20, 1),
        "eligibilite_json_kb": kb(site / "donnees" / "eligibilite.json"),
    }


def flat(figures: dict[str, Any], prefix: str) -> dict[str, Any]:
    """``{"first_search": {"kb": 124}}`` → ``{"browser_first_search_kb": 124}``: one figure per key."""
    out: dict[str, Any] = {}
    for key, value in figures.items():
        if isinstance(value, dict):
            out |= flat(value, f"{prefix}_{key}")
        else:
            out[f"{prefix}_{key}"] = value
    return out


def preview_figures(data: Path, site: Path) -> dict[str, float]:
    """Hook point for the preview figure (``preview_s`` in budgets.py): how long an editor waits in
    ``make serve`` to see one change of ``data``. Not measured yet: returns nothing."""
    return {}


def bench(count: int, empty: BuildCosts, work: Path = WORK) -> dict[str, Any]:
    costs, browser = build_costs(count, work, browser=True)
    site = costs.site
    return {
        "aides": count,
        **cost_figures(costs, empty),
        **size_figures(site),
        **measure_checker(site),  # questionnaire: bytes downloaded, time per answer (Chromium)
        **measure_communes(site),  # a commune lookup on /contacts/, CPU ×4 (Chromium)
        **build_cost(),  # what the communes add to a build
        **browser,
        **preview_figures(work / f"data-{count}", site),
    }


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 10000]
    if min(sizes) < 1:
        raise SystemExit("Tailles : des nombres d'aides d'au moins 1 (la construction sans aucune aide est toujours mesurée).")
    WORK.mkdir(exist_ok=True)
    empty, _ = build_costs(0)
    results = [bench(count, empty) for count in sizes]
    (WORK / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(report(results))
    print(f"\nTous les chiffres : {(WORK / 'results.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
