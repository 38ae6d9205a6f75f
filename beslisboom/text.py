"""A page's text below the front matter: its lines, what it links to, shows and holds, its
parts shown only when a condition holds, and the pictures it uses."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

from . import keys
from .conditions import Unreadable, parse
from .links import OTHER_TREE
from .mdext import Converter, Reading, Tag
from .messages import say
from .model import Block as TextBlock
from .model import Problem
from .sources import normalize_id
from .yamlfile import Block

CONVERTER = Converter()  # one for every page (see mdext.Converter)
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
        key = key_line(line) if ":" in line else None
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
) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, str, int], ...], dict[str, str]]:
    """Check what a text holds, as Markdown read it: raw HTML, links and pictures. Give the
    pages it links to (id, line; 'tree/id' for a page of another tree beside this one),
    the files it uses (as written, path in content/, line), and the links to another
    tree's pages as written, each with the form the links helper reads (OTHER_TREE)."""
    where = Locator(body, first_line)
    found: dict[tuple[int, str], None] = {}
    for tag in parsed.tags:
        message = html_mistake(tag)
        if message:
            found[(where.line(tag.chunk) + tag.line, message)] = None
    folder = content_folder(path, content)
    pages, files = [], []
    elsewhere: dict[str, str] = {}
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
            page_id = normalize_id(PurePosixPath(unquote(ref)).stem)
            place = in_content(folder, ref).split("/")
            if len(place) >= 3 and place[0] == ".." and place[1] not in ("", ".."):
                pages.append((f"{place[1]}/{page_id}", line))  # a tree beside this one
                anchor = "#" + href.split("#", 1)[1] if "#" in href else ""
                elsewhere[href] = f"{OTHER_TREE}{place[1]}/{page_id}.md{anchor}"
            else:
                pages.append((page_id, line))
        elif ref.lower().endswith((".html", ".htm")):
            name = PurePosixPath(ref).stem
            found[(line, say("link-naar-html", ref=ref, name=f"{name}.md"))] = None
        else:
            files.append((ref, in_content(folder, ref), line))
    for src, alt in parsed.pictures:
        line = where.line(src, alt)
        if scheme_of(src) or src.startswith("/"):
            found[(line, say("afbeelding-adres", ref=src))] = None
            continue
        if not alt.strip():
            found[(line, say("afbeelding-zonder-alt", ref=src))] = None
        files.append((src, in_content(folder, src), line))
    for line, message in found:
        block.error(line, message)
    return tuple(pages), tuple(files), elsewhere


def in_content(folder: str, ref: str) -> str:
    """Give a file's path in content/, from a reference to it in a page in folder."""
    return posixpath.normpath(posixpath.join(folder, unquote(ref)))


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


def key_line(line: str) -> re.Match[str] | None:
    """Tell whether a line of text looks like a key of the front matter ('next: ...')."""
    return re.match(rf"({'|'.join(keys.names(keys.PAGE))})\s*:(\s|$)", line)


def read_condition(block: Block, line: int, written: str) -> Any:
    """Read a condition over labels; report at its line what makes it unreadable."""
    try:
        return parse(written)
    except Unreadable as reason:
        shown = written if len(written) <= 80 else written[:77] + "..."
        block.error(line, say("voorwaarde-onleesbaar", when=shown, reason=reason))
        return None


FILL_IN = "[IN TE VULLEN]"  # what an import leaves for the editor to write (importer.py)
BLOCK_OPEN = re.compile(r":::\s*als\b\s*(.*?)\s*$")
BELOW_OPEN = re.compile(r":::\s*onder\s+de\s+antwoorden\s*$")  # shown after the answers
BELOW = "onder"  # a part's place instead of a condition: after the answers
BLOCK_CLOSE = re.compile(r":::\s*$")


@dataclass(frozen=True)
class Text:
    """A page's text as read: its HTML, its parts (if some are shown only when a condition
    holds), the pages it links to (id, line) and the files it uses (as written, path, line),
    and the text to show after the answers ('::: onder de antwoorden')."""

    html: str
    blocks: tuple[TextBlock, ...]
    text_links: tuple[tuple[str, int], ...]
    files: tuple[tuple[str, str, int], ...]
    below: str = ""


def read_text(path: Path, content: Path, body: str, first_line: int, block: Block) -> Text:
    """Convert a page's text, each part once, and check what each part holds."""
    if FILL_IN in body:
        for number, written in enumerate(body.split("\n")):
            if FILL_IN in written:
                block.warn(first_line + number, say("in-te-vullen", marker=FILL_IN))
    parts = read_parts(body, first_line, block)
    text_links: list[tuple[str, int]] = []
    files: list[tuple[str, str, int]] = []
    blocks: list[TextBlock] = []
    below: list[str] = []
    for when, text, line, text_line in parts or [(None, body, first_line, first_line)]:
        if parts and not text.strip():
            continue  # an empty part: nothing to show
        reading = CONVERTER.convert(text)
        found = inspect_text(path, content, text, text_line, reading, block)
        text_links += found[0]
        files += found[1]
        html = reading.html
        for written, link in found[2].items():  # the links helper finds the tree by this
            shown = escape(written, quote=False).replace('"', "&quot;")  # as Markdown wrote it
            html = html.replace(f'href="{shown}"', f'href="{link}"')
        if when is BELOW:
            below.append(html)
        else:
            blocks.append(TextBlock(when, html, line))
    links, used, after = tuple(text_links), tuple(files), "\n".join(below)
    if not parts:  # no parts: the page is its whole text
        return Text(blocks[0].html, (), links, used)
    if all(part.when is None for part in blocks):  # parts only to put text below: one text
        return Text("\n".join(part.html for part in blocks), (), links, used, after)
    return Text(blocks_html(tuple(blocks)), tuple(blocks), links, used, after)


def read_parts(body: str, first_line: int, block: Block) -> list[tuple[Any, str, int, int]]:
    """Split a text into parts, '::: als voorwaarde' up to ':::' shown only when it holds:
    each with its condition (or None), its text, the line of its ':::' (or the text's
    first line) and the line its text starts at. A text without such parts gives []."""
    lines = body.split("\n")
    if not any(line.lstrip().startswith(":::") for line in lines):
        return []
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
        if BELOW_OPEN.fullmatch(stripped):
            if opened:
                block.error(at, say("blok-in-blok", line=opened))
                continue
            parts.append((BELOW, [], at))
            opened = at
        elif opening:
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
    return [
        (when, "\n".join(text), line, line if number == 0 else line + 1)
        for number, (when, text, line) in enumerate(parts)
    ]


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
