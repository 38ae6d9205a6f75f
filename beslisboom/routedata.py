"""The tree as data for the optional script that remembers the reader's answers."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

from .model import Node, Site

BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|pre|tr)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
TEXT_LIMIT = 200  # larger trees leave the texts out: every page loads this file


def plain_paragraphs(body_html: str) -> list[str]:
    """Turn a node's HTML into its paragraphs of plain text, for a summary."""
    text = html.unescape(TAG.sub("", BLOCK_END.sub("\n", body_html)))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def node_json(site: Site, node: Node, names: dict[str, str], with_text: bool) -> str:
    """Write one node's entry of the route data: '"page.html":{...}', keys sorted."""
    entry: dict[str, object] = {"t": node.title}
    if node.step:
        entry["s"] = node.step
    if node.next:
        entry["n"] = names[node.next]
    if node.options:
        entry["o"] = [[o.label, names[o.next]] for o in node.options]
    text = plain_paragraphs(node.body_html) if with_text and node.id != site.start else []
    if text:
        entry["b"] = text
    value = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"{json.dumps(names[node.id])}:{value}"


def route_data(
    site: Site, names: dict[str, str], entry: Callable[[Node, bool], str] | None = None
) -> bytes:
    """Write the tree, keyed by page file name, as a script that sets window.BESLISBOOM.

    The summary at the end repeats the texts met on the way; for trees over TEXT_LIMIT
    nodes it lists the questions and answers only, to keep the file small.
    """
    with_text = len(site.nodes) <= TEXT_LIMIT
    write = entry or (lambda node, text: node_json(site, node, names, text))
    by_name = sorted((names[node.id], node) for node in site.nodes.values())
    nodes = ",".join(write(node, with_text) for _, node in by_name)
    start = json.dumps(names[site.start])
    script = f'window.BESLISBOOM={{"nodes":{{{nodes}}},"start":{start}}};\n'
    return script.replace("</", "<\\/").encode()  # safe inside an inline <script> too
