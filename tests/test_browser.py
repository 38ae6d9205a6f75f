"""The built site in real Chromium, from file:// and over HTTP under a sub-path."""

from __future__ import annotations

import shutil
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from beslisboom.cli import main
from conftest import ROOT, nu_errors, serve_folder
from helpers import (
    KEYBOARD_ROUTE,
    OUTCOME_TITLES,
    ROUTE_WEINIG,
    SINGLE_FILE,
    Visit,
    axe_violations,
    is_copy_of,
    page_names,
    tab_to,
)

MAIN_LINKS = "main a[href]:not([href^='mailto:']):not([href^='tel:'])"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real content once for this module."""
    out = tmp_path_factory.mktemp("browser") / "dist"
    assert main(["build", "--content", str(ROOT / "content"), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module", params=["file", "http"])
def origin(request: pytest.FixtureRequest, site: Path, tmp_path_factory: pytest.TempPathFactory):
    """Yield the base URL of the site: from disk, or over HTTP under /a/b/."""
    if request.param == "file":
        yield site.as_uri() + "/"
        return
    www = tmp_path_factory.mktemp("www")
    shutil.copytree(site, www / "a" / "b")
    with serve_folder(www) as base:
        yield base + "a/b/"


@pytest.fixture
def visit(browser, origin):
    """Open a fresh browser context on the site; close it after the test."""
    opened: list[Visit] = []

    def make(**options) -> Visit:
        opened.append(Visit(browser, origin, **options))
        return opened[-1]

    yield make
    for one in opened:
        one.close()


def main_links(page) -> list[str]:
    """Return the href of every link inside <main> that stays on the site."""
    hrefs = page.eval_on_selector_all(MAIN_LINKS, "els => els.map(e => e.getAttribute('href'))")
    return hrefs


def test_every_page_is_accessible_and_every_link_arrives(visit, site, axe_source):
    failures = []
    wide, narrow = visit(width=1280), visit(width=320)
    for name in page_names(site):
        wide.open(name)
        failures += [f"{name} @1280: {v}" for v in axe_violations(wide.page, axe_source)]
        for index, href in enumerate(main_links(wide.page)):
            wide.open(name)
            expected = urlsplit(urljoin(wide.page.url, href)).path.rsplit("/", 1)[-1]
            arrived = wide.arrive(wide.page.locator(MAIN_LINKS).nth(index))
            if arrived != expected:
                failures.append(f"{name}: link {href} arrived at {arrived}")
        narrow.open(name)
        failures += [f"{name} @320: {v}" for v in axe_violations(narrow.page, axe_source)]
        overflow = narrow.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            failures.append(f"{name} @320: scrolls sideways by {overflow} px")
    failures += wide.errors + narrow.errors
    assert not failures, "\n".join(failures)


def test_screenshots_of_every_page(browser, site, screenshot_dir):
    # taken once, from file://, whatever the origin of the other tests
    for width in (1280, 375):
        shot = Visit(browser, site.as_uri() + "/", width=width)
        for name in page_names(site):
            shot.open(name)
            target = screenshot_dir / f"{Path(name).stem}-{width}.png"
            shot.page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 1000
        assert shot.errors == []
        shot.close()


def test_without_javascript_every_page_is_reached(visit, site):
    plain = visit(javascript=False)
    seen, queue = {"index.html"}, deque(["index.html"])
    while queue:
        name = queue.popleft()
        plain.open(name)
        for index in range(len(main_links(plain.page))):
            plain.open(name)
            arrived = plain.arrive(plain.page.locator(MAIN_LINKS).nth(index))
            if arrived not in seen:
                seen.add(arrived)
                if arrived != SINGLE_FILE:  # the single file has its own tests
                    queue.append(arrived)
    assert set(page_names(site)) | {SINGLE_FILE} == seen
    assert plain.errors == []


def test_keyboard_only_walk_to_the_contact_page(visit):
    keys = visit()
    keys.open("index.html")
    for label in KEYBOARD_ROUTE:
        tab_to(keys.page, label, keys.here())
        keys.follow(lambda: keys.page.keyboard.press("Enter"))
    assert is_copy_of(keys.here(), "einde")
    assert keys.page.locator("h1").inner_text() == OUTCOME_TITLES["genoeg"]
    assert keys.page.locator("a[href^='tel:']").count() == 2
    assert keys.errors == []


def test_html_and_css_are_valid(site, vnu_jar):
    files = [p for p in sorted(site.rglob("*")) if p.suffix in (".html", ".css")]
    assert nu_errors(vnu_jar, files, css=True) == []


def click_through(visit_: Visit, labels: list[str]) -> None:
    """Follow links by their text from the current page."""
    for label in labels:
        link = visit_.page.locator("main").get_by_role("link", name=label, exact=True)
        visit_.follow(link.click)


def answer_rows(page) -> list[tuple[str, str]]:
    """Read 'Jouw antwoorden' as (question, answer) pairs."""
    return page.eval_on_selector_all(
        ".answer-row",
        "rows => rows.map(r => [r.querySelector('.answer-question').textContent, "
        "r.querySelector('.answer-given').textContent])",
    )


def test_answers_are_remembered_and_summarised(visit, axe_source, screenshot_dir):
    reader = visit()
    reader.open("index.html")
    click_through(reader, ROUTE_WEINIG)
    assert is_copy_of(reader.here(), "einde")
    assert reader.page.locator("h1").inner_text() == OUTCOME_TITLES["weinig"]
    assert answer_rows(reader.page) == [
        ["Hoeveel mandaat of ruimte is er om de stem van de burger mee te wegen?", "Weinig"],
        [
            "Wat mag de beoogde doelgroep?",
            "De burgers mogen hun mening geven, het bestuur beslist - raadplegen",
        ],
        ["Welke doelgroep wil je betrekken?", "Specifieke doelgroep"],
        ["Heb je genoeg informatie om zelf het traject te starten?", "Nee"],
    ]
    advice = reader.page.locator(".advice-item").all_inner_texts()
    assert [" ".join(item.split()) for item in advice] == [
        "Ruimte: Weinig De inzichten dienen dan als denkrichting. Wees naar de burgers helder "
        "over deze ruimte.",
        "Rol: raadplegen",
        "Doelgroep: Specifieke doelgroep Dit vraagt vaak ondersteuning vanuit JenV voor de "
        "werving van de juiste deelnemers.",
        "Zelf starten: Nee De JenV-brede Werkagenda kan je hierbij helpen!",
    ]
    assert axe_violations(reader.page, axe_source) == []
    reader.page.screenshot(
        path=str(screenshot_dir / "einde-met-antwoorden-1280.png"), full_page=True
    )
    assert reader.errors == []  # the script ran under the page's CSP, from file:// too


def test_changing_an_answer_keeps_later_answers_while_the_route_holds(visit):
    reader = visit()
    reader.open("index.html")
    click_through(reader, ROUTE_WEINIG)
    change = reader.page.get_by_role("link", name="Wijzigen antwoord op: Hoeveel mandaat")
    reader.follow(change.click)
    assert reader.here() == "2-mandaat.html"
    click_through(reader, ["Genoeg"])  # the route still meets the same questions
    assert reader.page.locator("h1").inner_text() == OUTCOME_TITLES["weinig"]
    assert [q for q, _ in answer_rows(reader.page)][1:] == [
        "Wat mag de beoogde doelgroep?",
        "Welke doelgroep wil je betrekken?",
        "Heb je genoeg informatie om zelf het traject te starten?",
    ]
    assert answer_rows(reader.page)[0][1] == "Genoeg"
    reader.follow(reader.page.get_by_role("link", name="Wijzigen antwoord op: Hoeveel").click)
    click_through(reader, ["Geen"])  # a different route: the later answers go
    assert reader.here() == "2-geen.html"
    assert [a for _, a in answer_rows(reader.page)] == ["Geen"]
    assert reader.errors == []


def test_route_gives_a_back_link_where_the_page_has_none_of_its_own(visit):
    reader = visit()
    reader.open("index.html")
    click_through(reader, ["Start", "Volgende", "Weinig", "Volgende"])
    assert reader.here() == "3-rol.html"  # reached from four places: the route knows which
    back = reader.page.locator("nav.back a.back-link")
    assert back.count() == 1
    reader.follow(back.click)
    assert reader.here() == "2-weinig.html"
    assert [a for _, a in answer_rows(reader.page)] == ["Weinig"]
    assert reader.errors == []


def test_back_button_goes_back_one_answer(visit):
    reader = visit()
    reader.open("index.html")
    click_through(reader, ["Start", "Volgende", "Geen"])
    assert reader.here() == "2-geen.html"
    reader.page.go_back()
    assert reader.here() == "2-mandaat.html"
    assert answer_rows(reader.page) == []
    reader.page.go_forward()
    assert [a for _, a in answer_rows(reader.page)] == ["Geen"]


def test_overview_prints_clean_pages(visit, origin, screenshot_dir):
    reader = visit()
    reader.open("overzicht.html")
    reader.page.emulate_media(media="print")
    chrome = reader.page.evaluate(
        "() => [...document.querySelectorAll('.site-nav, .toc, .page-link, .site-footer')]"
        ".map(e => getComputedStyle(e).display)"
    )
    assert chrome and set(chrome) == {"none"}
    entries = reader.page.evaluate(
        "() => [...document.querySelectorAll('.entry')].map(e => getComputedStyle(e).breakInside)"
    )
    assert len(entries) == 15 and set(entries) == {"avoid"}
    if origin.startswith("file:"):
        pdf = reader.page.pdf(path=str(screenshot_dir / "overzicht.pdf"), format="A4")
        assert (
            pdf.startswith(b"%PDF")
            and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page")
            >= 2
        )
