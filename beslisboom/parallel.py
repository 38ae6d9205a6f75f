"""Spread a pure step over the machine's cores, through concurrent.futures, in one place.

Workers are forked, so they start with what the parent holds (compiled templates) and
only the items and results cross between processes. Where the system cannot fork
(Windows, macOS' default) everything runs in this process, in order.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Any, TypeVar

R = TypeVar("R")
MIN_ITEMS = 200  # below this, starting processes costs more than it saves


def jobs_available() -> int:
    """Count the processes worth starting: the usable cores, where fork is the default."""
    if sys.platform != "linux":
        return 1
    return max(1, len(os.sched_getaffinity(0)))


def run_all(step: Callable[[Any, Any], R], shared: Any, items: Sequence[Any], jobs: int) -> list[R]:
    """Return [step(shared, item) for item in items], over `jobs` processes if worth it.

    step must be a module-level function, so that workers can find it. An exception in a
    worker is raised here, as if the step had run in this process.
    """
    if jobs < 2 or len(items) < MIN_ITEMS:
        return [step(shared, item) for item in items]
    chunk = max(1, len(items) // (jobs * 4))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        return list(pool.map(partial(step, shared), items, chunksize=chunk))
