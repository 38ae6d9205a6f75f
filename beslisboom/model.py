"""The decision tree as frozen data: what every later stage reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One content mistake, located in a file and (where known) a line."""

    path: Path
    line: int | None
    message: str
    severity: str = "fout"  # "fout" stops the build, "waarschuwing" only with --strict

    @property
    def is_error(self) -> bool:
        """Tell whether this problem stops the build."""
        return self.severity == "fout"

    def sort_key(self) -> tuple[str, int, str]:
        """Order problems by file, then line, then text."""
        return (str(self.path), self.line or 0, self.message)


@dataclass(frozen=True)
class Option:
    """One answer of a question: its label, where it leads, an optional hint."""

    label: str
    next: str
    hint: str = ""
    line: int = 0


@dataclass(frozen=True, eq=False)
class Node:
    """One node of the tree: a step, a question, an advice or an end.

    Compared and hashed by identity: the preview reuses the very node object of an
    unchanged file, and its renderer looks nodes up by the thousand.
    """

    id: str
    title: str
    path: Path
    body_html: str = ""
    step: int | None = None
    next: str | None = None
    next_label: str = ""
    options: tuple[Option, ...] = ()
    next_line: int = 0

    @cached_property
    def targets(self) -> tuple[str, ...]:
        """List the ids this node links to, in order, without repeats."""
        found = [self.next] if self.next else [o.next for o in self.options]
        return tuple(dict.fromkeys(found))

    @property
    def routes(self) -> tuple[tuple[str, str], ...]:
        """List (answer, target id): every option, or the next link as 'Volgende'."""
        if self.next:
            return ((self.next_label or "Volgende", self.next),)
        return tuple((option.label, option.next) for option in self.options)

    @property
    def is_question(self) -> bool:
        """Tell whether the reader chooses between options here."""
        return bool(self.options)

    @property
    def is_end(self) -> bool:
        """Tell whether the route stops here."""
        return not self.next and not self.options


@dataclass(frozen=True)
class Person:
    """A contact person on the end page."""

    name: str
    phone: str = ""


@dataclass(frozen=True)
class Contact:
    """The contact block of end pages, kept in site.yml."""

    heading: str = ""
    people: tuple[Person, ...] = ()
    email: str = ""


@dataclass(frozen=True)
class Site:
    """The settings of site.yml and every node, keyed by id in content order."""

    title: str
    start: str
    contact: Contact = Contact()
    nodes: dict[str, Node] = field(default_factory=dict)
    settings_path: Path = Path("site.yml")
    start_line: int = 1
    unreadable: frozenset[str] = frozenset()  # ids of page files that could not be read

    @cached_property
    def step_total(self) -> int:
        """Count the steps from the content, for "Stap n van N"."""
        return max((n.step for n in self.nodes.values() if n.step), default=0)
