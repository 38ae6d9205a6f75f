"""What every output of one build shares: file names, back links, reading order, and the
view of one node that a template receives.

A template is given a View and nothing else: the node, the nodes it links to (with the
start and the node before it) and a Links for exactly those. A rendered piece is
therefore remembered by its View: whatever a template reads from it is part of the key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from markupsafe import Markup

from .conditions import in_words
from .design import STAMP, Design, render
from .graph import advice_pages, back_links, band, band_name, depths, outline, reading_order
from .links import SINGLE, SITE, Links
from .memo import Memo
from .model import Contact, Lookup, Node, Site, hash_once, hash_slot
from .output import FileData
from .routes import written_id
from .urls import page_names, slug

R = TypeVar("R")
START_ID = "begin"  # the start node's section in the single file


def file_names(site: Site, single: str) -> dict[str, str]:
    """Name every node's page: 'index.html' for the start, never the single file's name."""
    return page_names(list(site.nodes), site.start, taken={single.removesuffix(".html")})


def single_name(site: Site) -> str:
    """Name the single file after the tree: 'burgers-betrekken-beslisboom.html'."""
    return slug(site.title) + ".html"


def first_copies(site: Site) -> dict[str, str]:
    """Give, for each page as written that has only copies ('x~kbtrm', see unfold.py), the
    first of them: where the overview and a text's link to it lead."""
    found: dict[str, str] = {}
    for page_id in site.nodes:
        if "~" in page_id:
            found.setdefault(written_id(page_id), page_id)
    return {written: page for written, page in found.items() if written not in site.nodes}


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """What every page may show of the site as a whole."""

    title: str
    start: str
    step_total: int
    contact: Contact
    owner: str = ""
    updated: str = ""
    accessibility: str = ""  # the address of the accessibility statement
    version: str = ""  # the editor's name for this version ('1.4')
    shared: str = ""  # where the shared assets are, from a page: '../' in a site of several
    others: Lookup[str] = Lookup()  # other trees' pages the texts link to (Links.others)
    step_names: tuple[str, ...] = ()  # the name of each step ('steps:' in site.yml)
    label_words: Lookup[str] = Lookup()  # the labels' words ('labels:' in site.yml)
    hash_: int = hash_slot()

    def step_name(self, step: int) -> str:
        """Give a step's name, or '' if site.yml names none."""
        return self.step_names[step - 1] if 0 < step <= len(self.step_names) else ""

    def said(self, condition: str) -> str:
        """Say a route's condition in the labels' words (conditions.in_words)."""
        return in_words(condition, self.label_words)

    __hash__ = hash_once


@dataclass(frozen=True, slots=True)  # thousands live in the preview's memory
class View:
    """Everything the templates receive about one node, wherever it is shown."""

    site: SiteInfo
    node: Node
    nodes: Lookup[Node]  # this node, the nodes it links to, the start and the back nodes
    back: tuple[str, ...]  # the nodes that lead here, for the back link (see back_links)
    pages: Lookup[str]  # the page names of those nodes
    sections: Lookup[str]  # their section ids in the single file
    single: str  # the single file's name
    media: Lookup[tuple[str, bytes]]  # pictures and files in its text: as written -> path, bytes
    advice: bool = False  # this page is the advice of an answer (see graph.advice_pages)
    hash_: int = hash_slot()

    __hash__ = hash_once

    def links(self, mode: str, page: str | None) -> Links:
        """Make the links for this node shown on a page of the site or in the single file."""
        if mode == SINGLE:
            return Links(SINGLE, self.single, self.sections, self.single, "", self.site.others)
        page = page or self.pages[self.node.id]
        return Links(SITE, page, self.pages, self.single, self.site.shared, self.site.others)


class Kind(NamedTuple):
    """What is rendered of a view: a template, for the site or the single file, on the
    node's own page or another, with more variables. One per output, shared by its pieces."""

    template: str
    mode: str = SITE
    page: str | None = None  # None: the node's own page
    settings: tuple[tuple[str, Any], ...] = ()  # more variables for the template
    text: bool = True  # whether the template shows the node's text (body)
    deeper: int = 0  # how many levels the text's own headings go down: its title is lower


class Piece(NamedTuple):  # thousands are made every build: a tuple is made quickest
    """One template rendered for one node: on its page, on another page, or in the single file."""

    kind: Kind
    view: View

    @property
    def template(self) -> str:
        return self.kind.template

    def context(self) -> dict[str, Any]:
        """Give the template's variables."""
        view, kind = self.view, self.kind
        links = view.links(kind.mode, kind.page)
        node = view.node
        body = links.in_text(node.body_html, view.media) if kind.text else ""
        below = links.in_text(node.below_html, view.media) if kind.text and node.below_html else ""
        if kind.deeper:
            body, below = lowered(body, kind.deeper), lowered(below, kind.deeper)
        return {
            "site": view.site,
            "node": view.node,
            "body": Markup(body),
            "below": Markup(below),
            "nodes": view.nodes,
            "back": view.back,
            "is_start": view.node.id == view.site.start,
            "links": links,
            **dict(kind.settings),
        }


