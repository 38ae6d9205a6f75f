"""Compile labels and conditions into plain linked pages: no server, no script.

An answer may set labels; a next may depend on them; a result may show parts of its text
only when they hold, and the words of the labels that led there. The build walks every
state a reader can be in: a page plus the gathered labels that its future still tests.
States whose pages and futures are the same are merged. Each remaining state becomes a
page of its own, whose answers are plain links to the pages of the next states.

A tree without labels is returned as it is: the same pages, byte for byte.
"""

from __future__ import annotations

import hashlib
from collections import deque
from dataclasses import dataclass, replace
from typing import Any

from . import choices
from .check import asks_again, conditions_of, link_line
from .conditions import COUNTS, applies
from .graph import loop_from, loops, reaching
from .messages import say
from .model import Block, Branch, Lookup, Node, Option, Problem, Site, Title, when_text

Labels = frozenset[str]
State = tuple[str, Labels]  # a node's id and the labels that still matter there
ANY_WAY = -2  # the way index under which a question with several answers notes its next
EXPLORE_FACTOR = 4  # states are walked up to this many times the page limit, then it stops
CODE_LETTERS = "bcdfghjklmnpqrstvwxz"  # a copy's code: no digits, no vowels (no words)
CODE_SIZE = 5  # letters of a copy's code, more where two codes of one node begin alike


@dataclass(frozen=True)
class Way:
    """One way on from a node: an answer (or the next link), the labels it sets, where to."""

    index: int  # the option's index, or -1 for the next link
    label: str  # as a reader sees it, for example routes in messages
    labels: Labels
    branches: tuple[Branch, ...]
    line: int


@dataclass(frozen=True)
class Unfolded:
    """The pages to publish, the tree as written (for the overview) and what was found."""

    site: Site  # one plain node per page: ids are the written ids, copies get '~' and a code
    written: Site  # the written nodes some route reaches
    problems: tuple[Problem, ...] = ()
    extra: int = 0  # pages beyond one per written node
    # each situation merged into a copy of another name: its full code -> that copy's id,
    # 'einde~kbtrmq...' -> 'einde~xcqxj' (so that an address of it can say where it went)
    merged: Lookup[str] = Lookup()


def ways(node: Node) -> list[Way]:
    """List the ways on from a node, each with its branches (a fixed next is one branch)."""
    if node.next:
        next_ = (Branch(None, node.next, node.next_line),)
        return [Way(-1, node.next_label or "Volgende", Labels(), next_, node.next_line)]
    if node.branches:
        label = node.next_label or "Volgende"
        return [Way(-1, label, Labels(), node.branches, node.next_line)]
    return [
        Way(
            index,
            option.label,
            Labels(option.labels),
            option.branches or (Branch(None, option.next, option.line),),
            option.line,
        )
        for index, option in enumerate(node.options)
    ]


def tested(node: Node, site: Site) -> set[str]:
    """List the labels a node's own conditions test, and those its result page shows."""
    found = {name for when, _ in conditions_of(node) for name in when.names}
    if node.is_end:
        found.update(site.settings.label_words)
    return found


def relevant_labels(site: Site) -> dict[str, Labels]:
    """Give every node the labels tested on it or anywhere after it."""
    return flowing_back(site, {node_id: tested(node, site) for node_id, node in site.nodes.items()})


def flowing_back(site: Site, own: dict[str, set[Any]]) -> dict[str, frozenset[Any]]:
    """Give every node what it has itself and what every node after it has."""
    found = {node_id: set(own.get(node_id, ())) for node_id in site.nodes}
    changed = True
    while changed:  # a few rounds: values flow back along the links until nothing changes
        changed = False
        for node in reversed(list(site.nodes.values())):
            mine = found[node.id]
            size = len(mine)
            for target in node.targets:
                mine |= found.get(target, set())
            changed |= len(mine) != size
    return {node_id: frozenset(values) for node_id, values in found.items()}


