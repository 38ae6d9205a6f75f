"""Read the project's folders into memory: the only place a build reads files.

Everything after this works on these bytes, so an edit is noticed by its content, never
by a file's time, and the same bytes always give the same site. The preview reads again
only what its watcher saw change (see read_sources).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .messages import reason, say
from .model import Problem, hash_once, hash_slot

SITE_FILE = "site.yml"
PAGE_SUFFIX = ".md"


@dataclass(frozen=True)
class Project:
    """The folders a build reads."""

    content: Path
    templates: Path
    assets: Path
    collection: bool = False  # one tree of a site of several (collection.py)


@dataclass(frozen=True, slots=True)  # thousands live in the preview's memory
class Source:
    """One file as read: its bytes, or (in Dutch) why it could not be read."""

    path: Path
    data: bytes | None
    error: str = ""
    severity: str = "fout"  # "waarschuwing" for a file that is left out on purpose
    hash_: int = hash_slot()
    fingerprint_: tuple[Path, str, bytes] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    __hash__ = hash_once

    @property
    def fingerprint(self) -> tuple[Path, str, bytes]:
        """Tell this file apart from any other, without its bytes: path, error and hash
        (worked out once: a page the preview did not read again keeps it)."""
        if self.fingerprint_ is None:
            digest = hashlib.sha256(self.data).digest() if self.data is not None else b""
            object.__setattr__(self, "fingerprint_", (self.path, self.error, digest))
        return self.fingerprint_  # type: ignore[return-value]


@dataclass(frozen=True)
class Sources:
    """Everything a build reads, as it was on disk."""

    project: Project
    settings: Source | None  # None when site.yml is missing
    pages: tuple[Source, ...]
    templates: tuple[tuple[str, bytes], ...]
    assets: tuple[tuple[str, bytes], ...]
    media: tuple[tuple[str, bytes], ...] = ()  # pictures and attachments beside the pages
    others: tuple[str, ...] = ()  # names of the other files there: of a kind not published
    found: tuple[tuple[str, str], ...] = ()  # as pages: name in content/ and kind (find_pages)


BOM = b"\xef\xbb\xbf"


def content_hash(sources: Sources) -> str:
    """Give a short code for the content as written: site.yml, every page and every
    picture or attachment, by name and bytes. The same content gives the same code on any
    machine: names are compared as NFC with '/', and a text's line ends and byte order
    mark (which Windows and git may change) are left out."""
    digest = hashlib.sha256()
    content = sources.project.content
    texts = [s for s in (sources.settings, *sources.pages) if s is not None]
    files = [(relative_name(s.path, content), text_bytes(s.data or b"")) for s in texts]
    files += [(unicodedata.normalize("NFC", name), data) for name, data in sources.media]
    for name, data in sorted(files):
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:8]


def relative_name(path: Path, content: Path) -> str:
    """Name a file by its place in the content folder, the same way on every system."""
    try:
        name = path.relative_to(content).as_posix()
    except ValueError:
        name = path.as_posix()
    return unicodedata.normalize("NFC", name)


def text_bytes(data: bytes) -> bytes:
    """Give a text file's bytes without a byte order mark and with '\n' line ends."""
    return data.removeprefix(BOM).replace(b"\r\n", b"\n")


