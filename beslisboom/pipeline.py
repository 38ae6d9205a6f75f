"""The build as one recipe, used by build, check and the preview alike.

read → load → check → render → publish (the only step that writes). check and the preview
keep every rendered file in memory (the preview serves them); a build hands each node
page to publish as soon as it is rendered and lets it go once written, which keeps its
memory down and its disk busy while the rest is rendered. Nothing reaches the output
folder before every file is written (see write.py). With a Memo, pure steps remember
their results by the value of their inputs, which is all that makes the preview's
rebuilds quick.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import gone, output
from .check import check_published_links, check_site
from .collection import Collection, tree_folders
from .collection import read_settings as read_collection
from .design import Design, TemplateMistake, check_templates, make_design
from .graph import outline, reachable_part
from .load import load_site, shown
from .memo import Fresh, Memo
from .messages import reason, say, suggest, write_hint
from .model import NOTE, Lookup, Problem, Site
from .output import FileData, Stream
from .plan import file_names, single_name
from .render import render_files, size_warnings
from .sources import Project, Sources, content_hash, read_sources
from .unfold import unfold
from .write import Refused, former_pages, publish, recover

__all__ = ["Project", "Result", "build", "check", "format_problem"]


@dataclass
class Result:
    """What a build found and made."""

    problems: list[Problem] = field(default_factory=list)
    site: Site | None = None
    files: dict[str, FileData] = field(default_factory=dict)  # every output file, if kept
    sizes: dict[str, int] = field(default_factory=dict)  # every output file's size, if rendered
    written: bool = False  # published to the output folder
    extra_pages: int = 0  # pages the labels added (see unfold.py)
    # the files as read, for the preview's next read: one tree's, or each tree's of several
    sources: Sources | tuple[Sources, ...] | None = None
    singles: tuple[str, ...] = ()  # the single file of each tree, once rendered
    gone: tuple[str, ...] = ()  # the pages that say an earlier address is gone (gone.py)

    def failed(self, strict: bool = False) -> bool:
        """Tell whether the problems stop the build."""
        return any(p.is_error or (strict and p.severity != NOTE) for p in self.problems)

    def page_count(self) -> int:
        """Count the site's HTML pages, the single files not included (build, check, serve)."""
        left_out = {*self.singles, *self.gone}
        return sum(1 for n in self.sizes if n.endswith(".html") and n not in left_out)

    def pages_said(self) -> str:
        """Say how many pages there are, and how many of them the labels made."""
        said = f"{self.page_count()} pagina's"
        return said + (f", waarvan {self.extra_pages} door de labels" if self.extra_pages else "")


def build(
    project: Project,
    out: Path | None,
    memo: Memo | None = None,
    jobs: int = 1,
    show: Callable[[Result], None] | None = None,
    replace: bool = False,
    earlier: Sources | tuple[Sources, ...] | None = None,
    changed: Iterable[Path] | None = None,
    keep_sources: bool = False,
) -> Result:
    """Read, check and render everything; publish it to out unless out is None.

    show, if given, sees the rendered result before it is published (the preview serves
    it at once). A build with problems writes nothing. replace: the editor asked to
    replace a site of another content folder in out. earlier and changed: the files as
    read by the build before and every path changed since (see sources.read_sources);
    keep_sources: give the files as read in the result, for the next build's earlier.
    """
    memo = memo if memo is not None else Fresh()
    if out is not None:  # a crash may have left the old site beside out: put it back first
        notes = recovered(out)
        if any(p.is_error for p in notes):
            return Result(problems=notes)
    else:
        notes = []
    with collector_paused():
        ready: Ready | Collection | None
        if tree_folders(project.content):
            result, ready = make_collection(project, memo, jobs, earlier, changed, keep_sources)
        else:
            one = earlier if isinstance(earlier, Sources) else None
            result, ready = make(project, memo, jobs, one, changed, keep_sources)
        result.problems[:0] = notes
        if ready is None:
            return result
        if out is not None:  # the addresses the site had, for pages that say they are gone
            ready.replacing(former_pages(out, origin(project, out)))
            result.gone = ready.gone()
        try:
            if out is None or show is not None:  # kept: checked, or shown before published
                result.files = dict(ready.files())
                result.sizes = {name: output.size(data) for name, data in result.files.items()}
                if show is not None:
                    show(result)
                if out is not None:
                    published, _ = publish_site(out, result.files, origin(project, out), replace)
                    result.problems += published
            else:  # a build: each page is written as soon as it is rendered, then let go
                published, result.sizes = publish_site(
                    out, ready.files(), origin(project, out), replace
                )
                result.problems += published
        except TemplateMistake as mistake:
            result.problems.append(mistake.problem)
            return result
        if any(p.is_error for p in result.problems):
            return result
        result.written = out is not None
        result.problems = sorted(
            result.problems + ready.size_warnings(result.sizes), key=Problem.sort_key
        )
        memo.forget_unused()
    return result


