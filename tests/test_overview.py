"""The overview page and its flowchart, on the real content and on a 50-node tree."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from beslisboom.cli import main
from conftest import ROOT, project_for
from helpers import IDS
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
    # every node has an entry and a link to its page (of the end's copies: the first), and
    # every page's title is there (the end's titles by route with their conditions)
    opened = {href for text, href in links if text.startswith("Open deze stap: ")}
    for name, page in pages.items():
        if name not in ("overzicht.html", SINGLE):
            assert name in opened or name.startswith("einde-")
            assert page.h1[0] in overview.text
    assert len(opened) == len(IDS) and len([n for n in opened if n.startswith("einde-")]) == 1
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


def test_flowchart_of_twenty_nodes_keeps_its_text_size_and_scrolls(tmp_path):
    content = write_tree(tmp_path / "content", 20)  # 2,826 px wide
    build(content, tmp_path / "dist")
    html = (tmp_path / "dist" / "overzicht.html").read_text(encoding="utf-8")
    found = re.search(
        r'<svg class="flowchart flowchart-unprintable" viewBox="0 0 ([\d.]+) [\d.]+" '
        r'width="([\d.]+)"',
        html,
    )
    assert found.group(1) == found.group(2)  # drawn at its own size: no tiny text
    assert '<div class="flowchart-scroll" tabindex="0" role="region"' in html
    assert len(re.findall(r'<a href="[^"]+" class="fc-', html)) == 20
    assert broken_references(tmp_path / "dist") == []


def test_a_tree_too_wide_to_draw_gets_its_text_overview_instead(tmp_path):
    content = write_tree(tmp_path / "content", 50)  # it would be 6,306 px wide
    build(content, tmp_path / "dist")
    html = (tmp_path / "dist" / "overzicht.html").read_text(encoding="utf-8")
    assert "<svg" not in html and "te veel voor een leesbaar stroomschema" in html
    assert html.count('class="entry"') == 50


FLOWCHART_GEOMETRY = """() => {
  const svg = document.querySelector('svg.flowchart');
  const inside = (r, b) => r.x >= b.x - 0.5 && r.y >= b.y - 0.5 &&
    r.x + r.width <= b.x + b.width + 0.5 && r.y + r.height <= b.y + b.height + 0.5;
  const problems = [];
  const boxes = [...svg.querySelectorAll('rect.fc-box')].map(r => r.getBBox());
  for (const a of svg.querySelectorAll('a')) {
    if (!inside(a.querySelector('text').getBBox(), a.querySelector('rect').getBBox())) {
      problems.push('box text overflows: ' + a.querySelector('text').textContent);
    }
  }
  for (const g of svg.querySelectorAll('.fc-label')) {
    if (!inside(g.querySelector('text').getBBox(), g.querySelector('rect').getBBox())) {
      problems.push('label overflows: ' + g.textContent);
    }
  }
  let edges = 0;
  for (const path of svg.querySelectorAll('.fc-edges > path')) {
    edges++;
    const length = path.getTotalLength();
    for (let d = 0; d <= length; d += 2) {
      const p = path.getPointAtLength(d);
      const hit = boxes.find(b => p.x > b.x + 1 && p.x < b.x + b.width - 1 &&
                                  p.y > b.y + 1 && p.y < b.y + b.height - 1);
      if (hit) {
        problems.push('edge ' + path.getAttribute('d').slice(0, 30) + ' crosses a box at ' +
                      Math.round(p.x) + ',' + Math.round(p.y));
        break;
      }
    }
  }
  return {problems, boxes: boxes.length, edges, labels: svg.querySelectorAll('.fc-label').length};
}"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("overzicht") / "dist"
    build(ROOT / "content", out)
    return out


def flowchart_geometry(browser, page_url: str) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(page_url)
    found = page.evaluate(FLOWCHART_GEOMETRY)
    page.close()
    return found


