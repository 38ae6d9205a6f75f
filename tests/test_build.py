"""The build command: exit codes, output folder, atomic publish, repeatability."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from beslisboom.cli import main
from conftest import ROOT, page
from helpers import SMALL, snapshot
from htmlcheck import broken_references, read_pages

CONTACT_SITE = (
    "title: Kleine boom\nstart: start\ncontact:\n  heading: Bel ons\n  people:\n"
    "    - name: Piet\n      phone: 06 12 34 56 78\n  email: boom@example.nl\n"
)


def build(content: Path, out: Path, *extra: str) -> int:
    """Run the build command in-process."""
    return main(["build", "--content", str(content), "--out", str(out), *extra])


def test_build_writes_one_page_per_node(make_tree, tmp_path, capsys):
    content = make_tree(SMALL, site=CONTACT_SITE)
    assert build(content, tmp_path / "dist") == 0
    assert sorted(snapshot(tmp_path / "dist")) == [
        ".beslisboom-site",  # the list of what the build wrote (write.MANIFEST)
        "assets/antwoorden.js",
        "assets/boom.js",
        "assets/favicon.svg",
        "assets/style.css",
        "assets/teksten.js",
        "cafe-een.html",
        "con-pagina.html",
        "einde.html",
        "index.html",
        "kleine-boom.html",
        "overzicht.html",
        "versie.json",  # which version this is, for programs (render.version_file)
        "vraag.html",
    ]
    files = snapshot(tmp_path / "dist")
    size = sum(len(b) for name, b in files.items() if name != ".beslisboom-site") / 1024
    single = len(files["kleine-boom.html"]) / 1024
    assert capsys.readouterr().out == (
        f"Klaar: 6 pagina's ({size:.0f} KB) geschreven naar dist/\n"
        f"Eén bestand voor Connect, e-mail en USB-stick: dist/kleine-boom.html ({single:.0f} KB)\n"
    )


def test_every_reference_resolves_inside_the_site(make_tree, tmp_path):
    content = make_tree(SMALL, site=CONTACT_SITE)
    build(content, tmp_path / "dist")
    assert broken_references(tmp_path / "dist") == []


def test_two_builds_are_byte_identical(make_tree, tmp_path):
    content = make_tree(SMALL, site=CONTACT_SITE)
    build(content, tmp_path / "a")
    build(content, tmp_path / "b")
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_failed_build_leaves_previous_output_untouched(make_tree, tmp_path, capsys):
    content = make_tree(SMALL)
    out = tmp_path / "dist"
    assert build(content, out) == 0
    before = snapshot(out)
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    (content / "vraag.md").write_text(page("Kapot", "next: nergens\n"), encoding="utf-8")
    capsys.readouterr()
    assert build(content, out) == 1
    err = capsys.readouterr().err
    assert "content/vraag.md:3: fout: next verwijst naar 'nergens'" in err
    assert err.endswith("Er is niets geschreven; dist is ongewijzigd.\n")
    assert snapshot(out) == before
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == mtimes
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dist.lock", "content", "dist"]


def test_interrupted_write_leaves_previous_output_and_no_debris(make_tree, tmp_path, monkeypatch):
    from beslisboom import write

    content = make_tree(SMALL)
    out = tmp_path / "dist"
    build(content, out)
    before = snapshot(out)
    (content / "einde.md").write_text(page("Anders"), encoding="utf-8")

    def fail_halfway(work: Path, current: Path, files, linkable) -> None:
        (work / "index.html").write_bytes(b"half")
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(write, "fill", fail_halfway)
        assert build(content, out) == 130  # Ctrl-C: a Dutch line, no traceback
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dist.lock", "content", "dist"]
    assert build(content, out) == 0
    assert snapshot(out) == clean_build(content, tmp_path / "schoon")


def clean_build(content: Path, out: Path) -> dict[str, bytes]:
    """Build into a folder that has never held a site, and read what it holds."""
    assert not out.exists()
    assert build(content, out) == 0
    return snapshot(out)


def test_unchanged_files_are_linked_and_changed_ones_replaced_never_written_through(
    make_tree, tmp_path
):
    content = make_tree(SMALL)
    out = tmp_path / "dist"
    assert build(content, out) == 0
    backup = tmp_path / "backup"  # as `cp -al dist backup` makes it
    for path in sorted(out.rglob("*")):
        target = backup / path.relative_to(out)
        if path.is_dir():
            target.mkdir(parents=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
    kept = snapshot(backup)
    inodes = {name: (out / name).stat().st_ino for name in kept}
    (content / "con.md").unlink()
    (content / "vraag.md").write_text(
        page("Ja?", "step: 1\noptions:\n  - label: Ja\n    next: café-één\n"), encoding="utf-8"
    )
    for number in range(3):
        assert build(content, out) == 0
        assert snapshot(out) == clean_build(content, tmp_path / f"schoon-{number}")
    assert snapshot(backup) == kept
    assert not (out / "con-pagina.html").exists()
    assert (out / "assets/style.css").stat().st_ino == inodes["assets/style.css"]  # linked
    assert (out / "vraag.html").stat().st_ino != inodes["vraag.html"]  # changed: a new file
    assert sorted(p.name for p in tmp_path.iterdir() if "schoon" not in p.name) == [
        ".dist.lock",
        "backup",
        "content",
        "dist",
    ]


def test_a_link_inside_the_site_is_replaced_not_followed(make_tree, tmp_path):
    content = make_tree(SMALL)
    out = tmp_path / "dist"
    assert build(content, out) == 0
    elsewhere = tmp_path / "elders.html"
    elsewhere.write_bytes((out / "index.html").read_bytes())
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(elsewhere)
    assets = tmp_path / "elders-assets"
    (out / "assets").rename(assets)
    (out / "assets").symlink_to(assets)
    before = snapshot(assets)
    assert build(content, out) == 0
    assert not (out / "index.html").is_symlink() and not (out / "assets").is_symlink()
    assert os.stat(out / "index.html").st_ino != os.stat(elsewhere).st_ino
    assert snapshot(assets) == before
    assert snapshot(out) == clean_build(content, tmp_path / "schoon")


def test_debris_of_a_killed_build_is_cleared(make_tree, tmp_path):
    content = make_tree(SMALL)
    (tmp_path / ".dist.nieuw").mkdir()
    (tmp_path / ".dist.nieuw" / ".beslisboom-site").write_text("# bezig\n")
    (tmp_path / ".dist.nieuw" / "index.html").write_text("half")
    assert build(content, tmp_path / "dist") == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dist.lock", "content", "dist"]


def test_a_folder_of_someone_else_with_the_work_folders_name_is_kept(make_tree, tmp_path, capsys):
    content = make_tree(SMALL)
    (tmp_path / ".dist.nieuw").mkdir()
    (tmp_path / ".dist.nieuw" / "notities.txt").write_text("van iemand")
    assert build(content, tmp_path / "dist") == 1
    assert (tmp_path / ".dist.nieuw" / "notities.txt").read_text() == "van iemand"
    assert "naast de uitvoermap staat .dist.nieuw, die deze build niet heeft gemaakt" in (
        capsys.readouterr().err
    )


def test_a_build_stopped_between_its_two_renames_is_repaired(make_tree, tmp_path):
    content = make_tree(SMALL)
    out = tmp_path / "dist"
    assert build(content, out) == 0
    site = snapshot(out)
    out.rename(tmp_path / ".dist.oud")  # the first rename happened, the second did not
    assert build(content, out) == 0
    assert snapshot(out) == site
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dist.lock", "content", "dist"]


def test_check_writes_nothing(make_tree, tmp_path, capsys):
    content = make_tree(SMALL)
    assert main(["check", "--content", str(content), "--out", str(tmp_path / "dist")]) == 0
    # the same count as the build's "Klaar: 6 pagina's" and the preview's "Bijgewerkt"
    assert capsys.readouterr().out == "Geen fouten: 6 pagina's gecontroleerd.\n"
    assert not (tmp_path / "dist").exists()


def test_check_reports_errors_with_exit_1(make_tree, capsys):
    content = make_tree({"start.md": page("Start", "next: weg\n")})
    assert main(["check", "--content", str(content)]) == 1
    assert capsys.readouterr().err == (
        "content/start.md:3: fout: next verwijst naar 'weg', die niet bestaat; gebruik de "
        "bestandsnaam van een pagina zonder .md\n1 fout gevonden.\n"
    )


def test_warnings_fail_only_with_strict(make_tree, capsys):
    content = make_tree({"start.md": page("Start"), "los.md": page("Los")})
    assert main(["check", "--content", str(content)]) == 0
    assert main(["check", "--strict", "--content", str(content)]) == 1
    assert capsys.readouterr().err.endswith(
        "1 waarschuwing gevonden.\nMet --strict tellen waarschuwingen als fouten.\n"
    )


WRONG_USAGE = {
    "publiceer": (
        "onbekende opdracht 'publiceer'; kies build, check, serve, nieuw, import of verschil"
    ),
    "--onbekend": "onbekend: --onbekend; zie python build.py --help",
    "build extra": "onbekend: extra; zie python build.py --help",
    "serve --port acht": "--port moet een getal zijn, zoals --port 8001",
    "build --out": "--out heeft een waarde nodig, zoals --out dist",
    "--content bestaat-niet": (
        "de map bestaat-niet bestaat niet; geef met --content de map met site.yml en de pagina's"
    ),
}
ENGLISH = ("usage", "error", "invalid", "expected", "unrecognized", "argument", "choose")


@pytest.mark.parametrize("argv, message", WRONG_USAGE.items(), ids=WRONG_USAGE.keys())
def test_wrong_usage_exits_2_with_a_dutch_message(make_tree, argv, message, capsys):
    make_tree(SMALL)
    with pytest.raises(SystemExit) as stop:
        main(argv.split())
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("gebruik: python build.py [--content MAP] [--out MAP]")
    assert err.endswith(f"python build.py: fout: {message}\n")
    assert not any(word in err.lower() for word in ENGLISH)


def test_output_that_would_destroy_content_is_refused(make_tree, tmp_path, capsys):
    content = make_tree(SMALL)
    (tmp_path / "papieren").mkdir()
    (tmp_path / "papieren" / "brief.txt").write_text("belangrijk")
    for out in (content, tmp_path):
        with pytest.raises(SystemExit) as stop:
            build(content, out)
        assert stop.value.code == 2
    assert build(content, tmp_path / "papieren") == 1  # a folder of others: refused
    assert (tmp_path / "papieren" / "brief.txt").read_text() == "belangrijk"
    assert "kies" in capsys.readouterr().err


def test_help_explains_each_command_in_dutch(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    text = capsys.readouterr().out
    for words in ("build", "check", "--content", "--out", "--strict", "schrijf niets"):
        assert words in text
    assert text.startswith("gebruik: python build.py") and "\nopties:\n" in text
    assert not any(word in text.lower() for word in ("usage", "options", "positional"))


def test_build_py_runs_as_a_command(make_tree, tmp_path):
    content = make_tree(SMALL)
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--content",
            str(content),
            "--out",
            str(tmp_path / "uit"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "uit" / "index.html").is_file()


def test_pages_carry_navigation_and_contact(make_tree, tmp_path):
    build(make_tree(SMALL, site=CONTACT_SITE), tmp_path / "dist")
    pages = read_pages(tmp_path / "dist")
    vraag, ja, einde = pages["vraag.html"], pages["cafe-een.html"], pages["einde.html"]
    assert "Stap 1 van 1" in vraag.main_text
    assert ("cafe-een.html", "a", True) in vraag.refs
    assert "Nee Dan stopt het hier." in vraag.main_text
    assert ("vraag.html", "a", False) in ja.refs  # the back link, outside <main>
    assert ("tel:+31612345678", "a", True) in einde.refs
    assert ("mailto:boom@example.nl", "a", True) in einde.refs
    assert "Opnieuw beginnen" in einde.text and "Opnieuw beginnen" not in pages["index.html"].text
    assert "<em>tekst</em>" in (tmp_path / "dist" / "cafe-een.html").read_text(encoding="utf-8")
    for name, found in pages.items():
        assert found.html_lang == "nl"
        assert found.tags.count("main") == 1 and found.tags.count("h1") == 1, name
    assert len({p.title for p in pages.values()}) == len(pages)


def test_links_that_leave_the_site_say_so(make_tree, tmp_path):
    body = "Zie [de wet](https://wetten.overheid.nl/), [mail](mailto:a@b.nl) of [bel](tel:+3170).\n"
    content = make_tree({"start.md": page("Start", body=body)})
    build(content, tmp_path / "dist")
    html = (tmp_path / "dist" / "index.html").read_text(encoding="utf-8")
    assert (
        '<a href="https://wetten.overheid.nl/" rel="external">de wet<span '
        'class="visually-hidden"> (externe website)</span></a>'
    ) in html
    assert 'mail<span class="visually-hidden"> (opent je e-mailprogramma)</span></a>' in html
    assert 'bel<span class="visually-hidden"> (bellen)</span></a>' in html


def test_without_the_projects_environment_the_command_says_how_to_set_it_up(tmp_path):
    # -S: no site-packages, as with a Python that has none of the project's libraries
    done = subprocess.run(
        [sys.executable, "-S", str(ROOT / "build.py"), "check"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("De build mist een onderdeel (")
    assert ".venv/bin/pip install -e ." in done.stderr and "Traceback" not in done.stderr


def test_an_unreachable_draft_is_warned_about_but_not_published(make_tree, tmp_path, capsys):
    content = make_tree(
        {**SMALL, "concept.md": page("Nog niet af", "step: 8\nnext: einde\n", "Concepttekst.\n")}
    )
    assert build(content, tmp_path / "dist") == 0
    err = capsys.readouterr().err
    assert "content/concept.md:1: waarschuwing: pagina 'concept' is vanaf de start niet" in err
    files = snapshot(tmp_path / "dist")
    assert "concept.html" not in files
    assert (
        b"Concepttekst" not in files["testboom.html"]
        and b"Nog niet af" not in files["overzicht.html"]
    )
    assert b"Stap 1 van 1" in files["vraag.html"]  # the draft's step 8 does not count


def test_links_between_pages_in_the_text_work_in_both_editions(make_tree, tmp_path):
    body = "Lees eerst [de vraag](vraag.md) of [het einde](stappen/einde.md#boven).\n"
    content = make_tree({**SMALL, "start.md": page("Welkom", "next: vraag\n", body)})
    assert build(content, tmp_path / "dist") == 0
    files = snapshot(tmp_path / "dist")
    assert b'<a href="vraag.html">de vraag</a>' in files["index.html"]
    assert b'<a href="einde.html">het einde</a>' in files["index.html"]
    assert b'<a href="#vraag">de vraag</a>' in files["testboom.html"]
    assert b'<a href="#einde">het einde</a>' in files["testboom.html"]
    assert broken_references(tmp_path / "dist") == []


def test_a_text_link_to_a_page_that_does_not_exist_is_an_error(make_tree, capsys, tmp_path):
    body = "Zie [de vraag](vragen.md), niet `[dit](code.md)`.\n"
    content = make_tree({**SMALL, "start.md": page("Welkom", "next: vraag\n", body)})
    assert build(content, tmp_path / "dist") == 1
    assert (
        "content/start.md:5: fout: de link in de tekst naar vragen.md wijst naar een pagina die "
        "niet bestaat (bedoel je 'vraag'?); gebruik de bestandsnaam van een pagina, zoals "
        "[stap 3](3-rol.md)"
    ) in capsys.readouterr().err


def test_owner_and_date_from_site_yml_are_in_every_footer(make_tree, tmp_path):
    from beslisboom.pipeline import build as run_build
    from conftest import project_for

    content = make_tree(
        {
            "start.md": "---\ntitle: Start\nnext: einde\n---\n",
            "einde.md": "---\ntitle: Einde\n---\n",
        },
        site="title: Boom\nstart: start\nowner: Team Burgerzaken\nupdated: 2026-03-05\n",
    )
    result = run_build(project_for(content), tmp_path / "dist")
    assert not result.failed()
    footer = '<p class="owner">Beheer: Team Burgerzaken · Laatst bijgewerkt: 5 maart 2026</p>'
    for name in ("index.html", "einde.html", "overzicht.html", "boom.html"):
        assert footer in (tmp_path / "dist" / name).read_text(encoding="utf-8"), name


def test_the_accessibility_statement_is_linked_from_every_footer(make_tree, tmp_path):
    """A Dutch government site links to its accessibility statement from every page."""
    from beslisboom.pipeline import build as run_build
    from conftest import project_for

    address = "https://intranet.minjenv.local/toegankelijkheid?site=boom&taal=nl"
    content = make_tree(
        {
            "start.md": "---\ntitle: Start\nnext: einde\n---\n",
            "einde.md": "---\ntitle: Einde\n---\n",
        },
        site=f"title: Boom\nstart: start\naccessibility: {address}\n",
    )
    assert not run_build(project_for(content), tmp_path / "dist").failed()
    link = '<a href="https://intranet.minjenv.local/toegankelijkheid?site=boom&amp;taal=nl">'
    for name in ("index.html", "einde.html", "overzicht.html", "boom.html"):
        footer = (tmp_path / "dist" / name).read_text(encoding="utf-8").split("<footer")[-1]
        assert link + "Toegankelijkheidsverklaring</a>" in footer, name
    without = make_tree({"start.md": "---\ntitle: Start\n---\n"})
    assert not run_build(project_for(without), tmp_path / "zonder").failed()
    assert "Toegankelijkheid" not in (tmp_path / "zonder" / "index.html").read_text("utf-8")
