"""Every route of a tree as its pages are published: the answers from the start to an end.

A route is the sequence of answer texts a reader gives from the first page to an end page,
followed through labels and conditions exactly as the built pages link them (the unfolded
site, see unfold.py). A plain "Volgende" is not an answer and adds nothing; on a page of a
question with several answers the answer is the item and the reader's Ja or Nee. An answer
that leads nowhere (in a version with mistakes) ends its route on no page. A route
never passes the same page twice: a way back to a page already on the route (the seed's
"choose another role") is where that route stops without an end, and it is not counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .graph import loops, strongly_connected
from .model import Node, Site

NOWHERE = ""  # the end of a route whose last answer leads nowhere (a dead end)


@dataclass(frozen=True, slots=True)
class Route:
    """One route: the answers given, and the end page reached, by its name as written."""

    answers: tuple[str, ...]
    end: str


def written_id(page_id: str) -> str:
    """Name the page as written that a published page is a copy of ('x~kbtrm' -> 'x')."""
    return page_id.split("~")[0]


def answer_text(node: Node, label: str) -> str:
    """Say an answer as a route lists it: the item of a question with several answers
    goes with the reader's Ja or Nee."""
    if node.choice is not None and not label == node.choice.none:
        return f"{node.choice.label}: {label}"
    return label


def ways(node: Node) -> list[tuple[str, str]]:
    """List the ways on from a published page: (answer, target); '' for a plain next."""
    if node.next:
        return [("", node.next)]
    return [(answer_text(node, option.label), option.next) for option in node.options]


def routes(site: Site) -> Iterator[Route]:
    """Give every route of a published (unfolded) site, in the order of its answers.

    Walked with a stack of its own, not by recursion: a route may be thousands of pages long.
    """
    nodes = site.nodes
    if site.start not in nodes:
        return
    if nodes[site.start].is_end:
        yield Route((), written_id(site.start))
        return
    path, answers = [site.start], [""]  # answers[i]: what led to path[i]
    stack = [iter(ways(nodes[site.start]))]
    while stack:
        step = next(stack[-1], None)
        if step is None:  # every way on from the last page is followed: step back
            stack.pop()
            path.pop()
            answers.pop()
            continue
        answer, target = step
        if target in path:
            continue
        if target not in nodes:  # an answer that leads nowhere, in a version with mistakes
            yield Route(tuple(a for a in (*answers, answer) if a), NOWHERE)
            continue
        if nodes[target].is_end:
            given = tuple(a for a in (*answers, answer) if a)
            yield Route(given, written_id(target))
            continue
        path.append(target)
        answers.append(answer)
        stack.append(iter(ways(nodes[target])))


MOST = 1_000_000  # routes counted one by one in a tree with loops, at most


def count_routes(site: Site) -> int | None:
    """Count the routes of a published site; None if a tree with loops has more than
    MOST (each would have to be followed). Without loops they are counted per page:
    the routes from a page are the sum of those from the pages its answers lead to."""
    nodes = site.nodes
    if site.start not in nodes:
        return 0

    def onward(node_id: str) -> list[str]:
        return [target for _, target in ways(nodes[node_id]) if target in nodes]

    order = list(nodes)
    if loops(order, onward):
        found = 0
        for found, _ in enumerate(routes(site), start=1):
            if found > MOST:
                return None
        return found
    counted: dict[str, int] = {}
    for group in strongly_connected(order, onward):  # every page after those it leads to
        (node_id,) = group
        node = nodes[node_id]
        counted[node_id] = (
            1
            if node.is_end
            else sum(counted[target] if target in nodes else 1 for _, target in ways(node))
        )
    return counted[site.start]
