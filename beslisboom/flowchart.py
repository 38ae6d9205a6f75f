"""Draw the tree as an inline SVG flowchart at build time: boxes by step, labelled arrows."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from .graph import band, band_name, depths, reading_order
from .links import Links
from .model import Node, Site

BOX_W, BOX_H = 200, 64
COL_GAP, ROW_GAP, TOP = 36, 44, 16
LEFT = 76  # room for the step labels
LANE = 12  # distance between the side lanes of long arrows
MAX_COLS = 3
MAX_LANES = 6  # beyond this, long arrows become connector notes under their box
LIMIT = 200  # a larger tree gets no flowchart: it would be too big to read or print
LINE = 15  # height of a line of text
LABEL_CHARS, TITLE_CHARS = 30, 25


@dataclass
class Box:
    """Where one node's box is drawn."""

    node: Node
    row: int
    col: int
    x: float = 0
    y: float = 0

    @property
    def cx(self) -> float:
        return self.x + BOX_W / 2

    @property
    def bottom(self) -> float:
        return self.y + BOX_H


@dataclass
class Edge:
    """One arrow: all answers of a node that lead to the same target."""

    source: Box
    target: Box
    labels: list[str]
    kind: str = "direct"  # "direct", "lane" (along the right side) or "connector" (a note)


def make_rows(site: Site) -> list[list[Node]]:
    """Group nodes into rows: one band (step) and distance from the start, at most 3 wide."""
    depth = depths(site)
    rows: list[list[Node]] = []
    last = None
    for node in reading_order(site):
        key = (band(site, node, depth), depth.get(node.id, -1))
        if key != last or len(rows[-1]) == MAX_COLS:
            rows.append([])
        rows[-1].append(node)
        last = key
    return rows


def place_columns(site: Site, rows: list[list[Node]]) -> dict[str, Box]:
    """Put each node below the node it is the first answer of, keeping that column clear."""
    boxes: dict[str, Box] = {}
    preferred: dict[str, int] = {}
    for row_index, row in enumerate(rows):
        free = list(range(MAX_COLS))
        in_row = {node.id for node in row}
        reserved = {
            col
            for node_id, col in preferred.items()
            if node_id not in boxes and node_id not in in_row
        }
        for node in sorted(row, key=lambda n: n.id not in preferred):
            col = preferred.get(node.id)
            if col not in free:
                col = next((c for c in free if c not in reserved), free[0])
            free.remove(col)
            boxes[node.id] = Box(node, row_index, col)
            if node.targets and node.targets[0] not in boxes:
                preferred.setdefault(node.targets[0], col)
    return boxes


def make_edges(site: Site, boxes: dict[str, Box]) -> list[Edge]:
    """Merge the answers of each node that share a target into one labelled arrow."""
    edges = []
    for box in boxes.values():
        grouped: dict[str, list[str]] = {}
        for label, target, when in box.node.routes:
            # A plain "Volgende" says nothing an arrow does not: leave it off.
            plain = box.node.next and not box.node.next_label
            said = f"{label} ({when})" if when else label
            grouped.setdefault(target, []).extend([] if plain and not when else [said])
        for target, labels in grouped.items():
            if target in boxes:
                edges.append(Edge(box, boxes[target], labels))
    return edges


def classify(edges: list[Edge], boxes: dict[str, Box]) -> None:
    """Decide how each arrow is drawn: direct, along a lane, or as a connector note."""
    lanes = 0
    for edge in edges:
        if is_direct(edge, boxes):
            edge.kind = "direct"
        elif lanes < MAX_LANES:
            edge.kind, lanes = "lane", lanes + 1
        else:
            edge.kind = "connector"


def connector_lines(edge: Edge) -> list[str]:
    """Describe an arrow too long to draw, one line per answer: 'answer → target title'."""
    target = edge.target.node.title
    return [
        short(f"{label} → {target}" if label else f"→ {target}", LABEL_CHARS + 4)
        for label in edge.labels or [""]
    ]


