"""The single-file edition: one self-contained HTML file, proven from a copy in an empty folder."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from beslisboom.cli import main
from conftest import ROOT, eventually, nu_errors, serve_folder
from helpers import (
    FLOW,
    IDS,
    KEYBOARD_ROUTE,
    OUTCOME_TITLES,
    ROUTE_WEINIG,
    axe_violations,
    is_copy_of,
    source_sentences,
    tab_to,
)
from htmlcheck import Page, broken_references

NAME = "burgers-betrekken-beslisboom.html"


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real content, then copy the single file alone into an empty folder."""
    out = tmp_path_factory.mktemp("build") / "dist"
    assert main(["build", "--content", str(ROOT / "content"), "--out", str(out)]) == 0
    alone = tmp_path_factory.mktemp("alone")
    shutil.copy(out / NAME, alone / NAME)
    return alone / NAME


@pytest.fixture(scope="module")
def html(single: Path) -> str:
    return single.read_text(encoding="utf-8")


def test_needs_no_other_file(single, html):
    assert broken_references(single.parent) == []
    refs = re.findall(r'(?:href|src)="([^"]*)"', html)
    outside = [r for r in refs if not r.startswith(("#", "mailto:", "tel:")) and r != "data:,"]
    assert outside == []
    assert "<script src" not in html and 'rel="stylesheet"' not in html


def test_every_sentence_of_the_source_is_in_it(html):
    text = Page(html).text
    assert [s for s in source_sentences() if s not in text] == []


def test_reads_top_to_bottom_in_the_order_of_the_steps(html):
    titles = re.findall(r'<h2 class="node-title">(.*?)</h2>', html)
    steps = [int(s) for s in re.findall(r'<p class="step">Stap (\d+) van 7</p>', html)]
    assert len(titles) == len(IDS) + 2  # the end thrice, by the route's outcome
    assert titles[0] == "Moet ik burgers betrekken? En hoe doe ik dat?"
    assert sorted(titles[-3:]) == [
        "De JenV-brede Werkagenda kan je hierbij helpen!",
        "Geen traject starten",
        "Je kan aan de slag!",
    ]
    assert steps == sorted(steps)


def sha256_source(text: str) -> str:
    """Give the CSP source that allows exactly this inline text, as CSP 3 defines it."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def test_csp_allows_exactly_its_own_style_and_script_and_pictures_inside(html):
    css = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert policy == (
        f"default-src 'none'; img-src data:; style-src {sha256_source(css)}; "
        f"script-src {sha256_source(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    assert html.count("<script") == 1 and html.count("<style") == 1


def test_is_small(single):
    # 79 KB with one end page, 82 KB with one per outcome (1.2 KB each, its contact block
    # included); the style is 14 KB of it, the script and route data 31 KB
    assert single.stat().st_size < 84_000


# --- In Chromium -----------------------------------------------------------------------


@pytest.fixture
def reader(browser, single):
    """A browser page on the single file, recording errors and any request but the file."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(5000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type in ("error", "warning") and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: (
            urlsplit(r.url).path != urlsplit(single.as_uri()).path
            and errors.append(f"request: {r.url}")
        ),
    )
    page.goto(single.as_uri())
    page.errors = errors
    yield page
    context.close()


def visible_titles(page) -> list[str]:
    """Return the titles of the sections a reader sees now."""
    return page.evaluate("""() => [...document.querySelectorAll('.node, .single-overview')]
        .filter(s => getComputedStyle(s).display !== 'none')
        .map(s => s.querySelector('h2').textContent)""")


def choose(page, label: str) -> None:
    """Click an answer or next link in the visible section; let the script take it in."""
    page.locator(".node:visible, .single-overview:visible").get_by_role(
        "link", name=label, exact=True
    ).first.click()
    # the script keeps the answers in the new history entry once it has handled the click
    page.wait_for_function("() => history.state !== null")


def test_shows_one_node_at_a_time_from_the_start(reader):
    assert visible_titles(reader) == ["Moet ik burgers betrekken? En hoe doe ik dat?"]
    choose(reader, "Start")
    assert visible_titles(reader) == ["Wanneer betrek je burgers?"]
    assert reader.errors == []


@pytest.fixture(scope="module")
def sections(html: str) -> dict[str, list[str]]:
    """Map FLOW.md's node names to the ids of their sections: the end has one per outcome."""
    ids = re.findall(r'<section class="node[^"]*" id="([^"]+)"', html)
    found = {name: [i for i in ids if is_copy_of(i, IDS[name])] for name in IDS}
    found["start"] = ["begin"]
    return found


@pytest.mark.parametrize("name", FLOW)
def test_every_answer_leads_where_flow_says(reader, name, sections):
    for anchor in sections[name]:
        for label, target in FLOW[name]:
            reader.goto(f"{reader.url.split('#')[0]}#{anchor}")
            title = visible_titles(reader)
            assert len(title) == 1
            choose(reader, label)
            assert reader.url.split("#")[1] in sections[target], (name, label)
            assert len(visible_titles(reader)) == 1
    assert reader.errors == []


def test_back_button_goes_back_one_answer(reader):
    for label in ("Start", "Volgende", "Weinig"):
        choose(reader, label)
    assert visible_titles(reader) == ["Weinig mandaat of ruimte"]
    reader.go_back()
    assert visible_titles(reader) == [
        "Hoeveel mandaat of ruimte is er om de stem van de burger mee te wegen?"
    ]