HEADING = re.compile(r"<(/?)h([1-6])\b")


def lowered(html: str, levels: int) -> str:
    """Move a text's headings down, so that they stay under a title that is itself lower
    (h2 in the single file, h4 on the overview): '## Bronnen' becomes h3 or h5."""
    if "<h" not in html:
        return html
    return HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + levels)}", html)


def render_piece(design: Design, piece: Piece) -> FileData:
    """Render a piece to UTF-8: bytes, or, where it shows the content's code (a page's
    footer), parts around each mark of it, so that stamping a page (render.stamped) makes
    a new part of a few bytes and shares the rest with what the memo keeps."""
    data = render(design, piece.template, **piece.context()).encode()
    if STAMP not in data:
        return data
    found: list[bytes] = []
    for part in data.split(STAMP):
        found += [part, STAMP]
    return tuple(found[:-1])


class Batch:
    """What is rendered of one view (templates, modes, pages, settings), hashed and
    compared once: a memo key that is quick to look up and small to keep."""

    __slots__ = ("view", "kinds", "hash")

    def __init__(self, pieces: list[Piece]) -> None:
        self.view = pieces[0].view
        self.kinds = tuple(piece.kind for piece in pieces)
        self.hash = hash((self.view, self.kinds))

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Batch):
            return NotImplemented
        return self.hash == other.hash and self.view == other.view and self.kinds == other.kinds


def render_batch(design: Design, batch: Batch) -> tuple[FileData, ...]:
    """Render the pieces of one view: a pure step, remembered by the design and the batch."""
    return tuple(render_piece(design, Piece(kind, batch.view)) for kind in batch.kinds)


class Holes:
    """Places in a page for large rendered fragments, joined in as bytes, never decoded.

    The overview and the single file hold thousands of rendered entries; passing them
    through the template as text would copy them twice more.
    """

    MARK = re.compile(rb"\x00hole([0-9]+)\x00")

    def __init__(self) -> None:
        self.fragments: list[list[bytes]] = []

    def hole(self, fragments: list[bytes]) -> Markup:
        """Reserve a place for fragments; the template puts the returned mark there."""
        self.fragments.append(fragments)
        return Markup(f"\x00hole{len(self.fragments) - 1}\x00")

    def fill(self, html: str) -> tuple[bytes, ...]:
        """Put every fragment in its place; give the page as parts (see output.py)."""
        parts = self.MARK.split(html.encode())
        return tuple(
            fragment
            for index, part in enumerate(parts)
            for fragment in (self.fragments[int(part)] if index % 2 else [part])
            if fragment
        )


@dataclass(frozen=True)
class Band:
    """One step of the tree on the overview, with its nodes in reading order."""

    name: str
    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Near:
    """The nodes one view shows or links to (see Plan.view), with their names."""

    ids: tuple[str, ...]
    pages: Lookup[str]
    sections: Lookup[str]
    back: tuple[str, ...] = ()  # the pages a reader may come from (see back_links)
    advice: bool = False  # the advice of an answer (see graph.advice_pages)
    hash_: int = hash_slot()

    __hash__ = hash_once


class Frame:
    """What a site's pages share that follows from the shape of the tree alone: file
    names, back links, advice pages, reading order, each node's neighbours. Made from the
    outline (graph.outline), it is remembered across edits of a text."""

    def __init__(self, site: Site, written: Site, single: str) -> None:
        names = file_names(site, single)
        self.aliases = first_copies(site)
        for as_written, page_id in self.aliases.items():  # a link to a page as written
            names[as_written] = names[page_id]
        self.names: Lookup[str] = Lookup(names)
        ids: dict[str, str] = {n: name.removesuffix(".html") for n, name in self.names.items()}
        ids[site.start] = START_ID
        self.ids: Lookup[str] = Lookup(ids)
        self.back = back_links(site)
        self.advice = advice_pages(site)
        known = set(self.names)
        self.near = {
            node.id: self.near_of(node, site, known, self.back, self.advice)
            for node in site.nodes.values()
        }
        self.order = [node.id for node in reading_order(written)]
        self.page_order = self.order if written is site else [n.id for n in reading_order(site)]
        depth = depths(written)
        grouped: dict[int, list[str]] = {}
        for node_id in self.order:
            grouped.setdefault(band(written, written.nodes[node_id], depth), []).append(node_id)
        self.bands = [(band_name(written, key), tuple(ids)) for key, ids in grouped.items()]
        self.near_written = self.near
        if written is not site:
            known = set(written.nodes)
            self.near_written = {
                node.id: self.near_of(node, written, known, {}, set())
                for node in written.nodes.values()
            }

    def near_of(
        self,
        node: Node,
        site: Site,
        known: set[str],
        back: dict[str, tuple[str, ...]],
        advice: set[str],
    ) -> Near:
        """Gather a node's neighbours: itself, the start, the pages back, its targets and
        the pages its text links to, as far as the site has them (known: its ids)."""
        names, ids = self.plain  # plain dicts: this runs for every node
        linked = [target for target, _ in node.text_links]
        wanted = [node.id, site.start, *back.get(node.id, ()), *node.targets, *linked]
        near = tuple([i for i in dict.fromkeys(wanted) if i in known])
        return Near(
            near,
            Lookup([(i, names[i]) for i in near]),
            Lookup([(i, ids[i]) for i in near]),
            back.get(node.id, ()),
            node.id in advice,
        )

    @cached_property
    def plain(self) -> tuple[dict[str, str], dict[str, str]]:
        """Give the page names and the section ids as plain dicts."""
        return dict(self.names), dict(self.ids)


