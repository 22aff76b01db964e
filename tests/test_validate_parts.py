"""Validation in parts gives the same results as validating the whole graph at once; a graph file's verdict says so."""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from pipeline import records
from pipeline.config import Settings
from pipeline.validate.graph_file import GraphValidation, Verdict, validate_graph_file
from pipeline.validate.parts import (
    graph_lines,
    ntriples_lines,
    part_digest,
    read_turtle,
    turtle_lines,
    validate_in_parts,
    write_ntriples,
)
from pipeline.validate.pyshacl_reference import Violation, load_shapes, validate
from pipeline.validate.split import Line, Part, split_graph
from pipeline.vocab import DIP, SH
from tests.conftest import SAMPLE_CORPUS


def _broken(output: Path) -> Graph:
    graph = Graph()
    for triple in read_turtle(output / "diplomacy.ttl"):
        graph.add(triple)
    persons = sorted(graph.subjects(RDF.type, DIP.Person), key=str)
    meetings = sorted(graph.subjects(RDF.type, DIP.Meeting), key=str)
    offices = sorted(graph.subjects(RDF.type, DIP.Office), key=str)
    graph.remove((persons[0], RDFS.label, None))
    graph.add((persons[1], DIP.holdsOffice, offices[0]))  # no holding behind it
    graph.set((meetings[0], DIP.mode, Literal("by pigeon")))
    graph.add((meetings[1], DIP.participant, URIRef("https://example.org/nobody")))
    graph.add((meetings[2], DIP.participant, offices[1]))  # typed in another part
    graph.add((meetings[2], DIP.date, Literal("2025-02-30", datatype=XSD.date)))
    evidence = sorted(graph.subjects(RDF.type, DIP.Evidence), key=str)[0]
    graph.set((evidence, DIP.startOffset, Literal(10**6)))  # not less than its end
    holding = sorted(graph.subjects(RDF.type, DIP.OfficeHolding), key=str)[0]
    graph.remove((holding, DIP.supportedBy, None))  # its holder's claim loses its support
    return graph


def _order(v: Violation) -> tuple[str, ...]:
    return (v.shape, v.focus, v.path, v.message, v.value)


def _keys(violations: object) -> set[tuple[str, str, str]]:
    return {(v.shape, v.focus, v.message) for v in violations}  # type: ignore[attr-defined]


def test_validate_parts_known_bad_graph_split_gives_whole_graph_pyshacl_results(
    tmp_path: Path, pipeline_run: Callable[[Path], Path]
) -> None:
    graph = _broken(pipeline_run(SAMPLE_CORPUS))
    shapes_dir = Settings().shapes_dir
    whole = validate(graph, load_shapes(shapes_dir))
    validation = validate_in_parts(
        partial(graph_lines, graph),
        shapes_dir=shapes_dir,
        load_shapes=load_shapes,
        cache_dir=tmp_path,
        salt="x",
        part_triples=60,
        processes=2,
    )
    parts = validation.outcome
    assert validation.parts > 8 and validation.validated == validation.parts
    assert validation.triples == len(graph)
    assert not whole.conforms and not parts.conforms
    # The same results, field for field: shape, focus node, path, value, message, component.
    assert list(parts.violations) == sorted(set(whole.violations), key=_order)
    assert {
        "ProvenanceShape",
        "PersonLabel",
        "MeetingMode",
        "MeetingParticipant",
        "MeetingDate",
        "EvidenceStart",
        "HoldingSupportedBy",
    } <= {v.shape for v in parts.violations}


def test_validate_parts_reuses_cached_parts(tmp_path: Path, pipeline_run: Callable[[Path], Path]) -> None:
    graph = _broken(pipeline_run(SAMPLE_CORPUS))
    settings = {
        "shapes_dir": Settings().shapes_dir,
        "load_shapes": load_shapes,
        "cache_dir": tmp_path,
        "salt": "y",
        "part_triples": 60,
        "processes": 1,
    }
    first = validate_in_parts(partial(graph_lines, graph), **settings)  # type: ignore[arg-type]
    assert first.validated == first.parts
    meeting = sorted(graph.subjects(RDF.type, DIP.Meeting), key=str)[2]
    graph.set((meeting, DIP.location, Literal("Elsewhere")))
    second = validate_in_parts(partial(graph_lines, graph), **settings)  # type: ignore[arg-type]
    assert second.parts == first.parts and second.validated == 1
    assert _keys(second.outcome.violations) == _keys(first.outcome.violations)


def test_validate_parts_graph_file_verdict_counts_the_results_and_reuses_parts(
    tmp_path: Path, pipeline_run: Callable[[Path], Path]
) -> None:
    graph = _broken(pipeline_run(SAMPLE_CORPUS))
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    shapes_dir = Settings().shapes_dir
    whole = validate(graph, load_shapes(shapes_dir))

    def check() -> GraphValidation:
        return validate_graph_file(
            path, shapes_dir=shapes_dir, load_shapes=load_shapes, cache_dir=tmp_path / "parts", salt="z"
        )

    first = check()
    verdict = first.verdict
    assert not verdict.conforms and verdict.results == len(set(whole.violations))
    assert verdict.by_shape == tuple(whole.counts_by_shape().items())
    assert verdict.triples == len(graph) and verdict.parts_validated == verdict.parts
    assert records.from_json(Verdict, records.to_json(verdict)) == verdict
    report = Graph().parse(data=first.report_turtle, format="turtle")
    assert len(set(report.subjects(RDF.type, SH.ValidationResult))) == verdict.results
    again = check()
    assert again.verdict == dataclasses.replace(verdict, parts_validated=0)
    assert again.report_turtle == first.report_turtle


