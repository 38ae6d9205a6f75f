"""Read site.yml: the tree's title, its start, its contact block, limits, labels and dates."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import keys
from .conditions import is_label
from .messages import say
from .model import (
    Contact,
    Limits,
    Lookup,
    Person,
    Problem,
    Settings,
)
from .sources import Source, decode, normalize_id
from .yamlfile import Block, Fields


@dataclass(frozen=True)
class ParsedSettings:
    """What site.yml gave: the settings (None if unusable) and its problems."""

    value: Settings | None
    problems: tuple[Problem, ...]


def parse_settings(source: Source | None, path: Path) -> ParsedSettings:
    """Read site.yml, or report that it is missing."""
    problems: list[Problem] = []
    if source is None:
        problems.append(Problem(path, None, say("site-ontbreekt")))
        return ParsedSettings(None, tuple(problems))
    text = decode(source, problems)
    value = read_settings(path, text, problems) if text is not None else None
    return ParsedSettings(value, tuple(problems))


def read_settings(path: Path, text: str, problems: list[Problem]) -> Settings | None:
    """Read site.yml: the tree's title, its start node and the contact block."""
    block = Block(path, 1, problems)
    fields = block.read(text, "site.yml", empty="site-leeg")
    if fields is None:
        return None
    fields.allow_only(keys.names(keys.SITE))
    title = fields.text("title", required=True)
    start = fields.text("start", required=True)
    contact = read_contact(block, fields)
    limits = read_limits(block, fields)
    words, groups = read_label_words(block, fields)
    owner = fields.text("owner") or ""
    updated = read_date(block, fields, "updated")
    accessibility = read_web_address(block, fields, "accessibility")
    version = read_version(fields)
    description = fields.text("description") or ""
    step_names = tuple(
        " ".join(str(name).split()) for name, _ in fields.items("steps") or [] if name
    )
    if title is None or start is None:
        return None
    return Settings(
        title,
        normalize_id(start),
        contact,
        fields.line_of("start"),
        limits,
        label_words=words,
        label_groups=groups,
        labels_line=fields.line_of("labels") if "labels" in fields.data else 0,
        owner=owner,
        updated=updated,
        accessibility=accessibility,
        version=version,
        description=description,
        step_names=step_names,
    )


def read_version(fields: Fields) -> str:
    """Read the version as written: 'version: 1.10' stays 1.10 (YAML would make it 1.1)."""
    if fields.data.get("version") is None:
        return ""
    node = fields.value_nodes["version"]
    if isinstance(node, yaml.ScalarNode):
        return " ".join(str(node.value).split())
    return fields.text("version") or ""  # a list or group: the message says what it is


def read_web_address(block: Block, fields: Fields, key: str) -> str:
    """Read the address of a page elsewhere (https://...), or report what it should be."""
    address = (fields.text(key) or "").strip()
    if address and not re.fullmatch(r"https?://[^\s\"'<>/]+(/[^\s\"'<>]*)?", address):
        block.error(fields.line_of(key), say("geen-webadres", key=key, value=address))
        return ""
    return address


MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


def read_date(block: Block, fields: Fields, key: str) -> str:
    """Read a date written as 2026-11-28; give it as readers read it: '28 november 2026'.

    The date comes from the file, never from the clock: the same content gives the same
    site.
    """
    value = fields.data.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        block.error(fields.line_of(key), say("geen-datum", key=key))
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def iso_date(said: str) -> str:
    """Give a date as read_date says it ('28 november 2026') as 2026-11-28 again."""
    if not said:
        return ""
    day, month, year = said.split()
    return f"{int(year):04d}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"


def section(block: Block, site: Fields, key: str, example: str) -> Fields | None:
    """Give a group of keys under one key of site.yml; None if absent or not a group."""
    if site.data.get(key) is None:
        return None
    return block.fields(
        site.data[key], site.value_nodes[key], f"'{key}'", site.line_of(key), example=example
    )


def read_label_words(block: Block, site: Fields) -> tuple[Lookup[str], Lookup[str]]:
    """Read the words a result shows for each label, 'labels:' in site.yml, and the group
    each is shown under, where the labels are grouped under headings:

        labels:
          Verantwoordelijkheid:
            aanbieder: aanbieder

    Give (label -> words, label -> heading of its group)."""
    fields = section(block, site, "labels", example="aanbieder: Je bent aanbieder")
    if fields is None:
        return Lookup(), Lookup()
    words: dict[str, str] = {}
    groups: dict[str, str] = {}
    for key in fields.data:
        if not isinstance(fields.data[key], dict):
            read_words(block, fields, key, words)
            continue
        heading = " ".join(str(key).split())
        group = section(block, fields, key, example="aanbieder: aanbieder")
        for inner in group.data if group is not None else ():
            if group is not None and read_words(block, group, inner, words):
                groups[str(inner)] = heading
    return Lookup(words.items()), Lookup(groups.items())


def read_words(block: Block, fields: Fields, key: Any, words: dict[str, str]) -> bool:
    """Read one label's words into words; tell whether it could be read."""
    name = str(key)
    if not is_label(name):
        block.error(fields.line_of(key), say("label-geen-woord", label=name))
        return False
    if name in words:  # in two groups
        block.error(fields.line_of(key), say("dubbele-sleutel", key=name, where="'labels'"))
        return False
    text = fields.text(key, required=True)
    if text:
        words[name] = text
    return bool(text)


def read_limits(block: Block, site: Fields) -> Limits:
    """Read the sizes above which the build warns, from site.yml's limits."""
    fields = section(block, site, "limits", example="page_kb: 1000")
    if fields is None:
        return Limits()
    fields.allow_only(keys.names(keys.LIMITS))
    found = {}
    for key in keys.names(keys.LIMITS):
        value = fields.data.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            block.error(fields.line_of(key), say("limiet-geen-getal", key=key))
            continue
        found[key] = value
    return Limits(**found, line=site.line_of("limits"))


def read_contact(block: Block, site: Fields) -> Contact:
    """Read the contact block of site.yml."""
    fields = section(block, site, "contact", example="email: adres@example.nl")
    if fields is None:
        return Contact()
    fields.allow_only(keys.names(keys.CONTACT))
    people = []
    for data, node in fields.items("people") or []:
        person = block.fields(
            data,
            node,
            "een persoon onder 'people'",
            block.line_of(node.start_mark),
            example="name: Naam",
        )
        if person is None:
            continue
        person.allow_only(keys.names(keys.PERSON))
        name = person.text("name", required=True)
        phone = person.text("phone") or ""
        if name:
            people.append(Person(name=name, phone=phone))
    return Contact(
        heading=fields.text("heading") or "", people=tuple(people), email=fields.text("email") or ""
    )
