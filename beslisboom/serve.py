"""The live preview: build, serve on 127.0.0.1, rebuild on every save, reload the browser.

Every save runs the same pipeline as `python build.py`, with a Memo, so only what the
edit changed is done again. Saves are noticed through the operating system's file events
(watchfiles). Pages are served from memory, from the last good build; dist/ is published
from the same files as soon as the editor pauses (PAUSE without a new build). While the
content has mistakes, every page shows them, with file and line, until they are mended.

The preview is for one editor on one machine. It answers only requests addressed to
itself (the Host header; a page of another site cannot reach it through DNS rebinding)
and serves the built pages as they are, with one addition: a same-origin script that
waits for the next build and reloads the page. The pages' content security policy is not
loosened, so a script an editor wrote is blocked in the preview as it is on the site.
"""

from __future__ import annotations

import html
import ipaddress
import json
import mimetypes
import signal
import socket
import string
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .load import shown
from .memo import Memo
from .messages import reason, say
from .model import Problem
from .output import FileData, parts
from .parallel import jobs_available
from .pipeline import (
    Project,
    Result,
    build,
    format_problem,
    origin,
    publish_site,
    recovered,
)
from .routedata import script_safe
from .sources import Sources

STEP_MS = 20  # after a file event, wait this long for more before rebuilding
TICK_MS = 200  # how often the watcher looks up from waiting, to notice it must stop
PAUSE = 0.4  # seconds without a new build before the output folder is written
HOLD = 25  # seconds a browser's question "anything new?" is held before the answer "no"
RELOAD = "/__preview__/herladen.js"
WAIT = "/__preview__/wacht"


def with_reload(page: bytes, version: int) -> bytes:
    """Add the reload script to the <head> of a page served at this version."""
    tag = f'<script src="{RELOAD}?versie={version}" defer></script>\n</head>'.encode()
    return page.replace(b"</head>", tag, 1)


PREVIEW = Path(__file__).resolve().parent / "preview"  # the preview's own script and page
RELOAD_SCRIPT = (PREVIEW / "herladen.js").read_bytes().replace(b"WAIT", WAIT.encode())
PAGE = string.Template((PREVIEW / "pagina.html").read_text(encoding="utf-8"))

Answer = tuple[str, str, tuple[bytes, ...]]  # status, content type, body in parts


