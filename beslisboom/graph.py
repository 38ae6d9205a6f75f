"""Questions about the shape of the tree, shared by the checks and the pages."""

from __future__ import annotations

from collections import deque
from dataclasses import replace

from .model import Lookup, Node, Site


def sources_of(site: Site) -> dict[str, list[str]]:
    """Map every node to the nodes that link to it, in content order."""
    sources: dict[str, list[str]] = {node_id: [] for node_id in site.nodes}
    for node in site.nodes.values():
        for target in node.targets:
            if target in sources and node.id not in sources[target]:
                sources[target].append(node.id)
    return sources


def sole_sources(site: Site) -> dict[str, str]:
    """Map each node with exactly one natural predecessor to it, for the back link."""
    return {
        node_id: found[0]
        for node_id, found in sources_of(site).items()
        if len(found) == 1 and found[0] != node_id
    }


def depths(site: Site) -> dict[str, int]:
    """Give every node reachable from the start its distance in clicks, breadth-first."""
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
    kept = Lookup((node_id, node) for node_id, node in site.nodes.items() if node_id in reached)
    return replace(site, nodes=kept)


def band(site: Site, node: Node, depth: dict[str, int]) -> int:
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
    """Name a band for readers: 'Start', 'Stap 2' or 'Einde'."""
    if key == 0:
        return "Start"
    if site.step_total and key > site.step_total:
        return "Einde"
    return f"Stap {key}" if site.step_total else f"Niveau {key}"