@dataclass
class Ready:
    """A site that passed every check, with what rendering it takes."""

    site: Site  # a page per node, the labels unfolded
    written: Site  # the tree as the editor wrote it, for the overview and flowchart
    design: Design
    memo: Memo
    jobs: int
    stamp: str = ""  # the code of the content, on every page (sources.content_hash)
    others: Lookup[str] = field(default_factory=lambda: Lookup())  # other trees' pages linked
    merged: Lookup[str] = field(default_factory=lambda: Lookup())  # Unfolded.merged
    gone_names: tuple[str, ...] = ()  # addresses the site it replaces had (gone.py)

    def files(self, shared: str = "") -> Iterator[tuple[str, FileData]]:
        """Render every output file (see render.render_files)."""
        site, written = self.site, self.written
        return render_files(
            site,
            self.design,
            self.memo,
            self.jobs,
            written,
            self.stamp,
            shared,
            self.others,
            self.gone_names,
            self.merged,
        )

    def size_warnings(self, sizes: dict[str, int]) -> list[Problem]:
        """Warn about files past the limits of site.yml."""
        return size_warnings(self.site, sizes)

    def replacing(self, former: frozenset[str]) -> None:
        """Note which addresses of the site this one replaces (its files) it has no more
        and gives a page that says so (see gone.py)."""
        single = single_name(self.site)
        pages = set(file_names(self.site, single).values())
        self.gone_names = tuple(gone.names(pages, single, former))

    def gone(self) -> tuple[str, ...]:
        """Name the pages for addresses the site this one replaces had (see gone.py)."""
        return self.gone_names

    def singles(self) -> tuple[str, ...]:
        """Name the single file."""
        return (single_name(self.site),)


def recovered(out: Path) -> list[Problem]:
    """Repair what an interrupted build left (see write.recover); say why not, if need be."""
    return attempt(lambda: recover(out), out)


def publish_site(
    out: Path, files: Stream, origin: str = "", replace: bool = False
) -> tuple[list[Problem], dict[str, int]]:
    """Publish the files to out (see write.py); say what the editor should know, and why
    not, if it can't be done. Give the sizes of the files published."""
    sizes: dict[str, int] = {}

    def published() -> list[str]:
        done = publish(out, files, origin, replace)
        sizes.update(done.sizes)
        return done.notes

    return attempt(published, out), sizes


def origin(project: Project, out: Path) -> str:
    """Name the content folder as seen from the output folder: the same on every copy of
    the project, so that the same content gives the same output."""
    content, target = project.content.absolute().resolve(), out.absolute().resolve()
    try:
        return Path(os.path.relpath(content, target)).as_posix()
    except ValueError:  # another drive, on Windows
        return content.as_posix()


def attempt(action: Callable[[], list[str] | None], out: Path) -> list[Problem]:
    """Do something to the output folder; turn a refusal or a system error into a problem,
    and what it says the editor should know into notes."""
    try:
        notes = action() or []
    except Refused as refusal:
        return [Problem(out, None, str(refusal))]
    except OSError as error:
        message = say("niet-schrijfbaar", reason=reason(error), hint=write_hint(error))
        return [Problem(out, None, message)]
    return [Problem(out, None, note, NOTE) for note in notes]


def check(project: Project, jobs: int = 1) -> Result:
    """Do everything a build does but publish: `python build.py check`."""
    return build(project, None, jobs=jobs)


