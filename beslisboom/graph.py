"""Questions about the shape of the tree, shared by the checks and the pages."""

from __future__ import annotations

from .model import Site


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
