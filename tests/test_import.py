"""The MinBZK AI-verordening beslishulp, imported and built: every route agrees with the
original, whose conditions this file evaluates on its own (jexl turned into Python)."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from beslisboom.importer import convert, write
from beslisboom.pipeline import build, format_problem
from conftest import ROOT, nu_errors, project_for
from helpers import TREE, Visit, axe_violations, original_routes

pytestmark = pytest.mark.skipif(
    not TREE.is_file(), reason=f"the MinBZK tree is not at {TREE} (set BESLISBOOM_TREES)"
)
OPTION = re.compile(r'<a class="option" href="([^"]+)"[^>]*>(.*?)</a>', re.S)
TEXT = re.compile(r'<div class="text">\s*<p>(.*?)</p>', re.S)
TITLE = re.compile(r'<h1 class="node-title">(.*?)</h1>', re.S)
FIRST = re.compile(r'<a class="button" href="([^"]+)" data-next="">Start</a>')
MAIN = re.compile(r"<main[^>]*>(.*?)</main>", re.S)
LABELS = re.compile(r'<div class="labels">.*?<ul>(.*?)</ul>', re.S)
ITEM = re.compile(r"<li>(.*?)</li>", re.S)
TAG = re.compile(r"<[^>]+>")


GROUP = re.compile(r'<span class="labels-group">(.*?):</span>')
SHOWN = """els => els.map(e => {
  const copy = e.cloneNode(true);
  const group = copy.querySelector('.labels-group');
  if (group) { group.remove(); }
  return copy.textContent.trim();
})"""


def situation(items: list[str]) -> set[str]:
    """Read the labels a result shows, each group's words ('aanbieder, importeur') apart."""
    return {words for item in items for words in item.split(", ")}


