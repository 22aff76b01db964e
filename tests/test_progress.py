"""Progress: records written by tasks, drawn by the command line (lines, or one live line)."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

from pipeline.config import PROJECT_ROOT
from pipeline.run.progress import (
    ProgressWriter,
    Reporter,
    TaskTotal,
    clear_records,
    duration,
    read_records,
    running_line,
    stage_states,
)
from tests.conftest import SAMPLE_CORPUS, pipeline_command


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_progress_writer_records_articles_done(tmp_path: Path) -> None:
    clock = Clock()
    writer = ProgressWriter(tmp_path, "ExtractShard", "k1", clock=clock)
    task = TaskTotal("ExtractShard", "k1", 4)
    writer.start(4)
    assert read_records(tmp_path, [task])[("ExtractShard", "k1")].done == 0
    clock.now += 1
    assert list(writer.counted(["a", "b"])) == ["a", "b"]
    record = read_records(tmp_path, [task])[("ExtractShard", "k1")]
    assert (record.done, record.total, record.finished) == (1, 4, False)  # written at most every 0.25 s
    writer.finish()
    record = read_records(tmp_path, [task])[("ExtractShard", "k1")]
    assert (record.done, record.finished) == (4, True)
    clear_records(tmp_path, [task])
    assert read_records(tmp_path, [task]) == {}


def test_progress_stage_sums_its_shards(tmp_path: Path) -> None:
    clock = Clock()
    tasks = [
        TaskTotal("ExtractShard", "a", 6),
        TaskTotal("ExtractShard", "b", 4),
        TaskTotal("Resolve", "r", 10),
    ]
    first = ProgressWriter(tmp_path, "ExtractShard", "a", clock=clock)
    first.start(6)
    clock.now += 2
    first.advance(3)
    states = stage_states(tasks, read_records(tmp_path, tasks))
    assert [(s.name, s.done, s.total, s.started is not None) for s in states] == [
        ("extract", 3, 10, True),
        ("resolve", 0, 10, False),
    ]
    assert running_line(states[0], clock.now) == (
        "extract  running  3/10 articles (30%), 1.5 articles/s, about 4.7 s left"
    )
    assert duration(125) == "2 min 05 s" and duration(3720) == "1 h 02 min"


def test_progress_lines_mode_says_each_stage_once(tmp_path: Path) -> None:
    tasks = [TaskTotal("ParseShard", "p", 3), TaskTotal("ExtractShard", "e", 3)]
    for task in tasks:
        writer = ProgressWriter(tmp_path, task.stage, task.key)
        writer.start(task.total)
        writer.finish()
    out = io.StringIO()
    reporter = Reporter(out, live=False)
    reporter.begin(tmp_path, tasks, [TaskTotal("Resolve", "r", 3)])
    reporter.end()
    lines = out.getvalue().splitlines()
    assert lines[0] == "diplomacy-kg: 3 input files in 1 shard; 2 tasks to run, 1 reused"
    assert lines[1].startswith("resolve  reused   3 articles")
    assert [line.split()[:2] for line in lines[2:]] == [["parse", "done"], ["extract", "done"]]
    assert "\r" not in out.getvalue()


def test_progress_live_mode_redraws_one_line(tmp_path: Path) -> None:
    task = TaskTotal("ExtractShard", "e", 8)
    writer = ProgressWriter(tmp_path, task.stage, task.key)
    writer.start(8)
    out = io.StringIO()
    reporter = Reporter(out, live=True)
    reporter.folder, reporter.tasks = tmp_path, [task]
    reporter.poll()
    assert out.getvalue().startswith("extract [....................] 0/8 articles")
    assert "\n" not in out.getvalue()
    writer.finish()
    reporter.poll()
    reporter.end()
    text = out.getvalue()
    assert text.endswith("\n") and text.splitlines()[-1].lstrip("\r ").startswith("extract  done     8/8")


def test_progress_non_tty_is_line_based_and_ends_with_the_summary(tmp_path: Path) -> None:
    command = pipeline_command(SAMPLE_CORPUS, tmp_path)
    # stderr (progress) and stdout (summary) in one pipe, as a log or CI sees them.
    done = subprocess.run(
        command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600, check=True
    )
    text = done.stdout.decode("utf-8")
    assert "\r" not in text and "\x1b" not in text
    lines = text.splitlines()
    summary_at = lines.index("diplomacy-kg: the graph conforms")
    progress, summary = lines[:summary_at], lines[summary_at:]
    assert re.fullmatch(
        r"diplomacy-kg: 8 input files in \d+ shards?; \d+ tasks to run, 0 reused", progress[0]
    )
    stage_line = re.compile(
        r"(parse|extract|resolve|rdf|validate|draw|publish|report) +(started|running|done) +\S.*"
    )
    assert all(stage_line.fullmatch(line) for line in progress[1:]), progress
    finished = [line.split()[0] for line in progress if " done " in line]
    # Validation and the report's drawing need only the graph: either may end first.
    assert finished[:4] == ["parse", "extract", "resolve", "rdf"] and finished[-1] == "report"
    assert sorted(finished[4:-1]) == ["draw", "publish", "validate"]
    assert finished.index("validate") < finished.index("publish")
    assert summary[-1].strip().startswith("picture") and summary[-1].endswith("meetings.svg")
    assert any(line.split()[:1] == ["triples"] for line in summary)
