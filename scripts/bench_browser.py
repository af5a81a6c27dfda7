"""Browser figures of search and filters, measured in Debian's Chromium through Playwright.

    python scripts/bench_browser.py SITE_DIR

``measure_search(site_dir)`` serves the built site on 127.0.0.1 and, each time in a fresh
browser (empty cache), measures what one action makes the browser download:

- the first search on /recherche/ (typing a word until the results show), on a phone
  (375 px) and on a wide screen;
- the first search in the header field of an aid page;
- the first filter change on /aides/ (ticking one checkbox until the new count shows);

as the sum of the response bodies as transferred (``request.sizes()``), requests from
Pagefind's web worker included. Like any static host (GitHub Pages, Netlify, nginx with
gzip on), the test server compresses text files (HTML, JavaScript, CSS, JSON); Pagefind's
index files are compressed already and go as they are. It also reports the size of the
Pagefind bundle on disk.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import sys
import threading
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
QUERY = "accompagnement"


COMPRESSED = {".html", ".js", ".css", ".json", ".svg", ".xml", ".txt"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A quiet static server that gzips text files, as static hosts do."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_Handler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


class Recorder:
    """Bytes and requests finished while recording (page and worker requests alike)."""

    def __init__(self, page: Any) -> None:
        self.recording = False
        self.requests: list[tuple[str, int]] = []
        self.last = time.monotonic()
        page.on("requestfinished", self._finished)
        page.on("request", self._started)

    def _started(self, request: Any) -> None:
        self.last = time.monotonic()

    def _finished(self, request: Any) -> None:
        self.last = time.monotonic()
        if self.recording:
            size = request.sizes()["responseBodySize"]
            if size <= 0:  # Chromium reports no size for a worker's own script: its Content-Length
                response = request.response()
                length = response.all_headers().get("content-length") if response and response.ok else None
                size = int(length) if length else 0
            self.requests.append((request.url, size))

    def start(self) -> None:
        self.requests, self.recording = [], True

    def stop(self, page: Any, quiet_ms: int = 600) -> dict[str, Any]:
        """Wait until no request has started or finished for ``quiet_ms``, then total up."""
        while (time.monotonic() - self.last) * 1000 < quiet_ms:
            page.wait_for_timeout(100)
        self.recording = False
        return {"kb": round(sum(size for _, size in self.requests) / 1024, 1), "requests": len(self.requests)}


def _measure(browser: Any, url: str, action: Callable[[Any], None] | None, width: int = 1280) -> dict[str, Any]:
    """What ``action`` downloads once the page has loaded; without an action, the page load itself."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    page = context.new_page()
    recorder = Recorder(page)
    if action is None:
        recorder.start()
    start = time.perf_counter()
    page.goto(url, wait_until="load")
    if action is not None:
        recorder.stop(page)
        recorder.start()
        start = time.perf_counter()
        action(page)
    elapsed = time.perf_counter() - start
    figures = recorder.stop(page)
    figures["ms"] = round(elapsed * 1000)
    context.close()
    return figures


def _search_page(page: Any) -> None:
    page.fill("#recherche-q", QUERY)
    page.wait_for_selector(".resultat-recherche")


def _header_search(page: Any) -> None:
    page.fill("#recherche-entete-q", QUERY)
    page.wait_for_selector("[data-recherche-entete] .resultat-recherche")


def _filter_change(page: Any) -> None:
    page.check("#filtre-public-jeunes")
    # A function, not an expression: the site's Content-Security-Policy (no 'unsafe-eval') refuses
    # the eval() Playwright needs for a string predicate.
    page.wait_for_function("() => document.querySelector('#resultats').textContent.includes('correspond')")


def folder_kb(path: Path, pattern: str = "*") -> float:
    return round(sum(file.stat().st_size for file in path.rglob(pattern) if file.is_file()) / 1024, 1)


# name: (page, action, viewport width); without an action, the page load itself.
ACTIONS: dict[str, tuple[str, Callable[[Any], None] | None, int]] = {
    "first_search": ("recherche/", _search_page, 375),
    "first_search_wide": ("recherche/", _search_page, 1280),
    "first_header_search": ("aides/", _header_search, 1280),
    "first_filter_change": ("aides/", _filter_change, 1280),
    "aides_page_load": ("aides/", None, 1280),
}


def measure_search(site_dir: Path, only: Collection[str] = tuple(ACTIONS)) -> dict[str, Any]:
    """Sizes on disk, then the browser figures of the ``only`` actions (all by default)."""
    from playwright.sync_api import sync_playwright

    bundle = site_dir / "pagefind"
    figures: dict[str, Any] = {
        "pagefind_total_kb": folder_kb(bundle),
        "pagefind_index_kb": folder_kb(bundle / "index"),
        "pagefind_filter_kb": folder_kb(bundle / "filter"),
        "pagefind_fragment_kb": folder_kb(bundle / "fragment"),
        "catalogue_index_kb": round((site_dir / "aides" / "catalogue.json").stat().st_size / 1024, 1),
        "catalogue_cards_kb": folder_kb(site_dir / "aides", "carte.json"),
        "aides_html_kb": round((site_dir / "aides" / "index.html").stat().st_size / 1024, 1),
    }
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name in only:
                url, action, width = ACTIONS[name]
                figures[name] = _measure(browser, base + url, action, width=width)
        finally:
            browser.close()
    return figures


if __name__ == "__main__":
    print(json.dumps(measure_search(Path(sys.argv[1])), ensure_ascii=False, indent=2))
