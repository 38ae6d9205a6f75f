"""YAML with line numbers: parse a block of a file and check its fields in Dutch."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .messages import nearest, say, suggest
from .model import Problem

TIMESTAMP = "tag:yaml.org,2002:timestamp"


def without_dates(loader: Any) -> Any:
    """Keep a loader from reading 2026-11-28 as a date itself: an impossible one (2026-11-31)
    would end the reading with an error of Python's; a date is read where one is asked
    for (settings.read_date), with a Dutch message."""
    loader.yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != TIMESTAMP]
        for first, resolvers in loader.yaml_implicit_resolvers.items()
    }
    return loader


MAX_NODES = 200_000  # a tree of thousands of questions has far fewer; an alias bomb more


class TooLarge(yaml.YAMLError):
    """The file's aliases (*naam) would make it too large to read; carries the line."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def unfolded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """Count the values a node unfolds into, each shared node counted where it is used;
    a node that holds itself counts as too large."""
    if id(node) in sizes:
        return sizes[id(node)]
    sizes[id(node)] = MAX_NODES + 1  # while counting: a loop back here is too large
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    total = 1
    for child in children:
        total += unfolded_size(child, sizes)
        if total > MAX_NODES:
            break
    sizes[id(node)] = total
    return total


@without_dates
class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (in C where it is there), dates read as text."""


KEY = re.compile(r"(?P<key>[^\s'\"\[\]{}#&*!|>%@`,][^#]*?)\s*:(?:[ \t]+(?P<value>.*))?$")
RESERVED = ("@", "`", "%")  # YAML gives these a meaning of its own at the start of a value
CURLY = "“”„‘’‚"  # quotes as Word types them
# A space that is no space to YAML, as Word or a web page pastes it: before a key, or
# right after its colon.
SPACES = "\u00a0\u2007\u202f\u200b\ufeff"  # no-break, figure, narrow, zero-width, BOM
HARD_SPACE = re.compile(rf"^[ {SPACES}-]*[{SPACES}]|^[ -]*[\w-]+:[{SPACES}]")


def describe_yaml_error(text: str, mark_line: int) -> tuple[int, str]:
    """Find what makes a block of YAML invalid: the 0-based line and the Dutch message.

    PyYAML's own messages are English and differ between its C and Python loaders, so the
    block is looked at line by line here, the way an editor writes it. The loader's line
    is used only when no known mistake is found.
    """
    found = find_mistake(text.split("\n"))
    if found is not None:
        return found[0], say(found[1])
    return mark_line, say("yaml-anders")


def error_line(text: str) -> int:
    """Return the 0-based line of a YAML error as PyYAML's Python loader places it.

    The C loader may place the same error elsewhere; the Python loader is always there.
    """
    try:
        yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return mark.line if mark is not None else 0
    return 0


def find_mistake(lines: list[str]) -> tuple[int, str] | None:
    """Return the first line with a mistake editors make, and the message's code."""
    levels: list[int] = []  # the columns of the open mappings' keys, outermost first
    opened = True  # the previous key had no value: a deeper level may start
    for number, line in enumerate(lines):
        text = line.lstrip(" ")
        if not text.strip() or text.startswith("#"):
            continue
        if text[0] == "\t":
            return number, "yaml-tab"
        if HARD_SPACE.match(line):
            return number, "yaml-vaste-spatie"
        column = len(line) - len(text)
        while levels and column < levels[-1]:
            levels.pop()
        dashed = False
        while text == "-" or text.startswith("- "):
            dashed = True
            rest = text[1:].lstrip(" ")
            column += len(text) - len(rest)
            text = rest
        match = KEY.match(text)
        if match is None:
            code = value_mistake(text.rstrip())
            if code:
                return number, code
            if not dashed and not opened and levels and column <= levels[-1]:
                return number, "yaml-geen-dubbele-punt"
            if not dashed and column == 0:  # 'title Welkom': a text where a key belongs
                return number, "yaml-geen-dubbele-punt"
            continue
        if levels and column > levels[-1] and not opened and not dashed:
            return number, "yaml-inspringing"  # deeper than its neighbours, with no parent
        if levels and column < levels[-1] and not dashed:
            return number, "yaml-inspringing"
        if not levels or column > levels[-1]:
            levels.append(column)
        value = (match.group("value") or "").strip()
        code = value_mistake(value)
        if code:
            return number, code
        opened = value == "" or value.startswith("#")
    return None