class Preview:
    """Keep the last good site and the current problems; answer the browser from them."""

    def __init__(
        self, project: Project, out: Path, hosts: set[str] | None = None, replace: bool = False
    ) -> None:
        self.project = project
        self.out = out
        self.replace = replace  # --vervang: out may hold a site of another content folder
        self.hosts = hosts or set()  # the Host headers the preview answers; empty: any
        self.memo = Memo()
        # the files as last read (see read_sources): one tree's, or each tree's of several
        self.sources: Sources | tuple[Sources, ...] | None = None
        self.files: dict[str, FileData] = {}
        self.problems: list[str] = []  # the errors that keep the last build from being shown
        self.warnings: list[str] = []  # shown above every page, until they are mended
        self.printed: list[str] = []  # the messages last printed in the editor's window
        self.version = 0  # counts the changes a browser should see
        self.changed = threading.Condition()
        self.unpublished = False  # the output folder does not yet hold what is served
        self.shown_at = 0.0  # when the last change was shown

    def rebuild(self, jobs: int = 1, again: bool = False, changed: set[Path] | None = None) -> bool:
        """Build again, print what is wrong, and keep the result when it is good.

        The output folder follows in publish(), once the editor pauses: writing it takes
        longer than the build, and the browser need not wait for it. again: a build to be
        sure of what was already built, which says nothing if nothing changed. changed:
        the paths the watcher saw change since the last build; only those are read again
        (None: every file).
        """
        version, printed = self.version, self.printed
        started = time.perf_counter()
        try:
            result = build(
                self.project,
                None,
                self.memo,
                jobs,
                self.show,
                earlier=self.sources,
                changed=changed,
                keep_sources=True,
            )
            self.sources = result.sources
        except Exception as bug:  # a bug of the build itself: say so, and keep watching
            self.memo, self.sources = Memo(), None  # what they hold may be half done
            return self.report([engine_failure(self.project.content, bug)], started, "")
        if not result.failed():
            self.warn([format_problem(p) for p in result.problems])
        if (
            again
            and self.version == version
            and printed == [format_problem(p) for p in result.problems]
        ):
            return not result.failed()  # the same site and the same messages: said already
        return self.report(result.problems, started, result.pages_said())

    def publish(self) -> bool:
        """Write what is served to the output folder, if it is not there yet."""
        if not self.unpublished:
            return True
        self.unpublished = False
        try:
            built_from = origin(self.project, self.out)
            problems, _ = publish_site(self.out, self.files, built_from, self.replace)
        except Exception as bug:  # a bug of the build itself: say so, and keep publishing
            problems = [engine_failure(self.out, bug)]
        return not problems or self.report(problems, None, "")

    def publish_when_quiet(self, stop: threading.Event) -> None:
        """Keep the output folder up to date, writing it when the editor pauses (a thread
        of its own, so that a save is never kept waiting for the disk)."""
        while not stop.wait(PAUSE / 4):
            if self.unpublished and time.monotonic() - self.shown_at >= PAUSE:
                self.publish()

    def report(self, problems: list[Problem], started: float | None, pages: str) -> bool:
        """Print the problems, and show them in the browser until they are mended."""
        lines = [format_problem(p) for p in problems]
        self.printed = lines
        for line in lines:
            print(line, file=sys.stderr)
        if any(p.is_error for p in problems):
            if self.problems != lines:
                self.problems = lines
                self.bump()
            count = "1 probleem" if len(lines) == 1 else f"{len(lines)} problemen"
            print(
                f"{count}; de preview toont ze tot ze zijn opgelost. "
                f"{shown(self.out)}/ is niet veranderd.",
                file=sys.stderr,
            )
            return False
        if started is not None:
            seconds = time.perf_counter() - started
            print(f"Bijgewerkt: {pages} in {seconds:.2f} s", flush=True)
        return True

    def warn(self, lines: list[str]) -> None:
        """Show these warnings above the pages (or none)."""
        if lines != self.warnings:
            self.warnings = lines
            self.bump()

    def show(self, result: Result) -> None:
        """Serve a good build at once, before it is written to the output folder."""
        changed = result.files != self.files or bool(self.problems)
        self.files, self.problems = result.files, []
        self.unpublished = self.unpublished or changed or not self.out.exists()
        self.shown_at = time.monotonic()
        if changed:
            self.bump()

    def bump(self) -> None:
        """Tell the waiting browsers that there is something new to show."""
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def wait(self, seen: str, seconds: float) -> str:
        """Wait until the version differs from the one a browser saw; return the current one."""
        with self.changed:
            self.changed.wait_for(lambda: str(self.version) != seen, timeout=seconds)
            return str(self.version)

    def answer(self, target: str, host: str | None, origin: str | None, site: str = "") -> Answer:
        """Answer one request: a file of the last good build, the problems, or the reload.

        site is the browser's Sec-Fetch-Site: a page of another site gets nothing.
        """
        # A page of another site, or of this computer on another port (Chromium counts that
        # as the same site), gets nothing: not the warnings, not a page to frame.
        foreign = (origin and not self.is_own(origin)) or site not in ("", "same-origin", "none")
        if self.hosts and (host not in self.hosts or foreign):
            return (
                "403 Forbidden",
                "text/plain",
                (b"Alleen voor de preview op deze computer.",),
            )
        address = urlsplit(target)
        name = unquote(address.path).lstrip("/")
        if "/" + name == RELOAD:
            return "200 OK", "text/javascript", (RELOAD_SCRIPT,)
        if "/" + name == WAIT:
            seen = parse_qs(address.query).get("na", [""])[0]
            version = self.wait(seen, HOLD if seen else 0)
            call = f"beslisboomPreview({json.dumps(version)}, {json.dumps(self.warnings)});"
            return "200 OK", "text/javascript", (script_safe(call).encode(),)
        if name == "" or name.endswith("/"):
            name += "index.html"
        served = self.version  # before the files: a page is never older than its version
        files, problems = self.files, self.problems
        if problems and (name.endswith(".html") or name not in files):
            return "500 Internal Server Error", "text/html", (problem_page(problems, served),)
        if name not in files:
            return "404 Not Found", "text/html", (not_found(name),)
        data = parts(files[name])
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if kind == "text/html":  # the <head> is in the first part
            data = (with_reload(data[0], served), *data[1:])
        return "200 OK", kind, data

    def is_own(self, origin: str) -> bool:
        """Tell whether a request comes from one of the preview's own pages."""
        return any(origin == f"http://{host}" for host in self.hosts)

    def watch(self, stop: threading.Event, ready: threading.Event) -> None:
        """Rebuild after every change in content/, templates/ or assets/, until stopped."""
        import watchfiles

        folders = (self.project.content, self.project.templates, self.project.assets)
        for changes in watchfiles.watch(
            *[folder for folder in folders if folder.is_dir()],
            step=STEP_MS,
            stop_event=stop,
            rust_timeout=TICK_MS,
            yield_on_timeout=True,  # an empty set now and then: the watcher is running
        ):
            if not ready.is_set():
                self.rebuild(again=True)  # catch a save made while the watcher was starting
                ready.set()
            elif changes:
                self.rebuild(changed={Path(path) for _, path in changes})


