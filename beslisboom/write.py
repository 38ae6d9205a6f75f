"""Publish the output folder: only the build's own files, whole, one build at a time.

What this module promises:

- It deletes or replaces only files it wrote itself: the output folder carries a list of
  them (MANIFEST), and the content folder it was built from. A folder that holds anything
  else is refused, unless it is empty; a site of another content folder is replaced only
  when the editor asks (`--vervang`).
- It never writes into an existing file. The new site is made in a work folder beside
  the output (files that did not change are hard-linked from the current site, the rest
  written anew), flushed to disk, and swapped in with two renames. A hard-linked backup,
  or a file someone links to, never changes.
- After a crash at any moment the output folder is the complete old site or the complete
  new one, and the next run finishes or undoes what was left: every folder it removes
  keeps its manifest until it is empty, so a half-removed one is still known as its own.
- A retired site that can't be removed entirely (a file held open, a folder without
  permission) is set aside under a numbered name and tried again by every later run; the
  new site is published all the same, and the run says so.
- Where the folder above the output can't be written (a shared drive's `S:\\intranet\\boom`),
  the work folder and the lock go inside the output and the files are moved into place one
  by one: each file is whole at every moment, but for a moment old and new pages stand side
  by side. The run says so; after a crash the next run finishes the move.
- One build at a time per output folder: a lock file beside it (`.dist.lock`).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from filelock import FileLock, Timeout

from . import output
from .messages import reason, say
from .output import FileData, Stream

NEW, OLD, LOCK = "nieuw", "oud", "lock"
MANIFEST = ".beslisboom-site"  # in the output: what the build wrote, one name a line
INNER_WORK = ".beslisboom-nieuw"  # the work folder inside the output, where beside is not
INNER_LOCK = ".beslisboom-lock"  # the lock inside the output, likewise
HEADER = "# Gemaakt door de beslisboom-build; deze bestanden mag de build vervangen.\n"
ORIGIN = "# inhoud: "  # the manifest's line naming the content folder, relative to the output
COMPLETE = "# compleet\n"  # the manifest's last line, once every file is in the folder
WAIT = 10  # seconds a build waits for another build into the same folder
DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


class Refused(Exception):
    """Publishing would touch files that are not the build's own; carries the message."""


class Leftover(OSError):
    """A folder of the build's own could not be removed entirely; carries what stayed."""

    def __init__(self, folder: Path, path: str, error: OSError) -> None:
        super().__init__(error.errno, error.strerror)
        self.folder, self.path = folder, path


@dataclass
class Published:
    """What a publish did: the sizes of the files by name, and what the editor should know."""

    sizes: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def beside(out: Path, kind: str) -> Path:
    """Name a hidden file or folder beside the output: work, retired site or lock."""
    return out.with_name(f".{out.name}.{kind}")


def publish(out: Path, files: Stream, origin: str = "", replace: bool = False) -> Published:
    """Make files the complete contents of out; origin names the content folder."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not can_write_beside(out):
        return publish_inside(out, files, origin, replace)
    done = Published()
    with locked(beside(out, LOCK), out):
        done.notes += repair(out)
        linkable = check_owner(out, origin, replace)
        work = beside(out, NEW)
        work.mkdir()
        try:
            done.sizes = prepare(work, out, files, linkable, origin)
            done.notes += swap(out, work)
        finally:
            if work.exists():
                remove_ours(work)
    return done


def prepare(
    work: Path, out: Path, files: Stream, linkable: set[str], origin: str
) -> dict[str, int]:
    """Fill a new work folder with the site, mark it complete and flush it to disk; give
    the files' sizes. It carries a manifest from the start, so that repair may remove it."""
    mark(work, (), origin)
    sizes = fill(work, out, files, linkable)
    mark(work, sorted(sizes), origin, complete=True)
    flush(work)
    return sizes


def recover(out: Path) -> list[str]:
    """Repair what an interrupted build left, before anything else is done; return notes."""
    out = out.absolute()
    if os.path.lexists(out / INNER_WORK):
        with locked(out / INNER_LOCK, out):
            repair_inside(out)
    if any(os.path.lexists(p) for p in (beside(out, NEW), *retired(out))):
        with locked(beside(out, LOCK), out):
            return repair(out)
    return []


