"""Questions with several answers (tests/data/meerkeuze, modelled on a pre-scan: two such
questions of five answers, an exclusive answer each, counts in routing and in result
parts). Every combination of choices is walked with plain links on the site and in the
single file, and by ticking boxes in Chromium; each must end on the page that an
independent reading of the tree's rules gives, and both ways on the same page."""

from __future__ import annotations

import html
import re
import time
from itertools import product
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from beslisboom.cli import main
from conftest import ROOT, serve_folder
from helpers import Visit, axe_violations, focused_outline

TREE = ROOT / "tests" / "data" / "meerkeuze"
SINGLE = "toets-gegevensverwerking.html"
# The answers of soorten.md and kenmerken.md, in order: (label, the label it sets).
SOORTEN = (
    ("Gezondheidsgegevens", "gezondheid"),
    ("Gegevens over strafrechtelijke veroordelingen", "strafrecht"),
    ("Biometrische gegevens", "biometrie"),
    ("Het burgerservicenummer", "bsn"),
    ("Locatiegegevens", "locatie"),
)
KENMERKEN = (
    ("Er worden op grote schaal gegevens verwerkt", "schaal"),
    ("Mensen worden stelselmatig gevolgd", "volgen"),
    ("Gegevens uit verschillende bronnen worden gekoppeld", "koppelen"),
    ("Het gaat om kwetsbare groepen, zoals kinderen", "kwetsbaar"),
    ("Er wordt nieuwe technologie gebruikt", "technologie"),
)
PARTS = (  # the first words of every part of a result's text shown only when it holds
    "De verwerking heeft veel kenmerken",
    "Je verwerkt meer soorten bijzondere gegevens",
    "Omdat er weinig risico",
    "Je verwerkt het burgerservicenummer",  # "Jouw situatie", from site.yml's labels
)
TICKS = list(product((False, True), repeat=5))  # every combination of five answers


def expected(ticked: tuple[tuple[bool, ...], tuple[bool, ...]]) -> tuple[str, set[str]]:
    """Give the end page's title and the parts of PARTS it shows, read from the rules as the
    tree's files state them, without the build: kenmerken.md's next and the '::: als' parts."""
    chosen = {
        name
        for answers, ticks in zip((SOORTEN, KENMERKEN), ticked, strict=True)
        for (_, name), tick in zip(answers, ticks, strict=True)
        if tick
    }
    special = len(chosen & {"gezondheid", "strafrecht", "biometrie"})
    features = len(chosen & {name for _, name in KENMERKEN})
    others = len(chosen & {"bsn", "locatie"})
    shown = {PARTS[3]} if "bsn" in chosen else set()
    if special >= 1 or features >= 2:
        title = "Een DPIA is nodig"
        shown |= {PARTS[0]} if features >= 3 else set()
        shown |= {PARTS[1]} if special >= 2 else set()
    elif features >= 1 or others >= 1:
        title = "Overleg met de privacyadviseur"
        shown |= {PARTS[2]} if features <= 1 and "bsn" not in chosen else set()
    else:
        title = "Een DPIA is niet nodig"
    return title, shown


def combinations() -> list[tuple[tuple[bool, ...], tuple[bool, ...]]]:
    return [(first, second) for first in TICKS for second in TICKS]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("meerkeuze") / "dist"
    assert main(["build", "--content", str(TREE), "--out", str(out)]) == 0
    return out


# --- Without a script: plain links, on the site and in the single file ------------------

LINK = re.compile(r'<a class="(?:option|button)" href="([^"]+)" data-(?:answer="(\d)"|next="")')
SECTION = re.compile(r'<section class="node[^"]*" id="([^"]+)"')


