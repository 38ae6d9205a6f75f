"""The engine's code as CI holds it: typed (mypy) and in the project's style (ruff)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_the_engine_type_checks(tmp_path):
    command = [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_code_follows_the_style(tmp_path):
    for command in (["check"], ["format", "--check"]):
        done = subprocess.run(
            [sys.executable, "-m", "ruff", *command, "--no-cache", "beslisboom", "tests", "bench"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stdout + done.stderr
