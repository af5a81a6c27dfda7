"""Reading a ``_headers`` file (Netlify and Cloudflare Pages syntax) the way those hosts do: for the tests only.

``hooks/aides/publishing/csp.py`` writes the site's file (its Content-Security-Policy, with ``frame-ancestors``
allowing only the embeddable views under ``urls.EMBED_ROOT``); the tests read it back here, and the test server
(``headers_server`` in conftest.py) applies it as the hosts would. Both hosts apply *every* rule that matches a
path. One header set by several rules: Cloudflare Pages joins the values with a comma, Netlify keeps the last.
``csp.py`` writes rules that never overlap, so a join would show in the tests. GitHub Pages ignores ``_headers``:
there, framing is not restricted by the server.
"""

from __future__ import annotations

# (path pattern, [(header, value), ...]) in the file's order; a header named twice in one rule is kept twice.
Rules = list[tuple[str, list[tuple[str, str]]]]


def parse(text: str) -> Rules:
    """The rules of a ``_headers`` text, in order."""
    rules: Rules = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def matches(pattern: str, path: str) -> bool:
    """Whether a rule path matches a request path: exactly, or with its one ``*`` (a splat) standing for any text."""
    start, splat, end = pattern.partition("*")
    if not splat:
        return path == pattern
    return len(path) >= len(start) + len(end) and path.startswith(start) and path.endswith(end)


def headers_for(rules: Rules, path: str, host: str = "cloudflare") -> dict[str, str]:
    """The headers a host sends for ``path``: every matching rule applies; one header set twice is joined with a comma
    (``cloudflare``, Cloudflare Pages) or set by the last rule (``netlify``)."""
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if matches(pattern, path):
            for name, value in headers:
                found[name] = f"{found[name]}, {value}" if host == "cloudflare" and name in found else value
    return found
