"""The build as a recipe: load, check, render, and only then write."""

from __future__ import annotations

import gc
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .check import check_site
from .load import load_site, shown
from .messages import say
from .model import Problem, Site
from .parallel import MIN_ITEMS, map_tasks
from .render import ASSET_DIR, Plan, Renderer, make_environment, render_part, render_parts
from .write import publish, write_files


@dataclass(frozen=True)
class Project:
    """The folders a build reads."""

    content: Path
    templates: Path
    assets: Path


@dataclass
class Result:
    """What a build found and made."""

    problems: list[Problem] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)  # what a build wrote, and how big
    site: Site | None = None
    single: str = ""  # the output name of the single-file edition
    env: jinja2.Environment | None = None  # the checked templates, compiled once

    def failed(self, strict: bool = False) -> bool:
        """Tell whether the problems stop the build."""
        return any(p.is_error or strict for p in self.problems)


def read_assets(assets: Path) -> dict[str, bytes]:
    """Read every file under assets/ as an output file under assets/."""
    if not assets.is_dir():
        return {}
    files = {}
    for path in sorted(assets.rglob("*")):
        rel = path.relative_to(assets)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            files[f"{ASSET_DIR}/{rel.as_posix()}"] = path.read_bytes()
    return files


def design_texts(assets: dict[str, bytes]) -> tuple[str, str]:
    """Return the style sheet and the answers script, which the single file carries inline."""
    return tuple(
        assets.get(f"{ASSET_DIR}/{name}", b"").decode("utf-8")
        for name in ("style.css", "antwoorden.js")
    )


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


def checked(site: Site | None, problems: list[Problem]) -> Result:
    """Add the graph's problems to those of loading, sorted by file and line."""
    if site is not None:
        problems = problems + check_site(site)
    return Result(problems=sorted(problems, key=Problem.sort_key), site=site)


def run(project: Project, jobs: int = 1) -> Result:
    """Read and check everything, the templates included; write nothing."""
    result = checked(*load_site(project.content, jobs))
    if result.site is None or result.failed():
        return result
    try:
        result.env = make_environment(project.templates)
        for name in result.env.list_templates(extensions=["html"]):
            result.env.get_template(name)  # compile now: a syntax error is reported, not raised
    except jinja2.TemplateError as error:
        result.problems.append(template_problem(error, project.templates))
    return result


def build(project: Project, out: Path, jobs: int = 1) -> Result:
    """Check everything, then render the site into a scratch folder and swap it in as out."""
    # A build makes hundreds of thousands of objects and hardly any cycles: the cycle
    # collector would walk them again and again, and in forked workers its walks copy
    # the memory they share with the parent.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return build_site(project, out, jobs)
    finally:
        if enabled:
            gc.enable()


def build_site(project: Project, out: Path, jobs: int) -> Result:
    """Build with the cycle collector off (see build)."""
    result = run(project, jobs)
    if result.failed():
        return result
    site = result.site
    assets = read_assets(project.assets)
    renderer = Renderer(result.env, *design_texts(assets), keep=False)
    plan = Plan(site)

    def fill(folder: Path) -> dict[str, int]:
        sizes = write_files(assets.items(), folder)
        parts = render_parts(site, jobs)
        write_part = lambda part: write_files(render_part(renderer, plan, part, jobs), folder)  # noqa: E731
        for written in map_tasks(write_part, parts, jobs if len(site.nodes) >= MIN_ITEMS else 1):
            sizes.update(written)
        return sizes

    try:
        result.sizes = publish(out, fill)
    except jinja2.TemplateError as error:
        result.problems.append(template_problem(error, project.templates))
    except OSError as error:
        result.problems.append(
            Problem(
                out,
                None,
                say("niet-schrijfbaar", reason=error.strerror),
            )
        )
    result.single = plan.single
    return result


def format_problem(problem: Problem) -> str:
    """Format a problem as 'file:line: fout: message'."""
    where = shown(problem.path) + (f":{problem.line}" if problem.line else "")
    return f"{where}: {problem.severity}: {problem.message}"
