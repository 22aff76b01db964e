"""Progress of a run: tasks write small records, the command line shows them.

Tasks may run in this process, in Luigi's worker processes or on other machines (a
central ``luigid``), so they do not print: each task writes a record (stage, key,
articles done of total, when it started) atomically to ``OUTPUT/work/progress/`` as it
goes, and a ``Reporter`` thread in the command-line process polls those files and
draws them — a redrawn line on a terminal, plain lines in logs and CI. The records are
never read by any task, so progress cannot change what a run produces.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, TypeVar

T = TypeVar("T")

# Task families in chain order, and the short names people read.
STAGE_NAMES = {
    "ParseShard": "parse",
    "ExtractShard": "extract",
    "Resolve": "resolve",
    "GenerateRdf": "rdf",
    "Validate": "validate",
    "DrawReport": "draw",  # the report's reading of the graph, beside validation
    "Publish": "publish",
    "Report": "report",
}
_WRITE_EVERY = 0.25  # seconds between two records of one task (the first and last always go)
_POLL_EVERY = 0.1  # seconds between two looks at the records
_RATE_AFTER = 1.0  # seconds a stage must take before its rate means something


@dataclass(frozen=True)
class TaskTotal:
    """A task the run expects, with the number of articles it goes through."""

    stage: str  # the task family, e.g. "ExtractShard"
    key: str
    total: int


@dataclass(frozen=True)
class Record:
    stage: str
    key: str
    done: int
    total: int
    started: float  # wall-clock seconds, from the machine that runs the task
    updated: float
    finished: bool


def stage_name(stage: str) -> str:
    return STAGE_NAMES.get(stage, stage.lower())


def record_path(folder: Path, stage: str, key: str) -> Path:
    return folder / f"{stage}-{key}.json"


class ProgressWriter:
    """Writes one task's record: ``start``, ``advance`` per article, ``finish``."""

    def __init__(self, folder: Path, stage: str, key: str, *, clock: Callable[[], float] = time.time) -> None:
        self.path = record_path(folder, stage, key)
        self.stage, self.key, self.clock = stage, key, clock
        self.done = self.total = 0
        self.started = self.written = 0.0

    def start(self, total: int) -> None:
        self.done, self.total = 0, total
        self.started = self.clock()
        self._write(finished=False)

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.clock() - self.written >= _WRITE_EVERY:
            self._write(finished=False)

    def counted(self, items: Iterable[T]) -> Iterator[T]:
        """``items`` unchanged, advancing by one after each."""
        for item in items:
            yield item
            self.advance()

    def finish(self) -> None:
        self.done = self.total
        self._write(finished=True)

    def _write(self, *, finished: bool) -> None:
        self.written = self.clock()
        record = Record(self.stage, self.key, self.done, self.total, self.started, self.written, finished)
        text = json.dumps(record.__dict__, sort_keys=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Atomic (rename) but not synced: a record lost in a crash costs nothing.
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, self.path)


def read_records(folder: Path, tasks: Iterable[TaskTotal]) -> dict[tuple[str, str], Record]:
    """The records of ``tasks`` written so far (missing or unreadable ones are left out)."""
    found = {}
    for task in tasks:
        try:
            data = json.loads(record_path(folder, task.stage, task.key).read_text(encoding="utf-8"))
            found[(task.stage, task.key)] = Record(**data)
        except (OSError, ValueError, TypeError):
            continue
    return found


def clear_records(folder: Path, tasks: Iterable[TaskTotal]) -> None:
    """Remove what an earlier, interrupted run of these tasks left."""
    for task in tasks:
        record_path(folder, task.stage, task.key).unlink(missing_ok=True)


@dataclass(frozen=True)
class StageState:
    """One stage of the run, summed over its tasks."""

    stage: str
    done: int
    total: int
    started: float | None
    ended: float | None  # when the last task finished; None while any is running

    @property
    def name(self) -> str:
        return stage_name(self.stage)

    def elapsed(self, now: float) -> float:
        return max((self.ended or now) - self.started, 0.0) if self.started is not None else 0.0

    def rate(self, now: float) -> float:
        elapsed = self.elapsed(now)
        return self.done / elapsed if elapsed > 0 and self.done else 0.0

    def left(self, now: float) -> float | None:
        rate = self.rate(now)
        return (self.total - self.done) / rate if rate and self.ended is None else None


def stage_states(tasks: Sequence[TaskTotal], records: dict[tuple[str, str], Record]) -> list[StageState]:
    """Per stage, in chain order: articles done of total, first start, last finish."""
    order = {stage: i for i, stage in enumerate(STAGE_NAMES)}
    stages = sorted({t.stage for t in tasks}, key=lambda s: (order.get(s, len(order)), s))
    states = []
    for stage in stages:
        mine = [t for t in tasks if t.stage == stage]
        seen = [records[(t.stage, t.key)] for t in mine if (t.stage, t.key) in records]
        finished = len(seen) == len(mine) and all(r.finished for r in seen)
        states.append(
            StageState(
                stage=stage,
                done=sum(min(r.done, t.total) for t in mine for r in seen if r.key == t.key),
                total=sum(t.total for t in mine),
                started=min((r.started for r in seen), default=None),
                ended=max(r.updated for r in seen) if finished and seen else None,
            )
        )
    return states


