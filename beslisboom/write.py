"""Publish the output folder whole: the old site stays until the new one is complete.

The new site is made in a work folder beside the output and then swapped in with two
renames. A file whose bytes did not change is hard-linked from the old site instead of
written again (where the file system allows): files are never written in place, so a
file that someone else links to never changes under them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from . import output
from .output import FileData, Files

NEW, OLD = "nieuw", "oud"


def beside(out: Path, kind: str) -> Path:
    """Name a hidden folder beside the output: the site being made, or the one retired."""
    return out.with_name(f".{out.name}.{kind}")


def publish(out: Path, files: Files) -> dict[str, int]:
    """Write files as the complete contents of out; return their sizes by name."""
    out = out.absolute()
    work, old = beside(out, NEW), beside(out, OLD)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not out.exists() and old.is_dir():
        os.replace(old, out)  # an earlier build stopped between its two renames
    for leftover in (work, old):
        remove(leftover)
    work.mkdir()
    try:
        sizes = fill(work, out, files)
        if out.exists():
            os.replace(out, old)
            os.replace(work, out)
            remove(old)
        else:
            os.replace(work, out)
    finally:
        remove(work)
    return sizes


def fill(work: Path, current: Path, files: Files) -> dict[str, int]:
    """Put every file into the work folder: linked from the current site if unchanged."""
    sizes = {}
    made: set[Path] = set()
    present = plain_files(current) if current.is_dir() else set()
    for name in sorted(files):
        data = files[name]
        parts = safe_parts(name)
        target = work.joinpath(*parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if name not in present or not link_unchanged(current.joinpath(*parts), target, data):
            with open(target, "wb") as file:
                file.writelines(output.parts(data))
        sizes[name] = output.size(data)
    return sizes


def safe_parts(name: str) -> tuple[str, ...]:
    """Split an output name into its parts, refusing one that would leave the output."""
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise ValueError(f"output path leaves the output folder: {name}")
    return pure.parts


def plain_files(folder: Path, prefix: str = "") -> set[str]:
    """List the regular files below a folder, as names with '/'; links are not followed."""
    names = set()
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                names |= plain_files(Path(entry.path), f"{prefix}{entry.name}/")
            elif entry.is_file(follow_symlinks=False):
                names.add(prefix + entry.name)
    return names


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


def remove(folder: Path) -> None:
    """Remove a folder this module made, if it is there."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)
