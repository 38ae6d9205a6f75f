"""The live preview: build, serve on 127.0.0.1, rebuild on every save, reload the browser.

Every save runs the same pipeline as `python build.py`, with a Memo, so only what the
edit changed is done again. Saves are noticed through the operating system's file events
(watchfiles); livereload serves the pages and reloads the browser. Pages are served from
memory, from the last good build, and dist/ is published after them. While the content
has mistakes, every page shows them, with file and line, until they are mended.
"""

from __future__ import annotations

import html
import logging
import mimetypes
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .load import shown
from .memo import Memo
from .output import FileData, parts
from .parallel import jobs_available
from .pipeline import Project, Result, build, format_problem

# The pages forbid inline script; the preview's reload script is inline and talks over a
# websocket, so the preview (only) allows both.
PAGE_POLICY = b"script-src 'self';"
PREVIEW_POLICY = b"script-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:;"
STEP_MS = 20  # after a file event, wait this long for more before rebuilding
TICK_MS = 200  # how often the watcher looks up from waiting, to notice it must stop

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class Preview:
    """Keep the last good site and the current problems; answer the browser from them."""

    def __init__(self, project: Project, out: Path) -> None:
        self.project = project
        self.out = out
        self.memo = Memo()
        self.files: dict[str, FileData] = {}
        self.problems: list[str] = []
        self.on_change: Callable[[], None] = lambda: None  # reloads the browser

    def rebuild(self, jobs: int = 1) -> bool:
        """Build again, print what is wrong, and keep the result when it is good."""
        started = time.perf_counter()
        result = build(self.project, self.out, self.memo, jobs=jobs, show=self.show)
        lines = [format_problem(p) for p in result.problems]
        for line in lines:
            print(line, file=sys.stderr)
        if result.failed():
            if self.problems != lines:
                self.problems = lines
                self.on_change()
            count = "1 probleem" if len(lines) == 1 else f"{len(lines)} problemen"
            print(
                f"{count}; de preview toont ze tot ze zijn opgelost. "
                f"{shown(self.out)}/ is niet veranderd.",
                file=sys.stderr,
            )
            return False
        pages = result.page_count()
        print(f"Bijgewerkt: {pages} pagina's in {time.perf_counter() - started:.2f} s", flush=True)
        return True

    def show(self, result: Result) -> None:
        """Serve a good build at once, before it is written to the output folder."""
        changed = result.files != self.files or bool(self.problems)
        self.files, self.problems = result.files, []
        if changed:
            self.on_change()

    def app(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Serve a file of the last good build, or the list of problems."""
        name = unquote(environ.get("PATH_INFO", "/")).lstrip("/")
        if name == "" or name.endswith("/"):
            name += "index.html"
        files, problems = self.files, self.problems
        if problems and (name.endswith(".html") or name not in files):
            return respond(
                start_response,
                "500 Internal Server Error",
                "text/html",
                problem_page(problems),
            )
        if name not in files:
            return respond(start_response, "404 Not Found", "text/html", not_found(name))
        data = parts(files[name])
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if kind == "text/html":  # the policy sits in the <head>, in the first part
            data = (data[0].replace(PAGE_POLICY, PREVIEW_POLICY, 1), *data[1:])
        return respond(start_response, "200 OK", kind, data)

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
                ready.set()
                self.rebuild()  # catch a save made while the watcher was starting
            elif changes:
                self.rebuild()


def respond(
    start_response: StartResponse, status: str, kind: str, data: bytes | tuple[bytes, ...]
) -> list[bytes]:
    """Send one response, never cached: the preview changes under the browser."""
    charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith("javascript") else ""
    start_response(status, [("Content-Type", kind + charset), ("Cache-Control", "no-store")])
    return list(parts(data))


def plain_page(title: str, body: str) -> bytes:
    """Make a small page of the preview's own, with its own style."""
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body {{ margin: 0; font: 1.125rem/1.5 system-ui, sans-serif; color: #1a1a1a; }}
.alert {{ background: #d52b1e; color: #fff; padding: 1rem 1.5rem; }}
.alert h1 {{ margin: 0; font-size: 1.5rem; }}
main {{ max-width: 60rem; padding: 1rem 1.5rem; }}
li {{ margin: 0 0 0.75rem; font-family: ui-monospace, monospace; font-size: 1rem;
      overflow-wrap: anywhere; }}
</style>
</head>
<body>
{body}
</body>
</html>
""".encode()


def problem_page(problems: list[str]) -> bytes:
    """List every problem with its file and line, clearly marked as the preview's message."""
    items = "\n".join(f"<li>{html.escape(line)}</li>" for line in problems)
    return plain_page(
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


def serve(project: Project, out: Path, host: str, port: int) -> int:
    """Build, serve and watch until Ctrl-C; return the exit code."""
    from livereload import Server  # imported here: a plain build does not need them
    from livereload.handlers import LiveReloadHandler
    from livereload.watcher import Watcher
    from tornado.ioloop import IOLoop

    preview = Preview(project, out)
    preview.rebuild(jobs=jobs_available())  # before any thread starts: workers may fork
    loop = IOLoop.current()  # the loop livereload serves on, in this thread
    preview.on_change = lambda: loop.add_callback(LiveReloadHandler.reload_waiters)
    stop, ready = threading.Event(), threading.Event()
    threading.Thread(target=preview.watch, args=(stop, ready), daemon=True).start()
    ready.wait(timeout=10)

    class EventWatcher(Watcher):
        """livereload's watcher, told of changes by watchfiles instead of polling."""

        def start(self, callback: Callable[[], None]) -> bool:
            return True  # livereload need not poll: preview.watch reloads the browser

        def examine(self) -> tuple[None, None]:
            return None, None

    # livereload logs every request and reload; the editor needs only our own lines.
    for name in ("livereload", "tornado.access", "tornado.application", "tornado.general"):
        logging.getLogger(name).addFilter(lambda record: False)
    server = Server(app=preview.app, watcher=EventWatcher())
    print(f"Preview: http://{host}:{port}/  (stoppen: Ctrl+C)", flush=True)
    try:
        server.serve(port=port, host=host, debug=False, restart_delay=0)
    except OSError as error:
        print(
            f"De preview kan niet starten op {host}:{port} ({error.strerror}); "
            f"kies een andere poort, bijvoorbeeld --port {port + 1}",
            file=sys.stderr,
        )
        return 2
    finally:
        stop.set()
    print("Preview gestopt.")
    return 0
