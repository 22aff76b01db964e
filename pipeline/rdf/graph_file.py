"""Write the graph of a resolution as Turtle, reusing what the last graph written had.

Each entity of a resolution (an article, a person, an office, a holding, a meeting)
gives triples that depend on it alone (``triples.entity_triples``), so an entity that
was in the last graph gives the same triples again. The last graph is kept subject by
subject (``rows.Group``: its block of Turtle, the digests of the entities its triples
come from, and those triples tagged with them) in one file per rows key
(``<cache>/<key>.rows``: the code, the ontology and the base IRI decide it). A new graph
decodes only the resolution's entities the last graph did not have, makes their triples
and the vocabulary's (roles, countries, topics: always made again, they are few), and
copies each kept subject whose entities are all still there and which no new triple
touches. Adding one article to a large corpus thus decodes and writes a few entities, not
all. The bytes are the same as writing the graph from nothing."""

from __future__ import annotations

import functools
import json
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pipeline.codec import ItemDigests, from_item_lines_digested, item_digest, item_field
from pipeline.extract.lexicon import Lexicon
from pipeline.rdf.rows import NO_TAG, BatchWriter, Group, Tag, read_batches
from pipeline.rdf.triples import Triple, entity_triples, vocabulary_triples
from pipeline.rdf.turtle import TurtleWriter
from pipeline.records import Resolution

_MAGIC = b"diplomacy-kg rows 2\n"
_SUFFIX = ".rows"


@dataclass(frozen=True)
class GraphWritten:
    """What writing a graph reused: entities whose rows came from the last graph, and all."""

    entities: int
    reused: int


class DamagedRows(Exception):
    """The rows file of the last graph cannot be read to its end."""


def write_graph(
    resolution_path: Path,
    out: IO[str],
    *,
    writer: TurtleWriter,
    lexicon: Lexicon,
    base_iri: str,
    cache_dir: Path,
    cache_key: str,
    spill_dir: Path | None = None,
) -> GraphWritten:
    """Write to ``out`` the Turtle of the resolution in ``resolution_path`` (as
    ``records.item_lines`` wrote it); keep its rows in ``cache_dir`` for the next graph."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    previous = cache_dir / f"{cache_key}{_SUFFIX}"
    write = functools.partial(_write, resolution_path, previous, out, writer, lexicon, base_iri, spill_dir)
    try:
        written = write()
    except DamagedRows:
        # A damaged file (a disk error, a hand edit) costs the reuse, never the graph.
        previous.unlink(missing_ok=True)
        out.seek(0)
        out.truncate()
        written = write()
    for stale in cache_dir.glob(f"*{_SUFFIX}"):
        if stale != previous:  # rows of other code or ontology: never read again
            stale.unlink(missing_ok=True)
    return written


def _write(
    resolution_path: Path,
    previous: Path,
    out: IO[str],
    writer: TurtleWriter,
    lexicon: Lexicon,
    base_iri: str,
    spill_dir: Path | None,
) -> GraphWritten:
    with _PreviousRows(previous) as last:
        new = _NewEntities(last.digests)
        with resolution_path.open(encoding="utf-8") as handle:
            digests: ItemDigests = {}
            resolution = from_item_lines_digested(Resolution, new.lines(handle), digests=digests)
        current = frozenset(new.reused) | {d for field in digests.values() for d in field}
        reused = last.digests & current

        def fresh() -> Iterator[tuple[Tag, Triple]]:
            for field, index, produced in entity_triples(resolution, lexicon, base_iri=base_iri):
                tag = digests[field][index]
                if tag not in reused:
                    for triple in produced:
                        yield tag, triple
            vocabulary = vocabulary_triples(resolution, lexicon, base_iri=base_iri, topics=new.topics)
            for triple in vocabulary:
                yield NO_TAG, triple

        with _Recorder(previous, current) as recorder:
            out.write(writer.header())
            blocks = writer.merged_blocks(
                fresh(), previous=last.groups(), keep=reused, record=recorder.add, spill_dir=spill_dir
            )
            for block in blocks:
                out.write(block)
    return GraphWritten(entities=len(current), reused=len(reused))


class _NewEntities:
    """Filters a resolution's lines down to what a graph made from the last one's rows
    needs decoded: the entities the last graph did not have, and the offices (the
    vocabulary of countries, organizations and roles is made from them; they are few).
    Of the meetings left out it keeps the topics, which the vocabulary also describes."""

    def __init__(self, known: frozenset[Tag]) -> None:
        self.known = known
        self.reused: list[Tag] = []
        self.topics: set[str] = set()

    def lines(self, lines: Iterable[str]) -> Iterator[str]:
        skipped: set[str] = set()
        for line in lines:
            if not line.strip():
                continue
            field = item_field(line)
            if field.endswith("=") or field == "offices" or not self.known:
                yield line
                continue
            digest = item_digest(line)
            if digest not in self.known:
                yield line
                continue
            self.reused.append(digest)
            skipped.add(field)
            if field == "meetings":
                self.topics.update(json.loads(line)[1]["topics"])
        for field in sorted(skipped):  # a field all of whose items were left out is still there
            yield json.dumps([f"{field}=", []]) + "\n"


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

    def groups(self) -> Iterator[Group]:
        """The last graph's subjects, in writing order, to the end mark (a file cut short
        between two batches is damaged too)."""
        if self._handle is None:
            return
        try:
            yield from read_batches(self._handle)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, IndexError) as exc:
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
        self._file: IO[bytes] | None = None

    def __enter__(self) -> _Recorder:
        descriptor, name = tempfile.mkstemp(dir=self.path.parent, prefix=".rows-", suffix=".tmp")
        self._file = os.fdopen(descriptor, "wb")
        self._file.write(_MAGIC)
        pickle.dump(sorted(self.digests), self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._name = Path(name)
        self._groups = BatchWriter(self._file)
        return self

    def add(self, group: Group) -> None:
        self._groups.add(group)

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        assert self._file is not None
        if kind is None:
            self._groups.end()  # the end mark: every group was written
        self._file.close()
        if kind is None:
            os.replace(self._name, self.path)
        else:
            self._name.unlink(missing_ok=True)
