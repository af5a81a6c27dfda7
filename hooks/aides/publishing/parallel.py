"""Work shared out between forked processes: a build uses every core of the machine.

``in_processes(work, shares)`` runs ``work(share)`` for each share, the first one in this process and
each other one in a forked child, which inherits everything in memory (nothing is pickled on the way
in) and sends back its result pickled through a pipe. Results come back in the order of the shares.
Only for builds: a forked child of a process with threads (``mkdocs serve``) could inherit a held lock.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

Share = TypeVar("Share")
Result = TypeVar("Result")


def processes() -> int:
    """``AIDES_PROCESSUS`` when set (1: no forked process), else the cores this process may use."""
    return max(1, int(os.environ.get("AIDES_PROCESSUS") or len(os.sched_getaffinity(0))))


def in_processes(work: Callable[[Share], Result], shares: Sequence[Share]) -> list[Result]:
    """``[work(share) for share in shares]``, each share but the first in a forked process."""
    children = [_fork(work, share) for share in shares[1:]]
    results = [work(shares[0])] if shares else []
    for pid, pipe in children:
        with os.fdopen(pipe, "rb") as reading:
            data = reading.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            raise RuntimeError("un des processus de la construction a échoué (son erreur est plus haut)")
        results.append(pickle.loads(data))
    return results


def _fork(work: Callable[[Share], Result], share: Share) -> tuple[int, int]:
    reading, writing = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        os.close(writing)
        return pid, reading
    os.close(reading)
    status = 1
    try:
        data = pickle.dumps(work(share))
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(data)
        status = 0
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
