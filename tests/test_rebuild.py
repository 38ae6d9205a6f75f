"""The preview's incremental rebuild gives exactly the bytes of a clean build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from beslisboom.pipeline import Project, build
from beslisboom.rebuild import Rebuilder
from conftest import ROOT, page

TREE = {
    "start.md": page("Welkom", "next: vraag\n"),
    "stappen/vraag.md": page(
        "Ja of nee?",
        "step: 1\noptions:\n  - label: Ja\n    next: ja\n  - label: Nee\n    next: nee\n",
    ),
    "stappen/ja.md": page("Gekozen voor ja", "step: 1\nnext: einde\n", "Een tekst.\n"),
    "stappen/nee.md": page("Gekozen voor nee", "step: 1\nnext: einde\n"),
    "einde.md": page("Klaar"),
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write(path: Path, text: str) -> None:
    """Write a file and move its time on, as an editor's save would."""
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists()
    before = path.stat().st_mtime_ns if existed else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9)) if existed else None


def test_incremental_rebuild_equals_clean_build_after_every_change(make_tree, tmp_path):
    content = make_tree(TREE)
    design = tmp_path / "design"
    shutil.copytree(ROOT / "templates", design / "templates")
    shutil.copytree(ROOT / "assets", design / "assets")
    project = Project(content, design / "templates", design / "assets")
    preview = tmp_path / "preview"
    rebuilder = Rebuilder(project, preview)
    c = content

    def rename(old: str, new: str) -> None:
        (c / old).rename(c / new)

    changes = [
        ("start", lambda: None),
        (
            "edit a text",
            lambda: write(
                c / "stappen/ja.md", page("Gekozen voor ja", "step: 1\nnext: einde\n", "Anders.\n")
            ),
        ),
        ("edit a title others link to", lambda: write(c / "einde.md", page("Het einde"))),
        (
            "add a node",
            lambda: (
                write(c / "stappen/misschien.md", page("Misschien", "step: 1\nnext: einde\n")),
                write(
                    c / "stappen/vraag.md",
                    page(
                        "Ja of nee?",
                        "step: 1\noptions:\n  - label: Ja\n"
                        "    next: ja\n  - label: Nee\n    next: nee\n"
                        "  - label: Misschien\n    next: misschien\n",
                    ),
                ),
            ),
        ),
        (
            "add a step",
            lambda: write(c / "stappen/nee.md", page("Gekozen voor nee", "step: 2\nnext: einde\n")),
        ),
        (
            "rename a node",
            lambda: (
                rename("stappen/nee.md", "stappen/neen.md"),
                write(
                    c / "stappen/vraag.md",
                    page(
                        "Ja of nee?",
                        "step: 1\noptions:\n  - label: Ja\n"
                        "    next: ja\n  - label: Nee\n    next: neen\n"
                        "  - label: Misschien\n    next: misschien\n",
                    ),
                ),
            ),
        ),
        (
            "delete a node",
            lambda: (
                (c / "stappen/misschien.md").unlink(),
                write(
                    c / "stappen/vraag.md",
                    page(
                        "Ja of nee?",
                        "step: 1\noptions:\n  - label: Ja\n"
                        "    next: ja\n  - label: Nee\n    next: neen\n",
                    ),
                ),
            ),
        ),
        (
            "change the site title",
            lambda: write(c / "site.yml", "title: Andere boom\nstart: start\n"),
        ),
        (
            "change a template",
            lambda: write(
                design / "templates/contact.html",
                (design / "templates/contact.html").read_text(encoding="utf-8") + "<!-- x -->\n",
            ),
        ),
        (
            "change the style sheet",
            lambda: write(
                design / "assets/style.css",
                (design / "assets/style.css").read_text(encoding="utf-8") + "p { margin: 0; }\n",
            ),
        ),
    ]
    for number, (what, change) in enumerate(changes):
        change()
        result = rebuilder.rebuild()
        assert not result.failed(), (what, result.problems)
        clean = tmp_path / f"clean-{number}"
        assert not build(project, clean).failed()
        assert snapshot(preview) == snapshot(clean), what


def test_a_mistake_keeps_the_last_good_output_until_it_is_mended(make_tree, tmp_path):
    content = make_tree(TREE)
    preview = tmp_path / "preview"
    rebuilder = Rebuilder(Project(content, ROOT / "templates", ROOT / "assets"), preview)
    assert not rebuilder.rebuild().failed()
    good = snapshot(preview)
    write(content / "einde.md", "---\ntitle: [Klaar\n---\n")
    result = rebuilder.rebuild()
    assert [p.line for p in result.problems] == [3] and result.failed()
    assert snapshot(preview) == good
    write(content / "einde.md", page("Klaar, en beter"))
    assert not rebuilder.rebuild().failed()
    assert "Klaar, en beter" in (preview / "einde.html").read_text(encoding="utf-8")


def test_rebuild_writes_only_what_changed(make_tree, tmp_path):
    content = make_tree(TREE)
    preview = tmp_path / "preview"
    rebuilder = Rebuilder(Project(content, ROOT / "templates", ROOT / "assets"), preview)
    rebuilder.rebuild()
    stamps = {p.name: p.stat().st_mtime_ns for p in preview.rglob("*") if p.is_file()}
    write(content / "stappen/ja.md", page("Gekozen voor ja", "step: 1\nnext: einde\n", "Nieuw.\n"))
    rebuilder.rebuild()
    changed = sorted(
        p.name for p in preview.rglob("*") if p.is_file() and p.stat().st_mtime_ns != stamps[p.name]
    )
    assert changed == ["boom.js", "ja.html", "overzicht.html", "testboom.html"]


def test_rebuild_puts_back_a_file_removed_by_hand_and_clears_strays(make_tree, tmp_path):
    content = make_tree(TREE)
    preview = tmp_path / "preview"
    (preview / "oud").mkdir(parents=True)
    (preview / "oud" / "weg.html").write_text("van een vorige boom", encoding="utf-8")
    rebuilder = Rebuilder(Project(content, ROOT / "templates", ROOT / "assets"), preview)
    assert not rebuilder.rebuild().failed()
    assert not (preview / "oud" / "weg.html").exists()
    (preview / "einde.html").unlink()
    (preview / "assets" / "style.css").unlink()
    assert not rebuilder.rebuild().failed()
    assert (preview / "einde.html").is_file()
    style = (ROOT / "assets" / "style.css").read_bytes()
    assert (preview / "assets" / "style.css").read_bytes() == style
