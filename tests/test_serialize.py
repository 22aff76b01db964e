"""Deterministic Turtle: escaping, round trip, byte stability."""

from __future__ import annotations

import random

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from pipeline.serialize import TurtleWriter, escape_string, serialize

EX = Namespace("https://example.org/")
NASTY = 'He said "no" \\ then\nleft\ttab \x07bell \x7f emoji 😀 عربي <tag> } ; DROP ALL ; # @prefix'


def test_serialize_escape_string_covers_controls() -> None:
    assert escape_string('a"b\\c\nd\te') == 'a\\"b\\\\c\\nd\\te'
    assert escape_string("\x01\x7f") == "\\u0001\\u007F"
    assert escape_string("\ud800") == "\\uFFFD"


def _graph(order: list[int]) -> Graph:
    graph = Graph(bind_namespaces="none")
    graph.bind("ex", EX)
    items = [
        (EX.b, RDF.type, EX.Thing),
        (EX.a, EX.name, Literal(NASTY)),
        (EX.a, EX["count"], Literal(3, datatype=XSD.integer)),
        (EX.a, EX.day, Literal("2025-01-07", datatype=XSD.date)),
        (EX.a, EX.label, Literal("Tariffs", lang="en")),
        (EX.b, EX.link, URIRef("https://example.org/other/2025-x")),
    ]
    for i in order:
        graph.add(items[i])
    return graph


def test_serialize_round_trip_is_isomorphic_and_stable() -> None:
    first = serialize(_graph(list(range(6))))
    shuffled = list(range(6))
    random.Random(7).shuffle(shuffled)
    second = serialize(_graph(shuffled))
    assert first == second
    parsed = Graph().parse(data=first, format="turtle")
    assert isomorphic(parsed, _graph(list(range(6))))
    assert (EX.a, EX.name, Literal(NASTY)) in parsed


def test_serialize_layout() -> None:
    text = serialize(_graph(list(range(6))))
    assert text.startswith("@prefix ex: <https://example.org/> .\n")
    assert "ex:b a ex:Thing ;" in text
    assert "ex:count 3 ;" in text
    assert '"Tariffs"@en' in text
    assert "<https://example.org/other/2025-x>" in text  # local part starting with a digit stays a full IRI


def test_serialize_refuses_iris_turtle_cannot_hold() -> None:
    writer = TurtleWriter({})
    try:
        writer.term(URIRef("https://example.org/a b"))
    except ValueError as exc:
        assert "cannot hold" in str(exc)
    else:  # pragma: no cover - the test fails here
        raise AssertionError("an IRI with a space was written")
