"""Markdown additions: notes on links that leave the site, and a quicker inline pass.

The quicker inline pass gives exactly the output of Markdown's own: it only skips an
inline pattern on a piece of text that lacks the character every match of that pattern
needs (no '*' or '_', no emphasis). Most text in a decision tree is plain prose, and
trying all fourteen patterns on every piece of it is about half of Markdown's time.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown, util
from markdown.treeprocessors import InlineProcessor, Treeprocessor

NOTES = (
    (("http://", "https://"), " (externe website)"),
    (("mailto:",), " (opent je e-mailprogramma)"),
    (("tel:",), " (bellen)"),
)

# For each of Markdown's inline patterns: text that every match contains. A pattern not
# listed here (from another extension, say) is tried on every piece of text, as usual.
NEEDS = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    "not_strong": ("*", "_"),
    "strong": ("*",),
    "emphasis": ("*",),
    "emphasis2": ("_",),
}


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


class QuickInline(InlineProcessor):
    """Markdown's inline pass, skipping the patterns a piece of text cannot match."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.needs: list[tuple[str, ...] | None] = []
        self.inlinePatterns = []  # a plain list, see run

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        registry = self.md.inlinePatterns
        patterns = list(registry)
        if patterns != self.inlinePatterns:
            # Indexing Markdown's registry sorts it again on every lookup: keep a list.
            self.inlinePatterns = patterns
            self.needs = [None] * len(patterns)
            for name, need in NEEDS.items():
                if name in registry:
                    self.needs[registry.get_index_for_name(name)] = need
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        # Markdown's own loop (the name is how Python spells its private method), with
        # one test added before each pattern. Its recursion comes back here too.
        if isinstance(data, util.AtomicString):
            return data
        patterns, needs = self.inlinePatterns, self.needs
        apply = self._InlineProcessor__applyPattern
        start = 0
        while patternIndex < len(patterns):
            need = needs[patternIndex]
            if need is not None:
                for text in need:
                    if text in data:
                        break
                else:  # the pattern cannot match: as if it had been tried and failed
                    patternIndex, start = patternIndex + 1, 0
                    continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class LinkNotesExtension(Extension):
    """Add LinkNotes after Markdown's own tree processors, and the quicker inline pass."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(LinkNotes(md), "link_notes", 5)
        if hasattr(InlineProcessor, "_InlineProcessor__handleInline"):
            md.treeprocessors.register(QuickInline(md), "inline", 20)
