"""Questions with several answers as plain pages: one answer at a time, Ja or Nee.

A question with `multiple: true` and the answers a, b and c becomes, before the labels are
unfolded (unfold.py), a row of pages: the first asks about a, the next about b, the last
about c. 'Ja' sets that answer's labels, 'Nee' sets none, and the last page goes on as the
question's own next does; the first page also offers the exclusive answer ('Geen van
deze'), which goes on from there at once. So every combination of answers is a route of
plain links, and the labels decide the way on as anywhere else. The optional script shows
the first page's answers as checkboxes and follows the same links for the ones ticked
(assets/antwoorden.js): both ways end on the same page.

The first page keeps the question's id, so that every link to the question lands there;
the others are 'vraag~keuze-2', 'vraag~keuze-3' and so on.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Choice, Lookup, Node, Option, Site

YES, NO = "Ja", "Nee"
POSITION = "~keuze-"  # between a question's id and the number of a later page of it


def expand(site: Site) -> Site:
    """Give the site with every question with several answers as its row of pages."""
    if not any(node.multiple for node in site.nodes.values()):
        return site
    pages: list[Node] = []
    for node in site.nodes.values():
        pages += one_by_one(node) if node.multiple else [node]
    return replace(site, nodes=Lookup((page.id, page) for page in pages))


def page_id(question: str, position: int) -> str:
    """Name the page of a question that asks about its answer at this position (from 1)."""
    return question if position == 1 else f"{question}{POSITION}{position}"


def one_by_one(question: Node) -> list[Node]:
    """Make the row of pages that asks a question's answers one at a time."""
    answers = [option for option in question.options if not option.none]
    exclusive = next((option for option in question.options if option.none), None)
    items = tuple((answer.label, answer.hint) for answer in answers)
    way_on = (question.next or "", question.branches)  # the question's own next
    pages = []
    for position, answer in enumerate(answers, 1):
        last = position == len(answers)
        target, branches = way_on if last else (page_id(question.id, position + 1), ())
        options = [
            Option(YES, target, line=answer.line, labels=answer.labels, branches=branches),
            Option(NO, target, line=answer.line, branches=branches),
        ]
        if position == 1 and exclusive is not None:  # none of them: on at once
            options.append(
                Option(exclusive.label, way_on[0], line=exclusive.line, branches=way_on[1])
            )
        choice = Choice(
            question.id,
            position,
            len(answers),
            answer.label,
            answer.hint,
            items=items if position == 1 else (),
            none=exclusive.label if exclusive is not None and position == 1 else "",
        )
        pages.append(
            replace(
                question,
                id=page_id(question.id, position),
                options=tuple(options),
                next=None,
                branches=(),
                multiple=False,
                choice=choice,
            )
        )
    return pages