def plain(text: str) -> str:
    """Compare texts as a reader reads them: no tags, no entities, single spaces."""
    return " ".join(html.unescape(TAG.sub("", text)).split())


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Import the tree, build it; give the content folder and the built site."""
    folder = tmp_path_factory.mktemp("minbzk")
    conversion = convert(TREE)
    write(conversion, folder / "content")
    result = build(project_for(folder / "content"), folder / "dist")
    assert not result.failed(), [format_problem(p) for p in result.problems]
    return folder / "content", folder / "dist", conversion, result


def test_every_route_of_the_built_pages_ends_at_the_original_conclusion(imported):
    _, dist, _, _ = imported
    data = yaml.safe_load(TREE.read_text(encoding="utf-8"))
    conclusions = {str(c["conclusionId"]): c for c in data["conclusions"]}
    known = {(plain(c["conclusion"]), plain(c["obligation"])) for c in conclusions.values()}
    assert len(known) == len(conclusions)  # a conclusion is known by its text and obligation
    pages: dict[str, str] = {}

    def read(name: str) -> str:
        if name not in pages:
            pages[name] = (dist / name).read_text(encoding="utf-8")
        return pages[name]

    routes = original_routes()
    assert len(routes) == 3140  # as many as the issue counted by hand
    first = FIRST.search(read("index.html")).group(1)  # the start page leads to question 1.1
    visited = {first}
    for answers, conclusion, labels in routes:
        page = first
        for answer in answers:
            options = {plain(label): href for href, label in OPTION.findall(read(page))}
            assert answer in options, (answers, page, list(options))
            page = options[answer]
            visited.add(page)
        end = read(page)
        assert OPTION.search(end) is None, (answers, page)
        original = conclusions[conclusion]
        # the conclusion once: its telling sentence is the title, the rest its first text
        title = plain(TITLE.search(end).group(1))
        text = TEXT.search(end)
        said = f"{plain(text.group(1))} " if text and "Tenzij" not in text.group(1) else ""
        assert plain(original["conclusion"]) in (f"{said}{title}", f"{title} {said}".strip())
        assert plain(MAIN.search(end).group(1)).count(title) == 1
        assert plain(original["obligation"]).replace("• ", "") in plain(end).replace("• ", "")
        # The result shows the original's labels, and the subresult only where it was given.
        listed = LABELS.search(end)
        items = ITEM.findall(listed.group(1)) if listed else []
        assert all(GROUP.match(item) for item in items)  # each under its part of the aid
        shown = situation([plain(GROUP.sub("", item)) for item in items])
        assert shown == {label for label in labels if not label.startswith("subresult: ")}
        for label in labels:
            if label.startswith("subresult: "):
                assert label.removeprefix("subresult: ") in plain(end)
        if not any(label.startswith("subresult: ") for label in labels):
            assert "Tenzij het duidelijk is" not in end
    built = {p.name for p in dist.glob("*.html")} - {"index.html", "overzicht.html"}
    built -= {n for n in built if n.startswith("beslishulp")}
    assert visited == built  # no page is left that no route reaches


def test_the_import_keeps_every_text_and_names_what_it_left_out(imported):
    content, _, conversion, _ = imported
    data = yaml.safe_load(TREE.read_text(encoding="utf-8"))
    written = "\n".join(p.read_text(encoding="utf-8") for p in content.rglob("*.md"))
    flat = plain(written.replace("\\", ""))
    for question in data["questions"]:
        assert plain(question["question"]) in flat
        for line in re.split(r"<br\s*/?>", question.get("explanation") or ""):
            assert plain(line).lstrip("• ").strip() in flat
        for source in question.get("sources") or []:
            assert source.get("url", source.get("source")) in written
    for conclusion in data["conclusions"]:
        for line in re.split(r"<br\s*/?>", conclusion["obligation"]):
            assert plain(line).lstrip("• ").strip() in flat
    # Nothing in this tree is beyond the format: only its page layout keys are left out.
    assert [format_problem(p) for p in conversion.problems] == []


def test_the_import_command_refuses_a_folder_in_use_and_reports_the_pages(tmp_path):
    (tmp_path / "bezet").mkdir()
    (tmp_path / "bezet" / "notitie.txt").write_text("van mij")
    command = [sys.executable, str(ROOT / "build.py"), "import", str(TREE)]
    refused = subprocess.run(
        [*command, "--content", str(tmp_path / "bezet")], capture_output=True, text=True
    )
    assert refused.returncode == 2
    assert "bestaat al en is niet leeg" in refused.stderr
    assert (tmp_path / "bezet" / "notitie.txt").read_text() == "van mij"
    done = subprocess.run(
        [*command, "--content", str(tmp_path / "nieuw")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Omgezet: 73 pagina's" in done.stdout  # 22 questions, 50 conclusions, the start
    assert "Vul nog in wat het origineel niet zegt: de startpagina" in done.stdout
    assert re.search(r"De site krijgt \d+ pagina's, waarvan \d+ door de labels", done.stdout)


def test_the_real_tree_s_dead_conditions_are_found(imported):
    _, _, _, result = imported
    found = [format_problem(p) for p in result.problems]
    # 1.5 tests 'AI-model' and 'gebruiksverantwoordelijke' after a condition that already
    # holds for every 'AI-model': the original can never reach conclusion 13.2.1 there.
    assert any(
        "vraag-1.5.md:" in line and "'conclusie-13.2.1'" in line and "geen enkele route" in line
        for line in found
    ), found
    assert all(p.severity == "waarschuwing" for p in result.problems)


def test_unknown_conditions_are_listed_not_dropped(tmp_path):
    tree = tmp_path / "boom.yaml"
    tree.write_text(
        "name: Boom\nquestions:\n"
        "  - questionId: '1'\n    question: Vraag?\n    answers:\n"
        "      - answer: Ja\n        labels: [a]\n        redirects:\n"
        "          - nextConclusionId: '2'\n            if: 'labels.length > 1'\n"
        "          - nextConclusionId: '2'\n            if: '\"a\" in labels'\n"
        "      - answer: Nee\n        nextConclusionId: '2'\n        extra: x\n"
        "conclusions:\n  - conclusionId: '2'\n    conclusion: Klaar.\n    obligation: Niets.\n",
        encoding="utf-8",
    )
    conversion = convert(tree)
    assert [format_problem(p) for p in conversion.problems] == [
        f"{tree.as_posix()}:9: waarschuwing: niet omgezet: de voorwaarde 'labels.length > 1'; "
        "zet dit zelf over in de pagina's",
        f"{tree.as_posix()}:13: waarschuwing: niet omgezet: 'extra' van antwoord 'Nee'; "
        "zet dit zelf over in de pagina's",
    ]
    assert 'when: "a"' in conversion.files["vragen/vraag-1.md"]


# --- The imported site in Chromium: the same bar as the seed site ---------------------------

HREF = re.compile(r'(?:href|src)="(?![a-z]+:)([^"#?]+)[^"]*"')  # a file of the site


def test_every_link_of_every_page_lands_on_a_file(imported):
    _, dist, _, _ = imported
    broken = []
    for path in dist.rglob("*.html"):
        for target in HREF.findall(path.read_text(encoding="utf-8")):
            if not (path.parent / html.unescape(target)).is_file():
                broken.append(f"{path.name}: {target}")
    assert broken == []


def sample_pages(dist: Path, content: Path) -> list[str]:
    """The first page of every question and conclusion as written, the overview, and every
    twentieth page of the rest (copies the labels made)."""
    from beslisboom.gone import stem_of
    from beslisboom.urls import slug

    names = sorted(p.name for p in dist.glob("*.html") if not p.name.startswith("beslishulp"))
    written = {slug(p.stem) for p in content.rglob("*.md")}
    firsts = {}  # per page as written, its page or its first copy ('vraag-2-3-kbtrm.html')
    for name in names:
        if stem_of(name) in written:
            firsts.setdefault(stem_of(name), name)
    chosen = [*firsts.values(), "index.html", "overzicht.html"]
    return sorted(set(chosen + names[:: max(1, len(names) // 20)]))


def test_imported_site_is_accessible_and_stays_on_the_site(imported, browser, axe_source):

    content, dist, _, _ = imported
    failures = []
    pages = sample_pages(dist, content)
    assert len(pages) > 90
    for width in (1280, 320):
        reader = Visit(browser, dist.as_uri() + "/", width=width)
        for name in pages:
            reader.open(name)
            failures += [f"{name} @{width}: {v}" for v in axe_violations(reader.page, axe_source)]
            overflow = reader.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                failures.append(f"{name} @{width}: scrolls sideways by {overflow} px")
        failures += reader.errors
        reader.close()
    assert not failures, "\n".join(failures)


ROUTE = [  # the longest route of the tree: 19 answers, 7 labels
    "Ja",
    "We ontwikkelen enkel",
    "In gebruik",
    "Ik weet het niet",
    "Nee",
    "Ja",
    "Ja",
    "Nee",
    "Naar risicogroep bepaling",
    "Ja",
    "Ja",
    "Geen van beide",
    "Ja",
    "Ja",
    "Nee",
    "Ja",
    "Ja",
    "Ja",
    "Ja",
]


def original_end(answers: list[str]) -> tuple[str, frozenset[str]]:
    """Give the original's conclusion and labels for one route."""
    for taken, conclusion, labels in original_routes():
        if list(taken) == answers:
            return conclusion, labels
    raise AssertionError(answers)


