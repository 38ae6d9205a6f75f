"""Turn the checked model into pages: {output path: bytes}, without touching any file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .flowchart import draw_flowchart
from .graph import band, band_name, depths, reading_order, sole_sources
from .model import Node, Site
from .routedata import route_data
from .single import render_single, single_name
from .urls import page_names, relative_url, slug

ASSET_DIR = "assets"
OVERVIEW = "overzicht.html"


@dataclass(frozen=True)
class Links:
    """Every link a page may make, relative to that page."""

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


def make_environment(templates: Path) -> jinja2.Environment:
    """Create the Jinja environment: autoescaped, strict about unknown names."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
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


def render_site(site: Site, env: jinja2.Environment, css: str = "") -> dict[str, bytes]:
    """Render every node as its own page, the overview, the route data and the single file."""
    single = single_name(site)
    names = page_names(list(site.nodes), site.start, taken={single.removesuffix(".html")})
    back = sole_sources(site)
    template = env.get_template("node.html")
    pages = {}
    for node in site.nodes.values():
        page = names[node.id]
        html = template.render(
            site=site,
            node=node,
            is_start=node.id == site.start,
            back=back.get(node.id),
            links=Links(page, names),
            single_file=single,
        )
        pages[page] = html.encode("utf-8")
    pages[OVERVIEW] = render_overview(site, env, Links(OVERVIEW, names), single)
    pages[f"{ASSET_DIR}/boom.js"] = route_data(site, names)
    pages[single] = render_single(site, env, names, css, anchor, bands(site))
    return pages


@dataclass(frozen=True)
class Band:
    """One step of the tree on the overview, with its nodes in reading order."""

    name: str
    nodes: list[Node]


def bands(site: Site) -> list[Band]:
    """Group the nodes by step, in reading order, for the overview."""
    depth = depths(site)
    grouped: dict[int, list[Node]] = {}
    for node in reading_order(site):
        grouped.setdefault(band(site, node, depth), []).append(node)
    return [Band(band_name(site, key), nodes) for key, nodes in grouped.items()]


def render_overview(site: Site, env: jinja2.Environment, links: Links, single: str) -> bytes:
    """Render the overview: the flowchart and every node with where each answer leads."""
    html = env.get_template("overview.html").render(
        site=site,
        bands=bands(site),
        anchor=anchor,
        links=links,
        is_start=False,
        flowchart=draw_flowchart(site, links.node),
        single_file=single,
    )
    return html.encode("utf-8")
