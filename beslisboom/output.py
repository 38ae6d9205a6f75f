"""An output file in memory: its bytes, or its parts in order.

The overview and the single file are made of thousands of rendered pieces; keeping them
as parts (tuples of the pieces' own bytes) instead of joining them saves a copy of each,
in the build and in the preview, which also keeps the pieces.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

FileData = bytes | tuple[bytes, ...]
Files = Mapping[str, FileData]
Stream = Files | Iterable[tuple[str, FileData]]  # files, or (name, data) as they are made


def each(files: Stream) -> Iterable[tuple[str, FileData]]:
    """Give the files as (name, data), whether kept together or made one by one."""
    return files.items() if isinstance(files, Mapping) else files


def size(data: FileData) -> int:
    """Count a file's bytes."""
    return len(data) if isinstance(data, bytes) else sum(len(part) for part in data)


def joined(data: FileData) -> bytes:
    """Give a file's bytes in one piece."""
    return data if isinstance(data, bytes) else b"".join(data)


def parts(data: FileData) -> tuple[bytes, ...]:
    """Give a file's bytes as parts."""
    return (data,) if isinstance(data, bytes) else data
