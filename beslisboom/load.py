"""Read content/ into the model: site.yml (settings.py), then one node per Markdown file."""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from . import keys
from .conditions import Condition, is_label
from .memo import Memo
from .messages import say, suggest
from .model import (
    Branch,
    Lookup,
    Node,
    Option,
    Problem,
    Settings,
    Site,
    Title,
)
from .settings import parse_settings
from .sources import SITE_FILE, Source, Sources, decode, normalize_id, page_name
from .text import (
    check_body,
    read_condition,
    read_text,
    svg_activity,
)
from .yamlfile import Block, Fields


@dataclass(frozen=True, slots=True)
class Parsed:
    """What one file gave: the node as far as it could be made (None if it could not be
    read) and its problems."""

    draft: Node | None
    problems: tuple[Problem, ...]

    @property
    def node(self) -> Node | None:
        """Give the node if the file has no mistakes: only such a node is published; the
        draft of one with mistakes still has its files checked."""
        return None if any(p.is_error for p in self.problems) else self.draft


def load_site(sources: Sources, memo: Memo, jobs: int = 1) -> tuple[Site | None, list[Problem]]:
    """Turn the files as read into the site, with every problem found in them."""
    content = sources.project.content
    problems: list[Problem] = []
    settings = memo(parse_settings, sources.settings, content / SITE_FILE)
    problems += settings.problems
    nodes: dict[str, Node] = {}
    published: set[Path] = set()  # the files of those nodes
    drafts: list[Node] = []  # every node as far as it could be made: its files are checked
    for source, parsed in zip(
        sources.pages,
        memo.map(parse_page, content, sources.pages, jobs, key=attrgetter("fingerprint")),
        strict=True,
    ):
        problems += parsed.problems
        drafts += [parsed.draft] if parsed.draft else []
        node = parsed.node
        if node is None:
            continue
        if node.id in nodes:
            other = shown(nodes[node.id].path)
            problems.append(Problem(source.path, 1, say("dubbele-id", id=node.id, other=other)))
            continue
        nodes[node.id] = node
        published.add(source.path)
    if not sources.pages:
        problems.append(Problem(content, None, say("geen-paginas")))
    if settings.value is None:
        return None, problems
    missing = [s for s in sources.pages if s.data is None or s.path not in published]
    names = {*nodes, *(normalize_id(page_name(source.path)) for source in missing)}
    unreadable: Lookup[tuple[str, ...] | None] = Lookup(
        (page_id, guessed_targets(source, names))
        for source in missing
        if (page_id := normalize_id(page_name(source.path))) not in nodes
    )
    media = used_media(drafts, dict(sources.media), sources.others, settings.value, problems)
    site = Site(
        settings=settings.value,
        nodes=Lookup(nodes),
        settings_path=content / SITE_FILE,
        unreadable=unreadable,
        media=media,
        collection=sources.project.collection,
    )
    return site, problems


WORDS = re.compile(r"[^\w.~-]+")


def guessed_targets(source: Source, names: set[str]) -> tuple[str, ...] | None:
    """Guess the pages a file that could not be read leads to: the page names written in
    it, so that what only it leads to is not reported as out of reach because of its
    mistake. None: it names no page, so it might lead anywhere."""
    text = (source.data or b"").decode("utf-8", errors="replace")
    words = (word.removesuffix(".md") for word in WORDS.split(unicodedata.normalize("NFC", text)))
    found = tuple(dict.fromkeys(word for word in words if word in names))
    return found or None


def used_media(
    nodes: list[Node],
    media: dict[str, bytes],
    others: tuple[str, ...],
    settings: Settings,
    problems: list[Problem],
) -> Lookup[bytes]:
    """Gather the pictures and attachments the pages refer to; report missing, huge and
    unpublishable ones, and pictures that could run a script."""
    used = {}
    limit = settings.limits.attachment_mb
    for node in nodes:
        for ref, path, line in node.files:
            if path in others:
                kind = posixpath.splitext(path)[1] or "zonder extensie"
                problems.append(Problem(node.path, line, say("bestand-soort", ref=ref, kind=kind)))
            elif path not in media:
                folder = posixpath.dirname(path)  # suggest names as written beside the page
                nearby = [posixpath.relpath(m, folder or ".") for m in media]
                hint = suggest(ref, [n for n in nearby if not n.startswith("..")])
                problems.append(
                    Problem(node.path, line, say("bestand-ontbreekt", ref=ref, hint=hint))
                )
            elif len(media[path]) > limit * 2**20:
                message = say(
                    "bijlage-te-groot", ref=ref, size=len(media[path]) // 2**20, limit=limit
                )
                problems.append(Problem(node.path, line, message))
            elif path.lower().endswith(".svg") and (active := svg_activity(media[path])):
                problems.append(Problem(node.path, line, say("svg-actief", ref=ref, what=active)))
            else:
                used[path] = media[path]
    return Lookup(sorted(used.items()))


