"""Publish the output folder: only the build's own files, whole, one build at a time.

What this module promises:

- It deletes or replaces only files it wrote itself: the output folder carries a list of
  them (MANIFEST). A folder that holds anything else is refused, unless it is empty.
- It never writes into an existing file. The new site is made in a work folder beside
  the output (files that did not change are hard-linked from the current site, the rest
  written anew), flushed to disk, and swapped in with two renames. A hard-linked backup,
  or a file someone links to, never changes.
- After a crash the output folder is the complete old site or the complete new one. A
  crash between the two renames leaves the old site complete beside it (`.dist.oud`);
  the next run puts it back before anything else.
- One build at a time per output folder: a lock file beside it (`.dist.lock`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from filelock import FileLock, Timeout

from . import output
from .messages import say
from .output import FileData, Files

NEW, OLD, LOCK = "nieuw", "oud", "lock"
MANIFEST = ".beslisboom-site"  # in the output: what the build wrote, one name a line
HEADER = "# Gemaakt door de beslisboom-build; deze bestanden mag de build vervangen.\n"
WAIT = 10  # seconds a build waits for another build into the same folder


class Refused(Exception):
    """Publishing would touch files that are not the build's own; carries the message."""


def beside(out: Path, kind: str) -> Path:
    """Name a hidden file or folder beside the output: work, retired site or lock."""
    return out.with_name(f".{out.name}.{kind}")


def publish(out: Path, files: Files) -> dict[str, int]:
    """Make files the complete contents of out; return their sizes by name."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    with locked(out):
        repair(out)
        linkable = check_owner(out)
        work = beside(out, NEW)
        work.mkdir()
        try:
            mark(work, ())  # ours from the start, so that repair may remove it
            sizes = fill(work, out, files, linkable)
            mark(work, sorted(sizes))
            flush(work)
            swap(out, work)
        finally:
            if work.exists():
                remove_ours(work)
    return sizes


def recover(out: Path) -> None:
    """Repair what an interrupted build left beside out, before anything else is done."""
    out = out.absolute()
    if os.path.lexists(beside(out, OLD)) or os.path.lexists(beside(out, NEW)):
        with locked(out):
            repair(out)


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the output folder's lock, waiting a little for another build to finish."""
    try:
        with FileLock(str(beside(out, LOCK)), timeout=WAIT):
            yield
    except Timeout:
        raise Refused(say("uitvoer-bezig", out=out.name, seconds=WAIT)) from None


def repair(out: Path) -> None:
    """Finish what an interrupted build left: put the old site back, or clear its work."""
    old, work = beside(out, OLD), beside(out, NEW)
    if old.exists() and is_ours(old):
        if out.exists():
            remove_ours(old)  # the swap was done; only the clean-up was not
        else:
            os.replace(old, out)  # stopped between the two renames: the old site is whole
    if work.is_dir() and not work.is_symlink() and (is_ours(work) or not any(work.iterdir())):
        remove_ours(work)  # an interrupted build's work, or its empty start
    for leftover in (old, work):
        if os.path.lexists(leftover):
            raise Refused(say("uitvoer-vreemde-map", name=leftover.name))


def check_owner(out: Path) -> set[str]:
    """Refuse an output folder that holds anything the build did not write; return its
    regular files (not links), which the new site may link to when they are unchanged."""
    if not os.path.lexists(out):
        return set()
    if out.is_symlink() or not out.is_dir():
        raise Refused(say("uitvoer-geen-map", out=out.name))
    present = listing(out)
    if not present:
        return set()
    ours = written(out)
    foreign = sorted(name for name in present if name not in ours)
    if foreign:
        more = f" en {len(foreign) - 3} meer" if len(foreign) > 3 else ""
        raise Refused(
            say("uitvoer-niet-van-ons", out=out.name, files=", ".join(foreign[:3]) + more)
        )
    return {name for name, regular in present.items() if regular}


def written(folder: Path) -> set[str]:
    """Read the names a build wrote into a folder, with the manifest and their folders."""
    try:
        lines = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    names = {line for line in lines if line and not line.startswith("#")}
    folders = {str(PurePosixPath(name).parent) for name in names} - {"."}
    parents = {str(p) for name in folders for p in PurePosixPath(name).parents} - {"."}
    return names | folders | parents | {MANIFEST}


def is_ours(folder: Path) -> bool:
    """Tell whether a folder is one this module made (it carries the manifest)."""
    return not folder.is_symlink() and (folder / MANIFEST).is_file()


def listing(folder: Path, prefix: str = "") -> dict[str, bool]:
    """List every file, folder and link below a folder, as names with '/', each telling
    whether it is a regular file; links are not followed."""
    names = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                names[name] = False
                names.update(listing(Path(entry.path), f"{name}/"))
            else:
                names[name] = entry.is_file(follow_symlinks=False)
    return names


def mark(folder: Path, names: list[str] | tuple[str, ...]) -> None:
    """Write the manifest: the folder is the build's, and these are its files."""
    (folder / MANIFEST).write_text(HEADER + "".join(f"{n}\n" for n in names), encoding="utf-8")


def fill(work: Path, current: Path, files: Files, linkable: set[str]) -> dict[str, int]:
    """Put every file into the work folder: linked from the current site if it is there
    (among linkable) with the same bytes, else written anew."""
    sizes = {}
    made: set[Path] = set()
    for name in sorted(files):
        data = files[name]
        parts = safe_parts(name)
        target = work.joinpath(*parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if name not in linkable or not link_unchanged(current.joinpath(*parts), target, data):
            with open(target, "wb") as file:
                file.writelines(output.parts(data))
        sizes[name] = output.size(data)
    return sizes


def safe_parts(name: str) -> tuple[str, ...]:
    """Split an output name into its parts, refusing one that would leave the output."""
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or name == MANIFEST:
        raise ValueError(f"output path leaves the output folder: {name}")
    return pure.parts


def link_unchanged(old: Path, target: Path, data: FileData) -> bool:
    """Hard-link the old file into place if it holds exactly these bytes; tell if it did."""
    try:
        if os.stat(old).st_size != output.size(data) or not holds(old, data):
            return False
        os.link(old, target)
    except OSError:
        return False
    return True


def holds(path: Path, data: FileData) -> bool:
    """Tell whether a file holds exactly these bytes, reading it part by part."""
    with open(path, "rb") as file:
        return all(file.read(len(part)) == part for part in output.parts(data))


def flush(folder: Path) -> None:
    """Make sure every file of the new site is on disk before it is swapped in."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for root, _dirs, names in os.walk(folder):  # Windows: no sync() for the whole disk
        for name in names:
            with open(os.path.join(root, name), "rb+") as file:
                os.fsync(file.fileno())


def swap(out: Path, work: Path) -> None:
    """Put the work folder in the output's place; the old site goes once that is done."""
    old = beside(out, OLD)
    if os.path.lexists(out):
        os.replace(out, old)
        os.replace(work, out)
        sync_folder(out.parent)
        remove_ours(old)
    else:
        os.replace(work, out)
        sync_folder(out.parent)


def sync_folder(folder: Path) -> None:
    """Make the renames in a folder durable, where the system allows it (not Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def remove_ours(folder: Path) -> None:
    """Remove a folder this module made: a work folder or a retired site."""
    if folder.is_symlink():
        folder.unlink()
    else:
        shutil.rmtree(folder)
