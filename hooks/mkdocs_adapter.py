"""The only MkDocs-specific code: load the data when the config is read, add the
generated pages and data files, hand each template its view, index for search.

Moving to another engine means rewriting this file and ``site.py`` only.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from aides import formatting
from aides.catalogue import Catalogue
from aides.errors import DataErrors
from aides.exports import data_files
from aides.loading import load_catalogue
from aides.pages import site_pages
from aides.views import Views
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

OVERRIDES = Path(__file__).resolve().parents[1] / "overrides"
_state: dict[str, Any] = {}


def load(config: MkDocsConfig) -> None:
    """Validate every data file before anything is written; stop with the full list of errors."""
    try:
        catalogue = load_catalogue()
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        raise Abort(f"{len(errors.errors)} erreur(s) dans les données : le site n'a pas été construit.") from None
    _state["catalogue"] = catalogue
    _state["views"] = Views(catalogue)


def catalogue() -> Catalogue:
    return _state["catalogue"]


def add_generated_files(files: Files, config: MkDocsConfig) -> Files:
    for page in site_pages(catalogue()):
        inclusion = InclusionLevel.INCLUDED if page.listed else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=page.front_matter(), inclusion=inclusion))
    base_url = config.site_url or "/"
    for path, content in data_files(catalogue(), base_url).items():
        files.append(File.generated(config, path, content=content))
    return files


def add_filters(env: Any) -> None:
    # Our templates escape everything they print; Material's own keep its behaviour.
    own_templates = {path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*.html")}
    env.autoescape = lambda name: name in own_templates
    env.filters["euros"] = formatting.euros
    env.filters["date_fr"] = formatting.date
    env.filters["typo"] = formatting.typography
    env.globals["site_views"] = _state["views"]


def page_view(page: Page) -> Any:
    """The data of the page's template, gathered by the matching ``Views`` method."""
    name = page.meta.get("vue")
    if not name:
        return None
    if name == "redirection":
        return _state["views"].aide_summary(page.meta["cle"])
    method = getattr(_state["views"], name)
    key = page.meta.get("cle")
    return method(key) if key else method()


def post_build(config: MkDocsConfig) -> None:
    """Index the built site with Pagefind (the only search engine shipped)."""
    subprocess.run(
        [sys.executable, "-m", "pagefind_bin", "--site", config.site_dir, "--quiet"],
        check=True,
    )
