"""The generated pages out of the navigation (aids, their embeddable views, partners, agreements…): written
outside MkDocs' page loop, each from its frame (``aides.publishing.frames``), by as many processes as the machine has
cores; while serving, only the pages whose inputs changed are made again (``Outputs``).

MkDocs-specific, like ``mkdocs_adapter`` (which hands each page its context): a page here gets exactly the
context and template MkDocs would give it (``AIDES_SANS_CADRES=1`` sends them through MkDocs instead, and a
test compares both builds byte for byte).
"""

from __future__ import annotations

import hashlib
import html
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

from aides.model.formatting import typography
from aides.publishing import csp
from aides.publishing.frames import Frame, frame_key, marker
from aides.publishing.parallel import in_processes, processes
from aides.registry import GENERATED_TEMPLATE, PageEntry, Registry
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# Below this many pages a second process costs more than it saves.
PARALLEL_FROM = 400
# While serving, the hidden folder of the site where the generated pages' folders live between builds.
KEPT = ".apercu"


class Outputs:
    """The files a build writes itself (generated pages, the browser's files), by path from the site's root.

    A build writes each one. While serving, the folders of the generated pages are links into a hidden folder
    of the site (``keep_folders``), which MkDocs does not empty at each build (it leaves hidden entries, and
    links to folders, alone): a file is written again only when its bytes change, a page is made again only
    when what it is made from changes, and a file no longer made is removed.
    """

    # Serving: by site folder, each file written and its digest, each page and what it was made from.
    _digests: ClassVar[dict[Path, dict[str, str]]] = {}
    _inputs: ClassVar[dict[Path, dict[str, Any]]] = {}

    def __init__(self, site: Path, serving: bool) -> None:
        self.site, self.serving = site, serving
        self.made: set[str] = set()

    def write(self, path: str, data: bytes) -> None:
        digest = hashlib.sha1(data).hexdigest() if self.serving else ""
        self.made.add(path)
        target = self.site / path
        if self.serving and self._digests.setdefault(self.site, {}).get(path) == digest and target.exists():
            return
        if not target.parent.is_dir():
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if self.serving:
            self._digests[self.site][path] = digest

    def unchanged(self, path: str, made_from: Any) -> bool:
        """Serving: the page at ``path`` is the previous build's, made from the same inputs (and still there)."""
        known = self._inputs.setdefault(self.site, {})
        if self.serving and known.get(path) == made_from and (self.site / path).exists():
            self.made.add(path)
            return True
        known[path] = made_from
        return False

    def finish(self) -> None:
        """Serving: remove what the previous build made and this one did not (a removed aid's pages)."""
        for path in set(self._digests.get(self.site, {})) - self.made if self.serving else ():
            (self.site / path).unlink(missing_ok=True)
            del self._digests[self.site][path]


def keep_folders(site: Path, folders: set[str]) -> None:
    """Serving: each folder of generated pages is a link into the site's hidden folder (see Outputs)."""
    for name in sorted(folders):
        kept, link = site / KEPT / name, site / name
        kept.mkdir(parents=True, exist_ok=True)
        if not link.is_symlink():
            link.symlink_to(Path(KEPT) / name, target_is_directory=True)


