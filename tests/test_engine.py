"""The engine: one pipeline, memoised by value, equal to a clean build after any edit."""

from __future__ import annotations

import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from beslisboom import parallel, yamlfile
from beslisboom.memo import Memo
from beslisboom.pipeline import Project, build, check, format_problem
from beslisboom.sources import read_sources
from conftest import ROOT, page
from helpers import as_if_afresh, snapshot

sys.path.insert(0, str(ROOT / "bench"))
from synth import write_tree  # noqa: E402


@pytest.fixture
def design(tmp_path: Path) -> tuple[Path, Path]:
    """Copy the templates and assets, so that a test may edit them."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    return tmp_path / "templates", tmp_path / "assets"


# --- YAML messages are ours, whichever loader PyYAML has --------------------------------

YAML_CASES = {
    "tab": ("\ttitle: A\n", 2, "yaml-tab"),
    "no colon": ("title: A\nnext b\n", 3, "yaml-geen-dubbele-punt"),
    "open quote": ('title: "A\nnext: b\n', 2, "yaml-aanhalingsteken"),
    "open single quote": ("title: 'A\n", 2, "yaml-aanhalingsteken"),
    "star": ("title: *A\n", 2, "yaml-sterretje"),
    "at sign": ("title: @A\n", 2, "yaml-teken-begin"),
    "brace": ("title: {Welkom\n", 2, "yaml-teken-begin"),
    "percent": ("title: A\nnext_label: %d\n", 3, "yaml-teken-begin"),
    "backtick": ("title: `code`\n", 2, "yaml-teken-begin"),
    "curly quotes": ("title: A\nnext_label: “Let op: nu”\n", 3, "yaml-krul"),
    "apostrophe": ("title: 'Ik zeg 'ja''\n", 2, "yaml-apostrof"),
    "something else": ("title: A\n- b\n", 3, "yaml-anders"),
    "open list": ("title: A\nnext: [b\n", 3, "yaml-lijst-open"),
    "colon in text": ("title: A\nnext_label: Let op: nu\n", 3, "yaml-dubbele-punt"),
    "too deep": ("title: A\noptions:\n  - label: Ja\n     next: b\n", 5, "yaml-inspringing"),
    "not deep enough": ("title: A\noptions:\n  - label: Ja\n   next: b\n", 5, "yaml-inspringing"),
}


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
@pytest.mark.parametrize("front, line, code", YAML_CASES.values(), ids=YAML_CASES.keys())
def test_yaml_messages_are_the_same_under_both_loaders(
    make_tree, monkeypatch, loader, front, line, code
):
    from beslisboom.messages import say

    if not hasattr(yaml, loader):
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(yamlfile, "Loader", getattr(yaml, loader))
    content = make_tree({"start.md": f"---\n{front}---\n"})
    found = [
        format_problem(p)
        for p in check(Project(content, ROOT / "templates", ROOT / "assets")).problems
    ]
    assert found == [f"content/start.md:{line}: fout: {say(code)}"]


# --- The preview's memo never shows anything stale ---------------------------------------

TREE = {
    "start.md": page("Welkom", "next: vraag\n"),
    "stappen/vraag.md": page(
        "Ja of nee?",
        "step: 1\noptions:\n  - label: Ja\n    next: ja\n  - label: Nee\n    next: nee\n",
    ),
    "stappen/ja.md": page("Gekozen voor ja", "step: 2\nnext: einde\n", "Een tekst.\n"),
    "stappen/nee.md": page("Gekozen voor nee", "step: 2\nnext: einde\n"),
    "einde.md": page("Klaar"),
}
SVG = '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="red"/></svg>\n'
STEPS_OF_TARGETS = (
    "{% for option in node.options %}"
    '<p class="doel">{{ option.label }}: stap {{ nodes[option.next].step }}</p>'
    "{% endfor %}\n"
)


def show_steps_of_targets(templates: Path) -> None:
    """Make the question pages show the step of each answer's target (another node's field)."""
    path = templates / "node_content.html"
    path.write_text(path.read_text(encoding="utf-8") + STEPS_OF_TARGETS, encoding="utf-8")


def test_a_template_that_reads_another_nodes_fields_is_never_stale(make_tree, tmp_path, design):
    templates, assets = design
    show_steps_of_targets(templates)
    content = make_tree(TREE)
    project = Project(content, templates, assets)
    memo = Memo()
    assert not build(project, tmp_path / "preview", memo).failed()
    assert "Ja: stap 2" in (tmp_path / "preview" / "vraag.html").read_text(encoding="utf-8")
    (content / "stappen/ja.md").write_text(
        page("Gekozen voor ja", "step: 1\nnext: einde\n", "Een tekst.\n"), encoding="utf-8"
    )  # the tree still has two steps: only the page that links to 'ja' shows the change
    assert not build(project, tmp_path / "preview", memo).failed()
    assert "Ja: stap 1" in (tmp_path / "preview" / "vraag.html").read_text(encoding="utf-8")
    assert not build(project, tmp_path / "clean").failed()
    assert snapshot(tmp_path / "preview") == snapshot(tmp_path / "clean")


def random_edit(rng: random.Random, content: Path, templates: Path, assets: Path) -> str:
    """Make one edit an editor or designer might make; return what it was."""
    pages = sorted(content.rglob("*.md"))
    kind = rng.choice(
        [
            "text",
            "title",
            "step",
            "add",
            "delete",
            "rename",
            "site",
            "template",
            "style",
            "mistake",
            "label",
            "condition",
        ]
    )
    target = rng.choice(pages)
    text = target.read_text(encoding="utf-8")
    if kind == "text":
        target.write_text(text + f"\nNog een zin {rng.randint(0, 999)}.\n", encoding="utf-8")
    elif kind == "title":
        target.write_text(text.replace("title: ", f"title: {rng.randint(0, 9)} ", 1), "utf-8")
    elif kind == "step" and "step: " in text:
        step = rng.randint(1, 9)
        lines = [
            f"step: {step}" if line.startswith("step: ") else line for line in text.split("\n")
        ]
        target.write_text("\n".join(lines), encoding="utf-8")
    elif kind == "label" and "label: " in text:
        target.write_text(text.replace("label: ", "label: Zeker ", 1), encoding="utf-8")
    elif kind == "add":
        name = f"nieuw{rng.randint(0, 999)}"
        (content / f"{name}.md").write_text(page(f"Nieuw {name}", "next: einde\n"), "utf-8")
        vraag = content / "stappen/vraag.md"
        vraag.write_text(
            vraag.read_text(encoding="utf-8").replace(
                "options:\n", f"options:\n  - label: Naar {name}\n    next: {name}\n", 1
            ),
            encoding="utf-8",
        )
    elif kind in ("delete", "rename"):
        extra = [p for p in pages if p.stem.startswith("nieuw")]
        if not extra:
            return "nothing to " + kind
        gone = rng.choice(extra)
        vraag = content / "stappen/vraag.md"
        lines = vraag.read_text(encoding="utf-8")
        if kind == "delete":
            gone.unlink()
            lines = lines.replace(f"  - label: Naar {gone.stem}\n    next: {gone.stem}\n", "")
        else:
            gone.rename(gone.with_name(f"{gone.stem}x.md"))
            lines = lines.replace(f"next: {gone.stem}\n", f"next: {gone.stem}x\n")
        vraag.write_text(lines, encoding="utf-8")
    elif kind == "site":
        (content / "site.yml").write_text(
            f"title: Boom {rng.randint(0, 9)}\nstart: start\ncontact:\n  email: a@b.nl\n", "utf-8"
        )
    elif kind == "template":
        name = rng.choice(["node_content.html", "overview_entry.html", "contact.html"])
        path = templates / name
        path.write_text(
            path.read_text(encoding="utf-8") + f"<!-- {rng.randint(0, 99)} -->\n", "utf-8"
        )
    elif kind == "style":
        (assets / "style.css").write_text(
            (assets / "style.css").read_text(encoding="utf-8") + "p { margin: 0; }\n", "utf-8"
        )
    elif kind == "condition":  # 'Nee' sets a label that the end page tests, or no longer
        vraag, einde = content / "stappen/vraag.md", content / "einde.md"
        plain, labelled = "    next: nee\n", "    next: nee\n    labels: [nee-gekozen]\n"
        block = "\n::: als nee-gekozen\nNee gekozen.\n:::\n"
        question, end = vraag.read_text(encoding="utf-8"), einde.read_text(encoding="utf-8")
        if labelled in question:
            question, end = question.replace(labelled, plain), end.replace(block, "")
        else:
            question, end = question.replace(plain, labelled), end + block
        vraag.write_text(question, encoding="utf-8")
        einde.write_text(end, encoding="utf-8")
        return "condition toggled"
    elif kind == "mistake":
        target.write_text("---\ntitle: [kapot\n---\n", encoding="utf-8")
        return f"mistake in {target.name}, mended"
    return f"{kind} {target.name}"


@pytest.mark.parametrize("seed", range(4))
def test_after_a_series_of_random_edits_the_preview_equals_a_clean_build(
    make_tree, tmp_path, design, seed
):
    templates, assets = design
    show_steps_of_targets(templates)
    content = make_tree(TREE)
    project = Project(content, templates, assets)
    memo = Memo()
    rng = random.Random(seed)
    preview = tmp_path / "preview"
    sources = None  # the preview reads again only what its watcher names
    for number in range(25):
        before = {p: p.read_bytes() for p in content.rglob("*.md")}
        on_disk = files_in(content, templates, assets)
        what = random_edit(rng, content, templates, assets)
        changed = changed_since(on_disk, files_in(content, templates, assets))
        result = build(project, preview, memo, earlier=sources, changed=changed, keep_sources=True)
        sources = result.sources
        if result.failed():  # a mistake: show it, then mend it as the editor would
            assert what.startswith("mistake"), (what, [format_problem(p) for p in result.problems])
            on_disk = files_in(content, templates, assets)
            for path, data in before.items():
                path.write_bytes(data)
            changed = changed_since(on_disk, files_in(content, templates, assets))
            result = build(
                project, preview, memo, earlier=sources, changed=changed, keep_sources=True
            )
            sources = result.sources
        assert not result.failed(), (what, [format_problem(p) for p in result.problems])
        clean = tmp_path / f"schoon-{number}"
        assert not build(project, clean).failed()
        assert as_if_afresh(preview, result.gone) == snapshot(clean), what
        shutil.rmtree(clean)


def files_in(*folders: Path) -> dict[Path, bytes]:
    """Read every file below some folders, by path."""
    return {p: p.read_bytes() for folder in folders for p in folder.rglob("*") if p.is_file()}


def changed_since(before: dict[Path, bytes], after: dict[Path, bytes]) -> set[Path]:
    """Name the files that changed, came or went, as the preview's watcher does."""
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def test_the_preview_reads_again_only_what_its_watcher_names(make_tree, tmp_path):
    content = make_tree({**TREE, "stappen/plaatje.svg": SVG})
    project = Project(content, ROOT / "templates", ROOT / "assets")
    first = read_sources(project)
    page_of = {s.path.name: s for s in first.pages}
    for path in content.rglob("*.md"):
        path.write_text(path.read_text(encoding="utf-8") + "Nieuw.\n", encoding="utf-8")
    (content / "stappen" / "plaatje.svg").write_text(SVG.replace("red", "blue"), encoding="utf-8")

    def read(*changed: Path) -> dict[str, bool]:
        """Read with these paths named; tell for each page whether it was read again."""
        again = read_sources(project, first, set(changed))
        return {s.path.name: s is not page_of[s.path.name] for s in again.pages}

    everything = {name: True for name in page_of}
    assert read() == {name: False for name in page_of}  # none named: the bytes as they were
    assert read(content / "einde.md") == {**read(), "einde.md": True}
    below = {"vraag.md": True, "ja.md": True, "nee.md": True}
    assert read(content / "stappen") == {**read(), **below}  # a folder: all below it
    assert read(Path("content") / "einde.md")["einde.md"]  # a relative path names it too
    assert read(content) == everything and read(tmp_path) == everything
    assert read(ROOT / "templates" / "node.html") == read()  # not in content/
    picture = "stappen/plaatje.svg"
    assert dict(read_sources(project, first, {content / picture}).media)[picture] == (
        SVG.replace("red", "blue").encode()
    )
    assert dict(read_sources(project, first, set()).media)[picture] == SVG.encode()
    # a page that came or went, or is no longer a plain file: content/ is listed again
    (content / "nieuw.md").write_text(page("Nieuw"), encoding="utf-8")
    (content / "einde.md").unlink()
    (content / "einde.md").symlink_to(content / "start.md")
    (content / "stappen" / "nee.md").unlink()
    for change in ("nieuw.md", "einde.md", "stappen/nee.md"):
        listed = {s.path.relative_to(content).as_posix() for s in read_sources(project).pages}
        again = read_sources(project, first, {content / change}).pages
        assert {s.path.relative_to(content).as_posix() for s in again} == listed


