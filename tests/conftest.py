"""Shared fixtures: tiny content trees written into tmp_path, and the real project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from beslisboom.pipeline import Project, format_problem, run

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

SITE_YML = "title: Testboom\nstart: start\n"


def project_for(content: Path) -> Project:
    """Point a build at a content folder with the project's own templates and assets."""
    return Project(content=content, templates=ROOT / "templates", assets=ROOT / "assets")


def messages(content: Path) -> list[str]:
    """Run every check on a content folder and return the formatted problems."""
    return [format_problem(p) for p in run(project_for(content)).problems]


@pytest.fixture
def make_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Return a function that writes {relative path: text} under tmp_path/content."""
    monkeypatch.chdir(tmp_path)

    def make(files: dict[str, str | bytes], site: str | None = SITE_YML) -> Path:
        content = tmp_path / "content"
        content.mkdir(exist_ok=True)
        if site is not None:
            (content / "site.yml").write_text(site, encoding="utf-8")
        for name, text in files.items():
            path = content / name
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            path.write_bytes(data)
        return content

    return make


def page(title: str, extra: str = "", body: str = "") -> str:
    """Write a node file: front matter with a title and extra lines, then the body."""
    return f"---\ntitle: {title}\n{extra}---\n{body}"
