"""Publish a site and stop at the n-th call to the file system: killed, as when the power
goes, or interrupted, as by Ctrl-C. Run by test_publish.py as its own process:

    python interrupt.py OUT FILES N kill|ctrl-c

FILES is a pickled {name: bytes}. Every call that Python's audit hooks see ("open" and the
"os." events: mkdir, rename, remove, rmdir, link, scandir, ...) counts, so each n stops
the publish at another system call. Exit 0: the publish ended before the n-th call.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from pathlib import Path

from beslisboom import write


def main() -> int:
    out, files_path, number, how = sys.argv[1:5]
    files = pickle.loads(Path(files_path).read_bytes())
    count = 0

    def hook(event: str, _args: object) -> None:
        nonlocal count
        if event == "open" or event.startswith("os."):
            count += 1
            if count == int(number):
                if how == "kill":
                    os.kill(os.getpid(), signal.SIGKILL)
                raise KeyboardInterrupt

    sys.addaudithook(hook)
    try:
        write.publish(Path(out), files)
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
