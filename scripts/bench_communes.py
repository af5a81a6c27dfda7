"""Commune figures: a lookup in Chromium on a mid-range phone profile, and the build-time cost.

    python scripts/bench_communes.py SITE_DIR

``measure_communes(site_dir)`` serves the built site (text gzipped, as a static host would:
bench_browser.serve) and, in a fresh browser with the CPU slowed down four times (CDP
``Emulation.setCPUThrottlingRate``), opens /contacts/, types « 83000 » in « Votre code postal
ou votre commune » and presses Entrée, then measures:

- the bytes of the lookup files fetched (``assets/communes/``), gzipped as sent;
- the time from the key press to the contacts shown (the live region names Toulon).

``build_cost()`` times what the communes add to a build: copying the lookup files into the
site, and reading the Code officiel géographique that validation checks every territory against
(the largest part), plus loading and validating the bundled data with it.

Budget (issue 8): ≤ 15 KB per lookup, ≤ 100 ms after the keystrokes, ≤ 3 s of build time.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_browser import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parents[1]
POSTCODE = "83000"
NAME = "Toulon"


# Timed inside the page: from the Entrée key (a capturing listener) to the live region naming the commune
# (a MutationObserver), so that neither Playwright's round trips nor its polling count.
TIMER = """(name) => {
  const field = document.querySelector('#contacts-commune [data-commune-texte]');
  const status = document.querySelector('[data-contacts-statut]');
  window.__lookup = { start: null, end: null };
  field.addEventListener('keydown', () => { window.__lookup.start ??= performance.now(); }, { capture: true, once: true });
  new MutationObserver((_, observer) => {
    if (!status.textContent.includes(name)) return;
    window.__lookup.end = performance.now();
    observer.disconnect();
  }).observe(status, { childList: true, characterData: true, subtree: true });
}"""


def _time_lookup(page: Any, text: str, name: str) -> float:
    page.evaluate(TIMER, name)
    field = page.locator("#contacts-commune [data-commune-texte]")
    field.fill(text)
    field.press("Enter")
    page.wait_for_function("() => window.__lookup.end !== null")
    return page.evaluate("() => window.__lookup.end - window.__lookup.start")


def _lookup(browser: Any, base: str, site_dir: Path) -> dict[str, Any]:
    page = browser.new_page(viewport={"width": 375, "height": 740})
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "/assets/communes/" in request.url else None)
    page.goto(base + "contacts/")
    page.locator("[data-contacts-commune]").wait_for(state="visible")
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    first = _time_lookup(page, POSTCODE, NAME)
    files = [site_dir / url.split(base, 1)[1] for url in fetched]
    compressed = sum(len(gzip.compress(path.read_bytes(), mtime=0)) for path in files)
    # A second lookup in the same département: the files are in memory, only the search and the drawing remain.
    again = _time_lookup(page, "83500", "Seyne")
    page.close()
    return {
        "commune_lookup_files": len(files),
        "commune_lookup_kb_gzip": round(compressed / 1024, 1),
        "commune_lookup_ms_cpu4": round(first),
        "commune_lookup_cached_ms_cpu4": round(again),
    }


def measure_communes(site_dir: Path) -> dict[str, Any]:
    """A first commune lookup on /contacts/, CPU slowed down ×4 (empty cache)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        return {}
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return _lookup(browser, base, site_dir)
        finally:
            browser.close()


def build_cost() -> dict[str, float]:
    """Seconds the communes add to a build: the copy of the lookup files, the reference read, the data checked with it."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from aides import cog
    from aides.loading import load_catalogue

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        shutil.copytree(cog.LOOKUP_FILES, Path(tmp) / "communes")
        copy = time.perf_counter() - started
    cog.referentiel.cache_clear()
    started = time.perf_counter()
    cog.referentiel()
    reference = time.perf_counter() - started
    started = time.perf_counter()
    load_catalogue(ROOT / "data")
    validation = time.perf_counter() - started
    return {
        "communes_copy_s": round(copy, 2),
        "communes_reference_s": round(reference, 2),
        "data_load_and_validation_s": round(validation, 2),
        "communes_build_s": round(copy + reference, 2),
    }


if __name__ == "__main__":
    print(json.dumps(build_cost() | measure_communes(Path(sys.argv[1])), ensure_ascii=False))
