"""Deterministic Turtle: escaping, round trip, byte stability."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

from pipeline.rdf.turtle import TurtleWriter, escape_string, local_name, serialize

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
    assert "ex:other\\/2025-x" in text  # one rule: under a bound namespace, a prefixed name


def test_serialize_refuses_iris_turtle_cannot_hold() -> None:
    writer = TurtleWriter({})
    try:
        writer.term(URIRef("https://example.org/a b"))
    except ValueError as exc:
        assert "cannot hold" in str(exc)
    else:  # pragma: no cover - the test fails here
        raise AssertionError("an IRI with a space was written")


def _round_trip(graph: Graph) -> str:
    """The graph written by our writer; rdflib and Oxigraph read back the same triples."""
    text = serialize(graph)
    assert isomorphic(Graph().parse(data=text, format="turtle"), graph), text
    oxigraph = pyoxigraph.parse(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    assert sum(1 for _ in oxigraph) == len(graph)
    return text


def _bound() -> Graph:
    graph = Graph(bind_namespaces="none")
    graph.bind("ex", EX)
    graph.bind("rdf", RDF)
    graph.bind("rdfs", RDFS)
    return graph


@pytest.mark.parametrize(
    ("local", "written"),
    [
        ("454192e5", "454192e5"),  # Turtle 1.1: a local name may start with a digit
        ("a.b", "a.b"),
        (".a", "\\.a"),  # a dot may not start a local name ...
        ("a.", None),  # ... nor end one: "a\\." is Turtle, but rdflib 7 cannot read it
        ("-a", "\\-a"),
        ("a-b_c:d", "a-b_c:d"),
        ("a/b?c#d", "a\\/b\\?c\\#d"),
        ("%41", "%41"),  # a percent-encoding stays as it is: local names are not decoded
        ("100%25", "100%25"),
        ("", ""),
        ("Zoë·1", "Zoë·1"),
        ("\u00b7a", None),  # a middle dot cannot start a local name, nor can it be escaped
        ("a\u00d7b", None),  # × is no name character
    ],
)
def test_serialize_local_names_follow_turtle_11(local: str, written: str | None) -> None:
    assert local_name(local) == written
    graph = _bound()
    graph.add((EX[local], RDFS.label, Literal(local)))
    text = _round_trip(graph)
    assert (f"ex:{written} " if written is not None else f"<{EX}{local}> ") in text


def test_serialize_writes_a_only_as_predicate() -> None:
    graph = _bound()
    graph.add((RDF.type, RDFS.label, Literal("type")))
    graph.add((EX.p, RDFS.subPropertyOf, RDF.type))
    graph.add((EX.x, RDF.type, EX.Thing))
    text = _round_trip(graph)
    assert "rdf:type rdfs:label" in text and "rdfs:subPropertyOf rdf:type" in text
    assert "ex:x a ex:Thing" in text
    unbound = Graph(bind_namespaces="none")
    unbound.add((RDF.type, RDF.type, RDF.type))
    assert f"<{RDF.type}> a <{RDF.type}> ." in _round_trip(unbound)


def test_serialize_literals_of_every_kind_round_trip() -> None:
    graph = _bound()
    values = [
        Literal(NASTY),
        Literal("\x00\x08\x0b\x0c\x0e\x1f\x7f\ufffe\uffff\U0010ffff\u2028"),
        Literal("x", lang="en-GB-oxendict"),
        Literal("x", lang="zh-Hant"),
        Literal("-7", datatype=XSD.integer),
        Literal("-0.50", datatype=XSD.decimal),
        Literal("INF", datatype=XSD.double),
        Literal("true", datatype=XSD.boolean),
        Literal("2025-01-07", datatype=XSD.date),
        Literal("<b/>", datatype=RDF.XMLLiteral),
        Literal("odd", datatype=URIRef("https://example.org/types#odd type".replace(" ", "-"))),
    ]
    for number, value in enumerate(values):
        graph.add((EX[f"v{number}"], RDFS.label, value))
    text = _round_trip(graph)
    assert " -7 ." in text and " -0.50 ." in text and " true ." in text
    assert '"inf"^^<http://www.w3.org/2001/XMLSchema#double>' in text  # rdflib's lexical form of INF
    assert '"x"@en-GB-oxendict' in text
    # RDF 1.1: a simple literal is an xsd:string, so the datatype goes unsaid.
    assert serialize(Graph().add((EX.s, EX.p, Literal("7", datatype=XSD.string)))).endswith(' "7" .\n\n')


def test_serialize_blank_nodes_keep_distinct_labels() -> None:
    graph = _bound()
    nodes: list[Node] = [BNode("ab"), BNode("a-b"), BNode("a_b"), BNode("ä"), BNode()]
    for number, node in enumerate(nodes):
        graph.add((node, EX.n, Literal(number)))
        graph.add((EX.root, EX.has, node))
    text = _round_trip(graph)
    assert "_:bab " in text


@pytest.mark.parametrize(
    "triple",
    [
        (Literal("s"), EX.p, EX.o),
        (EX.s, BNode("p"), EX.o),
        (EX.s, Literal("p"), EX.o),
        (EX.s, EX.p, URIRef("https://example.org/a b")),
    ],
)
def test_serialize_refuses_what_turtle_cannot_say(triple: tuple[Node, Node, Node]) -> None:
    with pytest.raises(ValueError):
        "".join(TurtleWriter({"ex": str(EX)}).write([triple]))


def test_serialize_refuses_a_prefix_turtle_cannot_bind() -> None:
    for prefix, namespace in (("1x", str(EX)), ("a b", str(EX)), ("ex", "https://example.org/a b")):
        with pytest.raises(ValueError, match="not a Turtle prefix"):
            TurtleWriter({prefix: namespace})
    assert serialize(Graph(bind_namespaces="none")) == "\n"


@pytest.mark.parametrize(
    ("lexical", "datatype", "written"),
    [
        ("1.5E3", XSD.double, "1.5E3"),
        (".5e-1", XSD.double, ".5e-1"),
        ("1.5", XSD.double, '"1.5"^^xsd:double'),  # bare, it would be a decimal
        ("+0012", XSD.integer, "+0012"),
        ("١٢", XSD.integer, '"١٢"^^xsd:integer'),  # Arabic-Indic digits are no Turtle INTEGER
        ("1.", XSD.decimal, '"1."^^xsd:decimal'),
        ("True", XSD.boolean, '"True"^^xsd:boolean'),
    ],
)
def test_serialize_numbers_bare_only_when_the_token_keeps_the_lexical_form(
    lexical: str, datatype: URIRef, written: str
) -> None:
    literal = Literal(lexical, datatype=datatype, normalize=False)
    text = "".join(TurtleWriter({"ex": str(EX), "xsd": str(XSD)}).write([(EX.s, EX.p, literal)]))
    assert text.endswith(f" {written} .\n\n")
    (triple,) = pyoxigraph.parse(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    assert isinstance(triple.object, pyoxigraph.Literal)
    assert (triple.object.value, triple.object.datatype.value) == (lexical, str(datatype))


def test_serialize_sorted_runs_from_disk_give_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A graph larger than one run is sorted in runs on disk and merged: the same file."""
    import pipeline.rdf.turtle as turtle

    ex = Namespace("https://example.org/")
    rng = random.Random(7)
    triples: list[tuple[Node, Node, Node]] = []
    for i in range(400):
        subject = ex[f"s{rng.randrange(60)}"]
        value: Node = Literal(f"v{rng.randrange(50)}\n\ud800", lang="en") if i % 3 else ex[f"o{i % 17}"]
        triples.append((subject, RDF.type if i % 5 == 0 else ex[f"p{i % 4}"], value))
    triples += triples[:90]  # repeats, some of them in other runs than their first copy
    writer = TurtleWriter({"ex": str(ex), "rdf": str(RDF)})
    in_memory = "".join(writer.write(triples))
    monkeypatch.setattr(turtle, "RUN_TRIPLES", 37)
    spilled = "".join(TurtleWriter({"ex": str(ex), "rdf": str(RDF)}).write(triples, spill_dir=tmp_path))
    assert spilled == in_memory
    assert list(tmp_path.iterdir()) == []  # the runs are removed once merged
    assert len(Graph().parse(data=spilled, format="turtle")) == len(set(triples))
