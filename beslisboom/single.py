"""The single-file edition: the whole tree in one HTML file, for Connect, e-mail and USB sticks.

Every node is a section shown when its #anchor is the target; the overview, the style
sheet, the route data and the answers script are carried inside.
"""

from __future__ import annotations

import base64
import hashlib
import re

from .design import Design, render
from .links import SINGLE
from .memo import Memo
from .output import FileData
from .overview import entries, entry_pieces, flowchart
from .plan import Holes, Kind, Piece, Plan
from .routedata import route_script

SECTION = "single_section.html"
SECTION_KIND = Kind(SECTION, SINGLE, deeper=1)  # its title is an h2


def pieces(plan: Plan) -> list[Piece]:
    """List the sections and overview entries of the single file."""
    sections = [Piece(SECTION_KIND, plan.view(node)) for node in plan.page_order]
    return sections + entry_pieces(plan, SINGLE, level=2, with_text=False)


COMMENT = re.compile(r"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|/\*.*?\*/""", re.S)


def without_comments(css: str) -> str:
    """Leave out a stylesheet's comments (not a quoted '/*'): the single file carries the
    style inline, in every copy that is mailed or shared."""
    return COMMENT.sub(lambda found: found.group(1) or "", css)


def csp_hash(*parts: bytes) -> str:
    """Return the CSP source that allows exactly this inline text, given in parts."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return "'sha256-" + base64.b64encode(digest.digest()).decode("ascii") + "'"


def assemble(
    plan: Plan, rendered: list[tuple[Piece, bytes]], design: Design, memo: Memo
) -> dict[str, FileData]:
    """Render the single file."""
    links = plan.links(SINGLE)
    css = without_comments(design.asset_text("style.css")).strip()
    script = (*route_script(plan, SINGLE), design.asset_text("antwoorden.js").encode())
    sections = [section for piece, section in rendered if piece.template == SECTION]
    holes = Holes()
    html = render(
        design,
        "single.html",
        site=plan.info,
        links=links,
        css=css,
        style_hash=csp_hash(css.encode()),
        script=holes.hole(list(script)),
        script_hash=csp_hash(*script),
        bands=plan.bands,
        node_count=len(plan.written.nodes),
        with_texts=True,  # in the sections, above the overview
        flowchart=flowchart(plan.written, links, memo),
        sections=holes.hole(sections),
        entries=entries(rendered, holes),
    )
    return {plan.single: holes.fill(html)}