class Handler(BaseHTTPRequestHandler):
    """Pass each request to the preview; answer it, never cached, never in a frame."""

    server: PreviewServer
    timeout = 10  # seconds a connection may take to send its request: half-open ones close

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self.respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.respond(send_body=False)

    def refuse(self) -> None:
        """Answer a method the preview has no use for: it only shows pages."""
        body = b"De preview toont alleen pagina's (GET en HEAD)."
        self.send_response(405)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = refuse

    def respond(self, send_body: bool) -> None:
        headers = self.headers
        status, kind, body = self.server.preview.answer(
            self.path, headers.get("Host"), headers.get("Origin"), headers.get("Sec-Fetch-Site", "")
        )
        text = kind.startswith("text/") or kind.endswith("javascript")
        self.send_response(int(status.split()[0]))
        self.send_header("Content-Type", kind + ("; charset=utf-8" if text else ""))
        self.send_header("Content-Length", str(sum(len(part) for part in body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Content-Security-Policy", "frame-ancestors 'none'")
        self.end_headers()
        if send_body:
            for part in body:
                self.wfile.write(part)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep the editor's window for the build's own lines."""


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its preview."""

    daemon_threads = True  # a browser's held question never keeps the preview from stopping
    request_queue_size = 128  # many tabs, or many connections at once, wait their turn

    def __init__(self, address: tuple[str, int], preview: Preview) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        self.preview = preview

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that goes away or is slow is normal: say nothing. Anything else is
        said in one Dutch line, and the preview goes on."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        print(
            f"De preview kon een verzoek niet beantwoorden ({type(error).__name__}); "
            "hij draait door.",
            file=sys.stderr,
        )


def engine_failure(path: Path, bug: Exception) -> Problem:
    """Describe a failure of the build itself (not of the content) in Dutch."""
    return Problem(path, None, say("interne-fout", kind=type(bug).__name__))


def plain_page(title: str, body: str) -> bytes:
    """Make a small page of the preview's own, with its own style (preview/pagina.html)."""
    return PAGE.substitute(title=html.escape(title), body=body).encode()


def problem_page(problems: list[str], version: int) -> bytes:
    """List every problem with its file and line, clearly marked as the preview's message."""
    items = "\n".join(f"<li>{html.escape(line)}</li>" for line in problems)
    page = plain_page(
        "Fouten in de beslisboom",
        f"""<div class="alert" role="alert">
<h1>Fouten in de beslisboom</h1>
<p>De preview kan de site niet bouwen. Los deze problemen op en sla het bestand op:
deze pagina ververst dan vanzelf. De laatste goede versie blijft intussen in de uitvoermap
staan.</p>
</div>
<main>
<ol class="problems">
{items}
</ol>
</main>""",
    )
    return with_reload(page, version)


def not_found(name: str) -> bytes:
    """Say that a page does not exist, with a way back to the start."""
    return plain_page(
        "Pagina niet gevonden",
        f"""<main>
<h1>Pagina niet gevonden</h1>
<p>De preview heeft geen bestand {html.escape(name)}.</p>
<p><a href="/">Naar het begin</a></p>
</main>""",
    )


def own_hosts(host: str, port: int) -> set[str]:
    """List the Host headers of requests meant for this preview."""
    names = {host, "127.0.0.1", "localhost", "[::1]"}
    names |= {f"[{host}]"} if ":" in host else set()
    return {f"{name}:{port}" for name in names}


def is_loopback(host: str) -> bool:
    """Tell whether an address can only be reached from this computer."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(project: Project, out: Path, host: str, port: int, replace: bool = False) -> int:
    """Build, serve and watch until Ctrl-C; return the exit code."""
    # Stop on Ctrl-C, and on a polite request to end, at any moment, even where the preview
    # was started in the background (which makes it ignore Ctrl-C by default).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    if not is_loopback(host):
        print(
            f"Let op: met --host {host} kunnen ook andere computers de preview zien. De preview "
            "is voor één redacteur op één computer; gebruik 127.0.0.1 als dat kan.",
            file=sys.stderr,
            flush=True,
        )
    # Requests to another address of this computer can't be told from a rebinding attack;
    # reachable from elsewhere, the preview answers whatever name it was reached by.
    preview = Preview(project, out, own_hosts(host, port) if is_loopback(host) else None, replace)
    try:
        server = PreviewServer((host, port), preview)
    except OSError as error:
        print(
            f"De preview kan niet starten op {host}:{port} ({reason(error)}); "
            f"kies een andere poort, bijvoorbeeld --port {port + 1}",
            file=sys.stderr,
        )
        return 2
    stop = threading.Event()
    try:
        run(preview, server, stop, f"[{host}]" if ":" in host else host, port)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    print("Preview gestopt.")
    return 0


def run(
    preview: Preview, server: PreviewServer, stop: threading.Event, host: str, port: int
) -> None:
    """Build, start watching and publishing, and serve until interrupted."""
    preview.report(recovered(preview.out), None, "")  # a crash may have left the old site
    preview.rebuild(jobs=jobs_available())  # before any thread starts: workers may fork
    preview.publish()
    ready = threading.Event()
    threading.Thread(target=preview.watch, args=(stop, ready), daemon=True).start()
    threading.Thread(target=preview.publish_when_quiet, args=(stop,), daemon=True).start()
    ready.wait(timeout=10)
    print(f"Preview: http://{host}:{port}/  (stoppen: Ctrl+C)", flush=True)
    server.serve_forever()
