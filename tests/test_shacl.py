"""The compiled validator gives pySHACL's results, field for field, and refuses what it does not implement."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from pipeline.errors import OntologyError
from pipeline.extract.lexicon import Lexicon
from pipeline.validate.compiled import compile_shapes, validate_data
from pipeline.validate.components import Data
from pipeline.validate.pyshacl_reference import Violation, validate
from tests.test_shapes import ANA, ARTICLE, BREAKS, EVIDENCE, KEN, MEETING, OFFICE, _fixture

DIP = Namespace("https://w3id.org/dipkg/ontology#")
PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _ours(graph: Graph, shapes: Graph) -> list[Violation]:
    return validate_data(Data(graph.serialize(format="nt", encoding="utf-8")), compile_shapes(shapes))


def _pyshacl(graph: Graph, shapes: Graph) -> list[Violation]:
    return sorted(
        set(validate(graph, shapes).violations), key=lambda v: (v.shape, v.focus, v.path, v.message, v.value)
    )


def test_shacl_conforming_fixture_conforms(lexicon: Lexicon, shapes: Graph) -> None:
    assert _ours(_fixture(lexicon), shapes) == [] == _pyshacl(_fixture(lexicon), shapes)


@pytest.mark.parametrize("shape", sorted(BREAKS))
def test_shacl_each_violating_fixture_as_pyshacl_reports_it(
    shape: str, lexicon: Lexicon, shapes: Graph
) -> None:
    graph = _fixture(lexicon)
    BREAKS[shape](graph)
    ours = _ours(graph, shapes)
    assert ours, shape
    assert ours == _pyshacl(graph, shapes)


def test_shacl_many_breaks_at_once_as_pyshacl_reports_them(lexicon: Lexicon, shapes: Graph) -> None:
    graph = _fixture(lexicon)
    for mutation in BREAKS.values():
        mutation(graph)
    graph.add((KEN, DIP.holdsOffice, URIRef("https://example.org/office/none")))
    graph.add((MEETING, DIP.participant, Literal("Ana Lima")))
    graph.add((EVIDENCE, DIP.startOffset, Literal("ten", datatype=XSD.integer)))
    graph.add((ARTICLE, DIP.published, Literal("2025-02-30", datatype=XSD.date)))
    graph.add((ANA, RDFS.label, Literal("Ana", lang="pt")))
    graph.add((OFFICE, RDF.type, DIP.Office))
    graph.add((URIRef("https://example.org/org/unnamed"), RDF.type, DIP.InternationalOrganization))
    ours = _ours(graph, shapes)
    assert len({v.shape for v in ours}) >= len(BREAKS) - 4
    # A blank-node property shape's results are named after the node shape that holds it.
    assert "InternationalOrganizationShape" in {v.shape for v in ours}
    assert ours == _pyshacl(graph, shapes)


def test_shacl_subclass_instances_are_targeted_and_typed_as_pyshacl_does() -> None:
    shapes = Graph().parse(
        data=PREFIXES
        + """
        ex:S a sh:NodeShape ; sh:targetClass ex:Animal ; sh:property ex:P .
        ex:P a sh:PropertyShape ; sh:path ex:friend ; sh:class ex:Animal ; sh:minCount 1 ;
            sh:message "an animal needs an animal friend" .
        """,
        format="turtle",
    )
    data = Graph().parse(
        data=PREFIXES
        + """
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:Dog rdfs:subClassOf ex:Mammal . ex:Mammal rdfs:subClassOf ex:Animal .
        ex:rex a ex:Dog ; ex:friend ex:tom , ex:stone .
        ex:tom a ex:Mammal .
        ex:stone a ex:Thing .
        """,
        format="turtle",
    )
    ours = _ours(data, shapes)
    assert {(v.focus, v.component.rsplit("#")[-1], v.value) for v in ours} == {
        ("https://example.org/rex", "ClassConstraintComponent", "https://example.org/stone"),
        ("https://example.org/tom", "MinCountConstraintComponent", ""),  # a Mammal, so an Animal
    }
    assert ours == _pyshacl(data, shapes)


@pytest.mark.parametrize(
    ("shape", "reason"),
    [
        ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:or ( ex:A ex:B ) .", "sh:or"),
        ("ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:p .", "targetSubjectsOf"),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
            'ex:P sh:path ( ex:p ex:q ) ; sh:minCount 1 ; sh:message "m" .',
            "a path that is not a single predicate",
        ),
        (
            '[] a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . ex:P sh:path ex:p ; sh:maxCount 1 ; sh:message "m" .',
            "blank node",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . ex:P sh:path ex:p ; sh:minCount 1 .",
            "sh:message",
        ),
        (
            'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . ex:P sh:path ex:p ; sh:qualifiedMinCount 1 ; sh:message "m" .',
            "qualifiedMinCount",
        ),
    ],
)
def test_shacl_refuses_what_it_does_not_implement(shape: str, reason: str) -> None:
    with pytest.raises(OntologyError, match=reason):
        compile_shapes(Graph().parse(data=PREFIXES + shape, format="turtle"))


@pytest.fixture(scope="module")
def shapes() -> Graph:
    from pipeline.config import Settings
    from pipeline.validate.pyshacl_reference import load_shapes

    return load_shapes(Settings().shapes_dir)
