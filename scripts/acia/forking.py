"""Share a large piece of work between this process and copies of it forked on the other cores.

A validation of thousands of files is pure Python: one core does it all
unless other processes take a share. Forked copies start in a few
milliseconds and already hold everything this process read (nothing is sent
to them); only their results come back. Used where the work is large enough
to pay for it (``acia.load.parsed``, ``acia.check.pipeline``), and only where
forking is safe: on Linux, from a process with no other thread (a copy of a
lock held by another thread would never be released).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # what the forked copies read: set just before forking


def can_fork() -> bool:
    """Whether this process may share work with forked copies of itself."""
    return sys.platform.startswith("linux") and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


def cores() -> int:
    return os.cpu_count() or 1


def map_shares(function: Callable[[Any], Any], shares: Sequence[Any]) -> list[Any]:
    """``[function(share) for share in shares]``: the first share in this process, each other one in a forked copy, all at once.

    ``function`` and ``shares`` reach the copies by the fork itself, never
    pickled; the results come back pickled. Without ``can_fork()``, every
    share runs here, one after the other.
    """
    global _work
    if len(shares) < 2 or not can_fork():
        return [function(share) for share in shares]
    import multiprocessing  # here, not at the top: most runs never fork, and importing it costs every run

    _work = (function, shares)
    try:
        with multiprocessing.get_context("fork").Pool(len(shares) - 1) as pool:
            pending = pool.map_async(_run, range(1, len(shares)), chunksize=1)
            first = function(shares[0])
            return [first, *pending.get()]
    finally:
        _work = None


def _run(index: int) -> Any:
    assert _work is not None
    function, shares = _work
    return function(shares[index])
