"""Shared fixtures: real builds of the site with MkDocs, into temporary folders; the catalogue; Chromium.

Two lanes. ``make test`` runs every test; ``make test-rapide`` leaves out the ``browser``, ``build`` and
``bench`` tests (pyproject.toml). A test is marked by the fixtures it asks for (``pytest_collection_modifyitems``
below), so that a new test lands in the right lane without thought:

- ``build``: it asks for ``build_site`` (a full build of its own) or the session ``site``, directly or through
  another fixture (``server``, ``page``, ``headers_server``, a module's own built site...). ``run_build``
  refuses to run in a test without the mark. A build by another path (``mkdocs serve``, ``mkdocs build``,
  ``scripts/diff_site.py``, the bench) is marked by hand, with ``@pytest.mark.build``.
- ``browser``: it asks for ``browser`` (Chromium, through Playwright), directly or through ``page``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from headers import Rules, headers_for, parse

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
# 2026-11-22 00:00 UTC: the build's "today", so that results do not depend on the day tests run.
EPOCH = "1795305600"
TODAY = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC).date()  # the same day, for what tests load themselves


# --- the lanes: markers from the fixtures a test asks for ---

MARKED_BY = {"build_site": "build", "browser": "browser"}  # fixture → marker of every test that needs it


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, marker in MARKED_BY.items():
            # fixturenames is the whole closure: `page` brings `browser`, and `site` brings `build_site`.
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
    # The bench guard measures with the bench's own scripts, which start their own Playwright: that cannot
    # run while the session's browser (fixture `browser`) is open in the same thread. The guard goes first.
    items.sort(key=lambda item: item.get_closest_marker("bench") is None)


_running: list[pytest.Item] = []  # the test being set up or run, for run_build's check


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _running[:] = [item]


def run_build(site_dir: Path, data_dir: Path = DATA, **env: str) -> subprocess.CompletedProcess[str]:
    """Build the site with the real build script (MkDocs + Pagefind) into ``site_dir``.

    Tests and fixtures ask for ``build_site`` rather than import this, so that their tests are marked ``build``.
    A test build is local (``AIDES_LOCAL=1``: its addresses are http://127.0.0.1:8000/) unless ``env`` says otherwise."""
    if _running and _running[0].get_closest_marker("build") is None:
        pytest.fail(f"{_running[0].nodeid} construit le site : demandez la fixture build_site (marque « build »)")
    environment = {**os.environ, "AIDES_DATA_DIR": str(data_dir), "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": "hooks"}
    environment |= {"AIDES_LOCAL": "1", **env}
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), str(site_dir)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


Builder = Callable[..., subprocess.CompletedProcess[str]]  # run_build's type, for the fixture build_site


@pytest.fixture(scope="session")
def build_site() -> Builder:
    """``run_build``, for a test or fixture that makes a full build: every test that asks for it is marked ``build``."""
    return run_build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, build_site: Builder) -> Path:
    """The site built once from the bundled data."""
    site_dir = tmp_path_factory.mktemp("built") / "site"
    result = build_site(site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def catalogue() -> Any:
    """The bundled data, loaded as of the tests' date (``TODAY``). Shared: tests read it, never change it."""
    from aides.data.loading import load_catalogue

    return load_catalogue(DATA, today=TODAY)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


REMOVED = "requalification-logements-sociaux"  # an aid that hostile_site's data no longer has


def remove_aid(data: Path, aid_id: str) -> None:
    """Delete an aid from a copy of data/, and from the agreements that list it."""
    (data / "aides" / f"{aid_id}.yml").unlink()
    for convention in (data / "conventions").glob("*.yml"):
        text = convention.read_text(encoding="utf-8")
        convention.write_text(text.replace(f"  - {aid_id}\n", ""), encoding="utf-8")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, build_site: Builder) -> Path:
    """One build of another data set, outside git, for every test that needs one but no particular one: an aid
    whose editor text is hostile (``aide-piegee``, once called ``ancienne-aide``); one aid removed."""
    import yaml

    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA, data)
    aid = yaml.safe_load((data / "aides" / "visale.yml").read_text(encoding="utf-8"))
    aid.update(
        titre='<script>alert("titre")</script> Aide piégée',
        resume="<img src=x onerror=alert(1)> résumé",
        demarche=['<a href="javascript:alert(1)">Cliquez</a>', "[lien](javascript:alert(2))"],
        anciens_ids=["ancienne-aide"],
        exemples=[],
    )
    (data / "aides" / "aide-piegee.yml").write_text(yaml.safe_dump(aid, allow_unicode=True), encoding="utf-8")
    remove_aid(data, REMOVED)
    result = build_site(data.parent / "site", data)
    assert result.returncode == 0, result.stderr
    return data.parent / "site"


# --- browser tests: Debian's Chromium driven by Playwright, site served on 127.0.0.1 ---

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (a random free port)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium manque : « make test » l'installe (paquet Debian chromium)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextlib.contextmanager
def local_page(browser: Any, server: str, width: int = 375, height: int = 800) -> Iterator[Any]:
    """A fresh page of the given size that fails the test on any request to another host."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not _local(request.url) else None)
    page.base = server  # type: ignore[attr-defined]
    yield page
    context.close()
    assert outside == [], f"requêtes vers un autre hôte : {outside}"


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A page 375 px wide, like a phone's, that fails the test on any request to another host."""
    with local_page(browser, server) as opened:
        yield opened


def _local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:"))


def axe_violations(page: Any) -> list[str]:
    """axe-core (WCAG 2.1 A/AA rules) on the current page: one line per violation."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    results = Axe().run(page, options=options)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} : {v['nodes'][0]['target']})" for v in results.response["violations"]]


# --- a static host that applies _headers (Netlify, Cloudflare Pages), and a partner's site ---


def serve_directory(directory: Path, handler_class: type | None = None) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A directory served on 127.0.0.1 (a free port): another origin than any other such server."""
    handler = functools.partial(handler_class or _QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


class HeadersHandler(_QuietHandler):
    """Serves the built site with the headers its ``_headers`` file gives each path, as the hosts do."""

    rules: ClassVar[Rules] = []

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        for name, value in headers_for(self.rules, path).items():
            self.send_header(name, value)
        super().end_headers()


@pytest.fixture(scope="session")
def headers_server(site: Path) -> Iterator[str]:
    """The built site on its own origin, with the rules of its ``_headers`` applied (as Cloudflare Pages does)."""
    handler = type("SiteHeaders", (HeadersHandler,), {"rules": parse((site / "_headers").read_text(encoding="utf-8"))})
    httpd, url = serve_directory(site, handler)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="session")
def partner_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A partner's site on another origin (another port): tests write their host pages into its folder."""
    folder = tmp_path_factory.mktemp("partenaire")
    httpd, url = serve_directory(folder)
    yield folder, url
    httpd.shutdown()
