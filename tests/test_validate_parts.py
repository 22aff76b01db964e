"""Validation in parts gives the same results as validating the whole graph at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from pipeline.config import Settings
from pipeline.validate import load_shapes, validate
from pipeline.validate_parts import graph_lines, partition, read_turtle, validate_in_parts
from pipeline.vocab import DIP
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
    return graph


def _keys(violations: object) -> set[tuple[str, str, str]]:
    return {(v.shape, v.focus, v.message) for v in violations}  # type: ignore[attr-defined]


def test_validate_parts_agree_with_whole_graph(tmp_path: Path, pipeline_run: Callable[[Path], Path]) -> None:
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
    assert _keys(parts.violations) == _keys(whole.violations)
    assert {"ProvenanceShape", "PersonLabel", "MeetingMode", "MeetingParticipant"} <= {
        v.shape for v in parts.violations
    }


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
