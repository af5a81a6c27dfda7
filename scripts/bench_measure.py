"""How the benchmark times a command: wall time, processor time, and « active » time.

The machine that runs the benchmark is often shared (2 cores, other builds and tests): a build
then waits for a processor, and its wall time grows with the others' work. ``active`` is the
wall time minus that wait: while the command runs, every ``POLL`` seconds, the time each of its
processes (the command and its descendants, main threads) has spent ready to run but waiting for
a processor is read from ``/proc/<pid>/schedstat`` (second field, in ns). Unlike processor time,
active time still counts what a build waits for otherwise (a disk, the network, a ``sleep``). On
an idle machine it equals wall time. Without /proc (not Linux), it is the wall time.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

POLL = 0.02  # s between two readings: a process loses at most this much of its waiting time


@dataclass(frozen=True)
class Run:
    """One command: wall, processor (with its children) and active time in s, peak memory in MB."""

    wall: float
    cpu: float
    active: float
    peak_mb: float


def _tree(pid: int) -> list[int]:
    """A process and its descendants (``/proc/<pid>/task/<tid>/children``)."""
    found = [pid]
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            for child in Path(f"/proc/{pid}/task/{tid}/children").read_text().split():
                found += _tree(int(child))
    except OSError:  # gone meanwhile
        pass
    return found


def _note_waits(pid: int, waited: dict[tuple[int, str], int]) -> None:
    """The run-queue wait of each process of the tree so far, keyed by pid and start time (pids are reused)."""
    for process in _tree(pid):
        try:
            started = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()[19]
            waited[(process, started)] = int(Path(f"/proc/{process}/schedstat").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            pass


def measure(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run ``command`` (output discarded); fail, naming it, if it fails."""
    start = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    waited: dict[tuple[int, str], int] = {}
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        _note_waits(process.pid, waited)
        time.sleep(POLL)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"échec : {' '.join(command)}")
    active = elapsed - sum(waited.values()) / 1e9
    return Run(elapsed, usage.ru_utime + usage.ru_stime, active, usage.ru_maxrss / 1024)
