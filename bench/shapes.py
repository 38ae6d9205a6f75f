"""Clean builds, saves and memory on trees of three shapes, against the reference pipeline.

    .venv/bin/python bench/shapes.py            # about seven minutes on two cores

For each shape of synth.SHAPES (breed, diep, rijk), as separate processes:

- clean build of 2,000 nodes: `python build.py build` into an empty output folder, and
  bench/reference.py the same, taking turns, median of 3 runs each (`--runs`);
- save to served page at 500, 1,000 and 2,000 nodes: run.save_to_page, median of 9 saves;
- peak memory at 5,000 nodes: a clean build, and the preview with 9 saves.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run import fresh, run, save_to_page, settle  # noqa: E402
from synth import SHAPES, write_tree  # noqa: E402

BUILD_NODES = 2000
SAVE_NODES = (500, 1000, 2000)
MEMORY_NODES = 5000
SAVES = 9


def clean_builds(content: Path, work: Path, runs: int) -> tuple[float, float, float]:
    """Build into an empty folder, ours and the reference by turns; give both medians
    and our peak memory in MB."""
    python = sys.executable
    ours, reference, peak = [], [], 0.0
    for _ in range(runs):
        out = fresh(work / "uit-ons")
        seconds, memory, _ = run(
            [python, str(ROOT / "build.py"), "build", "--content", str(content), "--out", str(out)],
            work,
        )
        ours.append(seconds)
        peak = max(peak, memory)
        out = fresh(work / "uit-referentie")
        seconds, _, _ = run([python, str(HERE / "reference.py"), str(content), str(out)], work)
        reference.append(seconds)
        settle()
    return statistics.median(ours), statistics.median(reference), peak


def measure(shape: str, work: Path, runs: int) -> dict[str, float]:
    """Measure one shape: clean build against the reference, saves, memory."""
    settings = SHAPES[shape]
    found: dict[str, float] = {}
    content = write_tree(work / f"{shape}-{BUILD_NODES}", BUILD_NODES, **settings)
    found["ons"], found["referentie"], _ = clean_builds(content, work, runs)
    for count in SAVE_NODES:
        content = write_tree(work / f"{shape}-{count}", count, **settings)
        found[f"opslaan {count}"], _ = save_to_page(content, work, SAVES)
    content = write_tree(work / f"{shape}-{MEMORY_NODES}", MEMORY_NODES, **settings)
    _, _, found["piek build"] = clean_builds(content, work, 1)
    _, found["piek preview"] = save_to_page(content, work, SAVES)
    return found


def table(rows: dict[str, dict[str, float]]) -> str:
    """Format the measurements as one Markdown table."""
    saves = " | ".join(f"opslaan {n} (s)" for n in SAVE_NODES)
    lines = [
        f"| boom | schone build {BUILD_NODES} (s) | referentie (s) | t.o.v. referentie | "
        f"{saves} | piek build {MEMORY_NODES} (MB) | piek preview {MEMORY_NODES} (MB) |",
        "|---|---:|---:|---:|" + "---:|" * len(SAVE_NODES) + "---:|---:|",
    ]
    for shape, found in rows.items():
        cells = [
            f"{found['ons']:.2f}",
            f"{found['referentie']:.2f}",
            f"{found['ons'] / found['referentie']:.2f}×",
            *(f"{found[f'opslaan {n}']:.3f}" for n in SAVE_NODES),
            f"{found['piek build']:.0f}",
            f"{found['piek preview']:.0f}",
        ]
        lines.append(f"| {shape} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3, help="clean builds of each tool")
    args = parser.parse_args()
    rows = {}
    with tempfile.TemporaryDirectory(prefix="beslisboom-vormen-") as temp:
        for shape in SHAPES:
            print(f"meten: {shape} ...", file=sys.stderr, flush=True)
            rows[shape] = measure(shape, Path(temp), args.runs)
    print(table(rows))


if __name__ == "__main__":
    main()
