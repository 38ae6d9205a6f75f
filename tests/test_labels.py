"""Labels and conditions compiled into plain pages: states, merging, names and the reader's
view. The checks and their messages are cases in test_checks.py."""

from __future__ import annotations

import re

import pytest

from beslisboom.conditions import Unreadable, parse
from beslisboom.load import load_site
from beslisboom.memo import Fresh, Memo
from beslisboom.pipeline import build, format_problem
from beslisboom.sources import read_sources
from beslisboom.unfold import unfold
from conftest import ROOT, messages, page, project_for, write_content
from helpers import as_if_afresh, snapshot

OPTION = re.compile(r'<a class="option" href="([^"]+)"[^>]*>(.*?)</a>')


@pytest.mark.parametrize(
    "text, labels, holds",
    [
        ("a", {"a"}, True),
        ("niet a", {"a"}, False),
        ("a en b", {"a"}, False),
        ("a of b en c", {"a"}, True),  # en binds closer than of
        ("(a of b) en c", {"a"}, False),
        ("niet (a of b)", set(), True),
        ("hoog-risico_2.0 en niet x", {"hoog-risico_2.0"}, True),
        ("minstens 2 van (a, b, c)", {"a", "c"}, True),
        ("minstens 2 van (a, b, c)", {"a", "x"}, False),
        ("hoogstens 1 van (a, b, c)", {"b"}, True),
        ("hoogstens 1 van (a, b, c)", {"a", "b"}, False),
        ("minstens 1 van (a, b) en niet c", {"b", "c"}, False),  # a count is one part
        ("niet minstens 2 van (a,b) of c", {"a"}, True),
        ("(minstens 3 van (a, b, c, d)) of hoogstens 0 van (x, y)", {"a", "y"}, False),
    ],
)
def test_conditions_hold_by_the_documented_rules(text, labels, holds):
    assert parse(text).holds(frozenset(labels)) is holds


@pytest.mark.parametrize(
    "text, reason",
    [
        ("a en", "na 'en' ontbreekt een label"),
        ("(a", "een ( wordt niet gesloten met een )"),
        ("a)", "er staat een ) zonder ( ervoor"),
        ("a b", "na 'a' verwacht ik 'en' of 'of', niet 'b'"),
        ("of a", "'of' staat aan het begin, waar een label hoort"),
        (
            '"a"',
            "het teken '\"' kan niet in een voorwaarde (een label staat zonder aanhalingstekens)",
        ),
        ("a && b", "het teken '&' kan niet in een voorwaarde"),
        ("  ", "de voorwaarde is leeg"),
        (
            "minstens van (a, b)",
            "na 'minstens' verwacht ik een getal, zoals: minstens 2 van (a, b, c)",
        ),
        (
            "hoogstens 1 (a, b)",
            "na 'hoogstens 1' verwacht ik 'van', zoals: minstens 2 van (a, b, c)",
        ),
        (
            "minstens 1 van a",
            "na 'van' verwacht ik de labels tussen haakjes, zoals: minstens 2 van (a, b, c)",
        ),
        (
            "minstens 1 van (a b)",
            "na 'a' verwacht ik een komma of een ), zoals: minstens 2 van (a, b, c)",
        ),
        ("minstens 1 van (a, a)", "het label 'a' staat twee keer in de telling"),
        ("minstens 1 van (a, )", "in de telling verwacht ik een label, niet ')'"),
        ("a, b", "na 'a' verwacht ik 'en' of 'of', niet ','"),
        (
            "minstens 4 van (a, b, c)",
            "minstens 4 van 3 labels kan nooit gelden; noem meer labels of een kleiner getal",
        ),
        (
            "hoogstens 2 van (a, b)",
            "hoogstens 2 van 2 labels geldt altijd; laat de telling weg, of noem meer labels of "
            "een ander getal",
        ),
    ],
)
def test_unreadable_conditions_say_why(text, reason):
    with pytest.raises(Unreadable) as found:
        parse(text)
    assert str(found.value) == reason


def site_of(content):
    site, problems = load_site(read_sources(project_for(content)), Fresh())
    assert [p for p in problems if p.is_error] == []
    return site


