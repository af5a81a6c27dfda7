"""Compare two built sites: files added or removed, and the visible text of every page.

    python scripts/compare_sites.py site-before site-after

A reshaping of the code must leave every page's text and every data file as they were:
this prints what differs (text of HTML pages, bytes of other files), ignoring markup,
attributes and whitespace, so that only what a reader or a reuser sees counts.
"""

from __future__ import annotations

import difflib
import sys
from html.parser import HTMLParser
from pathlib import Path

SKIPPED = {"script", "style", "template", "noscript"}
# Text is cut into lines at these tags only: a word moved into a link stays on its line.
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "dt", "dd", "tr", "td", "th", "section", "ul", "ol"}
BLOCKS |= {"table", "caption", "legend", "label", "option", "blockquote", "nav", "header", "footer", "form", "fieldset"}
IGNORED_DIRS = {"pagefind"}  # Pagefind's index: compared through the search tests, not byte by byte


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self._skip += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED and self._skip:
            self._skip -= 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> list[str]:
    """The page's text, one line per block, whitespace folded."""
    parser = _Text()
    parser.feed(html)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return [line for line in lines if line]


def files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.relative_to(root).parts[0] not in IGNORED_DIRS
    }


def compare(before: Path, after: Path) -> list[str]:
    report = []
    old, new = files(before), files(after)
    report += [f"supprimé : {path}" for path in sorted(old - new)]
    report += [f"ajouté : {path}" for path in sorted(new - old)]
    for path in sorted(old & new):
        a, b = (before / path), (after / path)
        if path.endswith(".html"):
            ta, tb = visible_text(a.read_text(encoding="utf-8")), visible_text(b.read_text(encoding="utf-8"))
            if ta != tb:
                diff = difflib.unified_diff(ta, tb, lineterm="", n=0)
                report.append(f"texte modifié : {path}\n  " + "\n  ".join(list(diff)[2:12]))
        elif not path.startswith("assets/") and a.read_bytes() != b.read_bytes():
            report.append(f"contenu modifié : {path}")
    return report


if __name__ == "__main__":
    lines = compare(Path(sys.argv[1]), Path(sys.argv[2]))
    print("\n".join(lines) or "aucune différence visible")
    sys.exit(0)
