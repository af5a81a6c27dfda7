"""Content-Security-Policy of the built site, page by page as each page is written, then ``_headers``.

1. ``protect(page)``: the sha256 of every inline ``<script>`` that a browser runs in the page (not
   ``type="application/json"`` data blocks), and a ``<meta http-equiv="Content-Security-Policy">`` at the top
   of its ``<head>`` allowing those and no other inline code, so the policy holds on any static host
   (``frame-ancestors`` has no effect in a meta: it is left out there). Each page's meta allows only its own
   scripts; the work is done on the page's text as it is written, never by reading the site again.
2. ``write_headers``: a ``_headers`` file (Netlify and Cloudflare Pages syntax) with the policy allowing every
   page's scripts, ``frame-ancestors 'none'`` except on the ``embeddable`` paths that partners may show in an
   iframe, plus ``Referrer-Policy`` and ``X-Content-Type-Options``.

Netlify lets a later matching rule replace a header, Cloudflare joins both values with a comma (two
policies, both enforced): so no path matches two rules that set the policy. The site tree is cut into
rules that do not overlap (``/*`` alone when nothing is embeddable), in one walk of the site's files.
Output is deterministic.
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import html
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HEADERS_FILE = "_headers"
# Material's inline scripts set no style attribute and add no <style>: 'self' is enough (checked in a browser).
BASE_DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),  # Pagefind compiles its WebAssembly index
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
OTHER_HEADERS = (("Referrer-Policy", "strict-origin-when-cross-origin"), ("X-Content-Type-Options", "nosniff"))
# MIME types a browser runs as a classic script (HTML standard), and the other <script> types it runs.
_JS_TYPES = {
    "",
    "module",
    "importmap",
    "speculationrules",
    *(f"text/{name}" for name in ("javascript", "ecmascript", "jscript", "livescript", "x-ecmascript", "x-javascript")),
    *(f"text/javascript1.{minor}" for minor in range(6)),
    *(f"application/{name}" for name in ("javascript", "ecmascript", "x-ecmascript", "x-javascript")),
}
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_HEAD = re.compile(r"<head\b[^>]*>(\s*<meta\s+charset=[^>]*>)?", re.I)
_OLD_META = re.compile(r"""<meta\s+http-equiv=["']?Content-Security-Policy["']?[^>]*>""", re.I)
# Candidates only (fast to find): blocked_code keeps those inside a tag.
_HANDLER = re.compile(r"""\s(on[a-z]+)\s*=|\bhref\s*=\s*["']?\s*javascript:""", re.I)


@dataclass(frozen=True)
class Policy:
    """The policy allowing these inline scripts: as a meta (no ``frame-ancestors``) or as a header."""

    script_hashes: tuple[str, ...]

    @property
    def meta(self) -> str:
        directives = dict(BASE_DIRECTIVES)
        directives["script-src"] = " ".join([directives["script-src"], *self.script_hashes])
        return "; ".join(f"{name} {value}" for name, value in directives.items())

    def header(self, *, framable: bool) -> str:
        ancestors = "*" if framable else "'none'"
        return f"{self.meta}; frame-ancestors {ancestors}"


@dataclass(frozen=True)
class Protected:
    """A page under its policy: its text with the meta, the hashes allowed, the inline code the policy blocks."""

    html: str
    script_hashes: frozenset[str]
    blocked: tuple[str, ...]  # « onclick », « lien javascript: »


# --- 1. each page ---


def _attributes(text: str) -> dict[str, str]:
    return {name.lower(): html.unescape(value.strip("\"'")) for name, value in _ATTRIBUTE.findall(text)}


def _runs(attributes: dict[str, str]) -> bool:
    """Whether the browser runs the inline content: no ``src``, and a JavaScript type (not JSON data)."""
    kind = attributes.get("type", "").split(";")[0].strip().lower()
    return "src" not in attributes and kind in _JS_TYPES


def script_hash(content: str) -> str:
    """``'sha256-…'`` of a script as the browser reads it (its parser turns CR LF and CR into LF)."""
    normalised = content.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(normalised.encode("utf-8")).digest()).decode() + "'"


def inline_script_hashes(page: str) -> set[str]:
    return {script_hash(body) for attrs, body in _SCRIPT.findall(page) if body and _runs(_attributes(attrs))}


def insert_meta(page: str, policy: str) -> str:
    """The page with the policy's meta first in ``<head>`` (after ``<meta charset>``, which must stay in the first
    1,024 bytes); an older policy meta is replaced, so protecting twice gives the same page."""
    page = _OLD_META.sub("", page)
    content = html.escape(policy, quote=False).replace('"', "&quot;")  # its ' stay readable
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    return _HEAD.sub(lambda match: match.group(0) + meta, page, count=1)


