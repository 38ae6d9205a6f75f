"""Read content/ into the model: site.yml, then one node per Markdown file."""

from __future__ import annotations

import datetime
import os
import posixpath
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

from .conditions import Unreadable, is_label, parse
from .mdext import Converter, Reading, Tag
from .memo import Memo
from .messages import say, suggest
from .model import (
    Block as TextBlock,
)
from .model import (
    Branch,
    Contact,
    Limits,
    Lookup,
    Node,
    Option,
    Person,
    Problem,
    Settings,
    Site,
)
from .sources import SITE_FILE, Source, Sources, page_name
from .yamlfile import Block, Fields

SITE_KEYS = ("title", "start", "contact", "limits", "labels", "owner", "updated")
LIMIT_KEYS = ("page_kb", "single_mb", "attachment_mb", "extra_pages")
CONTACT_KEYS = ("heading", "people", "email")
PERSON_KEYS = ("name", "phone")
NODE_KEYS = ("title", "step", "next", "next_label", "options", "topic")
OPTION_KEYS = ("label", "next", "hint", "labels", "short")
BRANCH_KEYS = ("when", "next")

CONVERTER = Converter()  # one for every page (see mdext.Converter)


@dataclass(frozen=True)
class Parsed:
    """What one file gave: the node (None if it could not be read, or has mistakes) and its
    problems; draft: the node as far as it could be made, for the checks of its files."""

    node: Node | None
    problems: tuple[Problem, ...]
    draft: Node | None = None


def load_site(sources: Sources, memo: Memo, jobs: int = 1) -> tuple[Site | None, list[Problem]]:
    """Turn the files as read into the site, with every problem found in them."""
    content = sources.project.content
    problems: list[Problem] = []
    settings = memo(parse_settings, sources.settings, content / SITE_FILE)
    problems += settings.problems
    nodes: dict[str, Node] = {}
    drafts: list[Node] = []  # every node as far as it could be made: its files are checked
    for source, parsed in zip(
        sources.pages,
        memo.map(parse_page, content, sources.pages, jobs, key=Source.fingerprint),
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
    if not sources.pages:
        problems.append(Problem(content, None, say("geen-paginas")))
    if settings.value is None:
        return None, problems
    names = {normalize_id(page_name(source.path)) for source in sources.pages}
    unreadable: Lookup[tuple[str, ...] | None] = Lookup(
        (page_id, guessed_targets(source, names))
        for source in sources.pages
        if (page_id := normalize_id(page_name(source.path))) not in nodes
    )
    media = used_media(drafts, dict(sources.media), sources.others, settings.value, problems)
    site = Site(
        settings=settings.value,
        nodes=Lookup(nodes),
        settings_path=content / SITE_FILE,
        unreadable=unreadable,
        media=media,
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


SVG_ACTIVE = {
    "script": "een script",
    "foreignobject": "HTML (foreignObject)",
    "iframe": "een frame",
    "embed": "een ingesloten object",
    "object": "een ingesloten object",
    "handler": "een script",
    "listener": "een script",
}


def svg_activity(data: bytes) -> str:
    """Say what in an SVG picture could run or load something ('' if nothing): scripts,
    event attributes (onclick), links with a scheme, DOCTYPE declarations."""
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return "een DOCTYPE of ENTITY"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return "tekst die geen geldige SVG is"
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1].lower()
        if tag in SVG_ACTIVE:
            return SVG_ACTIVE[tag]
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                return f"het attribuut {name}"
            if name in ("href", "src") and (scheme_of(value) or value.startswith("/")):
                return f"een link naar {value}"
            if "url(" in value.replace(" ", "").lower() and "url(#" not in value.replace(" ", ""):
                return f"een verwijzing naar buiten in {name}"
    return ""


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


def decode(source: Source, problems: list[Problem]) -> str | None:
    """Read a file's bytes as UTF-8 (with or without BOM, any line ending), or say why not."""
    path, raw = source.path, source.data
    if raw is None:
        problems.append(Problem(path, None, source.error, source.severity))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                path,
                line,
                say("geen-utf8"),
            )
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_settings(path: Path, text: str, problems: list[Problem]) -> Settings | None:
    """Read site.yml: the tree's title, its start node and the contact block."""
    block = Block(path, 1, problems)
    before = len(problems)
    data, node = block.parse(text)
    if node is None:
        if len(problems) == before:
            block.error(1, say("site-leeg"))
        return None
    fields = block.fields(data, node, "site.yml", 1)
    if fields is None:
        return None
    fields.allow_only(SITE_KEYS)
    title = fields.text("title", required=True)
    start = fields.text("start", required=True)
    contact = read_contact(block, fields)
    limits = read_limits(block, fields)
    words = read_label_words(block, fields)
    owner = fields.text("owner") or ""
    updated = read_date(block, fields, "updated")
    if title is None or start is None:
        return None
    return Settings(
        title,
        normalize_id(start),
        contact,
        fields.line_of("start"),
        limits,
        label_words=words,
        labels_line=fields.line_of("labels") if "labels" in fields.data else 0,
        owner=owner,
        updated=updated,
    )


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


