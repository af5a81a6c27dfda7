"""Content-Security-Policy for the built site: one call, ``apply(site_dir, embeddable=[...])``, after the build.

1. The sha256 of every inline ``<script>`` that a browser runs (not ``type="application/json"`` data blocks)
   across all pages: the only inline code the policy allows.
2. A ``<meta http-equiv="Content-Security-Policy">`` at the top of every page's ``<head>``, so the policy
   holds on any static host (``frame-ancestors`` has no effect in a meta: it is left out there).
3. A ``_headers`` file (Netlify and Cloudflare Pages syntax) with the full policy, ``frame-ancestors
   'none'`` except on the ``embeddable`` paths that partners may show in an iframe, plus
   ``Referrer-Policy`` and ``X-Content-Type-Options``.

Netlify lets a later matching rule replace a header, Cloudflare joins both values with a comma (two
policies, both enforced): so no path matches two rules that set the policy. The site tree is cut into
rules that do not overlap (``/*`` alone when nothing is embeddable). Output is deterministic.
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
_HANDLER = re.compile(r"""<[a-z][^>]*?\s(on[a-z]+)\s*=|\bhref\s*=\s*["']?\s*javascript:""", re.I)


@dataclass(frozen=True)
class Policy:
    """What ``apply`` did: the hashes allowed, the policy of the pages' meta, and what the policy will block."""

    script_hashes: tuple[str, ...]
    meta: str
    blocked: tuple[str, ...]  # « fichier : attribut onclick bloqué par la politique »

    def header(self, *, framable: bool) -> str:
        ancestors = "*" if framable else "'none'"
        return f"{self.meta}; frame-ancestors {ancestors}"


# --- 1. inline scripts ---


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


def _pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


# --- 2. the policy and the meta ---


def build_policy(hashes: Iterable[str]) -> str:
    """The policy without ``frame-ancestors`` (which a meta cannot carry)."""
    directives = dict(BASE_DIRECTIVES)
    directives["script-src"] = " ".join([directives["script-src"], *sorted(hashes)])
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def insert_meta(page: str, policy: str) -> str:
    """The page with the policy's meta first in ``<head>`` (after ``<meta charset>``, which must stay in the first
    1,024 bytes); an older policy meta is replaced, so applying twice gives the same page."""
    page = _OLD_META.sub("", page)
    content = html.escape(policy, quote=False).replace('"', "&quot;")  # its ' stay readable
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    return _HEAD.sub(lambda match: match.group(0) + meta, page, count=1)


# --- 3. _headers ---


def _url(site_dir: Path, path: Path) -> str:
    return "/" + path.relative_to(site_dir).as_posix() + ("/" if path.is_dir() else "")


def _framable(url: str, embeddable: Sequence[str]) -> bool:
    """Whether ``url`` matches an embeddable glob; ``*`` matches any characters, ``/`` too, as on Netlify."""
    urls = [url, url.removesuffix("index.html")] if url.endswith("/index.html") else [url]
    return any(fnmatch.fnmatchcase(candidate, glob) for candidate in urls for glob in embeddable)


def _verdicts(site_dir: Path, folder: Path, embeddable: Sequence[str]) -> set[bool]:
    found = {_framable(_url(site_dir, path), embeddable) for path in folder.rglob("*") if path.is_file()}
    return found | {_framable(_url(site_dir, folder), embeddable)}


def header_rules(site_dir: Path, embeddable: Sequence[str]) -> list[tuple[str, bool]]:
    """(path pattern, framable) rules that cover the site without overlapping, widest first."""
    return _cut(site_dir, site_dir, embeddable)


def _cut(site_dir: Path, folder: Path, embeddable: Sequence[str]) -> list[tuple[str, bool]]:
    url = _url(site_dir, folder) if folder != site_dir else "/"
    verdicts = _verdicts(site_dir, folder, embeddable)
    if len(verdicts) == 1:
        return [(url + "*", verdicts.pop())]
    rules = [(url, _framable(url, embeddable))]
    for child in sorted(folder.iterdir()):
        if child.is_dir():
            rules.extend(_cut(site_dir, child, embeddable))
        elif child.name != HEADERS_FILE:
            rules.append((_url(site_dir, child), _framable(_url(site_dir, child), embeddable)))
    return rules


def headers_text(policy: Policy, rules: list[tuple[str, bool]]) -> str:
    lines = ["# Généré à la construction du site (hooks/aides/csp.py) : ne pas modifier à la main.", "/*"]
    lines.extend(f"  {name}: {value}" for name, value in OTHER_HEADERS)
    for pattern, framable in rules:
        lines.extend(["", pattern, f"  Content-Security-Policy: {policy.header(framable=framable)}"])
        if not framable:
            lines.append("  X-Frame-Options: DENY")
    return "\n".join(lines) + "\n"


# --- all at once ---


def _blocked(site_dir: Path, page: Path, text: str) -> list[str]:
    name = page.relative_to(site_dir).as_posix()
    return [f"{name} : {match.group(1) or 'lien javascript:'} bloqué par la politique" for match in _HANDLER.finditer(text)]


def apply(site_dir: Path, embeddable: Sequence[str] = ()) -> Policy:
    """Hash the inline scripts of every page, put the policy's meta in each page, write ``_headers``.

    ``embeddable``: URL globs partners may frame (``["/integrer/*"]``). Call it once the HTML is final.
    """
    site_dir = Path(site_dir)
    pages = _pages(site_dir)
    hashes: set[str] = set()
    blocked: list[str] = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        hashes |= inline_script_hashes(text)
        blocked.extend(_blocked(site_dir, page, text))
    policy = Policy(tuple(sorted(hashes)), build_policy(hashes), tuple(blocked))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        updated = insert_meta(text, policy.meta)
        if updated != text:
            page.write_text(updated, encoding="utf-8")
    (site_dir / HEADERS_FILE).write_text(headers_text(policy, header_rules(site_dir, embeddable)), encoding="utf-8")
    return policy
