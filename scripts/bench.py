"""Benchmark: build the site from synthetic data sets and print the figures beside their budgets.

    python scripts/bench.py [N ...]          (default: 1000 10000)

First a build without any aid (the fixed cost), then for each size N it generates N synthetic
aids next to the bundled vocabularies (``bench_data``) and measures:
- the full build (validation + MkDocs + Pagefind): wall, active and processor time (``bench_measure``),
  peak memory, and the time of each of its steps as the build itself reports them (``AIDES_MESURES``:
  loading, indexed pages, other pages, browser files, the wait for Pagefind, ``_headers``);
- MkDocs + Material rendering N plain Markdown pages carrying the reading text of an aid page,
  with the same theme and navigation and no hooks: the baseline of the per-page ratio;
- sizes: /aides/ HTML, an aid page, the Pagefind index, eligibilite.json;
- in Chromium when it is installed: the first search and the first filter change
  (``bench_browser``), the questionnaire (``bench_checker``), a commune lookup (``bench_communes``);
- at 1,000 aids, the preview: how long `make serve` takes to show an edited aid (``bench_preview``).

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
from bench_data import ROOT, SAMPLE_AID, empty_bin, make_baseline, make_data, markdown_like, set_aside
from bench_measure import Run, measure
from bench_preview import measure_preview
from budgets import report

WORK = ROOT / "bench-data"
EPOCH = "1795305600"  # 2026-11-22, the build's « today », as in the tests
PREVIEW_AT = 1000  # the preview's budget is set for a catalogue of this size


@dataclass(frozen=True)
class BuildCosts:
    """Our full build of ``count`` synthetic aids (with the time of its steps) and the baseline."""

    count: int
    site: Path
    full: Run
    baseline: Run
    steps: dict[str, float]


def build_costs(
    count: int, work: Path = WORK, browser: bool = False, env: dict[str, str] | None = None
) -> tuple[BuildCosts, dict[str, Any]]:
    """Build ours and the plain MkDocs baseline carrying the same text. With ``browser``, also the
    search and filter figures measured in Chromium on the build's own output. ``env``: more of the
    build's environment (``AIDES_PROCESSUS=1``: one process writes the pages)."""
    work.mkdir(parents=True, exist_ok=True)
    data = make_data(count, work)
    site = work / f"site-{count}"
    steps = work / f"etapes-{count}.json"
    env = {
        "AIDES_DATA_DIR": str(data),
        "SOURCE_DATE_EPOCH": EPOCH,
        "PYTHONPATH": "hooks",
        "AIDES_MESURES": str(steps),
        "AIDES_LOCAL": "1",  # measured, never published
        **(env or {}),
    }
    set_aside(site)  # the build would delete it while timed
    full = measure([sys.executable, "scripts/build.py", str(site)], env, cwd=ROOT)
    baseline_dir = make_baseline(count, markdown_like(site / SAMPLE_AID) if count else "", work)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(baseline_dir / "site")]
    baseline = measure(command, cwd=baseline_dir)
    figures = flat(measure_search(site), "browser") if browser and count and Path(CHROMIUM).exists() else {}
    return BuildCosts(count, site, full, baseline, json.loads(steps.read_text(encoding="utf-8"))), figures


def fastest(runs: list[BuildCosts]) -> BuildCosts:
    """Several measures of the same builds, each time the least: a busy machine only ever adds time."""

    def least(pick: Any) -> Run:
        chosen = [pick(costs) for costs in runs]
        return Run(*(min(getattr(r, name) for r in chosen) for name in ("wall", "cpu", "active")), max(r.peak_mb for r in chosen))

    first = min(runs, key=lambda costs: costs.full.wall)
    return BuildCosts(first.count, first.site, least(lambda c: c.full), least(lambda c: c.baseline), first.steps)


def cost_figures(costs: BuildCosts, empty: BuildCosts, basis: str = "wall") -> dict[str, float]:
    """Times, memory and ratios. Per aid page: what N pages add to a build of none, ours (everything:
    validation, pages, Pagefind) against the baseline's (MkDocs alone). The budgeted ratios use ``basis``:
    wall time on an idle machine (``make bench``), or active time (bench_measure: wall time less the waits
    for a processor, which other work on a shared machine adds) for the suite's guard; the three are given."""
    figures = {
        "build_s": round(costs.full.wall, 1),
        "build_active_s": round(costs.full.active, 1),
        "build_cpu_s": round(costs.full.cpu, 1),
        "peak_mb": round(costs.full.peak_mb),
        # Each step of the build, as it reports itself: seconds, and peak memory once done (…_memoire_mo).
        **{f"etape_{name}{'' if name.endswith('_mo') else '_s'}": round(value, 1) for name, value in costs.steps.items()},
        "baseline_s": round(costs.baseline.wall, 1),
        "baseline_active_s": round(costs.baseline.active, 1),
        "baseline_peak_mb": round(costs.baseline.peak_mb),
        "build_ratio": round(getattr(costs.full, basis) / getattr(costs.baseline, basis), 2),
    }
    if not costs.count:
        return figures
    for suffix, name in (("_wall", "wall"), ("_active", "active"), ("_cpu", "cpu")):
        ours, theirs = _added(costs, empty, name)
        figures[f"ms_per_aid_page{suffix}"] = round(ours / costs.count * 1000, 2)
        figures[f"baseline_ms_per_page{suffix}"] = round(theirs / costs.count * 1000, 2)
        figures[f"ratio_per_page{suffix}"] = round(ours / theirs, 2) if theirs > 0 else float("nan")
    for name in ("ms_per_aid_page", "baseline_ms_per_page", "ratio_per_page"):
        figures[name] = figures[f"{name}_{basis}"]
    return figures


def _added(costs: BuildCosts, empty: BuildCosts, name: str) -> tuple[float, float]:
    """Seconds (of ``name``: wall, cpu or active) that the N pages add to ours and to the baseline."""
    return getattr(costs.full, name) - getattr(empty.full, name), getattr(costs.baseline, name) - getattr(empty.baseline, name)


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


def preview_figures(count: int, data: Path, build: Run) -> dict[str, float]:
    """At 1,000 aids (the budget's size): how long an editor waits in `make serve` to see one change of
    ``data`` (bench_preview), and that wait against the full build of the same data."""
    if count != PREVIEW_AT:
        return {}
    figures = measure_preview(data)
    return figures | {"preview_to_build": round(figures["preview_s"] / build.wall, 2)}


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
        **preview_figures(count, work / f"data-{count}", costs.full),
    }


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 10000]
    if min(sizes) < 1:
        raise SystemExit("Tailles : des nombres d'aides d'au moins 1 (la construction sans aucune aide est toujours mesurée).")
    WORK.mkdir(exist_ok=True)
    empty, _ = build_costs(0)
    results = [bench(count, empty) for count in sizes]
    empty_bin(WORK)
    (WORK / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(report(results))
    print(f"\nTous les chiffres : {(WORK / 'results.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