def read_sources(
    project: Project, earlier: Sources | None = None, changed: Iterable[Path] | None = None
) -> Sources:
    """Read site.yml, every page, every template and every asset.

    earlier and changed: the preview's last read and every path its watcher saw change
    since. A page or picture that was a plain file then and now and is not named (nor is
    a folder above it) is taken from that read: its bytes are the same. Without changed,
    every file is read, and a page whose bytes are those of the earlier read keeps that
    copy, so that memory holds one (and the memo finds it at once).
    """
    touched = named(project.content, changed) if earlier is not None else None
    if earlier is not None and touched is not None:
        quick = reread(project, earlier, touched)
        if quick is not None:
            return quick
    content = project.content
    inside = content.resolve()
    entries = listing(content)  # one walk of content/ for pages and the rest
    beside = visible_files(entries)
    media = tuple(rel for rel in beside if suffix_of(rel) in MEDIA_SUFFIXES)
    known = (*MEDIA_SUFFIXES, *MISNAMED_SUFFIXES, ".yml")
    before = (
        dict(zip([rel for rel, _ in earlier.found], earlier.pages, strict=True)) if earlier else {}
    )
    found, pages = find_pages(entries), []
    for rel, kind in found:
        source = before.get(rel)
        if kind != FILE or source is None or source.data is None or not untouched(rel, touched):
            read = read_source(content / rel, kind, inside)
            source = source if source == read else read  # the same bytes: keep the earlier copy
        pages.append(source)
    earlier_media = earlier.media if earlier else ()
    kept_media = {rel: data for rel, data in earlier_media if untouched(rel, touched)}
    return Sources(
        project=project,
        settings=read_settings(content),
        pages=tuple(pages),
        templates=read_folder(project.templates),
        assets=read_folder(project.assets),
        media=tuple((rel, kept_media.get(rel) or (content / rel).read_bytes()) for rel in media),
        others=tuple(rel for rel in beside if not rel.lower().endswith(known)),
        found=tuple(found),
    )


def read_settings(content: Path) -> Source | None:
    """Read site.yml, if it is there."""
    path = content / SITE_FILE
    return read_source(path, FILE) if path.is_file() else None


def named(content: Path, changed: Iterable[Path] | None) -> list[str] | None:
    """Name the changed paths in content/ as the listing does ('stap1/vraag.md'); None
    where every file may have changed (no names, or content/ or a folder above it).
    Hidden files and folders are left out, as the listing leaves them out."""
    if changed is None:
        return None
    base = os.path.abspath(content)
    found = []
    for path in changed:
        try:
            rel = os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")
        except ValueError:  # another drive, on Windows: not in content/
            continue
        if set(rel.split("/")) <= {".", ".."}:
            return None  # content/ itself, or a folder above it
        if not rel.startswith("../") and not any(p.startswith(".") for p in rel.split("/")):
            found.append(rel)  # in content/, and neither a template nor an asset
    return found


def reread(project: Project, earlier: Sources, touched: list[str]) -> Sources | None:
    """Read again only the named files, if each is a page or picture that was a plain file
    and is one still: the listing of content/ is then as it was, and is not walked again.
    None: something came, went or changed its kind, and everything must be listed."""
    content = project.content
    index = {rel: number for number, (rel, kind) in enumerate(earlier.found) if kind == FILE}
    pages, media = list(earlier.pages), dict(earlier.media)
    again = [rel for rel, number in index.items() if pages[number].data is None]
    for rel in [*touched, *again]:  # a page that could not be read is read again
        path = content / rel
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return None
        except OSError:  # gone
            return None
        if rel in index:
            pages[index[rel]] = read_source(path, FILE)
        elif rel in media:
            media[rel] = path.read_bytes()
        elif rel != SITE_FILE:  # read below, as every time
            return None
    return replace(
        earlier,
        project=project,
        settings=read_settings(content),
        pages=tuple(pages),
        templates=read_folder(project.templates),
        assets=read_folder(project.assets),
        media=tuple(media.items()),
    )


def untouched(rel: str, touched: list[str] | None) -> bool:
    """Tell whether no change named since the earlier read (touched) can have changed the
    file rel: neither it nor a folder above it is named. None: anything may have changed."""
    if touched is None:
        return False
    return not any(rel == name or rel.startswith(name + "/") for name in touched)


FILE, LINK, OTHER = "bestand", "koppeling", "anders"  # what a page's directory entry is
COPY, MISNAMED = "kopie", "verkeerd-genoemd"  # what an editor's computer leaves behind
# 'stap - kopie.md', 'stap - Copy (2).md' (Windows Explorer), 'stap (1).md' (a download)
COPY_NAME = re.compile(r"(.+?)(?: - (?:kopie|copy)(?: \(\d+\))?| \(\d+\))\.md$", re.IGNORECASE)
MISNAMED_SUFFIXES = (".md.txt", ".markdown", ".mdown", ".md")  # .md only in other capitals


