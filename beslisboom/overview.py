"""The overview page: the flowchart and every node's entry, grouped by step.

The single file carries the same overview (see single.py); both use entries().
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup

from .design import Design, render
from .flowchart import LIMIT, draw_flowchart
from .links import OVERVIEW, SITE, Links
from .memo import Memo
from .model import Node, Site
from .output import FileData
from .plan import Holes, Kind, Piece, Plan

ENTRY = "overview_entry.html"
# Above this many nodes the overview page lists titles and answers only: with every text
# it would grow to megabytes (13 MB at 5,000 nodes), too much to load on a thin client.
TEXT_LIMIT = 1000


def entry_pieces(plan: Plan, mode: str, level: int, with_text: bool) -> list[Piece]:
    """List every node's entry on an overview, in reading order."""
    settings = (("level", level), ("with_text", with_text))
    page = OVERVIEW if mode == SITE else None
    kind = Kind(ENTRY, mode, page, settings, text=with_text, deeper=level + 2)
    return [Piece(kind, plan.view(node, as_written=True)) for node in plan.order]


def pieces(plan: Plan) -> list[Piece]:
    """List what the overview page needs rendered."""
    return entry_pieces(plan, SITE, level=1, with_text=with_texts(plan))


def with_texts(plan: Plan) -> bool:
    """Tell whether the overview page shows every node's text."""
    return len(plan.written.nodes) <= TEXT_LIMIT


def entries(
    rendered: list[tuple[Piece, bytes]], holes: Holes
) -> Callable[[Iterable[Node]], Markup]:
    """Give templates a function that places the rendered entries of some nodes."""
    by_id = {piece.view.node.id: entry for piece, entry in rendered if piece.template == ENTRY}

    def of(nodes: Iterable[Node]) -> Markup:
        return holes.hole([by_id[node.id] for node in nodes])

    return of


def flowchart(site: Site, links: Links, memo: Memo) -> str:
    """Draw the flowchart, remembered by the site and its links; none for a large tree."""
    if len(site.nodes) > LIMIT:
        return ""
    return memo(draw_flowchart, site, links)


def assemble(
    plan: Plan, rendered: list[tuple[Piece, bytes]], design: Design, memo: Memo
) -> dict[str, FileData]:
    """Render the overview page."""
    links = plan.links(SITE, OVERVIEW)
    holes = Holes()
    html = render(
        design,
        "overview.html",
        site=plan.info,
        links=links,
        bands=plan.bands,
        node_count=len(plan.written.nodes),
        with_texts=with_texts(plan),
        flowchart=flowchart(plan.written, links, memo),
        entries=entries(rendered, holes),
    )
    return {OVERVIEW: holes.fill(html)}
