"""Markdown addition: a note for screen readers on links that leave the site."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

NOTES = (
    (("http://", "https://"), " (externe website)"),
    (("mailto:",), " (opent je e-mailprogramma)"),
    (("tel:",), " (bellen)"),
)


class LinkNotes(Treeprocessor):
    """Add a note for screen readers to links that leave the site."""

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            note = next((text for prefixes, text in NOTES if href.startswith(prefixes)), None)
            if note is None:
                continue
            span = etree.SubElement(link, "span", {"class": "visually-hidden"})
            span.text = note
            if href.startswith(("http://", "https://")):
                link.set("rel", "external")


class LinkNotesExtension(Extension):
    """Add LinkNotes after Markdown's own tree processors."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(LinkNotes(md), "link_notes", 5)
