"""The decision tree as frozen data with value equality: what every later stage reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from .conditions import Condition

V = TypeVar("V")


def hash_once(value: Any) -> int:
    """Hash a frozen dataclass by its compared fields, once: it is a memo key part.

    The class gives itself a field `hash_: int = HASH_SLOT` to keep the hash in.
    """
    found = value.hash_
    if not found:
        names = COMPARED.get(type(value))
        if names is None:
            names = COMPARED[type(value)] = tuple(f.name for f in fields(value) if f.compare)
        found = hash(tuple([getattr(value, name) for name in names])) or 1
        object.__setattr__(value, "hash_", found)  # frozen: our own cache, set once
    return found


def hash_slot() -> Any:
    """Declare the field a frozen memo key keeps its hash in (see hash_once)."""
    return field(default=0, init=False, repr=False, compare=False)


COMPARED: dict[type, tuple[str, ...]] = {}  # the compared fields of each class


NOTE = "let op"  # a Problem's severity for what the editor should know, never a failure


@dataclass(frozen=True)
class Problem:
    """One content mistake, located in a file and (where known) a line."""

    path: Path
    line: int | None
    message: str
    severity: str = "fout"  # "fout" stops the build, "waarschuwing" only with --strict,
    # "let op" never: what the build did and the editor should know (see write.py)

    @property
    def is_error(self) -> bool:
        """Tell whether this problem stops the build."""
        return self.severity == "fout"

    def sort_key(self) -> tuple[str, int, str]:
        """Order problems by file, then line, then text."""
        return (str(self.path), self.line or 0, self.message)


@dataclass(frozen=True, slots=True)
class Branch:
    """One way of a conditional next: go to next when the condition holds (None: otherwise)."""

    when: Condition | None
    next: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class Title:
    """One of a page's titles: shown when the condition holds (None: otherwise)."""

    when: Condition | None
    text: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class Option:
    """One answer of a question: its label, where it leads, an optional hint.

    Where it leads is next, or (next empty) the first of its branches whose condition
    holds for the labels gathered so far, this answer's own labels included.
    """

    label: str
    next: str
    hint: str = ""
    line: int = 0
    labels: tuple[str, ...] = ()  # labels this answer sets
    branches: tuple[Branch, ...] = ()
    short: str = ""  # a short name for this answer on the result page ('raadplegen')
    none: bool = False  # in a question with several answers: the one that excludes the rest

    @property
    def targets(self) -> tuple[str, ...]:
        """List the ids this answer may lead to."""
        return (self.next,) if self.next else tuple(b.next for b in self.branches)


@dataclass(frozen=True, slots=True)
class Choice:
    """A page of a question with several answers, as published: without a script it asks
    about one answer at a time, Ja or Nee (see choices.py); the first page also carries
    every answer, which the script shows as checkboxes."""

    question: str  # the id of the question as written
    position: int  # which answer this page asks about, from 1
    count: int  # how many answers the question has, its exclusive one not counted
    label: str  # the answer this page asks about
    hint: str = ""
    items: tuple[tuple[str, str], ...] = ()  # on the first page: every answer, (label, hint)
    none: str = ""  # on the first page: the exclusive answer's label, if the question has one


@dataclass(frozen=True, slots=True)
class Block:
    """A part of a page's text, shown only when its condition holds (None: always)."""

    when: Condition | None
    html: str
    line: int = 0


