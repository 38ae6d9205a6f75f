"""Draw the tree as an inline SVG flowchart at build time: boxes in layers, labelled arrows.

The arrows back to an earlier page are set apart first (a depth-first walk from the
start); every page goes one layer below the lowest page that leads to it. igraph's
layered (Sugiyama) layout then orders each layer to avoid crossings and gives a waypoint
wherever an arrow passes a layer, so that no arrow runs through a box. The rest is
drawing: boxes whose titles wrap, labels that wrap and sit where they overlap no other
label, arrows back dashed along lanes right of every box, the steps as bands across the
whole drawing.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from .conditions import in_words
from .graph import band, band_name, depths
from .links import Links
from .model import Node, Site

if TYPE_CHECKING:
    import igraph

LIMIT = 200  # a larger tree gets no flowchart: it would be too big to read or print
MAX_WIDTH = 5000  # wider than four screens: left out, the text overview says it better
# The largest drawing whose text still prints at 6 pt or more on an A4 page of its own
# (190 x 277 mm less its heading: 718 x 900 CSS pixels, 13 px text); a larger one is left
# out of the print, where the text overview stands for it (style.css).
PRINT_WIDTH, PRINT_HEIGHT = 1190, 1490
BOX_W = 190  # a box's width; its height follows its title
UNIT = BOX_W + 50  # the distance between two places in a layer
LEFT = 84  # room for the step names
TOP = 16
LINE = 15  # height of a line of text
PAD = 10  # room around a box's title
TITLE_CHARS = 24  # characters on a line of a box (13 px text in a 190 px box)
LABEL_CHARS = 26  # characters on a line of an arrow's label
CHAR_W = 7.2  # the widest average character width of 12 px labels, to size their ground
GAP = 36  # the least room between two layers
LANE = 14  # between the lanes of arrows back to an earlier page


@dataclass
class Box:
    """Where one page's box is drawn."""

    node: Node
    layer: int
    place: float  # position within the layer, in UNITs
    lines: list[str]
    x: float = 0
    y: float = 0

    @property
    def height(self) -> float:
        return len(self.lines) * LINE + 2 * PAD

    @property
    def cx(self) -> float:
        return self.x + BOX_W / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass
class Edge:
    """One arrow: all answers of a page that lead to the same page."""

    source: Box
    target: Box
    labels: list[str]
    waypoints: list[tuple[float, int]] = field(default_factory=list)  # (x in UNITs, layer)
    offset: float = 0  # where it leaves the source's bottom, from the middle

    @property
    def back(self) -> bool:
        """Tell whether the arrow goes back up, to an earlier layer or the same one."""
        return self.target.layer <= self.source.layer


@dataclass
class Label:
    """An arrow's label: its lines, and the rectangle it takes."""

    lines: list[str]
    x: float = 0
    y: float = 0

    @property
    def width(self) -> float:
        return max(len(line) for line in self.lines) * CHAR_W + 10

    @property
    def height(self) -> float:
        return len(self.lines) * LINE + 6

    def overlaps(self, other: Label) -> bool:
        return (
            abs(self.x - other.x) * 2 < self.width + other.width + 4
            and self.y < other.y + other.height + 2
            and other.y < self.y + self.height + 2
        )


def kind_of(node: Node, start: str) -> str:
    """Name a page's kind for its box's style: start, question, end or info."""
    if node.id == start:
        return "start"
    if node.is_end:
        return "end"
    return "question" if node.is_question else "info"