def test_flowchart_text_stays_in_its_boxes_and_no_arrow_crosses_a_box(browser, built):
    found = flowchart_geometry(browser, (built / "overzicht.html").as_uri())
    assert found["problems"] == []
    assert found["boxes"] == 15 and found["edges"] >= 18 and found["labels"] >= 10


def test_the_imported_tree_is_too_wide_to_draw_and_says_its_routes_in_words(tmp_path):
    from helpers import TREE

    if not TREE.is_file():
        pytest.skip(f"the MinBZK tree is not at {TREE}")
    from beslisboom.importer import convert, write
    from beslisboom.pipeline import build

    write(convert(TREE), tmp_path / "content")
    assert not build(project_for(tmp_path / "content"), tmp_path / "dist").failed()
    html = (tmp_path / "dist" / "overzicht.html").read_text(encoding="utf-8")
    # drawn, it was 12,270 px wide: no drawing, the text overview in its place
    assert "<svg" not in html and 'href="#stroomschema"' not in html
    assert "te veel voor een leesbaar stroomschema" in html
    assert html.count('class="entry"') == 73
    # conditions in the labels' words from site.yml, not their names
    conditions = re.findall(r'<span class="when">\((.*?)\)</span>', html)
    assert "als niet open-source en niet geen open-source en niet hoog-risico AI" in conditions
    assert not any("hoog-risico-ai" in c or "geen-open-source" in c for c in conditions)


TAB_ORDER = """() => [...document.querySelectorAll('svg.flowchart a')].map(a => {
  const box = a.querySelector('rect').getBBox();
  return {href: a.getAttribute('href'), y: box.y, x: box.x};
})"""


def test_tab_walks_the_flowchart_along_the_flow(browser, built):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto((built / "overzicht.html").as_uri())
    boxes = page.evaluate(TAB_ORDER)
    page.locator(".flowchart-scroll").focus()
    visited = []
    for _ in boxes:
        page.keyboard.press("Tab")
        visited.append(page.evaluate("document.activeElement.getAttribute('href')"))
    page.close()
    assert visited == [box["href"] for box in boxes]  # Tab follows the order drawn
    assert visited[0] == "index.html"  # the start first ...
    rows = [(box["y"], box["x"]) for box in boxes]
    assert rows == sorted(rows)  # ... then row by row, down the flow, left to right
    titles = {b["href"] for b in boxes[-3:]}
    assert any("einde" in href for href in titles)  # the end among the last


PRINTED = """() => {
  const svg = document.querySelector('svg.flowchart');
  const drawn = svg.getBoundingClientRect();
  const section = document.querySelector('.flowchart-section');
  return {shown: getComputedStyle(section).display !== 'none', width: drawn.width,
          height: section.getBoundingClientRect().height, own: svg.viewBox.baseVal.width};
}"""


def printed_flowchart(browser, overview: Path) -> dict:
    """Lay out an overview as Chromium prints it on A4 (190 x 277 mm less its margins:
    718 x 1047 CSS pixels) and measure the flowchart."""
    page = browser.new_page(viewport={"width": 718, "height": 1047})
    page.goto(overview.as_uri())
    page.emulate_media(media="print")
    found = page.evaluate(PRINTED)
    page.close()
    return found


def test_the_printed_flowchart_gets_a_page_of_its_own_and_can_be_read(browser, built, tmp_path):
    found = printed_flowchart(browser, built / "overzicht.html")
    # one page: heading, legend, drawing and caption together
    assert found["shown"] and found["height"] <= 1047, found["height"]
    points = 13 * found["width"] / found["own"] * 0.75  # a box's 13 px text, as printed
    assert points >= 6, points  # it was 4.2 pt when it shared the first page
    # a drawing too large to print readably stays out of the print: the text stands for it
    content = write_tree(tmp_path / "breed", 20)  # 2,826 px wide
    build(content, tmp_path / "dist")
    assert not printed_flowchart(browser, tmp_path / "dist" / "overzicht.html")["shown"]
