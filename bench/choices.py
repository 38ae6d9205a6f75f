"""Measure the tree with questions with several answers (tests/data/meerkeuze).

    .venv/bin/python bench/choices.py [--runs 5]

Two questions of five answers each, counted by 'minstens' and 'hoogstens' in the routing and
in the result's parts. Builds it as its own process (median of --runs, over its own
previous output) and rebuilds it with the preview's Memo after one edit of the second
question's text; prints the pages, the pages the questions and labels added, and sizes.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from labels import clean_build  # noqa: E402

from beslisboom.memo import Memo  # noqa: E402
from beslisboom.pipeline import Project, build  # noqa: E402

TREE = ROOT / "tests" / "data" / "meerkeuze"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="beslisboom-meerkeuze-") as temp:
        content = Path(temp) / "inhoud"
        shutil.copytree(TREE, content)
        out = Path(temp) / "uit"
        clean_build(content, out)
        builds = [clean_build(content, out) for _ in range(args.runs)]
        project = Project(content, ROOT / "templates", ROOT / "assets")
        memo = Memo()
        result = build(project, out, memo)
        page = content / "kenmerken.md"
        original = page.read_text(encoding="utf-8")
        times = []
        for number in range(args.runs):
            page.write_text(original + f"\nWijziging {number}.\n", encoding="utf-8")
            started = time.perf_counter()
            build(project, out, memo)
            times.append(time.perf_counter() - started)
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        rows = [
            ("pagina's in content/", str(len(list(TREE.glob("*.md"))))),
            ("pagina's op de site", str(result.page_count())),
            ("waarvan gemaakt door de vragen en labels", str(result.extra_pages)),
            ("schone build, mediaan (s)", f"{statistics.median(s for s, _ in builds):.2f}"),
            ("piekgeheugen schone build (MB)", f"{max(m for _, m in builds):.0f}"),
            ("preview: rebuild na 1 wijziging, mediaan (s)", f"{statistics.median(times):.3f}"),
            ("hele uitvoer (KB)", f"{size / 1024:.0f}"),
        ]
    print("| wat | waarde |\n|---|---:|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