class Counted:
    """Labels that only counts tell apart, grouped per node, so that the walk keeps one
    state per number ticked instead of one per combination.

    Two labels are alike at a node when every condition on or after it names them in the
    same counts and never on their own, no answer from there on can set them, and no
    result shows them. Of alike labels only how many were gathered matters, and only up
    to what the counts ask: a state keeps the first that many of them, by name. Nine
    answers counted by 'minstens 2 van (...)' then make three states, not 512.
    """

    def __init__(self, site: Site) -> None:
        own_conditions = {
            n.id: {when.tree for when, _ in conditions_of(n)} for n in site.nodes.values()
        }
        trees = flowing_back(site, own_conditions)
        settable = flowing_back(
            site,
            {n.id: {name for o in n.options for name in o.labels} for n in site.nodes.values()},
        )
        shown = set(site.settings.label_words)
        self.groups: dict[str, tuple[tuple[tuple[str, ...], int], ...]] = {}
        for node_id, future in trees.items():
            signature: dict[str, set[tuple[Any, ...]]] = {}
            single: set[str] = set(shown) | set(settable[node_id])
            for tree in future:
                for part in parts_of(tree):
                    if part[0] == "label":
                        single.add(part[1])
                    elif part[0] in COUNTS:
                        for name in part[2]:
                            signature.setdefault(name, set()).add(part)
            alike: dict[frozenset[tuple[Any, ...]], list[str]] = {}
            for name, counts in signature.items():
                if name not in single:
                    alike.setdefault(frozenset(counts), []).append(name)
            self.groups[node_id] = tuple(
                (tuple(sorted(names)), max(needed(count) for count in counts))
                for counts, names in alike.items()
                if len(names) > 1
            )

    def reduce(self, node_id: str, labels: Labels) -> Labels:
        """Keep of each group of alike labels the first as many as were gathered, up to
        what the counts ask."""
        groups = self.groups.get(node_id)
        if not groups:
            return labels
        kept = set(labels)
        for names, cap in groups:
            present = [name for name in names if name in kept]
            if present == list(names[: min(len(present), cap)]):
                continue
            kept.difference_update(present)
            kept.update(names[: min(len(present), cap)])
        return frozenset(kept)


