"""Validate a large graph in parts, each part cached by its content.

SHACL here looks at a node's own triples, the types of the nodes it points to, and
(one SPARQL rule) a person's office holdings. So the graph splits into parts by subject
— a holding goes with its holder — and each part, plus the types of the nodes it
refers to, validates on its own with the same results as the whole graph. Parts whose
content did not change since an earlier run are not validated again, and the rest are
validated in parallel processes, by the compiled validator of ``pipeline.validate.compiled``.
The parts are written to disk (``pipeline.validate.split``) and read back one at a time, a
few in flight, so memory does not hold the graph.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from itertools import chain, islice
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, RdfFormat, parse, serialize
from pyoxigraph import Triple as OxTriple
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from pipeline.files import write_bytes_atomically
from pipeline.validate.compiled import CompiledShapes, compile_shapes, validate_data
from pipeline.validate.components import Data, Term, rdflib_term
from pipeline.validate.pyshacl_reference import ValidationOutcome, Violation
from pipeline.validate.split import Line, Part, split_graph
from pipeline.vocab import SH, SHAPES_IRI

Triple = tuple[Node, Node, Node]

_PART_TRIPLES = 10_000  # a graph this small is one part; parts stay near this size
_shapes: CompiledShapes | None = None  # in a worker process: the shapes, compiled once


def read_turtle(path: Path) -> Iterator[Triple]:
    """The triples of a Turtle file as rdflib terms (parsed by Oxigraph: fast)."""
    for triple in _parsed(path):
        yield rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object)


def turtle_lines(path: Path) -> Iterator[Line]:
    """The triples of a Turtle file as N-Triples lines: compact, for large graphs."""
    for triple in _parsed(path):
        yield str(triple.subject), str(triple.predicate), str(triple.object)


def write_ntriples(path: Path, target: Path) -> None:
    """The Turtle file ``path`` written again as N-Triples to ``target`` (Oxigraph, both ways)."""
    with path.open("rb") as handle:
        serialize(parse(handle, format=RdfFormat.TURTLE), output=target, format=RdfFormat.N_TRIPLES)


def ntriples_lines(path: Path) -> Iterator[Line]:
    """The triples of an N-Triples file as Oxigraph writes it (one ``s p o .`` a line), as
    ``turtle_lines`` gives them: splitting its lines is four times faster than reading terms."""
    with path.open(encoding="utf-8", newline="\n") as handle:
        for line in handle:
            # Subject and predicate hold no space; the object is the rest, before " .\n".
            subject, predicate, obj = line[:-3].split(" ", 2)
            yield subject, predicate, obj


def _parsed(path: Path) -> Iterator[OxTriple]:
    with path.open("rb") as handle:
        yield from parse(handle, format=RdfFormat.TURTLE)


def graph_lines(graph: Graph) -> Iterator[Line]:
    """The triples of an rdflib graph as N-Triples lines."""
    data = graph.serialize(format="nt", encoding="utf-8")
    for triple in parse(data, format=RdfFormat.N_TRIPLES):
        yield str(triple.subject), str(triple.predicate), str(triple.object)


def part_digest(part: Part, salt: str) -> str:
    digest = hashlib.sha256(salt.encode())
    for line in sorted(part[0]):
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class PartsValidation:
    """The outcome over all parts, and how much was validated anew."""

    outcome: ValidationOutcome
    triples: int
    parts: int
    validated: int  # parts validated anew: the others' verdicts were found in the cache


def validate_in_parts(
    lines: Callable[[], Iterable[Line]],
    *,
    shapes_dir: Path,
    load_shapes: Callable[[Path], Graph],
    cache_dir: Path,
    salt: str,
    processes: int | None = None,
    part_triples: int = _PART_TRIPLES,
) -> PartsValidation:
    """Validate every part of the graph ``lines()`` gives (it is read twice), reusing cached verdicts.

    The parts wait in a temporary folder under ``cache_dir`` and are read one at a time,
    so memory holds the graph's types and a few parts, not the graph.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    found: set[Violation] = set()

    def uncached(parts: Iterator[Part]) -> Iterator[tuple[str, Part]]:
        for part in parts:
            key = part_digest(part, salt)
            path = cache_dir / f"{key}.json"
            if path.exists():
                found.update(Violation(**v) for v in json.loads(path.read_text(encoding="utf-8")))
            else:
                yield key, part

    validated = 0
    with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".split-") as folder:
        split = split_graph(lines, Path(folder), part_triples=part_triples)
        for key, violations in _run(uncached(split.parts()), shapes_dir, load_shapes, processes):
            write_bytes_atomically(
                cache_dir / f"{key}.json", json.dumps([asdict(v) for v in violations]).encode()
            )
            found.update(violations)
            validated += 1
    ordered = sorted(found, key=lambda v: (v.shape, v.focus, v.path, v.message, v.value))
    outcome = ValidationOutcome(conforms=not ordered, violations=tuple(ordered), report=report_graph(ordered))
    return PartsValidation(outcome, triples=split.triples, parts=len(split.files), validated=validated)


