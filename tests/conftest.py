"""Shared fixtures: tiny content trees written into tmp_path, and the real project."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from beslisboom.pipeline import Project, check, format_problem

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

SITE_YML = "title: Testboom\nstart: start\n"


def project_for(content: Path) -> Project:
    """Point a build at a content folder with the project's own templates and assets."""
    return Project(content=content, templates=ROOT / "templates", assets=ROOT / "assets")


def messages(content: Path) -> list[str]:
    """Run every check on a content folder and return the formatted problems."""
    return [format_problem(p) for p in check(project_for(content)).problems]


@pytest.fixture
def make_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Return a function that writes {relative path: text} under tmp_path/content."""
    monkeypatch.chdir(tmp_path)

    def make(files: dict[str, str | bytes], site: str | None = SITE_YML) -> Path:
        return write_content(tmp_path / "content", files, site)

    return make


def write_content(
    content: Path, files: dict[str, str | bytes], site: str | None = SITE_YML
) -> Path:
    """Write site.yml (unless None) and {relative path: text or bytes} into a content folder."""
    content.mkdir(parents=True, exist_ok=True)
    if site is not None:
        (content / "site.yml").write_text(site, encoding="utf-8")
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return content


def page(title: str, extra: str = "", body: str = "") -> str:
    """Write a node file: front matter with a title and extra lines, then the body."""
    return f"---\ntitle: {title}\n{extra}---\n{body}"


# --- Real browser (Chromium through Playwright) -------------------------------------------

REQUIRE_BROWSER = os.environ.get("BESLISBOOM_REQUIRE_BROWSER") == "1"
NODE_MODULES = ROOT / "node_modules"
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


def missing(reason: str) -> None:
    """Skip a browser test on a machine without the tools; fail in CI."""
    if REQUIRE_BROWSER:
        pytest.fail(f"{reason} (BESLISBOOM_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Launch Debian's Chromium once per test session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        missing("chromium is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """Return the text of axe-core from node_modules."""
    path = NODE_MODULES / "axe-core" / "axe.min.js"
    if not path.is_file():
        missing("axe-core is not installed (run npm ci)")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    """Return the W3C Nu checker's jar, with Java to run it."""
    path = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not path.is_file() or not shutil.which("java"):
        missing("the Nu checker needs vnu-jar (npm ci) and java")
    return path


def nu_errors(vnu_jar: Path, files: list[Path], css: bool = False) -> list[str]:
    """Check files with the W3C Nu checker; list its errors as 'file:line: message'."""
    also = ["--also-check-css"] if css else []
    done = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--format", "json", "--stdout", *also, *map(str, files)],
        capture_output=True,
        text=True,
    )
    return [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(done.stdout)["messages"]
        if m["type"] == "error"
    ]


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Name the folder that receives screenshots: $BESLISBOOM_SCREENSHOTS or a temp folder."""
    chosen = os.environ.get("BESLISBOOM_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    SCREENSHOTS.append(folder)
    return folder


SCREENSHOTS: list[Path] = []


BROWSER_FIXTURES = {"browser", "axe_source", "vnu_jar"}  # Chromium, axe-core, the Nu checker


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs a browser or the Nu checker 'browser', by its fixtures:
    pytest -m "not slow and not browser" is the quick loop."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter) -> None:
    """Say where the screenshots went, so anyone can look at them."""
    for folder in SCREENSHOTS:
        terminalreporter.write_line(f"screenshots: {folder}")


@contextmanager
def serve_folder(folder: Path):
    """Serve a folder over HTTP on 127.0.0.1 in a daemon thread; yield the base URL."""
    handler = partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without logging every request to the test output."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def eventually(condition: Callable[[], object], what: str, deadline: float = 15) -> object:
    """Poll a condition until it holds, or fail after the deadline (no fixed sleeps)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            found = condition()
        except Exception:  # noqa: BLE001 - a page may be between two states right now
            found = None
        if found:
            return found
        time.sleep(0.05)
    pytest.fail(f"waited {deadline} s for {what}")


def unwritable(folder: Path) -> None:
    """Make a folder unwritable, even for root (chattr +i), as a shared drive's folder or
    a folder without permission is."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    else:
        folder.chmod(0o555)


def writable(top: Path) -> None:
    """Make every folder below top writable again."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-R", "-i", str(top)], check=True)
        return
    for root, dirs, _files in os.walk(top):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)


@pytest.fixture
def lock_down(tmp_path: Path):
    """Give unwritable(); every folder is writable again after the test."""
    yield unwritable
    writable(tmp_path)
