"""Bad input is refused or contained, with a Dutch message: never a hang or a traceback."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from beslisboom.messages import REASONS, reason
from beslisboom.pipeline import check, format_problem
from conftest import ROOT, page, project_for, write_content


def special_files(content: Path) -> None:
    """Put a link loop, a pipe, a device and a link that leaves content/ among the pages."""
    (content / "lus.md").symlink_to("lus.md")
    os.mkfifo(content / "pijp.md")
    (content / "nul.md").symlink_to("/dev/zero")
    elsewhere = content.parent / "elders.md"
    elsewhere.write_text(page("Geheim", body="Niet voor publicatie.\n"), encoding="utf-8")
    (content / "buiten.md").symlink_to(elsewhere)


def special_file_messages(content: Path) -> list[str]:
    """Check a tree with special files; return the messages."""
    special_files(content)
    return [format_problem(p) for p in check(project_for(content)).problems]


def test_special_files_are_refused_with_a_message(make_tree, tmp_path):
    content = make_tree({"start.md": page("Welkom")})
    found = special_file_messages(content)
    elsewhere = (tmp_path / "elders.md").resolve()
    assert found == [
        f"content/buiten.md: fout: dit is een koppeling naar {elsewhere}, buiten de map met de "
        "inhoud; de build publiceert alleen bestanden uit die map: kopieer het bestand hierheen",
        "content/lus.md: fout: kan het bestand niet lezen (koppelingen verwijzen in een kring "
        "naar elkaar)",
        "content/nul.md: fout: dit is een koppeling naar /dev/zero, buiten de map met de inhoud; "
        "de build publiceert alleen bestanden uit die map: kopieer het bestand hierheen",
        "content/pijp.md: fout: dit is geen gewoon bestand (maar bijvoorbeeld een apparaat of een "
        "pijp); zet hier een tekstbestand neer, of haal het weg",
    ]


def test_a_link_inside_content_is_read(make_tree):
    content = make_tree({"start.md": page("Welkom", "next: einde\n"), "echt.md": page("Klaar")})
    (content / "einde.md").symlink_to("echt.md")
    found = [format_problem(p) for p in check(project_for(content)).problems]
    assert found == [
        "content/echt.md:1: waarschuwing: pagina 'echt' is vanaf de start niet te bereiken; "
        "verwijs ernaar met 'next' of een optie, of verwijder het bestand"
    ]


def test_html_that_sends_the_reader_away_is_refused_at_its_line(make_tree):
    body = "Een zin.\n\n<META http-equiv='refresh' content='0; url=https://example.com'>\n"
    content = make_tree({"start.md": page("Welkom", body=body), "b.md": "---\ntitle: B\n---\n"})
    (content / "b.md").write_text(page("B", body='<base href="https://example.com/">\n'), "utf-8")
    found = [format_problem(p) for p in check(project_for(content)).problems]
    assert found == [
        "content/b.md:4: fout: de tekst bevat <base>: daarmee kan een pagina de lezer "
        "ongevraagd naar een andere pagina sturen; haal het weg en zet een gewone link in de tekst",
        "content/start.md:6: fout: de tekst bevat <meta>: daarmee kan een pagina de lezer "
        "ongevraagd naar een andere pagina sturen; haal het weg en zet een gewone link in de tekst",
    ]


NASTY = "<!--<script>&\u2028\u2029</script>"


def test_script_data_cannot_break_out_of_its_script(make_tree, tmp_path):
    options = f"options:\n  - label: '{NASTY}'\n    next: einde\n"
    content = make_tree({"start.md": page("Welkom", options), "einde.md": page("Klaar")})
    out = tmp_path / "dist"
    from beslisboom.cli import main

    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    single = (out / "testboom.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", single, re.DOTALL)
    assert len(scripts) == 1  # the label did not end the script early
    data = scripts[0].split("window.BESLISBOOM=", 1)[1].split(";\n", 1)[0]
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in data
    assert json.loads(data)["nodes"]["begin"]["o"][0][0] == NASTY
    route = (out / "assets" / "boom.js").read_text(encoding="utf-8")
    assert NASTY not in route and "\\u003c!--\\u003cscript\\u003e" in route


def test_a_terminal_without_utf8_gets_no_traceback(make_tree, tmp_path):
    content = make_tree({"start.md": page("Één vraag", "next: einde\n"), "einde.md": page("Klaar")})
    environment = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"}
    environment.pop("PYTHONIOENCODING", None)
    for command in (["build", "--out", str(tmp_path / "dist")], ["check"]):
        done = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), *command, "--content", str(content)],
            env=environment,
            capture_output=True,
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr
        assert b"Traceback" not in done.stderr
    (content / "einde.md").write_text("---\ntitle: [Één\n---\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "check", "--content", str(content)],
        env=environment,
        capture_output=True,
        cwd=tmp_path,
    )
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert b"einde.md:2: fout: ongeldige YAML" in done.stderr


def size_messages(content: Path) -> list[str]:
    """Check a tree whose one long page passes both limits; return the messages."""
    site = "title: Testboom\nstart: start\nlimits:\n  page_kb: 20\n  single_mb: 1\n"
    long_text = "Een zin die steeds terugkomt. " * 40000  # 1.2 MB
    pages = {"start.md": page("Welkom", "next: einde\n"), "einde.md": page("Klaar", body=long_text)}
    write_content(content, pages, site)
    return [format_problem(p) for p in check(project_for(content)).problems]


def limit_messages(content: Path) -> list[str]:
    """Check a tree whose limits are no whole numbers; return the messages."""
    site = "title: Testboom\nstart: start\nlimits:\n  page_kb: veel\n  single_mb: 0\n"
    write_content(content, {"start.md": page("Welkom")}, site)
    return [format_problem(p) for p in check(project_for(content)).problems]


def test_pages_and_the_single_file_past_the_limits_are_warned_about(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    found = size_messages(tmp_path / "content")
    assert found == [
        "content/einde.md:1: waarschuwing: de pagina einde.html wordt 1173 KB, meer dan de 20 KB "
        "die site.yml toestaat (limits: page_kb); maak de tekst korter of verdeel hem over meer "
        "pagina's",
        "content/site.yml:3: waarschuwing: de pagina overzicht.html wordt 1176 KB, meer dan de "
        "20 KB die site.yml toestaat (limits: page_kb); maak de tekst korter of verdeel hem over "
        "meer pagina's",
        "content/site.yml:3: waarschuwing: het ene bestand testboom.html wordt 1,2 MB, meer dan "
        "de 1 MB die site.yml toestaat (limits: single_mb); veel mailsystemen weigeren bijlagen "
        "vanaf 10 tot 25 MB: maak de teksten korter of deel het bestand via een map",
    ]


def test_limits_must_be_whole_numbers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    found = limit_messages(tmp_path / "content")
    assert found == [
        "content/site.yml:4: fout: 'page_kb' moet een heel getal vanaf 1 zijn, zoals 'page_kb: 10'",
        "content/site.yml:5: fout: 'single_mb' moet een heel getal vanaf 1 zijn, zoals "
        "'single_mb: 10'",
    ]


def test_the_system_s_reasons_are_said_in_dutch():
    assert reason(PermissionError(errno.EACCES, "Permission denied")) == "geen toestemming"
    assert reason(OSError(errno.ENOSPC, "No space left on device")) == "de schijf is vol"
    assert reason(RuntimeError("Symlink loop from '/x'")) == reason(OSError(errno.ELOOP, "loop"))
    assert reason(OSError(errno.EPROTO, "Protocol error")) == "Protocol error"  # as it is said
    assert all(hasattr(errno, name) for name in REASONS)
