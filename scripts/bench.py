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
from pathlib import Path

import yaml
from bench_browser import CHROMIUM, measure_search
from bench_checker import measure_checker

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
        "verifie_le": "2026-11-22",
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


def make_baseline(count: int) -> Path:
    """N plain Markdown pages of similar length, built by MkDocs + Material without hooks."""
    target = WORK / f"baseline-{count}"
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs" / "aides"
    docs.mkdir(parents=True)
    (target / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    body = "\n\n".join([LOREM] * 6)
    for index in range(count):
        page = f"# Aide fictive numéro {index}\n\n## Pour qui ?\n\n- Les ménages\n\n## Conditions\n\n{body}\n"
        (docs / f"aide-fictive-{index}.md").write_text(page, encoding="utf-8")
    # Same theme, features, CSS and navigation as the real site: only the hooks differ.
    site_config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    for name, path in [("index", "index.md")] + [(f"page-{i}", f"page-{i}.md") for i in range(len(site_config["nav"]) - 1)]:
        (target / "docs" / path).write_text(f"# {name}\n", encoding="utf-8")
    config = {
        "site_name": "Base",
        "theme": {**site_config["theme"], "custom_dir": str(ROOT / "overrides")},
        "extra_css": site_config["extra_css"],
        "markdown_extensions": site_config["markdown_extensions"],
        "plugins": [],
        "nav": [{"Accueil": "index.md"}] + [{f"Page {i}": f"page-{i}.md"} for i in range(len(site_config["nav"]) - 1)],
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


def bench(count: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "hooks"))
    from mkdocs_adapter import pagefind_command  # the same indexing as the build's

    data = make_data(count)
    site = WORK / f"site-{count}"
    env = {"AIDES_DATA_DIR": str(data), "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": "hooks"}
    full, memory = measure([sys.executable, "scripts/build.py", str(site)], env)
    # Browser figures on the build's own index (indexing again below leaves a second set of files).
    browser = measure_search(site) if Path(CHROMIUM).exists() else {}
    index, _ = measure(pagefind_command(str(site)))
    baseline_dir = make_baseline(count)
    baseline, baseline_memory = measure(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(baseline_dir / "site")], cwd=baseline_dir
    )
    eligibility = site / "donnees" / "eligibilite.json"
    return {
        "aides": count,
        "build_s": round(full, 1),
        "peak_mb": round(memory),
        "pagefind_s": round(index, 1),
        "mkdocs_part_s": round(full - index, 1),
        "baseline_s": round(baseline, 1),
        "baseline_peak_mb": round(baseline_memory),
        "ratio_per_page": round((full - index) / baseline, 2),
        "aides_html_kb": round((site / "aides" / "index.html").stat().st_size / 1024),
        "pagefind_index_mb": round(folder_size(site / "pagefind") / 1024 / 1024, 1),
        "eligibilite_json_kb": round(eligibility.stat().st_size / 1024),
        **measure_checker(site),  # questionnaire: bytes downloaded, time per answer (Chromium)
        **{f"browser_{key}": value for key, value in browser.items()},
    }


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 10000]
    WORK.mkdir(exist_ok=True)
    results = [bench(count) for count in sizes]
    for result in results:
        print(json.dumps(result, ensure_ascii=False))
    (WORK / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
