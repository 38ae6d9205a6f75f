"""Publishing never destroys files of others, survives crashes and refuses what it can't do."""

from __future__ import annotations

import itertools
import os
import pickle
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from beslisboom import write
from beslisboom.cli import main
from beslisboom.parallel import jobs_available
from beslisboom.write import MANIFEST
from conftest import ROOT, page
from helpers import SMALL, snapshot

sys.path.insert(0, str(ROOT / "bench"))
from synth import write_tree  # noqa: E402

DRIVER = """
import os, sys
sys.path.insert(0, {root!r})
from beslisboom import write
from beslisboom.cli import main
from beslisboom.parallel import jobs_available
crash_at = {crash_at!r}
if crash_at:
    renames = []
    real = os.replace
    def replace(a, b):
        folder = os.path.isdir(a)  # the site's folders; not the manifest, renamed into place
        real(a, b)
        renames.append(b) if folder else None
        if folder and len(renames) == crash_at:
            os._exit(9)  # as if the power went: no clean-up runs
    write.os.replace = replace
sys.exit(main(sys.argv[1:]))
"""


def build(content: Path, out: Path) -> int:
    return main(["build", "--content", str(content), "--out", str(out)])


def run_build(
    content: Path, out: Path, crash_at: int = 0, extra: tuple[str, ...] = (), **popen
) -> subprocess.Popen:
    """Start `build.py build` as its own process; crash_at=n stops it after the n-th rename."""
    code = DRIVER.format(root=str(ROOT), crash_at=crash_at)
    command = [sys.executable, "-c", code, "build", "--content", str(content), "--out", str(out)]
    command += extra
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def site_files(folder: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(folder).items() if k != MANIFEST}


def test_an_owners_folder_with_an_index_html_is_refused_and_kept(make_tree, tmp_path, capsys):
    content = make_tree(SMALL)
    out = tmp_path / "intranet"
    (out / "up").mkdir(parents=True)
    (out / "index.html").write_text("de eigen startpagina", encoding="utf-8")
    (out / "verslag.docx").write_bytes(b"verslag")
    (out / "up" / "foto.jpg").write_bytes(b"foto")
    before = snapshot(out)
    for _ in range(2):
        assert build(content, out) == 1
        assert snapshot(out) == before
    err = capsys.readouterr().err
    assert (
        "intranet: fout: de map intranet bevat bestanden die deze build niet heeft gemaakt "
        "(index.html, up, up/foto.jpg en 1 meer)"
    ) in err


def test_a_file_added_to_the_built_site_is_never_removed(make_tree, tmp_path, capsys):
    content = make_tree(SMALL)
    out = tmp_path / "dist"
    assert build(content, out) == 0
    (out / "verslag.docx").write_bytes(b"van iemand")
    assert build(content, out) == 1
    assert (out / "verslag.docx").read_bytes() == b"van iemand"
    assert "(verslag.docx)" in capsys.readouterr().err


def test_an_empty_folder_is_used(make_tree, tmp_path):
    content = make_tree(SMALL)
    out = tmp_path / "leeg"
    out.mkdir()
    assert build(content, out) == 0
    assert (out / "index.html").is_file()


def test_glob_characters_in_out_touch_nothing_beside_it(make_tree, tmp_path):
    content = make_tree(SMALL)
    neighbours = [".x-oud-1", ".dist-nieuw-2", ".*-oud-3", "[a].oud"]
    for name in neighbours:
        (tmp_path / name).mkdir()
        (tmp_path / name / "bewaar.txt").write_text("bewaar", encoding="utf-8")
    for out in ("*", "[a]", "?"):
        assert build(content, tmp_path / out) == 0
        assert build(content, tmp_path / out) == 0
    for name in neighbours:
        assert (tmp_path / name / "bewaar.txt").read_text(encoding="utf-8") == "bewaar"


@pytest.mark.parametrize("inside", ["assets", "templates", "content"])
def test_out_inside_a_folder_the_build_reads_is_refused(make_tree, tmp_path, capsys, inside):
    content = make_tree(SMALL)
    folders = {"content": content, "assets": ROOT / "assets", "templates": ROOT / "templates"}
    out = folders[inside] / "dist"
    argv = ["build", "--content", str(content), "--out", str(out)]
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert "dat de build leest; kies een map daarbuiten" in capsys.readouterr().err
    assert not out.exists()


