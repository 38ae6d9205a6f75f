"""Markdown, read once per text: the HTML, and what the text links to, shows and holds.

What is a link, a picture or a piece of raw HTML is decided by Python-Markdown's own parse,
never by patterns on the source: a `<script>` in a code span or an indented code block is
text, and `<script` followed by a line break is a tag. Links and pictures are read from the
element tree (a treeprocessor); raw HTML from the chunks Markdown set apart to pass through
as they are (its `htmlStash`), each read by the standard library's HTML tokenizer.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import Registry

NOTES = (
    (("http://", "https://"), " (externe website)"),
    (("mailto:",), " (opent je e-mailprogramma)"),
    (("tel:",), " (bellen)"),
)


@dataclass(frozen=True)
class Tag:
    """A start tag in raw HTML: its name, its attributes, the raw chunk it was found in."""

    name: str
    attributes: tuple[tuple[str, str], ...]
    chunk: str
    line: int  # the line within the chunk, from 0


@dataclass(frozen=True)
class Reading:
    """One text converted: its HTML, and in the order written, its links (href), its
    pictures (src, alt) and its raw HTML tags."""

    html: str
    links: tuple[str, ...]
    pictures: tuple[tuple[str, str], ...]
    tags: tuple[Tag, ...]


class Collect(Treeprocessor):
    """Note every link and picture; mark links that leave the site for screen readers."""

    def clear(self) -> None:
        """Forget the last text (Markdown skips the tree processors for an empty one)."""
        self.links: list[str] = []
        self.pictures: list[tuple[str, str]] = []

    def run(self, root: etree.Element) -> None:
        self.clear()
        for element in root.iter():
            if element.tag == "img":
                self.pictures.append((element.get("src", ""), element.get("alt", "")))
            elif element.tag == "a":
                self.links.append(element.get("href", ""))
        for link in root.iter("a"):
            note_link(link)


def note_link(link: etree.Element) -> None:
    """Add a note for screen readers to a link that leaves the site."""
    href = link.get("href", "")
    note = next((text for prefixes, text in NOTES if href.startswith(prefixes)), None)
    if note is None:
        return
    span = etree.SubElement(link, "span", {"class": "visually-hidden"})
    span.text = note
    if href.startswith(("http://", "https://")):
        link.set("rel", "external")


class CollectExtension(Extension):
    """Add Collect after Markdown's own tree processors."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        self.collect = Collect(md)
        md.treeprocessors.register(self.collect, "collect", 5)


class StartTags(HTMLParser):
    """List the start tags of a piece of HTML, as a browser's tokenizer reads them."""

    def __init__(self, chunk: str) -> None:
        super().__init__(convert_charrefs=True)
        self.chunk = chunk
        self.found: list[Tag] = []
        self.feed(chunk)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pairs = tuple((name, value or "") for name, value in attrs)
        self.found.append(Tag(tag, pairs, self.chunk, self.getpos()[0] - 1))

    handle_startendtag = handle_starttag

    def handle_decl(self, decl: str) -> None:
        self.found.append(Tag("!" + decl.split()[0].lower(), (), self.chunk, self.getpos()[0] - 1))

    def unknown_decl(self, data: str) -> None:
        self.handle_decl(data or "cdata")

    def handle_pi(self, data: str) -> None:
        self.found.append(Tag("?", (), self.chunk, self.getpos()[0] - 1))


# What each of Python-Markdown's processors needs somewhere in a text before it can match:
# a text with none of a processor's marks is converted by a converter without it, which
# gives the same HTML sooner (a third of the time on a typical page). A block that Markdown
# splits off or un-indents holds no character the text did not, so the marks hold for the
# blocks too. Processors not listed always run. By registry: "inline" patterns,
# "block" processors, "pre" processors.
NEEDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("inline", "backtick"): ("`",),
    ("inline", "escape"): ("\\",),
    ("inline", "reference"): ("[",),
    ("inline", "link"): ("[",),
    ("inline", "image_link"): ("[",),
    ("inline", "image_reference"): ("[",),
    ("inline", "short_reference"): ("[",),
    ("inline", "short_image_ref"): ("[",),
    ("inline", "autolink"): ("<",),
    ("inline", "automail"): ("<",),
    ("inline", "linebreak"): ("  \n",),
    ("inline", "html"): ("<",),
    ("inline", "entity"): ("&",),
    ("inline", "not_strong"): ("*", "_"),  # before Python-Markdown 3.8
    ("inline", "em_strong"): ("*", "_"),
    ("inline", "em_strong2"): ("_",),  # before Python-Markdown 3.8
    ("block", "indent"): ("    ", "\t"),
    ("block", "code"): ("    ", "\t"),
    ("block", "hashheader"): ("#",),
    ("block", "setextheader"): ("=", "-"),
    ("block", "hr"): ("-", "_", "*"),
    ("block", "olist"): tuple(f"{digit}." for digit in "0123456789"),
    ("block", "ulist"): ("*", "+", "-"),
    ("block", "quote"): (">",),
    ("block", "reference"): ("[",),
    ("block", "table"): ("|",),
    ("pre", "html_block"): ("<",),
}


class Converter:
    """Markdown converters, one for each set of processors a text can need, each reset for
    every text: making one costs more than converting a page."""

    def __init__(self) -> None:
        self.by_need: dict[frozenset[tuple[str, str]], tuple[Markdown, CollectExtension]] = {}

    def converter(self, text: str) -> tuple[Markdown, CollectExtension]:
        """Give the converter with only the processors that can match in this text."""
        need = frozenset(key for key, marks in NEEDS.items() if any(m in text for m in marks))
        if need not in self.by_need:
            extension = CollectExtension()
            md = Markdown(output_format="html", extensions=[extension, "tables"])
            registries: dict[str, Registry[Any]] = {
                "inline": md.inlinePatterns,
                "block": md.parser.blockprocessors,
                "pre": md.preprocessors,
            }
            for key in NEEDS.keys() - need:
                registry, name = key
                if name in registries[registry]:
                    registries[registry].deregister(name)
            self.by_need[need] = (md, extension)
        return self.by_need[need]

    def convert(self, text: str) -> Reading:
        """Convert a text; tell what it links to, shows and holds."""
        md, extension = self.converter(text)
        collect = extension.collect
        collect.clear()
        html = md.reset().convert(text).strip()
        tags = [
            tag
            for chunk in md.htmlStash.rawHtmlBlocks
            if isinstance(chunk, str) and "<" in chunk
            for tag in StartTags(chunk).found
        ]
        return Reading(html, tuple(collect.links), tuple(collect.pictures), tuple(tags))
