"""The one helper that makes every link and anchor: the site's pages, or the single file.

Templates never spell a file name, an anchor or a mailto: themselves; they ask Links.
A page's Links holds only the names of the nodes that page may link to, so that what a
template receives is small enough to remember a page by.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, unquote

from .model import Lookup, hash_once, hash_slot
from .urls import slug

SITE, SINGLE = "site", "single"
ASSET_DIR = "assets"
OVERVIEW = "overzicht.html"
OVERVIEW_ID = "overzicht"  # the overview's section in the single file
ROUTE_DATA = f"{ASSET_DIR}/boom.js"
MEDIA_DIR = "bestanden"  # the site's copies of pictures and attachments
FILE_ATTRIBUTE = re.compile(r'(src|href)="([^"]+)"')
TEXT_HREF = re.compile(r'href="([^":#?]+?\.md)(?:#[^"]*)?"')  # a page's file, in its text
TEXTS = f"{ASSET_DIR}/teksten.js"
# A text's link to a page of another tree of the same site, as text.py leaves it:
# href="boom:dpia/start.md". Only in_text reads it; the checks made sure the page exists.
OTHER_TREE = "boom:"
OTHER_HREF = re.compile(r'href="boom:([^"/]+/[^"]+?)\.md(#[^"]*)?"')


@dataclass(frozen=True, slots=True)
class Links:
    """Every link one page may make, relative to that page.

    mode is SITE (a page per node: links are relative file names) or SINGLE (one file:
    links are #anchors). names maps node ids to page names, or to section ids.
    """

    mode: str
    page: str  # the output file this page becomes
    names: Lookup[str]
    single: str  # the single file's name, for the link that offers it
    shared: str = ""  # where the shared assets are: '../' for a tree in a site of several
    # the pages of other trees of the site that texts link to: 'dpia/start' -> 'dpia/index.html'
    others: Lookup[str] = Lookup()
    hash_: int = hash_slot()

    __hash__ = hash_once

    def node(self, node_id: str) -> str:
        """Link to a node: its page, or its section of the single file."""
        if self.mode == SINGLE:
            return "#" + self.names[node_id]
        return relative_url(self.page, self.names[node_id])

    def section_id(self, node_id: str) -> str:
        """Give the id of a node's section in the single file."""
        return self.names[node_id]

    def entry_id(self, node_id: str) -> str:
        """Give the id of a node's entry on the overview; the '_' keeps it apart from pages."""
        return "knoop_" + slug(node_id)

    def overview(self, node_id: str | None = None) -> str:
        """Link to the overview, or to a node's entry there (in the single file: its section)."""
        if self.mode == SINGLE:
            return "#" + (self.names[node_id] if node_id else OVERVIEW_ID)
        url = relative_url(self.page, OVERVIEW)
        if node_id is None:
            return url
        return ("" if self.page == OVERVIEW else url) + "#" + self.entry_id(node_id)

    def fragment(self, element_id: str) -> str:
        """Link to an element of this same page, by its id."""
        return "#" + element_id

    def in_text(self, body_html: str, media: Lookup[tuple[str, bytes]]) -> str:
        """Point the text's links to other pages' files (3-rol.md) at those pages here, and
        its pictures and attachments at their copies (in the single file: inside it)."""

        def point(match: re.Match[str]) -> str:
            name = unquote(html.unescape(posixpath.basename(match.group(1))))[:-3]
            page_id = unicodedata.normalize("NFC", name)
            return f'href="{self.node(page_id)}"' if page_id in self.names else match.group(0)

        def place(match: re.Match[str]) -> str:
            attribute, ref = match.group(1), html.unescape(match.group(2))
            if ref not in media:
                return match.group(0)
            path, data = media[ref]
            if self.mode == SITE:  # a space, a quote or a '#' in a name stays in the name
                return f'{attribute}="{quote(relative_url(self.page, f"{MEDIA_DIR}/{path}"))}"'
            kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
            inline = f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
            download = f' download="{html.escape(posixpath.basename(path))}"'
            return f'{attribute}="{inline}"' + (download if attribute == "href" else "")

        def elsewhere(match: re.Match[str]) -> str:
            found = self.others.get(match.group(1))
            if found is None:
                return match.group(0)
            url = relative_url(self.single if self.mode == SINGLE else self.page, "../" + found)
            return f'href="{url}{match.group(2) or ""}"'

        if OTHER_TREE in body_html:
            body_html = OTHER_HREF.sub(elsewhere, body_html)
        return FILE_ATTRIBUTE.sub(place, TEXT_HREF.sub(point, body_html))

    def is_overview(self) -> bool:
        """Tell whether this page is the overview itself."""
        return self.mode == SITE and self.page == OVERVIEW

    def asset(self, name: str) -> str:
        """Link to a file under assets/ (the single file carries none)."""
        if self.mode == SINGLE:
            raise ValueError(f"the single file cannot link to {ASSET_DIR}/{name}")
        own = f"{ASSET_DIR}/{name}" in (ROUTE_DATA, TEXTS)  # made for this tree
        return relative_url(self.page, ("" if own else self.shared) + f"{ASSET_DIR}/{name}")

    def collection(self) -> str:
        """Link to the start page of a site of several trees; empty for a tree alone and
        inside the single file."""
        if self.mode == SINGLE or not self.shared:
            return ""
        return relative_url(self.page, self.shared + "index.html")

    def single_file(self) -> str:
        """Link to the single-file edition; empty inside the single file itself."""
        return "" if self.mode == SINGLE else relative_url(self.page, self.single)

    def web(self, address: str) -> str:
        """Link to a page elsewhere, such as the accessibility statement (its address was
        checked to be http or https when site.yml was read)."""
        return address

    def email(self, address: str) -> str:
        """Link that opens the reader's e-mail program."""
        return "mailto:" + address

    def phone(self, number: str) -> str:
        """Turn a Dutch phone number as written ('06 52 64 14 36') into a tel: link."""
        digits = re.sub(r"[^\d+]", "", number)
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        elif digits.startswith("0"):
            digits = "+31" + digits[1:]
        return "tel:" + digits


def relative_url(from_page: str, to_file: str) -> str:
    """Return the relative URL from one output file to another (both relative to the root)."""
    if "/" not in from_page:  # pages at the root, the common case: the path is the link
        return to_file
    return posixpath.relpath(to_file, posixpath.dirname(from_page))