def section(block: Block, site: Fields, key: str, example: str) -> Fields | None:
    """Give a group of keys under one key of site.yml; None if absent or not a group."""
    if site.data.get(key) is None:
        return None
    return block.fields(
        site.data[key], site.value_nodes[key], f"'{key}'", site.line_of(key), example=example
    )


def read_label_words(block: Block, site: Fields) -> Lookup[str]:
    """Read the words a result shows for each label: 'labels:' in site.yml."""
    fields = section(block, site, "labels", example="aanbieder: Je bent aanbieder")
    if fields is None:
        return Lookup()
    words = []
    for key in fields.data:
        name = str(key)
        if not is_label(name):
            block.error(fields.line_of(key), say("label-geen-woord", label=name))
            continue
        text = fields.text(key, required=True)
        if text:
            words.append((name, text))
    return Lookup(words)


def read_limits(block: Block, site: Fields) -> Limits:
    """Read the sizes above which the build warns, from site.yml's limits."""
    fields = section(block, site, "limits", example="page_kb: 1000")
    if fields is None:
        return Limits()
    fields.allow_only(LIMIT_KEYS)
    found = {}
    for key in LIMIT_KEYS:
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
    fields.allow_only(CONTACT_KEYS)
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
        person.allow_only(PERSON_KEYS)
        name = person.text("name", required=True)
        phone = person.text("phone") or ""
        if name:
            people.append(Person(name=name, phone=phone))
    return Contact(
        heading=fields.text("heading") or "", people=tuple(people), email=fields.text("email") or ""
    )


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
    if errors(problems):
        return Parsed(None, tuple(problems), node)
    return Parsed(node, tuple(problems), node)


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
    before = len(problems)
    data, node = block.parse(front)
    if node is None:
        if len(problems) == before:
            block.error(1, say("front-matter-leeg"))
        return None
    fields = block.fields(data, node, "de front matter", 2)
    if fields is None:
        return None
    check_body(path, body, front.count("\n") + 4, problems)
    return make_node(path, content, block, fields, body, front.count("\n") + 4)


def check_body(path: Path, body: str, first_line: int, problems: list[Problem]) -> bool:
    """Check the lines of the text below the front matter; tell whether it has no errors.

    Refused: a heading that would be a second page title. Warned about: a line that looks
    like a key but is text, below the '---'. What the text links to, shows and holds is
    checked from Markdown's own reading of it (inspect_text).
    """
    before = errors(problems)
    lines = body.split("\n")
    for number, line in prose_lines(lines):
        at = first_line + number
        first = line.lstrip()[:1]
        underlined = first == "=" and number and SETEXT.match(line) and lines[number - 1].strip()
        if (first == "#" and TITLE_HEADING.match(line)) or underlined:
            problems.append(Problem(path, at - (1 if underlined else 0), say("kop-in-tekst")))
        key = KEY_LINE.match(line) if ":" in line else None
        if key:
            message = say("sleutel-in-tekst", key=key.group(1))
            problems.append(Problem(path, at, message, severity="waarschuwing"))
    return errors(problems) == before