def test_the_memo_forgets_what_the_site_no_longer_uses(make_tree, tmp_path):
    content = make_tree(TREE)
    project = Project(content, ROOT / "templates", ROOT / "assets")
    memo = Memo()
    build(project, None, memo)
    size = len(memo.earlier)
    for number in range(5):
        (content / "einde.md").write_text(page(f"Klaar {number}"), encoding="utf-8")
        build(project, None, memo)
    assert len(memo.earlier) == size


def test_after_an_edit_the_preview_shares_the_unchanged_pages_with_its_memo(make_tree):
    """A changed text changes the content's code on every page; a page that did not
    change otherwise gets only a new part of a few bytes for it: the rest is the very
    object the memo kept, so the preview holds its site once, not twice."""
    content = make_tree(TREE)
    project = Project(content, ROOT / "templates", ROOT / "assets")
    memo = Memo()
    first = build(project, None, memo)
    (content / "einde.md").write_text(page("Klaar, anders"), encoding="utf-8")
    again = build(project, None, memo)
    for name in ("index.html", "vraag.html"):  # neither shows or links to the end
        before, after = first.files[name], again.files[name]
        assert isinstance(before, tuple) and len(before) == len(after) == 3
        assert before[0] is after[0] and before[2] is after[2]  # shared with the memo
        assert before[1] != after[1] and len(after[1]) < 20  # the code: new, and small


