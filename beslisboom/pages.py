"""The node pages: one HTML file per node."""

from __future__ import annotations

from .links import SITE
from .plan import Kind, Piece, Plan

TEMPLATE = "node.html"
PAGE = Kind(TEMPLATE, SITE)


def pieces(plan: Plan) -> list[Piece]:
    """List the node pages to render, in content order."""
    return [Piece(PAGE, plan.view(node)) for node in plan.site.nodes.values()]


def name(piece: Piece) -> str:
    """Give a node page's file name."""
    return piece.view.pages[piece.view.node.id]