def can_write_beside(out: Path) -> bool:
    """Tell whether the folder above the output takes the work folder (if not: a shared
    drive's folder that may only be written inside)."""
    probe = beside(out, NEW)
    try:
        probe.mkdir()
    except FileExistsError:
        return True  # an interrupted build's work: repair() deals with it
    except OSError as error:
        if error.errno in DENIED and out.is_dir() and not out.is_symlink():
            return False
        raise
    probe.rmdir()
    return True


@contextmanager
def locked(lock: Path, out: Path) -> Iterator[None]:
    """Hold the output folder's lock, waiting a little for another build to finish."""
    try:
        with FileLock(str(lock), timeout=WAIT):
            yield
    except Timeout:
        raise Refused(say("uitvoer-bezig", out=out.name, seconds=WAIT)) from None


def retired(out: Path) -> list[Path]:
    """List the retired sites beside out: '.dist.oud', then '.dist.oud-2', '.dist.oud-3'."""
    name = beside(out, OLD).name
    try:
        present = os.listdir(out.parent)
    except OSError:
        return []
    numbers = sorted(
        int(n[len(name) + 1 :])
        for n in present
        if n.startswith(name + "-") and n[len(name) + 1 :].isdigit()
    )
    first = [beside(out, OLD)] if name in present else []
    return first + [out.with_name(f"{name}-{number}") for number in numbers]


def repair(out: Path) -> list[str]:
    """Finish what an interrupted build left: put the old site back, or clear its work and
    the retired sites; return what could not be cleared, as notes."""
    old, work = beside(out, OLD), beside(out, NEW)
    if is_ours(old) and not os.path.lexists(out) and is_whole(old):
        os.replace(old, out)  # stopped between the two renames: the old site is whole
    notes = []
    for path in (work, *retired(out)):  # an interrupted build's work, and the retired sites
        if not (is_ours(path) or is_empty(path)):
            continue  # not the build's: refused below if it holds the name the build needs
        try:
            remove_ours(path)
        except Leftover as leftover:
            notes.append(set_aside(out, leftover))
    for taken in (old, work):
        if os.path.lexists(taken):
            raise Refused(say("uitvoer-vreemde-map", name=taken.name))
    return notes


def set_aside(out: Path, leftover: Leftover) -> str:
    """Move a folder of the build's that can't be removed out of the way, under a numbered
    retired name that every later run tries again; say what stayed."""
    folder = leftover.folder
    if folder in (beside(out, OLD), beside(out, NEW)):  # not yet set aside under a number
        number = 2
        while os.path.lexists(out.with_name(f"{beside(out, OLD).name}-{number}")):
            number += 1
        folder = folder.rename(out.with_name(f"{beside(out, OLD).name}-{number}"))
    where = Path(leftover.path).relative_to(leftover.folder).as_posix()
    return say(
        "uitvoer-rest", folder=folder.name, file=where, reason=reason(leftover) or "onbekend"
    )


def check_owner(out: Path, origin: str, replace: bool) -> set[str]:
    """Refuse an output folder that holds anything the build did not write, or a site of
    another content folder; return its regular files (not links), which the new site may
    link to when they are unchanged."""
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
    other = other_origin(out, origin)
    if other and not replace:
        raise Refused(refusal_of_other(out, other, origin))
    return {name for name, regular in present.items() if regular}


def other_origin(out: Path, origin: str) -> str:
    """Name the content folder out holds a site of, if that is another one than origin."""
    other = origin_of(out) if is_ours(out) else ""
    return other if other and origin and other != origin else ""


def refusal_of_other(out: Path, other: str, origin: str) -> str:
    """Say that out holds the site of another content folder, both as the editor sees them."""

    def shown(relative: str) -> str:
        path = Path(os.path.normpath(out.absolute() / relative))
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()

    return say("uitvoer-andere-inhoud", out=out.name, other=shown(other), content=shown(origin))


def origin_of(folder: Path) -> str:
    """Read which content folder the site in a folder was built from ('' if unknown)."""
    lines = manifest_lines(folder)
    return next((line[len(ORIGIN) :] for line in lines if line.startswith(ORIGIN)), "")


