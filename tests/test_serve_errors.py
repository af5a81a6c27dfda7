"""`mkdocs serve` shows data and template errors in the browser, and reloads once they are fixed.

A real `mkdocs serve` runs on a free 127.0.0.1 port in a temporary copy of the repository,
with AIDES_DATA_DIR on a temporary copy of data/; Chromium checks what an editor sees.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, EPOCH, ROOT, axe_violations, local_page

COPIED = ("mkdocs.yml", "content", "overrides", "hooks", "referentiel")
BROKEN, FIXED = "enregistre_le: 22/11/2026", "enregistre_le: 2026-11-22"
WAIT = 60_000  # ms: a rebuild takes a few seconds here, Pagefind included


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen[str], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "mkdocs serve s'est arrêté"
        with contextlib.suppress(OSError, urllib.error.URLError):
            urllib.request.urlopen(url, timeout=2).close()
            return
        time.sleep(0.5)
    raise AssertionError(f"mkdocs serve ne répond pas sur {url} après {seconds} s")


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "depot"
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            copy.mkdir(exist_ok=True)
            shutil.copy2(source, copy / name)
    shutil.copytree(DATA, copy / "data")  # mkdocs.yml watches it: it must exist
    shutil.copytree(DATA, tmp_path / "donnees")  # what AIDES_DATA_DIR names: served and watched
    return copy


@pytest.fixture
def serve(repo_copy: Path) -> Iterator[tuple[str, Path, Path]]:
    """`mkdocs serve` of the copy, with visale.yml broken before it starts: (url, repo copy, data copy)."""
    data = repo_copy.parent / "donnees"
    visale = data / "aides" / "visale.yml"
    visale.write_text(visale.read_text(encoding="utf-8").replace(FIXED, BROKEN), encoding="utf-8")
    port = free_port()
    env = {
        **os.environ,
        "AIDES_DATA_DIR": str(data),
        "PYTHONPATH": "hooks",
        "SOURCE_DATE_EPOCH": EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    log = (repo_copy / "serve.log").open("w")
    process = subprocess.Popen(command, cwd=repo_copy, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, process)
        yield url, repo_copy, data
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        log.close()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.build  # mkdocs serve builds the whole site
def test_data_error_page_then_reload_once_fixed(serve: tuple[str, Path, Path], browser: Any) -> None:
    url, repo, data = serve
    log = (repo / "serve.log").read_text(encoding="utf-8")
    assert "visale.yml:44:16: enregistre_le : doit être une date" in log, log
    with local_page(browser, url, width=1024) as page, local_page(browser, url) as lost:
        page.goto(url + "aides/visale/")
        heading = page.locator("h1")
        assert heading.inner_text() == "1 erreur dans les données"
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.locator("[role=alert] h1").count() == 1
        item = page.locator(".erreurs-liste li").first
        assert "donnees/aides/visale.yml:44:16" in item.inner_text()
        assert "enregistre_le" in item.inner_text() and "22/11/2026" in item.inner_text()
        assert page.locator(".erreurs-liste li mark").first.inner_text().endswith("2")
        assert page.locator("#a-revoir").count() == 1, "les avertissements suivent les erreurs"
        assert page.locator(".md-header").count() == 1, "la page garde l'en-tête du site"
        assert axe_violations(page) == []
        # Any other address shows it too (the 404 page), in the site's look.
        lost.goto(url + "adresse/inconnue/")
        assert lost.locator("h1").inner_text() == "1 erreur dans les données"
        assert axe_violations(lost) == []

        replace(data / "aides" / "visale.yml", BROKEN, FIXED)
        page.wait_for_function(
            "document.querySelector('h1') && document.querySelector('h1').textContent.includes('Visale')", timeout=WAIT
        )
        assert page.locator(".erreurs-apercu").count() == 0
        lost.wait_for_function("!document.querySelector('.erreurs-apercu')", timeout=WAIT)


@pytest.mark.build
def test_template_error_page_names_the_template_and_line(serve: tuple[str, Path, Path], browser: Any) -> None:
    url, repo, data = serve
    replace(data / "aides" / "visale.yml", BROKEN, FIXED)
    with local_page(browser, url, width=1024) as page:
        page.goto(url + "aides/visale/")
        page.wait_for_function(
            "document.querySelector('h1') && document.querySelector('h1').textContent.includes('Visale')", timeout=WAIT
        )
        template = repo / "overrides" / "aide.html"
        source = template.read_text(encoding="utf-8")
        lines = source.splitlines()
        line = next(number for number, text in enumerate(lines, 1) if "{% set a = vue %}" in text) + 1
        lines.insert(line - 1, "{{ vue.titre }")
        template.write_text("\n".join(lines) + "\n", encoding="utf-8")
        page.wait_for_function(
            "document.querySelector('h1') && document.querySelector('h1').textContent === 'Erreur dans un gabarit'", timeout=WAIT
        )
        assert f"overrides/aide.html:{line}" in page.locator(".erreurs-liste").inner_text()
        assert "{{ vue.titre }" in page.locator(".erreurs-extrait").inner_text()
        assert axe_violations(page) == []
        template.write_text(source, encoding="utf-8")
        page.wait_for_function(
            "document.querySelector('h1') && document.querySelector('h1').textContent.includes('Visale')", timeout=WAIT
        )


def test_runtime_template_error_names_the_line_and_falls_back_to_a_standalone_page(tmp_path: Path) -> None:
    """Without the site's base templates, the error page still renders (erreurs-simple.html)."""
    import jinja2
    import serve_errors

    (tmp_path / "page.html").write_text("<p>début</p>\n<p>{{ vue.absent.titre }}</p>\n", encoding="utf-8")
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(tmp_path), jinja2.FileSystemLoader(ROOT / "overrides")])
    env = jinja2.Environment(loader=loader, autoescape=True)
    serve_errors.on_startup("serve")
    try:
        serve_errors.guard_templates(env)
        output = env.get_template("page.html").render({"vue": {}})
    finally:
        serve_errors.on_startup("build")
    assert '<html lang="fr">' in output and "Erreur dans un gabarit" in output
    assert "page.html:2" in output and "variable ou attribut inconnu" in output
