"""Pages compared on what a person reads: the visible lines of each page's main content (not its HTML),
and the pages added, removed and changed between two builds (for ``diff_site.py``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "dt", "dd", "div", "section",
    "br", "caption", "pre", "blockquote", "summary", "figcaption", "legend", "label", "option", "ul", "ol", "table",
}  # fmt: skip
SKIPPED = {"script", "style", "template", "svg", "noscript", "form"}
_SPACES = re.compile(r"[ \t\n\r\f]+")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _MainText(HTMLParser):
    """Lines of visible text inside ``<article class="md-content__inner">`` (the page's own content)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.title = ""
        self._line: list[str] = []
        self._inside = 0  # nesting of <article> once inside the main one
        self._skip: list[str] = []  # open skipped elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" and (self._inside or "md-content__inner" in (dict(attrs).get("class") or "")):
            self._inside += 1
        if not self._inside or tag in VOID:
            self._break(tag)
            return
        if self._skip or tag in SKIPPED or "hidden" in dict(attrs):
            self._skip.append(tag)
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()
        if tag == "article" and self._inside:
            self._inside -= 1
        self._break(tag)

    def handle_data(self, data: str) -> None:
        if self._inside and not self._skip:
            self._line.append(data)

    def _break(self, tag: str) -> None:
        if tag in BLOCKS or tag == "article":
            text = _SPACES.sub(" ", "".join(self._line)).strip()  # keeps no-break spaces: « 8 000 € » stays one token
            if text:
                self.lines.append(text)
                if tag == "h1" and not self.title:
                    self.title = text
            self._line = []


def read_page(html: str) -> tuple[str, list[str]]:
    """(title: the first <h1>, visible lines) of a page's main content."""
    parser = _MainText()
    parser.feed(html)
    parser.close()
    parser._break("article")
    return parser.title, parser.lines


def visible_lines(html: str) -> list[str]:
    return read_page(html)[1]


def site_pages(site: Path) -> dict[str, tuple[str, list[str]]]:
    """Address (``aides/visale/``) → (title, visible lines), for every HTML page but search and assets."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(("pagefind/", "assets/")):
            continue
        pages[relative.removesuffix("index.html")] = read_page(path.read_text(encoding="utf-8"))
    return pages


@dataclass
class PageChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # address → unified diff lines
    titles: dict[str, str] = field(default_factory=dict)


def compare_pages(old: dict[str, tuple[str, list[str]]], new: dict[str, tuple[str, list[str]]]) -> PageChanges:
    changes = PageChanges()
    changes.added = sorted(new.keys() - old.keys())
    changes.removed = sorted(old.keys() - new.keys())
    for address in sorted(old.keys() & new.keys()):
        before, after = old[address][1], new[address][1]
        if before != after:
            diff = difflib.unified_diff(before, after, lineterm="", n=0)
            changes.changed[address] = [line for line in diff if not line.startswith(("---", "+++", "@@"))]
    for pages in (old, new):
        changes.titles.update({address: title for address, (title, _) in pages.items() if title})
    return changes
