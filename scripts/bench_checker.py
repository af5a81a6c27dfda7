"""Benchmark of the /eligibilite/ questionnaire in the browser (Debian's Chromium).

    python scripts/bench_checker.py site/          (any built site)

Serves the site on 127.0.0.1, opens /eligibilite/ and reports:
- what the questionnaire downloads: the sum of the response bodies of the page
  load (HTML, CSS, JavaScript, assets/questionnaire.json...), and the rules file
  alone, raw and as gzip would send it;
- the time to re-evaluate every aid after an answer, measured in the page by
  questionnaire.js with performance.now() around the evaluation of all aids
  (User Timing entry ``questionnaire:evaluation``): the median over 20 answers,
  plus the time to redraw the question and the results (``questionnaire:affichage``),
  and the evaluation time when no two aids share a tree (``eval_unshared``).

Goal: under one frame (16 ms) per answer at 10,000 aids.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import statistics
import sys
import threading
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
STATUTS = ["salarie", "demandeur_emploi", "etudiant", "autre"]
DEPARTEMENTS = ["75", "13", "69", "33", "59", "2A", "35", "67", "31", "44"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def answer_fragments(count: int) -> list[str]:
    """One answer more, or one answer changed, at each step: every fragment differs from the previous one."""
    fragments = []
    for index in range(count):
        answers = ["profil=particulier"]
        if index >= 1:
            answers.append(f"age={18 + index}")
        if index >= 2:
            answers.append(f"statut={STATUTS[index % len(STATUTS)]}")
        if index >= 3:
            answers.append(f"departement={DEPARTEMENTS[index % len(DEPARTEMENTS)]}")
        if index >= 4:
            answers.append(f"decision_dalo={'oui' if index % 2 else 'non'}")
        fragments.append("&".join(answers))
    return fragments


# The same evaluation, in the page, with no tree shared between aids: as if every aid had
# conditions of its own (the synthetic aids share a few hundred distinct trees). Each answer is
# evaluated ROUNDS times and the least kept, as the builds are: a busy machine only ever adds time
# (a single evaluation gave from 10.7 to 21 ms on the same site, the same day, the machine idle).
WORST_CASE = """async (fragments) => {
  const ROUNDS = 3;
  const script = document.querySelector('script[src$="questionnaire.js"]').src;
  const eligibility = await import(new URL("../lib/model/conditions.js", script));
  const core = await import(new URL("../lib/site/checkers.js", script));
  const root = document.querySelector("[data-questionnaire]");
  const page = JSON.parse(root.querySelector("[data-questionnaire-donnees]").textContent);
  const data = await (await fetch(root.dataset.fichier)).json();
  const aides = core.decodeQuestionnaire(data).map((aide) => ({ ...aide, conditions: structuredClone(aide.conditions) }));
  const times = [];
  for (const fragment of fragments) {
    const answers = eligibility.normalise(eligibility.parseFragment(fragment, page.questions), page.questions, page.region_of);
    let least = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now();
      core.evaluateAll(aides, answers);
      least = Math.min(least, performance.now() - start);
    }
    times.push(least);
  }
  return times;
}"""


def _median_ms(values: list[float]) -> float:
    return round(statistics.median(values), 2) if values else float("nan")


def measure_checker(site_dir: Path, answers: int = 20) -> dict[str, Any]:
    """Figures of the questionnaire of a built site; empty when Chromium is not installed."""
    if not Path(CHROMIUM).exists():
        return {}
    from playwright.sync_api import sync_playwright

    rules = (site_dir / "assets" / "questionnaire.json").read_bytes()
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 375, "height": 800})
            responses: list[Any] = []
            outside: list[str] = []
            page.on("response", lambda response: responses.append(response))
            page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(base) else None)
            page.goto(base + "eligibilite/", wait_until="networkidle")
            page.wait_for_selector("[data-questionnaire]:not([hidden])")
            downloaded = sum(len(response.body()) for response in responses if response.status == 200)
            files = len(responses)

            for index, fragment in enumerate(answer_fragments(answers)):
                page.evaluate("(fragment) => { location.hash = fragment; }", fragment)
                page.wait_for_function(
                    "(n) => performance.getEntriesByName('questionnaire:evaluation').length >= n", arg=index + 2
                )
            unshared = page.evaluate(WORST_CASE, answer_fragments(answers))
            timings = page.evaluate(
                """() => Object.fromEntries(['questionnaire:evaluation', 'questionnaire:affichage'].map((name) =>
                    [name, performance.getEntriesByName(name).map((entry) => entry.duration)]))"""
            )
            browser.close()
    finally:
        httpd.shutdown()
    evaluation = timings["questionnaire:evaluation"][1:]  # the first one is the page load, not an answer
    drawing = timings["questionnaire:affichage"][1:]
    return {
        "checker_aides": len(json.loads(rules)["aides"]["id"]),
        "checker_download_kb": round(downloaded / 1024),
        "checker_files": files,
        "checker_rules_kb": round(len(rules) / 1024),
        "checker_rules_gzip_kb": round(len(gzip.compress(rules, 6)) / 1024),
        "checker_answers": len(evaluation),
        "checker_eval_ms_median": _median_ms(evaluation),
        "checker_eval_ms_max": round(max(evaluation), 2) if evaluation else float("nan"),
        "checker_render_ms_median": _median_ms(drawing),
        "checker_eval_unshared_ms_median": _median_ms(unshared),
        "checker_requests_outside": len(outside),
    }


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "site"
    print(json.dumps(measure_checker(target), ensure_ascii=False))
