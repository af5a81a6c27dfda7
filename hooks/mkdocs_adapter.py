"""The only MkDocs-specific code: load the data when the config is read, add the pages
the registry lists and the data files, hand each template its view, index for search.

Moving to another engine means rewriting this file and ``site.py`` only: which pages
exist, their URLs, templates and views all come from ``aides.registry``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from aides import cog, csp, feeds, pagefind_stable, public_urls, urls
from aides.errors import DataErrors
from aides.exports import data_files
from aides.loading import data_dir, load_catalogue
from aides.registry import Registry
from jinja2 import Undefined
from jinja2.exceptions import UndefinedError
from jinja2.utils import missing
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

OVERRIDES = Path(__file__).resolve().parents[1] / "overrides"
_state: dict[str, Registry] = {}


def registry() -> Registry:
    return _state["registry"]


def load(config: MkDocsConfig) -> None:
    """Validate every data file before anything is written; stop with the full list of errors."""
    try:
        catalogue = load_catalogue()
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        raise Abort(f"{len(errors.errors)} erreur(s) dans les données : le site n'a pas été construit.") from None
    _state["registry"] = Registry(catalogue, config.site_url or "/")
    gone = public_urls.problems(data_dir(), registry().public_urls())
    if gone:
        print("\n".join(gone), file=sys.stderr)
        raise Abort(f"{len(gone)} adresse(s) publique(s) disparue(s) : le site n'a pas été construit.")
    config.nav = registry().nav()


def add_generated_files(files: Files, config: MkDocsConfig) -> Files:
    """The pages the data generates, the open data files, and hand-written pages kept out of the nav."""
    pages = registry()
    for file in files.documentation_pages():
        entry = pages.entry(file.src_uri)
        if entry is not None and not entry.nav:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    for entry in pages.generated:
        inclusion = InclusionLevel.INCLUDED if entry.nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, entry.path, content=entry.front_matter(), inclusion=inclusion))
    for path, content in data_files(pages.cat, pages.views.base_url, pages.views.cards).items():
        files.append(File.generated(config, path, content=content))
    return files


def configure_templates(env: Any) -> None:
    # Our templates escape everything they print; Material's own keep its behaviour.
    own_templates = {path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*.html")}
    env.autoescape = lambda name: name in own_templates
    env.undefined = StrictViewUndefined
    env.globals["fieldset"] = _fieldsets(env)


class StrictViewUndefined(Undefined):
    """A name missing from one of our views fails the build (``StrictUndefined``); elsewhere
    Material's templates keep Jinja's lenient default, which they rely on."""

    __slots__ = ()

    def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None, exc: Any = UndefinedError) -> None:
        super().__init__(hint, obj, name, exc)
        if type(obj).__module__.startswith("aides.") or name == "vue":
            self._fail_with_undefined_error()


def _fieldsets(env: Any) -> Any:
    """The checker's question fieldsets, rendered once each: every aid page that asks
    the département would otherwise render the same 101-option list again."""
    cache: dict[tuple[str, str, bool], Any] = {}

    def fieldset(question: Any, prefix: str, hidden: bool = False) -> Any:
        key = (question.id, prefix, hidden)
        if key not in cache:
            macros = env.get_template("partials/checker-questions.html").module
            cache[key] = macros.fieldset(question, prefix, hidden=hidden)
        return cache[key]

    return fieldset


def page_context(context: dict[str, Any], page: Page) -> dict[str, Any]:
    """Each page's complete view (``vue``), its registry entry and what every header needs."""
    entry = registry().entry(page.file.src_uri)
    context["entree"] = entry
    context["vue"] = registry().view(entry) if entry else None
    context["commun"] = registry().views.site
    return context


def page_template(page: Page) -> None:
    """Hand-written pages get their template from the registry, not from front matter."""
    entry = registry().entry(page.file.src_uri)
    if entry is not None and not entry.generated:
        page.meta["template"] = entry.template


# Inside the indexed bodies, what is not the page's own text: breadcrumbs and in-page tables
# of contents would open every excerpt with « Toutes les aides »; the summary lists (« Pour /
# Type d'aide / Territoire », dates) come out glued together (« PourSalariés ») and their
# values are search filters anyway; the per-aid checker (.verificateur) repeats the same
# instructions on every aid page. Pagefind already skips nav, form, script and footer.
PAGEFIND_EXCLUDE = ".fil, .sommaire, .resume-aide, .validite, .verificateur"


def pagefind_command(site_dir: str) -> list[str]:
    return [sys.executable, "-m", "pagefind_bin", "--site", site_dir, "--quiet", "--exclude-selectors", PAGEFIND_EXCLUDE]


def post_build(config: MkDocsConfig, serving: bool = False) -> None:
    """Write the catalogue's filter files and the Atom feeds, index the built site with Pagefind (the only
    search engine shipped), then, last and not while serving, put every page under the Content-Security-Policy."""
    # 10,000 small files: written directly rather than as MkDocs files, which cost more per file.
    site = Path(config.site_dir)
    views = registry().views
    titles = {aide_id: views.cards.aid(aide_id).titre for aide_id in views.cat.aides}
    files = views.browser_files() | feeds.feed_files(views.history, titles, views.base_url, views.cat.today)
    for path, content in files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(content, encoding="utf-8")
    # The commune lookup files, fetched by a page only when someone searches a commune.
    shutil.copytree(cog.LOOKUP_FILES, site / urls.COMMUNE_LOOKUP, dirs_exist_ok=True)
    subprocess.run(pagefind_command(config.site_dir), check=True)
    if not pagefind_stable.stabilise(site / "pagefind"):
        print("Attention : index Pagefind d'un format inattendu, laissé tel quel (non reproductible).", file=sys.stderr)
    if not serving:  # the live-reload script of `mkdocs serve` is inline and changes: no policy there
        policy = csp.apply(site, embeddable=[f"/{root}*" for root in registry().embed_roots()])
        for problem in policy.blocked:
            print(f"Attention : la politique de sécurité bloquera {problem}", file=sys.stderr)