def split_front_matter(text: str) -> tuple[str, str] | str:
    """Split a page into front matter and body, or return what is wrong."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return say("geen-front-matter")
    for end in range(1, len(lines)):
        if lines[end].rstrip() == "---":
            return "\n".join(lines[1:end]), "\n".join(lines[end + 1 :])
    return say("front-matter-open")


def parse_page(content: Path, source: Source) -> Parsed:
    """Read one page on its own: the node, or None, and the problems found in it."""
    problems: list[Problem] = []
    node = read_node(source, content, problems)
    return Parsed(node, tuple(problems))


def read_node(source: Source, content: Path, problems: list[Problem]) -> Node | None:
    """Read one Markdown page with front matter into a node."""
    path = source.path
    text = decode(source, problems)
    if text is None:
        return None
    parts = split_front_matter(text)
    if isinstance(parts, str):
        problems.append(Problem(path, 1, parts))
        return None
    front, body = parts
    block = Block(path, 2, problems)  # the front matter starts on the file's second line
    fields = block.read(front, "de front matter", empty="front-matter-leeg")
    if fields is None:
        return None
    check_body(path, body, front.count("\n") + 4, problems)
    return make_node(path, content, block, fields, body, front.count("\n") + 4)


def make_node(
    path: Path, content: Path, block: Block, fields: Fields, body: str, body_line: int
) -> Node | None:
    """Check the front matter's keys and build the node from them."""
    fields.allow_only(keys.names(keys.PAGE))
    title, titles = read_title(block, fields)
    step = read_step(fields)
    next_id, branches = read_next(block, fields)
    next_label = fields.text("next_label") or ""
    multiple = fields.flag("multiple") is not False  # 'multiple: ja' was meant as true
    options = read_options(block, fields, multiple)
    if multiple:
        check_multiple(block, fields, options)
    elif "next" in fields.data and "options" in fields.data:
        block.error(
            fields.line_of("options"),
            say("next-en-options"),
        )
    text = read_text(path, content, body, body_line, block)
    if title is None:
        return None  # with mistakes, the node is left out (what it leads to is guessed
        # from its text: guessed_targets), but its files are still checked
    return Node(
        id=normalize_id(path.stem),
        title=title,
        path=path,
        body_html=text.html,
        below_html=text.below,
        step=step,
        next=normalize_id(next_id) if next_id else None,
        next_label=next_label,
        options=tuple(options),
        next_line=fields.line_of("next"),
        step_line=fields.line_of("step"),
        text_links=text.text_links,
        files=text.files,
        branches=branches,
        blocks=text.blocks,
        titles=titles,
        topic=fields.text("topic") or "",
        multiple=multiple,
        texts=Lookup((key.name, fields.text(key.name) or "") for key in keys.PAGE if key.text),
    )


def read_title(block: Block, fields: Fields) -> tuple[str | None, tuple[Title, ...]]:
    """Read a title: one text, or a list '- when: ...' / 'title: ...' ending in one
    without 'when', the title for every other situation (and the overview's)."""
    if not isinstance(fields.data.get("title"), list):
        return fields.text("title", required=True), ()
    found = read_conditional(block, fields, "title", "een kop onder 'title'", keys.TITLE)
    titles = tuple(Title(when, text, line) for when, text, line in found)
    if not titles or titles[-1].when is not None:
        # one cause, one message: a title without 'when' that is misspelt or not last has
        # had its own
        if not any(isinstance(item, dict) and "when" not in item for item in fields.data["title"]):
            block.error(fields.line_of("title"), say("titel-zonder-anders"))
        return None, ()
    return titles[-1].text, titles


def read_next(
    block: Block, fields: Fields, required: bool = False
) -> tuple[str | None, tuple[Branch, ...]]:
    """Read a next: one page's id, or a list of branches '- when: ...' / 'next: ...'."""
    if not isinstance(fields.data.get("next"), list):
        next_id = fields.text("next", required=required)
        return (normalize_id(next_id) if next_id else None), ()
    if not fields.items("next"):
        block.error(fields.line_of("next"), say("next-lijst-leeg"))
    found = read_conditional(block, fields, "next", "een keuze onder 'next'", keys.BRANCH)
    return None, tuple(Branch(when, normalize_id(target), line) for when, target, line in found)


