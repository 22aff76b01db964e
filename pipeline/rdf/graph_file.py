"""Write the graph of a resolution as Turtle, reusing the rows of the last graph written.

Each entity of a resolution (an article, a person, an office, a holding, a meeting)
gives triples that depend on it alone (``triples.entity_triples``), so an entity that
was in the last graph gives the same rows again. The rows of the last graph, each tagged
with the digest of the entity it comes from, are kept in one file per rows key
(``<cache>/<key>.rows``: the code, the ontology and the base IRI decide it). A new graph
takes the rows of the entities it still has from that file, already in order, and makes
rows only for its new entities and for the vocabulary (roles, countries, topics: always
made again, they are few). Adding one article to a large corpus thus makes the triples of
a few entities, not of all. The bytes are the same as writing the graph from nothing.
"""

from __future__ import annotations

import functools
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pipeline.codec import ItemDigests, from_item_lines_digested
from pipeline.extract.lexicon import Lexicon
from pipeline.rdf.triples import Triple, entity_triples, vocabulary_triples
from pipeline.rdf.turtle import NO_TAG, RUN_TRIPLES, Row, Tag, TurtleWriter, read_rows, write_rows
from pipeline.records import Resolution

_MAGIC = b"diplomacy-kg rows 1\n"
_SUFFIX = ".rows"


@dataclass(frozen=True)
class GraphWritten:
    """What writing a graph reused: entities whose rows came from the last graph, and all."""

    entities: int
    reused: int


class DamagedRows(Exception):
    """The rows file of the last graph cannot be read to its end."""


def write_graph(
    resolution_lines: Iterable[str],
    out: IO[str],
    *,
    writer: TurtleWriter,
    lexicon: Lexicon,
    base_iri: str,
    cache_dir: Path,
    cache_key: str,
    spill_dir: Path | None = None,
) -> GraphWritten:
    """Write to ``out`` the Turtle of the resolution ``resolution_lines`` holds (as
    ``records.item_lines`` wrote it); keep its rows in ``cache_dir`` for the next graph."""
    digests: ItemDigests = {}
    resolution = from_item_lines_digested(Resolution, resolution_lines, digests=digests)
    current = frozenset(d for field in digests.values() for d in field)
    cache_dir.mkdir(parents=True, exist_ok=True)
    previous = cache_dir / f"{cache_key}{_SUFFIX}"
    write = functools.partial(
        _write, resolution, digests, current, previous, out, writer, lexicon, base_iri, spill_dir
    )
    try:
        reused = write()
    except DamagedRows:
        # A damaged file (a disk error, a hand edit) costs the reuse, never the graph.
        previous.unlink(missing_ok=True)
        out.seek(0)
        out.truncate()
        reused = write()
    for stale in cache_dir.glob(f"*{_SUFFIX}"):
        if stale != previous:  # rows of other code or ontology: never read again
            stale.unlink(missing_ok=True)
    return GraphWritten(entities=len(current), reused=reused)


def _write(
    resolution: Resolution,
    digests: ItemDigests,
    current: frozenset[Tag],
    previous: Path,
    out: IO[str],
    writer: TurtleWriter,
    lexicon: Lexicon,
    base_iri: str,
    spill_dir: Path | None,
) -> int:
    with _Recorder(previous, current) as recorder, _PreviousRows(previous) as last:
        reused = last.digests & current

        def fresh() -> Iterator[tuple[Tag, Triple]]:
            for field, index, produced in entity_triples(resolution, lexicon, base_iri=base_iri):
                tag = digests[field][index]
                if tag not in reused:
                    for triple in produced:
                        yield tag, triple
            for triple in vocabulary_triples(resolution, lexicon, base_iri=base_iri):
                yield NO_TAG, triple

        out.write(writer.header())
        blocks = writer.merged_blocks(
            fresh(), previous=last.rows(reused), record=recorder.add, spill_dir=spill_dir
        )
        for block in blocks:
            out.write(block)
    return len(reused)


class _PreviousRows:
    """The rows file of the last graph, if there is one this code can read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.digests: frozenset[Tag] = frozenset()
        self._handle: IO[bytes] | None = None

    def __enter__(self) -> _PreviousRows:
        try:
            handle = self.path.open("rb")
        except OSError:
            return self  # none yet: every row is made
        try:
            if handle.read(len(_MAGIC)) != _MAGIC:
                raise DamagedRows(self.path)
            digests = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError) as exc:
            handle.close()
            raise DamagedRows(self.path) from exc
        self.digests, self._handle = frozenset(digests), handle
        return self

    def rows(self, keep: frozenset[Tag]) -> Iterator[Row]:
        """The rows of the entities in ``keep``, in writing order."""
        if self._handle is None:
            return
        try:
            for row in read_rows(self._handle):
                if row[4] in keep:
                    yield row
        except (OSError, pickle.UnpicklingError, ValueError, TypeError, IndexError) as exc:
            raise DamagedRows(self.path) from exc

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            self._handle.close()


class _Recorder:
    """Writes the rows of the graph being written, for the next one; in place only when
    the whole graph was written (a temporary file renamed over the last one)."""

    def __init__(self, path: Path, digests: frozenset[Tag]) -> None:
        self.path = path
        self.digests = digests
        self._pending: list[Row] = []
        self._file: IO[bytes] | None = None

    def __enter__(self) -> _Recorder:
        descriptor, name = tempfile.mkstemp(dir=self.path.parent, prefix=".rows-", suffix=".tmp")
        self._file = os.fdopen(descriptor, "wb")
        self._file.write(_MAGIC)
        pickle.dump(sorted(self.digests), self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._name = Path(name)
        return self

    def add(self, row: Row) -> None:
        if row[4] != NO_TAG:  # vocabulary rows are made again every time
            self._pending.append(row)
            if len(self._pending) >= RUN_TRIPLES:  # rows are written in batches, as runs are
                self._flush()

    def _flush(self) -> None:
        assert self._file is not None
        write_rows(self._pending, self._file)
        self._pending = []

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        assert self._file is not None
        if kind is None:
            self._flush()
        self._file.close()
        if kind is None:
            os.replace(self._name, self.path)
        else:
            self._name.unlink(missing_ok=True)
