"""Reading a ``_headers`` file (Netlify and Cloudflare Pages syntax) the way those hosts do.

``csp.py`` writes the site's file (its Content-Security-Policy, with ``frame-ancestors``
allowing only the embeddable views under ``urls.EMBED_ROOT``); this module reads it back,
for the test server that applies it as the hosts would. Both hosts apply *every* rule that
matches a path, and Cloudflare Pages joins two values of one header with a comma: ``csp.py``
writes rules that never overlap, and ``headers_for`` joins as Cloudflare does, so an overlap
would show in the tests. GitHub Pages ignores ``_headers``: there, framing is not restricted
by the server.
"""

from __future__ import annotations


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