def read_conditional(
    block: Block, fields: Fields, key: str, where: str, allowed: tuple[keys.Key, ...]
) -> list[tuple[Condition | None, str, int]]:
    """Read a list of '- when: condition' with 'key: value' (the first that holds wins):
    (condition, value, line) each, the last without 'when' meaning 'otherwise'."""
    found: list[tuple[Condition | None, str, int]] = []
    for data, node in fields.items(key) or []:
        line = block.line_of(node.start_mark)
        item = block.fields(data, node, where, line, example="when: label")
        if item is None:
            continue
        item.allow_only(keys.names(allowed))
        value = item.text(key, required=True)
        when = None
        if "when" in item.data:
            written = item.text("when", required=True)
            when = read_condition(block, item.line_of("when"), written) if written else None
            if when is None:
                continue
        if value:
            found.append((when, value, line))
    for earlier in found[:-1]:
        if earlier[0] is None:
            block.error(earlier[2], say("anders-niet-laatst"))
    return found


def read_step(fields: Fields) -> int | None:
    """Read the optional step number: a whole number from 1 up."""
    value = fields.data.get("step")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        fields.block.error(fields.line_of("step"), say("stap-geen-getal"))
        return None
    return value


def check_multiple(block: Block, fields: Fields, options: list[Option]) -> None:
    """Check a question with several answers: answers to choose from, a way on."""
    if all(option.none for option in options):  # nothing to choose from
        if "options" not in fields.data:
            block.error(fields.line_of("multiple"), say("meerkeuze-zonder-antwoorden"))
        elif options:  # (an empty list has its own message)
            block.error(fields.line_of("options"), say("meerkeuze-zonder-antwoorden"))
    if "next" not in fields.data:
        block.error(fields.line_of("multiple"), say("meerkeuze-zonder-next"))
    exclusive = [option for option in options if option.none]
    for extra in exclusive[1:]:
        block.error(extra.line, say("geen-van-deze-dubbel", label=extra.label))


def read_options(block: Block, fields: Fields, multiple: bool = False) -> list[Option]:
    """Read the answers of a question, each with a label and a next node; in a question
    with several answers (multiple), the question has the next and its answers none."""
    items = fields.items("options")
    if items is None:
        return []
    if not items:
        block.error(
            fields.line_of("options"),
            say("options-leeg"),
        )
    options = []
    for data, node in items:
        line = block.line_of(node.start_mark)
        option = block.fields(data, node, "een optie", line, example="label: Ja")
        if option is None:
            continue
        option.allow_only(keys.names(keys.OPTION))
        label = option.text("label", required=True)
        target: str | None = None
        branches: tuple[Branch, ...] = ()
        if multiple and "next" in option.data:
            block.error(option.line_of("next"), say("meerkeuze-antwoord-met-next"))
        else:
            target, branches = read_next(block, option, required=not multiple)
        hint = option.text("hint") or ""
        labels = read_labels(block, option)
        short = option.text("short") or ""
        none = option.flag("none") is not False
        if none and not multiple:
            block.error(option.line_of("none"), say("geen-van-deze-zonder-meerkeuze"))
        elif none and labels:
            block.error(option.line_of("labels"), say("geen-van-deze-met-labels", label=label))
        if label and (target or branches or multiple):
            options.append(
                Option(
                    label,
                    target or "",
                    hint,
                    line,
                    labels=labels,
                    branches=branches,
                    short=short,
                    none=none,
                )
            )
    seen: set[str] = set()
    for answer in options:
        if answer.label in seen:
            block.error(answer.line, say("dubbel-label", label=answer.label))
        seen.add(answer.label)
    return options


def read_labels(block: Block, option: Fields) -> tuple[str, ...]:
    """Read the labels an answer sets: 'labels: [aanbieder, ai-systeem]'."""
    value = option.data.get("labels")
    if isinstance(value, str):
        value = [value]  # 'labels: aanbieder' for one label
    elif value is not None:
        value = [data for data, _ in option.items("labels") or []]
    labels = []
    for name in value or []:
        name = normalize_id(name) if isinstance(name, str) else ""
        if not is_label(name):
            block.error(option.line_of("labels"), say("label-geen-woord", label=name))
        else:
            labels.append(name)
    return tuple(dict.fromkeys(labels))


def shown(path: Path) -> str:
    """Show a path as the editor typed it: relative to the working folder where possible."""
    try:  # not resolve(): a link is shown by its own name (and may even be a loop)
        return Path(os.path.abspath(path)).relative_to(os.getcwd()).as_posix()
    except ValueError:
        return path.as_posix()
