"""Spread work over the machine's cores where the system can fork; else do it in order.

Forked workers inherit what the parent already holds (the model, compiled templates), so
nothing but results crosses between processes. Windows and macOS work sequentially.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS = 200  # below this, starting processes costs more than it saves

_task: Callable[[Any], Any] | None = None


def jobs_available() -> int:
    """Count the processes worth starting: the usable cores, where fork exists."""
    if sys.platform != "linux":
        return 1
    return max(1, len(os.sched_getaffinity(0)))


def fork_pool(jobs: int) -> Any:
    """Start a pool of forked workers; imported late, as small builds never need one."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))


def _run_chunk(chunk: Sequence[Any]) -> list[Any]:
    assert _task is not None
    return [_task(item) for item in chunk]


def map_chunks(task: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """Apply task to every item, in contiguous chunks over `jobs` forked processes."""
    if jobs < 2 or len(items) < MIN_ITEMS:
        return [task(item) for item in items]
    global _task
    _task = task  # inherited by the forked workers
    size = -(-len(items) // jobs)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    try:
        with fork_pool(jobs) as pool:
            return [result for part in pool.map(_run_chunk, chunks) for result in part]
    finally:
        _task = None


def _run_one(item: Any) -> Any:
    assert _task is not None
    return _task(item)


def map_tasks(task: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """Apply task to a few large items, handing them out one by one to `jobs` processes."""
    if jobs < 2 or len(items) < 2:
        return [task(item) for item in items]
    global _task
    _task = task
    try:
        with fork_pool(jobs) as pool:
            return list(pool.map(_run_one, items, chunksize=1))
    finally:
        _task = None
