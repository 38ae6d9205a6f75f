"""Read content/ into the model: site.yml, then one node per Markdown file."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown

from .mdext import LinkNotesExtension
from .messages import say
from .model import Contact, Node, Option, Person, Problem, Site
from .parallel import map_chunks
from .yamlfile import Block, Fields

SITE_FILE = "site.yml"
SITE_KEYS = ("title", "start", "contact")
CONTACT_KEYS = ("heading", "people", "email")
PERSON_KEYS = ("name", "phone")
NODE_KEYS = ("title", "step", "next", "next_label", "options")
OPTION_KEYS = ("label", "next", "hint")

_markdown = markdown.Markdown(output_format="html", extensions=[LinkNotesExtension()])


PageReader = Callable[[list[Path]], list[tuple[Node | None, list[Problem]]]]


def load_site(
    content: Path,
    jobs: int = 1,
    read_pages: PageReader | None = None,
    list_pages: Callable[[Path], list[Path]] | None = None,
) -> tuple[Site | None, list[Problem]]:
    """Read every file under content/ and return the site with all problems found."""
    problems: list[Problem] = []
    settings = read_settings(content / SITE_FILE, problems)
    nodes: dict[str, Node] = {}
    pages = (list_pages or find_pages)(content)
    read = read_pages or (lambda paths: map_chunks(read_page, paths, jobs))
    for path, (node, found) in zip(pages, read(pages), strict=True):
        problems += found
        if node is None:
            continue
        if node.id in nodes:
            first = nodes[node.id].path
            problems.append(
                Problem(
                    path,
                    1,
                    say("dubbele-id", id=node.id, other=shown(first)),
                )
            )
            continue
        nodes[node.id] = node
    if not pages:
        problems.append(
            Problem(
                content,
                None,
                say("geen-paginas"),
            )
        )
    if settings is None:
        return None, problems
    title, start, start_line, contact = settings
    unreadable = frozenset(normalize_id(p.stem) for p in pages) - set(nodes)
    site = Site(
        title=title,
        start=start,
        contact=contact,
        nodes=nodes,
        settings_path=content / SITE_FILE,
        start_line=start_line,
        unreadable=unreadable,
    )
    return site, problems


def find_pages(content: Path, known: dict[str, Path] | None = None) -> list[Path]:
    """List the Markdown files under content/ in a stable order, skipping hidden ones.

    With `known`, reuse the Path objects of earlier calls: the preview lists thousands of
    files on every save, and a reused Path keeps its cached text and hash.
    """
    found = []
    for folder, dirs, files in os.walk(content):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(folder, content).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found += [
            (prefix + name, os.path.join(folder, name))
            for name in files
            if name.endswith(".md") and not name.startswith(".")
        ]
    if known is None:
        return [Path(path) for _, path in sorted(found)]
    paths = []
    for _, path in sorted(found):
        if path not in known:
            known[path] = Path(path)
        paths.append(known[path])
    return paths


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """Read a file as UTF-8 (with or without BOM, any line ending), or report why not."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.append(Problem(path, None, say("niet-leesbaar", reason=error.strerror)))
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


def read_settings(path: Path, problems: list[Problem]) -> tuple[str, str, int, Contact] | None:
    """Read site.yml: the tree's title, its start node and the contact block."""
    if not path.is_file():
        problems.append(
            Problem(
                path,
                None,
                say("site-ontbreekt"),
            )
        )
        return None
    text = read_text(path, problems)
    if text is None:
        return None
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
    if title is None or start is None:
        return None
    return title, normalize_id(start), fields.line_of("start"), contact


def read_contact(block: Block, site: Fields) -> Contact:
    """Read the contact block of site.yml."""
    if site.data.get("contact") is None:
        return Contact()
    fields = block.fields(
        site.data["contact"],
        site.value_nodes["contact"],
        "'contact'",
        site.line_of("contact"),
        example="email: adres@example.nl",
    )
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


def read_page(path: Path) -> tuple[Node | None, list[Problem]]:
    """Read one page on its own: the node, or None, and the problems found in it."""
    problems: list[Problem] = []
    return read_node(path, problems), problems


def read_node(path: Path, problems: list[Problem]) -> Node | None:
    """Read one Markdown page with front matter into a node."""
    text = read_text(path, problems)
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
    return make_node(path, block, fields, body)


def make_node(path: Path, block: Block, fields: Fields, body: str) -> Node | None:
    """Check the front matter's keys and build the node from them."""
    count = len(block.problems)
    fields.allow_only(NODE_KEYS)
    title = fields.text("title", required=True)
    step = read_step(fields)
    next_id = fields.text("next")
    next_label = fields.text("next_label") or ""
    options = read_options(block, fields)
    if "next" in fields.data and "options" in fields.data:
        block.error(
            fields.line_of("options"),
            say("next-en-options"),
        )
    if len(block.problems) > count or title is None:
        return None
    return Node(
        id=normalize_id(path.stem),
        title=title,
        path=path,
        body_html=to_html(body),
        step=step,
        next=normalize_id(next_id) if next_id else None,
        next_label=next_label,
        options=tuple(options),
        next_line=fields.line_of("next"),
    )


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
        target = option.text("next", required=True)
        hint = option.text("hint") or ""
        if label and target:
            options.append(Option(label=label, next=normalize_id(target), hint=hint, line=line))
    seen: set[str] = set()
    for option in options:
        if option.label in seen:
            block.error(option.line, say("dubbel-label", label=option.label))
        seen.add(option.label)
    return options


def normalize_id(value: Any) -> str:
    """Compose accents the same way whether a name came from macOS, Windows or YAML."""
    return unicodedata.normalize("NFC", str(value).strip())


def to_html(body: str) -> str:
    """Convert a Markdown body to HTML with one reused converter."""
    return _markdown.reset().convert(body).strip()


def shown(path: Path) -> str:
    """Show a path as the editor typed it: relative to the working folder where possible."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
