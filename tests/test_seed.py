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