@dataclass(frozen=True, slots=True)  # thousands live in the preview's memory
class Node:
    """One node of the tree: a step, a question, an advice or an end."""

    id: str
    title: str
    path: Path
    body_html: str = ""
    below_html: str = ""  # the text shown after the answers ('::: onder de antwoorden')
    step: int | None = None
    next: str | None = None
    next_label: str = ""
    options: tuple[Option, ...] = ()
    next_line: int = 0
    step_line: int = 0
    text_links: tuple[tuple[str, int], ...] = ()  # [stap 3](3-rol.md) in the text: id, line
    files: tuple[tuple[str, str, int], ...] = ()  # pictures, attachments: as written, path, line
    branches: tuple[Branch, ...] = ()  # a conditional next (then next is None)
    blocks: tuple[Block, ...] = ()  # the text in parts, if some are shown only when...
    # a title per situation, if it has one ('title:' as a list); title is the otherwise one
    titles: tuple[Title, ...] = ()
    # on a result: the words of the labels that led here, with the heading of their group
    labels_shown: tuple[tuple[str, str], ...] = ()
    topic: str = ""  # what this question decides, named on the result page ('Rol')
    multiple: bool = False  # a question whose reader may choose several answers
    choice: Choice | None = None  # a page of such a question, as published (see choices.py)
    # the optional texts of keys marked text=True in keys.PAGE, by name ('' if not given)
    texts: Lookup[str] = field(default_factory=lambda: Lookup())
    hash_: int = hash_slot()
    outline_: Node | None = field(default=None, init=False, repr=False, compare=False)
    targets_: tuple[str, ...] | None = field(default=None, init=False, repr=False, compare=False)

    __hash__ = hash_once

    @property
    def outline(self) -> Node:
        """Give this node without its text, only whether it has one (see graph.outline);
        worked out once: a node from an unchanged file keeps it, the same object every build."""
        if self.outline_ is None:
            found = self
            if self.body_html or self.blocks or self.below_html:
                blocks = tuple(replace(block, html="") for block in self.blocks)
                found = replace(
                    self,
                    body_html=TEXT if self.body_html else "",
                    below_html=TEXT if self.below_html else "",
                    blocks=blocks,
                )
            object.__setattr__(self, "outline_", found)  # frozen: our own cache, set once
        return self.outline_  # type: ignore[return-value]

    @property
    def targets(self) -> tuple[str, ...]:
        """List the ids this node links to, in order, without repeats (worked out once)."""
        if self.targets_ is None:
            if self.next:
                found = [self.next]
            elif self.branches:
                found = [branch.next for branch in self.branches]
            else:
                found = [target for option in self.options for target in option.targets]
            object.__setattr__(self, "targets_", tuple(dict.fromkeys(found)))
        return self.targets_  # type: ignore[return-value]

    @property
    def routes(self) -> tuple[tuple[str, str, str], ...]:
        """List (answer, target id, condition): every option, or the next link as
        'Volgende'; a conditional next gives one route per branch ('' where it is none)."""
        label = self.next_label or ("Verder" if self.multiple else "Volgende")
        if self.next:
            return ((label, self.next, ""),)
        if self.branches:
            return tuple((label, b.next, when_text(b)) for b in self.branches)
        return tuple(
            (option.label, target, when)
            for option in self.options
            for target, when in (
                [(option.next, "")]
                if option.next
                else [(b.next, when_text(b)) for b in option.branches]
            )
        )

    @property
    def uses_labels(self) -> bool:
        """Tell whether this node sets, tests or shows labels: the tree must be unfolded."""
        return bool(self.branches or self.blocks or self.titles or self.multiple) or any(
            option.labels or option.branches for option in self.options
        )

    @property
    def is_question(self) -> bool:
        """Tell whether the reader chooses between options here."""
        return bool(self.options)

    @property
    def is_real_question(self) -> bool:
        """Tell whether the reader answers a question here, for 'Jouw antwoorden': a choice
        of two or more answers under a question (its title ends in '?') or a topic. A
        choice on an advice page ('Kies een andere rol') is a way on, not an answer."""
        asks = self.title.rstrip().endswith("?") or bool(self.topic)
        return len(self.options) >= 2 and asks

    @property
    def is_end(self) -> bool:
        """Tell whether the route stops here."""
        return not self.next and not self.options and not self.branches


TEXT = "…"  # an outlined node's body, where it has one