def routes(node: Node, words: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """List (answer, target, condition) as the flowchart names them: an answer by its
    short name where it has one ('raadplegen' for a whole sentence), a condition in the
    labels' words."""
    shorts = {option.label: option.short for option in node.options if option.short}
    return [
        (shorts.get(label, label), target, in_words(when, words))
        for label, target, when in node.routes
    ]


def layout(site: Site) -> tuple[dict[str, Box], list[Edge]]:
    """Place every page in a layer with igraph, and list the arrows between them."""
    import igraph  # loaded only for a tree that gets a flowchart: 20 ms of every start

    ids = list(site.nodes)
    index = {node_id: n for n, node_id in enumerate(ids)}
    grouped: dict[tuple[str, str], list[str]] = {}
    for node in site.nodes.values():
        plain = node.next and not node.next_label  # a plain "Volgende" says nothing more
        for label, target, when in routes(node, site.settings.label_words):
            if target in index and target != node.id:
                said = f"{label} ({when})" if when else label
                grouped.setdefault((node.id, target), []).extend(
                    [] if plain and not when else [said]
                )
    back = back_edges(site, list(grouped))
    forward = [pair for pair in grouped if pair not in back]
    graph = igraph.Graph(
        n=len(ids), edges=[(index[s], index[t]) for s, t in forward], directed=True
    )
    layers = longest_path_layers(ids, forward, graph)
    placed = graph.layout_sugiyama(layers=layers, maxiter=200)
    least = min(x for x, _ in placed.coords)
    boxes = {
        node_id: Box(
            site.nodes[node_id],
            layers[n],
            placed.coords[n][0] - least,
            textwrap.wrap(site.nodes[node_id].title, TITLE_CHARS) or [node_id],
        )
        for n, node_id in enumerate(ids)
    }
    edges = []
    for source, target in forward:
        routing = placed.edge_routing[graph.get_eid(index[source], index[target])]
        waypoints = [(point[0] - least, int(point[1])) for point in routing]
        edges.append(Edge(boxes[source], boxes[target], grouped[source, target], waypoints))
    keep_apart(boxes, edges)
    edges += [Edge(boxes[s], boxes[t], grouped[s, t]) for s, t in grouped if (s, t) in back]
    return boxes, edges


WAY_GAP = 0.25  # between two arrows passing a layer, in UNITs (a box takes 1)


def keep_apart(boxes: dict[str, Box], edges: list[Edge]) -> None:
    """Keep igraph's order within each layer, but move places apart where they overlap: a
    box and anything else a whole place, two passing arrows a quarter. (igraph may put an
    arrow's waypoint on a box when many arrows pass a layer.)"""
    layers: dict[int, list[tuple[float, int, Box | Edge, int]]] = {}
    for box in boxes.values():
        layers.setdefault(box.layer, []).append((box.place, 0, box, -1))
    for edge in edges:
        for n, (place_, layer) in enumerate(edge.waypoints):
            layers.setdefault(layer, []).append((place_, 1, edge, n))
    for items in layers.values():
        items.sort(key=lambda item: (item[0], item[1]))
        last, last_is_box = None, False
        for place_, kind, owner, n in items:
            if last is not None:
                gap = WAY_GAP if kind == 1 and not last_is_box else 1.0
                place_ = max(place_, last + gap)
            if isinstance(owner, Box):
                owner.place = place_
            else:
                owner.waypoints[n] = (place_, owner.waypoints[n][1])
            last, last_is_box = place_, kind == 0


def back_edges(site: Site, pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Find the arrows back to a page on the way to them (a depth-first walk from the
    start, answers in order): drawn apart, they leave a tree that reads top to bottom."""
    following: dict[str, list[str]] = {}
    for source, target in pairs:
        following.setdefault(source, []).append(target)
    back: set[tuple[str, str]] = set()
    state: dict[str, str] = {}
    for root in [site.start, *site.nodes]:
        if root in state:
            continue
        stack = [(root, iter(following.get(root, [])))]
        state[root] = "open"
        while stack:
            node_id, rest = stack[-1]
            onward = next(rest, None)
            if onward is None:
                state[node_id] = "done"
                stack.pop()
            elif state.get(onward) == "open":
                back.add((node_id, onward))
            elif onward not in state:
                state[onward] = "open"
                stack.append((onward, iter(following.get(onward, []))))
    return back


def longest_path_layers(
    ids: list[str], forward: list[tuple[str, str]], graph: igraph.Graph
) -> list[int]:
    """Put every page one layer below the lowest page that leads to it."""
    layer = [0] * len(ids)
    for n in graph.topological_sorting():
        layer[n] = max((layer[m] + 1 for m in graph.predecessors(n)), default=0)
    return layer


def label_lines(labels: list[str]) -> list[str]:
    """Wrap an arrow's answers, each on lines of its own: nothing is cut off."""
    return [line for label in labels for line in textwrap.wrap(label, LABEL_CHARS)]


def place(boxes: dict[str, Box], edges: list[Edge]) -> tuple[list[float], dict[int, Label]]:
    """Give every box its coordinates and every forward arrow's label its place.

    Returns the top of every layer (and the drawing's bottom as the last) and the labels
    by arrow index. A label sits in the gap below its arrow's source, on the arrow, where
    it overlaps no other label; the gap grows until every label fits.
    """
    layers = max((b.layer for b in boxes.values()), default=0) + 1
    heights = [0.0] * layers
    for box in boxes.values():
        box.x = LEFT + box.place * UNIT
        heights[box.layer] = max(heights[box.layer], box.height)
    labels: dict[int, Label] = {}
    tops = [0.0] * (layers + 1)
    y = float(TOP)
    for layer in range(layers):
        tops[layer] = y
        bottom = y + heights[layer]
        starting = [(n, e) for n, e in enumerate(edges) if not e.back and e.source.layer == layer]
        gap = fit_labels(starting, bottom, labels)
        y = bottom + gap
    tops[layers] = y
    for box in boxes.values():
        box.y = tops[box.layer]
    return tops, labels


def fit_labels(starting: list[tuple[int, Edge]], top: float, labels: dict[int, Label]) -> float:
    """Place the labels of the arrows leaving one layer in the gap below it; give the gap."""
    wanted = [(n, Label(label_lines(e.labels)), e) for n, e in starting if e.labels]
    gap = max([GAP] + [label.height + 24 for _, label, _ in wanted])
    while True:
        placed: list[Label] = []
        for n, label, edge in wanted:
            x1 = exit_x(edge)
            x2 = LEFT + (edge.waypoints[0][0] if edge.waypoints else edge.target.place) * UNIT
            x2 += BOX_W / 2
            for share in (0.5, 0.3, 0.7, 0.15, 0.85):
                label.y = top + 4 + share * (gap - label.height - 8)
                middle = (label.y + label.height / 2 - top) / gap
                label.x = x1 + (x2 - x1) * middle
                if not any(label.overlaps(other) for other in placed):
                    break
            else:
                break  # no room: a larger gap, and try again
            placed.append(label)
            labels[n] = label
        else:
            return gap
        gap = gap * 1.3 + 10


def exit_x(edge: Edge) -> float:
    """Give where an arrow leaves its source: spread over the bottom of the box."""
    return edge.source.cx + edge.offset


def spread(edges: list[Edge]) -> None:
    """Spread the arrows leaving one box over its bottom, in the order of their targets."""
    by_source: dict[int, list[Edge]] = {}
    for edge in edges:
        if not edge.back:
            by_source.setdefault(id(edge.source), []).append(edge)
    for leaving in by_source.values():
        leaving.sort(key=lambda e: e.waypoints[0][0] if e.waypoints else e.target.place)
        step = min(28, (BOX_W - 40) / max(1, len(leaving) - 1))
        for n, edge in enumerate(leaving):
            edge.offset = (n - (len(leaving) - 1) / 2) * step


def forward_path(edge: Edge, tops: list[float], heights: list[float]) -> str:
    """Draw an arrow down: out of the source's bottom, through a waypoint in every layer it
    passes (a place no box takes), into the target's top."""
    x = exit_x(edge)
    points = [(x, edge.source.bottom), (x, tops[edge.source.layer] + heights[edge.source.layer])]
    for place_, layer in edge.waypoints:
        wx = LEFT + place_ * UNIT + BOX_W / 2
        points += [(wx, tops[layer]), (wx, tops[layer] + heights[layer])]
    points.append((edge.target.cx, edge.target.y - 2))
    return "M" + "L".join(f"{px:.1f} {py:.1f}" for px, py in points)


def back_path(edge: Edge, lane: float, tops: list[float], heights: list[float]) -> str:
    """Draw an arrow back up, dashed: down out of the source into the gap below its layer,
    along that gap to a lane right of every box, up the lane to the gap above the target,
    and down into the target's top. Gaps and lanes hold no boxes."""
    s, t = edge.source, edge.target
    x1 = s.x + BOX_W - 14
    below = tops[s.layer] + heights[s.layer] + 8
    above = tops[t.layer] - 10
    x2 = t.x + BOX_W - 14
    return f"M{x1:.1f} {s.bottom:.1f}V{below:.1f}H{lane:.1f}V{above:.1f}H{x2:.1f}V{t.y - 2:.1f}"


def draw_box(box: Box, href: Callable[[str], str], start: str) -> str:
    """Draw one page as a linked box with its whole title."""
    node = box.node
    first = box.y + PAD + LINE - 3
    text = "".join(
        f'<tspan x="{box.cx:.1f}" y="{first + i * LINE:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(box.lines)
    )
    return (
        f'<a href="{escape(href(node.id))}" class="fc-{kind_of(node, start)}">'
        f"<title>{escape(node.title)}</title>"
        f'<rect class="fc-box" x="{box.x:.1f}" y="{box.y:.1f}" width="{BOX_W}" '
        f'height="{box.height:.1f}" rx="6"/>'
        f'<text text-anchor="middle">{text}</text></a>'
    )


def draw_label(label: Label) -> str:
    """Draw an arrow's label on a white ground."""
    spans = "".join(
        f'<tspan x="{label.x:.1f}" y="{label.y + 15 + i * LINE:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(label.lines)
    )
    return (
        f'<g class="fc-label"><rect x="{label.x - label.width / 2:.1f}" y="{label.y:.1f}" '
        f'width="{label.width:.1f}" height="{label.height:.1f}"/>'
        f'<text text-anchor="middle">{spans}</text></g>'
    )


def draw_flowchart(site: Site, links: Links) -> str:
    """Return the whole tree as an inline <svg> whose boxes link to the pages, or ''."""
    if len(site.nodes) > LIMIT or not site.nodes:
        return ""
    boxes, edges = layout(site)
    spread(edges)
    tops, labels = place(boxes, edges)
    heights = [0.0] * len(tops)
    for box in boxes.values():
        heights[box.layer] = max(heights[box.layer], box.height)
    right = max(box.x + BOX_W for box in boxes.values())
    right = max([right] + [label.x + label.width / 2 for label in labels.values()])
    back = [edge for edge in edges if edge.back]
    lanes = {id(edge): right + 20 + n * LANE for n, edge in enumerate(back)}
    widest = max((Label(label_lines(e.labels)).width for e in back if e.labels), default=0)
    width = right + 20 + len(back) * LANE + widest + 12
    if width > MAX_WIDTH:  # too wide to read on a screen or a page (MinBZK's was 12,270 px)
        return ""
    height = tops[-1]
    printed = width <= PRINT_WIDTH and height <= PRINT_HEIGHT
    parts = [
        f'<svg class="flowchart{"" if printed else " flowchart-unprintable"}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" aria-labelledby="stroomschema-titel" focusable="false">',
        f'<title id="stroomschema-titel">Stroomschema van {escape(site.title)}</title>',
        '<defs><marker id="pijl" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z"/></marker></defs>',
        *draw_bands(site, boxes, tops, width),
        '<g class="fc-edges" fill="none" marker-end="url(#pijl)">',
        *(f'<path d="{forward_path(e, tops, heights)}"/>' for e in edges if not e.back),
        *(f'<path class="fc-back" d="{back_path(e, lanes[id(e)], tops, heights)}"/>' for e in back),
        "</g>",
        '<g class="fc-labels">',
        *(draw_label(labels[n]) for n in sorted(labels)),
        *(draw_back_label(e, lanes[id(e)]) for e in back if e.labels),
        "</g>",
        *(draw_box(box, links.node, site.start) for box in in_flow(boxes)),
        "</svg>",
    ]
    return "\n".join(parts)


def in_flow(boxes: dict[str, Box]) -> list[Box]:
    """Order the boxes as the flow goes, layer by layer from the start, left to right in a
    layer: the order the keyboard's Tab visits their links."""
    return sorted(boxes.values(), key=lambda box: (box.layer, box.x))


def draw_back_label(edge: Edge, lane: float) -> str:
    """Label an arrow back up beside its lane, to the right of it, halfway up."""
    label = Label(label_lines(edge.labels))
    label.x = lane + label.width / 2 + 4
    label.y = (edge.source.y + edge.target.y) / 2
    return draw_label(label)


def draw_bands(site: Site, boxes: dict[str, Box], tops: list[float], width: float) -> list[str]:
    """Shade every other step across the whole drawing and name each in the left margin."""
    depth = depths(site)
    spans: dict[int, list[int]] = {}
    for box in boxes.values():
        key = band(site, box.node, depth)
        first, last = spans.get(key, [box.layer, box.layer])
        spans[key] = [min(first, box.layer), max(last, box.layer)]
    ordered = sorted(spans.items(), key=lambda item: item[1])
    overlapping = any(a[1][1] >= b[1][0] for a, b in zip(ordered, ordered[1:], strict=False))
    parts = []
    for number, (key, (first, last)) in enumerate(ordered):
        top = tops[first] - 8
        bottom = tops[last + 1] - 8
        if number % 2 and not overlapping:
            parts.append(
                f'<rect class="fc-band" x="0" y="{top:.1f}" width="{width:.0f}" '
                f'height="{bottom - top:.1f}"/>'
            )
        parts.append(
            f'<text class="fc-step" x="8" y="{top + 24:.1f}">{escape(band_name(site, key))}</text>'
        )
    return parts
