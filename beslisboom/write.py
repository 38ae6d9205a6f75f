"""Publish the output folder atomically: the old site stays until the new one is complete.

The new site is written into a work folder beside the output and then swapped in whole.
The retired site becomes the next build's work folder: writing over existing files is far
cheaper on some disks than making thousands of files and deleting as many (about 0.9 s
against 2.5 s for 5,000 pages on the project's machine), and each build still writes
every file.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

NEW, OLD, SPARE = "nieuw", "oud", "werkmap"


def scratch_name(out: Path, kind: str) -> Path:
    """Name a hidden folder beside the output for a build in progress or a retired site."""
    return out.with_name(f".{out.name}-{kind}-{secrets.token_hex(4)}")


def spare_name(out: Path) -> Path:
    """Name the work folder that a build writes into and leaves for the next one."""
    return out.with_name(f".{out.name}-{SPARE}")


def remove_debris(out: Path) -> None:
    """Remove scratch folders that an interrupted earlier build left beside the output."""
    for kind in (NEW, OLD):
        for path in out.parent.glob(f".{out.name}-{kind}-*"):
            shutil.rmtree(path, ignore_errors=True)


def claim_spare(out: Path) -> Path:
    """Take the work folder for this build, or make one; renaming it claims it alone."""
    new = scratch_name(out, NEW)
    try:
        os.replace(spare_name(out), new)
    except OSError:  # none yet, or something in the way: start afresh
        new.mkdir()
        return new
    if new.is_symlink() or not new.is_dir():
        new.unlink()
        new.mkdir()
    elif ignores_case(new):
        # Windows and macOS: writing 'logo.svg' over an old 'Logo.svg' keeps the old name,
        # which a case-sensitive web server would not find. Start from an empty folder.
        shutil.rmtree(new)
        new.mkdir()
    # Only plain files and folders: never write through a link someone put in the site.
    for root, dirs, files in os.walk(new):
        for name in dirs + files:
            path = os.path.join(root, name)
            if os.path.islink(path) or not (os.path.isdir(path) or os.path.isfile(path)):
                os.unlink(path)
    return new


def ignores_case(folder: Path) -> bool:
    """Tell whether the file system of a folder takes 'A' and 'a' for the same name."""
    probe = folder / ".hoofdletters"
    probe.touch()
    try:
        return (folder / ".HOOFDLETTERS").exists()
    finally:
        probe.unlink()


def keep_only(folder: Path, names: Iterable[str]) -> None:
    """Remove what an older build left in a work folder: every file not in names."""
    keep = set(names)
    for root, dirs, files in os.walk(folder, topdown=False):
        rel = Path(root).relative_to(folder)
        for name in files:
            if (rel / name).as_posix() not in keep:
                os.unlink(os.path.join(root, name))
        for name in dirs:
            path = os.path.join(root, name)
            if not os.listdir(path):
                os.rmdir(path)


def retire(folder: Path, out: Path) -> None:
    """Keep a folder as the next build's work folder, or remove it if one is there already."""
    try:
        os.replace(folder, spare_name(out))
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def write_files(files: Iterable[tuple[str, bytes]], root: Path) -> dict[str, int]:
    """Write files below root, refusing paths that would leave it; return their sizes."""
    sizes = {}
    for rel, data in files:
        pure = PurePosixPath(rel)
        if pure.is_absolute() or ".." in pure.parts:
            raise ValueError(f"output path leaves the output folder: {rel}")
        target = root.joinpath(*pure.parts)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except (FileExistsError, IsADirectoryError, NotADirectoryError):
            clear_way(root, pure)  # an older build had a file where a folder goes, or so
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        sizes[rel] = len(data)
    return sizes


def clear_way(root: Path, rel: PurePosixPath) -> None:
    """Remove files in the way of rel's folders, and a folder where rel itself goes."""
    path = root
    for part in rel.parts[:-1]:
        path = path / part
        if path.exists() and not path.is_dir():
            path.unlink()
    target = root.joinpath(*rel.parts)
    if target.is_dir():
        shutil.rmtree(target)


def publish(out: Path, fill: Callable[[Path], dict[str, int]]) -> dict[str, int]:
    """Let fill write the site into a work folder beside out, then swap it in whole.

    fill returns the sizes of the files it wrote, by name; anything else in the work
    folder, left there by an older build, is removed before the swap.
    """
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_debris(out)
    new = claim_spare(out)
    try:
        result = fill(new)
        keep_only(new, result)
        if out.exists():
            old = scratch_name(out, OLD)
            os.replace(out, old)
            try:
                os.replace(new, out)
            except OSError:
                os.replace(old, out)  # put the previous site back before giving up
                raise
            retire(old, out)
        else:
            os.replace(new, out)
    finally:
        if new.exists():  # an interrupted build: its folder serves the next one
            retire(new, out)
    return result
