"""Commune figures: lookups in Chromium on a mid-range phone profile, and the build-time cost.

    python scripts/bench_communes.py SITE_DIR      (from scripts/, with PYTHONPATH=../hooks)

``measure_communes(site_dir)`` serves the built site (text gzipped, as a static host would:
bench_browser.serve) and opens /contacts/ in Chromium with the CPU slowed down four times (CDP
``Emulation.setCPUThrottlingRate``), each time in a fresh browser context (empty cache, nothing in
memory), then, in « Votre code postal ou votre commune »:

- ``typed``: taps the field and types « 83000 » like a person, a key every 120 ms, then Entrée;
  the lookup files are fetched meanwhile (lib/commune-field.js prefetches on focus and input);
- ``name``: the same with « Toulon », letter by letter; ends when the list of matches is shown;
- ``fill``: the worst case, the whole text put in at once (a paste, an autofill) and Entrée right
  after: the downloads start at most a few milliseconds before Entrée, which waits for index.json
  and then cp/83.json, one after the other;
- ``cached``: a second lookup on the ``typed`` page, « 83500 » (La Seyne-sur-Mer) put in at once:
  the files are in memory, only the search and the drawing remain;
- ``typed_4g`` and ``fill_4g``: ``typed`` and ``fill`` over a mobile network as Chromium emulates it
  (CDP ``Network.emulateNetworkConditions``, from the page loaded on): 150 ms more on each request,
  1.6 Mbit/s down, the round trip and throughput of Lighthouse's mobile profile. The other kinds
  are served on 127.0.0.1, where a download takes a few milliseconds.

For each: the time from the Entrée key to the answer (the live region of the contacts naming the
commune, or the widget's own live region for the name), measured inside the page (a capturing
keydown listener, a MutationObserver) so that Playwright's round trips do not count; the median
and the slowest of ``REPEAT`` runs. And the lookup files fetched (``assets/communes/``), from the
tap on the field to the answer, with their size gzipped as sent.

``build_cost()`` times what the communes add to a build: copying the lookup files into the
site, and reading the Code officiel géographique that validation checks every territory against
(the largest part), plus loading and validating the bundled data with it.

Budget (issue 8): ≤ 15 KB per lookup, ≤ 100 ms after the keystrokes, ≤ 3 s of build time.
"""

from __future__ import annotations

import gzip
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_browser import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parents[1]
REPEAT = 3
KEY_DELAY_MS = 120  # a person typing on a phone: about 8 keys a second
MOBILE_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
FIELD = "#contacts-commune [data-commune-texte]"
CONTACTS_STATUS = "[data-contacts-statut]"  # « 1 contact pour Toulon… »
WIDGET_STATUS = "#contacts-commune [data-commune-statut]"  # « 4 communes correspondent… »


# Timed inside the page: from the Entrée key (a capturing listener) to the live region `status`
# containing `needle` (a MutationObserver), so that neither Playwright's round trips nor its polling count.
TIMER = """([status, needle]) => {
  const field = document.querySelector('#contacts-commune [data-commune-texte]');
  const region = document.querySelector(status);
  window.__lookup = { start: null, end: null };
  const onKey = (event) => {
    if (event.key !== 'Enter') return;
    window.__lookup.start = performance.now();
    field.removeEventListener('keydown', onKey, { capture: true });
  };
  field.addEventListener('keydown', onKey, { capture: true });
  new MutationObserver((_, observer) => {
    if (window.__lookup.start === null || !region.textContent.includes(needle)) return;
    window.__lookup.end = performance.now();
    observer.disconnect();
  }).observe(region, { childList: true, characterData: true, subtree: true });
}"""


def _time_lookup(page: Any, text: str, status: str, needle: str, typed: bool) -> float:
    page.evaluate(TIMER, [status, needle])
    field = page.locator(FIELD)
    if typed:
        field.click()  # the tap: focus, and the prefetch of index.json
        field.press_sequentially(text, delay=KEY_DELAY_MS)
    else:
        field.fill(text)
    field.press("Enter")
    page.wait_for_function("() => window.__lookup.end !== null")
    return page.evaluate("() => window.__lookup.end - window.__lookup.start")


def _fresh_page(browser: Any, base: str, mobile_network: bool = False) -> tuple[Any, list[str]]:
    """/contacts/ in a new context (empty cache), CPU ×4, recording the lookup files it requests."""
    page = browser.new_context(viewport={"width": 375, "height": 740}, locale="fr-FR").new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "/assets/communes/" in request.url else None)
    page.goto(base + "contacts/")
    page.locator("[data-contacts-commune]").wait_for(state="visible")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    if mobile_network:
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", MOBILE_NETWORK)
    return page, fetched


def _kb_gzip(site_dir: Path, base: str, urls: list[str]) -> float:
    files = [site_dir / url.split(base, 1)[1] for url in urls]
    return round(sum(len(gzip.compress(path.read_bytes(), mtime=0)) for path in files) / 1024, 1)


def _figures(name: str, times: list[float], kb: float, files: int) -> dict[str, Any]:
    """The median and slowest times of one kind of lookup, and what it fetched."""
    return {
        f"commune_{name}_ms_cpu4": round(statistics.median(times)),
        f"commune_{name}_max_ms_cpu4": round(max(times)),
        f"commune_{name}_files": files,
        f"commune_{name}_kb_gzip": kb,
    }


# kind: (text, live region, what it says once answered, typed key by key, over a mobile network)
SCENARIOS = {
    "typed": ("83000", CONTACTS_STATUS, "Toulon", True, False),
    "name": ("Toulon", WIDGET_STATUS, "correspond", True, False),
    "fill": ("83000", CONTACTS_STATUS, "Toulon", False, False),
    "typed_4g": ("83000", CONTACTS_STATUS, "Toulon", True, True),
    "fill_4g": ("83000", CONTACTS_STATUS, "Toulon", False, True),
}


def _lookups(browser: Any, base: str, site_dir: Path) -> dict[str, Any]:
    runs: dict[str, list[float]] = {name: [] for name in [*SCENARIOS, "cached"]}
    fetched_by: dict[str, list[str]] = {}
    for _ in range(REPEAT):
        for name, (text, status, needle, typed, mobile_network) in SCENARIOS.items():
            page, fetched = _fresh_page(browser, base, mobile_network)
            runs[name].append(_time_lookup(page, text, status, needle, typed))
            fetched_by[name] = list(fetched)
            if name == "typed":
                runs["cached"].append(_time_lookup(page, "83500", CONTACTS_STATUS, "Seyne", False))
                fetched_by["cached"] = fetched[len(fetched_by[name]) :]
            page.context.close()
    figures: dict[str, Any] = {}
    for name, times in runs.items():
        figures |= _figures(name, times, _kb_gzip(site_dir, base, fetched_by[name]), len(fetched_by[name]))
    return figures


def measure_communes(site_dir: Path) -> dict[str, Any]:
    """Commune lookups on /contacts/, CPU slowed down ×4, each on a fresh page (empty cache)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        return {}
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return _lookups(browser, base, site_dir)
        finally:
            browser.close()


def build_cost() -> dict[str, float]:
    """Seconds the communes add to a build: the copy of the lookup files, the reference read, the data checked with it."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from aides.data.loading import load_catalogue
    from aides.model import cog

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
