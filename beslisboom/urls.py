"""Where every page lands in the output: Windows-safe, unique file names."""

from __future__ import annotations

import re
import unicodedata

# Names Windows refuses as file names, whatever the extension.
WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{d}{i}" for d in ("com", "lpt") for i in range(1, 10)
}
# Page names the site itself uses; a node with such a name gets a suffix.
RESERVED = {"index", "overzicht", "begin", "stroomschema", "alle-stappen", "inhoud"}


def slug(text: str) -> str:
    """Make a lowercase ASCII file name part from any text: 'Één stap' -> 'een-stap'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "pagina"


def page_names(
    ids: list[str], start: str, taken: set[str] | frozenset[str] = frozenset()
) -> dict[str, str]:
    """Give every node a unique, Windows-safe .html name; the start node is index.html."""
    used = set(RESERVED) | set(taken)
    names = {start: "index.html"} if start in ids else {}
    for node_id in ids:
        if node_id == start:
            continue
        base = slug(node_id)
        if base in WINDOWS_RESERVED:
            base += "-pagina"
        name, count = base, 1
        while name in used:
            count += 1
            name = f"{base}-{count}"
        used.add(name)
        names[node_id] = name + ".html"
    return names
