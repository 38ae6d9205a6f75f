"""Several decision aids in one site: a content folder whose subfolders each hold a tree.

A content folder with its own site.yml is one tree, built as it always was. One without,
whose subfolders hold a site.yml each, is a collection: each tree is read, checked and
rendered as if it stood alone, and published under its folder's name; the assets are
written once, at the top, with a start page that lists the trees (title, what it is for,
owner, date, version). The optional bomen.yml beside the trees names the whole site.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from . import keys
from .design import ASSET_DIR, Design, render
from .links import ROUTE_DATA, SITE, TEXTS, Links
from .model import Lookup, Problem, Site
from .output import FileData
from .settings import read_web_address
from .sources import FILE, SITE_FILE, decode, read_source
from .yamlfile import Block

SETTINGS_FILE = "bomen.yml"
START = "index.html"
TEMPLATE = "collection.html"
TITLE = "Beslisbomen"  # the start page's title when bomen.yml names none
OWN_ASSETS = (ROUTE_DATA, TEXTS)  # made for each tree: these stay in its folder


def tree_folders(content: Path) -> list[Path]:
    """List the trees of a collection, by folder name; none if content is one tree."""
    if (content / SITE_FILE).exists() or not content.is_dir():
        return []
    return sorted(
        (p for p in content.iterdir() if p.is_dir() and (p / SITE_FILE).is_file()),
        key=lambda p: p.name,
    )


@dataclass(frozen=True)
class Settings:
    """What bomen.yml says of the whole site."""

    title: str = TITLE
    owner: str = ""
    accessibility: str = ""


def read_settings(content: Path, problems: list[Problem]) -> Settings:
    """Read bomen.yml if it is there; report what is wrong in it, at its line."""
    path = content / SETTINGS_FILE
    if not path.is_file():
        return Settings()
    text = decode(read_source(path, FILE), problems)
    if text is None:
        return Settings()
    block = Block(path, 1, problems)
    fields = block.read(text, SETTINGS_FILE, empty="site-leeg")
    if fields is None:
        return Settings()
    fields.allow_only(keys.names(keys.COLLECTION))
    return Settings(
        fields.text("title") or TITLE,
        fields.text("owner") or "",
        read_web_address(block, fields, "accessibility"),
    )


class Tree(Protocol):
    """A tree ready to render (pipeline.Ready)."""

    site: Site
    stamp: str

    def files(self, shared: str = "") -> Iterator[tuple[str, FileData]]: ...

    def size_warnings(self, sizes: dict[str, int]) -> list[Problem]: ...

    def replacing(self, former: frozenset[str]) -> None: ...

    def gone(self) -> tuple[str, ...]: ...


@dataclass
class Collection:
    """The trees of a site of several, each ready to render, with the start page."""

    settings: Settings
    trees: list[tuple[str, Tree]]  # folder name, tree
    design: Design
    names: list[str] = field(default_factory=list)  # every file of the trees, once rendered

    def files(self) -> Iterator[tuple[str, FileData]]:
        """Give every output file: the shared assets, the start page, then each tree
        under its folder (its own route data and texts with it)."""
        yield from ((f"{ASSET_DIR}/{name}", data) for name, data in self.design.assets)
        yield START, self.start_page()
        shared = {f"{ASSET_DIR}/{name}" for name, _ in self.design.assets}
        for folder, tree in self.trees:
            for name, data in tree.files(shared="../"):
                if name in shared and name not in OWN_ASSETS:
                    continue
                yield f"{folder}/{name}", data

    def start_page(self) -> bytes:
        """Render the page that lists the trees."""
        starts: Lookup[str] = Lookup((folder, f"{folder}/{START}") for folder, _ in self.trees)
        links = Links(SITE, START, starts, "")
        listed = [entry(folder, tree.site, tree.stamp) for folder, tree in self.trees]
        return render(
            self.design, TEMPLATE, collection=self.settings, trees=listed, links=links
        ).encode()

    def replacing(self, former: frozenset[str]) -> None:
        """Give each tree the files it had in the site this one replaces (see gone.py)."""
        for folder, tree in self.trees:
            prefix = f"{folder}/"
            tree.replacing(frozenset(n[len(prefix) :] for n in former if n.startswith(prefix)))

    def gone(self) -> tuple[str, ...]:
        """Name every tree's pages for addresses gone (see gone.py)."""
        return tuple(f"{folder}/{name}" for folder, tree in self.trees for name in tree.gone())

    def size_warnings(self, sizes: dict[str, int]) -> list[Problem]:
        """Warn per tree about pages and single files past its limits."""
        found = []
        for folder, tree in self.trees:
            prefix = f"{folder}/"
            own = {n.removeprefix(prefix): s for n, s in sizes.items() if n.startswith(prefix)}
            found += tree.size_warnings(own)
        return found


def entry(folder: str, site: Site, stamp: str) -> dict[str, Any]:
    """Say what the start page shows of one tree."""
    settings = site.settings
    return {
        "folder": folder,
        "title": settings.title,
        "description": settings.description,
        "owner": settings.owner,
        "updated": settings.updated,
        "version": settings.version,
        "stamp": stamp,
    }