class Pages:
    """The built pages (or the single file's sections) as a reader without a script has
    them: each one's text, and where each of its answers leads."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.links = {
            name: {int(answer or -1): href for href, answer in LINK.findall(text)}
            for name, text in texts.items()
        }

    @classmethod
    def of_site(cls, site: Path) -> Pages:
        found = site.glob("*.html")
        return cls({p.name: p.read_text(encoding="utf-8") for p in found if p.name != SINGLE})

    @classmethod
    def of_single(cls, site: Path) -> Pages:
        text = (site / SINGLE).read_text(encoding="utf-8")
        starts = [(m.start(), m.group(1)) for m in SECTION.finditer(text)]
        ends = [start for start, _ in starts[1:]] + [len(text)]
        return cls(
            {f"#{name}": text[start:end] for (start, name), end in zip(starts, ends, strict=True)}
        )

    def walk(self, start: str, ticked: tuple[tuple[bool, ...], ...], none: bool) -> str:
        """Follow the links for these ticks from the start: 'Volgende', then per question
        Ja or Nee for each answer, or (none, for a question nothing is ticked of) its
        exclusive answer at once. Give the page where the walk ends."""
        here = self.links[start][-1]  # Volgende
        for ticks in ticked:
            if none and not any(ticks):
                here = self.links[here][2]
                continue
            for tick in ticks:
                here = self.links[here][0 if tick else 1]
        assert not self.links[here], f"{here} is not an end"
        return here

    def shows(self, name: str) -> tuple[str, set[str]]:
        """Give a page's title and which of PARTS it shows."""
        text = html.unescape(re.sub(r"<[^>]+>", " ", self.texts[name]))
        title = re.search(r'class="node-title">([^<]+)<', self.texts[name]).group(1)
        return html.unescape(title), {part for part in PARTS if part in " ".join(text.split())}


@pytest.mark.parametrize("where", ["site", "single"])
def test_every_combination_ends_where_the_rules_say_without_a_script(site, where):
    pages = Pages.of_site(site) if where == "site" else Pages.of_single(site)
    start = "index.html" if where == "site" else "#begin"
    ends = {}
    for ticked in combinations():
        end = pages.walk(start, ticked, none=False)
        assert pages.shows(end) == expected(ticked), (ticked, end)
        assert pages.walk(start, ticked, none=True) == end  # 'Geen van deze' = nothing ticked
        ends[ticked] = end
    assert len(set(ends.values())) >= 8  # the outcomes differ, as the rules make them


def test_the_question_is_one_box_in_the_overview_and_the_flowchart(site):
    overview = (site / "overzicht.html").read_text(encoding="utf-8")
    entry = overview.split('id="knoop_soorten"')[1].split("</article>")[0]
    listed = re.findall(r"<li>([^<]+)</li>", entry.split('class="choice-list"')[1])
    assert listed == [label for label, _ in SOORTEN] + ["of: Geen van deze"]
    chart = overview[overview.index("<svg") : overview.index("</svg>")]
    assert chart.count('href="soorten.html"') == 1
    assert "keuze" not in chart and "keuze" not in overview.split("<main")[1].split("<svg")[0]


# --- With the script: ticking boxes in Chromium -------------------------------------------


def tick_and_go(visit: Visit, ticks: tuple[bool, ...], shown: str = "main") -> None:
    """Tick the boxes of the question shown (or 'Geen van deze' if none), press Verder:
    on a page of the site, or (shown '.node:target') in the single file."""
    form = visit.page.locator(f"{shown} form[data-choices]")
    boxes = form.locator("input[type=checkbox]:not([data-none])")
    for index, tick in enumerate(ticks):
        if tick:
            boxes.nth(index).check()
    if not any(ticks):
        form.locator("input[data-none]").check()
    if shown == "main":
        visit.follow(form.locator("button").click)
    else:
        form.locator("button").click()


def answer_cells(visit: Visit) -> list[str]:
    return visit.page.eval_on_selector_all(
        ".answer-given",
        "cells => cells.map(c => [...c.querySelectorAll('li')].map(l => l.textContent).join('|')"
        " || c.textContent)",
    )


def chosen_words(answers, ticks) -> str:
    return "|".join(label for (label, _), tick in zip(answers, ticks, strict=True) if tick)


# Ticks the boxes of the question shown (clicks, as a mouse gives them; every box first
# cleared) and presses Verder, in one call.
TICK = """ticks => {
    const form = document.querySelector("form[data-choices]:not([hidden])");
    form.querySelectorAll("input[type=checkbox]").forEach(box => { box.checked = false; });
    const boxes = form.querySelectorAll("input[type=checkbox]:not([data-none])");
    ticks.forEach((tick, i) => { if (tick) boxes[i].click(); });
    if (!ticks.includes(true)) form.querySelector("input[data-none]").click();
    form.querySelector("button").click();
}"""


