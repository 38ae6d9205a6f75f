"""The tree as data for the optional script that remembers the reader's answers."""

from __future__ import annotations

import html
import json
import re

from .links import ROUTE_DATA, SINGLE, SITE, TEXTS
from .memo import Memo
from .output import FileData
from .plan import Plan, View

BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|pre|tr)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
TEXT_LIMIT = 200  # larger trees leave the texts out of the summary


def plain_paragraphs(body_html: str) -> list[str]:
    """Turn a node's HTML into its paragraphs of plain text, for a summary."""
    text = html.unescape(TAG.sub("", BLOCK_END.sub("\n", body_html)))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def node_json(mode: str, view: View) -> str:
    """Write one node's entry of the route data: '"page.html":{...}', keys sorted.

    mode tells whether the names are pages of the site or sections of the single file.
    """
    node = view.node
    names = view.sections if mode == SINGLE else view.pages
    entry: dict[str, object] = {"t": node.title}
    if node.step:
        entry["s"] = node.step
    if node.next:
        entry["n"] = names[node.next]
    if node.options:
        entry["o"] = [
            [o.label, names[o.next], *([o.short] if o.short else [])] for o in node.options
        ]
    if node.is_real_question:
        entry["q"] = 1  # listed under 'Jouw antwoorden'
    if node.topic:
        entry["k"] = node.topic
    if view.advice:
        entry["a"] = 1
    if "~" in node.id:  # a copy made by the labels: the same question as its first page
        entry["w"] = node.id.split("~")[0]
    value = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"{json.dumps(names[node.id])}:{value}"


def route_script(plan: Plan, mode: str, memo: Memo) -> bytes:
    """Write the tree, keyed by page (or section) names, as a script setting window.BESLISBOOM.

    Every page loads it: it holds the titles, answers and links, never the texts.
    """
    names = plan.ids if mode == SINGLE else plan.names
    views = [plan.view(node) for node in plan.site.nodes.values()]
    views.sort(key=lambda view: names[view.node.id])
    nodes = ",".join(memo.map(node_json, mode, views, jobs=1))
    start = json.dumps(names[plan.site.start])
    single = ',"single":true' if mode == SINGLE else ""
    script = f'window.BESLISBOOM={{"nodes":{{{nodes}}},"start":{start}{single}}};\n'
    return script_safe(script).encode()


def node_texts(_: None, view: View) -> str:
    """Write one node's paragraphs for the summary: '"page.html":["...", ...]'."""
    paragraphs = plain_paragraphs(view.node.body_html)
    text = json.dumps(paragraphs, ensure_ascii=False, separators=(",", ":"))
    return f"{json.dumps(view.pages[view.node.id])}:{text}"


def texts_script(plan: Plan, memo: Memo) -> bytes:
    """Write the texts of the nodes, for the summary on end pages (which alone load it).

    The summary repeats the texts met on the way; for trees over TEXT_LIMIT nodes it lists
    the questions and answers only, and this file stays empty.
    """
    nodes = [n for n in plan.site.nodes.values() if n.id != plan.site.start and n.body_html]
    if len(plan.site.nodes) > TEXT_LIMIT:
        nodes = []
    views = sorted((plan.view(node) for node in nodes), key=lambda v: v.pages[v.node.id])
    entries = ",".join(memo.map(node_texts, None, views, jobs=1))
    return script_safe(f"window.BESLISBOOM_TEKSTEN={{{entries}}};\n").encode()


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
    """Write the route data file of the site, and the texts file of its end pages."""
    return {ROUTE_DATA: route_script(plan, SITE, memo), TEXTS: texts_script(plan, memo)}
