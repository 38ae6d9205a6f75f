"""The end of a route as readers meet it, in Chromium: three routes with and without
JavaScript, the answers list, copy and print, dark mode, and screenshots to look at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from beslisboom.cli import main
from conftest import ROOT, page
from helpers import KEYBOARD_ROUTE, Visit, axe_violations, page_names

ROUTES = {
    # the 'informeren' loop on the way: its ways on are no answers, 'raadplegen' counts once
    "weinig": (
        [
            "Start",
            "Volgende",
            "Weinig",
            "Volgende",
            "De burgers krijgen informatie over het besluit en hebben geen formele inbreng"
            " - informeren",
            "Kies een andere rol",
            "De burgers mogen hun mening geven, het bestuur beslist - raadplegen",
            "Volgende",
            "Specifieke doelgroep",
            "Volgende",
            "Volgende",
            "Nee",
            "Volgende",
        ],
        [
            "Ruimte: Weinig De inzichten dienen dan als denkrichting. Wees naar de burgers "
            "helder over deze ruimte.",
            "Rol: raadplegen",
            "Doelgroep: Specifieke doelgroep Dit vraagt vaak ondersteuning vanuit JenV voor de "
            "werving van de juiste deelnemers.",
            "Zelf starten: Nee De JenV-brede Werkagenda kan je hierbij helpen!",
        ],
        [
            ("Hoeveel mandaat of ruimte is er om de stem van de burger mee te wegen?", "Weinig"),
            (
                "Wat mag de beoogde doelgroep?",
                "De burgers mogen hun mening geven, het bestuur beslist - raadplegen",
            ),
            ("Welke doelgroep wil je betrekken?", "Specifieke doelgroep"),
            ("Heb je genoeg informatie om zelf het traject te starten?", "Nee"),
        ],
    ),
    # no mandate, no trajectory: straight to the end
    "geen": (
        ["Start", "Volgende", "Geen", "Geen traject starten"],
        [
            "Ruimte: Geen Start geen traject óf maak helder naar de burgers dat vooraf niet "
            "duidelijk is wat er met de opgehaalde inzichten gedaan gaat worden."
        ],
        [("Hoeveel mandaat of ruimte is er om de stem van de burger mee te wegen?", "Geen")],
    ),
    "genoeg": (
        KEYBOARD_ROUTE,
        [
            "Ruimte: Genoeg",
            "Rol: meebeslissen",
            "Doelgroep: Algemeen publiek/de burgers",
            "Zelf starten: Ja Je kan aan de slag! Wil je meer informatie over een van deze "
            "onderwerpen? Kijk op het Leeratelier Burgers betrekken op Connect.",
        ],
        [
            ("Hoeveel mandaat of ruimte is er om de stem van de burger mee te wegen?", "Genoeg"),
            ("Wat mag de beoogde doelgroep?", "De burger is gelijkwaardige partner - meebeslissen"),
            ("Welke doelgroep wil je betrekken?", "Algemeen publiek/de burgers"),
            ("Heb je genoeg informatie om zelf het traject te starten?", "Ja"),
        ],
    ),
}


# What the end page leads with on each route: the outcome, in the source's words.
OUTCOME = {
    "weinig": "De JenV-brede Werkagenda kan je hierbij helpen!",
    "geen": "Geen traject starten",
    "genoeg": "Je kan aan de slag!",
}
END_PAGE = re.compile(r"einde-[b-df-hj-np-tv-z]{5,}\.html")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("uitkomst") / "dist"
    assert main(["build", "--content", str(ROOT / "content"), "--out", str(out)]) == 0
    return out


def walk(reader: Visit, labels: list[str]) -> None:
    """Follow answer and next links by their text from the start page."""
    reader.open("index.html")
    for label in labels:
        link = reader.page.locator("main").get_by_role("link", name=label, exact=True)
        reader.follow(link.click)


def texts(page, selector: str) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


@pytest.mark.parametrize("route", ROUTES)
def test_the_end_page_leads_with_the_advice_of_the_answers_given(
    browser, site, route, axe_source, screenshot_dir
):
    labels, advice, answers = ROUTES[route]
    for width in (1280, 375):
        reader = Visit(browser, site.as_uri() + "/", width=width)
        walk(reader, labels)
        page = reader.page
        assert END_PAGE.fullmatch(reader.here())
        assert page.locator("h1").inner_text() == OUTCOME[route]
        assert texts(page, ".advice-item") == advice
        rows = page.locator(".answer-row")
        assert [
            (r.locator(".answer-question").inner_text(), r.locator(".answer-given").inner_text())
            for r in rows.all()
        ] == answers  # the real questions, each once, with the answer given last
        # the order of the page: advice, answers, contact, then print and copy
        order = page.evaluate(
            "() => ['.result-advice', '.your-answers', '.contact', '.result-actions']"
            ".map(s => document.querySelector(s).getBoundingClientRect().top)"
        )
        assert order == sorted(order)
        assert page.locator(".result-note").is_hidden()
        assert axe_violations(page, axe_source) == []
        page.screenshot(path=str(screenshot_dir / f"einde-{route}-{width}.png"), full_page=True)
        assert reader.errors == []
        reader.close()


@pytest.mark.parametrize("route", ROUTES)
def test_without_javascript_the_end_page_points_to_the_overview(browser, site, route):
    reader = Visit(browser, site.as_uri() + "/", javascript=False)
    walk(reader, ROUTES[route][0])
    page = reader.page
    assert END_PAGE.fullmatch(reader.here())
    assert page.locator("h1").inner_text() == OUTCOME[route]  # not 'Einde van de beslisboom'
    # the title, then the rest of the outcome where it has more, before anything else
    assert (
        page.locator(".text p").first.inner_text()
        == {
            "weinig": "Uit ervaring blijkt: Het is altijd maatwerk!",
            "geen": ROUTES["geen"][1][0].removeprefix("Ruimte: Geen "),
            "genoeg": "Wil je meer informatie over een van deze onderwerpen? Kijk op het "
            "Leeratelier Burgers betrekken op Connect.",
        }[route]
    )
    assert page.locator(".contact").is_visible()
    assert page.locator(".answer-row, .advice-item").count() == 0  # those need the script
    note = page.locator(".result-note")
    assert note.is_visible()
    reader.follow(note.get_by_role("link", name="overzicht").click)
    assert reader.here() == "overzicht.html"
    assert reader.errors == []
    reader.close()


def test_without_javascript_every_page_has_a_way_back(browser, site):
    reader = Visit(browser, site.as_uri() + "/", javascript=False)
    for name in page_names(site):
        if name in ("index.html", "overzicht.html"):
            continue
        reader.open(name)
        assert reader.page.locator("nav.back a.back-link").count() >= 1, name
    reader.close()
    single = next(site.glob("burgers-*.html")).read_text(encoding="utf-8")
    sections = re.findall(r'<section class="node[^"]*" id="([^"]+)"(.*?)</section>', single, re.S)
    assert len(sections) == 17  # the end thrice, one per outcome
    assert [i for i, body in sections if 'class="back-link"' not in body] == ["begin"]


def test_copy_gives_the_advice_the_answers_and_the_contact_details(browser, site):
    reader = Visit(browser, site.as_uri() + "/")
    walk(reader, ROUTES["weinig"][0])
    page = reader.page
    # what the page hands to the clipboard, caught on its way there
    page.evaluate(
        "() => { navigator.clipboard.writeText = text => { window.copied = text;"
        " return Promise.resolve(); }; }"
    )
    page.get_by_role("button", name="Samenvatting kopiëren").click()
    page.wait_for_function("() => window.copied !== undefined")
    assert page.locator(".summary-status").inner_text() == "Gekopieerd."
    copied = page.evaluate("window.copied")
    for part in (
        "Ruimte: Weinig",
        "De inzichten dienen dan als denkrichting.",
        "Heb je genoeg informatie om zelf het traject te starten? Nee",
        "Neem contact op met team burgers betrekken:",
        "Mascha Denneboom",
        "06 52 64 14 36",
        "jenvbredewerkagenda@minjenv.nl",
    ):
        assert part in copied
    assert "(bellen)" not in copied  # what is only for screen readers stays out
    # where the browser refuses the clipboard, the same text is shown, selected
    page.evaluate(
        "() => { navigator.clipboard.writeText = () => Promise.reject(new Error('nee')); }"
    )
    page.get_by_role("button", name="Samenvatting kopiëren").click()
    assert page.locator("textarea.summary-text").input_value() == copied
    assert reader.errors == []
    reader.close()


def test_the_printed_end_page_shows_the_answers_once_with_date_and_address(
    browser, site, screenshot_dir
):
    reader = Visit(browser, site.as_uri() + "/")
    walk(reader, ROUTES["weinig"][0])
    page = reader.page
    page.emulate_media(media="print")

    def shown(selector: str) -> list[bool]:
        return [e.is_visible() for e in page.locator(selector).all()]

    assert shown(".answer-table") == [True]
    assert shown(".result-advice") == [True]
    assert shown(".contact") == [True]
    for hidden in (".summary-actions", ".answer-change", ".restart", ".back", ".skip-link"):
        assert not any(shown(hidden)), hidden
    printed = page.locator(".printed-from")
    assert printed.is_visible()
    assert printed.inner_text().startswith("Afgedrukt op ")
    assert printed.inner_text().endswith(page.url)
    page.pdf(path=str(screenshot_dir / "einde-afgedrukt.pdf"), format="A4")
    reader.close()


def test_dark_mode_keeps_every_page_accessible(browser, site, axe_source, screenshot_dir):
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    failures = []
    for name in page_names(site):
        page.goto(f"{site.as_uri()}/{name}")
        failures += [f"{name}: {v}" for v in axe_violations(page, axe_source)]
    page.goto(f"{site.as_uri()}/index.html")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 20, 22)"  # the dark ground is in use
    page.screenshot(path=str(screenshot_dir / "donker-start-1280.png"), full_page=True)
    page.goto(f"{site.as_uri()}/overzicht.html")
    page.screenshot(path=str(screenshot_dir / "donker-overzicht-1280.png"), full_page=True)
    context.close()
    assert failures == []


def test_screenshots_of_the_overview_and_the_flowchart(browser, site, screenshot_dir):
    for width in (1280, 375):
        reader = Visit(browser, site.as_uri() + "/", width=width)
        reader.open("overzicht.html")
        page = reader.page
        page.screenshot(path=str(screenshot_dir / f"overzicht-{width}.png"), full_page=True)
        page.locator(".flowchart-figure").screenshot(
            path=str(screenshot_dir / f"stroomschema-{width}.png")
        )
        region = page.locator(".flowchart-scroll")
        assert region.get_attribute("role") == "region"
        if width == 375:  # too wide for the screen: it scrolls, says so, takes the keyboard
            assert region.evaluate("e => e.scrollWidth > e.clientWidth")
            assert page.locator(".flowchart-hint").is_visible()
            region.focus()
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "() => document.querySelector('.flowchart-scroll').scrollLeft > 0"
            )
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        reader.close()


def test_the_single_file_titles_the_step_shown_and_has_a_skip_link(browser, site):
    single = next(site.glob("burgers-*.html"))
    page = browser.new_page()
    page.goto(single.as_uri())
    assert page.title() == "Burgers betrekken beslisboom"
    page.locator(".node:visible").get_by_role("link", name="Start", exact=True).click()
    page.wait_for_function("() => document.title.startsWith('Stap 1 van 7')")
    assert page.title() == "Stap 1 van 7: Wanneer betrek je burgers? - Burgers betrekken beslisboom"
    page.close()
    page = browser.new_page()  # a reader who opens a step by its address
    page.goto(single.as_uri() + "#1-wanneer")
    assert page.title().startswith("Stap 1 van 7")
    page.close()
    page = browser.new_page()  # the first Tab reaches the skip link, which keeps the section
    page.goto(single.as_uri())
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("e => e === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "begin"
    assert "#" not in page.url
    page.close()


def test_the_copied_summary_keeps_lines_and_the_addresses_of_links(make_tree, tmp_path, browser):
    """A name and its phone number stay on lines of their own, and a link to a source
    keeps its address: a note or an e-mail cannot follow a link."""
    content = make_tree(
        {
            "start.md": page("Begin je?", "options:\n  - label: Ja\n    next: einde\n"),
            "einde.md": page(
                "Klaar",
                "",
                "Lees [de Wet open overheid](https://wetten.overheid.nl/BWBR0045754/) en "
                "<https://www.rijksoverheid.nl>.\n",
            ),
        },
        site=(
            "title: Testboom\nstart: start\ncontact:\n  heading: Vragen?\n  people:\n"
            "    - name: Mascha Denneboom\n      phone: 06 52 64 14 36\n"
        ),
    )
    out = tmp_path / "dist"
    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    reader = Visit(browser, out.as_uri() + "/")
    walk(reader, ["Ja"])
    reader.page.evaluate(
        "() => { navigator.clipboard.writeText = text => { window.copied = text;"
        " return Promise.resolve(); }; }"
    )
    reader.page.get_by_role("button", name="Samenvatting kopiëren").click()
    reader.page.wait_for_function("() => window.copied !== undefined")
    lines = reader.page.evaluate("window.copied").split("\n")
    assert (
        "Lees de Wet open overheid (https://wetten.overheid.nl/BWBR0045754/) en "
        "https://www.rijksoverheid.nl." in lines
    )
    assert lines[lines.index("Mascha Denneboom") + 1] == "Telefoon: 06 52 64 14 36"
    assert reader.errors == []
    reader.close()
