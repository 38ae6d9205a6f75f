"""Remember the results of pure steps by the value of their inputs, for the preview.

A step is a plain function whose result follows from its arguments alone; its arguments
are frozen values (the model's dataclasses, texts, numbers). The key is the function and
the arguments themselves, compared by value, so no edit can ever be answered with a stale
result. Results that a whole build did not ask for are forgotten after it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from .parallel import run_all

R = TypeVar("R")


class Memo:
    """The results of the last good build and of the build in progress."""

    def __init__(self) -> None:
        self.used: dict[Hashable, Any] = {}  # asked for by the build in progress
        self.earlier: dict[Hashable, Any] = {}  # kept from the builds before

    def __call__(self, step: Callable[..., R], *args: Hashable) -> R:
        """Return step(*args), from memory when the same step had the same arguments."""
        key = (step, args)
        found = self.find(key)
        if found is MISSING:
            found = self.used[key] = step(*args)
        return found

    def map(
        self, step: Callable[[Any, Any], R], shared: Hashable, items: Sequence[Hashable], jobs: int
    ) -> list[R]:
        """Return [step(shared, item) for item in items], doing only the new ones, in parallel."""
        keys = [(step, (shared, item)) for item in items]
        found = [self.find(key) for key in keys]
        todo = [index for index, value in enumerate(found) if value is MISSING]
        made = run_all(step, shared, [items[index] for index in todo], jobs)
        for index, value in zip(todo, made, strict=True):
            found[index] = self.used[keys[index]] = value
        return found

    def find(self, key: Hashable) -> Any:
        """Look a key up in this build's results, then in earlier ones; else MISSING."""
        found = self.used.get(key, MISSING)
        if found is MISSING:
            found = self.earlier.pop(key, MISSING)
            if found is not MISSING:
                self.used[key] = found
        return found

    def forget_unused(self) -> None:
        """Keep only what the build that just succeeded asked for."""
        self.earlier, self.used = self.used, {}


class Fresh(Memo):
    """No memory: every step is done, as in a one-off build that keeps nothing."""

    def find(self, key: Hashable) -> Any:
        return MISSING

    def __call__(self, step: Callable[..., R], *args: Hashable) -> R:
        return step(*args)

    def map(
        self, step: Callable[[Any, Any], R], shared: Hashable, items: Sequence[Hashable], jobs: int
    ) -> list[R]:
        return run_all(step, shared, list(items), jobs)


MISSING: Any = object()
