"""The only MkDocs-specific code: load the data when the config is read, add the pages
the registry lists and the data files, hand each template its view, index for search.

Moving to another engine means rewriting this file, ``mkdocs_pages.py`` (the generated pages out
of the navigation, written from their frame) and ``site.py`` only: which pages exist, their URLs,
templates and views all come from ``aides.registry``.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from aides.data.errors import DataErrors
from aides.data.loading import data_dir, load_catalogue
from aides.model import cog
from aides.publishing import csp, pagefind_stable, public_address
from aides.publishing.exports import open_data_paths
from aides.registry import PageEntry, Registry
from aides.site import urls
from aides.trust import history, public_urls
from jinja2 import Undefined
from jinja2.exceptions import UndefinedError
from jinja2.utils import missing
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date
from mkdocs_pages import Outputs, PageWriter, keep_folders, sources_version
from serve_errors import OVERRIDES, ErrorPage
from theme_fixes import COMPILED, ValidThemeMarkup

# AIDES_SANS_CADRES=1: every generated page goes through MkDocs' own page loop, as before frames
# (tests compare both builds byte for byte; frames.py says why the two give the same pages).
WITHOUT_FRAMES = os.environ.get("AIDES_SANS_CADRES") == "1"
_state: dict[str, Any] = {}


def registry() -> Registry:
    return _state["registry"]


def framed_entries() -> list[PageEntry]:
    """The generated pages written from their frame, outside MkDocs' page loop."""
    return [] if WITHOUT_FRAMES else [entry for entry in registry().generated if entry.framed]


def load(config: MkDocsConfig) -> None:
    """Validate every data file before anything is written; stop with the full list of errors. A build
    (never ``mkdocs serve``) first needs the site's public address (public_address.py)."""
    refusal = None if _state["serving"] else public_address.problem(config.site_url or "", os.environ)
    if refusal:
        raise Abort(f"{refusal}\nLe site n'a pas été construit.")
    try:
        with timed("chargement"):
            catalogue = load_catalogue(remember=_state["serving"])
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        raise Abort(f"{len(errors.errors)} erreur(s) dans les données : le site n'a pas été construit.") from None
    _state["registry"] = Registry(catalogue, config.site_url or "/")
    if not _state["serving"]:
        # The data lives as long as the build: the garbage collector need not walk its million objects again
        # at each collection while pages are rendered (nor touch them in the forked processes: parallel.py).
        # Not while serving: a frozen catalogue would stay after the next save's reload.
        gc.freeze()
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
    framed = set(map(id, framed_entries()))
    if _state["serving"]:
        keep_folders(Path(config.site_dir), {entry.url.split("/")[0] for entry in framed_entries()})
    for entry in pages.generated:
        if id(entry) in framed:
            continue
        inclusion = InclusionLevel.INCLUDED if entry.nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, entry.path, content=entry.front_matter(), inclusion=inclusion))
    if _state["serving"]:  # written once the build has returned (_after_build): an edit shows sooner
        for path in open_data_paths():
            files.append(_WrittenAfterPages.generated(config, path, content=""))
    else:
        for path, content in pages.data_files().items():
            files.append(File.generated(config, path, content=content))
    return files


class _WrittenAfterPages(File):
    """While serving, an open data file that MkDocs knows of (pages link to it) but does not write."""

    def copy_file(self, dirty: bool = False) -> None:
        return None


# `mkdocs serve` only: what the previous build made from the same data, settings and history.
_previous: dict[str, tuple[tuple[str, ...], Any]] = {}


def _unless_unchanged(name: str, make: Callable[[], Any]) -> Any:
    """``make()``, or while serving its result of the previous build when nothing it reads has changed."""
    if not _state["serving"]:
        return make()
    cat = registry().cat
    key = (cat.fingerprint, cat.today.isoformat(), registry().base_url, history.revision(data_dir() / "aides"))
    if name not in _previous or _previous[name][0] != key:
        _previous[name] = (key, make())
    return _previous[name][1]


def remember_nav(nav: Navigation) -> None:
    _state["nav"] = nav


