"""Validate a large graph in parts, each part cached by its content.

SHACL here looks at a node's own triples, the types of the nodes it points to, and
(one SPARQL rule) a person's office holdings. So the graph splits into parts by subject
— a holding goes with its holder — and each part, plus the types of the nodes it
refers to, validates on its own with the same results as the whole graph. Parts whose
content did not change since an earlier run are not validated again, and the rest are
validated in parallel processes, by the compiled validator of ``pipeline.validate.compiled``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, RdfFormat, parse
from pyoxigraph import Triple as OxTriple
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from pipeline.files import write_bytes_atomically
from pipeline.validate.compiled import CompiledShapes, compile_shapes, validate_data
from pipeline.validate.components import Data, Term, rdflib_term
from pipeline.validate.pyshacl_reference import ValidationOutcome, Violation
from pipeline.vocab import DIP, SH, SHAPES_IRI

Triple = tuple[Node, Node, Node]
Line = tuple[str, str, str]  # subject and object as N-Triples terms, the whole N-Triples line

_TYPE = f"<{RDF.type}>"
_HOLDER = f"<{DIP.holder}>"
_PART_TRIPLES = 10_000  # a graph this small is one part; parts stay near this size
_MAX_PARTS = 256
_shapes: CompiledShapes | None = None  # in a worker process: the shapes, compiled once


def read_turtle(path: Path) -> Iterator[Triple]:
    """The triples of a Turtle file as rdflib terms (parsed by Oxigraph: fast)."""
    for triple in _parsed(path):
        yield rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object)


def turtle_lines(path: Path) -> Iterator[Line]:
    """The triples of a Turtle file as N-Triples lines: compact, for large graphs."""
    for triple in _parsed(path):
        yield str(triple.subject), str(triple.predicate), str(triple.object)


def _parsed(path: Path) -> Iterator[OxTriple]:
    with path.open("rb") as handle:
        yield from parse(handle, format=RdfFormat.TURTLE)


def graph_lines(graph: Graph) -> Iterator[Line]:
    """The triples of an rdflib graph as N-Triples lines."""
    data = graph.serialize(format="nt", encoding="utf-8")
    for triple in parse(data, format=RdfFormat.N_TRIPLES):
        yield str(triple.subject), str(triple.predicate), str(triple.object)


Part = tuple[list[str], frozenset[str]]  # N-Triples lines, and the subjects (terms) it owns


def partition(lines: Iterable[Line], *, part_triples: int = _PART_TRIPLES) -> list[Part]:
    """Split a graph into parts that validate independently.

    A part holds the triples of the subjects it owns plus the ``rdf:type`` of the nodes
    they point to (for ``sh:class``); only results about its own nodes count.
    """
    by_subject: dict[str, list[str]] = defaultdict(list)
    objects: dict[str, set[str]] = defaultdict(set)
    types: dict[str, list[str]] = defaultdict(list)
    holder: dict[str, str] = {}
    for subject, predicate, obj in lines:
        line = f"{subject} {predicate} {obj} ."
        by_subject[subject].append(line)
        if obj[0] in "<_":
            objects[subject].add(obj)
        if predicate == _TYPE:
            types[subject].append(line)
        elif predicate == _HOLDER:
            holder[subject] = obj
    count = sum(len(t) for t in by_subject.values())
    parts_wanted = 1
    while parts_wanted * part_triples < count and parts_wanted < _MAX_PARTS:
        parts_wanted *= 2
    owners: list[list[str]] = [[] for _ in range(parts_wanted)]
    for subject in sorted(by_subject):
        owner = holder.get(subject, subject)  # a holding is checked with its holder
        owners[int(hashlib.sha256(owner.encode()).hexdigest()[:8], 16) % parts_wanted].append(subject)
    result: list[Part] = []
    for subjects in owners:
        if not subjects:
            continue
        own = set(subjects)
        part = [line for subject in subjects for line in by_subject[subject]]
        referenced = set().union(*(objects[subject] for subject in subjects)) - own
        part.extend(line for node in sorted(referenced) for line in types.get(node, []))
        result.append((part, frozenset(own)))
    return result


def part_digest(part: Part, salt: str) -> str:
    digest = hashlib.sha256(salt.encode())
    for line in sorted(part[0]):
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()[:32]


def validate_in_parts(
    lines: Iterable[Line],
    *,
    shapes_dir: Path,
    load_shapes: Callable[[Path], Graph],
    cache_dir: Path,
    salt: str,
    processes: int | None = None,
    part_triples: int = _PART_TRIPLES,
) -> tuple[ValidationOutcome, int, int]:
    """Validate every part (reusing cached verdicts); the outcome, parts, parts validated."""
    parts = partition(lines, part_triples=part_triples)
    keys = [part_digest(part, salt) for part in parts]
    cached: dict[str, list[Violation]] = {}
    missing: list[tuple[str, Part]] = []
    for key, part in zip(keys, parts, strict=True):
        path = cache_dir / f"{key}.json"
        if path.exists():
            cached[key] = [Violation(**v) for v in json.loads(path.read_text(encoding="utf-8"))]
        else:
            missing.append((key, part))
    for key, violations in _run(missing, shapes_dir, load_shapes, processes):
        write_bytes_atomically(
            cache_dir / f"{key}.json", json.dumps([asdict(v) for v in violations]).encode()
        )
        cached[key] = violations
    found = sorted(
        {v for key in keys for v in cached[key]}, key=lambda v: (v.shape, v.focus, v.path, v.message, v.value)
    )
    outcome = ValidationOutcome(conforms=not found, violations=tuple(found), report=report_graph(found))
    return outcome, len(parts), len(missing)


def _run(
    work: list[tuple[str, Part]],
    shapes_dir: Path,
    load_shapes: Callable[[Path], Graph],
    processes: int | None,
) -> Iterator[tuple[str, list[Violation]]]:
    if not work:
        return
    workers = min(len(work), processes or os.cpu_count() or 1)
    if workers <= 1:
        shapes = compile_shapes(load_shapes(shapes_dir))
        for key, part in work:
            yield key, _validate_part(part, shapes)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init, initargs=(shapes_dir, load_shapes)
    ) as pool:
        for key, violations in zip(
            (k for k, _ in work), pool.map(_validate_in_worker, (p for _, p in work)), strict=True
        ):
            yield key, violations


def _init(shapes_dir: Path, load_shapes: Callable[[Path], Graph]) -> None:
    global _shapes
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
