"""Turn the checked site into every output file, (path, bytes), without touching any file.

Each output has its module: pages, overview (with flowchart), single and routedata. Each
lists the pieces it needs rendered (one template for one node); all pieces are rendered
in one go, each remembered by its value.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from . import gone, overview, pages, routedata, single
from .design import ASSET_DIR, STAMP, Design
from .graph import outline
from .links import MEDIA_DIR
from .memo import Memo
from .messages import say
from .model import Lookup, Problem, Site
from .output import FileData, joined
from .plan import Batch, Piece, Plan, file_names, render_batch, single_name
from .routes import count_routes
from .settings import iso_date


def render_files(
    site: Site,
    design: Design,
    memo: Memo,
    jobs: int = 1,
    written: Site | None = None,
    stamp: str = "",
    shared: str = "",
    others: Lookup[str] | None = None,
    gone_names: tuple[str, ...] = (),
    merged: Lookup[str] | None = None,
) -> Iterator[tuple[str, FileData]]:
    """Render the site: node pages, overview, route data, single file, assets and the
    version file, as (name, data), each node page as soon as it is rendered: a build
    writes them while the rest is still being rendered.

    site holds a page per node; written, if the labels unfolded it (see unfold.py), is
    the tree as the editor wrote it, which the overview and flowchart show. stamp: the
    code of the content (sources.content_hash), on every page. shared: where the pages
    find the shared assets ('../' for a tree in a site of several, see collection.py);
    others: the pages of the other trees there that texts link to (Links.others).
    gone_names: the addresses of the site this one replaces that it has no more, each to
    get a page, and merged: the situations merged into pages of other names (see gone.py).
    """
    code = stamp.encode()
    plan = Plan(site, memo, written, shared, others)
    for name, data in made_files(plan, design, memo, jobs):
        yield name, stamped(data, code) if name.endswith(".html") else data
    for name, data in gone.assemble(plan, gone_names, merged or Lookup(), design).items():
        yield name, stamped(data, code)
    yield VERSION_FILE, version_file(site, written or site, memo, stamp)


VERSION_FILE = "versie.json"


def stamped(data: FileData, code: bytes) -> FileData:
    """Put the content's code where a page's template showed it (design.STAMP)."""
    if isinstance(data, bytes):
        return data.replace(STAMP, code) if STAMP in data else data
    return tuple(part.replace(STAMP, code) if STAMP in part else part for part in data)


def version_file(site: Site, written: Site, memo: Memo, stamp: str) -> bytes:
    """Say which version this is, for programs: version, code, date, pages and routes."""
    settings = site.settings
    facts = {
        "title": settings.title,
        "version": settings.version or None,
        "code": stamp or None,
        "updated": iso_date(settings.updated) or None,
        "pages": len(site.nodes),
        "pages_written": len(written.nodes),
        "routes": memo(count_routes, outline(site)),
    }
    return (json.dumps(facts, ensure_ascii=False, indent=1) + "\n").encode()


def made_files(plan: Plan, design: Design, memo: Memo, jobs: int) -> Iterator[tuple[str, FileData]]:
    """Give every output file of a plan but the version file, its pages not yet stamped."""
    site = plan.site
    wanted = {"pages": pages.pieces(plan), "overview": overview.pieces(plan)}
    wanted["single"] = single.pieces(plan)
    yield from ((f"{ASSET_DIR}/{name}", data) for name, data in design.assets)
    yield from ((f"{MEDIA_DIR}/{path}", data) for path, data in site.media.items())
    kept: dict[str, list[tuple[int, Piece, bytes]]] = {"overview": [], "single": []}
    for made_for, index, piece, data in render_all(wanted, design, memo, jobs):
        if made_for == "pages":
            yield pages.name(piece), data
        else:  # an entry or a section: no footer, no code of the content, so bytes
            kept[made_for].append((index, piece, joined(data)))
    del wanted
    rendered = {
        name: [(p, data) for _, p, data in sorted(found, key=first)] for name, found in kept.items()
    }
    del kept  # from here on, each output's pieces are let go of once it is assembled
    yield from overview.assemble(plan, rendered.pop("overview"), design, memo).items()
    yield from routedata.assemble(plan).items()
    yield from single.assemble(plan, rendered.pop("single"), design, memo).items()


def render_all(
    wanted: dict[str, list[Piece]], design: Design, memo: Memo, jobs: int
) -> Iterator[tuple[str, int, Piece, FileData]]:
    """Render every piece, giving (output, its place in that output's list, piece,
    bytes) as soon as it is done. The pieces of one view are rendered together, as one
    step that the memo remembers (a page, its overview entry and its section of the single
    file are looked up once, not three times)."""
    batches: dict[int, list[tuple[str, int, Piece]]] = {}
    for made_for, listed in wanted.items():
        for index, piece in enumerate(listed):
            batches.setdefault(id(piece.view), []).append((made_for, index, piece))
    groups = list(batches.values())
    del batches
    made = memo.each(
        render_batch, design, [Batch([piece for _, _, piece in group]) for group in groups], jobs
    )
    for group, rendered in zip(groups, made, strict=True):
        for (output, index, piece), data in zip(group, rendered, strict=True):
            yield output, index, piece, data


def first(entry: tuple[int, Piece, bytes]) -> int:
    """Give a kept piece's place in its output."""
    return entry[0]


def size_warnings(site: Site, sizes: dict[str, int]) -> list[Problem]:
    """Warn about pages and the single file that grow past the limits of site.yml."""
    limits = site.settings.limits
    single = single_name(site)
    found = []
    for name, size in sizes.items():
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
