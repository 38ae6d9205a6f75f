"""The live preview in real Chromium: edits show up by themselves, mistakes too, and it recovers."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

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


def start_preview(content: Path, folder: Path, port: int, *options: str) -> subprocess.Popen:
    """Start `python build.py serve` in a folder, its output in folder/dist."""
    command = [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port), *options]
    command += ["--content", str(content), "--out", str(folder / "dist")]
    return subprocess.Popen(
        command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


@pytest.fixture
def preview(make_tree, tmp_path):
    """Start `python build.py serve` on a free port; stop it with Ctrl-C afterwards."""
    content = make_tree({"start.md": page("Welkom", "next: einde\n"), "einde.md": page("Klaar")})
    port = free_port()
    process = start_preview(content, tmp_path, port)
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
    # the preview's reload script marks the page once it is waiting for the next build
    wait_for(
        lambda: tab.evaluate("document.documentElement.dataset.preview === 'verbonden'"),
        "the reload script",
    )

    (content / "start.md").write_text(page("Welkom terug", "next: einde\n"), encoding="utf-8")
    wait_for(lambda: tab.locator("h1").text_content() == "Welkom terug", "the new title")

    (content / "start.md").write_text("---\ntitle: [Welkom\n---\n", encoding="utf-8")
    wait_for(lambda: "Fouten in de beslisboom" in tab.title(), "the problem page")
    problems = tab.locator(".problems li").all_text_contents()
    assert problems == [
        "content/start.md:2: fout: ongeldige YAML: een lijst tussen [ en ] "
        "wordt niet afgesloten met ]; is het tekst, zet die dan tussen aanhalingstekens, zoals "
        'title: "[Welkom"'
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
    version = urllib.request.urlopen(base + "__preview__/wacht?na=").read().split(b'"')[1]
    tag = b'<script src="/__preview__/herladen.js?versie=' + version + b'" defer></script>\n'
    assert served.count(tag) == 1 and tag not in built
    assert served.replace(tag, b"") == built  # the same content security policy, too
    script = urllib.request.urlopen(base + "__preview__/herladen.js")
    assert script.headers["Content-Type"] == "text/javascript; charset=utf-8"


def test_preview_shows_warnings_above_the_pages(preview, browser):
    base, content, _process = preview
    tab = browser.new_context().new_page()
    tab.goto(base)
    wait_for(
        lambda: tab.evaluate("document.documentElement.dataset.preview === 'verbonden'"),
        "the reload script",
    )
    assert tab.locator(".preview-warnings").count() == 0
    (content / "los.md").write_text(page("Niemand komt hier"), encoding="utf-8")
    wait_for(lambda: tab.locator(".preview-warnings").count() == 1, "the warning")
    assert tab.locator(".preview-warnings li").all_text_contents() == [
        "content/los.md:1: waarschuwing: pagina 'los' is vanaf de start niet te bereiken; "
        "verwijs ernaar met 'next' of een optie, of verwijder het bestand"
    ]
    (content / "los.md").unlink()
    wait_for(lambda: tab.locator(".preview-warnings").count() == 0, "the warning to go")
    tab.context.close()


def test_preview_answers_every_method(preview):
    base, _content, _process = preview
    assert urllib.request.urlopen(urllib.request.Request(base, method="HEAD")).status == 200
    for method in ("POST", "PUT", "DELETE", "OPTIONS", "PATCH"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(base, method=method, data=b""))
        assert refused.value.code == 405
        assert refused.value.read().decode() == "De preview toont alleen pagina's (GET en HEAD)."


def request(url: str, **headers: str) -> int:
    """Ask for a page with these headers; return the status."""
    try:
        return urllib.request.urlopen(urllib.request.Request(url, headers=headers)).status
    except urllib.error.HTTPError as error:
        return error.code


def test_preview_answers_only_requests_meant_for_it(preview):
    base, _content, _process = preview
    port = base.rsplit(":", 1)[1].strip("/")
    assert request(base) == 200
    assert request(base, Host=f"localhost:{port}") == 200
    assert request(base, Host=f"aanvaller.example:{port}") == 403  # DNS rebinding
    assert request(base, Origin=f"http://127.0.0.1:{port}") == 200
    assert request(base + "__preview__/wacht", Origin="http://aanvaller.example") == 403
    assert request(base + "__preview__/wacht", **{"Sec-Fetch-Site": "cross-site"}) == 403
    # a page of this computer on another port: Chromium calls it the same site, not origin
    assert request(base + "__preview__/wacht", **{"Sec-Fetch-Site": "same-site"}) == 403
    assert request(base, **{"Sec-Fetch-Site": "same-site"}) == 403
    assert request(base + "__preview__/wacht", **{"Sec-Fetch-Site": "same-origin"}) == 200
    assert request(base, **{"Sec-Fetch-Site": "none"}) == 200  # typed in the address bar
    headers = urllib.request.urlopen(base).headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Content-Security-Policy"] == "frame-ancestors 'none'"


def test_preview_warns_when_others_can_reach_it(make_tree, tmp_path):
    content = make_tree({"start.md": page("Welkom")})
    process = start_preview(content, tmp_path, free_port(), "--host", "0.0.0.0")
    try:
        first = process.stdout.readline()
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    assert first.startswith("Let op: met --host 0.0.0.0 kunnen ook andere computers de preview")


def test_a_page_on_another_port_can_neither_read_the_warnings_nor_frame_the_preview(
    preview, browser
):
    base, content, _process = preview
    (content / "los.md").write_text(page("Niemand komt hier"), encoding="utf-8")
    other = free_port()
    folder = content.parent / "ander"
    folder.mkdir()
    (folder / "index.html").write_text(
        f"""<!DOCTYPE html><html><body><iframe src="{base}"></iframe><script>
