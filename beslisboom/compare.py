"""Compare two versions of one tree by their routes, then by their pages: `build.py verschil`.

What a reviewer signs is what changes for readers: every route of both versions (see
routes.py) is followed through labels and conditions as the built pages do, and a route is
named by its answers. A route whose answers now end on another page, a route that no
longer exists and a new one are listed first; then the pages added, removed or renamed,
and for each changed page what changed in it. A version with mistakes that `check`
reports is compared as far as it can be read: an answer that leads nowhere ends its route
on no page, so that the fix of a dead end shows as a route that now ends somewhere.
"""

from __future__ import annotations

import difflib
import html
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .design import templating
from .graph import reachable_part
from .load import load_site
from .memo import Fresh
from .model import Node, Problem, Site, when_text
from .routes import NOWHERE, routes
from .single import csp_hash
from .sources import Project, read_sources
from .unfold import unfold

Answers = tuple[str, ...]


@dataclass(frozen=True)
class Version:
    """One version as read: its pages as written, and where each route ends."""

    folder: Path
    site: Site
    ends: dict[Answers, str]  # answers -> the end page's name as written ('' nowhere)
    errors: int  # mistakes check reports in it (it is compared all the same)


def read_version(project: Project) -> Version | list[Problem]:
    """Read one content folder and follow every route; the problems if it can't be read."""
    site, problems = load_site(read_sources(project), Fresh())
    if site is None:
        return [p for p in problems if p.is_error]
    unfolded = unfold(reachable_part(site), despite_errors=True)
    problems += unfolded.problems
    if unfolded.site is site and any(node.uses_labels for node in site.nodes.values()):
        return [p for p in unfolded.problems if p.is_error]  # too many pages to follow
    ends = {route.answers: route.end for route in routes(unfolded.site)}
    errors = sum(1 for p in problems if p.is_error)
    return Version(project.content, site, ends, errors)


@dataclass
class PageChange:
    """What changed on one page that both versions have."""

    page: str
    file: str  # the file in the new version, relative to its content folder
    title: tuple[str, str] | None = None
    text: list[tuple[str, str, str, str]] = field(default_factory=list)  # before, old, new, after
    parts: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)  # removed, added


@dataclass
class Comparison:
    """Everything that differs between two versions, routes first."""

    old: Version
    new: Version
    changed: list[tuple[Answers, str, str]]
    removed: list[tuple[Answers, str]]
    added: list[tuple[Answers, str]]
    pages_added: list[str]
    pages_removed: list[str]
    renamed: list[tuple[str, str]]
    pages_changed: list[PageChange]
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        """Give the comparison as one JSON-ready value (see the README for its fields)."""

        def end(page: str) -> str | None:
            return page or None

        return {
            "old": summary(self.old),
            "new": summary(self.new),
            "seconds": round(self.seconds, 3),
            "routes": {
                "changed": [
                    {"answers": list(a), "old": end(o), "new": end(n)} for a, o, n in self.changed
                ],
                "removed": [{"answers": list(a), "old": end(o)} for a, o in self.removed],
                "added": [{"answers": list(a), "new": end(n)} for a, n in self.added],
            },
            "pages": {
                "added": self.pages_added,
                "removed": self.pages_removed,
                "renamed": [{"old": o, "new": n} for o, n in self.renamed],
                "changed": [page_json(change) for change in self.pages_changed],
            },
        }


def summary(version: Version) -> dict[str, Any]:
    """Say which folder a version is, with its counts."""
    return {
        "folder": version.folder.as_posix(),
        "routes": len(version.ends),
        "pages": len(version.site.nodes),
        "errors": version.errors,
    }


def page_json(change: PageChange) -> dict[str, Any]:
    """Give one changed page as a JSON-ready value."""
    found: dict[str, Any] = {"page": change.page, "file": change.file}
    if change.title:
        found["title"] = {"old": change.title[0], "new": change.title[1]}
    if change.text:
        found["text"] = [{"old": old, "new": new} for _, old, new, _ in change.text]
    for name, (removed, added) in change.parts.items():
        found[name] = {"removed": removed, "added": added}
    return found


def compare(old: Version, new: Version) -> Comparison:
    """Compare two versions: routes by their answers, then pages by their names."""
    started = time.perf_counter()
    before, after = old.site.nodes, new.site.nodes
    gone = [page for page in before if page not in after]
    came = [page for page in after if page not in before]
    renamed = renames(gone, came, old.site, new.site)
    now_named = dict(renamed)  # a route to a renamed page ends where it did
    both = [a for a in old.ends if a in new.ends]
    changed = [
        (a, old.ends[a], new.ends[a])
        for a in both
        if now_named.get(old.ends[a], old.ends[a]) != new.ends[a]
    ]
    removed = [(a, old.ends[a]) for a in old.ends if a not in new.ends]
    added = [(a, new.ends[a]) for a in new.ends if a not in old.ends]
    gone = [page for page in gone if page not in dict(renamed)]
    came = [page for page in came if page not in {n for _, n in renamed}]
    pairs = [(page, page) for page in before if page in after] + renamed
    changes = [c for o, n in pairs if (c := page_change(before[o], after[n], new.folder))]
    comparison = Comparison(old, new, changed, removed, added, came, gone, renamed, changes)
    comparison.seconds = time.perf_counter() - started
    return comparison


