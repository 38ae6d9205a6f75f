"""Read built pages the way a browser would: links, ids, text. Used by several test files."""

from __future__ import annotations

import html
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

VOID = {"meta", "link", "br", "img", "input", "hr", "wbr", "source", "area", "base", "col"}


class Page(HTMLParser):
    """Collect references, ids, landmarks and text of one HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, bool]] = []  # (attribute value, tag, inside main)
        self.ids: list[str] = []
        self.tags: list[str] = []
        self.stack: list[str] = []
        self.text_parts: list[str] = []
        self.main_parts: list[str] = []
        self.title = ""
        self.h1: list[str] = []
        self.html_lang = ""
        self.links: list[dict[str, str]] = []  # every <a>: href, class, text, where
        self._link: dict[str, str] | None = None
        self._in_title = False
        self._h1 = -1
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "html":
            self.html_lang = values.get("lang", "")
        if "id" in values:
            self.ids.append(values["id"])
        for key in ("href", "src"):
            if key in values:
                self.refs.append((values[key], tag, "main" in self.stack))
        if tag == "title":
            self._in_title = True
        if tag == "a":
            self._link = {
                "href": values.get("href", ""),
                "class": values.get("class", ""),
                "text": "",
                "where": "main" if "main" in self.stack else "outside",
            }
            self.links.append(self._link)
        if tag == "h1":
            self.h1.append("")
            self._h1 = len(self.stack)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass
        if tag == "title":
            self._in_title = False
        if tag == "a" and self._link:
            self._link["text"] = squash(self._link["text"])
            self._link = None
        if tag == "h1":
            self._h1 = -1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif "body" in self.stack:
            self.text_parts.append(data)
            if "main" in self.stack:
                self.main_parts.append(data)
            if self._h1 >= 0:
                self.h1[-1] += data
            if self._link is not None:
                self._link["text"] += data

    @property
    def text(self) -> str:
        """Return the visible text with whitespace collapsed."""
        return squash(" ".join(self.text_parts))

    @property
    def main_text(self) -> str:
        """Return the text inside <main> with whitespace collapsed."""
        return squash(" ".join(self.main_parts))


def squash(text: str) -> str:
    """Collapse runs of whitespace into single spaces."""
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def read_pages(root: Path) -> dict[str, Page]:
    """Parse every HTML file under root, keyed by its path relative to root."""
    return {
        p.relative_to(root).as_posix(): Page(p.read_text(encoding="utf-8"))
        for p in sorted(root.rglob("*.html"))
    }


def broken_references(root: Path) -> list[str]:
    """List every href/src that does not resolve to a file (and id) inside root."""
    pages = read_pages(root)
    broken = []
    for name, page in pages.items():
        for ref, _tag, _in_main in page.refs:
            parts = urlsplit(ref)
            # data:, is an empty icon; other data: addresses carry a picture or file inside
            if parts.scheme in ("mailto", "tel", "data"):
                continue
            if parts.scheme or parts.netloc or ref.startswith("/"):
                broken.append(f"{name}: {ref} leaves the site")
                continue
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
                if parts.path
                else name
            )
            if target.startswith("..") or not (root / target).is_file():
                broken.append(f"{name}: {ref} does not exist")
            elif parts.fragment and target in pages and parts.fragment not in pages[target].ids:
                broken.append(f"{name}: {ref} has no such id")
    return broken