def test_a_crash_between_the_two_renames_leaves_the_old_site_and_is_repaired(make_tree, tmp_path):
    content = make_tree(SMALL)
    out = tmp_path / "dist"
    assert build(content, out) == 0
    old = snapshot(out)
    (content / "einde.md").write_text(page("Anders"), encoding="utf-8")
    process = run_build(content, out, crash_at=1)
    process.communicate(timeout=60)
    assert process.returncode == 9
    assert not out.exists() and snapshot(tmp_path / ".dist.oud") == old  # complete, beside
    assert build(content, out) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dist.lock", "content", "dist"]
    assert b"Anders" in (out / "einde.html").read_bytes()


def test_after_such_a_crash_even_a_failing_build_puts_the_old_site_back(make_tree, tmp_path):
    content = make_tree(SMALL)
    out = tmp_path / "dist"
    assert build(content, out) == 0
    old = snapshot(out)
    out.rename(tmp_path / ".dist.oud")  # as the crash above leaves it
    (content / "einde.md").write_text("---\ntitle: [kapot\n---\n", encoding="utf-8")
    assert build(content, out) == 1  # "Er is niets geschreven; dist is ongewijzigd."
    assert snapshot(out) == old


def test_a_crash_after_the_swap_is_cleared_up(make_tree, tmp_path):
    content = make_tree(SMALL)
    out = tmp_path / "dist"
    assert build(content, out) == 0
    (content / "einde.md").write_text(page("Anders"), encoding="utf-8")
    process = run_build(content, out, crash_at=2)
    process.communicate(timeout=60)
    assert b"Anders" in (out / "einde.html").read_bytes()  # the new site, complete
    assert (tmp_path / ".dist.oud").exists()
    assert build(content, out) == 0
    assert not (tmp_path / ".dist.oud").exists()


def test_a_full_disk_leaves_the_old_site_and_says_so(make_tree, tmp_path):
    content = make_tree(SMALL)
    out = tmp_path / "dist"
    assert build(content, out) == 0
    old = snapshot(out)
    (content / "einde.md").write_text(page("Anders", body="Lang. " * 20000), encoding="utf-8")

    def small_disk() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (60_000, 60_000))

    process = run_build(content, out, preexec_fn=small_disk)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert (
        "kan de website niet schrijven (het bestand is te groot voor de schijf); kies met --out"
        in (err.decode())
    )
    assert snapshot(out) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dist.lock", "content", "dist"]


def test_two_builds_into_one_folder_at_once_never_mix(tmp_path):
    one = write_tree(tmp_path / "een", 300, seed=1)
    two = write_tree(tmp_path / "twee", 300, seed=2)
    (two / "site.yml").write_text("title: Tweede boom\nstart: k00000\n", encoding="utf-8")
    clean = {}
    for name, content in (("een", one), ("twee", two)):
        assert build(content, tmp_path / f"schoon-{name}") == 0
        clean[name] = site_files(tmp_path / f"schoon-{name}")
    out = tmp_path / "dist"
    for _ in range(3):
        processes = [run_build(tree, out, extra=("--vervang",)) for tree in (one, two)]
        codes = [p.wait(timeout=120) for p in processes]
        assert codes == [0, 0], [p.stderr.read().decode() for p in processes]
        assert site_files(out) in (clean["een"], clean["twee"])


@pytest.mark.slow
def test_killed_at_any_moment_the_site_is_whole_and_the_next_build_repairs(tmp_path):
    content = write_tree(tmp_path / "boom", 300)
    out = tmp_path / "dist"
    assert build(content, out) == 0
    old = site_files(out)
    pages = sorted(content.rglob("*.md"))
    rng = random.Random(7)
    started = time.monotonic()
    process = run_build(content, tmp_path / "proef")
    process.wait(timeout=120)
    duration = time.monotonic() - started
    for number in range(12):
        page_file = rng.choice(pages)
        page_file.write_text(page_file.read_text(encoding="utf-8") + f"\nZin {number}.\n", "utf-8")
        process = run_build(content, out)
        time.sleep(rng.uniform(0, duration))
        process.kill()
        process.wait()
        if out.exists():
            assert site_files(out) in (old, current(content, tmp_path / f"nu-{number}"))
        else:
            assert site_files(tmp_path / ".dist.oud") == old
        assert build(content, out) == 0
        old = site_files(out)
        assert old == current(content, tmp_path / f"nu-{number}")


