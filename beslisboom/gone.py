"""Pages for addresses an earlier version of the site had and this one has not.

A reader may have saved or e-mailed the address of a result. When a later version no
longer has that page (the situation it stood for no longer occurs: a question or label
changed), the address gets a page that says so and offers the start, instead of a
browser's 'file not found'. Which addresses the site had, the build reads from the list
of files it wrote into the output folder before (write.former_pages); the page made for
one is on that list again, so such an address keeps its page in every later version.
Where the situation is still there, merged into a page of another name (its result now
shows the same as another's), the page leads there; where a page as written now has a
copy per situation, each with its own title, it lists them. A build into an empty folder makes
none.
"""

from __future__ import annotations

import re

from .design import Design, render
from .links import SITE
from .model import Lookup, Node
from .plan import Plan
from .urls import slug

TEMPLATE = "gone.html"
CODE = re.compile(r"-[bcdfghjklmnpqrstvwxz]{5,}$")  # a copy's code (unfold.situation_code)
PAGE = re.compile(r"[a-z0-9-]+\.html")  # a page's name as urls.page_names makes it: nothing else


def names(pages: set[str], single: str, former: frozenset[str]) -> list[str]:
    """List the addresses of situations the site had and has no more, given the names of
    the pages it has (plan.file_names) and of its single file: copies' addresses (with a
    code), and the address of a page as written that now has copies only. A page the
    editor took away is simply gone, as on any site."""
    stems = {stem_of(name) for name in pages}
    return sorted(
        name
        for name in former
        if PAGE.fullmatch(name)
        and name not in pages
        and name != single
        and (CODE.search(name.removesuffix(".html")) or name.removesuffix(".html") in stems)
    )


def stem_of(name: str) -> str:
    """Give the name a page's copies share: 'conclusie-3' for 'conclusie-3-kbtrm.html'."""
    return CODE.sub("", name.removesuffix(".html"))


def moved_to(merged: list[tuple[str, str]], name: str) -> str | None:
    """Find the page that now holds the situation an address stood for, if it is still
    there but merged into another copy: merged lists (the state's name as a file name,
    the page it is on), see unfold.Unfolded.merged."""
    stem = name.removesuffix(".html")
    found = {page for state, page in merged if state.startswith(stem)}
    return found.pop() if len(found) == 1 else None


def assemble(
    plan: Plan, gone: tuple[str, ...], merged: Lookup[str], design: Design
) -> dict[str, bytes]:
    """Render a page for every address the site had and has no more (names)."""
    if not gone:
        return {}
    states = [(slug(state), page) for state, page in merged.items()]
    steps: dict[str, Node] = {}  # the step as written whose page, or copies, an address was
    for node in plan.written.nodes.values():
        steps.setdefault(stem_of(plan.names[node.id]), node)
    copies: dict[str, list[Node]] = {}  # the pages of each step as written, by their stem
    for node in plan.site.nodes.values():
        copies.setdefault(stem_of(plan.names[node.id]), []).append(node)
    made = {}
    for name in gone:
        coded = CODE.search(name.removesuffix(".html"))
        page = moved_to(states, name) if coded else None
        made[name] = render(
            design,
            TEMPLATE,
            site=plan.info,
            links=plan.links(SITE, name),
            step=steps.get(stem_of(name)),
            moved=plan.site.nodes[page] if page else None,
            versions=() if coded else told_apart(copies.get(stem_of(name), [])),
        ).encode()
    return made


def told_apart(pages: list[Node]) -> tuple[Node, ...]:
    """Give the pages a page as written became, for a reader to choose from, where each
    has a title of its own (the end of the seed: one per outcome); else none."""
    titles = {page.title for page in pages}
    return tuple(pages) if 1 < len(pages) == len(titles) else ()