def value_mistake(value: str) -> str | None:
    """Name the mistake in one value as written after 'key:', or None if it looks right."""
    if not value:
        return None
    first = value[0]
    if first in CURLY:
        return "yaml-krul"  # Word's quotes: no quotes to YAML, so ': ' inside breaks it
    if first in "\"'":
        if not closes(value, first):
            return "yaml-aanhalingsteken"
        if first == "'" and after_quote(value).strip():
            return "yaml-apostrof"  # 'Ik zeg 'ja'': the second ' ended the text
        return None
    if first == "[":
        return None if balanced(value) else "yaml-lijst-open"
    if first == "*":
        return "yaml-sterretje"
    if first in RESERVED or first == "{":
        return "yaml-teken-begin"
    plain = value.split(" #", 1)[0]
    if ": " in plain or plain.endswith(":"):
        return "yaml-dubbele-punt"
    return None


def after_quote(value: str) -> str:
    """Give what follows the closing single quote of a value, without a comment."""
    index = 1
    while index < len(value):
        if value[index] == "'":
            if value[index + 1 : index + 2] == "'":
                index += 2
                continue
            return value[index + 1 :].split(" #", 1)[0]
        index += 1
    return ""


def closes(value: str, quote: str) -> bool:
    """Tell whether a quoted value is closed on its own line."""
    index = 1
    while index < len(value):
        char = value[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and value[index + 1 : index + 2] == "'":
                index += 2  # '' is an apostrophe inside single quotes
                continue
            return True
        index += 1
    return False


def balanced(value: str) -> bool:
    """Tell whether the brackets of a [list] or {group} on one line are closed."""
    depth, quote = 0, ""
    for char in value:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
    return depth <= 0


class Block:
    """A YAML mapping read from part of a file, with the file line of every key."""

    def __init__(self, path: Path, first_line: int, problems: list[Problem]) -> None:
        self.path = path
        self.first_line = first_line  # the file line of the block's first line
        self.lines: list[str] = []
        self.problems = problems

    def parse(self, text: str) -> tuple[Any, yaml.Node | None]:
        """Parse the text; on a syntax error, report it at its line in the file."""
        self.lines = text.split("\n")
        for number, written in enumerate(self.lines):
            if HARD_SPACE.match(written) and not written.lstrip().startswith("#"):
                self.error(self.first_line + number, say("yaml-vaste-spatie"))
                return None, None  # YAML reads it, but as one text where keys were meant
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None and unfolded_size(node, {}) > MAX_NODES:
                self.error(self.first_line, say("yaml-te-groot"))
                return None, None
            data = loader.construct_document(node) if node is not None else None
        except yaml.YAMLError:
            line, message = describe_yaml_error(text, error_line(text))
            self.error(self.first_line + line, message)
            return None, None
        finally:
            loader.dispose()
        return data, node

    def read(self, text: str, where: str, empty: str) -> Fields | None:
        """Parse the text into its keys, reporting what is wrong; an empty text is the
        message with the code empty, at the file's first line."""
        before = len(self.problems)
        data, node = self.parse(text)
        if node is None:
            if len(self.problems) == before:
                self.error(1, say(empty))
            return None
        return self.fields(data, node, where, self.first_line)

    def line_of(self, mark: Any) -> int:
        """Turn a 0-based YAML mark of this block into a 1-based line of the file."""
        return self.first_line + (mark.line if mark is not None else 0)

    def error(self, line: int | None, message: str) -> None:
        """Record a mistake that stops the build."""
        self.problems.append(Problem(self.path, line, message))

    def warn(self, line: int | None, message: str) -> None:
        """Record something that looks wrong but does not stop the build."""
        self.problems.append(Problem(self.path, line, message, severity="waarschuwing"))

    def fields(
        self,
        data: Any,
        node: yaml.Node | None,
        where: str,
        line: int,
        example: str = "title: Tekst",
    ) -> Fields | None:
        """Wrap a mapping for checking, or report that it is not one."""
        if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
            self.error(line, say("geen-sleutels", where=where, example=example))
            return None
        return Fields(self, data, node, where)


class Fields:
    """One mapping of a Block: typed access to its keys, reporting what is wrong."""

    def __init__(self, block: Block, data: dict, node: yaml.MappingNode, where: str) -> None:
        self.block, self.data, self.where = block, data, where
        self.line = block.line_of(node.start_mark)
        self.key_lines: dict[Any, int] = {}
        self.value_nodes: dict[Any, yaml.Node] = {}
        self.meant: set[str] = set()  # keys an unknown key was taken for (allow_only)
        for key_node, value_node in node.value:
            key = key_node.value
            if key in self.key_lines:
                block.error(
                    block.line_of(key_node.start_mark),
                    say("dubbele-sleutel", key=key, where=where),
                )
            self.key_lines[key] = block.line_of(key_node.start_mark)
            self.value_nodes[key] = value_node

    def line_of(self, key: str) -> int:
        """Give the file line of a key, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)

    def allow_only(self, known: tuple[str, ...]) -> None:
        """Report every key that is not known, with the nearest known one."""
        for key in self.data:
            if key in known:
                continue
            hint = suggest(str(key), known)
            self.meant.add(nearest(str(key), known))
            allowed = ", ".join(known)
            self.block.error(
                self.line_of(key),
                say("onbekende-sleutel", key=key, where=self.where, hint=hint, allowed=allowed),
            )

    def text(self, key: str, required: bool = False) -> str | None:
        """Return a text value, reporting a missing, empty or non-text value."""
        value = self.data.get(key)
        if value is None:
            hidden = self.hidden_text(key)
            if hidden:  # 'title: #Welkom': YAML read a comment, or an anchor, not a text
                self.block.error(self.line_of(key), say("yaml-teken-leeg", key=key, text=hidden))
            elif required and key in self.data:
                self.block.error(self.line_of(key), say("waarde-leeg", key=key, where=self.where))
            elif required and key not in self.meant:  # not 'titel:', said to be meant as it
                self.block.error(
                    self.line_of(key), say("sleutel-ontbreekt", key=key, where=self.where)
                )
            return None
        if not isinstance(value, str):
            written = getattr(self.value_nodes[key], "value", value)
            if not isinstance(written, str):
                written = "..."
            self.block.error(
                self.line_of(key),
                say("geen-tekst", key=key, kind=kind(value), written=written),
            )
            return None
        if required and not value.strip():
            self.block.error(self.line_of(key), say("waarde-leeg", key=key, where=self.where))
            return None
        node = self.value_nodes[key]
        plain = not getattr(node, "style", None)  # None or '', by loader: not quoted
        if plain and value.rstrip()[-1:] in "\"'" + CURLY:
            self.block.warn(self.line_of(key), say("losse-aanhalingsteken", key=key, text=value))
        return value.strip()

    def flag(self, key: str) -> bool | None:
        """Return a true/false value (false when absent); report any other value, and
        give None for it."""
        value = self.data.get(key)
        if value is None or isinstance(value, bool):
            return bool(value)
        written = getattr(self.value_nodes[key], "value", value)
        shown = written if isinstance(written, str) else "..."
        self.block.error(self.line_of(key), say("geen-ja-nee", key=key, written=shown))
        return None

    def hidden_text(self, key: str) -> str:
        """Give the text written after 'key:' that YAML did not take as a value, if any."""
        if key not in self.data:
            return ""
        line = self.block.lines[self.line_of(key) - self.block.first_line]
        written = line.split(":", 1)[1].strip() if ":" in line else ""
        return written if written[:1] in ("#", "&", "!") else ""

    def items(self, key: str) -> list[tuple[Any, yaml.Node]] | None:
        """Return a list value with the YAML node of each item, or report it is no list."""
        value = self.data.get(key)
        node = self.value_nodes.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not isinstance(node, yaml.SequenceNode):
            self.block.error(
                self.line_of(key),
                say("geen-lijst", key=key),
            )
            return None
        return list(zip(value, node.value, strict=True))


def kind(value: Any) -> str:
    """Name a YAML value's type in Dutch words for a message."""
    if isinstance(value, bool):
        return "een ja/nee-waarde"
    if isinstance(value, (int, float)):
        return "een getal"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep sleutels"
    return "geen tekst"