def read_source(path: Path, kind: str, inside: Path | None = None) -> Source:
    """Read one regular file, or say (in Dutch) why it cannot be a page.

    A link that leaves the folder `inside` is refused: its text would be published from
    elsewhere. Anything but a regular file (a pipe would never end, a device never stop)
    is refused before it is opened.
    """
    if kind == COPY:
        original = COPY_NAME.match(path.name).group(1) + PAGE_SUFFIX  # type: ignore[union-attr]
        return Source(path, None, say("kopie-overgeslagen", original=original), "waarschuwing")
    if kind == MISNAMED:
        return Source(path, None, say("verkeerde-extensie", name=page_name(path) + PAGE_SUFFIX))
    try:
        if kind == LINK:
            target = Path(os.path.realpath(path, strict=True))
            if inside is not None and inside not in target.parents:
                return Source(path, None, say("link-buiten-content", target=target))
            kind = FILE if stat.S_ISREG(os.stat(target).st_mode) else OTHER
        if kind != FILE:
            return Source(path, None, say("geen-gewoon-bestand"))
        with open(path, "rb") as file:
            return Source(path, file.read())
    except (OSError, RuntimeError) as error:  # RuntimeError: a link loop, on Python 3.10
        return Source(path, None, say("niet-leesbaar", reason=reason(error)))


def find_pages(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pick the Markdown files from a listing of content/ (see listing), each with what it
    is: FILE, LINK or OTHER, or COPY or MISNAMED for what an editor's computer leaves."""
    found = []
    for rel, kind in entries:
        name = rel.rsplit("/", 1)[-1]
        if name.startswith("~$"):
            continue  # Word's lock file beside a file it has open: never content
        if name.endswith(PAGE_SUFFIX):
            found.append((rel, COPY if COPY_NAME.match(name) else kind))
        elif name.lower().endswith(MISNAMED_SUFFIXES):
            found.append((rel, MISNAMED))
    return found


def kind_of(entry: os.DirEntry[str]) -> str:
    """Tell what a page's directory entry is, from the folder listing alone."""
    if entry.is_symlink():
        return LINK
    return FILE if entry.is_file(follow_symlinks=False) else OTHER


def page_name(path: Path) -> str:
    """Give a page file's name without its suffix, whatever the suffix's spelling."""
    name = path.name
    for suffix in MISNAMED_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


MEDIA_SUFFIXES = (
    ".png .jpg .jpeg .gif .svg .webp .pdf .docx .xlsx .pptx .odt .ods .odp .txt .csv".split()
)


def suffix_of(name: str) -> str:
    """Give a file name's suffix in small letters ('.png'), or ''."""
    base = name.rsplit("/", 1)[-1]
    return base[base.rfind(".") :].lower() if "." in base.lstrip(".") else ""


def listing(folder: Path) -> list[tuple[str, str]]:
    """List everything below a folder that is not a folder, sorted by its relative name
    with '/', with what the folder listing says it is (FILE, LINK or OTHER); hidden files
    and folders are left out."""
    found = []

    def visit(path: str, prefix: str) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    visit(entry.path, f"{prefix}{entry.name}/")
                else:
                    found.append((prefix + entry.name, kind_of(entry)))

    if folder.is_dir():
        visit(str(folder), "")
    return sorted(found)


def visible_files(entries: list[tuple[str, str]]) -> list[str]:
    """Pick the regular files from a listing (a link may lead anywhere)."""
    return [rel for rel, kind in entries if kind == FILE]


def read_folder(folder: Path) -> tuple[tuple[str, bytes], ...]:
    """Read every visible file below a folder, by its relative name with '/'."""
    return tuple((rel, (folder / rel).read_bytes()) for rel in visible_files(listing(folder)))


def decode(source: Source, problems: list[Problem]) -> str | None:
    """Read a file's bytes as UTF-8 (with or without BOM, any line ending), or say why not."""
    path, raw = source.path, source.data
    if raw is None:
        problems.append(Problem(path, None, source.error, source.severity))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                path,
                line,
                say("geen-utf8"),
            )
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_id(value: Any) -> str:
    """Compose accents the same way whether a name came from macOS, Windows or YAML."""
    return unicodedata.normalize("NFC", str(value).strip())
