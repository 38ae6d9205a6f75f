"""Remember the results of pure steps by the value of their inputs, for the preview.

A step is a plain function whose result follows from its arguments alone; its arguments
are frozen values (the model's dataclasses, texts, numbers). The key is the function and
the arguments themselves, compared by value, so no edit can ever be answered with a stale
result. Results that a whole build did not ask for are forgotten after it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Any, TypeVar

from .parallel import run_each

R = TypeVar("R")
T = TypeVar("T", bound=Hashable)


class Memo:
    """The results of the last good build and of the build in progress."""

    def __init__(self) -> None:
        # key: (key, result). The key is kept beside the result so that a hit keeps the
        # earlier, equal key and lets the new one go: memory holds one copy of each input.
        self.used: dict[Key, tuple[Key, Any]] = {}  # asked for by this build
        self.earlier: dict[Key, tuple[Key, Any]] = {}  # kept from builds before

    def __call__(self, step: Callable[..., R], *args: Hashable) -> R:
        """Return step(*args), from memory when the same step had the same arguments."""
        key = Key(step, args)
        found = self.find(key)
        if found is MISSING:
            found = step(*args)
            self.used[key] = (key, found)
        return found

    def map(
        self,
        step: Callable[[Any, Any], R],
        shared: Hashable,
        items: Sequence[Any],
        jobs: int,
        key: Callable[[Any], Hashable] | None = None,
    ) -> list[R]:
        """Return [step(shared, item) for item in items], doing only the new ones, in parallel.

        key, if given, names an item by a smaller value that still tells it apart from
        every other (a file's path and a hash of its bytes, say): only that is kept.
        """
        return list(self.each(step, shared, items, jobs, key))

    def each(
        self,
        step: Callable[[Any, Any], R],
        shared: Hashable,
        items: Sequence[Any],
        jobs: int,
        key: Callable[[Any], Hashable] | None = None,
    ) -> Iterator[R]:
        """Give step(shared, item) for each item in order, as map does, each as soon as
        it is known."""
        keys = [Key(step, (shared, key(item) if key else item)) for item in items]
        found = [self.find(key) for key in keys]
        todo = [index for index, value in enumerate(found) if value is MISSING]
        made = run_each(step, shared, [items[index] for index in todo], jobs)
        for index, value in enumerate(found):
            if value is MISSING:
                value = next(made)
                self.used[keys[index]] = (keys[index], value)
            yield value

    def same(self, value: T) -> T:
        """Return the equal value seen before, if any: later comparisons are then by identity."""
        return self(same, value)

    def find(self, key: Key) -> Any:
        """Look a key up in this build's results, then in earlier ones; else MISSING."""
        entry = self.used.get(key)
        if entry is None:
            entry = self.earlier.pop(key, None)
            if entry is None:
                return MISSING
            self.used[entry[0]] = entry
        return entry[1]

    def forget_unused(self) -> None:
        """Keep only what the build that just succeeded asked for."""
        self.earlier, self.used = self.used, {}


class Fresh(Memo):
    """No memory: every step is done, as in a one-off build that keeps nothing."""

    def find(self, key: Key) -> Any:
        return MISSING

    def __call__(self, step: Callable[..., R], *args: Hashable) -> R:
        return step(*args)

    def each(
        self,
        step: Callable[[Any, Any], R],
        shared: Hashable,
        items: Sequence[Any],
        jobs: int,
        key: Callable[[Any], Hashable] | None = None,
    ) -> Iterator[R]:
        return run_each(step, shared, list(items), jobs)


class Key:
    """A step and its arguments, hashed once: a lookup asks for the hash up to three
    times (this build's results, earlier ones, keeping it), and a key's arguments may be
    large tuples, which Python does not remember the hash of."""

    __slots__ = ("step", "args", "hash")

    def __init__(self, step: Callable[..., Any], args: tuple[Hashable, ...]) -> None:
        self.step, self.args = step, args
        self.hash = hash((step, args))

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Key):
            return NotImplemented
        return self is other or (
            self.hash == other.hash and self.step == other.step and self.args == other.args
        )


def same(value: T) -> T:
    """Return the value itself (the step that Memo.same remembers)."""
    return value


MISSING: Any = object()
