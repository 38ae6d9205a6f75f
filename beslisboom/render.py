"""Turn the checked model into output files, {path: bytes}, without touching any file.

A Renderer remembers what it rendered, keyed by everything the result depends on, so
that the preview redoes only what an edit changed; a clean build uses a fresh one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .compiled import template_cache
from .flowchart import draw_flowchart
from .graph import band, band_name, depths, reading_order, sole_sources
from .model import Node, Site
from .routedata import node_json, route_data
from .single import SectionLinks, csp_hash, single_ids, single_name
from .urls import page_names, relative_url, slug

ASSET_DIR = "assets"
SLOT = re.compile("\x00slot:([0-9]+)\x00")  # where a page's byte fragments go
OVERVIEW = "overzicht.html"
ROUTE_DATA = f"{ASSET_DIR}/boom.js"


@dataclass(frozen=True)
class Links:
    """Every link a page of the site may make, relative to that page."""

    page: str
    names: dict[str, str]

    def node(self, node_id: str) -> str:
        """Link to a node's page."""
        return relative_url(self.page, self.names[node_id])

    def asset(self, name: str) -> str:
        """Link to a file under assets/."""
        return relative_url(self.page, f"{ASSET_DIR}/{name}")

    def overview(self, node_id: str | None = None) -> str:
        """Link to the overview page, or to one node's entry on it."""
        url = relative_url(self.page, OVERVIEW)
        if node_id is None:
            return url
        return ("" if self.page == OVERVIEW else url) + "#" + anchor(node_id)


def anchor(node_id: str) -> str:
    """Give a node's id on the overview; the '_' keeps it apart from any page name."""
    return "knoop_" + slug(node_id)


# How templates are read and compiled; also part of the key of compiled templates.
ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}


