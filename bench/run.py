"""Measure our build against a plain reference pipeline and MkDocs, and print a table.

    python bench/run.py            # seed tree, 15, 1,000 and 5,000 nodes
    python bench/run.py --quick    # fewer runs, for a first look
    python bench/run.py --readme   # also write the table into bench/README.md

Every command runs as its own process with the interpreter running this script (use the
virtual environment's python directly: a version-manager shim adds to each start). Each
tool first builds once into its own output folder, then again several times over its own
previous output, as an editor does; wall time is the median of those runs. Peak memory is
the largest resident set of the process and the workers it waited for (wait4).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from synth import write_tree  # noqa: E402

MKDOCS_THEME = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{{ page.title }}</title></head>
<body><main>{{ page.content }}</main></body></html>
"""

REBUILD = """
import statistics, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from beslisboom.memo import Memo
from beslisboom.pipeline import Project, build
root, content, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
project = Project(content, root / "templates", root / "assets")
memo = Memo()
assert not build(project, out, memo).failed()
page = sorted(content.rglob("*.md"))[len(list(content.rglob("*.md"))) // 2]
original = page.read_text(encoding="utf-8")
times = []
for n in range(int(sys.argv[4])):
    page.write_text(original + f"\\nEen gewijzigde zin, versie {n}.\\n", encoding="utf-8")
    started = time.perf_counter()
    assert not build(project, out, memo).failed()
    times.append(time.perf_counter() - started)
page.write_text(original, encoding="utf-8")
print(statistics.median(times))
"""


@dataclass
class Row:
    """One measured command on one tree."""

    tree: str
    pages: int
    tool: str
    seconds: float
    peak_mb: float
    note: str = ""


# Python as an editor has it: it keeps compiled modules (__pycache__) between runs. Some
# machines switch that off, which would make every tool compile its own code on each start.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Run a command; return its wall time, its peak memory in MB and its output."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[:3]} failed:\n{output[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, output


def settle() -> None:
    """Flush what the previous command wrote, so that no tool pays for another's writes."""
    os.sync()
    time.sleep(0.3)


def fresh(folder: Path) -> Path:
    """Empty an output folder and let the disk settle before a timed run."""
    shutil.rmtree(folder, ignore_errors=True)
    os.sync()
    time.sleep(0.5)
    return folder


def mkdocs_project(content: Path, work: Path) -> Path | None:
    """Lay out the same pages for MkDocs with a one-template theme; None if not installed."""
    try:
        import mkdocs  # noqa: F401
    except ImportError:
        return None
    project = work / "mkdocs"
    docs = project / "docs"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(content, docs, ignore=shutil.ignore_patterns("site.yml"))
    (project / "theme").mkdir()
    (project / "theme" / "main.html").write_text(MKDOCS_THEME, encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Bench\nuse_directory_urls: false\ntheme:\n  name: null\n  custom_dir: theme\n",
        encoding="utf-8",
    )
    return project


def measure(tree: str, content: Path, work: Path, runs: int) -> list[Row]:
    """Measure every tool on one tree; alternate the tools so noise spreads evenly."""
    python = sys.executable
    pages = len(list(content.rglob("*.md")))
    commands = {
        "ons: schone build": lambda out: [
            python,
            str(ROOT / "build.py"),
            "build",
            "--content",
            str(content),
            "--out",
            str(out),
        ],
        "referentie (2 kernen)": lambda out: [
            python,
            str(HERE / "reference.py"),
            str(content),
            str(out),
        ],
    }
    mkdocs = mkdocs_project(content, work)
    if mkdocs:
        commands["MkDocs 1.6"] = lambda out: [
            python,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(mkdocs / "mkdocs.yml"),
            "-d",
            str(out),
        ]
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    outs = {name: fresh(work / f"out-{index}") for index, name in enumerate(commands)}
    for name, command in commands.items():
        run(command(outs[name]), work)  # warm-up: as when an editor builds again
    for _ in range(runs):
        for name, command in commands.items():
            settle()
            seconds, peak, _ = run(command(outs[name]), work)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
    rows = [
        Row(tree, pages, name, statistics.median(times[name]), peaks[name]) for name in commands
    ]
    seconds, peak, output = run(
        [
            python,
            "-c",
            REBUILD,
            str(ROOT),
            str(content),
            str(fresh(work / "out")),
            str(max(3, runs)),
        ],
        work,
    )
    rows.insert(
        1,
        Row(
            tree,
            pages,
            "ons: rebuild na 1 wijziging",
            float(output.split()[-1]),
            peak,
            "mediaan binnen één preview",
        ),
    )
    seconds, peak = save_to_page(content, work, max(5, runs * 2))
    rows.insert(
        2, Row(tree, pages, "ons: preview, opslaan tot nieuwe pagina", seconds, peak, "mediaan")
    )
    return rows


