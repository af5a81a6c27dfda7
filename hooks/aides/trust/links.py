"""Broken links: every external URL written in the data files, checked over the network.

``python -m aides liens`` (``make liens``) lists each problem as
``fichier:ligne:colonne: url : problème``, in French, and exits with 1 when a link is broken.
Each URL is requested once, however many files cite it; every place that cites it is reported.
Polite by design: a few requests at a time, at most ``per_host`` at once to one site, a
User-Agent that names the project, HEAD first and GET only when HEAD is refused.
Standard library only (urllib), so the checker runs wherever the build runs.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import ssl
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from aides.data.loading import data_dir
from aides.data.yamlsource import Loc, YamlSyntaxError, parse_yaml

USER_AGENT = "aides-logement-verification-liens/0.1 (site public des aides au logement ; verification des sources)"
MAX_REDIRECTS = 10
HEAD_REFUSED = (405, 501)
REDIRECT_CODES = (301, 302, 303, 307, 308)
PERMANENT_REDIRECTS = (301, 308)


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class LinkResult:
    """What became of one URL. ``problem`` is a French phrase; ``broken`` makes the check fail."""

    url: str
    status: int | None = None
    final_url: str | None = None
    problem: str | None = None
    broken: bool = False


# --- collecting the URLs of the data files ---


def _strings(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))
    elif isinstance(value, str):
        yield loc, value


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def collect_urls(directory: Path | None = None) -> dict[str, list[Location]]:
    """Every ``http://`` or ``https://`` string value of ``directory/**/*.yml`` → where it is written, in file order.

    Files that are not valid YAML are skipped: ``python -m aides check`` reports them.
    """
    directory = directory or data_dir()
    found: dict[str, list[Location]] = {}
    for path in sorted(directory.rglob("*.yml")):
        try:
            document = parse_yaml(path.read_text(encoding="utf-8"), path)
        except (YamlSyntaxError, UnicodeDecodeError):
            continue
        for loc, text in _strings(document.data):
            url = text.strip()
            if url.startswith(("http://", "https://")):
                position = document.position(loc)
                found.setdefault(url, []).append(Location(_display(path), position.line, position.column))
    return found


# --- checking one URL ---


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by hand, to know each hop and to keep HEAD a HEAD."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _request(url: str, method: str, timeout: float) -> tuple[int, str | None]:
    """One request, no redirect followed: (status, Location header)."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)  # a little of the body: enough to know it comes, without downloading it
            return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers.get("Location")


def _fetch(url: str, timeout: float) -> tuple[int, str | None]:
    status, location = _request(url, "HEAD", timeout)
    if status in HEAD_REFUSED:
        status, location = _request(url, "GET", timeout)
    return status, location


def _is_home(url: str) -> bool:
    return urlsplit(url).path in ("", "/")


def _follow(url: str, timeout: float) -> LinkResult:
    current, permanent = url, True
    for _ in range(MAX_REDIRECTS + 1):
        status, location = _fetch(current, timeout)
        if status not in REDIRECT_CODES or not location:
            return _judge(url, status, current, moved=permanent and current != url)
        permanent = permanent and status in PERMANENT_REDIRECTS
        current = urljoin(current, location)
    return LinkResult(url, None, current, f"plus de {MAX_REDIRECTS} redirections", broken=True)


def _judge(url: str, status: int, final_url: str, *, moved: bool) -> LinkResult:
    if status in (404, 410):
        problem = "page introuvable (erreur 404)" if status == 404 else "page supprimée (erreur 410)"
        return LinkResult(url, status, final_url, problem, broken=True)
    if status >= 400:
        kind = "erreur du serveur" if status >= 500 else "accès refusé ou requête rejetée"
        return LinkResult(url, status, final_url, f"{kind} (erreur {status})", broken=True)
    if final_url != url and _is_home(final_url) and not _is_home(url):
        return LinkResult(url, status, final_url, f"redirige vers la page d'accueil ({final_url})", broken=True)
    if moved:
        return LinkResult(url, status, final_url, f"déplacé définitivement vers {final_url} : mettre le lien à jour")
    return LinkResult(url, status, final_url)


