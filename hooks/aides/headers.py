"""The framing policy of the site, as a ``_headers`` file (Netlify and Cloudflare Pages syntax).

Only the embeddable views (everything under ``urls.EMBED_ROOT``) may be shown in another
site's frame; every other page refuses it, with ``Content-Security-Policy: frame-ancestors
'none'`` and, for older browsers, ``X-Frame-Options: DENY``. ``frame-ancestors`` is ignored
in a ``<meta>`` tag: only a server header carries it, hence this file. GitHub Pages ignores
``_headers``: there, framing is not restricted by the server.

The rules never overlap. Both hosts apply *every* rule that matches a path, and Cloudflare
Pages joins two values of one header with a comma: a site-wide ``/*`` rule next to an
``/integrer/*`` one would send two policies to an embed, and ``'none'`` would win. So the
refusal is written for each top-level entry of the built site except the embed root (the
site is static: its entries are known when the file is written).

A leaf module: ``frame_rules`` returns text; the adapter writes it after the build, and a
full CSP (script hashes...) can later be merged into the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable

DENY = {"Content-Security-Policy": "frame-ancestors 'none'", "X-Frame-Options": "DENY"}
ALLOW = {"Content-Security-Policy": "frame-ancestors *"}


def rule(path: str, headers: dict[str, str]) -> str:
    return path + "\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())


def deny_paths(entries: Iterable[str], embed_roots: Iterable[str]) -> list[str]:
    """Rule paths covering every top-level entry of the site (``aides/`` a folder, ``404.html`` a file) but the embed roots."""
    roots = {root.strip("/") for root in embed_roots}
    paths = ["/"]
    for entry in sorted(entries):
        name = entry.strip("/")
        if not name or name in roots or name.startswith("_"):
            continue
        paths.append(f"/{name}/*" if entry.endswith("/") else f"/{name}")
    return paths


def frame_rules(entries: Iterable[str], embed_roots: Iterable[str]) -> str:
    """The ``_headers`` text: framing refused everywhere but under the embed roots."""
    embed_roots = list(embed_roots)
    header = "# Généré à la construction (hooks/aides/headers.py) : ne pas modifier à la main.\n"
    header += (
        "# Seules les vues à intégrer ("
        + ", ".join(f"/{r.strip('/')}/" for r in embed_roots)
        + ") acceptent d'être affichées dans un cadre.\n"
    )
    rules = [rule(path, DENY) for path in deny_paths(entries, embed_roots)]
    rules += [rule(f"/{root.strip('/')}/*", ALLOW) for root in embed_roots]
    return header + "\n".join(rules)


def parse(text: str) -> list[tuple[str, dict[str, str]]]:
    """The rules of a ``_headers`` text, in order (the test server applies them as the hosts do)."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1][name.strip()] = value.strip()
    return rules


def matches(pattern: str, path: str) -> bool:
    """Whether a rule path matches a request path: exact, or a prefix ending in ``*`` (a splat)."""
    if pattern.endswith("*"):
        return path.startswith(pattern[:-1])
    return path == pattern


def headers_for(rules: list[tuple[str, dict[str, str]]], path: str) -> dict[str, str]:
    """Every matching rule applies; one header set by several rules gets their values joined by a comma (Cloudflare Pages)."""
    found: dict[str, list[str]] = {}
    for pattern, headers in rules:
        if matches(pattern, path):
            for name, value in headers.items():
                found.setdefault(name, []).append(value)
    return {name: ", ".join(values) for name, values in found.items()}