@pytest.mark.parametrize("javascript", [True, False])
def test_a_reader_clicks_through_the_site_to_the_original_conclusion(imported, browser, javascript):

    _, dist, _, _ = imported
    reader = Visit(browser, dist.as_uri() + "/", javascript=javascript)
    reader.open("index.html")
    reader.follow(reader.page.locator("main a[data-next]").click)  # the start page: Start
    route = ROUTE
    for answer in route:
        last_question = reader.here()
        link = reader.page.locator("main").get_by_role("link", name=answer, exact=True)
        reader.follow(link.click)
    conclusion, labels = original_end(route)
    data = yaml.safe_load(TREE.read_text(encoding="utf-8"))
    text = next(c for c in data["conclusions"] if str(c["conclusionId"]) == conclusion)
    main = reader.page.locator("main").inner_text()
    assert plain(text["conclusion"]) in " ".join(main.split())
    shown = reader.page.locator(".labels li").evaluate_all(SHOWN)
    assert situation(shown) == set(labels)
    if javascript:  # the answers given, and a way back to the last question
        rows = reader.page.locator(".answer-row .answer-given").all_inner_texts()
        # every answer but the one way on from an interlude page ('tussenscherm')
        assert rows == [answer for answer in route if answer != "Naar risicogroep bepaling"]
        reader.follow(reader.page.locator(".back-link").click)
        assert reader.here() == last_question
    assert reader.errors == []
    reader.close()