def when_text(branch: Branch) -> str:
    """Say a branch's condition for the overview: 'als ...', or 'anders'."""
    return f"als {branch.when.text}" if branch.when else "anders"


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
class Limits:
    """Sizes above which the build warns (site.yml, limits:)."""

    page_kb: int = 1000  # a page of the site, for readers on a slow connection
    single_mb: int = 10  # the single file: mail systems refuse attachments from 10 to 25 MB
    attachment_mb: int = 5  # a picture or attachment carried inside the single file
    extra_pages: int = 1000  # pages the labels add to one page per node (see unfold.py)
    line: int = 1  # where site.yml sets them


@dataclass(frozen=True)
class Settings:
    """What site.yml says: the tree's title, its first node and the contact block."""

    title: str
    start: str
    contact: Contact = Contact()
    start_line: int = 1
    limits: Limits = Limits()
    label_words: Lookup[str] = field(default_factory=lambda: Lookup())  # shown on results
    label_groups: Lookup[str] = field(default_factory=lambda: Lookup())  # label -> heading
    labels_line: int = 0
    owner: str = ""  # who keeps the tree, for the footer
    updated: str = ""  # when it was last changed, as readers read it: '28 november 2026'
    accessibility: str = ""  # the address of the accessibility statement, for the footer
    version: str = ""  # the editor's name for this version ('1.4'), for the footer
    description: str = ""  # what the tree is for, on the start page of a site of several
    step_names: tuple[str, ...] = ()  # the name of each step, in order ('steps:')


@dataclass(frozen=True)
class Site:
    """The settings of site.yml and every node, keyed by id in content order."""

    settings: Settings
    nodes: Lookup[Node]
    settings_path: Path = Path("site.yml")
    # ids of page files that could not be read, each with the pages it seems to lead to
    # (None: it names none, so it might lead anywhere)
    unreadable: Lookup[tuple[str, ...] | None] = field(default_factory=lambda: Lookup())
    media: Lookup[bytes] = field(default_factory=lambda: Lookup())  # pictures, attachments
    collection: bool = False  # one tree of a site of several: links to the others allowed

    @property
    def title(self) -> str:
        return self.settings.title

    @property
    def start(self) -> str:
        return self.settings.start

    @property
    def contact(self) -> Contact:
        return self.settings.contact

    @cached_property
    def depths(self) -> Mapping[str, int]:
        """Every reachable node's distance in clicks from the start, once for this site
        (graph.depths asks here: a build asks it some ten times)."""
        from .graph import breadth_first

        return MappingProxyType(breadth_first(self))

    @cached_property
    def sources(self) -> Mapping[str, list[str]]:
        """The nodes that link to each node, once for this site (graph.sources_of)."""
        from .graph import linked_from

        return MappingProxyType(linked_from(self))

    @cached_property
    def step_total(self) -> int:
        """Count the steps from the content, for "Stap n van N"."""
        return max((n.step for n in self.nodes.values() if n.step), default=0)


class Lookup(Mapping[str, V]):
    """A mapping that cannot change, compared and hashed by value: usable in a memo key."""

    __slots__ = ("items_", "index", "hash")
    SMALL = 8  # up to this many pairs, a search through them is as quick as a dict

    def __init__(self, pairs: Any = ()) -> None:
        self.items_ = tuple(pairs.items() if isinstance(pairs, Mapping) else pairs)
        # Thousands of small Lookups (a page's neighbours) live in the preview's memory.
        self.index = dict(self.items_) if len(self.items_) > self.SMALL else None
        self.hash: int | None = None  # worked out when first asked: not every Lookup is a key

    def __getitem__(self, key: str) -> V:
        if self.index is not None:
            return self.index[key]
        for name, value in self.items_:
            if name == key:
                return value
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self.items_)

    def __len__(self) -> int:
        return len(self.items_)

    def __contains__(self, key: object) -> bool:
        if self.index is not None:
            return key in self.index
        return any(name == key for name, _ in self.items_)

    def __hash__(self) -> int:
        if self.hash is None:
            self.hash = hash(self.items_)
        return self.hash

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Lookup):
            return NotImplemented
        return self is other or self.items_ == other.items_

    def __repr__(self) -> str:
        return f"Lookup({dict(self.items_)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Lookup, (self.items_,))
