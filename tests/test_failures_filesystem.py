"""Every command fails in one line and exit 2 when the file system says no.

Each case runs the command as a user does, in a fresh process, and asserts exit 2 and
exactly one line on stderr, with no traceback: a folder that cannot be written, a
missing input, a file where a folder belongs and the reverse, a full disk.

Tests run as root, for whom permission bits are no obstacle: a read-only folder is a
read-only tmpfs and a full disk a tiny tmpfs, mounted by the test. Where mounting is not
allowed (a user's machine), the folder is made read-only by its mode and the disk "fills"
through a file size limit (RLIMIT_FSIZE) on the command's process.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.cli import EXIT_ERROR
from pipeline.config import PROJECT_ROOT
from tests.conftest import SAMPLE_CORPUS

SMALL_DISK = 64 * 1024  # bytes: room for a lock file and a plan, not for a run


@dataclass(frozen=True)
class Folder:
    """A folder for a test, and what the command's process needs for it to behave as meant."""

    path: Path
    preexec: Callable[[], None] | None = None  # set when a file size limit stands in for a tmpfs

    def says_it_is_full(self, line: str) -> bool:
        if self.preexec is None:
            return "No space left on device" in line
        return "File too large" in line or "No usable temporary directory" in line


def _may_mount() -> bool:
    return os.geteuid() == 0


def _mount(where: Path, options: str) -> bool:
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True, check=False
    )
    return done.returncode == 0