def parts_of(tree: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """List a condition's labels and counts, each as its part of the tree."""
    if tree[0] in ("label", *COUNTS):
        return [tree]
    return [part for branch in tree[1:] for part in parts_of(branch)]


def needed(count: tuple[Any, ...]) -> int:
    """Give how many of a count's labels tell every outcome apart: 'minstens 2' needs to
    know up to 2, 'hoogstens 1' up to 2 (more than one)."""
    return count[1] if count[0] == "minstens" else count[1] + 1


def unfold(site: Site, despite_errors: bool = False) -> Unfolded:
    """Turn a tree with labels into plain pages; report what the labels make impossible.

    despite_errors: make the pages even where an answer leads nowhere (its link is then
    empty), for a comparison of two versions (compare.py); a build never publishes them.
    """
    if not any(node.uses_labels for node in site.nodes.values()):
        return Unfolded(site, site)
    walk = Walk(choices.expand(site))  # the labels were checked with the rest (check.py)
    problems = walk.problems()
    if any(problem.is_error for problem in problems) and not despite_errors:
        return Unfolded(site, site, tuple(problems))
    pages = walk.merge()
    written = [node_id for node_id in site.nodes if node_id in walk.reached]
    extra = len(set(pages)) - len(written)
    limit = site.settings.limits.extra_pages
    if extra > limit or walk.stopped:
        problems.append(walk.too_many(extra, limit, pages))
        return Unfolded(site, site, tuple(problems), extra)
    names = walk.page_ids(pages)
    unfolded = replace(site, nodes=walk.pages(pages, names))
    reached = replace(
        site, nodes=Lookup((i, as_reached(site.nodes[i], walk.reached)) for i in written)
    )
    return Unfolded(unfolded, reached, tuple(problems), extra, walk.merged(pages, names))


def situation_code(node_id: str, situations: set[Labels]) -> str:
    """Give the letters that name a copy of a node by the situation it stands for: the
    fewest labels that still matter there with which a reader arrives (each state is on
    one page, so no two copies of a node share it). The situation keeps its code while it
    exists, in every version, whatever is merged into it; a reader can't take the code
    for an article number."""
    fewest = min((len(labels), sorted(labels)) for labels in situations)[1]
    digest = hashlib.sha256("\n".join([node_id, *fewest]).encode()).digest()
    return "".join(CODE_LETTERS[byte % len(CODE_LETTERS)] for byte in digest)


def situation(
    labels: Labels, words: Lookup[str], groups: Lookup[str]
) -> tuple[tuple[str, str], ...]:
    """Say the labels a reader gathered as a result shows them, in the order of site.yml:
    (heading, words) for each, the words of one group together under its heading
    ('Verantwoordelijkheid', 'aanbieder, gebruiksverantwoordelijke'), '' for no group."""
    shown: list[tuple[str, list[str]]] = []
    place: dict[str, int] = {}  # each group's place in shown
    for name in (name for name in words if name in labels):
        heading = groups.get(name, "")
        if heading in place:
            shown[place[heading]][1].append(words[name])
            continue
        if heading:
            place[heading] = len(shown)
        shown.append((heading, [words[name]]))
    return tuple((heading, ", ".join(said)) for heading, said in shown)


def as_reached(node: Node, reached: set[str]) -> Node:
    """Leave out the branches to pages no route reaches (each is warned about)."""

    def kept(branches: tuple[Branch, ...]) -> tuple[Branch, ...]:
        return tuple(branch for branch in branches if branch.next in reached)

    if all(target in reached for target in node.targets):
        return node
    options = tuple(replace(o, branches=kept(o.branches)) for o in node.options)
    return replace(node, branches=kept(node.branches), options=options)


class Walk:
    """Every state a reader can reach from the start, and where each answer takes them."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.relevant = relevant_labels(site)
        self.counted = Counted(site)
        self.states: dict[State, int] = {}
        self.order: list[State] = []
        self.moves: list[list[int]] = []  # per state, per way: the next state (-1: none)
        self.came_from: list[tuple[int, str]] = []  # per state: the state and answer before
        self.dead_ends: dict[tuple[str, int], int] = {}  # (node, way index) -> first state
        self.chosen: set[tuple[str, int, int]] = set()  # (node, way index, branch index)
        self.stopped = False  # more states than the limit allows: the walk stopped early
        self.reached: set[str] = set()
        self.walk()

    def add(self, state: State, before: int, answer: str) -> int:
        found = self.states.get(state)
        if found is None:
            found = self.states[state] = len(self.order)
            self.order.append(state)
            self.moves.append([])
            self.came_from.append((before, answer))
            self.reached.add(state[0])
        return found

    def walk(self) -> None:
        site = self.site
        cap = (len(site.nodes) + site.settings.limits.extra_pages) * EXPLORE_FACTOR
        self.add((site.start, Labels()), -1, "")
        queue = deque([0])
        while queue:
            number = queue.popleft()
            node_id, labels = self.order[number]
            node = site.nodes[node_id]
            for way in ways(node):
                gathered = labels | way.labels
                chosen = next(
                    (
                        (index, branch)
                        for index, branch in enumerate(way.branches)
                        if applies(branch.when, gathered)
                    ),
                    None,
                )
                if chosen is None or chosen[1].next not in site.nodes:
                    self.dead_ends.setdefault((node_id, way.index), number)
                    self.moves[number].append(-1)
                    continue
                self.chosen.add((node_id, way.index, chosen[0]))
                if node.choice:  # a question with several answers: its next, from any page
                    self.chosen.add((node.choice.question, ANY_WAY, chosen[0]))
                target = chosen[1].next
                state = (target, self.counted.reduce(target, gathered & self.relevant[target]))
                known = len(self.order)
                following = self.add(state, number, way.label)
                self.moves[number].append(following)
                if following == known:
                    queue.append(following)
            if len(self.order) > cap:
                self.stopped = True
                return

    def route(self, number: int) -> str:
        """Say the answers that lead to a state, for a message."""
        answers = []
        while number > 0:
            number, answer = self.came_from[number]
            answers.append(f"'{answer}'")
        return " → ".join(reversed(answers)) or "vanaf de start"

    def problems(self) -> list[Problem]:
        """Report dead ends, branches no route takes, and loops the labels do not break."""
        if self.stopped:
            return []  # too_many says so once the pages are counted
        site = self.site
        problems = []
        for (node_id, index), number in self.dead_ends.items():
            node = site.nodes[node_id]
            way = next(w for w in ways(node) if w.index == index)
            gathered = sorted(self.order[number][1] | way.labels)
            message = say(
                "geen-voorwaarde-geldt",
                answer=way.label,
                route=self.route(number),
                labels=", ".join(gathered) or "geen",
            )
            problems.append(Problem(node.path, way.line, message))
        for node_id in self.reached:
            node = site.nodes[node_id]
            for way, taken in self.branch_ways(node):
                for index, branch in enumerate(way.branches):
                    if len(way.branches) > 1 and (*taken, index) not in self.chosen:
                        message = say(
                            "voorwaarde-nooit", when=when_text(branch), target=branch.next
                        )
                        problems.append(
                            Problem(node.path, branch.line, message, severity="waarschuwing")
                        )
            problems += self.unused_blocks(node)
        if not self.dead_ends:
            problems += self.stuck()
            problems += self.rounds()
        return problems

    def branch_ways(self, node: Node) -> list[tuple[Way, tuple[str, int]]]:
        """List a node's ways whose branches are each to be taken on some route, with the
        key their choices were noted by: of a question with several answers, its next
        once, on its last page, whichever of its pages led there."""
        if node.choice is None:
            return [(way, (node.id, way.index)) for way in ways(node)]
        if node.choice.position < node.choice.count:
            return []
        return [(ways(node)[0], (node.choice.question, ANY_WAY))]

    def unused_blocks(self, node: Node) -> list[Problem]:
        """Warn about parts of a text, and titles, that no route shows."""
        if not node.blocks and not node.titles:
            return []
        gathered = [labels for node_id, labels in self.order if node_id == node.id]
        parts = [("blok-nooit", b) for b in node.blocks] + [("kop-nooit", t) for t in node.titles]
        return [
            Problem(node.path, part.line, say(code, when=part.when.text), severity="waarschuwing")
            for code, part in parts
            if part.when and not any(part.when.holds(labels) for labels in gathered)
        ]

    def stuck(self) -> list[Problem]:
        """Report loops a reader cannot leave with the labels they have: once per loop."""
        finishing = {
            n for n, (node_id, _) in enumerate(self.order) if self.site.nodes[node_id].is_end
        }
        finishing = reaching(finishing, self.before().__getitem__)
        problems, seen = [], set()
        for number in range(len(self.order)):
            if number in finishing:
                continue
            loop = loop_from(number, lambda n: next(m for m in self.moves[n] if m not in finishing))
            ids = [self.order[n][0] for n in loop]
            if frozenset(ids) in seen:
                continue
            seen.add(frozenset(ids))
            closing = self.site.nodes[ids[-1]]
            line = link_line(closing, ids[0])
            message = say(
                "geen-uitweg-labels", loop=" → ".join([*ids, ids[0]]), route=self.route(loop[0])
            )
            problems.append(Problem(closing.path, line, message))
        return problems

    def rounds(self) -> list[Problem]:
        """Warn about a loop that brings a reader who keeps giving the same answers back to
        a page with the same labels, for ever, unless a page in it asks to choose again;
        a loop with no way out at all is stuck's. Once per loop of written pages."""
        nodes = self.site.nodes
        finishing = reaching(
            {n for n, (node_id, _) in enumerate(self.order) if nodes[node_id].is_end},
            self.before().__getitem__,
        )
        problems, seen = [], set()

        def onward(number: int) -> list[int]:
            return [m for m in self.moves[number] if m >= 0]

        depth = self.site.depths
        for found in loops(range(len(self.order)), onward):
            ids = [self.order[n][0] for n in found]
            if found[0] not in finishing or frozenset(ids) in seen:
                continue
            seen.add(frozenset(ids))
            if any(asks_again(nodes[i]) for i in ids):
                continue
            # begin at its page nearest the start: the way back there closes the loop
            first = min(range(len(found) - 1), key=lambda k: (depth.get(ids[k], 0), k))
            loop = found[first:-1] + found[:first] + [found[first]]
            ids = [self.order[n][0] for n in loop]
            answers = [
                next(
                    w.label
                    for w, m in zip(ways(nodes[ids[k]]), self.moves[a], strict=True)
                    if m == b
                )
                for k, (a, b) in enumerate(zip(loop, loop[1:], strict=False))
            ]
            labels = sorted(self.order[loop[0]][1])
            closing = nodes[ids[-2]]
            message = say(
                "kringloop",
                route=f"na {self.route(loop[0])}" if loop[0] else "vanaf de start",
                loop=" → ".join(ids),
                answers=" → ".join(f"'{a}'" for a in answers),
                labels=f", telkens met de labels {', '.join(labels)}" if labels else "",
            )
            line = link_line(closing, ids[0])
            problems.append(Problem(closing.path, line, message, severity="waarschuwing"))
        return problems

    def before(self) -> list[list[int]]:
        """List, per state, the states whose answers lead to it."""
        found: list[list[int]] = [[] for _ in self.order]
        for number, moves in enumerate(self.moves):
            for following in moves:
                if following >= 0:
                    found[following].append(number)
        return found

    def merge(self) -> list[int]:
        """Merge states whose pages and futures are the same; give each state its page number.

        Pages are numbered in the order a reader first meets them.
        """
        looks: dict[tuple[str, Any], int] = {}
        first = []
        for node_id, labels in self.order:
            key = (node_id, self.looks(node_id, labels))
            first.append(looks.setdefault(key, len(looks)))
        group = first
        while True:  # split groups whose answers lead to different groups, until none do
            keys: dict[tuple[int, ...], int] = {}
            split = [
                keys.setdefault(
                    (group[n], *(group[m] if m >= 0 else -1 for m in self.moves[n])), len(keys)
                )
                for n in range(len(self.order))
            ]
            if len(keys) == len(set(group)):
                break
            group = split
        renumber: dict[int, int] = {}
        return [renumber.setdefault(g, len(renumber)) for g in group]

    def looks(self, node_id: str, labels: Labels) -> tuple[object, ...]:
        """Give what a state's own page shows that depends on the labels."""
        node = self.site.nodes[node_id]
        parts: tuple[Block | Title, ...] = (*node.blocks, *node.titles)
        shown = tuple(part.when.holds(labels) for part in parts if part.when)
        words = self.site.settings.label_words
        return shown + (tuple(n for n in words if n in labels) if node.is_end else ())

    def page_ids(self, pages: list[int]) -> dict[int, str]:
        """Name each page: the written id for a node with one page; for a node with more,
        each copy the id and a code of its situation ('conclusie-3~kbtrm', see
        situation_code), which stays the same while the situation exists, whatever other
        copies come or go."""
        situations: dict[int, set[Labels]] = {}
        copies: dict[str, list[int]] = {}
        for number, (node_id, labels) in enumerate(self.order):
            page = pages[number]
            if page not in situations:
                situations[page] = set()
                copies.setdefault(node_id, []).append(page)
            situations[page].add(labels)
        names: dict[int, str] = {}
        for node_id, found in copies.items():
            if len(found) == 1:
                names[found[0]] = node_id
                continue
            if node_id == self.site.start:  # the start's own page keeps its name
                names[pages[0]] = node_id
                found = [page for page in found if page != pages[0]]
            codes = {page: situation_code(node_id, situations[page]) for page in found}
            size = CODE_SIZE
            while len({code[:size] for code in codes.values()}) < len(codes):
                size += 1  # two situations alike in their first letters: one more each
            names.update((page, f"{node_id}~{code[:size]}") for page, code in codes.items())
        return names

    def merged(self, pages: list[int], names: dict[int, str]) -> Lookup[str]:
        """Give each state that is not the one its page is named by: its own full code
        (situation_code) and the page it is on."""
        found = {}
        for number, (node_id, labels) in enumerate(self.order):
            name = names[pages[number]]
            own = f"{node_id}~{situation_code(node_id, {labels})}"
            if name == node_id or not own.startswith(name):  # not named by this state
                found[own] = name
        return Lookup(sorted(found.items()))

    def pages(self, pages: list[int], names: dict[int, str]) -> Lookup[Node]:
        """Make one plain node per page: fixed links, the text parts that hold, the labels."""
        words, groups = self.site.settings.label_words, self.site.settings.label_groups
        made: dict[str, Node] = {}
        for number, (node_id, labels) in enumerate(self.order):
            name = names[pages[number]]
            if name in made:
                continue
            node = self.site.nodes[node_id]
            targets = [names[pages[m]] if m >= 0 else "" for m in self.moves[number]]
            changes: dict[str, Any] = {"id": name, "branches": (), "blocks": ()}
            if (node.next or node.branches) and not targets[0]:  # leads nowhere (see unfold)
                changes["next"], changes["options"] = None, (Option("", ""),)
            elif node.next or node.branches:
                changes["next"] = targets[0]
            else:
                changes["options"] = tuple(
                    replace(option, next=target, branches=(), labels=())
                    for option, target in zip(node.options, targets, strict=True)
                )
            if node.blocks:
                changes["body_html"] = "\n".join(
                    b.html for b in node.blocks if applies(b.when, labels)
                )
            if node.titles:
                changes["title"] = next(t.text for t in node.titles if applies(t.when, labels))
                changes["titles"] = ()
            if node.is_end:
                changes["labels_shown"] = situation(labels, words, groups)
            made[name] = replace(node, **changes)
        return Lookup(made)

    def too_many(self, extra: int, limit: int, pages: list[int]) -> Problem:
        """Say that the labels make too many pages, and which labels multiply them most."""
        site = self.site
        savings = []
        for name in sorted({n for _, labels in self.order for n in labels}):
            without = {(node_id, labels - {name}) for node_id, labels in self.order}
            carried = sum(1 for _, labels in self.order if name in labels)
            savings.append((len(self.order) - len(without), carried, name))
        savings.sort(key=lambda found: (-found[0], -found[1], found[2]))
        named = ", ".join(name for _, _, name in savings[:3])
        count = f"meer dan {limit}" if self.stopped else f"{extra}"  # a part was not walked
        ticked = {  # the labels set by the answers of questions with several answers
            name: node.choice.question
            for node in site.nodes.values()
            if node.choice is not None
            for option in node.options
            for name in option.labels
        }
        asked = {ticked.get(name, "") for _, _, name in savings[:3]}
        if len(asked) == 1 and "" not in asked:  # they all come from one such question
            question = site.nodes[asked.pop()]  # its first page keeps its id
            message = say(
                "te-veel-paginas-meerkeuze",
                question=question.title,
                extra=count,
                limit=limit,
                labels=named,
            )
            return Problem(question.path, question.options[0].line, message)
        message = say("te-veel-paginas", extra=count, limit=limit, labels=named)
        return Problem(site.settings_path, site.settings.limits.line, message)