def test_a_tree_without_labels_is_left_as_it_is():
    site = site_of(ROOT / "beslisboom" / "starter")
    unfolded = unfold(site)
    # the same objects: the pages are rendered from exactly what they were before
    assert unfolded.site is site and unfolded.written is site
    assert unfolded.problems == () and unfolded.extra == 0


COLOURS = {
    "start.md": page(
        "Welke kleur?",
        "options:\n"
        "  - label: Rood\n    labels: [rood]\n    next: vorm\n"
        "  - label: Blauw\n    labels: [blauw]\n    next: vorm\n"
        "  - label: Geen\n    next: vorm\n",
    ),
    "vorm.md": page("Welke vorm?", "options:\n  - label: Rond\n    next: einde\n"),
    "einde.md": page("Klaar", "", "Altijd.\n\n::: als rood of blauw\nEen kleur.\n:::\n"),
}


def test_states_with_the_same_page_and_future_are_one_page(make_tree):
    site = site_of(make_tree(COLOURS))
    unfolded = unfold(site)
    nodes = unfolded.site.nodes
    # rood and blauw show the same result, so they share their pages; 'Geen' does not
    assert [i.split("~")[0] for i in nodes] == ["start", "vorm", "vorm", "einde", "einde"]
    coloured, plain = (o.next for o in nodes["start"].options[1:])
    assert nodes["start"].options[0].next == coloured != plain
    assert nodes[coloured].options[0].next == "einde~" + unfolded_code(nodes, "Een kleur.")
    assert "Een kleur." not in nodes[nodes[plain].options[0].next].body_html
    assert unfolded.extra == 2
    assert set(unfolded.written.nodes) == {"start", "vorm", "einde"}  # for the overview


def unfolded_code(nodes, sentence):
    """Give the code of the one copy of 'einde' that shows the sentence."""
    (found,) = [i for i, n in nodes.items() if i.startswith("einde~") and sentence in n.body_html]
    return found.split("~")[1]


def test_a_copy_is_named_by_its_situation_and_keeps_its_name_while_it_exists(make_tree, tmp_path):
    nodes = unfold(site_of(make_tree(COLOURS))).site.nodes
    copies = [i for i in nodes if "~" in i]
    assert len(copies) == 4
    for page_id in copies:  # letters only: no one takes 'einde~kbtrm' for an article number
        assert re.fullmatch(r"(vorm|einde)~[bcdfghjklmnpqrstvwxz]{5}", page_id), page_id
    # a new colour with a result of its own: a new situation, a new copy, and the copies of
    # the situations that were there keep their names
    more = dict(COLOURS)
    more["start.md"] = COLOURS["start.md"].replace(
        "  - label: Geen", "  - label: Groen\n    labels: [groen]\n    next: vorm\n  - label: Geen"
    )
    more["einde.md"] = COLOURS["einde.md"] + "\n::: als groen\nGroen.\n:::\n"
    grown = unfold(site_of(write_content(tmp_path / "meer", more))).site.nodes
    assert set(copies) < set(grown) and len(grown) == len(nodes) + 2


def test_pages_copies_and_overview_as_built(make_tree, tmp_path):
    content = make_tree(COLOURS, site="title: Kleuren\nstart: start\nlabels:\n  rood: Rood\n")
    result = build(project_for(content), tmp_path / "dist")
    assert not result.failed(), [format_problem(p) for p in result.problems]
    dist = tmp_path / "dist"
    start = (dist / "index.html").read_text(encoding="utf-8")
    answers = OPTION.findall(start)
    assert [label for _, label in answers] == ["Rood", "Blauw", "Geen"]
    assert len({href for href, _ in answers}) == 3
    assert all(re.fullmatch(r"vorm-[a-z]{5}\.html", href) for href, _ in answers)
    (red_end,) = OPTION.findall((dist / answers[0][0]).read_text(encoding="utf-8"))
    red = (dist / red_end[0]).read_text(encoding="utf-8")
    assert '<div class="labels">' in red and "<li>Rood</li>" in red
    assert "Een kleur." in red
    # every copy of a question has one page before it: a back link without JavaScript
    assert 'class="back-link" href="index.html"' in (dist / answers[1][0]).read_text()
    overview = (dist / "overzicht.html").read_text(encoding="utf-8")
    assert overview.count('class="entry"') == 3  # the tree as written, not its copies
    assert "Alleen als: <code>rood of blauw</code>" in overview
    assert result.extra_pages == 4


