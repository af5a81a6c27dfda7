"""The link checker against local servers only (127.0.0.1): every kind of broken link, and its report."""

from __future__ import annotations

import contextlib
import http.server
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aides.trust import links

SLOW = 1.0  # seconds the slow page waits; the checker is given much less
SHORT_TIMEOUT = 0.3


class _Handler(http.server.BaseHTTPRequestHandler):
    """One path per case; records the User-Agent and how many /pause/ requests run at once."""

    protocol_version = "HTTP/1.1"
    seen: list[tuple[str, str, str]] = []  # noqa: RUF012 (shared on purpose: the test reads it)
    running = 0
    most_at_once = 0
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        with self.lock:
            type(self).seen.append((self.command, self.path, self.headers.get("User-Agent", "")))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the checker gave up waiting (timeout case)
            self._route(body)

    def _pause(self) -> None:
        """A /pause/ request counts as running until its answer is sent, not after: once the checker has its
        answer it may start the next request of that site, and counting after sending saw them overlap."""
        cls = type(self)
        with self.lock:
            cls.running += 1
            cls.most_at_once = max(cls.most_at_once, cls.running)
        time.sleep(0.05)
        with self.lock:
            cls.running -= 1

    def _route(self, body: bool) -> None:
        path = self.path
        if path == "/lent":
            time.sleep(SLOW)
        if path.startswith("/pause/"):
            self._pause()
        redirects = {
            "/ancien": (301, "/ok"),
            "/temporaire": (302, "/ok"),
            "/profond/page": (301, "/"),
            "/boucle": (302, "/boucle"),
        }
        if path in redirects:
            status, location = redirects[path]
            self._send(status, body, location)
        elif path == "/sans-head" and self.command == "HEAD":
            self._send(405, body)
        else:
            codes = {"/introuvable": 404, "/supprime": 410, "/erreur": 500, "/interdit": 403}
            self._send(codes.get(path, 200), body)

    def _send(self, status: int, body: bool, location: str | None = None) -> None:
        content = b"<!doctype html><title>page</title>"
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if body:
            self.wfile.write(content)


def _serve(httpd: http.server.ThreadingHTTPServer) -> Iterator[str]:
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    scheme = "https" if isinstance(httpd.socket, ssl.SSLSocket) else "http"
    yield f"{scheme}://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    yield from _serve(http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler))


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An HTTPS server whose certificate no authority signed (made here with the openssl command)."""
    assert shutil.which("openssl"), "commande openssl absente : « make test » l'installe (paquet Debian openssl)"
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "cle.pem", folder / "certificat.pem"
    command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -keyout {key} -out {cert}"
    subprocess.run(
        command.format(key=key, cert=cert).split(),
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    yield from _serve(httpd)


@pytest.fixture
def closed_port() -> int:
    """A port where nothing listens: the connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _check(url: str) -> links.LinkResult:
    return links.check_url(url, timeout=SHORT_TIMEOUT)


def test_a_working_page_has_no_problem(server: str) -> None:
    result = _check(server + "/ok")
    assert (result.status, result.problem, result.broken) == (200, None, False)


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/introuvable", "page introuvable (erreur 404)"),
        ("/supprime", "page supprimée (erreur 410)"),
        ("/erreur", "erreur du serveur (erreur 500)"),
        ("/interdit", "accès refusé ou requête rejetée (erreur 403)"),
        ("/boucle", "plus de 10 redirections"),
    ],
)
def test_http_errors_are_broken_links(server: str, path: str, problem: str) -> None:
    result = _check(server + path)
    assert (result.problem, result.broken) == (problem, True)


def test_a_permanent_redirect_is_followed_and_suggests_the_new_address(server: str) -> None:
    result = _check(server + "/ancien")
    assert (result.status, result.final_url, result.broken) == (200, server + "/ok", False)
    assert result.problem == f"déplacé définitivement vers {server}/ok : mettre le lien à jour"


def test_a_temporary_redirect_is_no_problem(server: str) -> None:
    result = _check(server + "/temporaire")
    assert (result.status, result.problem, result.broken) == (200, None, False)


def test_a_deep_page_redirected_to_the_home_page_is_broken(server: str) -> None:
    result = _check(server + "/profond/page")
    assert result.broken
    assert result.problem == f"redirige vers la page d'accueil ({server}/)"


def test_head_refused_then_get(server: str) -> None:
    result = _check(server + "/sans-head")
    assert (result.status, result.problem) == (200, None)
    calls = [(method, path) for method, path, _ in _Handler.seen if path == "/sans-head"]
    assert calls[-2:] == [("HEAD", "/sans-head"), ("GET", "/sans-head")]


def test_requests_name_the_project(server: str) -> None:
    _check(server + "/ok")
    assert _Handler.seen[-1][2] == links.USER_AGENT