def is_direct(edge: Edge, boxes: dict[str, Box]) -> bool:
    """Tell whether an arrow can go straight down without crossing another box."""
    source, target = edge.source, edge.target
    if target.row <= source.row:
        return False
    if target.row == source.row + 1:
        return True
    between = range(source.row + 1, target.row)
    return source.col == target.col and not any(
        b.row in between and b.col == source.col for b in boxes.values()
    )


def short(text: str, width: int) -> str:
    """Cut a text to a width, with an ellipsis when it was longer."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def label_lines(edge: Edge) -> list[str]:
    """Give the lines of an arrow's label: one per answer, each cut short."""
    return [short(label, LABEL_CHARS) for label in edge.labels]


def position(rows: list[list[Node]], boxes: dict[str, Box], edges: list[Edge]) -> float:
    """Give every box its coordinates; return the drawing's height."""
    gaps = [ROW_GAP] * len(rows)
    notes: dict[str, int] = {}
    for edge in edges:
        row = edge.source.row
        if edge.kind == "direct" and edge.labels:
            gaps[row] = max(gaps[row], LINE * len(edge.labels) + 24)
        elif edge.kind == "connector":
            notes[edge.source.node.id] = notes.get(edge.source.node.id, 0) + len(
                connector_lines(edge)
            )
            gaps[row] = max(gaps[row], LINE * notes[edge.source.node.id] + 20)
    y = TOP
    for row_index in range(len(rows)):
        for box in boxes.values():
            if box.row == row_index:
                box.x = LEFT + box.col * (BOX_W + COL_GAP)
                box.y = y
        y += BOX_H + gaps[row_index]
    return y


def draw_box(box: Box, href: Callable[[str], str], start: str) -> str:
    """Draw one node as a linked box with its title."""
    node = box.node
    kind = (
        "end"
        if node.is_end
        else "question"
        if node.is_question
        else "start"
        if (node.id == start)
        else "info"
    )
    lines = textwrap.wrap(node.title, TITLE_CHARS) or [node.id]
    if len(lines) > 3:
        lines = lines[:2] + [short(" ".join(lines[2:]), TITLE_CHARS)]
    first = box.y + BOX_H / 2 - (len(lines) - 1) * LINE / 2 + 5
    text = "".join(
        f'<tspan x="{box.cx:g}" y="{first + i * LINE:g}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<a href="{escape(href(node.id))}" class="fc-{kind}">'
        f"<title>{escape(node.title)}</title>"
        f'<rect x="{box.x:g}" y="{box.y:g}" width="{BOX_W}" height="{BOX_H}" rx="6"/>'
        f'<text text-anchor="middle">{text}</text></a>'
    )


def draw_label(lines: list[str], x: float, y: float, anchor: str) -> str:
    """Draw an arrow's label on a white ground, centred or left-aligned at (x, y)."""
    if not lines:
        return ""
    width = max(len(line) for line in lines) * 6.6 + 8
    height = len(lines) * LINE + 4
    left = x - width / 2 if anchor == "middle" else x - 4
    text_x = x if anchor == "middle" else x
    spans = "".join(
        f'<tspan x="{text_x:g}" y="{y + 12 + i * LINE:g}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<rect class="fc-label" x="{left:.1f}" y="{y:g}" width="{width:.1f}" '
        f'height="{height}"/><text text-anchor="{anchor}">{spans}</text>'
    )


