"""Benchmark: build the site from synthetic data sets and print the figures.

    python scripts/bench.py [N ...]          (default: 1000 10000)

For each size it generates N synthetic aids next to the bundled vocabularies,
then measures:
- the full build (validation + MkDocs + Pagefind): wall time and peak memory;
- Pagefind alone on that output, to get the MkDocs part;
- MkDocs + Material rendering N plain Markdown pages of similar length (the
  baseline of the "1.3x" goal), with the same theme and no hooks;
- sizes: /aides/ HTML, the Pagefind index, eligibilite.json;
- in Chromium when it is installed (``scripts/bench_browser.py``): bytes transferred by
  the first search and by the first filter change on /aides/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import yaml
from bench_browser import CHROMIUM, measure_search

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))
from aides.registry import NAV_ORDER  # hooks/ is not an installed package
from bench_checker import measure_checker
from bench_communes import build_cost, measure_communes

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench-data"
EPOCH = "1795305600"
REGIONS = ["11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"]
PUBLICS = ["jeunes", "salaries", "demandeurs_emploi", "salaries_en_difficulte", "bailleurs_sociaux"]
TYPES = ["accompagnement_social", "aide_financiere", "pret", "subvention", "garantie"]
LOREM = (
    "Cette aide fictive sert à mesurer la construction du site à grande échelle. Elle décrit un dispositif "
    "d'accompagnement des ménages, ses conditions, son montant et la démarche à suivre auprès de l'organisme."
)


def synthetic_aid(index: int, source: str) -> dict:
    region = REGIONS[index % len(REGIONS)]
    return {
        "titre": f"Aide fictive numéro {index}",
        "resume": f"Dispositif fictif {index} pour mesurer la construction du catalogue.",
        "description": " ".join([LOREM] * 3),
        "publics": [PUBLICS[index % len(PUBLICS)]],
        "types": [TYPES[index % len(TYPES)]],
        "territoire": {"regions": [region]} if index % 4 else {},
        "pour_qui": ["Les ménages de la région", "Les salariés en difficulté"],
        "conditions": {
            "toutes": [
                {"profil": "particulier"},
                {"age": {"moins_de": 25 + index % 20}},
                {"une_de": [{"statut": {"parmi": ["salarie"]}}, {"decision_dalo": "oui"}]},
                {"region": {"parmi": [region]}},
            ]
        },
        "montant": {"valeurs": [{"libelle": "Aide", "montant": 100 + index % 900, "periodicite": "par_mois"}]},
        "demarche": ["Contacter l'organisme", "Remplir le dossier"],
        "partenaires": [{"partenaire": "action-logement-services", "role": "Porte l'aide"}],
        "sources": [{"article": source}],
        "enregistre_le": "2026-11-22",
        "validite": {"debut": "2020-01-01", "fin": "2022-01-01"} if index % 10 == 0 else {},
    }


def make_data(count: int) -> Path:
    target = WORK / f"data-{count}"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("aides"))
    (target / "aides").mkdir()
    (target / "conventions").mkdir(exist_ok=True)
    for path in (target / "conventions").glob("*.yml"):
        path.unlink()  # conventions link real aids; the synthetic set has none of them
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    source = yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))["sources"][0]["id"]
    for index in range(count):
        text = yaml.dump(synthetic_aid(index, source), Dumper=dumper, allow_unicode=True, sort_keys=False)
        (target / "aides" / f"aide-fictive-{index}.yml").write_text(text, encoding="utf-8")
    return target


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags the safe loader does not know."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


class _ArticleText(HTMLParser):
    """The text blocks of a built page's article, to write them again as Markdown."""

    SKIPPED = ("form", "script", "style")  # controls and code are not reading text

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.depth = 0
        self.skipped = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.depth += tag == "article"
        self.skipped += tag in self.SKIPPED

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "article"
        self.skipped -= tag in self.SKIPPED

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipped and data.strip():
            self.blocks.append(" ".join(data.split()))


def markdown_like(page: Path) -> str:
    """An aid page's reading text (not its form controls) as plain Markdown, one list item per block."""
    parser = _ArticleText()
    parser.feed(page.read_text(encoding="utf-8"))
    return "\n".join(f"- {block}" for block in parser.blocks) + "\n"


