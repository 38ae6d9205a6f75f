"""The single-file edition: the whole tree in one HTML file, for Connect, e-mail and USB sticks."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from .model import Site
from .urls import slug

START_ID, OVERVIEW_ID = "begin", "overzicht"


def single_name(site: Site) -> str:
    """Name the single file after the tree: 'burgers-betrekken-beslisboom.html'."""
    return slug(site.title) + ".html"


@dataclass(frozen=True)
class SectionLinks:
    """Links inside the single file: every navigation is a plain #anchor."""

    ids: dict[str, str]
    page: str = ""

    def node(self, node_id: str) -> str:
        """Link to a node's section."""
        return "#" + self.ids[node_id]

    def overview(self, node_id: str | None = None) -> str:
        """Link to the overview section, or straight to a node's own section."""
        return "#" + (self.ids[node_id] if node_id else OVERVIEW_ID)

    def asset(self, name: str) -> str:
        """Refuse: the single file carries no separate files."""
        raise ValueError(f"the single file cannot link to assets/{name}")


def csp_hash(text: str) -> str:
    """Return the CSP source that allows exactly this inline text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def single_ids(site: Site, names: dict[str, str]) -> dict[str, str]:
    """Give every node its section id in the single file: its page name, 'begin' for the start."""
    ids = {node_id: name.removesuffix(".html") for node_id, name in names.items()}
    ids[site.start] = START_ID
    return ids
