"""The tree as data for the optional script that remembers the reader's answers."""

from __future__ import annotations

import html
import json
import re

from .links import ROUTE_DATA, SINGLE, SITE, TEXTS
from .output import FileData
from .plan import Plan, View
from .routes import written_id

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
    if node.choice:  # a page of a question with several answers: which answer it asks
        choice = node.choice
        entry["m"] = [choice.question, choice.position, choice.count, choice.label]
    if node.options:  # the question as written: the copies the labels make share it
        entry["w"] = written_id(node.id)
    value = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"{json.dumps(names[node.id])}:{value}"


def node_entries(with_texts: bool, view: View) -> tuple[bytes, bytes, bytes]:
    """Write a node's entries, safe inside a script: in the route data of the site and
    of the single file, and (with_texts) in the texts file. A pure step, done once per
    view (Plan.for_views)."""
    texts = node_texts(view) if with_texts else ""

    def safe(entry: str) -> bytes:
        return script_safe(entry).encode()

    return safe(node_json(SITE, view)), safe(node_json(SINGLE, view)), safe(texts)


def entries_of(plan: Plan) -> list[tuple[bytes, bytes, bytes]]:
    """Give every page's entries (see node_entries), in content order."""
    return plan.for_views(node_entries, len(plan.site.nodes) <= TEXT_LIMIT)


def route_script(plan: Plan, mode: str) -> tuple[bytes, ...]:
    """Write the tree, keyed by page (or section) names, as a script setting window.BESLISBOOM.

    Every page loads it: it holds the titles, answers and links, never the texts. It is
    given in parts, one per node, which are never joined in memory.
    """
    names = plan.ids if mode == SINGLE else plan.names
    which = 1 if mode == SINGLE else 0
    entries = zip(plan.site.nodes, entries_of(plan), strict=True)
    start = script_safe(json.dumps(names[plan.site.start]))
    single = ',"single":true' if mode == SINGLE else ""
    return between(
        b'window.BESLISBOOM={"nodes":{',
        [entry[which] for _, entry in sorted(entries, key=lambda e: names[e[0]])],
        f'}},"start":{start}{single}}};\n'.encode(),
    )


def between(head: bytes, entries: list[bytes], tail: bytes) -> tuple[bytes, ...]:
    """Give head, the entries with commas between them, and tail, as parts."""
    parts = [head]
    for number, entry in enumerate(entries):
        parts += (b",", entry) if number else (entry,)
    parts.append(tail)
    return tuple(parts)


def node_texts(view: View) -> str:
    """Write one node's paragraphs for the summary: '"page.html":["...", ...]'."""
    paragraphs = plain_paragraphs(view.node.body_html)
    text = json.dumps(paragraphs, ensure_ascii=False, separators=(",", ":"))
    return f"{json.dumps(view.pages[view.node.id])}:{text}"


def texts_script(plan: Plan) -> tuple[bytes, ...]:
    """Write the texts of the nodes, for the summary on end pages (which alone load it).

    The summary repeats the texts met on the way; for trees over TEXT_LIMIT nodes it lists
    the questions and answers only, and this file stays empty.
    """
    site = plan.site
    entries = []
    if len(site.nodes) <= TEXT_LIMIT:
        entries = [
            (plan.names[node.id], entry[2])
            for node, entry in zip(site.nodes.values(), entries_of(plan), strict=True)
            if node.id != site.start and node.body_html
        ]
    texts = [entry for _, entry in sorted(entries)]
    return between(b"window.BESLISBOOM_TEKSTEN={", texts, b"};\n")


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


def assemble(plan: Plan) -> dict[str, FileData]:
    """Write the route data file of the site, and the texts file of its end pages."""
    return {ROUTE_DATA: route_script(plan, SITE), TEXTS: texts_script(plan)}
