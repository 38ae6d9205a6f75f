"""Conditions over labels: `aanbieder en niet (open-source of importeur)`.

A condition is read once, when its page is loaded, into a small tree of tuples:
("label", name), ("niet", part), ("en", left, right), ("of", left, right), or a count:
("minstens", number, names) or ("hoogstens", number, names), written
`minstens 2 van (a, b, c)`. `niet` binds closest, then `en`, then `of`; parentheses
group; a count is one part, like a label. A label is a word of letters, digits, '-', '_'
and '.', written as in the `labels:` of an answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

COUNTS = ("minstens", "hoogstens")
KEYWORDS = ("en", "of", "niet", *COUNTS, "van")
TOKEN = re.compile(r"\s*(?:(\()|(\))|(,)|([\w.-]+)|(\S))")
EXAMPLE = "minstens 2 van (a, b, c)"
LABEL = re.compile(r"[\w][\w.-]*")


class Unreadable(ValueError):
    """A condition that does not parse; the message says why, in Dutch."""


@dataclass(frozen=True)
class Condition:
    """A condition as written, and its tree."""

    text: str
    tree: tuple[Any, ...]

    def holds(self, labels: frozenset[str]) -> bool:
        """Tell whether the condition holds for these gathered labels."""
        return evaluate(self.tree, labels)

    @property
    def names(self) -> frozenset[str]:
        """Give the labels the condition tests."""
        return frozenset(names_in(self.tree))


def applies(when: Condition | None, labels: frozenset[str]) -> bool:
    """Tell whether a part with this condition (None: always, 'otherwise') applies."""
    return when is None or when.holds(labels)


def evaluate(tree: tuple[Any, ...], labels: frozenset[str]) -> bool:
    """Work out a condition's tree for a set of labels."""
    kind = tree[0]
    if kind == "label":
        return tree[1] in labels
    if kind in COUNTS:
        count = sum(1 for name in tree[2] if name in labels)
        return count >= tree[1] if kind == "minstens" else count <= tree[1]
    if kind == "niet":
        return not evaluate(tree[1], labels)
    if kind == "en":
        return evaluate(tree[1], labels) and evaluate(tree[2], labels)
    return evaluate(tree[1], labels) or evaluate(tree[2], labels)


def names_in(tree: tuple[Any, ...]) -> list[str]:
    """List the labels in a condition's tree, in the order written."""
    if tree[0] == "label":
        return [tree[1]]
    if tree[0] in COUNTS:
        return list(tree[2])
    return [name for part in tree[1:] for name in names_in(part)]


def is_label(name: str) -> bool:
    """Tell whether a text can be a label: one word, not en, of or niet."""
    return bool(LABEL.fullmatch(name)) and name not in KEYWORDS


MAX_LABELS = 100  # in one condition; more is no longer readable for an editor either
MAX_DEPTH = 20  # brackets within brackets


def parse(text: str) -> Condition:
    """Read a condition, or raise Unreadable saying what is wrong with it."""
    tokens = tokenize(text)
    if not tokens:
        raise Unreadable("de voorwaarde is leeg")
    words = sum(1 for kind, value in tokens if kind == "word" and value not in KEYWORDS)
    if words > MAX_LABELS:
        raise Unreadable(
            f"de voorwaarde noemt {words} labels, meer dan de {MAX_LABELS} die er in één mogen; "
            "verdeel haar over meer keuzes, of geef een groep antwoorden één label samen"
        )
    depth = deepest = 0
    for kind, _ in tokens:
        depth += {"(": 1, ")": -1}.get(kind, 0)
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        raise Unreadable(
            f"de voorwaarde heeft {deepest} haakjes binnen elkaar, meer dan de {MAX_DEPTH} die "
            "mogen; schrijf haar eenvoudiger"
        )
    reader = Reader(tokens)
    tree = reader.either()
    if reader.position < len(tokens):
        kind, value = tokens[reader.position]
        if kind == ")":
            raise Unreadable("er staat een ) zonder ( ervoor")
        raise Unreadable(
            f"na '{tokens[reader.position - 1][1]}' verwacht ik 'en' of 'of', niet '{value}'"
        )
    return Condition(text.strip(), tree)