@pytest.mark.slow
def test_every_combination_ticked_in_chromium_ends_where_the_links_do(browser, site):
    """Over HTTP, where the browser lets a test hold a page's navigation: for each way of
    answering the first question, the second's boxes are ticked in every way on one page,
    and where 'Verder' goes is noted and stopped, so that the page stays for the next
    combination (a page load takes 0.1 s here: a thousand combinations would take minutes).
    A spread of them is followed to the end page, whose answers are checked there."""
    pages = Pages.of_site(site)
    with serve_folder(site) as base:
        visit = Visit(browser, base)
        holding: list[str] = []  # while a combination is ticked: where 'Verder' went

        def hold(route) -> None:
            if holding == ["?"] and route.request.is_navigation_request():
                holding[0] = route.request.url
                route.abort("aborted")
            else:
                route.continue_()

        visit.page.route("**/*", hold)

        def tick(ticks: tuple[bool, ...]) -> str:
            holding[:] = ["?"]
            visit.page.evaluate(TICK, list(ticks))
            while holding == ["?"]:
                visit.page.wait_for_timeout(1)  # lets the route handler run
            went = holding.pop()
            return urlsplit(went).path.rsplit("/", 1)[-1]

        failures = []
        for first in TICKS:
            visit.open("soorten.html")
            with visit.page.expect_navigation():
                visit.page.evaluate(TICK, list(first))
            for second in TICKS:
                arrived = tick(second)
                wanted = pages.walk("index.html", (first, second), none=False)
                if arrived != wanted or pages.shows(arrived) != expected((first, second)):
                    failures.append(f"{(first, second)}: {arrived} (links: {wanted})")
        for number, ticked in enumerate(combinations()):
            if number % 31:
                continue
            visit.open("soorten.html")
            tick_and_go(visit, ticked[0])
            tick_and_go(visit, ticked[1])
            words = [chosen_words(SOORTEN, ticked[0]) or "Geen van deze"]
            words.append(chosen_words(KENMERKEN, ticked[1]) or "Geen van deze kenmerken")
            if visit.here() != pages.walk("index.html", ticked, none=False):
                failures.append(f"{ticked}: followed to {visit.here()}")
            if answer_cells(visit) != words:
                failures.append(f"{ticked}: answers {answer_cells(visit)}")
        assert failures == [] and visit.errors == [], failures[:5] + visit.errors[:5]
        visit.close()


def test_ticking_in_the_single_file_ends_where_its_links_do(browser, site):
    sections = Pages.of_single(site)
    visit = Visit(browser, site.as_uri() + "/")
    for ticked in combinations()[::97]:  # a spread of them; the site's test takes them all
        visit.open(SINGLE)
        visit.page.locator("#begin a[data-next]").click()
        for ticks in ticked:
            tick_and_go(visit, ticks, ".node:target")
        arrived = "#" + visit.page.evaluate("location.hash.slice(1)")
        assert arrived == sections.walk("#begin", ticked, none=False), ticked
        rows = visit.page.eval_on_selector_all(
            ".node:target .answer-given", "cells => cells.map(c => c.textContent.trim())"
        )
        assert len(rows) == 2, rows
    assert visit.errors == []
    visit.close()