def renames(gone: list[str], came: list[str], old: Site, new: Site) -> list[tuple[str, str]]:
    """Pair pages that left and came under another name with the same title and text."""
    waiting: dict[tuple[str, str], list[str]] = {}
    for page in came:
        waiting.setdefault(identity(new.nodes[page]), []).append(page)
    pairs = []
    for page in gone:
        found = waiting.get(identity(old.nodes[page]))
        if found:
            pairs.append((page, found.pop(0)))
    return pairs


def identity(node: Node) -> tuple[str, str]:
    """Tell a page by what a reader sees of it: its title and text."""
    return node.title, plain_text(node)


TAG = re.compile(r"<[^>]+>")


def plain_text(node: Node) -> str:
    """Give a page's text without its markup, every conditional part included."""
    parts = [node.body_html] if not node.blocks else [block.html for block in node.blocks]
    return " ".join(html.unescape(TAG.sub(" ", part)) for part in parts).strip()


def aspects(node: Node) -> dict[str, list[str]]:
    """Describe the parts of a page besides its text, each as lines a reviewer can read."""
    targets = [
        f"{answer} → {target}" + (f" ({when})" if when else "")
        for answer, target, when in node.routes
    ]
    return {
        "answers": [option.label for option in node.options],
        "targets": targets,
        "labels": [f"{o.label}: {', '.join(o.labels)}" for o in node.options if o.labels],
        "conditions": [
            when_text(branch)
            for branches in [node.branches, *(o.branches for o in node.options)]
            for branch in branches
            if branch.when
        ],
        "blocks": [f"als {block.when.text}" for block in node.blocks if block.when],
        "titles": [f"als {t.when.text}: {t.text}" for t in node.titles if t.when],
        "step": [str(node.step)] if node.step else [],
    }


def page_change(old: Node, new: Node, folder: Path) -> PageChange | None:
    """Say what changed on a page, or None if nothing a reader or the routes see did."""
    try:
        file = new.path.relative_to(folder).as_posix()
    except ValueError:
        file = new.path.as_posix()
    change = PageChange(new.id, file)
    if old.title != new.title:
        change.title = (old.title, new.title)
    change.text = word_changes(plain_text(old), plain_text(new))
    was, now = aspects(old), aspects(new)
    for name in was:
        if was[name] != now[name]:
            removed = [line for line in was[name] if line not in now[name]]
            added = [line for line in now[name] if line not in was[name]]
            change.parts[name] = (removed, added) if removed or added else (was[name], now[name])
    if change.title or change.text or change.parts:
        return change
    return None


CONTEXT = 6  # words shown on either side of a change in the text


def word_changes(old: str, new: str) -> list[tuple[str, str, str, str]]:
    """List the changes between two texts word by word: (before, old, new, after)."""
    if old == new:
        return []
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(a[max(0, i1 - CONTEXT) : i1])
        after = " ".join(a[i2 : i2 + CONTEXT])
        found.append((before, " ".join(a[i1:i2]), " ".join(b[j1:j2]), after))
    return found


PARTS = {  # the parts of a page besides its text, as a reviewer reads them
    "answers": "antwoorden",
    "targets": "waarheen",
    "labels": "labels",
    "conditions": "voorwaarden",
    "blocks": "tekstdelen met een voorwaarde",
    "titles": "koppen met een voorwaarde",
    "step": "stap",
}


def ending(page: str) -> str:
    """Say where a route ends, for a reader of the comparison."""
    return "nergens (het laatste antwoord loopt dood)" if page == NOWHERE else page


def way(answers: Answers) -> str:
    """Say a route by its answers."""
    return " → ".join(answers) or "(de startpagina is het einde)"


def seconds(value: float) -> str:
    """Say a duration the Dutch way: '0,8 s'."""
    return f"{value:.1f}".replace(".", ",") + " s"


def plural(count: int, one: str, more: str) -> str:
    """Say a count with its noun: '1 route', '3 routes'."""
    return f"{count} {one if count == 1 else more}"