@dataclass
class PageWriter:
    registry: Registry
    config: MkDocsConfig
    env: Any
    nav: Navigation
    doc_files: list[File]
    page_context: Callable[[dict[str, Any], Page], dict[str, Any]]  # the adapter's, as for MkDocs' own pages
    error_page: Callable[[Page], str | None]  # while serving, the error page that replaces a page that failed
    guard: csp.SiteGuard | None  # None while serving: no policy then
    outputs: Outputs
    version: str = ""  # while serving: what every page depends on besides its data (templates, settings, day, history)
    frames: dict[tuple[str, str], Frame | str] = field(default_factory=dict)  # str: the error page of a frame that failed

    @property
    def serving(self) -> bool:
        return self.guard is None

    def write_all(self, entries: list[PageEntry]) -> None:
        """Pages that share a view (an aid and its embeddable view) come one after the other: the view is built once."""
        entries = sorted(entries, key=self.registry.view_identity)
        workers = processes()
        if self.serving or workers < 2 or len(entries) < PARALLEL_FROM:
            self.write(entries)
        else:
            self._write_in_parallel(entries, workers)

    def write(self, entries: list[PageEntry]) -> None:
        for entry in entries:
            path = entry.url + "index.html"
            if self.outputs.unchanged(path, (self.version, self.registry.inputs(entry))):
                continue
            page, output = self._render(entry)
            self.outputs.write(page.file.dest_uri, output)

    def _render(self, entry: PageEntry) -> tuple[Page, bytes]:
        page = _page(entry, self.config)
        context = self.page_context(get_context(self.nav, self.doc_files, self.config, page), page)
        failed = self.error_page(page)
        if failed is not None:
            return page, failed.encode("utf-8")
        key = frame_key(entry.url, entry.kind.frame)
        if key not in self.frames:
            self.frames[key] = self._frame(context, page)
        frame = self.frames[key]
        if isinstance(frame, str):
            return page, frame.encode("utf-8")
        own = {"tete": context["tete"], "corps": context["corps"]}
        text = frame.fill({"titre": page.meta["title"], "adresse": page.canonical_url, **own})
        # Only the frame goes under the policy, once, unless the page's own lines add an inline script.
        # Inline handlers could only come from our templates (editor text is escaped): a test reads them all.
        if self.guard is not None and csp.inline_script_hashes(own["tete"] + own["corps"]):
            text = self.guard.protect(text, page.file.dest_uri)
        return page, text.encode("utf-8", errors="xmlcharrefreplace")

    def _frame(self, context: dict[str, Any], page: Page) -> Frame | str:
        """The page's template rendered with a marker in place of everything that differs from page to page;
        while serving, the error page that came instead when the frame's templates fail (serve_errors.py)."""
        values = {"titre": page.meta["title"], "adresse": page.canonical_url}
        page.meta["title"], page.canonical_url = marker("titre"), marker("adresse")
        try:
            frame_context = {**context, "tete": Markup(marker("tete")), "corps": Markup(marker("corps"))}
            text = self.env.get_template(GENERATED_TEMPLATE).render(frame_context)
            if self.serving and marker("corps") not in text:
                return text
            return Frame.cut(self.guard.protect(text, page.file.dest_uri) if self.guard is not None else text)
        finally:
            page.meta["title"], page.canonical_url = values["titre"], values["adresse"]

    def _write_in_parallel(self, entries: list[PageEntry], workers: int) -> None:
        """The pages shared out, a view's pages together, between this process and forked ones (parallel.py);
        each sends back what its pages need of the policy."""
        groups = [list(group) for _, group in itertools.groupby(entries, key=self.registry.view_identity)]
        shares = [[entry for group in groups[index::workers] for entry in group] for index in range(workers)]
        for guard in in_processes(self._write_share, shares):
            if self.guard is not None and guard is not None:
                self.guard.script_hashes |= guard.script_hashes
                self.guard.blocked.extend(guard.blocked)

    def _write_share(self, share: list[PageEntry]) -> csp.SiteGuard | None:
        # Not while serving (write_all): a forked process's Outputs would not remember what it wrote.
        own = replace(self, guard=csp.SiteGuard() if self.guard is not None else None, frames={})
        own.write(share)
        return own.guard


def _page(entry: PageEntry, config: MkDocsConfig) -> Page:
    """The page as MkDocs would have made it from the entry's front matter (registry.PageEntry.front_matter)."""
    page = Page(None, File.generated(config, entry.path, content=""), config)
    page.meta = {"template": GENERATED_TEMPLATE, "title": html.escape(typography(entry.title))}
    return page


def sources_version(config: MkDocsConfig, overrides: Path, parts: list[Any]) -> str:
    """What every page depends on besides its data: our templates and the settings, and ``parts``."""
    files = sorted(path for path in overrides.rglob("*") if path.is_file())
    stamps = [(path.as_posix(), path.stat().st_mtime_ns, path.stat().st_size) for path in files]
    settings = Path(config.config_file_path).stat().st_mtime_ns if config.config_file_path else 0
    return hashlib.sha256(repr([stamps, settings, config.site_url, *parts]).encode()).hexdigest()