def prose_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Give the index and text of each line outside fenced code (``` or ~~~)."""
    fenced = False
    for number, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced:
            yield number, line


# The HTML an editor may write in a page's text: inline words and tables. Everything else
# either does nothing on the site (its content security policy blocks scripts, styles and
# frames), can run code from an attachment, or belongs in the templates.
ALLOWED_TAGS = frozenset(
    "abbr b br code dd dl dt em i kbd mark s small span strong sub sup u "
    "table caption thead tbody tfoot tr th td".split()
)
ALLOWED_ATTRIBUTES = frozenset("title lang dir colspan rowspan scope".split())
REDIRECTS = ("meta", "base")  # tags that send the reader elsewhere by themselves
LINK_SCHEMES = ("http", "https", "mailto", "tel")
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
IGNORED_IN_URL = re.compile(r"[\x00-\x20]")  # browsers drop these before they read a scheme


def scheme_of(url: str) -> str:
    """Give a link's scheme as a browser reads it ('javascript', 'data'), or ''."""
    found = SCHEME.match(IGNORED_IN_URL.sub("", unescape(url)))
    return found.group(1).lower() if found else ""


class Locator:
    """Find the line of something Markdown read, in the text as written: the first place
    not yet given for the same piece (Markdown itself does not keep lines)."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text, self.first_line = text, first_line
        self.after: dict[str, int] = {}

    def line(self, *pieces: str) -> int:
        """Give the line of the first of these pieces found in the text."""
        for piece in pieces:
            if not piece:
                continue
            start = self.text.find(piece, self.after.get(piece, 0))
            if start < 0:
                start = self.text.find(piece)
            if start >= 0:
                self.after[piece] = start + 1
                return self.first_line + self.text.count("\n", 0, start)
        return self.first_line


def inspect_text(
    path: Path, content: Path, body: str, first_line: int, parsed: Reading, block: Block
) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, str, int], ...]]:
    """Check what a text holds, as Markdown read it: raw HTML, links and pictures. Give the
    pages it links to (id, line) and the files it uses (as written, path in content/, line)."""
    where = Locator(body, first_line)
    found: dict[tuple[int, str], None] = {}
    for tag in parsed.tags:
        message = html_mistake(tag)
        if message:
            found[(where.line(tag.chunk) + tag.line, message)] = None
    folder = content_folder(path, content)
    pages, files = [], []
    for href in parsed.links:
        line = where.line(href, f"]({href}")
        ref = href.split("#", 1)[0].split("?", 1)[0]
        scheme = scheme_of(href)
        if scheme and scheme not in LINK_SCHEMES:
            shown_href = " ".join(href.split())
            found[(line, say("link-schema", href=shown_href, scheme=scheme))] = None
        elif scheme or not ref or ref.startswith("/"):
            continue  # a web address, an anchor on this page, a path from the server's root
        elif ref.lower().endswith(".md"):
            pages.append((normalize_id(PurePosixPath(unquote(ref)).stem), line))
        elif ref.lower().endswith((".html", ".htm")):
            name = PurePosixPath(ref).stem
            found[(line, say("link-naar-html", ref=ref, name=f"{name}.md"))] = None
        else:
            files.append((ref, posixpath.normpath(posixpath.join(folder, unquote(ref))), line))
    for src, alt in parsed.pictures:
        line = where.line(src, alt)
        if scheme_of(src) or src.startswith("/"):
            found[(line, say("afbeelding-adres", ref=src))] = None
            continue
        if not alt.strip():
            found[(line, say("afbeelding-zonder-alt", ref=src))] = None
        files.append((src, posixpath.normpath(posixpath.join(folder, unquote(src))), line))
    for line, message in found:
        block.error(line, message)
    return tuple(pages), tuple(files)


def html_mistake(tag: Tag) -> str:
    """Say what is wrong with one tag of raw HTML in a text, or ''."""
    if tag.name in REDIRECTS:
        return say("html-wegsturen", tag=f"<{tag.name}>")
    if tag.name not in ALLOWED_TAGS:
        return say("html-niet-toegestaan", tag=f"<{tag.name}>")
    for name, _value in tag.attributes:
        if name not in ALLOWED_ATTRIBUTES:
            return say("html-attribuut", attribute=name, tag=f"<{tag.name}>")
    return ""


TITLE_HEADING = re.compile(r" {0,3}#(\s|$)")  # '# Kop': a second <h1> on the page
SETEXT = re.compile(r" {0,3}=+\s*$")  # a line of '=' under text: the same
KEY_LINE = re.compile(rf"({'|'.join(NODE_KEYS)})\s*:(\s|$)")


def make_node(
    path: Path, content: Path, block: Block, fields: Fields, body: str, body_line: int
) -> Node | None:
    """Check the front matter's keys and build the node from them."""
    fields.allow_only(NODE_KEYS)
    title = fields.text("title", required=True)
    step = read_step(fields)
    next_id, branches = read_next(block, fields)
    next_label = fields.text("next_label") or ""
    options = read_options(block, fields)
    if "next" in fields.data and "options" in fields.data:
        block.error(
            fields.line_of("options"),
            say("next-en-options"),
        )
    blocks = read_blocks(path, body, body_line, block)
    parsed = CONVERTER.convert(body)
    text_links, files = inspect_text(path, content, body, body_line, parsed, block)
    if title is None:
        return None  # with mistakes, the node is left out (what it leads to is guessed
        # from its text: guessed_targets), but its files are still checked
    return Node(
        id=normalize_id(path.stem),
        title=title,
        path=path,
        body_html=blocks_html(blocks) if blocks else parsed.html,
        step=step,
        next=normalize_id(next_id) if next_id else None,
        next_label=next_label,
        options=tuple(options),
        next_line=fields.line_of("next"),
        step_line=fields.line_of("step"),
        text_links=text_links,
        files=files,
        branches=branches,
        blocks=blocks,
        topic=fields.text("topic") or "",
    )


def read_next(
    block: Block, fields: Fields, required: bool = False
) -> tuple[str | None, tuple[Branch, ...]]:
    """Read a next: one page's id, or a list of branches '- when: ...' / 'next: ...'."""
    value = fields.data.get("next")
    if not isinstance(value, list):
        next_id = fields.text("next", required=required)
        return (normalize_id(next_id) if next_id else None), ()
    branches = []
    items = fields.items("next") or []
    if not items:
        block.error(fields.line_of("next"), say("next-lijst-leeg"))
    for data, node in items:
        line = block.line_of(node.start_mark)
        branch = block.fields(data, node, "een keuze onder 'next'", line, example="when: label")
        if branch is None:
            continue
        branch.allow_only(BRANCH_KEYS)
        target = branch.text("next", required=True)
        when = None
        if "when" in branch.data:
            written = branch.text("when", required=True)
            when = read_condition(block, branch.line_of("when"), written) if written else None
            if when is None:
                continue
        if target:
            branches.append(Branch(when, normalize_id(target), line))
    for earlier in branches[:-1]:
        if earlier.when is None:
            block.error(earlier.line, say("anders-niet-laatst"))
    return None, tuple(branches)


def read_condition(block: Block, line: int, written: str) -> Any:
    """Read a condition over labels; report at its line what makes it unreadable."""
    try:
        return parse(written)
    except Unreadable as reason:
        shown = written if len(written) <= 80 else written[:77] + "..."
        block.error(line, say("voorwaarde-onleesbaar", when=shown, reason=reason))
        return None


BLOCK_OPEN = re.compile(r":::\s*als\b\s*(.*?)\s*$")
BLOCK_CLOSE = re.compile(r":::\s*$")


def read_blocks(path: Path, body: str, first_line: int, block: Block) -> tuple[TextBlock, ...]:
    """Split a text into parts, '::: als voorwaarde' up to ':::' shown only when it holds.

    A text without such parts gives (): the page is its whole text.
    """
    lines = body.split("\n")
    if not any(line.lstrip().startswith(":::") for line in lines):
        return ()
    parts: list[tuple[Any, list[str], int]] = [(None, [], first_line)]
    opened = 0
    code = dict(prose_lines(lines))  # lines outside fenced code: the others are text
    for number, line in enumerate(lines):
        at = first_line + number
        stripped = line.strip()
        if number not in code or not stripped.startswith(":::"):
            parts[-1][1].append(line)
            continue
        opening = BLOCK_OPEN.fullmatch(stripped)
        if opening:
            if opened:
                block.error(at, say("blok-in-blok", line=opened))
                continue
            when = read_condition(block, at, opening.group(1)) if opening.group(1) else None
            if not opening.group(1):
                block.error(
                    at, say("voorwaarde-onleesbaar", when="", reason="de voorwaarde is leeg")
                )
            parts.append((when, [], at))
            opened = at
        elif BLOCK_CLOSE.fullmatch(stripped) and opened:
            parts.append((None, [], at))
            opened = 0
        else:
            block.error(at, say("blok-regel-onbekend", text=stripped))
    if opened:
        block.error(opened, say("blok-niet-gesloten"))
    return tuple(
        TextBlock(when, to_html("\n".join(text)), line)
        for when, text, line in parts
        if any(part.strip() for part in text)
    )


def blocks_html(blocks: tuple[TextBlock, ...]) -> str:
    """Write the whole text of a page with parts, each conditional part marked, for the
    overview: it shows the page as written."""
    html = []
    for part in blocks:
        if part.when is None:
            html.append(part.html)
        else:
            note = f'<p class="when">Alleen als: <code>{escape(part.when.text)}</code></p>'
            html.append(f'<div class="block">\n{note}\n{part.html}\n</div>')
    return "\n".join(html)


def content_folder(path: Path, content: Path) -> str:
    """Give the folder of a page within content/, as links in its text start from it."""
    try:
        return path.parent.relative_to(content).as_posix().removeprefix(".")
    except ValueError:
        return ""


def errors(problems: list[Problem]) -> int:
    """Count the problems that stop the build."""
    return sum(1 for problem in problems if problem.is_error)


def read_step(fields: Fields) -> int | None:
    """Read the optional step number: a whole number from 1 up."""
    value = fields.data.get("step")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        fields.block.error(fields.line_of("step"), say("stap-geen-getal"))
        return None
    return value


def read_options(block: Block, fields: Fields) -> list[Option]:
    """Read the answers of a question, each with a label and a next node."""
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
        option.allow_only(OPTION_KEYS)
        label = option.text("label", required=True)
        target, branches = read_next(block, option, required=True)
        hint = option.text("hint") or ""
        labels = read_labels(block, option)
        short = option.text("short") or ""
        if label and (target or branches):
            options.append(
                Option(
                    label, target or "", hint, line, labels=labels, branches=branches, short=short
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


def normalize_id(value: Any) -> str:
    """Compose accents the same way whether a name came from macOS, Windows or YAML."""
    return unicodedata.normalize("NFC", str(value).strip())


def to_html(body: str) -> str:
    """Convert a Markdown text to HTML."""
    return CONVERTER.convert(body).html


def shown(path: Path) -> str:
    """Show a path as the editor typed it: relative to the working folder where possible."""
    try:  # not resolve(): a link is shown by its own name (and may even be a loop)
        return Path(os.path.abspath(path)).relative_to(os.getcwd()).as_posix()
    except ValueError:
        return path.as_posix()