def test_accessible_and_narrow_on_every_section(
    reader, axe_source, single, screenshot_dir, sections
):
    ids = [*sum((sections[n] for n in FLOW), []), "overzicht"]
    assert len(ids) == len(FLOW) + 3  # the end thrice
    failures = []
    for width in (1280, 320):
        reader.set_viewport_size({"width": width, "height": 800})
        for anchor in ids:
            reader.goto(f"{single.as_uri()}#{anchor}")
            failures += [f"#{anchor} @{width}: {v}" for v in axe_violations(reader, axe_source)]
            overflow = reader.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                failures.append(f"#{anchor} @{width}: scrolls sideways by {overflow} px")
            if width == 320 or anchor in ("begin", "3-rol", "overzicht") or "einde" in anchor:
                reader.screenshot(
                    path=str(screenshot_dir / f"een-bestand-{anchor}-{width}.png"), full_page=True
                )
    assert not failures, "\n".join(failures)
    assert reader.errors == []


def test_keyboard_only_walk_to_the_contact_section(reader):
    for label in KEYBOARD_ROUTE:
        tab_to(reader, label, reader.url, passing=("BODY", "SECTION"))
        reader.keyboard.press("Enter")
    assert is_copy_of(reader.url.split("#")[1], "einde")
    assert visible_titles(reader) == [OUTCOME_TITLES["genoeg"]]
    assert reader.errors == []


def test_html_and_css_are_valid(single, vnu_jar):
    assert nu_errors(vnu_jar, [single], css=True) == []


def answer_rows(page) -> list[list[str]]:
    """Read 'Jouw antwoorden' in the visible section as [question, answer] pairs."""
    return page.eval_on_selector_all(
        ".node .answer-row",
        "rows => rows.filter(r => r.offsetParent).map(r => "
        "[r.querySelector('.answer-question').textContent, "
        "r.querySelector('.answer-given').textContent])",
    )


def test_answers_are_remembered_and_summarised(reader, axe_source):
    for label in ROUTE_WEINIG:
        choose(reader, label)
    assert visible_titles(reader) == [OUTCOME_TITLES["weinig"]]
    assert [a for _, a in answer_rows(reader)] == [
        "Weinig",
        "De burgers mogen hun mening geven, het bestuur beslist - raadplegen",
        "Specifieke doelgroep",
        "Nee",
    ]
    advice = reader.locator(".node:visible .advice-item dt").all_inner_texts()
    assert advice == [
        "Ruimte: Weinig",
        "Rol: raadplegen",
        "Doelgroep: Specifieke doelgroep",
        "Zelf starten: Nee",
    ]
    assert (
        "De inzichten dienen dan als denkrichting." in reader.locator(".node:visible").inner_text()
    )
    assert axe_violations(reader, axe_source) == []
    reader.go_back()  # back one answer: the advice after "Nee"
    assert visible_titles(reader) == ["Je hebt nog niet genoeg informatie"]
    eventually(lambda: len(answer_rows(reader)) == 4, "four answers")
    reader.go_back()
    assert visible_titles(reader) == ["Heb je genoeg informatie om zelf het traject te starten?"]
    eventually(lambda: len(answer_rows(reader)) == 3, "three answers")
    assert reader.errors == []


def change(page, question: str) -> None:
    """Follow the 'Wijzigen' link of an answer; let the script take it in."""
    page.locator(".node:visible").get_by_role(
        "link", name=f"Wijzigen antwoord op: {question}"
    ).click()
    page.wait_for_function("() => history.state !== null")


def test_changing_an_answer_keeps_later_answers_while_the_route_holds(reader):
    for label in ROUTE_WEINIG:
        choose(reader, label)
    change(reader, "Hoeveel mandaat")
    assert visible_titles(reader) == [
        "Hoeveel mandaat of ruimte is er om de stem van de burger mee te wegen?"
    ]
    choose(reader, "Genoeg")
    assert visible_titles(reader) == [OUTCOME_TITLES["weinig"]]  # the later answers kept
    assert [a for _, a in answer_rows(reader)][0] == "Genoeg"
    assert len(answer_rows(reader)) == 4
    change(reader, "Hoeveel mandaat")
    choose(reader, "Geen")
    assert visible_titles(reader) == ["Geen mandaat of ruimte"]
    assert [a for _, a in answer_rows(reader)] == ["Geen"]
    assert reader.errors == []


def test_the_download_links_save_the_single_file(tmp_path, browser):
    """'Download de beslisboom als één bestand' saves the file, from the start page and the
    overview, under its own name; it does not open it in place of the site."""
    out = tmp_path / "dist"
    assert main(["build", "--content", str(ROOT / "content"), "--out", str(out)]) == 0
    with serve_folder(out) as base:
        context = browser.new_context(accept_downloads=True)
        tab = context.new_page()
        for page in ("index.html", "overzicht.html"):
            tab.goto(base + page)
            link = tab.get_by_role("link", name=re.compile("download de beslisboom", re.I))
            with tab.expect_download() as download:
                link.click()
            assert download.value.suggested_filename == NAME
            assert tab.url == base + page  # the reader stays where they were
            saved = tmp_path / f"van-{page}"
            download.value.save_as(saved)
            assert saved.read_bytes() == (out / NAME).read_bytes()
        context.close()


def test_the_inline_style_leaves_out_comments_but_not_a_quoted_comment_mark():
    from beslisboom.single import without_comments

    css = "a{b:c} /* weg */ d{content:\"/* blijft */\"} /* weg,\nook */e{content:'/*'}"
    assert without_comments(css) == "a{b:c}  d{content:\"/* blijft */\"} e{content:'/*'}"
