"""How long an editor waits, in `make serve`, between saving an aid and seeing it changed in the browser.

    python scripts/bench_preview.py [N]          (default: 1000 synthetic aids, as bench.py makes them)

Starts ``mkdocs serve`` on N synthetic aids, waits for the first build, then, three times, changes one
aid's title in its YAML file and times the interval from the save to the moment the served page shows
the new title (polled every 20 ms over HTTP, as a browser reloading would get it): the median and the
slowest. Run alone, it also times a full ``mkdocs build`` of the data, for the ratio the budget asks
(preview ≤ 2 s and ≤ a quarter of a build); ``make bench`` gives it its own build's time.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml
from bench_data import ROOT, make_data

WORK = ROOT / "bench-data"
EPOCH = "1795305600"  # 2026-11-22, the build's « today », as in the tests


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float = 300) -> float:
    start = time.perf_counter()
    while text not in _page(url):
        if time.perf_counter() - start > timeout:
            raise SystemExit(f"l'aperçu n'a pas montré « {text} » en {timeout} s")
        time.sleep(0.02)
    return time.perf_counter() - start


def _environment(data: Path) -> dict[str, str]:
    return {
        **os.environ,
        "AIDES_DATA_DIR": str(data),
        "SOURCE_DATE_EPOCH": EPOCH,
        "PYTHONPATH": "hooks",
        "NO_MKDOCS_2_WARNING": "1",
        "AIDES_LOCAL": "1",  # measured, never published
    }


def measure_preview(data: Path, edits: int = 3) -> dict[str, float]:
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=_environment(data), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    aid = data / "aides" / "aide-fictive-1.yml"
    original = aid.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/aides/aide-fictive-1/"
    try:
        first = _wait_for(url, "Aide fictive numéro 1")
        times = []
        for edit in range(edits):
            record = yaml.safe_load(original)
            record["titre"] = f"Aide fictive modifiée {edit}"
            time.sleep(1.5)  # the watcher's own quiet time after the previous build
            aid.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
            times.append(_wait_for(url, f"Aide fictive modifiée {edit}"))
    finally:
        aid.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGTERM)  # the server and the Pagefind it may be running
        server.wait()
    return {
        "first_build_s": round(first, 1),
        "preview_s": round(statistics.median(times), 2),
        "preview_max_s": round(max(times), 2),
    }


def measure_build(data: Path) -> float:
    start = time.perf_counter()
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(WORK / "site-preview")]
    subprocess.run(command, cwd=ROOT, env=_environment(data), check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    WORK.mkdir(exist_ok=True)
    data = make_data(count, WORK)
    figures = measure_preview(data)
    figures["build_s"] = round(measure_build(data), 1)
    figures["preview_to_build"] = round(figures["preview_s"] / figures["build_s"], 2)
    print(json.dumps({"aides": count, **figures}, ensure_ascii=False))


if __name__ == "__main__":
    main()
