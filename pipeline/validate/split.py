"""Split a graph into parts on disk, so that validating it needs memory for one part at a time.

A first reading of the graph keeps only what a part needs from outside it: the
``rdf:type`` of every node (for ``sh:class``), each holding's holder (a holding is checked
with its holder) and the number of triples. A second reading writes each triple to the
file of its owner's part. Each part is then read back on its own: its subjects' triples in
subject order, then the types of the nodes they point to.
"""

from __future__ import annotations

import hashlib
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from rdflib import RDF

from pipeline.vocab import DIP

Line = tuple[str, str, str]  # subject, predicate and object as N-Triples terms
Part = tuple[list[str], frozenset[str]]  # N-Triples lines, and the subjects (terms) it owns

_TYPE = f"<{RDF.type}>"
_HOLDER = f"<{DIP.holder}>"
_MAX_PARTS = 256


@dataclass(frozen=True)
class SplitGraph:
    """A graph's parts as files, one per part that owns a subject, and what they share."""

    triples: int
    files: tuple[Path, ...]
    types: dict[str, str]  # node → the objects of its rdf:type triples, in graph order, one a line

    def parts(self) -> Iterator[Part]:
        """Each part in turn, read from its file, which is then removed."""
        for path in self.files:
            part = self._read(path)
            path.unlink()
            yield part

    def _read(self, path: Path) -> Part:
        by_subject: dict[str, list[str]] = defaultdict(list)
        referenced: set[str] = set()
        with path.open(encoding="utf-8", newline="\n") as handle:
            for line in handle:
                # N-Triples terms other than literals hold no space, and literals no line break.
                subject, _, obj = line[:-3].split(" ", 2)
                by_subject[subject].append(line[:-1])
                if obj[0] in "<_":
                    referenced.add(obj)
        lines = [line for subject in sorted(by_subject) for line in by_subject[subject]]
        for node in sorted(referenced - by_subject.keys()):
            if node in self.types:
                lines.extend(f"{node} {_TYPE} {kind} ." for kind in self.types[node].split("\n"))
        return lines, frozenset(by_subject)


def split_graph(lines: Callable[[], Iterable[Line]], folder: Path, *, part_triples: int) -> SplitGraph:
    """Write the graph that ``lines()`` gives (read twice) as part files in ``folder``.

    The graph has as many parts as a power of two keeps near ``part_triples`` triples
    each (at most 256); a subject goes to the part its owner's digest picks.
    """
    # Most nodes have one type, one of a few classes: a shared string, not a list, per node.
    # (Oxigraph writes a line break in a term as \n: none can be in one.)
    types: dict[str, str] = {}
    holder: dict[str, str] = {}
    triples = 0
    for subject, predicate, obj in lines():
        triples += 1
        if predicate == _TYPE:
            kinds = types.get(subject)
            types[subject] = sys.intern(obj) if kinds is None else f"{kinds}\n{obj}"
        elif predicate == _HOLDER:
            holder[subject] = obj
    parts_wanted = 1
    while parts_wanted * part_triples < triples and parts_wanted < _MAX_PARTS:
        parts_wanted *= 2
    paths = [folder / f"{index}.nt" for index in range(parts_wanted)]
    with ExitStack() as stack:
        files: dict[int, TextIO] = {}
        last_subject, index = "", 0
        for subject, predicate, obj in lines():
            if subject != last_subject:  # a subject's triples mostly come together
                owner = holder.get(subject, subject)
                index = int(hashlib.sha256(owner.encode()).hexdigest()[:8], 16) % parts_wanted
                last_subject = subject
            if index not in files:
                files[index] = stack.enter_context(paths[index].open("w", encoding="utf-8", newline="\n"))
            files[index].write(f"{subject} {predicate} {obj} .\n")
        used = sorted(files)
    return SplitGraph(triples=triples, files=tuple(paths[i] for i in used), types=types)