def free_port() -> int:
    """Ask the system for a free port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def save_to_page(content: Path, work: Path, edits: int) -> tuple[float, float]:
    """Time what an editor feels: a save in content/, then HTTP requests until the preview
    serves the new text. Return the median time and the preview's peak memory in MB."""
    sys.path.insert(0, str(ROOT))
    from beslisboom.urls import page_names

    copy = work / "preview-content"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(content, copy)
    pages = sorted(copy.rglob("*.md"))
    page = pages[len(pages) // 2]
    start = next(
        line.split(":", 1)[1].strip()
        for line in (copy / "site.yml").read_text(encoding="utf-8").splitlines()
        if line.startswith("start:")
    )
    name = page_names([p.stem for p in pages], start)[page.stem]
    port = free_port()
    command = [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port)]
    command += ["--content", str(copy), "--out", str(fresh(work / "preview-out"))]
    process = subprocess.Popen(
        command, cwd=work, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/{name}"
    wait = f"http://127.0.0.1:{port}/__preview__/wacht?na="
    try:
        wait_for_text(url, b"", 120)
        original = page.read_text(encoding="utf-8")
        times = []
        for number in range(edits):
            sentence = f"Een gewijzigde zin, versie {number}."
            seen = version(wait)  # as the reload script: the version the page was built at
            started = time.perf_counter()
            page.write_text(f"{original}\n{sentence}\n", encoding="utf-8")
            while True:  # held by the preview until the next build, then the page again
                seen = version(wait + seen)
                try:
                    with urllib.request.urlopen(url, timeout=30) as response:
                        if sentence.encode() in response.read():
                            break
                except urllib.error.HTTPError:
                    continue  # a build of the file half written: the problem page, until the next
            times.append(time.perf_counter() - started)
            time.sleep(0.3)  # as between an editor's saves; lets the output folder follow
        peak = peak_memory(process.pid)
    finally:
        process.terminate()  # not Ctrl-C: a job started in the background ignores SIGINT
        process.wait(timeout=30)
    return statistics.median(times), peak


def version(url: str) -> str:
    """Ask the preview, as its reload script does, for the version after the one given."""
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode().split('"')[1]


def wait_for_text(url: str, text: bytes, deadline: float) -> None:
    """Request a page again and again until it holds the text."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read():
                    return
        except OSError:
            pass
        time.sleep(0.002)
    raise RuntimeError(f"{url} did not show {text!r} within {deadline} s")


def peak_memory(pid: int) -> float:
    """Read a running process's peak resident memory in MB (Linux), or 0 if unknown."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return 0.0
    line = next((line for line in status.splitlines() if line.startswith("VmHWM:")), "")
    return int(line.split()[1]) / 1024 if line else 0.0


def table(rows: list[Row]) -> str:
    """Format the rows as a Markdown table, with each tool's time relative to the reference."""
    lines = [
        "| boom | pagina's | wat | mediaan (s) | pagina's/s | piekgeheugen (MB) | "
        "t.o.v. referentie |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        reference = next(r for r in rows if r.tree == row.tree and r.tool.startswith("ref"))
        ratio = row.seconds / reference.seconds
        speed = "–" if row.note else f"{row.pages / row.seconds:.0f}"
        lines.append(
            f"| {row.tree} | {row.pages} | {row.tool} | {row.seconds:.3f} | "
            f"{speed} | {row.peak_mb:.0f} | {ratio:.2f}× |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="one run each")
    parser.add_argument("--readme", action="store_true", help="write the table to README.md")
    parser.add_argument("--sizes", default="250,1000,5000")
    args = parser.parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="beslisboom-bench-") as temp:
        work = Path(temp)
        trees = [("seed", ROOT / "content")] + [
            (n, write_tree(work / f"tree-{n}", int(n))) for n in args.sizes.split(",")
        ]
        for name, content in trees:
            runs = 1 if args.quick else (7 if len(list(content.rglob("*.md"))) < 100 else 3)
            print(f"meten: {name} ...", file=sys.stderr, flush=True)
            rows += measure(name, content, work, runs)
    result = table(rows)
    print(result)
    if args.readme:
        readme = HERE / "README.md"
        text = readme.read_text(encoding="utf-8")
        start, end = "<!-- tabel -->", "<!-- /tabel -->"
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        readme.write_text(f"{before}{start}\n{result}\n{end}{after}", encoding="utf-8")


if __name__ == "__main__":
    main()
