"""The real content: every answer leads where FLOW.md says, every source sentence is shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from beslisboom.cli import main
from beslisboom.pipeline import check
from conftest import ROOT, project_for
from htmlcheck import Page, broken_references, read_pages

CONTENT = ROOT / "content"
SOURCE = Path(__file__).parent / "data" / "bron.txt"

# FLOW.md's node names mapped to this content's ids.
IDS = {
    "start": "start",
    "1": "1-wanneer",
    "2": "2-mandaat",
    "2-weinig": "2-weinig",
    "2-geen": "2-geen",
    "3": "3-rol",
    "3-informeren": "3-informeren",
    "4": "4-instrumenten",
    "5": "5-doelgroep",
    "5-specifiek": "5-specifiek",
    "6": "6-middelen",
    "7": "7-informatie",
    "7-ja": "7-ja",
    "7-nee": "7-nee",
    "finish": "einde",
}

# FLOW.md's table: for every node, (answer label, FLOW name of the node it leads to).
FLOW = {
    "start": [("Start", "1")],
    "1": [("Volgende", "2")],
    "2": [("Genoeg", "3"), ("Weinig", "2-weinig"), ("Geen", "2-geen")],
    "2-weinig": [("Volgende", "3")],
    "2-geen": [("Geen traject starten", "finish"), ("Verder naar stap 3", "3")],
    "3": [
        ("De burger is gelijkwaardige partner - meebeslissen", "4"),
        (
            "De burger is samenwerkingspartner, de inbreng geldt als een zwaarwegend advies - "
            "coproduceren",
            "4",
        ),
        ("De burgers mogen een voorstel inbrengen, de bestuurders beslissen - adviseren", "4"),
        ("De burgers mogen hun mening geven, het bestuur beslist - raadplegen", "4"),
        (
            "De burgers krijgen informatie over het besluit en hebben geen formele inbreng - "
            "informeren",
            "3-informeren",
        ),
    ],
    "3-informeren": [("Kies een andere rol", "3"), ("Verder naar stap 4", "4")],
    "4": [("Volgende", "5")],
    "5": [
        ("Algemeen publiek/de burgers", "6"),
        ("Specifieke doelgroep", "5-specifiek"),
        ("Beide", "5-specifiek"),
    ],
    "5-specifiek": [("Volgende", "6")],
    "6": [("Volgende", "7")],
    "7": [("Ja", "7-ja"), ("Nee", "7-nee")],
    "7-ja": [("Volgende", "finish")],
    "7-nee": [("Volgende", "finish")],
    "finish": [],
}

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
def page_of(site_dir: Path, pages: dict[str, Page]) -> dict[str, Page]:
    """Map FLOW.md's node names to their built pages, found by the node's title."""
    site = check(project_for(CONTENT)).site
    by_h1 = {p.h1[0]: p for p in pages.values()}
    return {name: by_h1[site.nodes[node_id].title] for name, node_id in IDS.items()}


def test_the_content_has_no_problems():
    result = check(project_for(CONTENT))
    assert result.problems == []
    assert sorted(result.site.nodes) == sorted(IDS.values())


def test_start_is_index(page_of, pages):
    assert pages["index.html"] is page_of["start"]


@pytest.mark.parametrize("name", FLOW)
def test_every_answer_leads_where_flow_says(name, page_of, pages):
    page = page_of[name]
    links = {text: href for href, text in main_links(page)}
    for label, target in FLOW[name]:
        assert label in links, f"{name}: no link '{label}'"
        assert pages[links[label]] is page_of[target], f"{name}: '{label}' goes elsewhere"
    answers = [text for _href, text in main_links(page)]
    assert answers == [label for label, _ in FLOW[name]]


@pytest.mark.parametrize("name", FLOW)
def test_step_indicator(name, page_of):
    step = STEPS[name]
    found = re.findall(r"Stap (\d+) van (\d+)", page_of[name].main_text)
    assert found == ([(str(step), "7")] if step else [])


def test_end_page_has_the_contact_block(page_of):
    end = page_of["finish"]
    refs = {ref for ref, _tag, _main in end.refs}
    assert {"tel:+31652641436", "tel:+31655484241", "mailto:jenvbredewerkagenda@minjenv.nl"} <= refs


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


def source_sentences() -> list[str]:
    """Read the source's lines, without the drawing's markers and step numbers."""
    sentences = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        line = line.strip().removeprefix("- ").replace("**", "").replace("★", "").strip()
        line = re.sub(r"^\d ", "", line)
        if line and line != "Finish":  # "Finish" names the drawing's end, not a sentence
            sentences.append(line)
    return sentences
