"""The live preview in real Chromium: edits show up by themselves, mistakes too, and it recovers."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Callable

import pytest

from conftest import ROOT, eventually, page

DEADLINE = 15  # seconds; the page usually follows a save within one


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable[[], object], what: str) -> object:
    """Poll until the preview shows what is expected."""
    return eventually(condition, what, DEADLINE)


@pytest.fixture
def preview(make_tree, tmp_path):
    """Start `python build.py serve` on a free port; stop it with Ctrl-C afterwards."""
    content = make_tree({"start.md": page("Welkom", "next: einde\n"), "einde.md": page("Klaar")})
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "serve",
            "--port",
            str(port),
            "--content",
            str(content),
            "--out",
            str(tmp_path / "dist"),
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    wait_for(lambda: urllib.request.urlopen(base, timeout=1).status == 200, "the preview to start")
    yield base, content, process
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


def test_preview_follows_edits_and_mistakes(preview, browser):
    base, content, process = preview
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(base)
    assert tab.locator("h1").text_content() == "Welkom"
    # livereload only reloads pages that run its script
    wait_for(lambda: tab.evaluate("typeof window.LiveReload !== 'undefined'"), "livereload.js")

    (content / "start.md").write_text(page("Welkom terug", "next: einde\n"), encoding="utf-8")
    wait_for(lambda: tab.locator("h1").text_content() == "Welkom terug", "the new title")

    (content / "start.md").write_text("---\ntitle: [Welkom\n---\n", encoding="utf-8")
    wait_for(lambda: "Fouten in de beslisboom" in tab.title(), "the problem page")
    problems = tab.locator(".problems li").all_text_contents()
    assert problems == [
        "content/start.md:2: fout: ongeldige YAML: een lijst tussen [ en ] "
        "wordt niet afgesloten met ]"
    ]

    (content / "start.md").write_text(page("Weer goed", "next: einde\n"), encoding="utf-8")
    wait_for(lambda: tab.locator("h1").text_content() == "Weer goed", "the page to come back")
    context.close()

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    output = process.stdout.read()
    assert "Preview: http://127.0.0.1:" in output and output.rstrip().endswith("Preview gestopt.")
    assert "Bijgewerkt: 3 pagina's in " in output  # as 'check' and 'build' count them
    assert "content/start.md:2: fout: ongeldige YAML" in output
    assert "Traceback" not in output


def test_preview_serves_the_built_bytes_but_for_the_reload_script(preview, tmp_path):
    base, _content, _process = preview
    served = urllib.request.urlopen(base + "einde.html").read()
    built = (tmp_path / "dist" / "einde.html").read_bytes()
    assert b"livereload.js" in served and b"livereload.js" not in built
    stripped = (
        served.split(b'<script type="text/javascript">(function(){')[0]
        + b"</head>"
        + (served.split(b"</script></head>", 1)[1])
    )
    assert stripped.replace(b" 'unsafe-inline'; connect-src 'self' ws: wss:;", b";") == built