def make_environment(templates: Path) -> jinja2.Environment:
    """Create the Jinja environment: autoescaped, strict about unknown names.

    Templates are read once: the preview makes a new environment when one changes, so
    checking each file's time on every use (thousands of times a build) buys nothing.
    Compiled templates are kept between builds (see compiled.py).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        auto_reload=False,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=template_cache(ENVIRONMENT),
        **ENVIRONMENT,
    )
    env.filters["tel"] = tel_href
    return env


def tel_href(phone: str) -> str:
    """Turn a Dutch phone number as written ('06 52 64 14 36') into a tel: link."""
    digits = re.sub(r"[^\d+]", "", phone)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+31" + digits[1:]
    return "tel:" + digits


@dataclass(frozen=True)
class Band:
    """One step of the tree on the overview, with its nodes in reading order."""

    name: str
    nodes: list[Node]


def slot(
    slots: dict[str, Callable[[], Iterable[bytes]]], fill: Callable[[], Iterable[bytes]]
) -> Markup:
    """Reserve a place in a page for fragments that are joined in later, as bytes."""
    name = str(len(slots))
    slots[name] = fill
    return Markup(f"\x00slot:{name}\x00")


class Deps:
    """A cache key part that hashes its tuple once: looked up thousands of times a build."""

    __slots__ = ("value", "hash")

    def __init__(self, value: tuple[Any, ...]) -> None:
        self.value = value
        self.hash = hash(value)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return self is other or (
            isinstance(other, Deps) and self.hash == other.hash and self.value == other.value
        )


class Plan:
    """What every output of one build shares: file names, back links, the order of nodes."""

    def __init__(self, site: Site, previous: Plan | None = None) -> None:
        self.site = site
        self.single = single_name(site)
        self.shared = Deps(
            (site.title, site.step_total, site.start, self.single, tuple(site.nodes))
        )
        if previous is not None and previous.shared == self.shared:
            # Same ids, order and start: the same file names. Reusing the old key object
            # also makes later cache-key comparisons a matter of identity.
            self.shared, self.names, self.ids = previous.shared, previous.names, previous.ids
        else:
            taken = {self.single.removesuffix(".html")}
            self.names = page_names(list(site.nodes), site.start, taken=taken)
            self.ids = single_ids(site, self.names)
        self.back = sole_sources(site)
        # Numbers for what nodes' renderings depend on besides the nodes themselves; the
        # same surroundings keep their number from one plan to the next.
        self._stamps: dict[Node, int] = {}
        self._numbered: dict[tuple[Any, ...], int] = {}
        self._earlier = previous._numbered if previous is not None else {}
        self._numbers = previous._numbers if previous is not None else itertools.count()

    @cached_property
    def order(self) -> list[Node]:
        return reading_order(self.site)

    @cached_property
    def bands(self) -> list[Band]:
        """Group the nodes by step, in reading order, for the overview."""
        depth = depths(self.site)
        grouped: dict[int, list[Node]] = {}
        for node in self.order:
            grouped.setdefault(band(self.site, node, depth), []).append(node)
        return [Band(band_name(self.site, key), nodes) for key, nodes in grouped.items()]

    def stamp(self, node: Node) -> int:
        """Number what a node's rendering depends on besides the node itself.

        Equal numbers mean equal surroundings, also between a plan and the one before, so
        that a cache key is a node and a number: both compared by identity, thousands of
        times a rebuild.
        """
        stamp = self._stamps.get(node)
        if stamp is None:
            around = self._list_around(node)
            stamp = self._numbered.get(around)
            if stamp is None:
                stamp = self._earlier.get(around)
                if stamp is None:
                    stamp = next(self._numbers)
                self._numbered[around] = stamp
            self._stamps[node] = stamp
        return stamp

    def _list_around(self, node: Node) -> tuple[Any, ...]:
        site, nodes = self.site, self.site.nodes
        # Every file name and section id follows from the ids, their order and the start.
        return (
            self.shared,
            self.back.get(node.id),
            node.id == site.start,
            tuple(nodes[t].title if t in nodes else None for t in node.targets),
            site.contact if node.is_end else None,
        )


class Renderer:
    """Render pages and fragments, reusing earlier results whose inputs did not change."""

    def __init__(
        self, env: jinja2.Environment, css: str = "", script: str = "", keep: bool = True
    ) -> None:
        self.env = env
        self.css = css
        self.script = script  # antwoorden.js, inlined in the single file
        self.keep = keep  # a clean build renders everything once: keeping costs memory
        # per kind of output: for each node, its plan's stamp and what was made
        self.cache: dict[str, dict[Node, tuple[int, Any]]] = {}
        self.next_cache: dict[str, dict[Node, tuple[int, Any]]] = {}
        self.plan: Plan | None = None

    def remember(self, kind: str, node: Node, plan: Plan, make: Callable[[], Any]) -> Any:
        """Return what was made for node before, if its surroundings are the same; else make
        it. Keep it for the next round."""
        if not self.keep:
            return make()
        stamp = plan.stamp(node)
        kept = self.cache.get(kind)
        hit = kept.get(node) if kept is not None else None
        made = hit[1] if hit is not None and hit[0] == stamp else make()
        fresh = self.next_cache.get(kind)
        if fresh is None:
            fresh = self.next_cache[kind] = {}
        fresh[node] = (stamp, made)
        return made

    def finish_round(self) -> None:
        """Keep only what this round used, so the cache does not grow forever."""
        self.cache, self.next_cache = self.next_cache, {}

    def node_page(self, plan: Plan, node: Node) -> tuple[str, bytes]:
        """Render one node's page; return its file name and bytes."""
        page = plan.names[node.id]

        def make() -> bytes:
            html = self.env.get_template("node.html").render(
                site=plan.site,
                node=node,
                is_start=node.id == plan.site.start,
                back=plan.back.get(node.id),
                links=Links(page, plan.names),
                single_file=plan.single,
            )
            return html.encode("utf-8")

        return page, self.remember("page", node, plan, make)

    def fragment(
        self, kind: str, template: str, node: Node, plan: Plan, links: Any, **context: Any
    ) -> bytes:
        """Render a node's entry on the overview or its section of the single file."""
        # The links and the context follow from the kind and the plan's stamp of the node.
        return self.remember(
            kind,
            node,
            plan,
            lambda: (
                self.env.get_template(template)
                .render(site=plan.site, node=node, anchor=anchor, links=links, **context)
                .encode("utf-8")
            ),
        )

    def assemble(
        self, template: str, slots: dict[str, Callable[[], Iterable[bytes]]], **context: Any
    ) -> bytes:
        """Render a page whose slots are filled with byte fragments, joined without copying."""
        html = self.env.get_template(template).render(**context)
        parts = SLOT.split(html)
        # split() alternates the text around the slots with the slots' names
        return b"".join(
            b"".join(slots[part]()) if index % 2 else part.encode("utf-8")
            for index, part in enumerate(parts)
        )

    def entry_slots(
        self,
        slots: dict[str, Callable[[], Iterable[bytes]]],
        kind: str,
        plan: Plan,
        links: Any,
        **context: Any,
    ) -> Callable[[list[Node]], Markup]:
        """Give templates a function that reserves a slot for the entries of some nodes."""

        def entries(nodes: list[Node]) -> Markup:
            return slot(
                slots,
                lambda: (
                    self.fragment(kind, "overview_entry.html", node, plan, links=links, **context)
                    for node in nodes
                ),
            )

        return entries

    def overview(self, plan: Plan) -> bytes:
        """Render the overview page: the flowchart and every node's entry."""
        links = Links(OVERVIEW, plan.names)
        slots: dict[str, Callable[[], Iterable[bytes]]] = {}

        entries = self.entry_slots(
            slots, "entry", plan, links, level=1, single_file=plan.single, with_text=True
        )

        return self.assemble(
            "overview.html",
            slots,
            site=plan.site,
            bands=plan.bands,
            links=links,
            is_start=False,
            single_file=plan.single,
            flowchart=draw_flowchart(plan.site, links.node),
            entries=entries,
        )

    def single(self, plan: Plan) -> bytes:
        """Render the whole tree as one self-contained HTML file."""
        links = SectionLinks(plan.ids)
        css = self.css.strip()
        slots: dict[str, Callable[[], Iterable[bytes]]] = {}
        sections = slot(
            slots,
            lambda: (
                self.fragment(
                    "section",
                    "single_section.html",
                    node,
                    plan,
                    links=links,
                    back=plan.back.get(node.id),
                    is_start=node.id == plan.site.start,
                    single_file=None,
                )
                for node in plan.order
            ),
        )

        entries = self.entry_slots(
            slots, "single-entry", plan, links, level=2, single_file=None, with_text=False
        )

        script = self.route_data(plan, plan.ids, "single-route").decode("utf-8") + self.script
        return self.assemble(
            "single.html",
            slots,
            site=plan.site,
            links=links,
            css=css,
            style_hash=csp_hash(css),
            script=script,
            script_hash=csp_hash(script),
            bands=plan.bands,
            single_file=None,
            flowchart=draw_flowchart(plan.site, links.node),
            sections=sections,
            entries=entries,
        )

    def pages(self, plan: Plan, nodes: Iterable[Node]) -> Iterator[tuple[str, bytes]]:
        """Render the pages of the given nodes."""
        for node in nodes:
            yield self.node_page(plan, node)

    def extras(self, plan: Plan) -> Iterator[tuple[str, bytes]]:
        """Render what spans the whole tree: the overview, the route data, the single file."""
        yield OVERVIEW, self.overview(plan)
        yield ROUTE_DATA, self.route_data(plan)
        yield plan.single, self.single(plan)

    def route_data(
        self, plan: Plan, names: dict[str, str] | None = None, kind: str = "route"
    ) -> bytes:
        """Write the route data, keyed by page (or section) names, reusing unchanged entries."""
        names = names or plan.names

        def entry(node: Node, with_text: bool) -> str:
            return self.remember(
                f"{kind}-tekst" if with_text else kind,
                node,
                plan,
                lambda: node_json(plan.site, node, names, with_text),
            )

        return route_data(plan.site, names, entry)

    def render(self, site: Site) -> dict[str, bytes]:
        """Render every output of the site into one map, dropping stale cache entries."""
        plan = self.plan = Plan(site, self.plan)
        files = dict(self.pages(plan, site.nodes.values()))
        files.update(self.extras(plan))
        self.finish_round()
        return files


def render_parts(site: Site, jobs: int) -> list[tuple[str, int]]:
    """Split a clean build into parts for `jobs` processes, the largest first."""
    # Writing thousands of files is slow on some disks: small page chunks keep both busy.
    chunks = [("pages", k) for k in range(page_chunks(jobs))]
    return [("single", 0), chunks[0], ("overview", 0), *chunks[1:], ("route-data", 0)]


def page_chunks(jobs: int) -> int:
    """Count the parts the pages are split into."""
    return max(1, jobs * 4)


def render_part(
    renderer: Renderer, plan: Plan, part: tuple[str, int], jobs: int
) -> Iterator[tuple[str, bytes]]:
    """Render one part of a clean build (see render_parts)."""
    kind, index = part
    if kind == "single":
        yield plan.single, renderer.single(plan)
    elif kind == "overview":
        yield OVERVIEW, renderer.overview(plan)
    elif kind == "route-data":
        yield ROUTE_DATA, renderer.route_data(plan)
    else:
        nodes = list(plan.site.nodes.values())
        yield from renderer.pages(plan, nodes[index :: page_chunks(jobs)])