def tokenize(text: str) -> list[tuple[str, str]]:
    """Split a condition into ('(' | ')' | ',' | 'word', text) tokens."""
    tokens = []
    for opening, closing, comma, word, other in TOKEN.findall(text):
        if other:
            quote = other in "\"'"
            hint = " (een label staat zonder aanhalingstekens)" if quote else ""
            raise Unreadable(f"het teken '{other}' kan niet in een voorwaarde{hint}")
        if opening or closing or comma:
            tokens.append((opening or closing or comma, opening or closing or comma))
        elif word:
            tokens.append(("word", word))
    return tokens


class Reader:
    """Read tokens by the rules: either := both (of both)*, both := one (en one)*."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.position = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def keyword(self, word: str) -> bool:
        if self.peek() == ("word", word):
            self.position += 1
            return True
        return False

    def either(self) -> tuple[Any, ...]:
        tree = self.both()
        while self.keyword("of"):
            tree = ("of", tree, self.both())
        return tree

    def both(self) -> tuple[Any, ...]:
        tree = self.one()
        while self.keyword("en"):
            tree = ("en", tree, self.one())
        return tree

    def one(self) -> tuple[Any, ...]:
        token = self.peek()
        before = self.tokens[self.position - 1][1] if self.position else ""
        if token is None:
            if before:
                raise Unreadable(f"na '{before}' ontbreekt een label")
            raise Unreadable("de voorwaarde is leeg")
        self.position += 1
        kind, value = token
        if kind == "(":
            tree = self.either()
            if self.peek() != (")", ")"):
                raise Unreadable("een ( wordt niet gesloten met een )")
            self.position += 1
            return tree
        if kind in (")", ","):
            where = f"na '{before}'" if before else "aan het begin"
            raise Unreadable(f"er staat een {kind} {where}, waar een label hoort")
        if value == "niet":
            return ("niet", self.one())
        if value in COUNTS:
            return self.count(value)
        if value in KEYWORDS:
            where = f"na '{before}'" if before else "aan het begin"
            raise Unreadable(f"'{value}' staat {where}, waar een label hoort")
        return ("label", value)

    def count(self, kind: str) -> tuple[Any, ...]:
        """Read a count after its first word: 'minstens 2 van (a, b, c)'."""
        number = self.peek()
        if number is None or number[0] != "word" or not number[1].isdigit():
            raise Unreadable(f"na '{kind}' verwacht ik een getal, zoals: {EXAMPLE}")
        self.position += 1
        if not self.keyword("van"):
            raise Unreadable(f"na '{kind} {number[1]}' verwacht ik 'van', zoals: {EXAMPLE}")
        if self.peek() != ("(", "("):
            raise Unreadable(f"na 'van' verwacht ik de labels tussen haakjes, zoals: {EXAMPLE}")
        self.position += 1
        names: list[str] = []
        while True:
            token = self.peek()
            if token is None or token[0] != "word" or token[1] in KEYWORDS:
                shown = f"'{token[1]}'" if token else "het einde"
                raise Unreadable(f"in de telling verwacht ik een label, niet {shown}")
            if token[1] in names:
                raise Unreadable(f"het label '{token[1]}' staat twee keer in de telling")
            names.append(token[1])
            self.position += 1
            token = self.peek()
            if token == (")", ")"):
                self.position += 1
                break
            if token != (",", ","):
                raise Unreadable(
                    f"na '{names[-1]}' verwacht ik een komma of een ), zoals: {EXAMPLE}"
                )
            self.position += 1
        return counted(kind, int(number[1]), tuple(names))


def counted(kind: str, number: int, names: tuple[str, ...]) -> tuple[Any, ...]:
    """Give a count's tree, or say why it always or never holds (then it says nothing)."""
    written = f"{kind} {number} van {len(names)} labels"
    if kind == "minstens" and number > len(names):
        raise Unreadable(f"{written} kan nooit gelden; noem meer labels of een kleiner getal")
    if (kind == "minstens" and number == 0) or (kind == "hoogstens" and number >= len(names)):
        raise Unreadable(
            f"{written} geldt altijd; laat de telling weg, of noem meer labels of een ander getal"
        )
    return (kind, number, names)


WORD = re.compile(r"[\w.-]+")


def in_words(text: str, words: Mapping[str, str]) -> str:
    """Say a condition with the labels' own words from site.yml, for readers: 'als niet
    hoog-risico-ai' becomes 'als niet hoog-risico AI'. A label without words stays."""
    if not words:
        return text
    return WORD.sub(lambda m: m[0] if m[0] in KEYWORDS else words.get(m[0], m[0]), text)