def test_conditions_on_the_overview_s_arrows(make_tree, tmp_path):
    files = {
        "start.md": page(
            "Vraag",
            "options:\n  - label: Ja\n    labels: [ja]\n    next:\n"
            "      - when: ja\n        next: a\n      - next: b\n"
            "  - label: Nee\n    next:\n      - when: ja\n        next: a\n      - next: b\n",
        ),
        "a.md": page("A"),
        "b.md": page("B"),
    }
    result = build(project_for(make_tree(files)), tmp_path / "dist")
    problems = [format_problem(p) for p in result.problems]
    assert problems == [
        "content/start.md:9: waarschuwing: de keuze naar 'b' (anders) wordt op geen enkele "
        "route gekozen: de labels komen zo nooit samen, of een keuze ervoor geldt dan al; pas "
        "de voorwaarde of de volgorde aan, of haal de keuze weg",
        "content/start.md:12: waarschuwing: de keuze naar 'a' (als ja) wordt op geen enkele "
        "route gekozen: de labels komen zo nooit samen, of een keuze ervoor geldt dan al; pas "
        "de voorwaarde of de volgorde aan, of haal de keuze weg",
    ]
    overview = (tmp_path / "dist" / "overzicht.html").read_text(encoding="utf-8")
    assert '<span class="answer">Ja</span> <span class="when">(als ja)</span>' in overview
    assert '<span class="answer">Nee</span> <span class="when">(anders)</span>' in overview


def test_the_preview_equals_a_clean_build_after_editing_conditions(make_tree, tmp_path):
    content = make_tree(COLOURS, site="title: Kleuren\nstart: start\nlabels:\n  rood: Rood\n")
    project = project_for(content)
    memo = Memo()
    preview = tmp_path / "preview"
    edits = [
        ("einde.md", "rood of blauw", "rood"),
        (
            "vorm.md",
            "next: einde\n",
            "next:\n      - when: blauw\n        next: einde\n      - next: start\n",
        ),
        ("einde.md", "::: als rood\n", "::: als niet rood\n"),
        ("start.md", "labels: [blauw]", "labels: [blauw, rood]"),
    ]
    for name, old, new in [("einde.md", "", ""), *edits]:
        path = content / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        result = build(project, preview, memo)
        assert not result.failed(), [format_problem(p) for p in result.problems]
        clean = tmp_path / f"schoon-{name}-{len(new)}"
        assert not build(project, clean).failed()
        assert as_if_afresh(preview, result.gone) == snapshot(clean), (name, new)


def test_too_many_pages_stop_the_walk_early(make_tree):
    # ten independent yes/no questions whose labels the end tests: 2^10 results
    files = {}
    for number in range(10):
        following = f"v{number + 1}" if number < 9 else "einde"
        files[f"v{number}.md"] = page(
            f"Vraag {number}",
            f"options:\n  - label: Ja\n    labels: [l{number}]\n    next: {following}\n"
            f"  - label: Nee\n    next: {following}\n",
        )
    condition = " en ".join(f"l{number}" for number in range(10))
    files["einde.md"] = page("Einde", "", f"::: als {condition}\nAlles.\n:::\n")
    site = site_of(make_tree(files, site="title: T\nstart: v0\nlimits:\n  extra_pages: 50\n"))
    unfolded = unfold(site)
    assert [p.message.split(";")[0] for p in unfolded.problems] == [
        "de labels maken meer dan 50 pagina's extra, meer dan de grens van 50 "
        "(limits: extra_pages in site.yml)"
    ]