def configure_templates(env: Any, files: Files) -> None:
    _state["env"], _state["doc_files"] = env, files.documentation_pages()
    env.bytecode_cache = COMPILED
    env.globals["adresse"] = urls.PAGES  # the pages templates link to, by name (no address written in a template)
    # Our templates escape everything they print; Material's own keep its behaviour.
    own_templates = {path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*.html")}
    env.autoescape = lambda name: name in own_templates
    env.undefined = StrictViewUndefined
    env.globals["fieldset"] = _fieldsets(env)
    # tojson writes « é » rather than « \u00e9 », without spaces: smaller pages, still safe in HTML (< > & ' stay escaped).
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    env.add_extension(ValidThemeMarkup)


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
    """Each page's complete view (``vue``), its registry entry and what every header needs; a generated
    page's body (``corps``, from its template) and every page's own <head> lines (``tete``)."""
    entry = registry().entry(page.file.src_uri)
    context["entree"] = entry
    context["vue"] = registry().view(entry) if entry else None
    context["commun"] = registry().site_view
    context["tete"] = _render(entry.kind.head, context, page) if entry else Markup("")
    if entry is not None and entry.generated:
        context["cadre"] = entry.kind.frame
        context["corps"] = _render(entry.kind.template, context, page)
    return context


def _render(template: str, context: dict[str, Any], page: Page) -> Markup:
    text = _state["env"].get_template(template).render(context)
    if isinstance(text, ErrorPage):  # `mkdocs serve`, a template failed: the page is the error page
        _state.setdefault("error_pages", {})[page.file.dest_uri] = text
    return Markup(text)


def error_page(page: Page) -> str | None:
    """While serving, the error page that replaces a page whose body or head failed to render."""
    return _state.get("error_pages", {}).pop(page.file.dest_uri, None)


def page_output(output: str, page: Page) -> str:
    """A page MkDocs rendered: the error page when its body failed; under the policy when building."""
    return error_page(page) or protect(output, page.file.dest_uri)


def theme_page_context(context: dict[str, Any]) -> dict[str, Any]:
    """A page of the theme's own (404.html): what every page's header and footer read (its footer says the audit's result)."""
    context["commun"] = registry().site_view
    return context


def sitemap_context(context: dict[str, Any]) -> dict[str, Any]:
    """The framed pages are not MkDocs pages: list them in sitemap.xml as MkDocs lists its own."""
    config = context["config"]
    base = config.site_url or ""
    base, day = (base if base.endswith("/") else base + "/"), get_build_date()
    extra = [_SitemapFile(urljoin(base, entry.url), "/" + entry.url, day) for entry in framed_entries()]
    context["pages"] = [*context["pages"], *extra]
    return context


class _SitemapFile:
    """What MkDocs' sitemap.xml template reads of a file: ``file.page``'s address and date."""

    def __init__(self, canonical_url: str, abs_url: str, update_date: str) -> None:
        self.page = self
        self.is_link = False
        self.canonical_url, self.abs_url, self.update_date = canonical_url, abs_url, update_date


def page_writer(config: MkDocsConfig) -> PageWriter:
    """What writes the generated pages out of the navigation, each from its frame (mkdocs_pages.py)."""
    cat = registry().cat
    version = ""
    if _state["serving"]:
        version = sources_version(config, OVERRIDES, [cat.today.isoformat(), history.revision(data_dir() / "aides")])
    views = (_state["nav"], _state["doc_files"], page_context, error_page)
    return PageWriter(registry(), config, _state["env"], *views, _state["guard"], _state["outputs"], version)


def page_template(page: Page) -> None:
    """Hand-written pages get their template from the registry, not from front matter."""
    entry = registry().entry(page.file.src_uri)
    if entry is not None and not entry.generated:
        page.meta["template"] = entry.kind.template


# Inside the indexed bodies, what is not the page's own text: breadcrumbs and in-page tables
# of contents would open every excerpt with « Toutes les aides »; the summary lists (« Pour /
# Type d'aide / Territoire », dates) come out glued together (« PourSalariés ») and their
# values are search filters anyway; the per-aid checker (.verificateur) repeats the same
# instructions on every aid page; a record's sources, dates and history say where and when its
# information comes from, not what it is about (and they made 600 MB of Pagefind's 1.75 GB at 10,000
# aids). Pagefind already skips nav, form, script and footer.
PAGEFIND_EXCLUDE = (
    ".fil, .sommaire, .resume-aide, .validite, .verificateur, .sources, .dates-information, .historique-fiche, .revue-fiche"
)


def pagefind_command(site_dir: str, glob: str = "**/*.{html}") -> list[str]:
    """Pagefind on a built site; ``glob``: the files it reads (the build gives the registry's ``search_glob``)."""
    command = [sys.executable, "-m", "pagefind_bin", "--site", site_dir, "--quiet", "--exclude-selectors", PAGEFIND_EXCLUDE]
    return [*command, "--glob", glob]


def protect(output: str, name: str) -> str:
    """A page MkDocs wrote (``on_post_page``, ``on_post_template``), under the policy; as is while serving."""
    guard = _state.get("guard")
    return guard.protect(output, name) if guard is not None and name.endswith(".html") else output


def start_build(serving: bool) -> None:
    """The live-reload script of `mkdocs serve` is inline and changes: no policy there. While serving, the
    previous build's search indexing stops: the new build empties the folder and indexes it again."""
    _state["serving"] = serving
    _state["guard"] = None if serving else csp.SiteGuard()
    _wait_for_after_build()
    indexing = _state.pop("indexing", None)
    if indexing is not None:
        indexing.terminate()
        indexing.wait()


def start_index(site: Path) -> None:
    """Pagefind, started as soon as every page it indexes is written: it indexes while the other pages are
    written (it reads only the indexed pages' files: Registry.search_glob). While serving, once the build is
    done and at the lowest priority: on two cores it slowed the build, and an editor looks at search last."""
    command = pagefind_command(str(site), registry().search_glob())
    _state["indexing"] = subprocess.Popen(["nice", "-n", "19", *command] if _state["serving"] else command)


def finish_index(site: Path) -> None:
    """Wait for Pagefind and make its index reproducible; while serving, leave it to finish in the background,
    so that an edited page shows without waiting for search to know it."""
    if _state["serving"]:
        return
    if _state.pop("indexing").wait() != 0:
        raise Abort("Pagefind a échoué : le site n'a pas été construit.")
    if not pagefind_stable.stabilise(site / "pagefind"):
        print("Attention : index Pagefind d'un format inattendu, laissé tel quel (non reproductible).", file=sys.stderr)


def post_build(config: MkDocsConfig) -> None:
    """Write the framed pages, the catalogue's filter files and the Atom feeds (while serving, the open data files
    too), index the built site with Pagefind
    (the only search engine shipped), then, not while serving, write ``_headers`` with every page's scripts.
    Each step is timed (``AIDES_MESURES``: the file the durations go to, for the benchmark)."""
    site = Path(config.site_dir)
    guard = _state.get("guard")
    outputs = _state["outputs"] = Outputs(site, _state["serving"])
    writer, framed = page_writer(config), framed_entries()
    with timed("pages_indexees"):
        writer.write_all([entry for entry in framed if entry.indexed])  # Pagefind's input: then it can start
    if not _state["serving"]:  # while serving, Pagefind starts last (start_index)
        start_index(site)
    with timed("autres_pages"):
        writer.write_all([entry for entry in framed if not entry.indexed])
    with timed("fichiers_navigateur"):  # 10,000 small files: written directly, not as MkDocs files (cheaper)
        for path, content in _unless_unchanged("navigateur", registry().browser_files).items():
            outputs.write(path, content.encode("utf-8"))
        if _state["serving"]:  # add_generated_files left them out: written once the build has returned
            _after_build(outputs, functools.partial(_unless_unchanged, "donnees", registry().data_files))
        outputs.finish()
    # The commune lookup files, fetched by a page only when someone searches a commune (a link while serving).
    if _state["serving"]:
        (site / urls.COMMUNE_LOOKUP).parent.mkdir(parents=True, exist_ok=True)
        (site / urls.COMMUNE_LOOKUP).symlink_to(cog.LOOKUP_FILES.resolve(), target_is_directory=True)
    else:
        shutil.copytree(cog.LOOKUP_FILES, site / urls.COMMUNE_LOOKUP, dirs_exist_ok=True)
    if _state["serving"]:
        start_index(site)
    with timed("attente_pagefind"):
        finish_index(site)
    if guard is not None:
        with timed("en_tetes"):
            csp.write_headers(site, guard.script_hashes, embeddable=[f"/{root}*" for root in registry().embed_roots()])
        for problem in guard.blocked:
            print(f"Attention : la politique de sécurité bloquera {problem}", file=sys.stderr)
    _report_timings()


def _after_build(outputs: Outputs, make: Callable[[], dict[str, str]]) -> None:
    """Serving: the open data files are made once the build has returned (`mkdocs serve` shows no page before
    that, and an editor looks at the edited page first); the next build waits for them."""
    outputs.made.update([*open_data_paths(), urls.QUESTIONNAIRE_RULES])  # not stale: about to be written

    def write() -> None:
        for path, content in make().items():
            outputs.write(path, content.encode("utf-8"))

    thread = threading.Thread(target=write, name="donnees-ouvertes")
    thread.start()
    _state["after_build"] = thread


def _wait_for_after_build() -> None:
    thread = _state.pop("after_build", None)
    if thread is not None:
        thread.join()


@contextlib.contextmanager
def timed(step: str) -> Iterator[None]:
    """The step's duration (s), and this process's peak memory (MB) once it is done."""
    start = time.perf_counter()
    try:
        yield
    finally:
        timings = _state.setdefault("timings", {})
        timings[step] = round(time.perf_counter() - start, 3)
        timings[f"{step}_memoire_mo"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _report_timings() -> None:
    target = os.environ.get("AIDES_MESURES")
    if target:
        Path(target).write_text(json.dumps(_state.pop("timings", {}), indent=1), encoding="utf-8")
