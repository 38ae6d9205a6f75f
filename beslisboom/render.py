"""Turn the checked site into every output file, {path: bytes}, without touching any file.

Each output has its module: pages, overview (with flowchart), single and routedata. Each
lists the pieces it needs rendered (one template for one node); all pieces are rendered
in one go, each remembered by its value.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import output, overview, pages, routedata, single
from .design import ASSET_DIR, Design
from .links import MEDIA_DIR
from .memo import Memo
from .messages import say
from .model import Problem, Site
from .output import FileData
from .plan import Batch, Piece, Plan, file_names, render_batch, single_name


def render_site(
    site: Site, design: Design, memo: Memo, jobs: int = 1, written: Site | None = None
) -> dict[str, FileData]:
    """Render the site: node pages, overview, route data, single file and assets.

    site holds a page per node; written, if the labels unfolded it (see unfold.py), is
    the tree as the editor wrote it, which the overview and flowchart show.
    """
    plan = Plan(site, memo, written)
    wanted = {"pages": pages.pieces(plan), "overview": overview.pieces(plan)}
    wanted["single"] = single.pieces(plan)
    made = render_all([piece for listed in wanted.values() for piece in listed], design, memo, jobs)
    rendered = {name: [(piece, next(made)) for piece in listed] for name, listed in wanted.items()}
    del wanted
    files: dict[str, FileData] = {f"{ASSET_DIR}/{name}": data for name, data in design.assets}
    files.update({f"{MEDIA_DIR}/{path}": data for path, data in site.media.items()})
    del made  # from here on, each output's pieces are let go of once it is assembled
    files.update(pages.assemble(rendered.pop("pages")))
    files.update(overview.assemble(plan, rendered.pop("overview"), design, memo))
    files.update(routedata.assemble(plan))
    files.update(single.assemble(plan, rendered.pop("single"), design, memo))
    return files


def render_all(pieces: list[Piece], design: Design, memo: Memo, jobs: int) -> Iterator[bytes]:
    """Render every piece, in order: those of one view together, as one step that the memo
    remembers (a page, its overview entry and its section of the single file are looked
    up once, not three times)."""
    batches: dict[int, list[Piece]] = {}
    for piece in pieces:
        batches.setdefault(id(piece.view), []).append(piece)
    done = memo.map(render_batch, design, [Batch(group) for group in batches.values()], jobs)
    by_piece = {
        id(piece): page
        for group, pages in zip(batches.values(), done, strict=True)
        for piece, page in zip(group, pages, strict=True)
    }
    return (by_piece[id(piece)] for piece in pieces)


def size_warnings(site: Site, files: dict[str, FileData]) -> list[Problem]:
    """Warn about pages and the single file that grow past the limits of site.yml."""
    limits = site.settings.limits
    single = single_name(site)
    found = []
    for name, data in files.items():
        size = output.size(data)
        if name == single and size > limits.single_mb * 2**20:
            mb = f"{size / 2**20:.1f}".replace(".", ",")
            message = say("bestand-te-groot", name=name, size=mb, limit=limits.single_mb)
        elif name != single and name.endswith(".html") and size > limits.page_kb * 2**10:
            kb, limit = size // 2**10, limits.page_kb
            message = say("pagina-te-groot", page=name, size=kb, limit=limit)
        else:
            continue
        found.append((name, message))
    if not found:
        return []  # the usual case: no need to name the pages again
    sources = {name: site.nodes[n].path for n, name in file_names(site, single).items()}
    return [
        Problem(
            *((sources[name], 1) if name in sources else (site.settings_path, limits.line)),
            message,
            severity="waarschuwing",
        )
        for name, message in found
    ]
