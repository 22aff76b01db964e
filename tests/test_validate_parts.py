"""Validation in parts gives the same results as validating the whole graph at once; a graph file's verdict says so."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from pipeline import records
from pipeline.config import Settings
from pipeline.validate.graph_file import GraphValidation, Verdict, validate_graph_file
from pipeline.validate.parts import graph_lines, partition, read_turtle, validate_in_parts
from pipeline.validate.pyshacl_reference import Violation, load_shapes, validate
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
    assert len(partition(graph_lines(graph), part_triples=60)) > 8
    parts, count, validated = validate_in_parts(
        graph_lines(graph),
        shapes_dir=shapes_dir,
        load_shapes=load_shapes,
        cache_dir=tmp_path,
        salt="x",
        part_triples=60,
        processes=2,
    )
    assert count == validated
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
    first, count, validated = validate_in_parts(graph_lines(graph), **settings)  # type: ignore[arg-type]
    assert validated == count
    meeting = sorted(graph.subjects(RDF.type, DIP.Meeting), key=str)[2]
    graph.set((meeting, DIP.location, Literal("Elsewhere")))
    second, count_again, validated_again = validate_in_parts(graph_lines(graph), **settings)  # type: ignore[arg-type]
    assert count_again == count and validated_again == 1
    assert _keys(second.violations) == _keys(first.violations)


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
