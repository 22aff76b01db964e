"""The output folder of a run: created if needed, written by one run at a time.

Two runs writing one folder would interleave their targets and the last writer would
win. A run holds an exclusive ``flock`` on ``.diplomacy-kg.lock`` in the folder while it
works and writes its pid there; a second run fails at once, naming that pid. The kernel
drops the lock when its holder dies, even by SIGKILL, so a lock file left by a killed
run holds only a stale pid, and the next run takes the lock over.

Runs that share a central Luigi scheduler (``--scheduler-host``) are one run on several
machines: the scheduler gives each task to one of them, so they share the lock, and only
a run with its own local scheduler is turned away (or turns them away).
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import InputError, OutputInUseError

LOCK_FILE = ".diplomacy-kg.lock"
_PID_WAIT_SECONDS = 1.0  # a run that has just taken the lock writes its pid right after


@contextmanager
def hold_output_folder(folder: Path, *, shared: bool = False) -> Iterator[None]:
    """Create ``folder`` (and its parents) and hold it until the block ends.

    ``shared``: hold it together with other shared holders (runs on a central scheduler).
    """
    _create(folder)
    path = folder / LOCK_FILE
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise InputError(f"cannot write in the output folder {folder}: {exc.strerror}") from exc
    try:
        try:
            fcntl.flock(descriptor, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputInUseError(
                f"the output folder {folder} is in use by another run ({_holder(path)}): "
                "wait for it to end, or give another --output"
            ) from None
        try:
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        except OSError as exc:
            raise InputError(f"cannot write in the output folder {folder}: {exc.strerror}") from exc
        yield
    finally:
        os.close(descriptor)  # releases the lock; the file stays, so no run locks a file unlinked under it


def _create(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise InputError(f"the output folder is a file, not a folder: {folder} (give another --output)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the output folder {folder}: {exc.strerror}") from exc


def _holder(path: Path) -> str:
    """ "pid N" of the run holding the lock, as far as its file tells."""
    deadline = time.monotonic() + _PID_WAIT_SECONDS
    while True:
        try:
            text = path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            text = ""
        if text.isdigit():
            return f"pid {text}"
        if time.monotonic() > deadline:
            return "pid unknown"
        time.sleep(0.05)