def current(content: Path, folder: Path) -> dict[str, bytes]:
    """Build the content as it is now into a folder of its own, once."""
    if not folder.exists():
        assert build(content, folder) == 0
    return site_files(folder)


@pytest.mark.skipif(jobs_available() < 2, reason="one core: the build starts no workers")
def test_workers_of_a_killed_build_stop_too(tmp_path):
    content = write_tree(tmp_path / "boom", 2000)
    process = run_build(content, tmp_path / "dist", start_new_session=True)
    deadline = time.monotonic() + 30
    while not children(process.pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    workers = children(process.pid)
    assert workers, "the build started no workers"
    process.kill()
    process.wait()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers)


WORKER_OF_A_GONE_BUILD = """
import os, sys, time
from pathlib import Path
from beslisboom import parallel
build = os.getpid()
worker = os.fork()
if worker == 0:  # the worker: it takes up its work only after the build is gone
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1), os.dup2(quiet, 2)  # let the test's pipe close with the build
    time.sleep(0.5)
    Path(sys.argv[1]).write_text("begonnen")
    try:
        parallel.receive(len, None, [], build)
    except Exception:
        Path(sys.argv[1]).write_text("fout")
        os._exit(1)
    time.sleep(20)
    os._exit(0)
print(worker, flush=True)
os._exit(0)  # the build, killed between the fork and the worker's start
"""


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_a_worker_that_starts_after_its_build_was_killed_stops_too(tmp_path):
    mark = tmp_path / "ontvangen"
    done = subprocess.run(
        [sys.executable, "-c", WORKER_OF_A_GONE_BUILD, str(mark)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    worker = int(done.stdout)
    deadline = time.monotonic() + 5
    while (alive(worker) or not mark.exists()) and time.monotonic() < deadline:
        time.sleep(0.05)
    # it took up its work, then saw that no one waits for its results
    assert mark.read_text() == "begonnen" and not alive(worker)


def children(pid: int) -> list[int]:
    """List the child processes of a process (Linux)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(status.parent.name))
    return found


def alive(pid: int) -> bool:
    """Tell whether a process still runs (and is not a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# Stopped at every system call: test_publish runs interrupt.py, which publishes NEW over
# OLD and is killed (or gets Ctrl-C) at the n-th call, for n = 1, 2, ... until it finishes.
OLD = {
    "index.html": b"oud begin",
    "blijft.html": b"blijft",
    "assets/stijl.css": b"oude stijl",
    "bestanden/oud/weg.pdf": b"gaat weg",
}
NEW = {
    "index.html": b"nieuw begin",
    "blijft.html": b"blijft",
    "assets/stijl.css": b"nieuwe stijl",
    "bestanden/nieuw/erbij.pdf": b"komt erbij",
}


def contents(folder: Path) -> dict[str, bytes]:
    """The site's files, without the build's own bookkeeping (manifest, inner lock)."""
    own = (write.INNER_LOCK, f"{write.INNER_WORK}/")
    return {k: v for k, v in site_files(folder).items() if not k.startswith(own)}


def stop_publish(out: Path, pickled: Path, number: int, how: str) -> int:
    command = [sys.executable, str(ROOT / "tests" / "interrupt.py"), str(out), str(pickled)]
    done = subprocess.run([*command, str(number), how], capture_output=True, timeout=60)
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    return done.returncode


@pytest.mark.slow
@pytest.mark.parametrize("how", ["kill", "ctrl-c"])
@pytest.mark.parametrize("where", ["beside", "inside"])
def test_stopped_at_any_system_call_the_next_build_repairs(tmp_path, lock_down, how, where):
    pickled = tmp_path / "nieuw.pickle"
    pickled.write_bytes(pickle.dumps(NEW))
    for number in itertools.count(1):
        parent = tmp_path / str(number)
        out = parent / "dist"
        write.publish(out, OLD)
        before = sorted(os.listdir(parent))
        if where == "inside":  # a shared drive: the folder above the output is read-only
            lock_down(parent)
        code = stop_publish(out, pickled, number, how)
        assert code in (0, 130 if how == "ctrl-c" else -signal.SIGKILL)
        if where == "inside":  # file by file: every file whole, old or new
            for name, data in contents(out).items():
                assert data in (OLD.get(name), NEW.get(name)), (number, name)
        elif out.exists():
            assert contents(out) in (OLD, NEW), number
        else:
            assert contents(parent / ".dist.oud") == OLD, number
        write.recover(out)  # what the next build does first
        assert contents(out) in (OLD, NEW), number
        assert sorted(os.listdir(parent)) == before, number
        assert not (out / write.INNER_WORK).exists(), number
        write.publish(out, NEW)  # and then it publishes
        assert contents(out) == NEW, number
        if code == 0:
            break
    assert number > 20  # the publish made at least this many calls, each one stopped at


def test_a_file_that_cannot_be_removed_is_set_aside_and_the_site_published(
    make_tree, tmp_path, lock_down, capsys
):
    content = make_tree(SMALL)
    out = tmp_path / "dist"
    assert build(content, out) == 0
    lock_down(out / "assets")  # its files can't be removed: held open, or no permission
    (content / "einde.md").write_text(page("Anders"), encoding="utf-8")
    capsys.readouterr()
    for _ in range(2):  # and again while the file still can't be removed
        assert build(content, out) == 0
        err = capsys.readouterr().err
        assert "dist: let op: de nieuwe site is gepubliceerd, maar de vorige kon niet" in err
        assert "staat nu in .dist.oud-2 naast de uitvoermap" in err
        assert "niets geschreven" not in err
        assert site_files(out) == current(content, tmp_path / "schoon")
        beside = sorted(name for name in os.listdir(tmp_path) if name.startswith(".dist"))
        assert beside == [".dist.lock", ".dist.oud-2"]
    subprocess.run(["chattr", "-R", "-i", str(tmp_path)], check=False)
    (tmp_path / ".dist.oud-2" / "assets").chmod(0o755)
    assert build(content, out) == 0
    assert capsys.readouterr().err == ""
    assert ".dist.oud-2" not in os.listdir(tmp_path)


def test_an_output_on_a_shared_drive_is_published_file_by_file(
    make_tree, tmp_path, lock_down, capsys
):
    content = make_tree(SMALL)
    drive = tmp_path / "S"
    out = drive / "boom"
    out.mkdir(parents=True)
    lock_down(drive)  # S:\ may not be written, S:\boom may
    for title in ("Einde", "Anders"):
        (content / "einde.md").write_text(page(title), encoding="utf-8")
        assert build(content, out) == 0
        err = capsys.readouterr().err
        assert (
            "boom: let op: in de map boven boom (S) mag de build niet schrijven, dus is de site "
            "in boom zelf bestand voor bestand vervangen: elk bestand was steeds heel"
        ) in err
        assert contents(out) == current(content, tmp_path / f"schoon-{title}")
        assert os.listdir(drive) == ["boom"]
    (out / "verslag.docx").write_bytes(b"van iemand")
    assert build(content, out) == 1  # its promises hold there too: a file of others stays
    assert "boom bevat bestanden die deze build niet heeft gemaakt (verslag.docx)" in (
        capsys.readouterr().err
    )


def test_a_site_of_another_content_folder_is_replaced_only_when_asked(make_tree, tmp_path, capsys):
    content = make_tree(SMALL)
    out = tmp_path / "dist"
    assert build(content, out) == 0
    before = snapshot(out)
    other = write_tree(tmp_path / "starter", 3)
    for command in ("build", "serve"):
        assert main([command, "--content", str(other), "--out", str(out)]) == 1
        assert snapshot(out) == before
        err = capsys.readouterr().err
        assert (
            "dist: fout: de map dist bevat de site van een andere inhoudsmap (content), niet "
            "van starter; de build vervangt die niet zomaar: kies met --out een eigen map "
            "voor deze site, of geef --vervang als je die site echt wilt vervangen"
        ) in err
    assert main(["build", "--content", str(other), "--out", str(out), "--vervang"]) == 0
    assert snapshot(out) != before
    assert build(content, out) == 1  # now the other way round
    assert main(["build", "--content", str(content), "--out", str(out), "--vervang"]) == 0
    assert snapshot(out) == before


def test_ctrl_c_of_a_build_says_so_in_dutch(tmp_path):
    content = write_tree(tmp_path / "boom", 1000)
    process = run_build(content, tmp_path / "dist")
    time.sleep(0.8)  # somewhere in reading, rendering or writing
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()
    assert (
        err.decode()
        .strip()
        .endswith(
            "Gestopt (Ctrl+C). De uitvoermap is de vorige of de nieuwe site, nooit een halve; de "
            "volgende build ruimt op wat er nog naast staat."
        )
    )
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err
    assert build(content, tmp_path / "dist") == 0