def blocked_code(page: str) -> tuple[str, ...]:
    """Inline event handlers and ``javascript:`` links, which the policy blocks: none should be written."""
    found = []
    for match in _HANDLER.finditer(page):
        opening, closing = page.rfind("<", 0, match.start()), page.rfind(">", 0, match.start())
        if match.group(1) is None or opening > closing:  # a handler counts inside a tag, not in text
            found.append(match.group(1) or "lien javascript:")
    return tuple(found)


def protect(page: str) -> Protected:
    hashes = frozenset(inline_script_hashes(page))
    return Protected(insert_meta(page, Policy(tuple(sorted(hashes))).meta), hashes, blocked_code(page))


# --- 2. _headers ---


def _framable(url: str, embeddable: Sequence[str]) -> bool:
    """Whether ``url`` matches an embeddable glob; ``*`` matches any characters, ``/`` too, as on Netlify."""
    urls = [url, url.removesuffix("index.html")] if url.endswith("/index.html") else [url]
    return any(fnmatch.fnmatchcase(candidate, glob) for candidate in urls for glob in embeddable)


@dataclass
class _Folder:
    url: str
    files: list[str] = field(default_factory=list)
    folders: dict[str, _Folder] = field(default_factory=dict)
    verdicts: set[bool] = field(default_factory=set)  # framable or not, of the folder and all below it


def _tree(site_dir: Path, embeddable: Sequence[str]) -> _Folder:
    """The site's folders with their files, each folder knowing the verdicts of everything below it (one walk)."""
    root = _Folder("/")
    for folder, subfolders, files in os.walk(site_dir):
        subfolders.sort()
        parts = Path(folder).relative_to(site_dir).parts
        node = root
        for part in parts:
            node = node.folders.setdefault(part, _Folder(node.url + part + "/"))
        node.files = sorted(name for name in files if not (node is root and name == HEADERS_FILE))
    _gather(root, embeddable)
    return root


def _gather(node: _Folder, embeddable: Sequence[str]) -> set[bool]:
    node.verdicts = {_framable(node.url, embeddable)} | {_framable(node.url + name, embeddable) for name in node.files}
    for child in node.folders.values():
        node.verdicts |= _gather(child, embeddable)
    return node.verdicts


def header_rules(site_dir: Path, embeddable: Sequence[str]) -> list[tuple[str, bool]]:
    """(path pattern, framable) rules that cover the site without overlapping, widest first."""
    return _cut(_tree(site_dir, embeddable), embeddable)


def _cut(node: _Folder, embeddable: Sequence[str]) -> list[tuple[str, bool]]:
    if len(node.verdicts) == 1:
        return [(node.url + "*", next(iter(node.verdicts)))]
    rules = [(node.url, _framable(node.url, embeddable))]
    children = sorted([*((name, True) for name in node.folders), *((name, False) for name in node.files)])
    for name, is_folder in children:
        if is_folder:
            rules.extend(_cut(node.folders[name], embeddable))
        else:
            rules.append((node.url + name, _framable(node.url + name, embeddable)))
    return rules


def headers_text(policy: Policy, rules: list[tuple[str, bool]]) -> str:
    lines = ["# Généré à la construction du site (hooks/aides/publishing/csp.py) : ne pas modifier à la main.", "/*"]
    lines.extend(f"  {name}: {value}" for name, value in OTHER_HEADERS)
    for pattern, framable in rules:
        lines.extend(["", pattern, f"  Content-Security-Policy: {policy.header(framable=framable)}"])
        if not framable:
            lines.append("  X-Frame-Options: DENY")
    return "\n".join(lines) + "\n"


def write_headers(site_dir: Path, script_hashes: Iterable[str], embeddable: Sequence[str] = ()) -> Policy:
    """``_headers`` for the finished site: one policy allowing every page's scripts, framing only where embeddable.

    ``embeddable``: URL globs partners may frame (``["/integrer/*"]``). Call it once every file is written.
    """
    policy = Policy(tuple(sorted(set(script_hashes))))
    (Path(site_dir) / HEADERS_FILE).write_text(headers_text(policy, header_rules(Path(site_dir), embeddable)), encoding="utf-8")
    return policy


@dataclass
class SiteGuard:
    """The pages of one build put under the policy as they are written: their hashes (for ``_headers``) and,
    by file, the inline code the policy would block."""

    script_hashes: set[str] = field(default_factory=set)
    blocked: list[str] = field(default_factory=list)

    def protect(self, page: str, name: str) -> str:
        protected = protect(page)
        self.script_hashes |= protected.script_hashes
        self.note_blocked(name, protected.blocked)
        return protected.html

    def note_blocked(self, name: str, codes: Iterable[str]) -> None:
        self.blocked.extend(f"{name} : {code} bloqué par la politique" for code in codes)