def test_a_slow_server_times_out(server: str) -> None:
    started = time.monotonic()
    result = _check(server + "/lent")
    assert time.monotonic() - started < SLOW
    assert (result.problem, result.broken) == ("pas de réponse dans le délai (délai dépassé)", True)


def test_an_untrusted_certificate_is_a_tls_error(tls_server: str) -> None:
    result = _check(tls_server + "/ok")
    assert result.broken
    assert result.problem is not None and result.problem.startswith("certificat TLS invalide (")


def test_a_refused_connection(closed_port: int) -> None:
    result = _check(f"http://127.0.0.1:{closed_port}/page")
    assert (result.problem, result.broken) == ("connexion refusée", True)


def test_an_unknown_domain(monkeypatch: pytest.MonkeyPatch) -> None:
    """No DNS request leaves the machine: the resolver is replaced by one that knows no name."""

    def unknown(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown)
    result = _check("https://domaine-inexistant.invalid/page")
    assert (result.problem, result.broken) == ("nom de domaine introuvable (DNS)", True)


def test_at_most_per_host_requests_at_once(server: str) -> None:
    _Handler.most_at_once = 0
    urls = [f"{server}/pause/{n}" for n in range(8)]
    results = links.check_urls(urls, timeout=2, workers=8, per_host=2, pause=0)
    assert sorted(results) == sorted(urls)
    assert all(result.status == 200 for result in results.values())
    assert _Handler.most_at_once == 2


# --- collecting the URLs of a data folder, and the whole report ---


def _data(folder: Path, server: str, tls_server: str, closed_port: int) -> Path:
    (folder / "aides").mkdir(parents=True)
    (folder / "partenaires").mkdir()
    (folder / "contacts").mkdir()
    (folder / "aides" / "une-aide.yml").write_text(
        "titre: Une aide\n"
        "sources:\n"
        f"  - url: {server}/ok\n"
        f"  - url: {server}/introuvable\n"
        f'  - url: "{server}/profond/page"\n'
        "resume: Pas un lien, même avec http:// au milieu.\n",
        encoding="utf-8",
    )
    (folder / "partenaires" / "un-partenaire.yml").write_text(
        f"nom: Un partenaire\nsite: {server}/introuvable\nancien: {server}/ancien\nlent: {server}/lent\n", encoding="utf-8"
    )
    (folder / "contacts" / "un-contact.yml").write_text(
        f"nom: Un contact\nurl: {tls_server}/ok\nautre: http://127.0.0.1:{closed_port}/\nformulaire: {server}/sans-head\n",
        encoding="utf-8",
    )
    (folder / "casse.yml").write_text("titre: [non fermé\n", encoding="utf-8")
    return folder


def test_collect_urls_keeps_every_place(tmp_path: Path, server: str, tls_server: str, closed_port: int) -> None:
    data = _data(tmp_path / "data", server, tls_server, closed_port)
    found = links.collect_urls(data)
    assert [(loc.line, loc.column) for loc in found[f"{server}/introuvable"]] == [(4, 10), (2, 7)]
    assert found[f"{server}/introuvable"][0].file.endswith("aides/une-aide.yml")
    assert found[f"{server}/profond/page"][0].column == 10  # the opening quote
    assert len(found) == 8


def test_the_command_reports_each_place_and_fails(
    tmp_path: Path,
    server: str,
    tls_server: str,
    closed_port: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = _data(tmp_path / "data", server, tls_server, closed_port)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AIDES_DATA_DIR", str(data))
    code = links.main(["--delai", str(SHORT_TIMEOUT), "--pause", "0"])
    output = capsys.readouterr()
    assert code == 1
    assert output.out.splitlines() == [
        f"data/aides/une-aide.yml:4:10: {server}/introuvable : page introuvable (erreur 404)",
        f"data/aides/une-aide.yml:5:10: {server}/profond/page : redirige vers la page d'accueil ({server}/)",
        f"data/contacts/un-contact.yml:2:6: {tls_server}/ok : certificat TLS invalide (self-signed certificate)",
        f"data/contacts/un-contact.yml:3:8: http://127.0.0.1:{closed_port}/ : connexion refusée",
        f"data/partenaires/un-partenaire.yml:2:7: {server}/introuvable : page introuvable (erreur 404)",
        f"data/partenaires/un-partenaire.yml:3:9: {server}/ancien : avertissement : déplacé définitivement vers {server}/ok : mettre le lien à jour",
        f"data/partenaires/un-partenaire.yml:4:7: {server}/lent : pas de réponse dans le délai (délai dépassé)",
    ]
    assert output.err.strip() == "8 liens vérifiés (9 emplacements) : 5 liens cassés."


def test_no_link_no_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "aides").mkdir()
    (tmp_path / "aides" / "a.yml").write_text("titre: Sans lien\n", encoding="utf-8")
    monkeypatch.setenv("AIDES_DATA_DIR", str(tmp_path))
    assert links.main([]) == 0
    assert capsys.readouterr().out.strip() == "0 lien vérifié (0 emplacement) : aucun lien cassé."
