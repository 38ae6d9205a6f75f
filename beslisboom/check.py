"""The rules of the graph: every link lands, every node is reached and can reach an end."""

from __future__ import annotations

import difflib
from collections import deque
from dataclasses import dataclass

from .conditions import Condition
from .graph import depths, loop_from, loops, reachable_part, reaching, sources_of
from .messages import say, suggest
from .model import Block, Branch, Node, Problem, Site, Title


def check_site(site: Site) -> list[Problem]:
    """Return every graph problem of the site."""
    problems = check_start(site)
    broken = check_targets(site)
    if site.start in site.nodes or site.start in site.unreadable:
        problems += check_reachable(site, broken)
    else:
        problems += [link.problem(()) for link in broken]
    problems += check_exits(site)
    problems += check_rounds(site)
    problems += check_steps(site)
    problems += check_text_links(site)
    problems += check_self_links(site)
    problems += check_labels(reachable_part(site))  # as published: drafts set no labels
    return problems


def check_self_links(site: Site) -> list[Problem]:
    """Report an answer that leads back to its own page and sets no label: the reader
    would stay where they are (with labels, the page may be another one: see unfold.py)."""
    return [
        Problem(node.path, option.line, say("optie-naar-zichzelf", label=option.label))
        for node in site.nodes.values()
        for option in node.options
        if not option.labels
        and (option.next == node.id or any(b.next == node.id for b in option.branches))
    ]


def check_text_links(site: Site) -> list[Problem]:
    """Check that every link in a text to another page's file names an existing page."""
    known = list(site.nodes)
    return [
        Problem(
            node.path, line, say("tekstlink-onbekend", target=target, hint=suggest(target, known))
        )
        for node in site.nodes.values()
        for target, line in node.text_links
        if target not in site.nodes
        and target not in site.unreadable
        and not ("/" in target and site.collection)  # another tree's: collection.py checks it
    ]


def check_published_links(pages: Site) -> list[Problem]:
    """Check that every link in a published text leads to a published page: a page no
    route reaches (a draft, or one behind a condition that never holds) is left out."""
    found = {
        (node.path, line, target)
        for node in pages.nodes.values()
        for target, line in node.text_links
        if target not in pages.nodes and "/" not in target  # another tree's: see above
    }
    return [
        Problem(path, line, say("tekstlink-niet-gepubliceerd", target=target))
        for path, line, target in sorted(found, key=str)
    ]


def check_steps(site: Site) -> list[Problem]:
    """Warn about step numbers that leave a gap, or that go back on a reader's way forward."""
    problems = []
    used = {node.step for node in site.nodes.values() if node.step}
    missing = [step for step in range(1, max(used, default=0)) if step not in used]
    if site.unreadable:
        missing = []  # the numbers of a page that could not be read are not known
    for node in site.nodes.values():
        if node.step and missing and node.step > missing[0]:
            skipped = [step for step in missing if step < node.step]
            gap = f"{skipped[0]}" if len(skipped) == 1 else f"{skipped[0]} tot en met {skipped[-1]}"
            message = say("stap-gat", step=node.step, gap=gap, total=max(used))
            problems.append(Problem(node.path, node.step_line, message, severity="waarschuwing"))
    met = depths(site) if site.start in site.nodes else {}
    for node in site.nodes.values():
        for target_id in node.targets:
            target = site.nodes.get(target_id)
            forward = target_id in met and node.id in met and met[target_id] > met[node.id]
            if forward and target and node.step and target.step and target.step < node.step:
                message = say("stap-terug", step=node.step, to=target.step, target=target_id)
                line = link_line(node, target_id)
                problems.append(Problem(node.path, line, message, severity="waarschuwing"))
    return problems


def check_start(site: Site) -> list[Problem]:
    """Check that site.yml's start names a node."""
    if site.start in site.nodes or site.start in site.unreadable or not site.nodes:
        return []
    return [
        Problem(
            site.settings_path,
            site.settings.start_line,
            say("start-onbekend", start=site.start, hint=suggest(site.start, list(site.nodes))),
        )
    ]


