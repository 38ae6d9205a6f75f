"""Spread a pure step over the machine's cores, through concurrent.futures, in one place.

Workers are forked, and receive the step and its items as the arguments of the pool's
initializer: under fork these are inherited, not pickled, so only the results (bytes,
small values) cross between processes. Where the system cannot fork (Windows, macOS'
default) everything runs in this process, in order.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

R = TypeVar("R")
MIN_ITEMS = 200  # below this, starting processes costs more than it saves

# In a worker only: the step, its shared argument and its items, set by receive().
received: tuple[Callable[[Any, Any], Any], Any, Sequence[Any]] | None = None


def jobs_available() -> int:
    """Count the processes worth starting: the usable cores, where fork is the default."""
    if sys.platform != "linux":
        return 1
    return max(1, len(os.sched_getaffinity(0)))


def run_all(step: Callable[[Any, Any], R], shared: Any, items: Sequence[Any], jobs: int) -> list[R]:
    """Return [step(shared, item) for item in items], over `jobs` processes if worth it.

    An exception in a worker is raised here, as if the step had run in this process.
    """
    return list(run_each(step, shared, items, jobs))


def run_each(
    step: Callable[[Any, Any], R], shared: Any, items: Sequence[Any], jobs: int
) -> Iterator[R]:
    """Give step(shared, item) for each item in order, as soon as it is done: the results
    of the first part come while the workers still do the others."""
    if jobs < 2 or len(items) < MIN_ITEMS:
        yield from (step(shared, item) for item in items)
        return
    size = -(-len(items) // (jobs * 4))  # a few parts each, so that no worker waits long
    bounds = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=context,
        initializer=receive,
        initargs=(step, shared, items, os.getpid()),
    )
    try:
        for part in pool.map(run_part, bounds):
            yield from part
    finally:  # also when the results are no longer wanted (a write failed, say)
        pool.shutdown(wait=True, cancel_futures=True)


def receive(
    step: Callable[[Any, Any], Any], shared: Any, items: Sequence[Any], parent: int
) -> None:
    """Keep the work a forked worker inherited (the pool's initializer), and stop the
    worker when the build that started it (parent: its process id, taken before the
    fork, as a build killed just after it has a successor here already) is gone."""
    global received
    received = (step, shared, items)
    threading.Thread(target=leave_with, args=(parent,), daemon=True).start()


def leave_with(parent: int) -> None:
    """End this worker as soon as its parent process has ended."""
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)  # the results have no one to go to


def run_part(bounds: tuple[int, int]) -> list[Any]:
    """Do the step for the items from start to end (in a worker)."""
    assert received is not None
    step, shared, items = received
    return [step(shared, item) for item in items[bounds[0] : bounds[1]]]