def _parts_in_memory(lines: Iterable[Line], part_triples: int) -> list[Part]:
    """The parts as validation made them before it streamed: every line held in memory."""
    by_subject: dict[str, list[str]] = defaultdict(list)
    objects: dict[str, set[str]] = defaultdict(set)
    types: dict[str, list[str]] = defaultdict(list)
    holder: dict[str, str] = {}
    for subject, predicate, obj in lines:
        line = f"{subject} {predicate} {obj} ."
        by_subject[subject].append(line)
        if obj[0] in "<_":
            objects[subject].add(obj)
        if predicate == f"<{RDF.type}>":
            types[subject].append(line)
        elif predicate == f"<{DIP.holder}>":
            holder[subject] = obj
    count = sum(len(t) for t in by_subject.values())
    parts_wanted = 1
    while parts_wanted * part_triples < count and parts_wanted < 256:
        parts_wanted *= 2
    owners: list[list[str]] = [[] for _ in range(parts_wanted)]
    for subject in sorted(by_subject):
        owner = holder.get(subject, subject)
        owners[int(hashlib.sha256(owner.encode()).hexdigest()[:8], 16) % parts_wanted].append(subject)
    result: list[Part] = []
    for subjects in owners:
        if subjects:
            own = set(subjects)
            part = [line for subject in subjects for line in by_subject[subject]]
            referenced = set().union(*(objects[subject] for subject in subjects)) - own
            part.extend(line for node in sorted(referenced) for line in types.get(node, []))
            result.append((part, frozenset(own)))
    return result


@pytest.mark.parametrize("part_triples", [60, 10_000])
@pytest.mark.parametrize("source", ["turtle file", "rdflib graph"])
def test_validate_parts_split_on_disk_gives_the_parts_held_in_memory(
    tmp_path: Path, pipeline_run: Callable[[Path], Path], part_triples: int, source: str
) -> None:
    output = pipeline_run(SAMPLE_CORPUS)
    if source == "turtle file":  # subjects in sorted order
        lines: Callable[[], Iterable[Line]] = partial(turtle_lines, output / "diplomacy.ttl")
    else:  # subjects in rdflib's order, some nodes with two types or more
        graph = _broken(output)
        graph.add((sorted(graph.subjects(RDF.type, DIP.Meeting), key=str)[0], RDF.type, DIP.Person))
        lines = partial(graph_lines, graph)
    expected = _parts_in_memory(lines(), part_triples)
    split = split_graph(lines, tmp_path, part_triples=part_triples)
    assert len(split.files) == len(expected) and (len(expected) > 8) == (part_triples == 60)
    assert split.triples == sum(1 for _ in lines())
    parts = []
    for part in split.parts():
        parts.append(part)
        assert not split.files[len(parts) - 1].exists()  # read once, then removed
    assert parts == expected  # the same lines in the same order, so the same cache keys
    assert [part_digest(p, "s") for p in parts] == [part_digest(p, "s") for p in expected]
    assert not any(tmp_path.iterdir())


def test_validate_parts_leaves_only_verdicts_in_the_cache(
    tmp_path: Path, pipeline_run: Callable[[Path], Path]
) -> None:
    graph_file = pipeline_run(SAMPLE_CORPUS) / "diplomacy.ttl"
    in_parts = partial(
        validate_in_parts, partial(turtle_lines, graph_file), shapes_dir=Settings().shapes_dir, salt="t"
    )
    validation = in_parts(
        load_shapes=load_shapes, cache_dir=tmp_path / "cache", part_triples=200, processes=2
    )
    assert validation.outcome.conforms and validation.parts > 2
    assert sorted(p.suffix for p in (tmp_path / "cache").iterdir()) == [".json"] * validation.parts

    def unreadable_shapes(folder: Path) -> Graph:
        raise OSError(f"{folder}: cannot read the shapes")

    with pytest.raises(OSError, match="cannot read the shapes"):
        in_parts(load_shapes=unreadable_shapes, cache_dir=tmp_path / "failed", processes=1)
    assert not any((tmp_path / "failed").iterdir())  # the split folder is gone, failure or not


def test_validate_parts_ntriples_copy_gives_the_lines_of_the_turtle_file(
    tmp_path: Path, pipeline_run: Callable[[Path], Path]
) -> None:
    """Splitting the N-Triples copy's lines gives the terms reading the Turtle gives: the
    same parts, so the same cached verdicts, whatever a literal holds."""
    graph = Graph().parse(pipeline_run(SAMPLE_CORPUS) / "diplomacy.ttl", format="turtle")
    odd = URIRef("https://example.org/odd")
    for text in ("two  spaces . and a dot", 'a "quote" \\ and\na line break', "tab\tend ."):
        graph.add((odd, RDFS.label, Literal(text, lang="en")))
    graph.add((odd, RDFS.comment, Literal("1 .", datatype=XSD.string)))
    turtle = tmp_path / "g.ttl"
    graph.serialize(turtle, format="turtle")
    ntriples = tmp_path / "g.nt"
    write_ntriples(turtle, ntriples)
    assert list(ntriples_lines(ntriples)) == list(turtle_lines(turtle))
    assert sum(1 for _ in ntriples_lines(ntriples)) == len(graph)
