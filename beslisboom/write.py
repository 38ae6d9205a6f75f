"""Publish the output folder atomically: the old site stays until the new one is complete."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import TypeVar

T = TypeVar("T")

NEW, OLD = "nieuw", "oud"


def scratch_name(out: Path, kind: str) -> Path:
    """Name a hidden folder beside the output for a build in progress or a retired site."""
    return out.with_name(f".{out.name}-{kind}-{secrets.token_hex(4)}")


def remove_debris(out: Path) -> None:
    """Remove scratch folders that an interrupted earlier build left beside the output."""
    for kind in (NEW, OLD):
        for path in out.parent.glob(f".{out.name}-{kind}-*"):
            shutil.rmtree(path, ignore_errors=True)


def write_files(files: Iterable[tuple[str, bytes]], root: Path) -> dict[str, int]:
    """Write files below root, refusing paths that would leave it; return their sizes."""
    sizes = {}
    for rel, data in files:
        pure = PurePosixPath(rel)
        if pure.is_absolute() or ".." in pure.parts:
            raise ValueError(f"output path leaves the output folder: {rel}")
        target = root.joinpath(*pure.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        sizes[rel] = len(data)
    return sizes


def publish(out: Path, fill: Callable[[Path], T]) -> T:
    """Let fill write the site into a scratch folder beside out, then swap it in whole."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_debris(out)
    new = scratch_name(out, NEW)
    new.mkdir()
    try:
        result = fill(new)
        if out.exists():
            old = scratch_name(out, OLD)
            os.replace(out, old)
            try:
                os.replace(new, out)
            except OSError:
                os.replace(old, out)  # put the previous site back before giving up
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(new, out)
    finally:
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)
    return result
