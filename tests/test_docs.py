"""The documentation keeps up with the code: every message and every command is explained."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from beslisboom.cli import make_parser
from beslisboom.messages import MESSAGES
from conftest import ROOT, unwritable, writable
from test_checks import CASES, LABEL_SITE_CASES, SITE_CASES, TREE_AND_SITE_CASES
from test_input import limit_messages, size_messages, special_file_messages
from test_media import media_messages

GUIDE = (ROOT / "docs" / "handleiding.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Messages no test can provoke here: the tests run as a user who may read and write anything.
UNPROVOKED: dict[str, str] = {}


def pattern(code: str) -> re.Pattern[str]:
    """Turn a message into a regular expression that matches it filled in."""
    parts = re.split(r"\{[a-z]+\}", MESSAGES[code])
    return re.compile(".*".join(re.escape(part) for part in parts))


@pytest.mark.parametrize("code", MESSAGES)
def test_every_message_is_explained_in_the_guide(code):
    assert f"\n#### {code}\n" in GUIDE
    section = GUIDE.split(f"\n#### {code}\n", 1)[1].split("\n#### ", 1)[0]
    example = re.search(r"`([^`]+)`", section).group(1)
    # the whole example is the message as the build says it now, nothing more or less
    expected = pattern(code).pattern
    if code == "verwijzing-gevolg":  # said only after verwijzing-onbekend
        expected = pattern("verwijzing-onbekend").pattern + expected
    assert re.fullmatch(expected, example) or code in ("geen-sleutels", "sjabloon"), example


def test_every_message_is_provoked_by_a_test():
    # test_checks asserts that its cases give exactly these messages
    found = [
        line
        for _, expected in [*CASES.values(), *SITE_CASES.values(), *LABEL_SITE_CASES.values()]
        for line in expected
    ]
    found += [line for _, _, expected in TREE_AND_SITE_CASES.values() for line in expected]
    found += [line for case in EXTRA.values() for line in case]
    missing = [
        code
        for code in MESSAGES
        if code not in UNPROVOKED and not any(pattern(code).search(line) for line in found)
    ]
    assert missing == [], (missing, EXTRA)


EXTRA: dict[str, list[str]] = {}


@pytest.fixture(autouse=True, scope="module")
def provoke_the_rest(tmp_path_factory):
    """Provoke the YAML messages the check tests do not need, and a template mistake."""
    from beslisboom.pipeline import Project, check, format_problem
    from conftest import project_for

    folder = tmp_path_factory.mktemp("extra")
    fronts = {
        "tab": "\ttitle: A\n",
        "colon": "title: A\nnext b\n",
        "quote": 'title: "A\n',
        "star": "title: *A\n",
        "other": "title: A\n- b\n",
        "curly": "title: A\nnext_label: “Let op: nu”\n",
        "apostrophe": "title: 'Ik zeg 'ja''\n",
        "at": "title: @A\n",
        "indent": "title: A\noptions:\n  - label: Ja\n     next: b\n",
        "empty": "title:\n",
    }
    for name, front in fronts.items():
        content = folder / name
        content.mkdir()
        (content / "site.yml").write_text("title: T\nstart: start\n", encoding="utf-8")
        (content / "start.md").write_text(f"---\n{front}---\n", encoding="utf-8")
        EXTRA[name] = [format_problem(p) for p in check(project_for(content)).problems]
    templates = folder / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / "contact.html").write_text("{% if %}\n", encoding="utf-8")
    broken = Project(folder / "tab", templates, ROOT / "assets")
    (folder / "tab" / "start.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    EXTRA["template"] = [format_problem(p) for p in check(broken).problems]
    EXTRA["publish"] = publishing_messages(folder / "tab", folder / "uit")
    special = folder / "speciaal"
    special.mkdir()
    (special / "site.yml").write_text("title: T\nstart: start\n", encoding="utf-8")
    (special / "start.md").write_text("---\ntitle: A\n---\n<meta http-equiv=refresh>\n")
    EXTRA["special"] = special_file_messages(special)
    EXTRA["sizes"] = size_messages(folder / "groot") + limit_messages(folder / "grens")
    EXTRA["import"] = import_messages(folder / "import")
    (folder / "media").mkdir()
    EXTRA["media"] = media_messages(folder / "media")
    EXTRA["bug"] = engine_bug_messages(folder / "tab")
    EXTRA["verschil"] = comparison_messages(folder / "tab", folder)


def comparison_messages(content: Path, folder: Path) -> list[str]:
    """Compare with a folder that is not there, one that can't be read, and write the
    page for sign-off where no folder is."""
    import contextlib
    import io

    from beslisboom import cli

    broken = folder / "kapot"
    broken.mkdir()
    (broken / "site.yml").write_text("title: [\n", encoding="utf-8")
    said = []
    for argv in (
        ["verschil", str(content), str(folder / "weg")],
        ["verschil", str(broken), str(content)],
        ["verschil", str(content), str(content), "--html", str(folder / "weg" / "v.html")],
        ["verschil", str(content), str(content), "--html", str(content / "site.yml")],
    ):
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
            assert cli.main(argv) == 1
        said += errors.getvalue().splitlines()
    return said


def engine_bug_messages(content: Path) -> list[str]:
    """Break a step of the build as a bug would, and read what the editor is told."""
    import contextlib
    import io

    from beslisboom import cli, importer, pipeline

    def broken(*_args, **_kwargs):
        raise TypeError("a bug")

    def stopped(*_args, **_kwargs):
        raise KeyboardInterrupt

    def broken_import(*_args, **_kwargs):
        raise TypeError("a bug")

    tree = content.parent / "import" / "boom.yaml"  # written by import_messages
    real, real_import = pipeline.render_files, importer.question_page
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            pipeline.render_files = broken
            assert cli.main(["check", "--content", str(content)]) == 1
            pipeline.render_files = stopped
            assert cli.main(["check", "--content", str(content)]) == 130
            importer.question_page = broken_import
            new = content.parent / "omgezet"
            assert cli.main(["import", str(tree), "--content", str(new)]) == 1
    finally:
        pipeline.render_files, importer.question_page = real, real_import
    return err.getvalue().splitlines()


def publishing_messages(content: Path, place: Path) -> list[str]:
    """Provoke every refusal of publishing: folders of others, a non-folder, a busy lock."""
    from filelock import FileLock

    from beslisboom import write
    from beslisboom.pipeline import build, format_problem
    from conftest import project_for

    project = project_for(content)
    found = []
    others = place / "van-iemand"
    others.mkdir(parents=True)
    (others / "brief.txt").write_text("brief", encoding="utf-8")
    (place / "bestand").write_text("geen map", encoding="utf-8")
    (place / ".vreemd.nieuw").mkdir()
    (place / ".vreemd.nieuw" / "x").write_text("x", encoding="utf-8")
    for out in (others, place / "bestand", place / "vreemd", place / "bestand" / "dist"):
        found += [format_problem(p) for p in build(project, out).problems]
    write.WAIT, wait = 0.1, write.WAIT
    try:
        with FileLock(str(place / ".bezig.lock")):
            found += [format_problem(p) for p in build(project, place / "bezig").problems]
    finally:
        write.WAIT = wait
    other = place / "andere"
    shutil.copytree(content, other)
    build(project, place / "site")
    found += [format_problem(p) for p in build(project_for(other), place / "site").problems]
    (place / "drive" / "boom").mkdir(parents=True)  # a shared drive: only boom is writable
    build(project, place / "drive" / "boom")
    (content / "start.md").write_text("---\ntitle: B\n---\n", encoding="utf-8")
    try:
        unwritable(place / "site" / "assets")
        unwritable(place / "drive")
        for out in (place / "site", place / "drive" / "boom"):
            found += [format_problem(p) for p in build(project, out).problems]
    finally:
        writable(place)
    return found


def literal_messages(source: str) -> list[int]:
    """Give the lines where a problem's message is written out, not taken from the
    catalogue: a string or f-string as the message of Problem(), error() or warn()."""
    found = []
    for call in ast.walk(ast.parse(source)):
        if not isinstance(call, ast.Call):
            continue
        name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
        first = {"Problem": 2, "error": 1, "warn": 1}.get(name or "")
        if first is None:
            continue
        given = [
            *call.args[first : first + 1],
            *(k.value for k in call.keywords if k.arg == "message"),
        ]
        if any(isinstance(part, ast.JoinedStr) or is_text(part) for part in given):
            found.append(call.lineno)
    return found


def is_text(node: ast.expr) -> bool:
    """Tell whether an expression is a string written out, or strings joined with +."""
    if isinstance(node, ast.BinOp):
        return is_text(node.left) or is_text(node.right)
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_no_message_bypasses_the_catalogue():
    literal = [
        f"{path.name}:{line}"
        for path in sorted((ROOT / "beslisboom").glob("*.py"))
        for line in literal_messages(path.read_text(encoding="utf-8"))
    ]
    assert literal == []


@pytest.mark.parametrize(
    "call",
    [
        'Problem(path, 3, "kapot")',
        'Problem(path, 3, f"kapot: {x}")',
        'Problem(path, None, message="kapot")',
        'block.error(3, "kapot")',
        'block.warn(3, "kapot " + x)',
        'self.error(line, f"{x} kapot")',
    ],
)
def test_the_catalogue_test_finds_a_message_written_out(call):
    assert literal_messages(call) == [1]


def test_the_tables_of_a_page_s_keys_are_the_table_in_keys_py():
    from beslisboom import keys

    assert keys.table(keys.PAGE) in GUIDE
    assert keys.table(keys.PAGE) in README


def test_every_command_and_option_is_in_the_readme_and_the_guide():
    parser = make_parser()
    commands = parser._actions[0].choices  # the positional command
    for command in commands:
        assert f"python build.py {command}" in README or command == "build"
        assert f"build.py {command}" in GUIDE or command == "build"
    for option in ("--content", "--out", "--strict", "--port"):
        assert option in README


def import_messages(folder: Path) -> list[str]:
    """Import a tree with a part beyond the format, and a file that is no tree."""
    from beslisboom.importer import convert
    from beslisboom.pipeline import format_problem

    folder.mkdir()
    (folder / "boom.yaml").write_text(
        "questions:\n  - questionId: '1'\n    question: V?\n    answers:\n"
        "      - answer: Ja\n        nextConclusionId: '2'\n        extra: x\n"
        "      - answer: Nee\n        redirects:\n          - nextConclusionId: '2'\n"
        "            if: '\"weg\" in labels'\n"
        "conclusions:\n  - conclusionId: '2'\n    conclusion: K.\n",
        encoding="utf-8",
    )
    (folder / "geen.yaml").write_text("name: Boom\n", encoding="utf-8")
    (folder / "vorm.yaml").write_text("questions:\n  - question: V?\n", encoding="utf-8")
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 7)]
    (folder / "bom.yaml").write_text("\n".join(bomb) + "\nquestions: *a6\n", encoding="utf-8")
    return [
        format_problem(problem)
        for name in ("boom.yaml", "geen.yaml", "vorm.yaml", "bom.yaml")
        for problem in convert(folder / name).problems
    ]