def _failure(error: BaseException) -> str:
    """The French reason of a request that got no HTTP answer."""
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"certificat TLS invalide ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return "échec de la connexion chiffrée (TLS)"
    if isinstance(reason, TimeoutError):
        return "pas de réponse dans le délai (délai dépassé)"
    if isinstance(reason, socket.gaierror):
        return "nom de domaine introuvable (DNS)"
    if isinstance(reason, ConnectionRefusedError):
        return "connexion refusée"
    if isinstance(reason, ConnectionError | http.client.HTTPException):
        return "connexion interrompue"
    return f"connexion impossible ({reason})"


def check_url(url: str, timeout: float = 15.0) -> LinkResult:
    """Request ``url`` (HEAD, then GET if HEAD is refused), following redirects by hand."""
    try:
        return _follow(url, timeout)
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as error:
        return LinkResult(url, None, None, _failure(error), broken=True)


# --- checking them all, politely ---


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _batches(urls: Iterable[str], per_host: int) -> list[list[str]]:
    """At most ``per_host`` batches per site; each batch is checked one URL after the other."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(_host(url), []).append(url)
    batches = []
    for host_urls in by_host.values():
        lanes = min(per_host, len(host_urls))
        batches.extend(host_urls[lane::lanes] for lane in range(lanes))
    return batches


def check_urls(
    urls: Iterable[str], *, timeout: float = 15.0, workers: int = 8, per_host: int = 2, pause: float = 0.5
) -> dict[str, LinkResult]:
    """Check every URL once: ``workers`` requests at a time, at most ``per_host`` to one site, ``pause`` s between two."""

    def run(batch: list[str]) -> list[LinkResult]:
        results = []
        for index, url in enumerate(batch):
            if index and pause:
                time.sleep(pause)
            results.append(check_url(url, timeout))
        return results

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        done = pool.map(run, _batches(dict.fromkeys(urls), max(1, per_host)))
        return {result.url: result for batch in done for result in batch}


# --- the report ---


def report(found: dict[str, list[Location]], results: dict[str, LinkResult]) -> tuple[list[str], int]:
    """French lines ``fichier:ligne:colonne: url : problème``, sorted by place, and the number of broken URLs."""
    lines = []
    for url, locations in found.items():
        result = results[url]
        if result.problem:
            prefix = "" if result.broken else "avertissement : "
            lines.extend((location, f"{location}: {url} : {prefix}{result.problem}") for location in locations)
    broken = sum(1 for url in found if results[url].broken)
    return [line for _, line in sorted(lines)], broken


def _count(number: int, word: str, adjective: str) -> str:
    plural = "s" if number > 1 else ""
    return f"{number} {word}{plural} {adjective}{plural}"


def summary(found: dict[str, list[Location]], broken: int) -> str:
    """``3 liens vérifiés (4 emplacements) : 1 lien cassé.``"""
    places = sum(len(locations) for locations in found.values())
    checked = f"{_count(len(found), 'lien', 'vérifié')} ({places} emplacement{'s' if places > 1 else ''})"
    return f"{checked} : {_count(broken, 'lien', 'cassé')}." if broken else f"{checked} : aucun lien cassé."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aides liens", description="Vérifie les liens externes des données.")
    parser.add_argument("--delai", type=float, default=15.0, help="délai d'attente d'une réponse, en secondes (15)")
    parser.add_argument("--simultanes", type=int, default=8, help="requêtes simultanées au plus (8)")
    parser.add_argument("--par-site", type=int, default=2, help="requêtes simultanées au plus vers un même site (2)")
    parser.add_argument("--pause", type=float, default=0.5, help="pause entre deux requêtes vers un même site, en secondes")
    options = parser.parse_args(argv)
    found = collect_urls()
    results = check_urls(found, timeout=options.delai, workers=options.simultanes, per_host=options.par_site, pause=options.pause)
    lines, broken = report(found, results)
    for line in lines:
        print(line)
    print(summary(found, broken), file=sys.stderr if broken else sys.stdout)
    return 1 if broken else 0