def as_text(comparison: Comparison, old_name: str, new_name: str, took: float) -> str:
    """Write the comparison for the terminal, in Dutch, routes first."""
    c = comparison
    lines = [
        f"Vergeleken: {old_name} ({plural(len(c.old.site.nodes), 'pagina', 'pagina’s')}, "
        f"{plural(len(c.old.ends), 'route', 'routes')}) met {new_name} "
        f"({plural(len(c.new.site.nodes), 'pagina', 'pagina’s')}, "
        f"{plural(len(c.new.ends), 'route', 'routes')}), in {seconds(took)}."
    ]
    for name, version in ((old_name, c.old), (new_name, c.new)):
        if version.errors:
            lines.append(
                f"{name} heeft {plural(version.errors, 'fout', 'fouten')} die check meldt; "
                "de routes zijn gevolgd zo ver ze lopen."
            )
    same = len(c.old.ends) - len(c.changed) - len(c.removed)
    lines += [
        "",
        f"Routes: {plural(len(c.changed), 'eindigt', 'eindigen')} nu elders, "
        f"{plural(len(c.removed), 'bestaat', 'bestaan')} niet meer, "
        f"{plural(len(c.added), 'is', 'zijn')} nieuw, "
        f"{plural(same, 'is', 'zijn')} gelijk gebleven.",
    ]
    if c.changed:
        lines += ["", f"Eindigt nu elders ({len(c.changed)}):"]
        for answers, old, new in c.changed:
            lines += [f"  {way(answers)}", f"      was: {ending(old)}", f"      nu:  {ending(new)}"]
    if c.removed:
        lines += ["", f"Bestaat niet meer ({len(c.removed)}):"]
        lines += [f"  {way(a)}\n      eindigde op: {ending(old)}" for a, old in c.removed]
    if c.added:
        lines += ["", f"Nieuw ({len(c.added)}):"]
        lines += [f"  {way(a)}\n      eindigt op: {ending(new)}" for a, new in c.added]
    lines += [
        "",
        f"Pagina’s: {len(c.pages_added)} toegevoegd, {len(c.pages_removed)} verwijderd, "
        f"{len(c.renamed)} hernoemd, {len(c.pages_changed)} gewijzigd.",
    ]
    if c.pages_added:
        lines.append("Toegevoegd: " + ", ".join(c.pages_added))
    if c.pages_removed:
        lines.append("Verwijderd: " + ", ".join(c.pages_removed))
    if c.renamed:
        lines.append("Hernoemd: " + ", ".join(f"{o} → {n}" for o, n in c.renamed))
    for change in c.pages_changed:
        lines += ["", f"{change.page} ({change.file})"]
        if change.title:
            lines.append(f"  titel: [-{change.title[0]}-] {{+{change.title[1]}+}}")
        for before, old, new, after in change.text:
            shown = " ".join(
                part
                for part in (
                    f"…{before}" if before else "",
                    f"[-{old}-]" if old else "",
                    f"{{+{new}+}}" if new else "",
                    f"{after}…" if after else "",
                )
                if part
            )
            lines.append(f"  tekst: {shown}")
        for name, (removed, added) in change.parts.items():
            said = [f"- {line}" for line in removed] + [f"+ {line}" for line in added]
            lines.append(f"  {PARTS[name]}: " + "; ".join(said))
    return "\n".join(lines) + "\n"


PAGE = Path(__file__).resolve().parent / "verschil"
MARK = b'<meta name="generator" content="beslisboom verschil">'  # in every page it writes


def ours_or_new(path: Path) -> bool:
    """Tell whether a file may be written: it is not there, or an earlier comparison."""
    if not path.exists():
        return True
    try:
        with path.open("rb") as file:
            return path.is_file() and MARK in file.read(1000)
    except OSError:
        return False


def as_html(comparison: Comparison, old_name: str, new_name: str) -> str:
    """Write the comparison as one offline HTML page for sign-off: no script, its style
    inline and allowed by its hash alone."""
    environment = templating(jinja2.FileSystemLoader(PAGE))
    style = (PAGE / "stijl.css").read_text(encoding="utf-8")
    c = comparison

    def end(page: str, version: str) -> Markup:
        if page == NOWHERE:
            return Markup('<span class="nowhere">{}</span>').format(ending(page))
        nodes = (c.old if version == "old" else c.new).site.nodes
        title = nodes[page].title if page in nodes else ""
        return Markup('{}<br><span class="file">{}</span>').format(page, title)

    def answer_list(answers: Answers) -> Markup:
        if not answers:
            return Markup("{}").format(way(answers))
        items = Markup("").join(Markup("<li>{}</li>").format(a) for a in answers)
        return Markup('<ol class="answers">') + items + Markup("</ol>")

    return environment.get_template("pagina.html").render(
        title=c.new.site.title,
        old_name=old_name,
        new_name=new_name,
        old=summary(c.old),
        new=summary(c.new),
        took=seconds(c.seconds),
        style=Markup(style),
        style_hash=csp_hash(style.encode()),
        changed=c.changed,
        removed=c.removed,
        added=c.added,
        same=len(c.old.ends) - len(c.changed) - len(c.removed),
        pages_added=c.pages_added,
        pages_removed=c.pages_removed,
        renamed=c.renamed,
        pages_changed=c.pages_changed,
        parts=PARTS,
        end=end,
        answer_list=answer_list,
    )
