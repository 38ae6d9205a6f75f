"""YAML with line numbers: parse a block of a file and check its fields in Dutch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .messages import say, suggest
from .model import Problem

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# PyYAML's own messages are English; these are the ones editors meet most.
YAML_CODES = {
    "mapping values are not allowed": "yaml-dubbele-punt",
    "could not find expected ':'": "yaml-geen-dubbele-punt",
    "did not find expected ',' or ']'": "yaml-lijst-open",
    "did not find expected": "yaml-inspringing",
    "expected <block end>": "yaml-inspringing",
    "found unexpected end of stream": "yaml-aanhalingsteken",
    "found undefined alias": "yaml-sterretje",
}


def describe_yaml_error(error: yaml.YAMLError, text: str) -> str:
    """Say in Dutch what is wrong with a piece of YAML and how to fix it."""
    problem = getattr(error, "problem", None) or str(error)
    mark = getattr(error, "problem_mark", None)
    lines = text.split("\n")
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "tab character" in problem or ("cannot start any token" in problem and "\t" in line):
        return say("yaml-tab")
    if problem.startswith("mapping values are not allowed") and line.count(":") == 1:
        return say("yaml-inspringing")  # a key indented too far, not a colon inside a text
    for english, code in YAML_CODES.items():
        if problem.startswith(english):
            return say(code)
    if "indentation" in problem:
        return say("yaml-inspringing")
    return say("yaml-anders", detail=problem)


class Block:
    """A YAML mapping read from part of a file, with the file line of every key."""

    def __init__(self, path: Path, first_line: int, problems: list[Problem]) -> None:
        self.path = path
        self.first_line = first_line  # the file line of the block's first line
        self.problems = problems

    def parse(self, text: str) -> tuple[Any, yaml.Node | None]:
        """Parse the text; on a syntax error, report it at its line in the file."""
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            self.error(self.line_of(mark), describe_yaml_error(error, text))
            return None, None
        finally:
            loader.dispose()
        return data, node

    def line_of(self, mark: Any) -> int:
        """Turn a 0-based YAML mark of this block into a 1-based line of the file."""
        return self.first_line + (mark.line if mark is not None else 0)

    def error(self, line: int | None, message: str) -> None:
        """Record a mistake that stops the build."""
        self.problems.append(Problem(self.path, line, message))

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
            allowed = ", ".join(known)
            self.block.error(
                self.line_of(key),
                say("onbekende-sleutel", key=key, where=self.where, hint=hint, allowed=allowed),
            )

    def text(self, key: str, required: bool = False) -> str | None:
        """Return a text value, reporting a missing, empty or non-text value."""
        value = self.data.get(key)
        if value is None:
            if required:
                code = "waarde-leeg" if key in self.data else "sleutel-ontbreekt"
                self.block.error(self.line_of(key), say(code, key=key, where=self.where))
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
        return value.strip()

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
