"""The three documents stay where they belong and keep naming what exists.

README.md: the two commands first, a map of the repository, links to the two guides, short.
content/contribuer.md (/contribuer/): the editors' guide. CONTRIBUTING.md: the developers' guide
and the measurements. A path or module a document cites must exist: stale names are how the
last README drifted (issue 16).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

README = ROOT / "README.md"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
EDITORS = ROOT / "content" / "contribuer.md"
DOCUMENTS = [README, CONTRIBUTING, EDITORS]

sys.path.insert(0, str(ROOT / "scripts"))
from budgets import BUDGETS, number  # noqa: E402

README_MAX_BYTES = 15_000


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _section(text: str, heading: str) -> str:
    """From a heading to the next heading of the same level."""
    level = heading.split(" ")[0]
    start = text.index(heading + "\n")
    end = text.find("\n" + level + " ", start + len(heading))
    return text[start : end if end != -1 else len(text)]


def test_the_readme_is_short_and_opens_with_the_two_commands() -> None:
    assert len(README.read_bytes()) <= README_MAX_BYTES, (
        "README.md dépasse 15 Ko : le détail va dans CONTRIBUTING.md ou /contribuer/"
    )
    lines = [line for line in _text(README).splitlines() if line.strip()]
    assert lines[0].startswith("# ")
    assert lines[1] == "```sh"
    assert lines[2].startswith("make serve") and "http://127.0.0.1:8000" in lines[2]
    assert lines[3].startswith("make test ")
    assert lines[4] == "```"


def test_the_readme_links_to_both_guides() -> None:
    readme = _text(README)
    assert "(CONTRIBUTING.md)" in readme
    assert "(content/contribuer.md)" in readme and "/contribuer/" in readme


def test_the_readme_names_every_script_and_every_sub_package() -> None:
    readme = _text(README)
    for path in sorted((ROOT / "scripts").iterdir()):
        if path.is_file():
            assert f"`{path.name}`" in readme, f"scripts/{path.name} manque au README (une ligne par script)"
    for path in sorted((ROOT / "hooks" / "aides").glob("*/__init__.py")):
        assert f"`hooks/aides/{path.parent.name}/`" in readme, path.parent.name
    for name in ("registry.py", "mkdocs_adapter.py", "mkdocs_pages.py", "serve_errors.py", "site.py"):
        assert name in readme, name


def test_the_readme_lists_every_documented_make_target() -> None:
    """A target with a ``##`` description is a command people run: the README names it."""
    readme = _text(README)
    targets = re.findall(r"^([a-z-]+):.*##", _text(ROOT / "Makefile"), re.M)
    assert "serve" in targets and "test" in targets
    for target in set(targets) - {"system-deps"}:  # run by `make test` itself
        assert f"`make {target}" in readme or f"make {target} " in readme, target


def test_each_guide_holds_its_own_topics_once() -> None:
    """Editors' matters on /contribuer/, developers' in CONTRIBUTING.md; the README only points to them."""
    readme, contributing, editors = _text(README), _text(CONTRIBUTING), _text(EDITORS)
    for heading in (
        "## Ajouter ou modifier une aide",
        "## Territoires",
        "## Conditions et questionnaires",
        "## Dates de l'information",
        "## Renommer ou retirer une aide",
    ):
        assert heading + "\n" in editors, heading
        assert heading + "\n" not in readme + contributing, heading
    for term in ("anciens_ids", "retiree_le", "revue_mois", "consentement_publication", "une_de"):
        assert term in editors and term not in readme, term
    for heading in ("## Architecture", "## Étendre le site", "## Nommage", "## Tests", "## Mesures"):
        assert heading + "\n" in contributing, heading
        assert heading + "\n" not in readme + editors, heading
    assert "Chiffres du 4 décembre 2026" in contributing and "4 décembre" not in readme


def test_the_editors_guide_says_what_a_pull_request_is() -> None:
    editors = _text(EDITORS)
    assert re.search(r"demande de fusion \(\*pull request\*\)&nbsp;: une proposition de modification", editors)
    for jargon in ("hook", "pydantic", "ancre YAML", "anchor"):
        assert jargon not in editors.lower(), jargon


def test_the_measurements_state_every_budget() -> None:
    """scripts/budgets.py is the one place of the budgets; the guide must not drift from it."""
    measures = _section(_text(CONTRIBUTING), "## Mesures").replace("\u202f", " ")
    for budget in BUDGETS:
        if budget.limit is not None:
            figure = number(budget.limit).replace("\u202f", " ")
            assert f"≤ {figure}" in measures, f"{budget.key} : budget {figure} {budget.unit} absent de « Mesures »"


def test_the_developers_guide_describes_every_test_marker() -> None:
    tests = _section(_text(CONTRIBUTING), "## Tests")
    for marker in ("build", "bench", "browser"):
        assert f"`{marker}`" in tests, marker


# --- cited paths exist -------------------------------------------------------------

TRACKED = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
TRACKED_NAMES = {Path(path).name for path in TRACKED} | {Path(path).name for path in (ROOT / "hooks").rglob("*.py")}
# Where a short path in the documents is taken from: ``lib/x.js``, ``site/urls.py``, ``partials/x.html``…
BASES = ["", "hooks/", "hooks/aides/", "overrides/", "overrides/assets/js/", "overrides/assets/"]
SOURCE = re.compile(r"^[\w./-]+\.(?:py|js|mjs|html|css|md|yml)$")


def _cited_paths(text: str) -> set[str]:
    """Code spans that name a source file of the repository (not URLs, patterns or built files)."""
    spans = re.findall(r"`([^`\n]+)`", text)
    return {span for span in spans if SOURCE.match(span) and not span.startswith("/")}


def _exists(cited: str) -> bool:
    if "/" not in cited:
        return cited in TRACKED_NAMES or (ROOT / cited).exists()
    return any((ROOT / base / cited).exists() for base in BASES)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_every_cited_source_file_exists(document: Path) -> None:
    missing = sorted(path for path in _cited_paths(_text(document)) if not _exists(path))
    assert missing == [], f"{document.name} cite des fichiers qui n'existent pas : {missing}"