def _run(
    work: Iterator[tuple[str, Part]],
    shapes_dir: Path,
    load_shapes: Callable[[Path], Graph],
    processes: int | None,
) -> Iterator[tuple[str, list[Violation]]]:
    """The violations of each part, in order; a few parts at a time in the worker processes."""
    first = list(islice(work, processes or os.cpu_count() or 1))  # no more workers than parts to validate
    if len(first) <= 1:  # one part, or one process: a pool would only cost its start
        if first:
            shapes = compile_shapes(load_shapes(shapes_dir))
            for key, part in chain(first, work):
                yield key, _validate_part(part, shapes)
        return
    workers = len(first)
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init, initargs=(shapes_dir, load_shapes)
    ) as pool:
        in_flight: deque[tuple[str, Future[list[Violation]]]] = deque()
        for key, part in chain(first, work):
            in_flight.append((key, pool.submit(_validate_in_worker, part)))
            if len(in_flight) >= 2 * workers:  # the other parts wait on disk, not in memory
                done_key, done = in_flight.popleft()
                yield done_key, done.result()
        for done_key, done in in_flight:
            yield done_key, done.result()


def _init(shapes_dir: Path, load_shapes: Callable[[Path], Graph]) -> None:
    global _shapes
    gc.enable()  # a forked worker inherits its parent's collector, which a stage may pause
    _shapes = compile_shapes(load_shapes(shapes_dir))


def _validate_in_worker(part: Part) -> list[Violation]:
    assert _shapes is not None
    return _validate_part(part, _shapes)


def _validate_part(part: Part, shapes: CompiledShapes) -> list[Violation]:
    lines, owned = part
    data = Data("\n".join(lines).encode("utf-8"))
    # Nodes present only by their type are checked in their own part: validating them
    # here would only produce results to throw away.
    return validate_data(data, shapes, focus={_node(term) for term in owned})


def _node(term: str) -> Term:
    """An N-Triples subject term (IRI or blank node) as an Oxigraph term."""
    return NamedNode(term[1:-1]) if term.startswith("<") else BlankNode(term[2:])


def report_graph(violations: Iterable[Violation]) -> Graph:
    """A SHACL validation report holding these results."""
    report = Graph()
    root = BNode()
    found = list(violations)
    report.add((root, RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(not found)))
    for violation in found:
        result = BNode()
        report.add((root, SH.result, result))
        report.add((result, RDF.type, SH.ValidationResult))
        report.add((result, SH.resultSeverity, SH[violation.severity]))
        report.add((result, SH.resultMessage, Literal(violation.message)))
        report.add((result, SH.sourceShape, URIRef(_shape_iri(violation.shape))))
        if violation.component:
            report.add((result, SH.sourceConstraintComponent, URIRef(violation.component)))
        for predicate, term in (
            (SH.focusNode, violation.focus_term),
            (SH.resultPath, violation.path_term),
            (SH.value, violation.value_term),
        ):
            if term:
                report.add((result, predicate, _from_n3(term)))
    return report


def _shape_iri(name: str) -> str:
    return name if "://" in name else f"{SHAPES_IRI}{name}"


def _from_n3(text: str) -> Node:
    parsed = Graph().parse(data=f"<urn:x:s> <urn:x:p> {text} .", format="nt")
    return next(iter(parsed.objects()))