def make_collection(
    project: Project,
    memo: Memo,
    jobs: int,
    earlier: Sources | tuple[Sources, ...] | None = None,
    changed: Iterable[Path] | None = None,
    keep_sources: bool = False,
) -> tuple[Result, Collection | None]:
    """Read, load and check every tree of a site of several (see collection.py), each as
    if it stood alone; give what was found, and the whole ready to render if every tree
    passed. One tree's error stops them all."""
    problems: list[Problem] = []
    settings = read_collection(project.content, problems)
    before = {s.project.content: s for s in earlier} if isinstance(earlier, tuple) else {}
    trees: list[tuple[str, Ready]] = []
    kept: list[Sources] = []
    extra, failed = 0, False
    for folder in tree_folders(project.content):
        tree = Project(folder, project.templates, project.assets, collection=True)
        found, ready = make(tree, memo, jobs, before.get(folder), changed, keep_sources)
        problems += found.problems
        extra += found.extra_pages
        kept += [found.sources] if isinstance(found.sources, Sources) else []
        failed = failed or ready is None
        if ready is not None:
            trees.append((folder.name, ready))
    result = Result(
        problems=sorted(problems, key=Problem.sort_key),
        extra_pages=extra,
        sources=tuple(kept) if keep_sources else None,
    )
    if failed or result.failed() or not trees:
        return result, None
    result.problems = sorted(result.problems + link_trees(trees), key=Problem.sort_key)
    if result.failed():
        return result, None
    ready_all = Collection(settings, list(trees), trees[0][1].design)
    result.singles = tuple(f"{name}/{single}" for name, t in trees for single in t.singles())
    return result, ready_all


def link_trees(trees: list[tuple[str, Ready]]) -> list[Problem]:
    """Check every link of a text to a page of another tree ('../dpia/start.md'), as links
    within a tree are checked, and give each tree the names of the pages it links to."""
    names = {folder: file_names(ready.site, single_name(ready.site)) for folder, ready in trees}
    problems = []
    for _folder, ready in trees:
        found: dict[str, str] = {}
        for node in ready.site.nodes.values():
            for target, line in node.text_links:
                if "/" not in target:
                    continue
                tree, page_id = target.split("/", 1)
                if page_id in names.get(tree, {}):
                    found[target] = f"{tree}/{names[tree][page_id]}"
                    continue
                known = [f"{tree}/{i}" for i in names.get(tree, {})] or [f"{t}/" for t in names]
                hint = suggest(target, known)
                message = say("tekstlink-onbekend", target=target, hint=hint)
                problems.append(Problem(node.path, line, message))
        ready.others = Lookup(sorted(found.items()))
    return sorted(set(problems), key=Problem.sort_key)


def make(
    project: Project,
    memo: Memo,
    jobs: int,
    earlier: Sources | None = None,
    changed: Iterable[Path] | None = None,
    keep_sources: bool = False,
) -> tuple[Result, Ready | None]:
    """Read, load and check; give what was found, and the site ready to render if it
    passed. No file is written."""
    sources = read_sources(project, earlier, changed)
    site, problems = load_site(sources, memo, jobs)
    design = make_design(sources)
    if site is not None:  # the checks read the shape of the tree, never a text
        problems += memo(check_site, outline(site))
    if not any(p.is_error for p in problems):
        problems += memo(check_templates, design)
    kept = sources if keep_sources else None
    stamp = content_hash(sources)
    del sources  # a build that keeps nothing lets the pages' bytes go after loading
    result = Result(problems=sorted(problems, key=Problem.sort_key), site=site, sources=kept)
    if site is None or result.failed():
        return result, None
    site = reachable_part(site)  # an unreachable page (a draft) is warned about, not published
    unfolded = memo(unfold, site)  # labels and conditions become plain pages
    result.extra_pages = unfolded.extra
    found = list(unfolded.problems) + check_published_links(unfolded.site)
    result.problems = sorted(result.problems + found, key=Problem.sort_key)
    if result.failed():
        return result, None
    ready = Ready(unfolded.site, unfolded.written, design, memo, jobs, stamp)
    ready.merged = unfolded.merged
    result.singles = ready.singles()
    return result, ready


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: a build makes many objects and hardly any cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def format_problem(problem: Problem) -> str:
    """Format a problem as 'file:line: fout: message'."""
    where = shown(problem.path) + (f":{problem.line}" if problem.line else "")
    return f"{where}: {problem.severity}: {problem.message}"
