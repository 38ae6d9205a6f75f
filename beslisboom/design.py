"""The look of the site: templates and assets as read, and rendering a template by value.

A Design is compared by a hash of every template and asset, so a result rendered with
one design is never reused with another. Templates reach the pages only through the
values they are given (autoescaped, strict about unknown names), which is what lets a
rendered page be remembered by those values.
"""

from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .messages import say
from .model import Problem, hash_once, hash_slot
from .sources import Sources

ASSET_DIR = "assets"
# Where a page shows the code of the content (sources.content_hash). Pages are rendered
# with this mark and remembered so: a changed text changes the code of every page, and
# putting it in costs a replace, not a render (render.stamped).
STAMP = b"\x00kenmerk\x00"


@dataclass(frozen=True)
class Design:
    """The templates and assets of one build, compared by a hash of their bytes."""

    key: str
    folder: Path  # where the templates came from, for messages
    templates: tuple[tuple[str, bytes], ...] = field(compare=False, repr=False)
    assets: tuple[tuple[str, bytes], ...] = field(compare=False, repr=False)
    hash_: int = hash_slot()

    __hash__ = hash_once

    def asset_text(self, name: str) -> str:
        """Return an asset as text (the single file carries the style and script inline)."""
        return dict(self.assets).get(name, b"").decode("utf-8")


def make_design(sources: Sources) -> Design:
    """Gather the templates and assets of a build, with the hash that identifies them."""
    digest = hashlib.sha256()
    for kind, files in (("t", sources.templates), ("a", sources.assets)):
        for name, data in files:
            digest.update(f"{kind}\0{name}\0{len(data)}\0".encode())
            digest.update(data)
    return Design(digest.hexdigest(), sources.project.templates, sources.templates, sources.assets)


class TemplateMistake(Exception):
    """A template could not be compiled or rendered; carries the Problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem)
        self.problem = problem


def templating(loader: jinja2.BaseLoader, **more: Any) -> jinja2.Environment:
    """Make a Jinja environment as every page of the project is rendered: HTML escaped,
    an unknown name an error, no blank lines from the tags."""
    return jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        **more,
    )


@lru_cache(maxsize=2)
def environment(design: Design) -> jinja2.Environment:
    """Compile the design's templates into a Jinja environment (once per design)."""
    texts = {name: data.decode("utf-8", "replace") for name, data in design.templates}

    def load(name: str) -> tuple[str, str, Any] | None:
        if name not in texts:
            return None
        return texts[name], str(design.folder / name), lambda: True

    env = templating(
        jinja2.FunctionLoader(load), keep_trailing_newline=True, auto_reload=False, cache_size=-1
    )
    env.globals["stamp"] = Markup(STAMP.decode())  # the content's code, put in afterwards
    return env


def check_templates(design: Design) -> tuple[Problem, ...]:
    """Compile every template now, so that a syntax error is reported, not raised."""
    env = environment(design)
    problems = []
    for name, _ in design.templates:
        if name.endswith(".html"):
            try:
                env.get_template(name)
            except jinja2.TemplateError as error:
                problems.append(template_problem(error, design.folder))
    return tuple(problems)


def render(design: Design, template: str, **context: Any) -> str:
    """Render one template with these values; a mistake in it becomes a TemplateMistake."""
    try:
        return environment(design).get_template(template).render(**context)
    except jinja2.TemplateError as error:
        raise TemplateMistake(template_problem(error, design.folder)) from None


def template_problem(error: jinja2.TemplateError, templates: Path) -> Problem:
    """Report a template mistake at its file and line, found in the traceback if need be."""
    name = getattr(error, "filename", None) or getattr(error, "name", None)
    line = getattr(error, "lineno", None)
    if line is None:  # errors while rendering carry their place only in the traceback
        frames = traceback.extract_tb(error.__traceback__)
        inside = [f for f in frames if Path(f.filename).suffix == ".html"]
        if inside:
            name, line = inside[-1].filename, inside[-1].lineno
    path = Path(name) if name and Path(name).is_absolute() else templates / Path(name or "").name
    return Problem(path, line, say("sjabloon", detail=error.message or error))
