"""Rebuild for the preview, redoing only what an edit changed; the result equals a clean build.

Pages are parsed again only when their file changed (modification time and size), and
rendered again only when something they show changed (see render.Plan.stamp). Only the
output files whose bytes changed are written, each replaced whole.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import jinja2

from .load import find_pages, load_site, read_page
from .model import Node, Problem
from .pipeline import Project, Result, checked, design_texts, read_assets, template_problem
from .render import Renderer, make_environment

Stamp = tuple[int, int]


def stamp(path: Path) -> Stamp | None:
    """Return what tells a file changed: its modification time and size."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def folder_stamp(folder: Path) -> tuple[tuple[str, Stamp | None], ...]:
    """Stamp every file of a folder, to notice an edited template or asset."""
    if not folder.is_dir():
        return ()
    return tuple((p.as_posix(), stamp(p)) for p in sorted(folder.rglob("*")) if p.is_file())


class Rebuilder:
    """Keep what the last build read and made, and build again from there."""

    def __init__(self, project: Project, out: Path) -> None:
        self.project = project
        self.out = out
        self.parsed: dict[Path, tuple[Stamp | None, Node | None, list[Problem]]] = {}
        self.paths: dict[str, Path] = {}
        self.renderer: Renderer | None = None
        self.assets: dict[str, bytes] = {}
        self.design: tuple[object, ...] = ()
        self.files: dict[str, bytes] = {}  # the last good output, as served and written

    def read_pages(self, paths: list[Path]) -> list[tuple[Node | None, list[Problem]]]:
        """Parse the pages whose files changed; reuse the rest."""
        parsed = {}
        for path in paths:
            now = stamp(path)
            cached = self.parsed.get(path)
            parsed[path] = cached if cached and cached[0] == now else (now, *read_page(path))
        self.parsed = parsed
        return [(node, problems) for _, node, problems in parsed.values()]

    def refresh_design(self) -> Renderer:
        """Start a fresh renderer when a template or asset changed."""
        design = (folder_stamp(self.project.templates), folder_stamp(self.project.assets))
        if self.renderer is None or design != self.design:
            self.assets = read_assets(self.project.assets)
            self.renderer = Renderer(
                make_environment(self.project.templates), *design_texts(self.assets)
            )
            self.design = design
        return self.renderer

    def rebuild(self) -> Result:
        """Check everything again; when it is right, render what changed and write it."""
        # The caches hold a few hundred thousand objects that the cycle collector would
        # walk again and again during a rebuild; nothing here makes cycles worth chasing.
        gc.disable()
        try:
            return self._rebuild()
        finally:
            gc.enable()

    def _rebuild(self) -> Result:
        result = checked(
            *load_site(
                self.project.content,
                read_pages=self.read_pages,
                list_pages=lambda folder: find_pages(folder, self.paths),
            )
        )
        site = result.site
        if site is None or result.failed():
            return result
        try:
            rendered = self.refresh_design().render(site)
            files = {**self.assets, **rendered}
        except jinja2.TemplateError as error:
            self.renderer = None  # start afresh once the template is mended
            result.problems.append(template_problem(error, self.project.templates))
            return result
        sync(files, self.files, self.out)
        self.files = files
        result.sizes = {name: len(data) for name, data in files.items()}
        return result


def sync(files: dict[str, bytes], before: dict[str, bytes], out: Path) -> list[str]:
    """Write the files whose bytes changed, each replaced whole; remove the ones that went."""
    out.mkdir(parents=True, exist_ok=True)
    present = list_files(out)  # one listing per folder instead of a stat per file
    changed = []
    for name, data in files.items():
        old = before.get(name)
        if (old is data or old == data) and name in present:
            continue
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = target.with_name(f".{target.name}.nieuw")
        scratch.write_bytes(data)
        os.replace(scratch, target)
        changed.append(name)
    # The first time, clear whatever else the folder holds; later, what this preview wrote.
    gone = present if not before else before
    for name in gone:
        if name not in files:
            (out / name).unlink(missing_ok=True)
    return changed


def list_files(folder: Path, prefix: str = "") -> set[str]:
    """List the files below a folder as relative names with '/', without following links."""
    names = set()
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                names |= list_files(Path(entry.path), f"{prefix}{entry.name}/")
            elif entry.is_file():
                names.add(prefix + entry.name)
    return names