def test_a_page_without_questions_may_choose_its_next_page_by_the_labels(make_tree):
    files = {
        "start.md": page(
            "Welke kleur?",
            "options:\n  - label: Rood\n    labels: [rood]\n    next: uitleg\n"
            "  - label: Blauw\n    next: uitleg\n",
        ),
        "uitleg.md": page(
            "Uitleg",
            "next:\n  - when: rood\n    next: rood-einde\n  - next: einde\n",
            "Dezelfde uitleg voor iedereen.\n",
        ),
        "rood-einde.md": page("Rood"),
        "einde.md": page("Einde"),
    }
    unfolded = unfold(site_of(make_tree(files)))
    nodes = unfolded.site.nodes
    red, blue = (o.next for o in nodes["start"].options)
    assert red.startswith("uitleg~") and blue.startswith("uitleg~") and red != blue
    assert nodes[red].next == "rood-einde" and nodes[blue].next == "einde"
    assert nodes[red].body_html == nodes[blue].body_html
    assert unfolded.problems == ()


def test_answers_that_only_a_count_tells_apart_make_one_state_per_number(make_tree):
    """Sixteen answers ticked in any way are 65,536 combinations; 'minstens 2 van' those
    labels only asks for none, one, or two and more (unfold.Counted), so the question makes
    three pages an answer, not a walk past the limit."""
    names = [f"k{number}" for number in range(1, 17)]
    answers = "".join(f"  - label: Kenmerk {name}\n    labels: [{name}]\n" for name in names)
    counted = f"minstens 2 van ({', '.join(names)})"
    content = make_tree(
        {
            "start.md": page(
                "Welke gelden?",
                f"multiple: true\noptions:\n{answers}next:\n"
                f"  - when: {counted}\n    next: hoog\n  - next: laag\n",
            ),
            "hoog.md": page("Hoog"),
            "laag.md": page("Laag"),
        }
    )
    result = build(project_for(content), None)
    assert not result.failed(), [format_problem(p) for p in result.problems]
    assert result.extra_pages == 1 + 2 + 3 * 14 - 1  # the rows of the question, less itself


def test_a_text_part_below_the_answers(make_tree, tmp_path):
    """'::: onder de antwoorden' puts a part after the answers (sources a reader reads
    only if need be), on the page and in the single file; the overview shows it with
    the text. It is no condition: the tree is not unfolded for it."""
    content = make_tree(
        {
            "start.md": page(
                "Ja of nee?",
                "options:\n  - label: Ja\n    next: einde\n  - label: Nee\n    next: einde\n",
                "Eerst de vraag.\n\n::: onder de antwoorden\n## Bronnen\n\n"
                "- [De wet](https://wetten.overheid.nl/)\n- [Het einde](einde.md)\n:::\n",
            ),
            "einde.md": page("Einde"),
        }
    )
    out = tmp_path / "dist"
    result = build(project_for(content), out)
    assert not result.failed(), result.problems
    assert result.extra_pages == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert main.index("Eerst de vraag.") < main.index('class="option"') < main.index("Bronnen")
    assert "<h2>Bronnen</h2>" in main and '<a href="einde.html">Het einde</a>' in main
    single = (out / "testboom.html").read_text(encoding="utf-8")
    section = single.split('id="begin"', 1)[1].split("</section>", 1)[0]
    assert section.index('class="option"') < section.index("Bronnen")
    overview = (out / "overzicht.html").read_text(encoding="utf-8")
    entry = overview.split('id="knoop_start"', 1)[1].split("</article>", 1)[0]
    assert entry.index("Eerst de vraag.") < entry.index("Bronnen") < entry.index("routes")
    broken = make_tree(
        {
            "start.md": page(
                "Ja of nee?",
                "options:\n  - label: Ja\n    next: einde\n",
                "::: onder de antwoorden\n[Weg](nergens.md)\n:::\n",
            ),
            "einde.md": page("Einde"),
            "nog.md": page("Nog een", body="::: onder de antwoorden\n::: als x\n:::\n"),
        }
    )
    found = messages(broken)
    assert any("start.md:8: fout: de link in de tekst naar nergens.md" in f for f in found), found
    assert any("nog.md:5: fout: een '::: als'-blok staat binnen" in f for f in found), found


