"""`build.py verschil OUD NIEUW`: two versions of a tree compared by their routes, then by
their pages; on small trees whose differences are known, and on MinBZK's own history,
against an independent reading of every route of the original."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, page
from helpers import HISTORY, original_routes, write_content

SITE = "title: Vergelijken\nstart: start\n"
OLD = {
    "start.md": page(
        "Ja of nee?",
        "options:\n  - label: Ja\n    next: a\n  - label: Nee\n    next: zeker\n",
        "Een vraag om te beginnen met een paar woorden tekst.\n",
    ),
    "zeker.md": page(
        "Zeker?", "options:\n  - label: Ja\n    next: a\n  - label: Nee\n    next: c\n"
    ),
    "a.md": page("Uitkomst A", body="Dit is de uitkomst A.\n"),
    "c.md": page("Uitkomst C", body="Dit is de uitkomst C.\n"),
    "weg.md": page("Verdwijnt", body="Niemand komt hier.\n"),
}


def write_tree(folder: Path, files: dict[str, str], site: str = SITE) -> Path:
    """Write a content folder: site.yml and the pages."""
    return write_content(folder, files, site)


def verschil(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run `python build.py verschil ...` as an editor does."""
    command = [sys.executable, str(ROOT / "build.py"), "verschil", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8")


def as_json(old: Path, new: Path) -> dict:
    """Compare two folders through the command line's --json."""
    done = verschil(old, new, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_routes_first_then_pages(tmp_path):
    old = write_tree(tmp_path / "oud", OLD)
    new_files = dict(OLD)
    new_files["start.md"] = page(
        "Ja of nee?",
        "options:\n  - label: Ja\n    next: a\n  - label: Nee\n    next: zeker\n"
        "  - label: Misschien\n    next: c\n",
        "Een vraag om mee te beginnen met een paar woorden tekst.\n",
    )
    new_files["zeker.md"] = page(
        "Zeker?", "options:\n  - label: Ja\n    next: c\n  - label: Nooit\n    next: c\n"
    )
    del new_files["weg.md"]
    del new_files["a.md"]
    new_files["uitkomst-a.md"] = OLD["a.md"]  # the same page under another name
    new_files["start.md"] = new_files["start.md"].replace("next: a", "next: uitkomst-a")
    new_files["b.md"] = page("Nieuw", body="Nog niet gelinkt.\n")
    new = write_tree(tmp_path / "nieuw", new_files)
    found = as_json(old, new)
    assert found["routes"] == {
        "changed": [{"answers": ["Nee", "Ja"], "old": "a", "new": "c"}],
        "removed": [{"answers": ["Nee", "Nee"], "old": "c"}],
        "added": [
            {"answers": ["Nee", "Nooit"], "new": "c"},
            {"answers": ["Misschien"], "new": "c"},
        ],
    }
    pages = found["pages"]
    assert pages["added"] == ["b"]
    assert pages["removed"] == ["weg"]
    assert pages["renamed"] == [{"old": "a", "new": "uitkomst-a"}]
    changed = {c["page"]: c for c in pages["changed"]}
    assert set(changed) == {"start", "zeker"}
    assert changed["start"]["text"] == [{"old": "te", "new": "om mee te"}] or changed["start"][
        "text"
    ] == [{"old": "", "new": "mee"}]
    assert changed["start"]["answers"] == {"removed": [], "added": ["Misschien"]}
    assert changed["zeker"]["answers"] == {"removed": ["Nee"], "added": ["Nooit"]}
    assert changed["zeker"]["targets"]["removed"] == ["Ja → a", "Nee → c"]
    assert found["old"]["routes"] == 3 and found["new"]["routes"] == 4
    # the same folder twice: nothing differs, and the command still succeeds
    same = as_json(old, old)
    assert same["routes"] == {"changed": [], "removed": [], "added": []}
    assert same["pages"] == {"added": [], "removed": [], "renamed": [], "changed": []}


def test_terminal_and_html_report(tmp_path):
    old = write_tree(tmp_path / "oud", OLD)
    new_files = dict(OLD, **{"zeker.md": OLD["zeker.md"].replace("next: a", "next: c")})
    new_files["c.md"] = page("Uitkomst C", body="Dit is de nieuwe uitkomst C <b>&</b>.\n")
    new = write_tree(tmp_path / "nieuw", new_files)
    report = tmp_path / "verschil.html"
    done = verschil(old, new, "--html", report)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Routes: 1 eindigt nu elders, 0 bestaan niet meer, 0 zijn nieuw" in out
    assert "  Nee → Ja\n      was: a\n      nu:  c\n" in out
    assert "Pagina’s: 0 toegevoegd, 0 verwijderd, 0 hernoemd, 2 gewijzigd." in out
    assert "tekst: …Dit is de {+nieuwe+} uitkomst C.…" in out
    assert "tekst: …Dit is de uitkomst [-C.-] {+C & .+}" in out
    assert re.search(r"in \d+,\d s\.", out)  # how long it took
    text = report.read_text(encoding="utf-8")
    assert '<html lang="nl">' in text and "<script" not in text
    assert "Content-Security-Policy" in text and "'unsafe-inline'" not in text
    assert '<ins><span class="vh">erbij: </span>nieuwe</ins>' in text
    assert '<ins><span class="vh">erbij: </span>C &amp; .</ins>' in text  # escaped
    row = (
        '<td><ol class="answers"><li>Nee</li><li>Ja</li></ol></td>'
        '<td>a<br><span class="file">Uitkomst A</span></td>'
        '<td>c<br><span class="file">Uitkomst C</span></td>'
    )
    assert row in text.replace("\n", "")


def test_a_fixed_dead_end_is_a_route_that_now_ends_somewhere(tmp_path):
    """A version with a mistake check reports is compared all the same: exit 0."""
    labelled = {
        "start.md": page(
            "Welke kleur?",
            "options:\n  - label: Rood\n    labels: [rood]\n    next: keuze\n"
            "  - label: Blauw\n    next: keuze\n",
        ),
        "keuze.md": page("Verder", "next:\n  - when: rood\n    next: rood\n"),
        "rood.md": page("Rood gekozen"),
        "anders.md": page("Iets anders gekozen"),
    }
    old = write_tree(tmp_path / "oud", labelled)
    fixed = dict(labelled)
    fixed["keuze.md"] = page("Verder", "next:\n  - when: rood\n    next: rood\n  - next: anders\n")
    new = write_tree(tmp_path / "nieuw", fixed)
    checked = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "check", "--content", str(old)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 1 and "keuze.md" in checked.stderr  # the dead end, named
    found = as_json(old, new)
    assert found["routes"]["changed"] == [{"answers": ["Blauw"], "old": None, "new": "anders"}]
    assert found["old"]["errors"] >= 1 and found["new"]["errors"] == 0
    said = verschil(old, new).stdout
    assert "heeft 1 fout die check meldt" in said
    assert "was: nergens (het laatste antwoord loopt dood)" in said


def test_exit_codes(tmp_path):
    good = write_tree(tmp_path / "goed", OLD)
    broken = write_tree(tmp_path / "kapot", OLD, site="title: [niet gesloten\n")
    missing = tmp_path / "bestaat-niet"
    assert verschil(good).returncode == 2  # one folder: a wrong command
    assert "verschil heeft twee mappen nodig" in verschil(good).stderr
    assert verschil(good, good, "--onzin").returncode == 2
    done = verschil(good, missing)
    assert done.returncode == 1 and f"{missing}: fout: deze map bestaat niet" in done.stderr
    done = verschil(broken, good)
    assert done.returncode == 1
    assert "site.yml:1: fout:" in done.stderr and "is niet te vergelijken" in done.stderr
    assert "Traceback" not in done.stderr
    done = verschil(good, good, "--html", tmp_path / "geen-map" / "x.html")
    assert done.returncode == 1 and "kan de vergelijking niet schrijven" in done.stderr
    mine = tmp_path / "notitie.html"  # a file of the editor's: never overwritten
    mine.write_text("van mij", encoding="utf-8")
    done = verschil(good, good, "--html", mine)
    assert done.returncode == 1 and "bestaat al en is geen eerdere vergelijking" in done.stderr
    assert mine.read_text(encoding="utf-8") == "van mij"
    earlier = tmp_path / "verschil.html"  # an earlier comparison: written again
    assert verschil(good, good, "--html", earlier).returncode == 0
    assert verschil(good, good, "--html", earlier).returncode == 0


# --- MinBZK's own history: the figures of the README beside the versions ---------------

needs_history = pytest.mark.skipif(
    not HISTORY.is_dir(), reason=f"MinBZK's history is not at {HISTORY} (set BESLISBOOM_TREES)"
)


def imported(source: Path, folder: Path) -> Path:
    """Import one version of MinBZK's tree into a content folder."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "import", str(source), "--content", str(folder)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return folder


def original_ends(tree: Path) -> dict[tuple[str, ...], str]:
    """Where each route of the original ends, by an evaluation of its own conditions."""
    return {answers: f"conclusie-{end}" for answers, end, _ in original_routes(tree)}


@needs_history
@pytest.mark.slow
def test_minbzk_feedback_pair_by_its_routes(tmp_path):
    """#368 'Process userfeedback': 3,268 -> 3,140 routes; of the 3,076 in both, 1 ends
    elsewhere; 192 disappear, 64 are new (history/README.md)."""
    old_tree, new_tree = HISTORY / "2025-02-17-be1fcf4.yaml", HISTORY / "2025-02-24-736a38b.yaml"
    old = imported(old_tree, tmp_path / "oud")
    new = imported(new_tree, tmp_path / "nieuw")
    found = as_json(old, new)
    routes = found["routes"]
    assert (found["old"]["routes"], found["new"]["routes"]) == (3268, 3140)
    assert (len(routes["changed"]), len(routes["removed"]), len(routes["added"])) == (1, 192, 64)
    before, after = original_ends(old_tree), original_ends(new_tree)
    assert {(tuple(r["answers"]), r["old"], r["new"]) for r in routes["changed"]} == {
        (a, before[a], after[a]) for a in before.keys() & after.keys() if before[a] != after[a]
    }
    assert {(tuple(r["answers"]), r["old"]) for r in routes["removed"]} == {
        (a, before[a]) for a in before.keys() - after.keys()
    }
    assert {(tuple(r["answers"]), r["new"]) for r in routes["added"]} == {
        (a, after[a]) for a in after.keys() - before.keys()
    }
    assert found["seconds"] < 10  # both versions read, unfolded and followed


@needs_history
@pytest.mark.slow
def test_minbzk_omnibus_pair_changes_no_route_and_names_the_obligations(tmp_path):
    """#1033 'AI-omnibus': 121 changed lines, no route ends elsewhere; the changed
    obligations and explanations are named, each on its page."""
    import yaml

    old_tree, new_tree = HISTORY / "2026-01-06-9980571.yaml", HISTORY / "2026-08-04-fd421c2.yaml"
    found = as_json(imported(old_tree, tmp_path / "oud"), imported(new_tree, tmp_path / "nieuw"))
    assert found["routes"] == {"changed": [], "removed": [], "added": []}
    assert found["old"]["routes"] == found["new"]["routes"] == 3140
    old_data, new_data = (
        yaml.safe_load(t.read_text(encoding="utf-8")) for t in (old_tree, new_tree)
    )
    expected = set()
    for kind, key, name, field in (
        ("conclusions", "conclusionId", "conclusie", "obligation"),
        ("questions", "questionId", "vraag", "explanation"),
    ):
        before = {str(item[key]): item for item in old_data[kind]}
        for item in new_data[kind]:
            if before[str(item[key])].get(field) != item.get(field):
                expected.add(f"{name}-{item[key]}")
    assert len(expected) == 21  # 19 obligations, 2 explanations
    changed = {c["page"]: c for c in found["pages"]["changed"]}
    assert set(changed) == expected
    assert found["pages"]["added"] == found["pages"]["removed"] == found["pages"]["renamed"] == []
    for name in expected:  # what changed is the text, and only the text
        assert set(changed[name]) == {"page", "file", "text"}, changed[name]


def test_the_page_for_sign_off_is_accessible(tmp_path, browser, axe_source):
    """axe at 1280 and 320 px, light and dark; nothing scrolls sideways, nothing loads."""
    from helpers import axe_violations

    old = write_tree(tmp_path / "oud", OLD)
    new_files = dict(OLD, **{"zeker.md": OLD["zeker.md"].replace("next: a", "next: c")})
    new_files["c.md"] = page("Uitkomst C", body="Dit is de nieuwe uitkomst C.\n")
    del new_files["weg.md"]
    new = write_tree(tmp_path / "nieuw", new_files)
    report = tmp_path / "verschil.html"
    assert verschil(old, new, "--html", report).returncode == 0
    failures = []
    for scheme in ("light", "dark"):
        for width in (1280, 320):
            context = browser.new_context(
                viewport={"width": width, "height": 800}, color_scheme=scheme
            )
            tab = context.new_page()
            requests: list[str] = []
            tab.on("request", lambda r, seen=requests: seen.append(r.url))
            tab.goto(report.as_uri())
            failures += [f"{scheme} {width}: {v}" for v in axe_violations(tab, axe_source)]
            wide = tab.evaluate("document.documentElement.scrollWidth - innerWidth")
            if wide > 0:
                failures.append(f"{scheme} {width}: scrolls sideways by {wide} px")
            failures += [f"loads {url}" for url in requests if url != report.as_uri()]
            context.close()
    assert failures == []