def draw_edges(
    edges: list[Edge], boxes: dict[str, Box], lane_x: float
) -> tuple[list[str], list[str]]:
    """Draw the arrows and their labels: straight down where possible, else along a lane."""
    parts, labels, lanes = [], [], 0
    spread: dict[str, int] = {}
    notes: dict[str, int] = {}
    for edge in edges:
        s, t = edge.source, edge.target
        if edge.kind == "connector":
            for line in connector_lines(edge):
                done = notes[s.node.id] = notes.get(s.node.id, 0) + 1
                labels.append(
                    f'<text class="fc-note" x="{s.x + 4:g}" '
                    f'y="{s.bottom + 4 + done * LINE:g}">{escape(line)}</text>'
                )
            continue
        if edge.kind == "direct":
            count = sum(1 for e in edges if e.source is s and e.kind == "direct")
            index = spread[s.node.id] = spread.get(s.node.id, -1) + 1
            x1 = s.cx + (index - (count - 1) / 2) * 24
            y1, x2, y2 = s.bottom, t.cx, t.y - 2
            bend = (y2 - y1) / 2
            parts.append(
                f'<path d="M{x1:g} {y1:g}C{x1:g} {y1 + bend:g} {x2:g} {y2 - bend:g} '
                f'{x2:g} {y2:g}"/>'
            )
            lines = label_lines(edge)
            middle_y = (y1 + y2) / 2 - (len(lines) * LINE + 4) / 2
            labels.append(draw_label(lines, (x1 + x2) / 2, middle_y, "middle"))
            continue
        lane = lane_x + lanes * LANE
        lanes += 1
        x1, y1 = s.x + BOX_W - 16, s.bottom
        out_y = y1 + 10 + (lanes % 3) * 4
        x2, in_y = t.x + BOX_W - 16, t.y - 10 - (lanes % 3) * 4
        parts.append(f'<path d="M{x1:g} {y1:g}V{out_y:g}H{lane:g}V{in_y:g}H{x2:g}V{t.y - 2:g}"/>')
        labels.append(draw_label(label_lines(edge), x1 + 6, out_y + 2, "start"))
    return parts, labels


def draw_flowchart(site: Site, links: Links) -> str:
    """Return the whole tree as an inline <svg> whose boxes link to the pages, or ''."""
    href = links.node
    if len(site.nodes) > LIMIT:
        return ""
    rows = make_rows(site)
    boxes = place_columns(site, rows)
    edges = make_edges(site, boxes)
    classify(edges, boxes)
    cols = max((b.col for b in boxes.values()), default=0) + 1
    height = position(rows, boxes, edges)
    lane_x = LEFT + cols * BOX_W + (cols - 1) * COL_GAP + 24
    lane_count = sum(1 for e in edges if e.kind == "lane")
    width = lane_x + lane_count * LANE + 8
    parts = [
        f'<svg class="flowchart" viewBox="0 0 {width:g} {height:g}" width="{width:g}" '
        f'height="{height:g}" aria-labelledby="stroomschema-titel" focusable="false">',
        f'<title id="stroomschema-titel">Stroomschema van {escape(site.title)}</title>',
        '<defs><marker id="pijl" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z"/></marker></defs>',
    ]
    parts += draw_bands(site, boxes, width)
    arrows, labels = draw_edges(edges, boxes, lane_x)
    parts += [
        '<g class="fc-edges" fill="none" stroke="#333" marker-end="url(#pijl)">',
        *arrows,
        "</g>",
        '<g class="fc-labels">',
        *labels,
        "</g>",
    ]
    parts += [draw_box(box, href, site.start) for box in boxes.values()]
    parts.append("</svg>")
    return "\n".join(p for p in parts if p)


def draw_bands(site: Site, boxes: dict[str, Box], width: float) -> list[str]:
    """Shade every other step and name each one in the left margin."""
    depth = depths(site)
    spans: dict[int, list[float]] = {}
    for box in boxes.values():
        key = band(site, box.node, depth)
        top, bottom = spans.get(key, [box.y, box.bottom])
        spans[key] = [min(top, box.y), max(bottom, box.bottom)]
    parts = []
    for index, (key, (top, bottom)) in enumerate(sorted(spans.items())):
        name = band_name(site, key)
        if index % 2:
            parts.append(
                f'<rect class="fc-band" x="0" y="{top - 8:g}" width="{width:g}" '
                f'height="{bottom - top + 16:g}"/>'
            )
        parts.append(f'<text class="fc-step" x="8" y="{top + 20:g}">{escape(name)}</text>')
    return parts
