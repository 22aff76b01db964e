"""Crash safety: a run killed with SIGKILL mid-extraction resumes to the same bytes.

Every target is written to a temporary file and renamed into place when complete
(Luigi's LocalTarget, ``pipeline.files``), so a killed run leaves finished targets and
temporary files, never a truncated target that a rerun would take as done.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import luigi
import pytest

from pipeline import records
from pipeline.config import PROJECT_ROOT
from pipeline.files import write_bytes_atomically
from pipeline.records import ArticleExtraction, ParseResult
from tests.conftest import SAMPLE_CORPUS, TEST_CORPUS, pipeline_command

COPIES = 2  # × 20 articles: extraction takes a few seconds, long enough to be interrupted
SHARD_SIZE = "4"  # many small shards: some are done and some are not when the kill comes
LUIGI_TEMPORARY = "-luigi-tmp-"


def _corpus(folder: Path) -> Path:
    """40 articles: the project's corpora under varied names, each copy a little different."""
    folder.mkdir()
    sources = sorted([*SAMPLE_CORPUS.glob("*.txt"), *TEST_CORPUS.glob("*.txt")])
    for copy in range(COPIES):
        for source in sources:
            text = source.read_text(encoding="utf-8")
            name = f"{copy}-{source.stem[::-1][:12]}-{source.name}"
            (folder / name).write_text(f"{text}\nThis report was filed as copy {copy}.\n", encoding="utf-8")
    return folder


def _command(input_dir: Path, output: Path) -> list[str]:
    return pipeline_command(input_dir, output, "--shard-size", SHARD_SIZE, "-q")


def _run(input_dir: Path, output: Path) -> dict[str, Any]:
    done = subprocess.run(
        _command(input_dir, output),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads((output / "run-report.json").read_text(encoding="utf-8"))
    return report


def _mid_extraction(work: Path) -> bool:
    """At least one shard extracted and another one being written right now."""
    extract = work / "extract"
    if not extract.is_dir():
        return False
    names = [p.name for p in extract.iterdir()]
    return any(LUIGI_TEMPORARY in n for n in names) and any(n.endswith(".jsonl") for n in names)


def _kill_mid_extraction(input_dir: Path, output: Path) -> None:
    process = subprocess.Popen(
        _command(input_dir, output),
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while not _mid_extraction(output / "work"):
            assert process.poll() is None, "the run ended before it could be interrupted"
            assert time.monotonic() < deadline, "extraction never started"
            time.sleep(0.01)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the group this test started, nothing else
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL


def _assert_targets_complete(work: Path) -> None:
    """Every target a rerun could take as done is whole: each line a complete record."""
    for stage, record in (("parse", ParseResult), ("extract", ArticleExtraction)):
        for path in (work / stage).glob("*.jsonl"):
            text = path.read_text(encoding="utf-8")
            assert text.endswith("\n"), path
            assert list(records.load_lines(record, text.splitlines())), path
    for shard in (work / "shards").glob("*.json"):
        files = json.loads(shard.read_text(encoding="utf-8"))["files"]
        assert files, shard


@pytest.mark.slow
def test_crash_sigkill_mid_extraction_then_rerun_gives_identical_bytes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    reference = _run(corpus, tmp_path / "uninterrupted")

    interrupted = tmp_path / "interrupted"
    _kill_mid_extraction(corpus, interrupted)
    work = interrupted / "work"
    assert not (interrupted / "diplomacy.ttl").exists()
    leftovers = [p for p in work.rglob("*") if LUIGI_TEMPORARY in p.name]
    assert leftovers, "the kill came while a target was being written"
    _assert_targets_complete(work)

    resumed = _run(corpus, interrupted)
    for name in ("diplomacy.ttl", "validation-report.ttl"):
        assert (interrupted / name).read_bytes() == (tmp_path / "uninterrupted" / name).read_bytes(), name
    assert resumed["files"] == reference["files"]
    assert resumed["counts"] == reference["counts"]
    reused = [t for t in resumed["tasks"]["reused"] if t.startswith("ExtractShard:")]
    redone = [t for t in resumed["tasks"]["ran"] if t.startswith("ExtractShard:")]
    assert reused, "shards finished before the kill are reused"
    assert redone, "the shard killed mid-write is redone, its temporary file not taken as done"


def test_crash_failed_task_leaves_no_target(tmp_path: Path) -> None:
    target = luigi.LocalTarget(str(tmp_path / "extract" / "shard.jsonl"))

    def write_then_fail() -> None:
        with target.open("w") as out:
            out.write('{"half": "a rec')
            raise RuntimeError("extraction failed")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert not target.exists()
    assert list((tmp_path / "extract").iterdir()) == []


def test_crash_atomic_write_keeps_the_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "diplomacy.ttl"
    write_bytes_atomically(path, b"old graph\n")

    def fail(_: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="disk full"):
        write_bytes_atomically(path, b"new graph, half written")
    assert path.read_bytes() == b"old graph\n"
    assert [p.name for p in tmp_path.iterdir()] == ["diplomacy.ttl"], "no temporary file left behind"
