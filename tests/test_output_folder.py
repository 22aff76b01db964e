"""One writer per output folder: a second run fails at once naming the holder's pid; the
lock of a killed run is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from pipeline.cli import EXIT_ERROR, EXIT_OK
from pipeline.config import PROJECT_ROOT
from pipeline.errors import OutputInUseError
from pipeline.run.output_folder import LOCK_FILE, hold_output_folder
from tests.conftest import SAMPLE_CORPUS, pipeline_command


def test_output_folder_is_held_by_one_holder_at_a_time(tmp_path: Path) -> None:
    output = tmp_path / "new" / "output"
    with hold_output_folder(output):
        assert (output / LOCK_FILE).read_text(encoding="ascii") == f"{os.getpid()}\n"
        with pytest.raises(OutputInUseError, match=f"in use by another run \\(pid {os.getpid()}\\)"):
            with hold_output_folder(output):
                pass
    with hold_output_folder(output):  # released when the block ends
        pass


def test_output_folder_runs_on_a_central_scheduler_share_it(tmp_path: Path) -> None:
    output = tmp_path / "output"
    with hold_output_folder(output, shared=True), hold_output_folder(output, shared=True):
        with pytest.raises(OutputInUseError):
            with hold_output_folder(output):
                pass
    with hold_output_folder(output), pytest.raises(OutputInUseError):
        with hold_output_folder(output, shared=True):
            pass


def _start(output: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        pipeline_command(SAMPLE_CORPUS, output, "-q"),
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_lock(lock: Path, holder: subprocess.Popen[str]) -> None:
    """Until the run ``holder`` has written its pid in the lock file."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if lock.exists() and lock.read_text(encoding="ascii").strip() == str(holder.pid):
            return
        assert holder.poll() is None, holder.communicate()[1]
        time.sleep(0.02)
    raise AssertionError("the first run never took the lock")


@pytest.mark.slow
def test_output_folder_second_run_fails_and_a_killed_runs_lock_is_taken_over(tmp_path: Path) -> None:
    output = tmp_path / "output"
    first = _start(output)
    try:
        _wait_for_lock(output / LOCK_FILE, first)
        # Frozen while it holds the lock: the second run meets a held lock, whatever the timing.
        os.kill(first.pid, signal.SIGSTOP)
        second = subprocess.run(
            pipeline_command(SAMPLE_CORPUS, output, "-q"),
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == EXIT_ERROR, second.stderr
        assert second.stderr.splitlines() == [
            f"diplomacy-kg: error: the output folder {output} is in use by another run "
            f"(pid {first.pid}): wait for it to end, or give another --output"
        ]
    finally:
        first.kill()  # SIGKILL: no clean-up runs, the lock file keeps its pid
        first.communicate()
    assert (output / LOCK_FILE).read_text(encoding="ascii").strip() == str(first.pid)

    third = subprocess.run(
        pipeline_command(SAMPLE_CORPUS, output, "-q"),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert third.returncode == EXIT_OK, third.stderr
    assert third.stderr == ""
    assert (output / "diplomacy.ttl").stat().st_size > 0