@dataclass(frozen=True)
class Broken:
    """A link to a node that does not exist, and the node it most likely meant."""

    node: Node
    line: int
    what: str
    target: str
    meant: str | None

    def problem(self, consequences: tuple[str, ...]) -> Problem:
        """Report the link once, with the pages that hang off it as its consequence."""
        hint = f" (bedoel je '{self.meant}'?)" if self.meant else ""
        message = say("verwijzing-onbekend", what=self.what, target=self.target, hint=hint)
        if consequences:
            message += say("verwijzing-gevolg", pages=", ".join(consequences))
        return Problem(self.node.path, self.line, message)


def check_targets(site: Site) -> list[Broken]:
    """Find every next and option that names no existing node."""
    known = list(site.nodes)
    broken = []
    for node in site.nodes.values():
        for target, line, what in node_links(node):
            if target not in site.nodes and target not in site.unreadable:
                close = difflib.get_close_matches(target, known, n=1, cutoff=0.6)
                broken.append(Broken(node, line, what, target, close[0] if close else None))
    return broken


def check_reachable(site: Site, broken: list[Broken]) -> list[Problem]:
    """Warn about nodes no route from the start leads to; a node that only a broken link
    cuts off is named under that link, not advised to be deleted."""
    walked = reach_from(site, site.start)
    if walked is None:
        return [link.problem(()) for link in broken]  # a page that can't be read leads on
    reached = set(walked)
    problems = []
    explained: set[str] = set()
    for link in broken:
        cut_off = []
        if link.meant is not None and link.node.id in reached:
            cut_off = [n for n in reach_from(site, link.meant) or [] if n not in reached]
        cut_off = [n for n in cut_off if n not in explained]
        explained.update(cut_off)
        problems.append(link.problem(tuple(cut_off)))
    problems += [
        Problem(node.path, 1, say("onbereikbaar", id=node.id), severity="waarschuwing")
        for node in site.nodes.values()
        if node.id not in reached and node.id not in explained
    ]
    return problems


def reach_from(site: Site, first: str) -> list[str] | None:
    """List the nodes reachable from one node, breadth-first, itself included; also
    through a page that could not be read (by the pages it seems to lead to); None if such
    a page might lead anywhere."""
    found = {first: None}
    queue = deque([first])
    while queue:
        current = queue.popleft()
        node = site.nodes.get(current)
        onward = node.targets if node else site.unreadable.get(current, ())
        if onward is None:
            return None
        for target in onward:
            if target not in found and (target in site.nodes or target in site.unreadable):
                found[target] = None
                queue.append(target)
    return [node_id for node_id in found if node_id in site.nodes]


def check_exits(site: Site) -> list[Problem]:
    """Report every loop from which no route leads to an end, once, at the link closing it."""
    sources = sources_of(site)
    # A node that links to an unknown id already has an error; count it as having a way out.
    done = [n.id for n in site.nodes.values() if n.is_end or leaves_tree(site, n)]
    can_finish = reaching(done, sources.__getitem__)
    problems, seen = [], set()
    met = depths(site) if site.start in site.nodes else {}
    for node in site.nodes.values():
        if node.id in can_finish:
            continue
        # Follow the links that do not lead to an end: they end in a loop.
        loop = loop_from(
            node.id, lambda i: next(t for t in site.nodes[i].targets if t not in can_finish)
        )
        # Begin the loop where a reader first meets it: the link back there closes it.
        first = min(range(len(loop)), key=lambda i: (met.get(loop[i], len(site.nodes)), loop[i]))
        loop = loop[first:] + loop[:first]
        if frozenset(loop) in seen:
            continue  # the same loop, reached from another of its pages or from before it
        seen.add(frozenset(loop))
        closing = site.nodes[loop[-1]]  # its link back to loop[0] closes the loop
        shown = " → ".join([*loop, loop[0]])
        problems.append(
            Problem(closing.path, link_line(closing, loop[0]), say("geen-uitweg", loop=shown))
        )
    return problems


def asks_again(node: Node) -> bool:
    """Tell whether a page offers a way back on purpose: a choice on a page that asks no
    question ('Kies een andere rol'), so that a reader sent round chooses again."""
    return bool(node.options) and not node.is_real_question


def answer_to(node: Node, target: str) -> str:
    """Say the answer on a page that leads to a target, for a message."""
    if node.next or node.branches:
        return node.next_label or "Volgende"
    return next((o.label for o in node.options if target in o.targets), "")


