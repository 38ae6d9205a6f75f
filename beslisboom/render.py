"""Turn the checked model into pages: {output path: bytes}, without touching any file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .graph import sole_sources
from .model import Node, Site
from .urls import page_names, relative_url

ASSET_DIR = "assets"


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


def render_site(site: Site, env: jinja2.Environment) -> dict[str, bytes]:
    """Render every node of the site as its own page."""
    names = page_names(list(site.nodes), site.start)
    back = sole_sources(site)
    template = env.get_template("node.html")
    pages = {}
    for node in site.nodes.values():
        page = names[node.id]
        html = render_node(template, site, node, Links(page, names), back.get(node.id))
        pages[page] = html.encode("utf-8")
    return pages


def render_node(
    template: jinja2.Template, site: Site, node: Node, links: Links, back: str | None
) -> str:
    """Render one node's page."""
    return template.render(
        site=site,
        node=node,
        is_start=node.id == site.start,
        back=back,
        step_total=site.step_total,
        href=links.node,
        asset=links.asset,
    )