def make_baseline(count: int, body: str) -> Path:
    """N plain Markdown pages carrying the same visible text as an aid page, built by
    MkDocs + Material with the site's theme and nav but without hooks."""
    target = WORK / f"baseline-{count}"
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs" / "aides"
    docs.mkdir(parents=True)
    (target / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    for index in range(count):
        page = f"# Aide fictive numéro {index}\n\n{body}"
        (docs / f"aide-fictive-{index}.md").write_text(page, encoding="utf-8")
    # Same theme, features, CSS and navigation as the real site: only the hooks differ.
    site_config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    nav_size = len(NAV_ORDER)  # the navigation comes from the page registry
    for name, path in [("index", "index.md")] + [(f"page-{i}", f"page-{i}.md") for i in range(nav_size - 1)]:
        (target / "docs" / path).write_text(f"# {name}\n", encoding="utf-8")
    config = {
        "site_name": "Base",
        "theme": {**site_config["theme"], "custom_dir": str(ROOT / "overrides")},
        "extra_css": site_config["extra_css"],
        "markdown_extensions": site_config["markdown_extensions"],
        "plugins": [],
        "nav": [{"Accueil": "index.md"}] + [{f"Page {i}": f"page-{i}.md"} for i in range(nav_size - 1)],
        "not_in_nav": "/aides/",
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return target


def measure(command: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> tuple[float, float]:
    """Wall time (s) and peak memory (MB) of a command and the processes it waits for."""
    start = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"échec : {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def folder_size(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


def build_costs(count: int) -> dict[str, float]:
    """Our full build, Pagefind alone on its output, and the plain-Markdown baseline."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from mkdocs_adapter import pagefind_command  # the same indexing as the build's

    data = make_data(count)
    site = WORK / f"site-{count}"
    env = {"AIDES_DATA_DIR": str(data), "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": "hooks"}
    full, memory = measure([sys.executable, "scripts/build.py", str(site)], env)
    # Browser figures on the build's own index (indexing again below leaves a second set of files).
    browser = measure_search(site) if count and Path(CHROMIUM).exists() else {}
    index, _ = measure(pagefind_command(str(site)))
    sample = site / "aides" / "aide-fictive-1" / "index.html"
    baseline_dir = make_baseline(count, markdown_like(sample) if count else "")
    baseline, baseline_memory = measure(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(baseline_dir / "site")], cwd=baseline_dir
    )
    return {
        "full": full,
        "memory": memory,
        "index": index,
        "baseline": baseline,
        "baseline_memory": baseline_memory,
        "site": site,
        "browser": browser,
    }


def bench(count: int, empty: dict[str, float]) -> dict[str, float]:
    costs = build_costs(count)
    site = costs["site"]
    # Per aid page: what N pages add to a build of none, ours (without indexing) against the baseline's.
    ours = (costs["full"] - costs["index"]) - (empty["full"] - empty["index"])
    theirs = costs["baseline"] - empty["baseline"]
    eligibility = site / "donnees" / "eligibilite.json"
    return {
        "aides": count,
        "build_s": round(costs["full"], 1),
        "peak_mb": round(costs["memory"]),
        "pagefind_s": round(costs["index"], 1),
        "mkdocs_part_s": round(costs["full"] - costs["index"], 1),
        "baseline_s": round(costs["baseline"], 1),
        "baseline_peak_mb": round(costs["baseline_memory"]),
        "ms_per_aid_page": round(ours / count * 1000, 2),
        "baseline_ms_per_page": round(theirs / count * 1000, 2),
        "ratio_per_page": round(ours / theirs, 2),
        "aides_html_kb": round((site / "aides" / "index.html").stat().st_size / 1024),
        "aid_page_kb": round((site / "aides" / "aide-fictive-1" / "index.html").stat().st_size / 1024, 1),
        "pagefind_index_mb": round(folder_size(site / "pagefind") / 1024 / 1024, 1),
        "eligibilite_json_kb": round(eligibility.stat().st_size / 1024),
        **measure_checker(site),  # questionnaire: bytes downloaded, time per answer (Chromium)
        **measure_communes(site),  # a commune lookup on /contacts/, CPU ×4 (Chromium)
        **build_cost(),  # what the communes add to a build
        **{f"browser_{key}": value for key, value in costs["browser"].items()},
    }


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 10000]
    WORK.mkdir(exist_ok=True)
    empty = build_costs(0)
    results = [bench(count, empty) for count in sizes]
    for result in results:
        print(json.dumps(result, ensure_ascii=False))
    (WORK / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
