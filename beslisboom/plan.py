"""What every output of one build shares: file names, back links, reading order, and the
view of one node that a template receives.

A template is given a View and nothing else: the node, the nodes it links to (with the
start and the node before it) and a Links for exactly those. A rendered piece is
therefore remembered by its View: whatever a template reads from it is part of the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .design import Design, render
from .graph import band, band_name, depths, reading_order, sole_sources
from .links import SINGLE, SITE, Links
from .model import Contact, Lookup, Node, Site
from .urls import page_names, slug

START_ID = "begin"  # the start node's section in the single file


def single_name(site: Site) -> str:
    """Name the single file after the tree: 'burgers-betrekken-beslisboom.html'."""
    return slug(site.title) + ".html"


@dataclass(frozen=True)
class SiteInfo:
    """What every page may show of the site as a whole."""

    title: str
    start: str
    step_total: int
    contact: Contact


@dataclass(frozen=True)
class View:
    """Everything a template receives about one node."""

    site: SiteInfo
    node: Node
    nodes: Lookup[Node]  # this node, the nodes it links to, the start and the back node
    back: str | None  # the one node that leads here, for the back link
    links: Links

    def context(self) -> dict[str, Any]:
        """Give the template's variables."""
        return {
            "site": self.site,
            "node": self.node,
            "nodes": self.nodes,
            "back": self.back,
            "is_start": self.node.id == self.site.start,
            "links": self.links,
        }


@dataclass(frozen=True)
class Piece:
    """One template rendered for one node, with a few settings of its own."""

    template: str
    view: View
    settings: tuple[tuple[str, Any], ...] = ()


def render_piece(design: Design, piece: Piece) -> bytes:
    """Render a piece to UTF-8: a pure step, remembered by the design and the piece."""
    return render(design, piece.template, **piece.view.context(), **dict(piece.settings)).encode()


@dataclass(frozen=True)
class Band:
    """One step of the tree on the overview, with its nodes in reading order."""

    name: str
    nodes: tuple[Node, ...]


class Plan:
    """The names, back links and order of one site; views of its nodes."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.info = SiteInfo(site.title, site.start, site.step_total, site.contact)
        self.single = single_name(site)
        taken = {self.single.removesuffix(".html")}
        self.names = Lookup(page_names(list(site.nodes), site.start, taken=taken))
        ids = {node_id: name.removesuffix(".html") for node_id, name in self.names.items()}
        ids[site.start] = START_ID
        self.ids = Lookup(ids)
        self.back = sole_sources(site)
        self.views: dict[tuple[str, str, str | None], View] = {}

    @cached_property
    def order(self) -> list[Node]:
        """List the nodes as a reader meets them."""
        return reading_order(self.site)

    @cached_property
    def bands(self) -> list[Band]:
        """Group the nodes by step, in reading order, for the overview."""
        depth = depths(self.site)
        grouped: dict[int, list[Node]] = {}
        for node in self.order:
            grouped.setdefault(band(self.site, node, depth), []).append(node)
        return [Band(band_name(self.site, key), tuple(nodes)) for key, nodes in grouped.items()]

    def links(self, mode: str, page: str | None = None) -> Links:
        """Make the links of a page that may link to every node (overview, single file)."""
        names = self.ids if mode == SINGLE else self.names
        return Links(mode, page or self.single, names, self.single)

    def view(self, node: Node, mode: str = SITE, page: str | None = None) -> View:
        """Give what a template receives about a node, shown on its own page, on another
        page (the overview) or in the single file."""
        view = self.views.get((node.id, mode, page))
        if view is None:
            view = self.views[node.id, mode, page] = self.make_view(node, mode, page)
        return view

    def make_view(self, node: Node, mode: str, page: str | None) -> View:
        """Gather a node's view (see view)."""
        nodes, site = self.site.nodes, self.site
        back = self.back.get(node.id)
        near = [node.id, site.start, *([back] if back else []), *node.targets]
        near = [i for i in dict.fromkeys(near) if i in nodes]
        names = self.ids if mode == SINGLE else self.names
        page = self.single if mode == SINGLE else page or self.names[node.id]
        return View(
            site=self.info,
            node=node,
            nodes=Lookup((i, nodes[i]) for i in near),
            back=back,
            links=Links(mode, page, Lookup((i, names[i]) for i in near), self.single),
        )