def test_equal_files_give_equal_nodes(make_tree):
    content = make_tree(TREE)
    project = Project(content, ROOT / "templates", ROOT / "assets")
    one, two = check(project).site, check(project).site
    assert one is not two and one.nodes == two.nodes
    assert hash(one.nodes["vraag"]) == hash(two.nodes["vraag"])


# --- Parallel work: the same site, the same messages -------------------------------------


def test_parallel_build_equals_one_process_and_keeps_template_places(tmp_path, design, monkeypatch):
    templates, assets = design
    content = write_tree(tmp_path / "boom", parallel.MIN_ITEMS + 50)
    project = Project(content, templates, assets)
    assert not build(project, tmp_path / "een", jobs=1).failed()
    assert not build(project, tmp_path / "twee", jobs=2).failed()
    assert snapshot(tmp_path / "een") == snapshot(tmp_path / "twee")

    contact = templates / "node_content.html"
    contact.write_text(
        contact.read_text(encoding="utf-8").replace("{{ node.title }}", "{{ node.titel }}"),
        encoding="utf-8",
    )
    reports = [
        [format_problem(p) for p in build(project, tmp_path / "x", jobs=jobs).problems]
        for jobs in (1, 2)
    ]
    assert reports[0] == reports[1]
    assert len(reports[0]) == 1
    assert reports[0][0].startswith(
        f"{templates / 'node_content.html'}:5: fout: fout in het sjabloon"
    )
    assert not (tmp_path / "x").exists()


