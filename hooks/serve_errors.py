"""``mkdocs serve`` only: show data and template errors in the browser instead of a stuck page.

When the data has errors, the build does not abort: every page of the site (and the 404
page, so that any address shows it) becomes the French error page of ``overrides/erreurs.html``;
``mkdocs serve`` injects its live-reload script into these pages, so the browser reloads
by itself as soon as a rebuild succeeds. A page whose template fails renders the same page
for that template. ``mkdocs build`` (``make build``) is untouched: it still stops on the
first error and leaves the previous site in place.

The page's data comes from the engine-independent ``aides.preview.error_page``.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from aides.data.errors import DataErrors, warnings_report
from aides.data.loading import data_dir
from aides.preview.error_page import ErrorPageView, data_error_page, template_error_page
from aides.site import urls
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

OVERRIDES = Path(__file__).resolve().parents[1] / "overrides"  # our templates (mkdocs_adapter.py reads it from here)
TEMPLATE = "erreurs.html"
FALLBACK = "erreurs-simple.html"  # standalone: used when the site's own templates are what fails
# Without valid data there is no page registry: the pages are those its data files would give.
LISTINGS = tuple(urls.source_path(url) for url in (urls.CATALOGUE, urls.PARTNERS, urls.CONTACTS))


@dataclass
class _State:
    serving: bool = False
    failure: DataErrors | None = None
    rendering: int = 0


_state = _State()


def on_startup(command: str) -> None:
    """MkDocs' ``on_startup``: only ``mkdocs serve`` gets error pages."""
    _state.serving = command == "serve"


def serving() -> bool:
    return _state.serving


def failed() -> bool:
    """True while the last data load of this serve session failed."""
    return _state.failure is not None


def load(loader: Callable[[MkDocsConfig], Any], config: MkDocsConfig) -> None:
    """Run the adapter's loader; on data errors, remember them instead of aborting."""
    _state.failure = None
    _watch(config, data_dir())
    try:
        loader(config)
    except DataErrors as errors:  # an adapter that lets them through: print them as it would
        print(errors.report(), file=sys.stderr)
        _state.failure = errors
    except Abort as abort:  # today's adapter prints the list, then aborts with the errors as context
        if not isinstance(abort.__context__, DataErrors):
            raise
        _state.failure = abort.__context__
    if _state.failure is not None:
        if _state.failure.warnings:
            print(warnings_report(_state.failure.warnings), file=sys.stderr)
        print("Aperçu : le navigateur montre ces erreurs à la place du site, jusqu'à leur correction.", file=sys.stderr)


def _watch(config: MkDocsConfig, folder: Path) -> None:
    """Rebuild on changes in ``AIDES_DATA_DIR`` too, not only in the repository's data/."""
    watched = {Path(path).resolve() for path in config.watch}
    if folder.is_dir() and folder.resolve() not in watched:
        config.watch.append(str(folder.resolve()))


# --- data errors: every page becomes the error page ------------------------------------


def _page_paths(files: Files) -> list[str]:
    """Every page the site would have: hand-written pages, listings, one per data file."""
    paths = {file.src_uri for file in files.documentation_pages()} | set(LISTINGS)
    for kind in urls.RECORD_FOLDERS:
        folder = data_dir() / kind
        if folder.is_dir():
            paths |= {
                urls.source_path(urls.record_page(kind, path.stem))
                for path in folder.iterdir()
                if path.suffix in (".yml", ".yaml")
            }
    return sorted(paths)


def _front_matter(title: str) -> str:
    return f'---\ntemplate: {TEMPLATE}\ntitle: "{title}"\nhide: [navigation, toc]\nsearch:\n  exclude: true\n---\n'


def error_files(files: Files, config: MkDocsConfig) -> Files:
    """The theme's and content's assets, and the error page at every page's address."""
    assert _state.failure is not None
    kept = Files([file for file in files if not file.is_documentation_page()])
    title = data_error_page(_state.failure.errors).title
    for path in _page_paths(files):
        inclusion = InclusionLevel.NOT_IN_NAV if path.count("/") and path not in LISTINGS else InclusionLevel.UNDEFINED
        kept.append(File.generated(config, path, content=_front_matter(title), inclusion=inclusion))
    return kept


