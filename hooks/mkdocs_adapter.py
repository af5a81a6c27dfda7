"""The only MkDocs-specific code: load the data when the config is read, add the
generated pages and data files, hand each template its view, index for search.

Moving to another engine means rewriting this file and ``site.py`` only.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from aides import formatting, pagefind_stable
from aides.catalogue import Catalogue
from aides.errors import DataErrors
from aides.exports import data_files
from aides.loading import load_catalogue
from aides.pages import site_pages
from aides.search import sort_key
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
    # The catalogue is paginated for readers without JavaScript: /aides/ and /aides/liste/<n>/.
    listing = {page.path: page for page in _state["views"].search.list_pages()}
    pages = [listing.pop(page.path, page) for page in site_pages(catalogue())] + list(listing.values())
    for page in pages:
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
    env.filters["cle_tri"] = sort_key
    env.globals["site_views"] = _state["views"]
    env.globals["fieldset"] = _fieldsets(env)


def _fieldsets(env: Any) -> Any:
    """The checker's question fieldsets, rendered once each: every aid page that asks
    the département would otherwise render the same 101-option list again."""
    cache: dict[tuple[str, str, bool], Any] = {}

    def fieldset(question: dict[str, Any], prefix: str, hidden: bool = False) -> Any:
        key = (question["id"], prefix, hidden)
        if key not in cache:
            macros = env.get_template("partials/checker-questions.html").module
            cache[key] = macros.fieldset(question, prefix, hidden=hidden)
        return cache[key]

    return fieldset


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


# Inside the indexed bodies, what is not the page's own text: breadcrumbs and in-page tables
# of contents would open every excerpt with « Toutes les aides »; the summary lists (« Pour /
# Type d'aide / Territoire », dates) come out glued together (« PourSalariés ») and their
# values are search filters anyway; the per-aid checker (.verificateur) repeats the same
# instructions on every aid page. Pagefind already skips nav, form, script and footer.
PAGEFIND_EXCLUDE = ".fil, .sommaire, .resume-aide, .validite, .verificateur"


def pagefind_command(site_dir: str) -> list[str]:
    return [sys.executable, "-m", "pagefind_bin", "--site", site_dir, "--quiet", "--exclude-selectors", PAGEFIND_EXCLUDE]


def post_build(config: MkDocsConfig) -> None:
    """Write the catalogue's filter files, then index the built site with Pagefind (the only search engine shipped)."""
    # 10,000 small files: written directly rather than as MkDocs files, which cost more per file.
    site = Path(config.site_dir)
    for path, content in _state["views"].catalogue_files().items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(content, encoding="utf-8")
    subprocess.run(pagefind_command(config.site_dir), check=True)
    if not pagefind_stable.stabilise(site / "pagefind"):
        print("Attention : index Pagefind d'un format inattendu, laissé tel quel (non reproductible).", file=sys.stderr)