def make_frame(site: Site, written: Site, single: str) -> Frame:
    """Make the frame of a site's outline (a step the memo remembers)."""
    return Frame(site, written, single)


class Plan:
    """The names, back links and order of one site; views of its nodes."""

    def __init__(
        self,
        site: Site,
        memo: Memo,
        written: Site | None = None,
        shared: str = "",
        others: Lookup[str] | None = None,
    ) -> None:
        self.site = site  # a page per node
        self.written = written or site  # the tree as written: what the overview shows
        self.memo = memo
        settings = site.settings
        self.info = memo.same(
            SiteInfo(
                site.title,
                site.start,
                site.step_total,
                site.contact,
                settings.owner,
                settings.updated,
                settings.accessibility,
                settings.version,
                shared,
                others or Lookup(),
                settings.step_names,
                settings.label_words,
            )
        )
        self.single = single_name(site)
        shape = outline(site)
        shape_written = shape if written is None or written is site else outline(written)
        self.frame = memo(make_frame, shape, shape_written, self.single)
        self.names, self.ids, self.back = self.frame.names, self.frame.ids, self.frame.back
        self.common = memo.same((self.info, self.single))  # what every view shares
        self.views: dict[tuple[int, bool], View] = {}
        self.done: dict[tuple[Callable[[Any, View], Any], Any], list[Any]] = {}  # for_views

    @cached_property
    def order(self) -> list[Node]:
        """List the written nodes as a reader meets them, for the overview."""
        return [self.written.nodes[i] for i in self.frame.order]

    @cached_property
    def page_order(self) -> list[Node]:
        """List the pages as a reader meets them, for the single file."""
        return [self.site.nodes[i] for i in self.frame.page_order]

    @cached_property
    def bands(self) -> list[Band]:
        """Group the written nodes by step, in reading order, for the overview."""
        nodes = self.written.nodes
        return [Band(name, tuple(nodes[i] for i in ids)) for name, ids in self.frame.bands]

    def links(self, mode: str, page: str | None = None) -> Links:
        """Make the links of a page that may link to every node (overview, single file)."""
        names = self.ids if mode == SINGLE else self.names
        shared, others = self.info.shared, self.info.others
        return Links(mode, page or self.single, names, self.single, shared, others)

    def for_views(self, step: Callable[[Any, View], R], shared: Hashable = None) -> list[R]:
        """Give [step(shared, view) for every page's view], in content order: once for this
        plan, each result remembered by the memo."""
        found = self.done.get((step, shared))
        if found is None:
            views = [self.view(node) for node in self.site.nodes.values()]
            found = self.done[(step, shared)] = self.memo.map(step, shared, views, jobs=1)
        return found

    def view(self, node: Node, as_written: bool = False) -> View:
        """Give what the templates receive about a node: a published page, or (as_written)
        a node of the tree as the editor wrote it, which the overview shows. Where the labels
        made no copies, the two are the same."""
        written = as_written and self.written is not self.site
        view = self.views.get((id(node), written))  # by identity: the plan keeps the nodes
        if view is None:
            nodes = self.written.nodes if written else self.site.nodes
            near = (self.frame.near_written if written else self.frame.near)[node.id]
            media = self.site.media
            files = tuple([(r, p, media.get(p)) for r, p, _ in node.files]) if node.files else ()
            aliases = {} if written else self.frame.aliases
            neighbours = tuple([nodes[aliases.get(i, i)] for i in near.ids])
            view = self.views[(id(node), written)] = self.memo(
                make_view, self.common, near, node, neighbours, files
            )
        return view


def make_view(
    common: tuple[SiteInfo, str],
    near: Near,
    node: Node,
    neighbours: tuple[Node, ...],
    files: tuple[tuple[str, str, bytes | None], ...],
) -> View:
    """Make a node's view from its parts (a step the memo remembers: an unchanged node
    with unchanged neighbours keeps its view, so later keys compare by identity)."""
    info, single = common
    return View(
        site=info,
        node=node,
        nodes=Lookup(zip(near.ids, neighbours, strict=True)),
        back=near.back,
        pages=near.pages,
        sections=near.sections,
        single=single,
        media=Lookup((ref, (path, data)) for ref, path, data in files if data is not None),
        advice=near.advice,
    )
