"""Every page says which version it is: `version:` of site.yml and a short code of the
content, on the site and in the single file; versie.json says the same for programs."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from beslisboom.memo import Memo
from beslisboom.pipeline import build
from beslisboom.routes import count_routes, routes
from conftest import ROOT, page, project_for
from helpers import SMALL, write_content

SITE = "title: Kleine boom\nstart: start\nversion: 1.10\nupdated: 2026-11-28\n"
FOOTER = re.compile(rb'<p class="version">(Versie [^,<]+, kenmerk|Kenmerk) ([0-9a-f]{8})</p>')


def write(folder: Path, files: dict[str, str], site: str = SITE) -> Path:
    """Write a content folder: site.yml and the pages."""
    return write_content(folder, files, site)


def stamps(out: Path) -> dict[str, tuple[bytes, bytes]]:
    """Read the version line of every HTML file of a built site."""
    found = {}
    for path in out.glob("*.html"):
        matches = FOOTER.findall(path.read_bytes())
        assert len(matches) == 1, path.name
        found[path.name] = matches[0]
    return found


def built(content: Path, out: Path, memo: Memo | None = None) -> Path:
    result = build(project_for(content), out, memo=memo)
    assert not result.failed(), result.problems
    return out


def test_every_page_and_the_single_file_say_the_version_and_the_code(tmp_path):
    out = built(write(tmp_path / "content", SMALL), tmp_path / "dist")
    found = stamps(out)
    assert {"index.html", "overzicht.html", "kleine-boom.html"} <= set(found)
    assert len(set(found.values())) == 1  # one version, one code, on every page
    words, code = next(iter(found.values()))
    assert words == b"Versie 1.10, kenmerk"  # as written: YAML alone would read 1.1
    facts = json.loads((out / "versie.json").read_text(encoding="utf-8"))
    assert facts == {
        "title": "Kleine boom",
        "version": "1.10",
        "code": code.decode(),
        "updated": "2026-11-28",
        "pages": 5,
        "pages_written": 5,
        "routes": 2,
    }
    plain = built(
        write(tmp_path / "zonder", SMALL, "title: Kleine boom\nstart: start\n"), tmp_path / "d2"
    )
    assert {words for words, _ in stamps(plain).values()} == {b"Kenmerk"}
    assert json.loads((plain / "versie.json").read_bytes())["version"] is None


def test_the_same_content_gives_the_same_code_on_any_machine(tmp_path):
    first = write(tmp_path / "a" / "content", SMALL)
    code = built(first, tmp_path / "uit-a")
    # elsewhere, with Windows line ends and a byte order mark, as a checkout may give
    other = tmp_path / "b" / "andere-plek"
    other.mkdir(parents=True)
    for path in first.iterdir():
        text = path.read_bytes().replace(b"\n", b"\r\n")
        (other / path.name).write_bytes(b"\xef\xbb\xbf" + text if path.suffix == ".md" else text)
    again = built(other, tmp_path / "uit-b")
    assert stamps(code)["index.html"] == stamps(again)["index.html"]
    assert (code / "index.html").read_bytes() == (again / "index.html").read_bytes()
    # one word of one page changes the code of every page
    changed = write(
        tmp_path / "c" / "content", dict(SMALL, **{"con.md": SMALL["con.md"] + "Nu.\n"})
    )
    new = stamps(built(changed, tmp_path / "uit-c"))
    assert {c for _, c in new.values()} != {c for _, c in stamps(code).values()}
    assert len({c for _, c in new.values()}) == 1


def test_a_save_in_the_preview_gives_every_page_the_new_code(tmp_path):
    """The pages are remembered with a mark where the code goes, so a text edit renders
    one page again, and every page still shows the code of the content as it is now."""
    content = write(tmp_path / "content", SMALL)
    memo = Memo()
    out = tmp_path / "dist"
    before = stamps(built(content, out, memo))
    (content / "con.md").write_text(SMALL["con.md"] + "Nieuwe zin.\n", encoding="utf-8")
    after = stamps(built(content, out, memo))
    assert set(before) == set(after)
    assert all(after[name][1] != before[name][1] for name in before)
    assert b"Nieuwe zin." in (out / "con-pagina.html").read_bytes()
    assert b"\x00" not in b"".join(p.read_bytes() for p in out.glob("*.html"))


def test_the_route_count_is_that_of_the_routes(tmp_path):
    """Counted per page where the tree has no loops, one by one where it has (the seed's
    'Kies een andere rol'): the same as following every route."""
    seed = tmp_path / "seed"
    shutil.copytree(ROOT / "content", seed)
    result = build(project_for(seed), None)
    assert not result.failed() and result.site is not None
    out = built(seed, tmp_path / "dist")
    facts = json.loads((out / "versie.json").read_bytes())
    from beslisboom import graph, unfold

    unfolded = unfold.unfold(graph.reachable_part(result.site)).site
    assert facts["routes"] == len(list(routes(unfolded))) == count_routes(unfolded) == 91
    # a tree without loops: counted per page, the same number as followed one by one
    tree = write(
        tmp_path / "boom",
        {
            "start.md": page(
                "Eerste?", "options:\n  - label: A\n    next: twee\n  - label: B\n    next: twee\n"
            ),
            "twee.md": page(
                "Tweede?", "options:\n  - label: C\n    next: drie\n  - label: D\n    next: drie\n"
            ),
            "drie.md": page(
                "Derde?", "options:\n  - label: E\n    next: einde\n  - label: F\n    next: einde\n"
            ),
            "einde.md": page("Einde"),
        },
        "title: T\nstart: start\n",
    )
    checked = build(project_for(tree), None)
    assert checked.site is not None
    assert count_routes(checked.site) == len(list(routes(checked.site))) == 8