def test_the_single_file_follows_the_same_route(imported, browser, axe_source, tmp_path):

    _, dist, _, _ = imported
    single = next(dist.glob("beslishulp*.html"))
    alone = tmp_path / single.name
    shutil.copy(single, alone)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: r.url.split("#")[0] != alone.as_uri() and errors.append(r.url))
    page.goto(alone.as_uri())
    page.locator(".node:visible a[data-next]").first.click()  # the start page: Start
    page.wait_for_function("() => history.state !== null")
    for answer in ROUTE:
        section = page.locator(".node:visible")
        section.get_by_role("link", name=answer, exact=True).first.click()
        page.wait_for_function("() => history.state !== null")
    conclusion, labels = original_end(ROUTE)
    visible = page.locator(".node:visible")
    assert visible.count() == 1
    assert situation(visible.locator(".labels li").evaluate_all(SHOWN)) == set(labels)
    data = yaml.safe_load(TREE.read_text(encoding="utf-8"))
    text = next(c for c in data["conclusions"] if str(c["conclusionId"]) == conclusion)
    shown = " ".join(visible.inner_text().split())
    assert all(s in shown for s in re.split(r"(?<=[.!?])\s+", plain(text["conclusion"])))
    assert axe_violations(page, axe_source) == []
    assert errors == []
    context.close()


def test_the_sampled_pages_and_the_overview_are_valid_html(imported, vnu_jar):
    content, dist, _, _ = imported
    assert nu_errors(vnu_jar, [dist / name for name in sample_pages(dist, content)]) == []


def route_data(dist: Path) -> dict:
    """Read the route data the script follows (assets/boom.js) as Python values."""
    text = (dist / "assets" / "boom.js").read_text(encoding="utf-8")
    return json.loads(text.split("=", 1)[1].rstrip().rstrip(";"))


def test_wijzigen_keeps_the_later_answers_that_still_fit(imported, browser):
    """Changing an early answer to one that leads on through copies of the same questions
    (other labels, the same questions and answers) keeps the later answers: the reader
    lands where they lead, not on the next question to answer again; back at the changed
    question, the answer given before is marked."""
    _, dist, _, _ = imported
    nodes = route_data(dist)["nodes"]

    def onward(page: str) -> str:
        while "n" in nodes[page]:
            page = nodes[page]["n"]
        return page

    def question(page: str) -> tuple:
        return (nodes[page]["t"], tuple(o[0] for o in nodes[page].get("o", ())))

    reader = Visit(browser, dist.as_uri() + "/")
    reader.open("index.html")
    reader.follow(reader.page.locator("main a[data-next]").click)  # the start page: Start
    given = []  # (page, answer index) of every answer on the route
    for answer in ROUTE:
        here = reader.here()
        index = [o[0] for o in nodes[here]["o"]].index(answer)
        given.append((here, index))
        reader.follow(reader.page.locator(f"main a[data-answer='{index}']").click)
    end, rows = reader.here(), reader.page.locator(".answer-row").count()
    changed = next(
        (number, other)
        for number, (page, index) in enumerate(given[:-1])
        for other in range(len(nodes[page]["o"]))
        if other != index
        and (following := onward(nodes[page]["o"][other][1])) != given[number + 1][0]
        and question(following) == question(given[number + 1][0])
    )
    number, other = changed
    page, index = given[number]
    reader.follow(reader.page.locator(f".answer-change[href^='{page}?']").click)
    assert reader.here() == page
    marked = reader.page.locator(f"main a[data-answer='{index}'] .previous-answer")
    assert marked.inner_text() == "je vorige antwoord"
    reader.follow(reader.page.locator(f"main a[data-answer='{other}']").click)
    assert reader.here() != onward(nodes[page]["o"][other][1])  # not stopped at the next
    kept = reader.page.locator(".answer-row").count()
    assert kept >= number + 2, (reader.here(), end, kept, rows)
    assert reader.errors == []
    reader.close()