def test_a_text_s_headings_stay_under_the_title_wherever_it_is_shown(make_tree, tmp_path):
    """'## Bronnen' is an h2 under the page's h1, an h3 under a section's h2 in the single
    file, an h5 under an entry's h4 on the overview: no level is skipped or repeated."""
    content = make_tree(
        {
            "start.md": page(
                "Ja of nee?",
                "options:\n  - label: Ja\n    next: einde\n",
                "## Uitleg\n\nTekst.\n\n::: onder de antwoorden\n## Bronnen\n\nDe wet.\n:::\n",
            ),
            "einde.md": page("Einde"),
        }
    )
    out = tmp_path / "dist"
    assert not build(project_for(content), out).failed()
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<h2>Uitleg</h2>" in html and "<h2>Bronnen</h2>" in html
    single = (out / "testboom.html").read_text(encoding="utf-8")
    assert "<h3>Uitleg</h3>" in single and "<h3>Bronnen</h3>" in single
    overview = (out / "overzicht.html").read_text(encoding="utf-8")
    entry = overview.split('id="knoop_start"', 1)[1].split("</article>", 1)[0]
    assert "<h4" in entry and "<h5>Uitleg</h5>" in entry and "<h5>Bronnen</h5>" in entry


def test_a_saved_result_link_still_lands_after_a_label_edit(make_tree, tmp_path):
    site = "title: Kleuren\nstart: start\nlabels:\n  rood: Rood\n  blauw: Blauw\n"
    content = make_tree(COLOURS, site=site)
    dist = tmp_path / "dist"
    assert not build(project_for(content), dist).failed()
    saved = {}  # the result page of each answer, as a reader saves it
    for href, label in OPTION.findall((dist / "index.html").read_text(encoding="utf-8")):
        (onward,) = OPTION.findall((dist / href).read_text(encoding="utf-8"))
        saved[label] = onward[0]
    assert len(set(saved.values())) == 3  # Rood, Blauw and Geen each show their own labels
    # the editor takes away the labels' words: Rood and Blauw now show the same result
    (content / "site.yml").write_text("title: Kleuren\nstart: start\n", encoding="utf-8")
    result = build(project_for(content), dist)
    assert not result.failed(), [format_problem(p) for p in result.problems]
    pages = {label: (dist / saved[label]).read_text(encoding="utf-8") for label in saved}
    kept, moved = sorted(("Rood", "Blauw"), key=lambda label: "ander adres" in pages[label])
    assert "Een kleur." in pages[kept] and "Een kleur." not in pages["Geen"]
    assert '<h1 class="node-title">Deze pagina heeft een ander adres</h1>' in pages[moved]
    assert f'<p class="moved-to"><a href="{saved[kept]}">Klaar</a></p>' in pages[moved]
    # the question before it merged too; its address leads on to the page that stayed
    assert len(result.gone) == 2 and saved[moved] in result.gone
    assert result.page_count() == 6  # start, vorm and einde twice, overview; not the gone
    for name in result.gone:
        assert "Deze pagina heeft een ander adres" in (dist / name).read_text(encoding="utf-8")
    # then the answer Geen goes: its situation is gone, and its address says so
    (content / "start.md").write_text(
        COLOURS["start.md"].replace("  - label: Geen\n    next: vorm\n", ""), encoding="utf-8"
    )
    result = build(project_for(content), dist)
    assert not result.failed(), [format_problem(p) for p in result.problems]
    gone = (dist / saved["Geen"]).read_text(encoding="utf-8")
    assert '<h1 class="node-title">Deze pagina is er niet meer</h1>' in gone
    assert '<a class="button" href="index.html">Opnieuw beginnen</a>' in gone
    assert 'href="overzicht.html#knoop_einde"' in gone  # what the step says now
    # an address once gone keeps its page in later versions; an empty folder gets none
    assert saved["Geen"] in result.gone and len(result.gone) == 6  # vorm, einde: one page
    assert '<p class="moved-to"><a href="einde.html">Klaar</a></p>' in (
        dist / saved["Rood"]
    ).read_text(encoding="utf-8")
    fresh = build(project_for(content), tmp_path / "leeg")
    assert fresh.gone == () and not (tmp_path / "leeg" / saved["Geen"]).exists()