window.beslisboomPreview = function (v, w) {{ document.title = "gelezen: " + w.length; }};
var s = document.createElement("script");
s.src = "{base}__preview__/wacht";
s.onerror = function () {{ document.title = "geweigerd"; }};
document.body.appendChild(s);
</script></body></html>""",
        encoding="utf-8",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(other), "--bind", "127.0.0.1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: request(f"http://127.0.0.1:{other}/") == 200, "the other site")
        tab = browser.new_context().new_page()
        tab.goto(f"http://127.0.0.1:{other}/")
        wait_for(lambda: tab.title() == "geweigerd", "the preview to refuse the script")
        assert len(tab.frames) == 2
        assert tab.frames[1].url.startswith("chrome-error://")  # the frame was refused
        tab.context.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_browsers_that_leave_or_hang_are_normal(preview):
    base, _content, process = preview
    port = int(base.rsplit(":", 1)[1].strip("/"))
    hanging = []
    for _ in range(300):  # half-open: connected, nothing sent
        connection = socket.create_connection(("127.0.0.1", port))
        hanging.append(connection)
    assert request(base) == 200  # others are still answered
    for _ in range(25):  # a reader who leaves a page before it has arrived
        with socket.create_connection(("127.0.0.1", port)) as leaving:
            leaving.sendall(b"GET /einde.html HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port)
            leaving.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
    for connection in hanging:
        connection.close()
    assert request(base) == 200
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    output = process.stdout.read()
    assert "Traceback" not in output and "Error" not in output, output


BUGGY = """
import sys
sys.path.insert(0, {root!r})
from beslisboom import pipeline
from beslisboom.cli import main
real = pipeline.render_files
def render_files(site, *args, **kwargs):  # a bug of the build, where a page says so
    if any(node.title == "BUG" for node in site.nodes.values()):
        raise TypeError("a bug")
    return real(site, *args, **kwargs)