def test_a_template_mistake_late_in_a_build_leaves_the_published_site_as_it_was(tmp_path, design):
    """A build writes each page as soon as it is rendered (pipeline.build): a template that
    fails on the last node, while many pages are written already, stops the build with the
    template's message, and the site published before is untouched, with nothing beside."""
    templates, assets = design
    content = write_tree(tmp_path / "boom", parallel.MIN_ITEMS + 50)
    project = Project(content, templates, assets)
    out = tmp_path / "dist"
    assert not build(project, out, jobs=2).failed()
    before, around = snapshot(out), sorted(p.name for p in tmp_path.iterdir())
    last = list(check(project).site.nodes)[-1]
    own = templates / "node_content.html"
    text = own.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    mistake = f'{{% if node.id == "{last}" %}}{{{{ nergens }}}}{{% endif %}}\n'
    own.write_text(text + mistake, encoding="utf-8")
    for jobs in (1, 2):
        problems = [format_problem(p) for p in build(project, out, jobs=jobs).problems]
        assert len(problems) == 1
        assert problems[0].startswith(f"{own}:{line}: fout: fout in het sjabloon"), problems
        assert snapshot(out) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == around


def test_nothing_is_written_outside_the_output_folder(make_tree, tmp_path, monkeypatch):
    spare = tmp_path / "temp"
    spare.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spare))
    monkeypatch.setenv("TMPDIR", str(spare))
    content = make_tree(TREE)
    project = Project(content, ROOT / "templates", ROOT / "assets")
    before = {p for p in tmp_path.rglob("*")}
    memo = Memo()
    build(project, tmp_path / "dist", memo)
    (content / "einde.md").write_text(page("Klaar!"), encoding="utf-8")
    build(project, tmp_path / "dist", memo)
    check(project)
    after = {p for p in tmp_path.rglob("*")}
    beside = {tmp_path / "dist", tmp_path / ".dist.lock"}  # the output and its lock
    assert {p for p in after - before if tmp_path / "dist" not in p.parents} == beside
    assert list(spare.iterdir()) == []


