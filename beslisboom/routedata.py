"""The tree as data for the optional script that remembers the reader's answers."""

from __future__ import annotations

import html
import json
import re

from .model import Site

BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|pre|tr)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


def plain_paragraphs(body_html: str) -> list[str]:
    """Turn a node's HTML into its paragraphs of plain text, for a summary."""
    text = html.unescape(TAG.sub("", BLOCK_END.sub("\n", body_html)))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


TEXT_LIMIT = 200  # larger trees leave the texts out: every page loads this file


def route_data(site: Site, names: dict[str, str]) -> bytes:
    """Write the tree, keyed by page file name, as a script that sets window.BESLISBOOM.

    The summary at the end repeats the texts met on the way; for trees over TEXT_LIMIT
    nodes it lists the questions and answers only, to keep the file small.
    """
    with_text = len(site.nodes) <= TEXT_LIMIT
    nodes = {}
    for node in site.nodes.values():
        entry: dict[str, object] = {"t": node.title}
        if node.step:
            entry["s"] = node.step
        if node.next:
            entry["n"] = names[node.next]
        if node.options:
            entry["o"] = [[o.label, names[o.next]] for o in node.options]
        text = plain_paragraphs(node.body_html)
        if text and with_text and node.id != site.start:
            entry["b"] = text
        nodes[names[node.id]] = entry
    data = {"start": names[site.start], "nodes": nodes}
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.BESLISBOOM={payload};\n".encode()