pipeline.render_files = render_files
sys.exit(main(sys.argv[1:]))
"""


def test_the_preview_outlives_a_bug_and_odd_input_and_says_so_in_dutch(
    make_tree, tmp_path, browser
):
    content = make_tree({"start.md": page("Welkom", "next: einde\n"), "einde.md": page("Klaar")})
    port = free_port()
    command = [sys.executable, "-c", BUGGY.format(root=str(ROOT)), "serve", "--port", str(port)]
    command += ["--content", str(content), "--out", str(tmp_path / "dist")]
    process = subprocess.Popen(
        command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: request(base) == 200, "the preview to start")
        tab = browser.new_context().new_page()
        tab.goto(base)
        site = "title: Testboom\nstart: start\n"
        many = " en ".join(f"l{n}" for n in range(500))
        mistakes = {
            "site.yml": (site + "updated: 2026-11-31\n", "content/site.yml:3: fout: 'updated'"),
            "start.md": (
                page("Welkom", f"next:\n  - when: {many}\n    next: einde\n  - next: einde\n"),
                "content/start.md:4: fout: de voorwaarde",
            ),
            "einde.md": (page("BUG"), "de build liep vast door een fout in de build zelf"),
        }
        for name, (text, said) in mistakes.items():
            good = (content / name).read_text(encoding="utf-8")
            (content / name).write_text(text, encoding="utf-8")
            wait_for(lambda: "Fouten in de beslisboom" in tab.title(), f"the problem of {name}")
            shown = " ".join(tab.locator(".problems li").all_text_contents())
            assert said in shown, shown
            (content / name).write_text(good, encoding="utf-8")
            wait_for(lambda: tab.locator("h1").text_content() == "Welkom", f"{name} mended")
        tab.context.close()
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    output = process.stdout.read()
    assert "Traceback" not in output and "TypeError: a bug" not in output
    assert "(TypeError), niet door de inhoud" in output


@pytest.mark.parametrize("port", ["99999", "0", "-1"])
def test_a_port_out_of_range_is_refused_in_dutch(make_tree, port):
    content = make_tree({"start.md": page("Welkom")})
    command = [sys.executable, str(ROOT / "build.py"), "serve", "--port", port]
    done = subprocess.run([*command, "--content", str(content)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.endswith(
        "python build.py: fout: --port moet een getal van 1 tot en met 65535 zijn, zoals "
        "--port 8001\n"
    )


def test_a_build_that_ends_before_the_reload_script_first_asks_still_reloads(preview, browser):
    base, content, _process = preview
    tab = browser.new_context().new_page()
    held: list = []

    def first_waits(route) -> None:  # the script's first question waits; the rest go on
        if held:
            route.continue_()
        else:
            held.append(route)

    tab.route("**/__preview__/wacht*", first_waits)
    tab.goto(base)
    wait_for(lambda: tab.evaluate("1") and held, "the reload script's first question")
    (content / "start.md").write_text(page("Eerder klaar", "next: einde\n"), encoding="utf-8")
    wait_for(lambda: b"Eerder klaar" in urllib.request.urlopen(base).read(), "the new build")
    held[0].continue_()  # only now does the script learn the version: it is not the page's
    wait_for(lambda: tab.locator("h1").text_content() == "Eerder klaar", "the page to reload")
    tab.context.close()


def test_the_watcher_s_first_build_says_nothing_that_was_said(make_tree, tmp_path, capsys):
    from beslisboom.serve import Preview
    from conftest import project_for

    content = make_tree({"start.md": page("Welkom", "next: nergens\n")})
    preview = Preview(project_for(content), tmp_path / "dist")
    assert preview.rebuild() is False  # the build at the start
    assert preview.rebuild(again=True) is False  # the watcher's, once it is watching
    said = capsys.readouterr().err
    assert said.count("content/start.md:3: fout: next verwijst naar 'nergens'") == 1, said
    (content / "start.md").write_text(page("Welkom", "next: ergens\n"), encoding="utf-8")
    assert preview.rebuild(again=True) is False  # something changed: it is said
    assert "next verwijst naar 'ergens'" in capsys.readouterr().err


def test_a_bug_while_publishing_is_said_in_dutch_and_the_preview_goes_on(
    make_tree, tmp_path, monkeypatch, capsys
):
    from beslisboom import serve
    from conftest import project_for

    content = make_tree({"start.md": page("Welkom")})
    preview = serve.Preview(project_for(content), tmp_path / "dist")
    assert preview.rebuild() is True

    def broken(*_args, **_kwargs):
        raise TypeError("a bug")

    monkeypatch.setattr(serve, "publish_site", broken)
    assert preview.publish() is False
    assert capsys.readouterr().err.startswith(
        "dist: fout: de build liep vast door een fout in de build zelf (TypeError), niet door "
        "de inhoud"
    )
    assert preview.problems  # shown in the browser until the next good build
