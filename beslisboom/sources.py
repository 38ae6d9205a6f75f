"""Read the project's folders into memory: the only place a build reads files.

Everything after this works on these bytes, so an edit is noticed by its content, never
by a file's time, and the same bytes always give the same site.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .model import hash_once, hash_slot

SITE_FILE = "site.yml"
PAGE_SUFFIX = ".md"


@dataclass(frozen=True)
class Project:
    """The folders a build reads."""

    content: Path
    templates: Path
    assets: Path


@dataclass(frozen=True)
class Source:
    """One file as read: its bytes, or why it could not be read."""

    path: Path
    data: bytes | None
    error: str = ""
    hash_: int = hash_slot()

    __hash__ = hash_once

    def fingerprint(self) -> tuple[Path, str, bytes]:
        """Tell this file apart from any other, without its bytes: path, error and hash."""
        digest = hashlib.sha256(self.data).digest() if self.data is not None else b""
        return self.path, self.error, digest


@dataclass(frozen=True)
class Sources:
    """Everything a build reads, as it was on disk."""

    project: Project
    settings: Source | None  # None when site.yml is missing
    pages: tuple[Source, ...]
    templates: tuple[tuple[str, bytes], ...]
    assets: tuple[tuple[str, bytes], ...]


def read_sources(project: Project) -> Sources:
    """Read site.yml, every page, every template and every asset."""
    settings_path = project.content / SITE_FILE
    return Sources(
        project=project,
        settings=read_source(settings_path) if settings_path.is_file() else None,
        pages=tuple(read_source(path) for path in find_pages(project.content)),
        templates=read_folder(project.templates),
        assets=read_folder(project.assets),
    )


def read_source(path: Path) -> Source:
    """Read one file, keeping the reason if it cannot be read."""
    try:
        return Source(path, path.read_bytes())
    except OSError as error:
        return Source(path, None, error.strerror or str(error))


def find_pages(content: Path) -> list[Path]:
    """List the Markdown files under content/ in a stable order, skipping hidden ones."""
    found = []
    for folder, dirs, files in os.walk(content):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(folder, content).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found += [
            (prefix + name, Path(folder, name))
            for name in files
            if name.endswith(PAGE_SUFFIX) and not name.startswith(".")
        ]
    return [path for _, path in sorted(found)]


def read_folder(folder: Path) -> tuple[tuple[str, bytes], ...]:
    """Read every visible file below a folder, by its relative name with '/'."""
    if not folder.is_dir():
        return ()
    files = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            files.append((rel.as_posix(), path.read_bytes()))
    return tuple(files)
