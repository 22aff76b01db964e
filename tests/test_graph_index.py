"""The report's one-pass index answers each pattern as SPARQL over the same graph does."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from pipeline.errors import InputError
from pipeline.report.graph_index import CLASSES, PROPERTIES, GraphIndex, index_of, read_index
from pipeline.report.graph_source import select, value
from pipeline.report.graph_view import load_view
from tests.conftest import SAMPLE_CORPUS
from tests.test_html_report import hostile_graph
from tests.test_report_scale import crowd

DIP = Namespace("https://w3id.org/dipkg/ontology#")


def sparql_objects(store: ox.Store, prop: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for s, o in select(store, f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{prop}> ?o }}"):
        found.setdefault(value(s), set()).add(value(o))
    return found


def sparql_members(store: ox.Store, kind: str) -> set[str]:
    return {value(s) for (s,) in select(store, f"SELECT DISTINCT ?s WHERE {{ ?s a <{kind}> }}")}


def assert_same_as_sparql(index: GraphIndex, store: ox.Store) -> None:
    for prop in sorted(PROPERTIES):
        assert {s: set(o) for s, o in index.objects(prop).items()} == sparql_objects(store, prop), prop
        assert all(len(o) == len(set(o)) for o in index.objects(prop).values()), prop
    for kind in sorted(CLASSES):
        assert index.members(kind) == sparql_members(store, kind), kind


def store_of(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=path, format=ox.RdfFormat.TURTLE)
    return store


def test_graph_index_equals_sparql_on_a_pipeline_graph(pipeline_run: Callable[[Path], Path]) -> None:
    graph = pipeline_run(SAMPLE_CORPUS) / "diplomacy.ttl"
    index = read_index(graph)
    store = store_of(graph)
    assert_same_as_sparql(index, store)
    assert index.triples == len(store)
    assert index.members(str(DIP.Meeting)) and index.objects(str(DIP.quote))


def test_graph_index_equals_sparql_on_hostile_and_odd_graphs(tmp_path: Path) -> None:
    """A class given as a literal is no class; repeated values are one; quads of every graph count."""
    graph = hostile_graph() + crowd(12, 5)
    odd = URIRef("https://example.org/odd")
    graph.add((odd, RDF.type, Literal(str(DIP.Meeting))))  # a string, not the class
    graph.add((odd, DIP.date, Literal("2024-01-01")))
    graph.add((odd, DIP.date, Literal("2024-01-01")))
    path = tmp_path / "g.ttl"
    graph.serialize(path, format="turtle")
    index = read_index(path)
    assert_same_as_sparql(index, store_of(path))
    assert "https://example.org/odd" not in index.members(str(DIP.Meeting))
    assert index.objects(str(DIP.date))["https://example.org/odd"] == ["2024-01-01"]

    trig = tmp_path / "g.trig"
    trig.write_text(
        "<https://example.org/m> a <https://w3id.org/dipkg/ontology#Meeting> .\n"
        "<https://example.org/g> { <https://example.org/m> <http://www.w3.org/2000/01/rdf-schema#label> 'Talks' }\n",
        encoding="utf-8",
    )
    named = read_index(trig)
    assert named.members(str(DIP.Meeting)) == {"https://example.org/m"}
    assert named.triples == 2
    assert load_view(named).meetings[0].label == "Talks"


def test_graph_index_view_of_a_file_equals_the_view_of_its_rdflib_graph(tmp_path: Path) -> None:
    graph = hostile_graph()
    path = tmp_path / "g.ttl"
    graph.serialize(path, format="turtle")
    assert load_view(read_index(path)) == load_view(graph) == load_view(index_of(store_of(path)))


def test_graph_index_unreadable_graph_is_an_input_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://example.org/a> <https://example.org/b> .\n", encoding="utf-8")
    for path in (broken, tmp_path / "missing.ttl"):
        with pytest.raises(InputError, match=f"cannot read the graph {re.escape(str(path))}"):
            read_index(path)


def test_graph_index_keeps_only_what_a_report_reads(tmp_path: Path) -> None:
    graph = Graph()
    article = URIRef("https://example.org/a")
    graph.add((article, DIP.contentHash, Literal("0" * 64)))
    graph.add((article, DIP.sourceFile, Literal("a.txt")))
    path = tmp_path / "g.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    index = read_index(path)
    assert index.triples == 2
    assert str(DIP.contentHash) not in PROPERTIES
    assert dict(index.objects(str(DIP.sourceFile))) == {str(article): ["a.txt"]}