# --- Links: one helper; templates spell no file names, anchors or mailto: ----------------


@pytest.mark.parametrize("template", sorted((ROOT / "templates").glob("*.html")), ids=str)
def test_templates_leave_every_link_to_the_links_helper(template):
    text = template.read_text(encoding="utf-8")
    code = "\n".join(line for line in text.splitlines() if not line.startswith("{#"))
    links = re.findall(r'(?:href|src)="([^"]*)"', code)
    assert all(link.startswith("{{ links.") for link in links), links
    outside_tags = re.sub(r"{%.*?%}", "", code)  # 'extends' and 'include' name templates
    assert not re.search(r"\w\.html\b", outside_tags)
    assert "mailto:" not in code and "tel:" not in code


SNIPPETS = (
    "*vet*",
    "__sterk__",
    "_schuin_",
    "`<code>`",
    "[stap](3-rol.md)",
    "<b>woord</b>",
    "A &amp; B",
    "a\\*b",
    "regel  \nnieuw",
    "![Schema](schema.png)",
    "<https://www.rijksoverheid.nl>",
    "[bron][1]\n\n[1]: bijlage.pdf",
    "los * sterretje",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "# Kop",
    "Kop\n===",
    "Kop\n---",
    "***",
    "1. een\n2. twee",
    "- a\n- b\n    - c",
    "+ plus",
    "> citaat",
    "    code",
    "\tcode met tab",
    "- punt\n\n    Kop in een punt\n    ---",
    "<div>\nblok\n</div>",
)


def test_the_converter_gives_what_full_markdown_gives(tmp_path):
    """The converter leaves out processors a text can't need (mdext.NEEDS): every text must
    come out exactly as Markdown with all its processors makes it."""
    import itertools

    import markdown

    from beslisboom.load import split_front_matter
    from beslisboom.mdext import CollectExtension, Converter

    full = markdown.Markdown(output_format="html", extensions=[CollectExtension(), "tables"])
    texts = [
        "\n\n".join(combination)
        for size in (1, 2, 3)
        for combination in itertools.combinations(SNIPPETS, size)
    ]
    for path in sorted([*(ROOT / "content").rglob("*.md"), *(ROOT / "beslisboom").rglob("*.md")]):
        texts.append(split_front_matter(path.read_text(encoding="utf-8"))[1])
    rich = write_tree(tmp_path / "rijk", 60, rich=True)
    texts += [split_front_matter(p.read_text(encoding="utf-8"))[1] for p in rich.rglob("*.md")]
    converter = Converter()
    for text in texts:
        assert converter.convert(text).html == full.reset().convert(text).strip(), text
    assert len(converter.by_need) > 20  # many sets of patterns were tried