def check_rounds(site: Site) -> list[Problem]:
    """Warn about a loop a reader who keeps giving the same answers goes round for ever,
    unless a page in it asks to choose again; a tree with labels is judged with them (see
    unfold.Walk.rounds), one whose loop has no way out at all by check_exits."""
    if site.start not in site.nodes or any(n.uses_labels for n in site.nodes.values()):
        return []
    order = list(depths(site))
    done = [n.id for n in site.nodes.values() if n.is_end or leaves_tree(site, n)]
    can_finish = reaching(done, sources_of(site).__getitem__)

    def onward(node_id: str) -> tuple[str, ...]:
        return tuple(t for t in site.nodes[node_id].targets if t in site.nodes)

    problems = []
    for loop in loops(order, onward):
        if loop[0] not in can_finish or any(asks_again(site.nodes[i]) for i in loop):
            continue
        answers = [answer_to(site.nodes[a], b) for a, b in zip(loop, loop[1:], strict=False)]
        closing = site.nodes[loop[-2]]
        message = say(
            "kringloop",
            loop=" → ".join(loop),
            answers=" → ".join(f"'{a}'" for a in answers),
            route=route_words(site, loop[0]),
            labels="",
        )
        line = link_line(closing, loop[0])
        problems.append(Problem(closing.path, line, message, severity="waarschuwing"))
    return problems


def route_words(site: Site, target: str) -> str:
    """Say the answers of a shortest route from the start to a page, for a message."""
    before: dict[str, tuple[str, str]] = {site.start: ("", "")}
    queue = deque([site.start])
    while queue and target not in before:
        node = site.nodes[queue.popleft()]
        for following in node.targets:
            if following in site.nodes and following not in before:
                before[following] = (node.id, answer_to(node, following))
                queue.append(following)
    answers = []
    while target in before and target != site.start:
        target, answer = before[target]
        answers.append(f"'{answer}'")
    return f"na {' → '.join(reversed(answers))}" if answers else "vanaf de start"


def node_links(node: Node) -> list[tuple[str, int, str]]:
    """List a node's links: (target id, line, what to call it in a message)."""
    links = [(node.next, node.next_line, "next")] if node.next else []
    links += [(b.next, b.line, "next") for b in node.branches]
    for option in node.options:
        what = f"optie '{option.label}'"
        links += [(option.next, option.line, what)] if option.next else []
        links += [(b.next, b.line, what) for b in option.branches]
    return links


def link_line(node: Node, target: str) -> int:
    """Give the line of a node's link to a target: its next, or the first such option."""
    return next((line for found, line, _ in node_links(node) if found == target), 1)


def leaves_tree(site: Site, node: Node) -> bool:
    """Tell whether a node links to an id that does not exist."""
    return any(target not in site.nodes for target in node.targets)


def conditions_of(node: Node) -> list[tuple[Condition, int]]:
    """List a node's conditions with their lines: its answers', its next's, its text's."""
    parts: list[Branch | Block | Title] = [*(b for o in node.options for b in o.branches)]
    parts += [*node.branches, *node.blocks, *node.titles]
    return [(part.when, part.line) for part in parts if part.when]


def check_labels(site: Site) -> list[Problem]:
    """Report labels tested but never set (an error) and set but never used (a warning).

    Where a page could not be read, it may set or test any label: nothing is said, as
    nothing is known (its own mistake is reported)."""
    if site.unreadable:
        return []
    set_by = {
        name: (node, option.line)
        for node in site.nodes.values()
        for option in node.options
        for name in option.labels
    }
    used = set(site.settings.label_words)
    problems = []
    for node in site.nodes.values():
        for when, line in conditions_of(node):
            for name in sorted(when.names):
                used.add(name)
                if name not in set_by:
                    hint = suggest(name, list(set_by))
                    problems.append(
                        Problem(node.path, line, say("label-nooit-gezet", label=name, hint=hint))
                    )
    for name, (node, line) in set_by.items():
        if name not in used:
            message = say("label-ongebruikt", label=name)
            problems.append(Problem(node.path, line, message, severity="waarschuwing"))
    for name in site.settings.label_words:
        if name not in set_by:
            message = say("labelwoord-ongebruikt", label=name)
            problems.append(
                Problem(
                    site.settings_path, site.settings.labels_line, message, severity="waarschuwing"
                )
            )
    return problems