def manifest_lines(folder: Path) -> list[str]:
    """Read a folder's manifest, one line an entry ([] if it has none)."""
    try:
        return (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def names_in(folder: Path) -> list[str]:
    """List the files a folder's manifest names."""
    return [line for line in manifest_lines(folder) if line and not line.startswith("#")]


def written(folder: Path) -> set[str]:
    """Read the names a build wrote into a folder, with the manifest and their folders."""
    names = set(names_in(folder))
    folders = {str(PurePosixPath(name).parent) for name in names} - {"."}
    parents = {str(p) for name in folders for p in PurePosixPath(name).parents} - {"."}
    return names | folders | parents | {MANIFEST, INNER_LOCK}


def former_pages(out: Path, origin: str) -> frozenset[str]:
    """Name the files the last build of the same content folder (origin) wrote into out:
    the addresses a reader may have saved (see gone.py). None for another's site."""
    if not is_ours(out) or origin_of(out) != origin:
        return frozenset()
    return frozenset(names_in(out))


def is_ours(folder: Path) -> bool:
    """Tell whether a folder is one this module made (it carries the manifest)."""
    return not folder.is_symlink() and (folder / MANIFEST).is_file()


def is_whole(folder: Path) -> bool:
    """Tell whether every file a folder's manifest names is in it."""
    return all(os.path.lexists(folder / name) for name in names_in(folder))


def is_empty(folder: Path) -> bool:
    """Tell whether a folder holds nothing but empty folders (what a removal that was
    stopped after the manifest leaves)."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    return all(not files for _root, _dirs, files in os.walk(folder))


def listing(folder: Path, prefix: str = "") -> dict[str, bool]:
    """List every file, folder and link below a folder, as names with '/', each telling
    whether it is a regular file; links are not followed. The inner work folder is left
    out: it is the build's own."""
    names = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            name = prefix + entry.name
            if name == INNER_WORK:
                continue
            if entry.is_dir(follow_symlinks=False):
                names[name] = False
                names.update(listing(Path(entry.path), f"{name}/"))
            else:
                names[name] = entry.is_file(follow_symlinks=False)
    return names


def mark(
    folder: Path, names: list[str] | tuple[str, ...], origin: str, complete: bool = False
) -> None:
    """Write the manifest: the folder is the build's, and these are its files. A complete
    one is written beside and renamed into place, so that it is never half there."""
    text = HEADER + (f"{ORIGIN}{origin}\n" if origin else "") + "".join(f"{n}\n" for n in names)
    if not complete:
        (folder / MANIFEST).write_text(text, encoding="utf-8")
        return
    draft = folder / (MANIFEST + ".nieuw")
    draft.write_text(text + COMPLETE, encoding="utf-8")
    os.replace(draft, folder / MANIFEST)


def fill(work: Path, current: Path, files: Stream, linkable: set[str]) -> dict[str, int]:
    """Put every file into the work folder: linked from the current site if it is there
    (among linkable) with the same bytes, else written anew."""
    sizes = {}
    made: set[str] = set()
    into, old = os.fspath(work), os.fspath(current)
    for name, data in output.each(files):
        parts = safe_parts(name)
        target = os.path.join(into, *parts)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        if name not in linkable or not link_unchanged(os.path.join(old, *parts), target, data):
            with open(target, "wb") as file:
                file.writelines(output.parts(data))
        sizes[name] = output.size(data)
    return sizes


def safe_parts(name: str) -> list[str]:
    """Split an output name into its parts, refusing one that would leave the output."""
    parts = [part for part in name.split("/") if part not in ("", ".")]
    own = (MANIFEST, INNER_WORK, INNER_LOCK)
    if name.startswith("/") or ".." in parts or not parts or parts[0] in own:
        raise ValueError(f"output path leaves the output folder: {name}")
    return parts


def link_unchanged(old: str, target: str, data: FileData) -> bool:
    """Hard-link the old file into place if it holds exactly these bytes; tell if it did."""
    try:
        if os.stat(old).st_size != output.size(data) or not holds(old, data):
            return False
        os.link(old, target)
    except OSError:
        return False
    return True


def holds(path: str, data: FileData) -> bool:
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


def swap(out: Path, work: Path) -> list[str]:
    """Put the work folder in the output's place; the old site goes once that is done."""
    old = beside(out, OLD)
    if not os.path.lexists(out):
        os.replace(work, out)
        sync_folder(out.parent)
        return []
    os.replace(out, old)
    os.replace(work, out)
    sync_folder(out.parent)
    try:
        remove_ours(old)
    except Leftover as leftover:
        return [set_aside(out, leftover)]
    return []


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
    """Remove a folder this module made: a work folder or a retired site.

    Its manifest goes last, so that a removal stopped at any moment leaves a folder that
    is still known as the build's. What can't be removed is kept (with the manifest) and
    reported as a Leftover once everything else is gone.
    """
    if folder.is_symlink():
        folder.unlink()
        return
    if not folder.exists():
        return
    failed: list[tuple[str, OSError]] = []
    manifest = os.path.join(folder, MANIFEST)
    for root, dirs, names in os.walk(folder, topdown=False, onerror=lambda e: None):
        for name in names:
            path = os.path.join(root, name)
            if path != manifest:
                remove_entry(path, os.unlink, failed)
        for name in dirs:
            path = os.path.join(root, name)
            remove_entry(path, os.unlink if os.path.islink(path) else os.rmdir, failed)
    if failed:
        path, error = failed[0]
        raise Leftover(folder, path, error)
    remove_entry(manifest, os.unlink, failed)
    remove_entry(str(folder), os.rmdir, failed)
    if failed:
        path, error = failed[0]
        raise Leftover(folder, path, error)


def remove_entry(
    path: str, remove: Callable[[str], None], failed: list[tuple[str, OSError]]
) -> None:
    """Remove one file or empty folder; note what could not be removed (a folder that
    still holds a file that could not be removed is not noted again)."""
    try:
        remove(path)
    except FileNotFoundError:
        pass
    except OSError as error:
        if error.errno not in (errno.ENOTEMPTY, errno.EEXIST) or not failed:
            failed.append((path, error))


# Publishing inside the output folder, where the folder above it can't be written.


def publish_inside(out: Path, files: Stream, origin: str, replace: bool) -> Published:
    """Publish into out itself: a work folder inside it, then every file moved into place."""
    done = Published()
    with locked(out / INNER_LOCK, out):
        repair_inside(out)
        linkable = check_owner(out, origin, replace)
        work = out / INNER_WORK
        work.mkdir()
        try:
            done.sizes = prepare(work, out, files, linkable, origin)
            move_into_place(out, work)
        finally:
            if work.exists() and not is_complete(work):
                remove_ours(work)
    done.notes.append(say("uitvoer-per-bestand", out=out.name, parent=out.parent.name or "/"))
    return done


def is_complete(folder: Path) -> bool:
    """Tell whether a folder's manifest is a complete one (written after its last file)."""
    lines = manifest_lines(folder)
    return bool(lines) and lines[-1] + "\n" == COMPLETE


def repair_inside(out: Path) -> None:
    """Finish a move into place that was stopped, or clear the work that was not done."""
    work = out / INNER_WORK
    if is_complete(work):
        move_into_place(out, work)
    elif is_ours(work) or is_empty(work):
        remove_ours(work)
    elif os.path.lexists(work):
        raise Refused(say("uitvoer-vreemde-map", name=f"{out.name}/{INNER_WORK}"))


def move_into_place(out: Path, work: Path) -> None:
    """Move every new file over the old one, remove the old files that are not new, and
    last the new manifest: each step can be done again after a crash."""
    new, old = names_in(work), set(names_in(out))
    for name in new:
        source, target = work / name, out / name
        if os.path.lexists(source):
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            if os.path.lexists(source):  # it was the same file (linked): already in place
                os.unlink(source)
    keep = written(work)
    for name in sorted(old - keep):
        remove_entry(str(out / name), os.unlink, [])
    folders = written(out) - old - keep
    for folder in sorted(folders, key=lambda n: -n.count("/")):
        remove_entry(str(out / folder), os.rmdir, [])
    os.replace(work / MANIFEST, out / MANIFEST)
    remove_ours(work)  # what stays there now: empty folders and files moved already
