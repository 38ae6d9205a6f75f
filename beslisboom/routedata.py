"""The tree as data for the optional script that remembers the reader's answers."""

from __future__ import annotations

import html
import json
import re

from .links import ROUTE_DATA, SINGLE, SITE
from .memo import Memo
from .output import FileData
from .plan import Plan, View

BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|pre|tr)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
TEXT_LIMIT = 200  # larger trees leave the texts out: every page loads this file


def plain_paragraphs(body_html: str) -> list[str]:
    """Turn a node's HTML into its paragraphs of plain text, for a summary."""
    text = html.unescape(TAG.sub("", BLOCK_END.sub("\n", body_html)))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def node_json(how: tuple[str, bool], view: View) -> str:
    """Write one node's entry of the route data: '"page.html":{...}', keys sorted.

    how is the mode (pages of the site, or sections of the single file) and whether the
    entry carries the node's text.
    """
    mode, with_text = how
    node = view.node
    names = view.sections if mode == SINGLE else view.pages
    entry: dict[str, object] = {"t": node.title}
    if node.step:
        entry["s"] = node.step
    if node.next:
        entry["n"] = names[node.next]
    if node.options:
        entry["o"] = [[o.label, names[o.next]] for o in node.options]
    text = plain_paragraphs(node.body_html) if with_text and node.id != view.site.start else []
    if text:
        entry["b"] = text
    value = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"{json.dumps(names[node.id])}:{value}"


def route_script(plan: Plan, mode: str, memo: Memo) -> bytes:
    """Write the tree, keyed by page (or section) names, as a script setting window.BESLISBOOM.

    The summary at the end repeats the texts met on the way; for trees over TEXT_LIMIT
    nodes it lists the questions and answers only, to keep the file small.
    """
    with_text = len(plan.site.nodes) <= TEXT_LIMIT
    names = plan.ids if mode == SINGLE else plan.names
    views = [plan.view(node) for node in plan.site.nodes.values()]
    views.sort(key=lambda view: names[view.node.id])
    nodes = ",".join(memo.map(node_json, (mode, with_text), views, jobs=1))
    start = json.dumps(names[plan.site.start])
    script = f'window.BESLISBOOM={{"nodes":{{{nodes}}},"start":{start}}};\n'
    return script_safe(script).encode()


# Characters that could end or change an inline <script> (or, for U+2028 and U+2029, a
# line of JavaScript in older browsers); JSON may write each as a \\u escape instead.
SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def script_safe(code: str) -> str:
    """Escape what could break JSON out of an inline <script>; the code has none outside
    its strings, where the escapes mean the same characters."""
    for character, escape in SCRIPT_ESCAPES:
        if character in code:  # str.translate would be ten times slower on a large tree
            code = code.replace(character, escape)
    return code


def assemble(plan: Plan, memo: Memo) -> dict[str, FileData]:
    """Write the route data file of the site."""
    return {ROUTE_DATA: route_script(plan, SITE, memo)}
