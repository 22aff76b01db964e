"""The rows a Turtle writer sorts and merges, and the subjects (groups) a graph file keeps."""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import IO, Any

Key = tuple[tuple[int, str, str, str], ...]
# Where a triple comes from (see ``merged_blocks``); rows of plain ``blocks`` have none.
Tag = bytes
NO_TAG = b""
# A triple ready to write: its sort key, its subject, predicate and object as Turtle, its tag.
Row = tuple[Key, str, str, str, Tag]
# A subject as a graph wrote it: its sort key, the tags of its rows, its block (None when
# it holds untagged rows, which are made again each time) and its tagged rows, pickled.
Group = tuple[tuple[int, str, str, str], tuple[Tag, ...], str | None, bytes]
_SPILL_BATCH = 2_000


class BatchWriter:
    """Items (rows, groups) pickled in batches, then an end mark: read back with
    ``read_batches``, which tells a file cut short, even between two batches."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out
        self._pending: list[Any] = []

    def add(self, item: Any) -> None:
        self._pending.append(item)
        if len(self._pending) >= _SPILL_BATCH:
            self._dump()

    def end(self) -> None:
        if self._pending:
            self._dump()
        pickle.dump(None, self._out)

    def _dump(self) -> None:
        # A batch a pickle: one memo for all would hold every item written so far.
        pickle.dump(self._pending, self._out, protocol=pickle.HIGHEST_PROTOCOL)
        self._pending = []


def write_batches(items: Iterable[Any], out: IO[bytes]) -> None:
    """``items`` as ``BatchWriter`` writes them."""
    writer = BatchWriter(out)
    for item in items:
        writer.add(item)
    writer.end()


def read_batches(handle: IO[bytes]) -> Iterator[Any]:
    """The items ``BatchWriter`` wrote, from where ``handle`` stands to the end mark
    (``EOFError`` when the file ends before it)."""
    while (batch := pickle.load(handle)) is not None:
        yield from batch


def by_subject(previous: Iterable[Group], rows: Iterable[Row]) -> Iterator[tuple[Group | None, list[Row]]]:
    """Every subject of either, in writing order: its group in ``previous`` (None if it has
    none) and its rows in ``rows`` (both in writing order)."""
    groups = iter(previous)
    fresh = ((key, list(same)) for key, same in groupby(rows, key=_subject_key))
    old, new = next(groups, None), next(fresh, None)
    while old is not None or new is not None:
        if new is None or (old is not None and old[0] < new[0]):
            yield old, []
            old = next(groups, None)
        elif old is None or new[0] < old[0]:
            yield None, new[1]
            new = next(fresh, None)
        else:
            yield old, new[1]
            old, new = next(groups, None), next(fresh, None)


def _subject_key(row: Row) -> tuple[int, str, str, str]:
    return row[0][0]


def block(rows: list[Row]) -> str:
    """The Turtle statement of one subject's rows (in writing order, repeats included)."""
    lines = []
    for predicate, objects in groupby(_distinct(rows), key=_predicate_text):
        values = " , ".join(row[3] for row in objects)
        lines.append(f"{predicate} {values}")
    return f"{rows[0][1]} " + " ;\n    ".join(lines) + " .\n\n"


def _predicate_text(row: Row) -> str:
    return row[2]


def group(rows: list[Row], block: str) -> Group | None:
    """What the next graph needs of a subject: None when none of its rows has a tag."""
    tagged = [row for row in rows if row[4] != NO_TAG]
    if not tagged:
        return None
    tags = tuple(sorted({row[4] for row in tagged}))
    written = block if len(tagged) == len(rows) else None
    return rows[0][0][0], tags, written, pickle.dumps(tagged, protocol=pickle.HIGHEST_PROTOCOL)


def _distinct(rows: Iterable[Row]) -> Iterator[Row]:
    """Rows in order without repeats (one triple can be in several runs)."""
    previous = None
    for row in rows:
        if row[0] != previous:
            previous = row[0]
            yield row