def duration(seconds: float) -> str:
    """``0.4 s``, ``12 s``, ``3 min 05 s``, ``1 h 02 min``."""
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes, rest = divmod(int(seconds + 0.5), 60)
    if minutes < 60:
        return f"{minutes} min {rest:02d} s"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _articles(done: int, total: int) -> str:
    """``3/8 articles, `` — nothing for a task that does not count articles (total 0)."""
    return f"{done:,}/{total:,} article{'s' if total != 1 else ''}, " if total else ""


def started_line(state: StageState) -> str:
    count = f"{state.total:,} article{'s' if state.total != 1 else ''}" if state.total else ""
    return f"{state.name:<9}started  {count}".rstrip()


def running_line(state: StageState, now: float) -> str:
    text = f"{state.name:<9}running  {_articles(state.done, state.total)}"
    if state.total:
        text = text[:-2] + f" ({100 * state.done // state.total}%), "
    left = state.left(now)
    if left is None:
        return text + f"{duration(state.elapsed(now))} so far"
    return text + f"{state.rate(now):.1f} articles/s, about {duration(left)} left"


def done_line(state: StageState, now: float) -> str:
    rate = state.rate(now) if state.elapsed(now) >= _RATE_AFTER else 0.0
    speed = f", {rate:.1f} articles/s" if rate else ""
    counted = _articles(state.done, state.total)[:-2]
    return (
        f"{state.name:<9}done     {counted + ' ' if counted else ''}in {duration(state.elapsed(now))}{speed}"
    )


def reused_line(stage: str, total: int) -> str:
    return f"{stage_name(stage):<9}reused   {total:,} article{'s' if total != 1 else ''}: nothing changed since an earlier run"


class Reporter:
    """Draws the progress of the tasks of a run on ``stream`` while it runs.

    ``live``: one line redrawn in place (a terminal); otherwise a line when a stage
    starts, at most every ``interval`` seconds while it runs (if it moved), and when
    it ends.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        live: bool,
        interval: float | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.stream, self.live, self.clock = stream, live, clock
        self.interval = interval if interval is not None else 10.0
        self.folder = Path()
        self.tasks: list[TaskTotal] = []
        self._said: dict[str, tuple[str, float, int]] = {}  # stage → (what, when, done)
        self._drawn = 0  # width of the live line on screen
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def begin(self, folder: Path, tasks: Sequence[TaskTotal], reused: Sequence[TaskTotal]) -> None:
        """Announce the run, then watch ``folder`` for the records of ``tasks``."""
        self.folder, self.tasks = folder, list(tasks)
        articles = max([t.total for t in [*tasks, *reused]], default=0)
        shards = len({t.key for t in [*tasks, *reused] if t.stage == "ParseShard"})
        self._print(
            f"diplomacy-kg: {articles:,} input files in {shards:,} shard{'s' if shards != 1 else ''}; "
            f"{len(tasks):,} task{'s' if len(tasks) != 1 else ''} to run, {len(reused):,} reused"
        )
        running = {t.stage for t in tasks}
        for state in stage_states(list(reused), {}):
            if state.stage not in running:
                self._print(reused_line(state.stage, state.total))
        self._stop.clear()
        self._thread = threading.Thread(target=self._watch, name="progress", daemon=True)
        self._thread.start()

    def end(self) -> None:
        """Stop watching; draw the final state and leave the terminal line clean."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self.poll()
        self._clear()
        self.stream.flush()

    def _watch(self) -> None:
        while not self._stop.wait(_POLL_EVERY):
            try:
                self.poll()
            except (OSError, ValueError):  # a closed stream or a half-read folder: try again
                continue

    def poll(self) -> None:
        """Read the records once and draw what changed."""
        now = self.clock()
        states = stage_states(self.tasks, read_records(self.folder, self.tasks))
        for state in states:
            said, when, done = self._said.get(state.stage, ("", 0.0, -1))
            if state.ended is not None and said != "done":
                self._print(done_line(state, now))
                self._said[state.stage] = ("done", now, state.done)
            elif state.started is not None and state.ended is None and not self.live:
                if said == "":
                    self._print(started_line(state))
                    self._said[state.stage] = ("started", now, state.done)
                elif now - when >= self.interval and state.done != done:
                    self._print(running_line(state, now))
                    self._said[state.stage] = ("running", now, state.done)
        if self.live:
            self._draw([s for s in states if s.started is not None and s.ended is None], now)

    def _print(self, line: str) -> None:
        self._clear()
        self.stream.write(line + "\n")
        self.stream.flush()

    def _clear(self) -> None:
        if self._drawn:
            self.stream.write("\r" + " " * self._drawn + "\r")
            self._drawn = 0

    def _draw(self, running: list[StageState], now: float) -> None:
        width = max(shutil.get_terminal_size((100, 24)).columns - 1, 20)
        text = " | ".join(_bar(s, now) for s in running)[:width]
        self._clear()
        self.stream.write(text)
        self.stream.flush()
        self._drawn = len(text)


def _bar(state: StageState, now: float) -> str:
    filled = 20 * state.done // state.total if state.total else 0
    line = running_line(state, now).split("running  ", 1)[1]
    return f"{state.name} [{'#' * filled}{'.' * (20 - filled)}] {line}"