def _own_templates() -> set[str]:
    return {path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*.html")}


def error_env(env: jinja2.Environment) -> jinja2.Environment:
    """The environment of an error build: our templates escape, the 404 page is the error page."""
    assert _state.failure is not None
    own = _own_templates()
    env.autoescape = lambda name: name in own
    env.globals["adresse"] = urls.PAGES
    env.globals["erreurs"] = data_error_page(_state.failure.errors, _state.failure.warnings)
    original = env.get_template

    def get_template(name: Any, parent: str | None = None, globals: Any = None) -> jinja2.Template:
        # Any other address: the error page (rendered without a page, it polls for the fixed site itself).
        return original(TEMPLATE if name == "404.html" else name, parent, globals)

    env.get_template = get_template  # type: ignore[method-assign]
    return env


# --- template errors: the page whose template failed becomes the error page -------------


def guard_templates(env: jinja2.Environment) -> None:
    """Serve only: a page whose template raises renders the error page for that template."""
    if not _state.serving:
        return
    base: type[jinja2.Template] = env.template_class

    class GuardedTemplate(base):  # type: ignore[valid-type, misc]
        def render(self, *args: Any, **kwargs: Any) -> str:
            if _state.rendering:
                return super().render(*args, **kwargs)
            _state.rendering += 1
            try:
                return super().render(*args, **kwargs)
            except Exception as error:
                context = dict(*args, **kwargs)
                return _render_template_error(env, error, self.name, context)
            finally:
                _state.rendering -= 1

    env.template_class = GuardedTemplate
    if env.cache is not None:
        env.cache.clear()
    original = env.get_template

    def get_template(name: Any, parent: str | None = None, globals: Any = None) -> jinja2.Template:
        try:
            return original(name, parent, globals)
        except jinja2.TemplateSyntaxError as error:
            if _state.rendering:
                raise  # inside a page: the page's own render reports it
            return _BrokenTemplate(env, error)

    env.get_template = get_template  # type: ignore[method-assign]


class _BrokenTemplate:
    """Stands for a template that does not compile: rendering it gives the error page."""

    def __init__(self, env: jinja2.Environment, error: jinja2.TemplateSyntaxError) -> None:
        self.env = env
        self.error = error
        self.name = error.name

    def render(self, *args: Any, **kwargs: Any) -> str:
        return _render_template_error(self.env, self.error, self.name, dict(*args, **kwargs))


def _shown(filename: str) -> str:
    try:
        return Path(filename).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return filename


def _read(filename: str | None) -> str | None:
    try:
        return Path(filename).read_text(encoding="utf-8") if filename else None
    except OSError:
        return None


def locate(error: BaseException, page_template: str | None) -> tuple[str, int | None, str | None]:
    """(template shown to the editor, line, its source) of a template error."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        filename = error.filename or error.name or page_template or "?"
        return _shown(filename), error.lineno, error.source or _read(error.filename)
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename.endswith((".html", ".xml"))]
    if frames:
        return _shown(frames[-1].filename), frames[-1].lineno, _read(frames[-1].filename)
    return page_template or "?", None, None


def describe(error: BaseException) -> str:
    if isinstance(error, jinja2.UndefinedError):
        return f"variable ou attribut inconnu ({error})"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"syntaxe Jinja invalide ({error.message})"
    if isinstance(error, jinja2.TemplateNotFound):
        return f"gabarit introuvable : {error.name}"
    return f"{type(error).__name__} : {error}"


class ErrorPage(str):
    """The error page, rendered in place of a template that failed: when that template was a page's body or
    head (mkdocs_adapter.page_context), the whole page becomes the error page, not a page around it."""


def _render_template_error(env: jinja2.Environment, error: BaseException, page_template: str | None, context: dict) -> str:
    template, line, source = locate(error, page_template)
    view = template_error_page(template, line, describe(error), source)
    page = context.get("page")
    where = f" (page {page.file.src_uri})" if getattr(page, "file", None) else ""
    print(f"{view.errors[0].where}: erreur de gabarit : {view.errors[0].message}{where}", file=sys.stderr)
    return ErrorPage(render_error_page(env, view, context))


def render_error_page(env: jinja2.Environment, view: ErrorPageView, context: dict) -> str:
    """The error page in the site's look; standalone when the site's templates fail too."""
    _state.rendering += 1
    try:
        try:
            return env.get_template(TEMPLATE).render({**context, "erreurs": view})
        except Exception:
            return env.get_template(FALLBACK).render({"erreurs": view})
    finally:
        _state.rendering -= 1
