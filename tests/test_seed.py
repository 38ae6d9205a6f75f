"""The real content: every answer leads where FLOW.md says, every source sentence is shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from beslisboom.cli import main
from beslisboom.pipeline import check
from conftest import ROOT, project_for
from helpers import FLOW, IDS, source_sentences
from htmlcheck import Page, broken_references, read_pages

CONTENT = ROOT / "content"


# The step each node belongs to, per FLOW.md (sub-nodes count as their step).
STEPS = {"start": None, "finish": None, **{name: int(name[0]) for name in IDS if name[0].isdigit()}}


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real content once into a temporary folder."""
    out = tmp_path_factory.mktemp("seed") / "dist"
    assert main(["build", "--content", str(CONTENT), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def pages(site_dir: Path) -> dict[str, Page]:
    return read_pages(site_dir)


@pytest.fixture(scope="module")
def copies_of(site_dir: Path, pages: dict[str, Page]) -> dict[str, list[Page]]:
    """Map FLOW.md's node names to their built pages: a node's own page, or its copies
    (id and a situation code), as the labels make them (the end: one per outcome)."""
    found: dict[str, list[Page]] = {}
    for name, node_id in IDS.items():
        stem = "index" if node_id == "start" else node_id
        own = re.compile(re.escape(stem) + r"(-[b-df-hj-np-tv-z]{5,})?\.html")
        found[name] = [page for file, page in sorted(pages.items()) if own.fullmatch(file)]
    return found


def test_the_content_has_no_problems():
    result = check(project_for(CONTENT))
    assert result.problems == []
    assert sorted(result.site.nodes) == sorted(IDS.values())


def test_every_node_has_its_page_and_only_the_end_has_copies(copies_of, pages):
    assert {name: len(found) for name, found in copies_of.items()} == {
        name: 3 if name == "finish" else 1 for name in IDS
    }
    assert len(sum(copies_of.values(), [])) == len(pages) - 2  # besides: overview, single file


def test_start_is_index(copies_of, pages):
    assert copies_of["start"] == [pages["index.html"]]


@pytest.mark.parametrize("name", FLOW)
def test_every_answer_leads_where_flow_says(name, copies_of, pages):
    for page in copies_of[name]:
        links = {text: href for href, text in main_links(page)}
        for label, target in FLOW[name]:
            assert label in links, f"{name}: no link '{label}'"
            assert pages[links[label]] in copies_of[target], f"{name}: '{label}' goes elsewhere"
        answers = [text for _href, text in main_links(page)]
        assert answers == [label for label, _ in FLOW[name]]


@pytest.mark.parametrize("name", FLOW)
def test_step_indicator(name, copies_of):
    step = STEPS[name]
    for page in copies_of[name]:
        found = re.findall(r"Stap (\d+) van (\d+)", page.main_text)
        assert found == ([(str(step), "7")] if step else [])


def test_end_page_has_the_contact_block(copies_of):
    for end in copies_of["finish"]:
        refs = {ref for ref, _tag, _main in end.refs}
        assert {
            "tel:+31652641436",
            "tel:+31655484241",
            "mailto:jenvbredewerkagenda@minjenv.nl",
        } <= refs


# The three ways to the end, by the last answer before it, and what the end page then leads
# with: its title and first sentence, the source's own words (FLOW.md: 2-geen, 7-ja, 7-nee).
OUTCOMES = {
    ("2-geen", "Geen traject starten"): (
        "Geen traject starten",
        "Start geen traject óf maak helder naar de burgers",
    ),
    ("7-ja", "Volgende"): (
        "Je kan aan de slag!",
        "Wil je meer informatie over een van deze onderwerpen?",
    ),
    ("7-nee", "Volgende"): ("De JenV-brede Werkagenda kan je hierbij helpen!", ""),
}


@pytest.mark.parametrize("way", OUTCOMES, ids=lambda way: way[0])
def test_the_end_leads_with_the_outcome_of_the_reader_s_route(way, copies_of, pages):
    name, label = way
    (page,) = copies_of[name]
    end = pages[dict((text, href) for href, text in main_links(page))[label]]
    title, first = OUTCOMES[way]
    assert end.h1 == [title]
    assert "Einde van de beslisboom" not in end.text
    text = end.main_text
    lead = text[text.index(title) + len(title) :].strip()
    assert lead.startswith(first or "Uit ervaring blijkt: Het is altijd maatwerk!")
    assert "Uit ervaring blijkt: Het is altijd maatwerk!" in text


def test_the_overview_names_the_end_with_its_outcomes(pages):
    text = pages["overzicht.html"].main_text
    assert "Einde van de beslisboom" in text
    for title, _ in OUTCOMES.values():
        assert title in text


def test_every_source_sentence_is_on_a_page_word_for_word(pages):
    text = " ".join(p.text for p in pages.values())
    missing = [s for s in source_sentences() if s not in text]
    assert missing == []


def test_every_reference_resolves(site_dir):
    assert broken_references(site_dir) == []


def main_links(page: Page) -> list[tuple[str, str]]:
    """List (href, link text) of the answer and next links inside <main>."""
    return [
        (link["href"], link["text"])
        for link in page.links
        if link["where"] == "main" and link["class"] in ("option", "button")
    ]
