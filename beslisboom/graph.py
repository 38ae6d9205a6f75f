"""Questions about the shape of the tree, shared by the checks and the pages."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from .model import Lookup, Node, Site

K = TypeVar("K", bound=Hashable)


def outline(site: Site) -> Site:
    """Give the site with every text left out (only whether a node has one): the shape of
    the tree. A step given the outline (the checks, the plan's frame) cannot read a text,
    so the preview keeps its result when an edit changed a text alone (Node.outline)."""
    nodes: Lookup[Node] = Lookup((node_id, node.outline) for node_id, node in site.nodes.items())
    return replace(site, nodes=nodes, media=Lookup())


def reaching(ends: Iterable[K], before: Callable[[K], Sequence[K]]) -> set[K]:
    """Give the ends and everything that leads to one of them (before(x): what leads to x)."""
    found = set(ends)
    queue = deque(found)
    while queue:
        for earlier in before(queue.popleft()):
            if earlier not in found:
                found.add(earlier)
                queue.append(earlier)
    return found


def loop_from(first: K, onward: Callable[[K], K]) -> list[K]:
    """Follow onward from first until a step comes back; give the loop it ends in, from
    the step it comes back to."""
    route = [first]
    while True:
        following = onward(route[-1])
        if following in route:
            return route[route.index(following) :]
        route.append(following)


def loops(order: Sequence[K], onward: Callable[[K], Iterable[K]]) -> list[list[K]]:
    """Give a shortest loop through the first member (in order) of every group of steps
    that lead back to each other, as [first, ..., first]; groups in the order of their
    first member. A step that leads to itself is such a group; a group's loops through its
    other members are not given."""
    place = {key: number for number, key in enumerate(order)}
    groups = strongly_connected(order, onward)
    found = []
    for group in groups:
        first = min(group, key=place.__getitem__)
        if len(group) == 1 and first not in onward(first):
            continue
        before: dict[K, K] = {}
        queue = deque([first])
        while queue:  # breadth-first inside the group, until the way back to first
            key = queue.popleft()
            if first in onward(key):
                loop = [first, key] if key != first else [first]
                while loop[-1] != first:
                    loop.append(before[loop[-1]])
                found.append([*reversed(loop[1:]), first] if key != first else [first, first])
                break
            for following in onward(key):
                if following in group and following not in before and following != first:
                    before[following] = key
                    queue.append(following)
    return sorted(found, key=lambda loop: place[loop[0]])


def strongly_connected(order: Sequence[K], onward: Callable[[K], Iterable[K]]) -> list[set[K]]:
    """Group the steps that lead back to each other (Tarjan's algorithm, without recursion:
    a tree may be thousands of pages deep)."""
    index: dict[K, int] = {}
    low: dict[K, int] = {}
    stack: list[K] = []
    on_stack: set[K] = set()
    groups = []
    for root in order:
        if root in index:
            continue
        work = [(root, iter(onward(root)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            key, following = work[-1]
            step = next(following, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(onward(step))))
                elif step in on_stack:
                    low[key] = min(low[key], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[key])
            if low[key] == index[key]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == key:
                        break
                groups.append(group)
    return groups


def sources_of(site: Site) -> Mapping[str, list[str]]:
    """Map every node to the nodes that link to it, in content order (read only: worked
    out once for a site, Site.sources)."""
    return site.sources


def linked_from(site: Site) -> dict[str, list[str]]:
    """Work out which nodes link to each node, in content order (see sources_of)."""
    sources: dict[str, list[str]] = {node_id: [] for node_id in site.nodes}
    for node in site.nodes.values():
        for target in node.targets:
            if target in sources and node.id not in sources[target]:
                sources[target].append(node.id)
    return sources


BACK_LIMIT = 4  # a page with more ways in gets its back link from the script alone


def back_links(site: Site) -> dict[str, tuple[str, ...]]:
    """Map each node to the pages a reader may have come from, for the back links: one
    page per title (copies of a question look the same), in reading order; none where
    there are more than BACK_LIMIT (the script then adds the one of the reader's route)."""
    position = {node_id: n for n, node_id in enumerate(depths(site))}
    found = {}
    for node_id, sources in sources_of(site).items():
        titles: dict[str, str] = {}
        for source in sorted(sources, key=lambda s: (position.get(s, len(position)), s)):
            if source != node_id:
                titles.setdefault(site.nodes[source].title, source)
        if 0 < len(titles) <= BACK_LIMIT and node_id != site.start:
            found[node_id] = tuple(titles.values())
    return found


def depths(site: Site) -> Mapping[str, int]:
    """Give every node reachable from the start its distance in clicks, breadth-first
    (read only: worked out once for a site, Site.depths)."""
    return site.depths


def breadth_first(site: Site) -> dict[str, int]:
    """Work out every reachable node's distance from the start (see depths)."""
    found = {site.start: 0}
    queue = deque([site.start])
    while queue:
        node = site.nodes[queue.popleft()]
        for target in node.targets:
            if target in site.nodes and target not in found:
                found[target] = found[node.id] + 1
                queue.append(target)
    return found


def reachable_part(site: Site) -> Site:
    """Keep only the nodes a reader can reach from the start: a draft is not published."""
    if site.start not in site.nodes:
        return site
    reached = depths(site)
    if len(reached) == len(site.nodes):
        return site
    kept: Lookup[Node] = Lookup(
        (node_id, node) for node_id, node in site.nodes.items() if node_id in reached
    )
    return replace(site, nodes=kept)


def band(site: Site, node: Node, depth: Mapping[str, int]) -> int:
    """Place a node in a band: its step, 0 for the start, after the last step for the rest."""
    if node.id == site.start:
        return 0
    if site.step_total:
        return node.step or site.step_total + 1
    return depth.get(node.id, len(site.nodes))


def reading_order(site: Site) -> list[Node]:
    """Order the nodes as a reader meets them: by step, then breadth-first from the start."""
    depth = depths(site)  # in breadth-first order: the order a reader discovers nodes
    unreached = [node_id for node_id in site.nodes if node_id not in depth]
    position = {node_id: index for index, node_id in enumerate([*depth, *unreached])}
    return sorted(site.nodes.values(), key=lambda n: (band(site, n, depth), position[n.id]))


def band_name(site: Site, key: int) -> str:
    """Name a band for readers: 'Start', 'Stap 2' (with its name, if site.yml gives one)
    or 'Einde'."""
    if key == 0:
        return "Start"
    if site.step_total and key > site.step_total:
        return "Einde"
    if not site.step_total:
        return f"Niveau {key}"
    names = site.settings.step_names
    return f"Stap {key}: {names[key - 1]}" if key <= len(names) else f"Stap {key}"


def advice_pages(site: Site) -> set[str]:
    """List the pages that give the advice belonging to an answer: a page with text that
    only questions lead to, within their step (in a tree without steps: one question).
    The result page repeats that advice under the answer (assets/antwoorden.js)."""
    found = set()
    stepped = bool(site.step_total)
    for node_id, sources in sources_of(site).items():
        node = site.nodes[node_id]
        if node_id == site.start or node.is_real_question or not node.body_html or not sources:
            continue
        asked = [site.nodes[s] for s in sources]
        if not all(source.is_real_question for source in asked):
            continue
        same_step = all(source.step == node.step for source in asked)
        if (stepped and same_step) or (not stepped and len(asked) == 1):
            found.add(node_id)
    return found