def test_screenshots_of_the_imported_tree_light_and_dark(
    imported, browser, axe_source, screenshot_dir, tmp_path
):
    """The pages a reader of the imported aid sees, at 1280 and 375 px, light and dark:
    the start, a question with many sources, a result, the overview, and the page at a
    saved result's address after the editor changed the labels. Look at them."""
    content, dist, _, _ = imported
    # the result of the longest route, and its address after a label edit
    reader = Visit(browser, dist.as_uri() + "/", javascript=False)
    reader.open("index.html")
    reader.follow(reader.page.locator("main a[data-next]").click)
    for answer in ROUTE:
        link = reader.page.locator("main").get_by_role("link", name=answer, exact=True)
        reader.follow(link.click)
    result = reader.here()
    reader.close()
    edited = tmp_path / "content"
    shutil.copytree(content, edited)
    settings = edited / "site.yml"
    words = settings.read_text(encoding="utf-8")
    settings.write_text(words.replace('  open-source: "open-source"\n', ""), encoding="utf-8")
    later = tmp_path / "dist"
    shutil.copytree(dist, later)
    rebuilt = build(project_for(edited), later)  # the same content folder, seen from the site
    assert not rebuilt.failed(), [format_problem(p) for p in rebuilt.problems]
    question = min(p.name for p in dist.glob("vraag-2-3*.html"))  # 24 sources
    pages = {
        "start": (dist, "index.html"),
        "vraag": (dist, question),
        "conclusie": (dist, result),
        "overzicht": (dist, "overzicht.html"),
        "oud-adres": (later, rebuilt.gone[0]),
    }
    failures = []
    for scheme in ("light", "dark"):
        for width in (1280, 375):
            for shot, (folder, name) in pages.items():
                visit = Visit(browser, folder.as_uri() + "/", width=width)
                page = visit.page
                page.emulate_media(color_scheme=scheme)
                visit.open(name)
                where = f"{shot} {width} {scheme}"
                failures += [f"{where}: {v}" for v in axe_violations(page, axe_source)]
                sideways = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if sideways > 0:
                    failures.append(f"{where}: scrolls sideways by {sideways} px")
                if shot == "vraag" and width == 375:  # the answers before the sources
                    first = page.locator("a.option").first.bounding_box()
                    if first["y"] > 3 * 800:
                        failures.append(f"{where}: the first answer is {first['y']} px down")
                if shot == "conclusie":  # the reader's situation before the text
                    tops = page.evaluate(
                        "['.labels', 'main .text'].map(s => "
                        "document.querySelector(s).getBoundingClientRect().top)"
                    )
                    if tops != sorted(tops):
                        failures.append(f"{where}: 'Jouw situatie' is not above the text")
                path = screenshot_dir / f"minbzk-{shot}-{width}-{scheme}.png"
                page.screenshot(path=str(path), full_page=shot != "overzicht")
                failures += visit.errors
                visit.close()
    assert not failures, "\n".join(failures)
    assert "Deze pagina" in (later / rebuilt.gone[0]).read_text(encoding="utf-8")
