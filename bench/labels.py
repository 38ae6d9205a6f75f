"""Measure a real tree with labels: the MinBZK AI-verordening beslishulp, imported.

    .venv/bin/python bench/labels.py [PATH/decision-tree.yaml] [--runs 5] [--readme]

Imports the tree into a temporary folder (`python build.py import`), then measures the
clean build as its own process (median of --runs, over its own previous output, as an
editor builds) and the preview's rebuild after one edit (the preview's Memo, in this
process). Prints the pages, the pages the labels added, the output and the single file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from beslisboom.memo import Memo  # noqa: E402
from beslisboom.pipeline import Project, build  # noqa: E402
from beslisboom.plan import single_name  # noqa: E402

TREES = Path(os.environ.get("BESLISBOOM_TREES", ROOT.parent / "shared" / "trees"))
TREE = TREES / "minbzk-ai-verordening" / "decision-tree.yaml"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def clean_build(content: Path, out: Path) -> tuple[float, float]:
    """Build as its own process; give its wall time and peak memory in MB."""
    command = [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content)]
    os.sync()
    time.sleep(0.3)
    started = time.perf_counter()
    process = subprocess.Popen([*command, "--out", str(out)], env=ENV, stdout=subprocess.PIPE)
    process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("build failed")
    return seconds, usage.ru_maxrss / 1024


def rebuild(content: Path, out: Path, edits: int) -> float:
    """Give the median time of the preview's rebuild after one question's text changed."""
    project = Project(content, ROOT / "templates", ROOT / "assets")
    memo = Memo()
    build(project, out, memo)
    page = content / "vragen" / "vraag-2.1.md"
    original = page.read_text(encoding="utf-8")
    times = []
    for number in range(edits):
        page.write_text(original + f"\nWijziging {number}.\n", encoding="utf-8")
        started = time.perf_counter()
        result = build(project, out, memo)
        times.append(time.perf_counter() - started)
        assert not result.failed()
    page.write_text(original, encoding="utf-8")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tree", nargs="?", type=Path, default=TREE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--readme", action="store_true", help="write the table to README.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="beslisboom-labels-") as temp:
        work = Path(temp)
        content, out = work / "content", work / "dist"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "build.py"),
                "import",
                str(args.tree),
                "--content",
                str(content),
            ],
            env=ENV,
            check=True,
            capture_output=True,
        )
        measured = [clean_build(content, out) for _ in range(args.runs + 1)][1:]
        seconds = statistics.median(s for s, _ in measured)
        peak = max(p for _, p in measured)
        result = build(Project(content, ROOT / "templates", ROOT / "assets"), None)
        single = single_name(result.site)
        files = [p for p in out.rglob("*") if p.is_file()]
        total = sum(p.stat().st_size for p in files)
        pages = [p for p in files if p.suffix == ".html" and p.name != single]
        largest = max(p.stat().st_size for p in pages)
        again = rebuild(content, work / "preview", edits=max(3, args.runs))
        written = len(list(content.rglob("*.md")))
        single_size = (out / single).stat().st_size
    rows = [
        ("pagina's in content/ (vragen en conclusies)", f"{written}"),
        ("pagina's op de site", f"{result.page_count()}"),
        ("waarvan gemaakt door de labels", f"{result.extra_pages}"),
        ("schone build, mediaan (s)", f"{seconds:.2f}"),
        ("piekgeheugen schone build (MB)", f"{peak:.0f}"),
        ("preview: rebuild na 1 wijziging, mediaan (s)", f"{again:.3f}"),
        ("hele uitvoer (MB)", f"{total / 2**20:.1f}"),
        ("grootste pagina (KB)", f"{largest / 1024:.0f}"),
        ("één bestand (MB)", f"{single_size / 2**20:.1f}"),
    ]
    text = table(rows)
    print(text)
    if args.readme:
        readme = HERE / "README.md"
        start, end = "<!-- labels -->", "<!-- /labels -->"
        before, rest = readme.read_text(encoding="utf-8").split(start, 1)
        after = rest.split(end, 1)[1]
        readme.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


def table(rows: list[tuple[str, str]]) -> str:
    """Format the rows as a Markdown table."""
    return "\n".join(["| wat | waarde |", "|---|---:|"] + [f"| {w} | {v} |" for w, v in rows])


if __name__ == "__main__":
    main()
