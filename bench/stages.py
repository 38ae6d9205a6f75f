"""Where a clean build's time goes, stage by stage, on trees of three shapes.

    .venv/bin/python bench/stages.py            # 2,000 nodes, 3 runs each
    .venv/bin/python bench/stages.py 1000 5     # other sizes and runs

Each shape (bench/synth.py SHAPES: fan-out, page size, rich text, step numbers) is written
once; each run starts with a fresh Memo and an empty output folder, in this process, with
the build's own number of workers. The stages are the pipeline's, timed one by one (the
median of the runs): read, load, check, unfold, render (every template), overview, route
data, single file, publish. Prints one Markdown table.
"""

from __future__ import annotations

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

from synth import SHAPES, write_tree  # noqa: E402

from beslisboom import (  # noqa: E402
    check,
    design,
    graph,
    load,
    overview,
    pages,
    render,
    routedata,
    single,
    sources,
    unfold,
    write,
)
from beslisboom.design import ASSET_DIR  # noqa: E402
from beslisboom.links import MEDIA_DIR  # noqa: E402
from beslisboom.memo import Fresh  # noqa: E402
from beslisboom.parallel import jobs_available  # noqa: E402
from beslisboom.plan import Plan  # noqa: E402

STAGES = (
    "read",
    "load",
    "check",
    "unfold",
    "render",
    "overview",
    "route data",
    "single",
    "publish",
)


def run_once(content: Path, out: Path, jobs: int) -> tuple[dict[str, float], int]:
    """Build content into an empty out, stage by stage; give each stage's seconds."""
    shutil.rmtree(out, ignore_errors=True)
    times: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[stage] = now - clock
        clock = now

    project = sources.Project(content, ROOT / "templates", ROOT / "assets")
    memo = Fresh()
    read = sources.read_sources(project)
    lap("read")
    site, problems = load.load_site(read, memo, jobs)
    looks = design.make_design(read)
    lap("load")
    problems += [*check.check_site(site), *design.check_templates(looks)]
    assert not any(p.is_error for p in problems), problems[:3]
    lap("check")
    unfolded = unfold.unfold(graph.reachable_part(site))
    lap("unfold")
    plan = Plan(unfolded.site, memo, unfolded.written)
    wanted = {"pages": pages.pieces(plan), "overview": overview.pieces(plan)}
    wanted["single"] = single.pieces(plan)
    rendered: dict[str, list] = {name: [] for name in wanted}
    for made_for, _index, piece, data in sorted(
        render.render_all(wanted, looks, memo, jobs), key=lambda found: found[:2]
    ):
        rendered[made_for].append((piece, data))
    files = {f"{ASSET_DIR}/{name}": data for name, data in looks.assets}
    files.update({f"{MEDIA_DIR}/{path}": data for path, data in unfolded.site.media.items()})
    files.update({pages.name(piece): data for piece, data in rendered["pages"]})
    lap("render")
    files.update(overview.assemble(plan, rendered["overview"], looks, memo))
    lap("overview")
    files.update(routedata.assemble(plan))
    lap("route data")
    files.update(single.assemble(plan, rendered["single"], looks, memo))
    lap("single")
    write.publish(out, files)
    lap("publish")
    return times, sum(1 for name in files if name.endswith(".html"))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    jobs = jobs_available()
    work = Path(tempfile.mkdtemp(prefix="beslisboom-stages-"))
    rows = []
    try:
        for shape, settings in SHAPES.items():
            content = write_tree(work / shape, count, **settings)
            measured = [run_once(content, work / f"{shape}-uit", jobs) for _ in range(runs)]
            median = {s: statistics.median(m[0][s] for m in measured) for s in STAGES}
            rows.append((shape, measured[0][1], median))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{count} knopen, mediaan van {runs} runs, {jobs} processen; seconden per stap\n")
    print("| boom | html | " + " | ".join(STAGES) + " | totaal |")
    print("|---|---:|" + "---:|" * (len(STAGES) + 1))
    for shape, html, median in rows:
        cells = " | ".join(f"{median[s]:.3f}" for s in STAGES)
        print(f"| {shape} | {html} | {cells} | {sum(median.values()):.3f} |")


if __name__ == "__main__":
    main()
