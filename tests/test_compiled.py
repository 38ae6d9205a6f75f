"""Compiled templates kept between builds change nothing but the time a build takes."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic

from beslisboom.pipeline import Project, build, format_problem
from beslisboom.render import make_environment
from conftest import ROOT
from test_build import SMALL, snapshot


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give the cache a temporary folder of its own, as the user's temp folder."""
    home = tmp_path / "temp"
    home.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(home))
    return home


def cached(home: Path) -> list[Path]:
    return sorted(home.rglob("beslisboom-*.cache"))


def built(content: Path, templates: Path, out: Path) -> dict[str, bytes]:
    result = build(Project(content, templates, ROOT / "assets"), out)
    assert not result.failed(), [format_problem(p) for p in result.problems]
    return snapshot(out)


def test_a_warm_cache_gives_the_same_site(make_tree, tmp_path, cache_home):
    content = make_tree(SMALL)
    cold = built(content, ROOT / "templates", tmp_path / "koud")
    assert len(cached(cache_home)) == len(list((ROOT / "templates").glob("*.html")))
    assert built(content, ROOT / "templates", tmp_path / "warm") == cold


def test_an_edited_template_is_compiled_again(make_tree, tmp_path, cache_home):
    content = make_tree(SMALL)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    built(content, templates, tmp_path / "eerst")
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("<body", "<body data-x=1"), "utf-8")
    site = built(content, templates, tmp_path / "daarna")
    assert b"<body data-x=1" in site["index.html"]


def test_a_damaged_cache_is_ignored(make_tree, tmp_path, cache_home):
    content = make_tree(SMALL)
    clean = built(content, ROOT / "templates", tmp_path / "eerst")
    for number, path in enumerate(cached(cache_home)):
        data = path.read_bytes()
        if number % 2:  # cut off halfway, as by a full disk
            path.write_bytes(data[: len(data) // 2])
        else:  # right header, then garbage
            path.write_bytes(bc_magic + b"\x00kapot")
    assert built(content, ROOT / "templates", tmp_path / "daarna") == clean


def test_no_usable_temp_folder_means_no_cache(make_tree, tmp_path, monkeypatch):
    blocked = tmp_path / "geen-map"
    blocked.write_text("een bestand, geen map", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(blocked))
    assert make_environment(ROOT / "templates").bytecode_cache is None
    content = make_tree(SMALL)
    assert "index.html" in built(content, ROOT / "templates", tmp_path / "dist")


def test_a_template_mistake_is_reported_at_its_line_with_a_warm_cache(
    make_tree, tmp_path, cache_home
):
    content = make_tree(SMALL)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    contact = templates / "contact.html"
    contact.write_text("\n\n{{ onbekend.veld }}\n", encoding="utf-8")
    reports = []
    for _ in range(2):  # compiled, then taken from the cache
        result = build(Project(content, templates, ROOT / "assets"), tmp_path / "dist")
        reports.append([format_problem(p) for p in result.problems])
    assert reports[0] == reports[1]
    assert len(reports[0]) == 1 and "contact.html:3: fout: fout in het sjabloon" in reports[0][0]


def test_other_options_keep_their_own_compiled_templates(cache_home):
    from beslisboom.compiled import template_cache

    ours = template_cache({"trim_blocks": True})
    other = template_cache({"trim_blocks": False})
    assert ours.directory == other.directory and ours.pattern != other.pattern
