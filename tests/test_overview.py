"""The overview page and its flowchart, on the real content and on a 50-node tree."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from beslisboom.cli import main
from conftest import ROOT
from htmlcheck import broken_references, read_pages

sys.path.insert(0, str(ROOT / "bench"))
from synth import write_tree  # noqa: E402

SINGLE = "burgers-betrekken-beslisboom.html"


def build(content: Path, out: Path) -> dict:
    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    return read_pages(out)


def test_overview_lists_every_node_with_where_each_answer_leads(tmp_path):
    pages = build(ROOT / "content", tmp_path / "dist")
    overview = pages["overzicht.html"]
    links = {(link["text"], link["href"]) for link in overview.links}
    # every node has an entry and a link to its own page
    for name, page in pages.items():
        if name not in ("overzicht.html", SINGLE):
            assert (f"Open deze stap: {page.h1[0]}", name) in links
            assert page.h1[0] in overview.text
    assert "Genoeg → leidt naar Wat mag de beoogde doelgroep?" in overview.main_text
    assert ("Wat mag de beoogde doelgroep?", "#knoop_3-rol") in links
    html = (tmp_path / "dist" / "overzicht.html").read_text(encoding="utf-8")
    assert re.findall(r'<h3 id="band_\d+" class="band-title">(.*?)</h3>', html) == [
        "Start",
        *[f"Stap {n}" for n in range(1, 8)],
        "Einde",
    ]


def test_every_page_links_to_the_overview(tmp_path):
    pages = build(ROOT / "content", tmp_path / "dist")
    for name, page in pages.items():
        target = "#overzicht" if name == SINGLE else "overzicht.html"
        assert any(link["href"] == target for link in page.links), name


def test_flowchart_has_a_linked_box_per_node_and_labelled_arrows(tmp_path):
    build(ROOT / "content", tmp_path / "dist")
    html = (tmp_path / "dist" / "overzicht.html").read_text(encoding="utf-8")
    svg = html[html.index("<svg") : html.index("</svg>")]
    boxes = re.findall(r'<a href="([^"]+)" class="fc-', svg)
    assert len(boxes) == 15 and len(set(boxes)) == 15
    assert '<title id="stroomschema-titel">' in svg
    for label in ("Genoeg", "Weinig", "Geen", "Kies een andere rol", "Ja", "Nee"):
        assert f">{label}</tspan>" in svg
    assert svg.count("<path d=") >= 16  # an arrow for every route, plus the marker


def test_flowchart_of_fifty_nodes_stays_within_a_readable_width(tmp_path):
    content = write_tree(tmp_path / "content", 50)
    build(content, tmp_path / "dist")
    html = (tmp_path / "dist" / "overzicht.html").read_text(encoding="utf-8")
    width = float(re.search(r'<svg class="flowchart" viewBox="0 0 ([\d.]+)', html).group(1))
    assert width <= 1000  # three columns and a few lanes: no tiny text when scaled
    assert len(re.findall(r'<a href="[^"]+" class="fc-', html)) == 50
    assert broken_references(tmp_path / "dist") == []