def test_nothing_ticked_where_an_answer_excludes_the_rest_says_what_to_do(browser, site):
    visit = Visit(browser, site.as_uri() + "/")
    visit.open("soorten.html")
    error = visit.page.locator(".field-error")
    assert not error.is_visible()
    visit.page.locator("form[data-choices] button").click()
    assert error.is_visible() and visit.here() == "soorten.html"
    assert "Kies wat van toepassing is, of kies ‘Geen van deze’." in error.inner_text()
    focus = visit.page.evaluate("document.activeElement.id")
    assert focus == "knoop_soorten-1"
    described = visit.page.get_attribute(".choices-set", "aria-describedby")
    assert described.split()[0] == "knoop_soorten-fout"
    box = visit.page.locator("#knoop_soorten-2")
    box.check()
    visit.page.locator("#knoop_soorten-geen").check()
    assert not box.is_checked()  # the exclusive answer unticks the others, and back
    box.check()
    assert not visit.page.locator("#knoop_soorten-geen").is_checked()
    assert visit.errors == []
    visit.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_new_pages_are_accessible_and_keyboard_reaches_every_box(
    browser, site, axe_source, scheme
):
    failures = []
    for width in (1280, 320):
        visit = Visit(browser, site.as_uri() + "/", width=width)
        visit.page.emulate_media(color_scheme=scheme)
        second = re.search(r'class="option" href="([^"]+)"', (site / "soorten.html").read_text())
        for name in ("soorten.html", second.group(1)):  # the checkboxes, then one by one
            visit.open(name)
            failures += [f"{name} @{width}: {v}" for v in axe_violations(visit.page, axe_source)]
        visit.open("soorten.html")
        visit.page.locator("form[data-choices] button").click()  # with its error shown
        failures += [f"error @{width}: {v}" for v in axe_violations(visit.page, axe_source)]
        visit.open("soorten.html")
        tick_and_go(visit, (True, False, True, False, False))
        tick_and_go(visit, (False, True, True, True, False))
        failures += [f"end @{width}: {v}" for v in axe_violations(visit.page, axe_source)]
        failures += visit.errors
        visit.close()
    assert failures == []
    keys = Visit(browser, site.as_uri() + "/")
    keys.page.emulate_media(color_scheme=scheme)
    keys.open("soorten.html")
    reached = []
    for _ in range(30):
        keys.page.keyboard.press("Tab")
        focus = focused_outline(keys.page)
        tag = keys.page.evaluate("document.activeElement.type || document.activeElement.tagName")
        if tag in ("checkbox", "submit"):
            assert focus["visible"] and focus["outline"], focus
            reached.append(tag)
        if tag == "submit":
            break
    assert reached == ["checkbox"] * 6 + ["submit"]
    keys.page.keyboard.press("Shift+Tab")
    keys.page.keyboard.press("Space")  # ticks 'Geen van deze' from the keyboard
    keys.page.keyboard.press("Tab")
    keys.follow(lambda: keys.page.keyboard.press("Enter"))
    assert keys.here().startswith("kenmerken")
    assert keys.errors == []
    keys.close()


@pytest.mark.parametrize("where", ["site", "single"])
def test_changing_a_question_with_several_answers_ticks_them_again(browser, site, where):
    """'Wijzigen' goes back to the question with its boxes ticked as they were. After a
    change, the next question's answers are kept (on another copy of it now that the
    labels differ), so the reader lands on the end page at once; changing that question
    in turn shows its boxes ticked as they were."""
    visit = Visit(browser, site.as_uri() + "/")
    shown = "main" if where == "site" else ".node:target"
    ticks = visit.page.locator(f"{shown} input[type=checkbox]")

    def boxes() -> list[bool]:
        found = visit.page.locator(f"{shown} input[type=checkbox]:not([data-none])")
        return [found.nth(index).is_checked() for index in range(found.count())]

    def press(locator) -> None:
        visit.follow(locator.click) if where == "site" else locator.click()

    def verder() -> None:
        press(visit.page.locator(f"{shown} form[data-choices] button"))

    def rows() -> list[str]:
        return visit.page.eval_on_selector_all(
            f"{shown} .answer-given",
            "cells => cells.map(c => [...c.querySelectorAll('li')].map(l => l.textContent)"
            ".join('|'))",
        )

    def settles(found, expected) -> None:
        """Assert what the page shows once its script has taken in the last click (in the
        single file a click is no page load to wait for)."""
        end = time.monotonic() + 10
        while found() != expected and time.monotonic() < end:
            time.sleep(0.05)
        assert found() == expected

    visit.open("soorten.html" if where == "site" else SINGLE + "#soorten")
    ticks.nth(0).check()
    ticks.nth(2).check()
    verder()
    ticks.nth(1).check()
    verder()
    settles(rows, [f"{SOORTEN[0][0]}|{SOORTEN[2][0]}", KENMERKEN[1][0]])
    press(visit.page.locator(f"{shown} .answer-change").first)
    settles(boxes, [True, False, True, False, False])
    ticks.nth(2).uncheck()
    ticks.nth(3).check()
    verder()
    settles(rows, [f"{SOORTEN[0][0]}|{SOORTEN[3][0]}", KENMERKEN[1][0]])  # kept, at the end
    press(visit.page.locator(f"{shown} .answer-change").nth(1))
    settles(boxes, [False, True, False, False, False])
    ticks.nth(4).check()
    verder()
    settles(rows, [f"{SOORTEN[0][0]}|{SOORTEN[3][0]}", f"{KENMERKEN[1][0]}|{KENMERKEN[4][0]}"])
    assert visit.errors == []
    visit.close()