def test_a_page_for_a_gone_address_is_only_ever_a_page_name_of_ours():
    from beslisboom.gone import names

    former = frozenset(
        ["vorm-kbtrm.html", "../vorm-kbtrm.html", "..\\vorm-kbtrm.html", "map/vorm-kbtrm.html"]
        + ["assets/style.css", "vorm.html", "weg.html", "kleuren.html"]
    )
    # a copy's address, and a page as written that now has copies only; never a path, the
    # single file, a page the editor took away, or a page still there
    assert names({"vorm-xcqxj.html", "index.html"}, "kleuren.html", former) == [
        "vorm-kbtrm.html",
        "vorm.html",
    ]


def test_a_result_shows_grouped_labels_under_their_heading(make_tree, tmp_path):
    site = (
        "title: Kleuren\nstart: start\nlabels:\n  Kleur:\n    rood: Rood\n    blauw: Blauw\n"
        "  geen: Geen kleur\n"
    )
    files = dict(COLOURS)
    files["start.md"] = COLOURS["start.md"].replace("labels: [rood]", "labels: [rood, blauw]")
    files["start.md"] = files["start.md"].replace(
        "  - label: Geen\n", "  - label: Geen\n    labels: [geen]\n"
    )
    content = make_tree(files, site=site)
    assert not build(project_for(content), tmp_path / "dist").failed()
    shown = set()
    for result in (tmp_path / "dist").glob("einde*.html"):
        html = result.read_text(encoding="utf-8")
        situation = re.search(r'<div class="labels">.*?<ul>\n(.*?)</ul>', html, re.S)
        shown.add(situation.group(1))
    # one line per group, its words in the order of site.yml; a label without group alone
    assert shown == {
        '<li><span class="labels-group">Kleur:</span> Rood, Blauw</li>\n',
        '<li><span class="labels-group">Kleur:</span> Blauw</li>\n',
        "<li>Geen kleur</li>\n",
    }


ENDS = {
    "start.md": page(
        "Starten?",
        "options:\n  - label: Ja\n    next: einde\n  - label: Nee\n    next: einde\n",
    ),
    "einde.md": page("Einde", body="Bel ons.\n"),
}


def test_a_title_per_situation_and_the_saved_link_to_the_page_it_was(make_tree, tmp_path):
    """The end gets a title per answer ('title:' as a list): a copy each, titled so; the
    overview shows the page once, with its titles and their conditions; a saved link to
    the end as it was lists the copies it became, by their titles."""
    content = make_tree(ENDS)
    dist = tmp_path / "dist"
    assert not build(project_for(content), dist).failed()
    assert (dist / "einde.html").exists()
    (content / "start.md").write_text(
        ENDS["start.md"].replace("Ja\n", "Ja\n    labels: [ja]\n"), encoding="utf-8"
    )
    (content / "einde.md").write_text(
        "---\ntitle:\n  - when: ja\n    title: Aan de slag\n  - title: Einde\n---\nBel ons.\n",
        encoding="utf-8",
    )
    result = build(project_for(content), dist)
    assert not result.failed(), [format_problem(p) for p in result.problems]
    ends = {}
    for href, label in OPTION.findall((dist / "index.html").read_text(encoding="utf-8")):
        html = (dist / href).read_text(encoding="utf-8")
        ends[label] = (href, re.search(r'<h1 class="node-title">(.*?)</h1>', html).group(1))
        assert "Bel ons." in html
    assert ends["Ja"][1] == "Aan de slag" and ends["Nee"][1] == "Einde"
    assert ends["Ja"][0] != ends["Nee"][0] and result.gone == ("einde.html",)
    overview = (dist / "overzicht.html").read_text(encoding="utf-8")
    assert '<h4 id="knoop_einde-kop" class="entry-title">Einde</h4>' in overview
    assert "Kop als <code>ja</code>:</span> Aan de slag</li>" in overview
    saved = (dist / "einde.html").read_text(encoding="utf-8")
    assert '<h1 class="node-title">Deze pagina is er nu per situatie</h1>' in saved
    for href, title in ends.values():
        assert f'<li><a href="{href}">{title}</a></li>' in saved
