"""Several decision aids in one site: a content folder whose subfolders each hold a tree
with its own site.yml. A start page lists them, each tree is published under its folder
with its own overview, single file and version file, the assets once at the top."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from beslisboom.cli import main
from beslisboom.memo import Memo
from beslisboom.output import joined
from beslisboom.pipeline import build, format_problem
from conftest import ROOT, page, project_for
from helpers import SMALL, snapshot, write_content
from htmlcheck import broken_references

SMALL_SITE = (
    "title: Kleine boom\nstart: start\ndescription: Een boom om mee te proberen.\n"
    "version: 2.1\nupdated: 2026-11-28\nowner: Team Proef\n"
)


def collection(root: Path) -> Path:
    """Write a site of two trees, the seed and a small one, with bomen.yml."""
    content = root / "content"
    content.mkdir(parents=True)
    shutil.copytree(ROOT / "content", content / "burgers")
    write_content(content / "proef", SMALL, SMALL_SITE)
    (content / "bomen.yml").write_text(
        "title: Beslishulpen van JenV\nowner: Directie Wetgeving\n", encoding="utf-8"
    )
    return content


def test_a_site_of_several_trees(tmp_path, capsys):
    content = collection(tmp_path)
    out = tmp_path / "dist"
    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "dist/burgers/burgers-betrekken-beslisboom.html" in said
    assert "dist/proef/kleine-boom.html" in said
    files = snapshot(out)
    assert sorted(n for n in files if n.startswith("assets/")) == [
        "assets/antwoorden.js",
        "assets/favicon.svg",
        "assets/style.css",
    ]  # once, at the top; each tree keeps only what is made for it
    for tree, single in (("burgers", "burgers-betrekken-beslisboom"), ("proef", "kleine-boom")):
        for name in ("index.html", "overzicht.html", f"{single}.html", "versie.json"):
            assert f"{tree}/{name}" in files, name
        assert sorted(n for n in files if n.startswith(f"{tree}/assets/")) == [
            f"{tree}/assets/boom.js",
            f"{tree}/assets/teksten.js",
        ]
    assert broken_references(out) == []  # every link and picture resolves, across trees
    start = files["index.html"].decode()
    assert '<html lang="nl">' in start and "<title>Beslishulpen van JenV</title>" in start
    assert '<a href="burgers/index.html">Burgers betrekken beslisboom</a>' in start
    assert '<a href="proef/index.html">Kleine boom</a>' in start
    assert "<p>Een boom om mee te proberen.</p>" in start
    code = json.loads(files["proef/versie.json"])["code"]
    assert (
        f"Versie 2.1, kenmerk {code} · Laatst bijgewerkt: 28 november 2026 · Beheer: Team Proef"
        in start
    )
    assert "Beheer: Directie Wetgeving" in start
    page_ = files["proef/vraag.html"].decode()
    assert 'href="../assets/style.css"' in page_ and 'src="assets/boom.js"' in page_
    assert '<a href="../index.html">Alle beslisbomen</a>' in page_
    single = files["proef/kleine-boom.html"].decode()
    assert "Alle beslisbomen" not in single and "../" not in single  # it stands alone


def test_each_tree_builds_as_it_would_alone(tmp_path):
    """A tree's pages are those it has alone, but for the way to the shared assets and
    to the start page."""
    alone = tmp_path / "alleen"
    build(project_for(write_content(tmp_path / "proef", SMALL, SMALL_SITE)), alone)
    together = tmp_path / "samen"
    build(project_for(collection(tmp_path / "c")), together)
    for name, data in snapshot(alone).items():
        if not name.endswith(".html") or name == "kleine-boom.html":
            continue
        mine = (together / "proef" / name).read_bytes().decode()
        back = '<a href="../index.html">Alle beslisbomen</a> <span aria-hidden="true">·</span>\n'
        mine = mine.replace(back, "")
        assert mine.replace('"../assets/', '"assets/') == data.decode(), name
    assert (together / "proef" / "kleine-boom.html").read_bytes() == (
        alone / "kleine-boom.html"
    ).read_bytes()


def test_one_tree_s_mistake_stops_the_whole_site(tmp_path):
    content = collection(tmp_path)
    (content / "proef" / "con.md").write_text(page("Nee", "next: nergens\n"), encoding="utf-8")
    (content / "bomen.yml").write_text("title: Beslishulpen\ntitel: fout\n", encoding="utf-8")
    out = tmp_path / "dist"
    out.mkdir()
    (out / "index.html").write_text("vorige", encoding="utf-8")
    result = build(project_for(content), out)
    said = [format_problem(p) for p in result.problems if p.is_error]
    assert any("proef/con.md:3: fout: next verwijst naar 'nergens'" in line for line in said), said
    assert any("bomen.yml:2: fout: onbekende sleutel 'titel'" in line for line in said), said
    assert not result.written
    assert (out / "index.html").read_text(encoding="utf-8") == "vorige"


def test_the_preview_rebuilds_a_site_of_several_trees(tmp_path):
    """A save in one tree: the site is built again with the same memo and the files as
    read before; the page saved shows the change, the other tree stays as it was."""
    content = collection(tmp_path)
    memo = Memo()
    first = build(project_for(content), None, memo=memo, keep_sources=True)
    assert not first.failed() and isinstance(first.sources, tuple)
    (content / "proef" / "con.md").write_text(
        SMALL["con.md"] + "Een nieuwe zin.\n", encoding="utf-8"
    )
    again = build(
        project_for(content),
        None,
        memo=memo,
        earlier=first.sources,
        changed=[content / "proef" / "con.md"],
        keep_sources=True,
    )
    assert not again.failed()
    assert b"Een nieuwe zin." in joined(again.files["proef/con-pagina.html"])
    same = [n for n in first.files if n.startswith("burgers/") and n.endswith(".html")]
    assert same and all(first.files[n] == again.files[n] for n in same)


def test_nieuw_adds_a_tree_to_a_site_of_several(tmp_path, monkeypatch, capsys):
    content = collection(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["nieuw", "content/dpia"]) == 0
    assert "de site in content/ heeft nu 3 bomen" in capsys.readouterr().out
    result = build(project_for(content), tmp_path / "dist")
    assert not result.failed(), result.problems
    assert (tmp_path / "dist" / "dpia" / "index.html").is_file()
    start = (tmp_path / "dist" / "index.html").read_text(encoding="utf-8")
    assert start.count("<li>") == 3
    # inside a tree its pages would be that tree's: refused, with the way to do it
    with pytest.raises(SystemExit) as stop:
        main(["nieuw", "content/burgers/extra"])
    assert stop.value.code == 2
    message = capsys.readouterr().err
    assert "content/burgers/extra ligt in de boom content/burgers" in message
    assert not (content / "burgers" / "extra").exists()


def test_a_text_links_to_a_page_of_another_tree(tmp_path, make_tree):
    """Written as a relative Markdown link to the other tree's file, checked like any
    other link, and pointing at that tree's page on the site and in the single file."""
    content = collection(tmp_path / "site")
    link = "Zie ook [de rol](../burgers/stappen/3-rol.md#inhoud) en [nergens](../burgers/weg.md)."
    (content / "proef" / "con.md").write_text(SMALL["con.md"] + link + "\n", encoding="utf-8")
    result = build(project_for(content), tmp_path / "dist")
    said = [format_problem(p) for p in result.problems if p.is_error]
    assert len(said) == 1 and "proef/con.md:" in said[0], said
    assert (
        "de link in de tekst naar burgers/weg.md wijst naar een pagina die niet bestaat"
        in (said[0])
    )
    (content / "proef" / "con.md").write_text(
        SMALL["con.md"] + "Zie ook [de rol](../burgers/stappen/3-rol.md#inhoud).\n",
        encoding="utf-8",
    )
    out = tmp_path / "dist"
    result = build(project_for(content), out)
    assert not result.failed(), result.problems
    page_ = (out / "proef" / "con-pagina.html").read_text(encoding="utf-8")
    assert '<a href="../burgers/3-rol.html#inhoud">de rol</a>' in page_
    single = (out / "proef" / "kleine-boom.html").read_text(encoding="utf-8")
    assert '<a href="../burgers/3-rol.html#inhoud">de rol</a>' in single
    assert broken_references(out) == []
    # a tree alone has no trees beside it: the same link is a mistake there
    alone = make_tree(
        dict(SMALL, **{"con.md": SMALL["con.md"] + "Zie [de rol](../burgers/3-rol.md).\n"})
    )
    found = [format_problem(p) for p in build(project_for(alone), None).problems]
    assert any("naar burgers/3-rol.md wijst naar een pagina die niet bestaat" in f for f in found)