@contextmanager
def _tmpfs(where: Path, options: str) -> Iterator[bool]:
    """A tmpfs mounted on ``where`` for the block, when this process may mount (True)."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = _may_mount() and _mount(where, options)
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", str(where)], capture_output=True, check=True)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Folder]:
    """An existing folder nobody can write in, root included."""
    folder = tmp_path / "read-only"
    with _tmpfs(folder, "ro,size=64k") as mounted:
        if mounted:
            yield Folder(folder)
            return
        folder.chmod(0o555)
        try:
            yield Folder(folder)
        finally:
            folder.chmod(0o755)


def _fill(folder: Path) -> None:
    descriptor = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(descriptor, b"\0" * 4096):
            pass
    except OSError:
        pass  # full
    finally:
        os.close(descriptor)


def _file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Folder]:
    """A folder on a disk with no byte left."""
    folder = tmp_path / "full"
    with _tmpfs(folder, f"size={SMALL_DISK}") as mounted:
        if mounted:
            _fill(folder)
            yield Folder(folder)
        else:
            yield Folder(folder, _file_size_limit(0))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Folder]:
    """A folder on a disk that fills up while a run writes its work files."""
    folder = tmp_path / "small"
    with _tmpfs(folder, f"size={SMALL_DISK}") as mounted:
        # A file size limit is per file: one work file "fills" it.
        yield Folder(folder) if mounted else Folder(folder, _file_size_limit(4096))


def _command(*arguments: str, preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *arguments],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=preexec,
        check=False,
    )


def _fails_in_one_line(done: subprocess.CompletedProcess[str], *words: str) -> str:
    """The one line the failed command printed; it must name each of ``words``."""
    assert done.returncode == EXIT_ERROR, (done.returncode, done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    (line,) = lines
    assert line.startswith("diplomacy-kg: error: "), line
    assert "Traceback" not in line
    for word in words:
        assert word in line, line
    return line


def _run(output: Path, *extra: str, preexec: Callable[[], None] | None = None) -> str:
    done = _command(
        "run", "--input", str(SAMPLE_CORPUS), "--output", str(output), "-q", *extra, preexec=preexec
    )
    return _fails_in_one_line(done)


# ---------------------------------------------------------------- run


def test_failures_run_into_a_read_only_folder(read_only: Folder) -> None:
    line = _run(read_only.path)
    assert f"cannot write in the output folder {read_only.path}" in line


def test_failures_run_into_a_new_folder_under_a_read_only_one(read_only: Folder) -> None:
    line = _run(read_only.path / "output")
    assert f"cannot create the output folder {read_only.path / 'output'}" in line


def test_failures_run_into_a_file(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    line = _run(tmp_path / "a-file")
    assert "the output folder is a file, not a folder" in line
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "not a folder\n"


def test_failures_run_into_a_folder_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    assert "Not a directory" in _run(tmp_path / "a-file" / "output")


def test_failures_run_on_a_full_disk(full_disk: Folder) -> None:
    assert full_disk.says_it_is_full(_run(full_disk.path / "output", preexec=full_disk.preexec))


@pytest.mark.slow
def test_failures_run_whose_disk_fills_up_on_the_way(small_disk: Folder) -> None:
    line = _run(small_disk.path / "output", preexec=small_disk.preexec)
    assert "the run did not finish" in line and small_disk.says_it_is_full(line)


@pytest.mark.slow
def test_failures_a_failing_task_is_one_line_and_its_traceback_comes_with_v(tmp_path: Path) -> None:
    output = tmp_path / "output"
    (output / "work").mkdir(parents=True)
    (output / "work" / "parse").write_text("a file where the parse targets go\n", encoding="utf-8")
    line = _run(output)
    assert "the run did not finish: ParseShard" in line and "Not a directory" in line

    verbose = _command("run", "--input", str(SAMPLE_CORPUS), "--output", str(output), "-v")
    assert verbose.returncode == EXIT_ERROR
    assert "Traceback (most recent call last)" in verbose.stderr
    assert verbose.stderr.splitlines()[-1].startswith("diplomacy-kg: error: the run did not finish")


def test_failures_run_with_a_missing_input(tmp_path: Path) -> None:
    done = _command("run", "--input", str(tmp_path / "missing"), "--output", str(tmp_path / "out"), "-q")
    _fails_in_one_line(done, "input folder not found or not a folder")
    assert not (tmp_path / "out").exists(), "a failed run creates no output folder"


def test_failures_run_with_a_file_as_input(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("An article, not a folder of them.\n", encoding="utf-8")
    done = _command("run", "--input", str(article), "--output", str(tmp_path / "out"), "-q")
    _fails_in_one_line(done, "input folder not found or not a folder")


# ---------------------------------------------------------------- report, load, query, serve, evaluate


@pytest.fixture
def graph(pipeline_run: Callable[[Path], Path]) -> Path:
    """The graph of the sample corpus (shared by the session: only read here)."""
    return pipeline_run(SAMPLE_CORPUS) / "diplomacy.ttl"


def test_failures_report_into_a_read_only_folder(graph: Path, read_only: Folder) -> None:
    target = read_only.path / "report.html"
    _fails_in_one_line(_command("report", str(graph), "--output", str(target)), str(target))


def test_failures_report_onto_a_folder(graph: Path, tmp_path: Path) -> None:
    _fails_in_one_line(_command("report", str(graph), "--output", str(tmp_path)), "Is a directory")


def test_failures_report_under_a_file(graph: Path, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x\n", encoding="utf-8")
    target = tmp_path / "a-file" / "report.html"
    _fails_in_one_line(_command("report", str(graph), "--output", str(target)), "Not a directory")


def test_failures_report_picture_on_a_full_disk(graph: Path, tmp_path: Path, full_disk: Folder) -> None:
    done = _command(
        "report",
        str(graph),
        "--output",
        str(tmp_path / "report.html"),
        "--picture",
        str(full_disk.path / "meetings.svg"),
        preexec=full_disk.preexec,
    )
    assert full_disk.says_it_is_full(_fails_in_one_line(done))


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["report", "{tmp}/missing.ttl"], ["not a file: {tmp}/missing.ttl"]),
        (["report", "{tmp}"], ["not a file: {tmp}"]),
        (["load", "{tmp}/missing.ttl"], ["not a file: {tmp}/missing.ttl"]),
        (["load", "{tmp}"], ["not a file: {tmp}"]),
        (["load", "{graph}", "--store", "{tmp}/a-file"], ["{tmp}/a-file", "not an Oxigraph store"]),
        (["query", "meetings", "--store", "{tmp}/missing"], ["no store at {tmp}/missing"]),
        (["query", "meetings", "--store", "{tmp}/a-file"], ["no store at {tmp}/a-file"]),
        (["serve", "--store", "{tmp}/missing", "--port", "0"], ["no store at {tmp}/missing"]),
        (["serve", "--store", "{tmp}/a-file", "--port", "0"], ["no store at {tmp}/a-file"]),
        (["evaluate", "--gold", "{tmp}/missing.json", "{graph}"], ["not a file: {tmp}/missing.json"]),
        (["evaluate", "--gold", "{tmp}", "{graph}"], ["not a file: {tmp}"]),
        (["evaluate", "--gold", "{tmp}/a-file", "{graph}"], ["{tmp}/a-file: not a readable JSON gold file"]),
        (
            ["evaluate", "--gold", "{tmp}/gold.json", "{tmp}/a-file"],
            ["{tmp}/a-file: not a readable Turtle graph"],
        ),
    ],
    ids=[
        "report-missing-graph",
        "report-folder-as-graph",
        "load-missing-graph",
        "load-folder-as-graph",
        "load-into-a-file",
        "query-missing-store",
        "query-file-as-store",
        "serve-missing-store",
        "serve-file-as-store",
        "evaluate-missing-gold",
        "evaluate-folder-as-gold",
        "evaluate-gold-not-json",
        "evaluate-graph-not-turtle",
    ],
)
def test_failures_commands_on_missing_or_wrong_kind_of_path(
    arguments: list[str], words: list[str], graph: Path, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("x\n", encoding="utf-8")
    (tmp_path / "gold.json").write_text('{"documents": {}}\n', encoding="utf-8")
    values = {"tmp": tmp_path, "graph": graph}
    done = _command(*(argument.format(**values) for argument in arguments))
    _fails_in_one_line(done, *(word.format(**values) for word in words))


def test_failures_load_into_a_read_only_folder(graph: Path, read_only: Folder) -> None:
    store = read_only.path / "store"
    _fails_in_one_line(_command("load", str(graph), "--store", str(store)), str(store))
