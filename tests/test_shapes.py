"""The shapes: a conforming graph passes; a graph breaking each shape is reported with its message."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from pipeline.config import Settings
from pipeline.extract.lexicon import Lexicon
from pipeline.rdf.triples import build_graph
from pipeline.validate.pyshacl_reference import load_shapes, validate
from pipeline.vocab import DIP
from tests.test_triples import BASE, resolution

ID = Namespace(BASE)
ANA = ID["person/ana-lima"]
KEN = ID["person/ken-sato"]
OFFICE = ID["office/br-foreign-minister"]
COUNTRY = ID["country/BR"]
MEETING = ID["meeting/2025-01-07-lima-sato-00000000"]
ARTICLE = ID["article/" + "1f" * 8]
EVIDENCE = ID["evidence/" + "1f" * 8 + "-10-60"]
HOLDING = ID["holding/ana-lima--br-foreign-minister--current"]
TOPIC = URIRef("https://w3id.org/dipkg/topic/tariffs")
SHAPES = Namespace("https://w3id.org/dipkg/shapes#")

Mutation = Callable[[Graph], None]


def _set(s: URIRef, p: URIRef, o: object) -> Mutation:
    return lambda g: g.set((s, p, o))  # type: ignore[arg-type]


def _add(s: URIRef, p: URIRef, o: object) -> Mutation:
    return lambda g: g.add((s, p, o))  # type: ignore[arg-type]


def _drop(s: URIRef, p: URIRef) -> Mutation:
    return lambda g: g.remove((s, p, None))


BREAKS: dict[str, Mutation] = {
    "PersonLabel": _add(ANA, RDFS.label, Literal("Ana M. Lima")),
    "PersonAltLabel": _add(ANA, SKOS.altLabel, Literal(5)),
    "PersonHoldsOffice": _add(ANA, DIP.holdsOffice, COUNTRY),
    "PersonMentionedIn": _add(ANA, DIP.mentionedIn, OFFICE),
    "HoldsOfficeIsSupported": _add(KEN, DIP.holdsOffice, OFFICE),
    "OfficeLabel": _drop(OFFICE, RDFS.label),
    "OfficeOfACountry": _drop(OFFICE, DIP.country),  # neither a country nor an organization
    "OfficeOfAnOrganization": _add(OFFICE, DIP.organization, COUNTRY),  # both
    "OfficeCountry": _add(OFFICE, DIP.country, ANA),
    "OfficeOrganization": _add(OFFICE, DIP.organization, ANA),
    "OfficeRole": _add(OFFICE, DIP.role, ARTICLE),
    "OfficeAccreditedTo": _add(OFFICE, DIP.accreditedTo, ANA),
    "CountryIsoCode": _set(COUNTRY, DIP.isoCode, Literal("Brazil")),
    "CountryLabel": _drop(COUNTRY, RDFS.label),
    "MeetingParticipant": _drop(MEETING, DIP.participant),
    "MeetingDate": _set(MEETING, DIP.date, Literal("2025-01-07")),
    "MeetingLocation": _add(MEETING, DIP.location, Literal("Kyoto")),
    "MeetingMode": _set(MEETING, DIP.mode, Literal("by pigeon")),
    "MeetingTopic": _add(MEETING, DIP.topic, ANA),
    "MeetingReportedIn": _drop(MEETING, DIP.reportedIn),
    "MeetingSupportedBy": _drop(MEETING, DIP.supportedBy),
    "TopicPrefLabel": _set(TOPIC, SKOS.prefLabel, Literal("Tariffs")),
    "TopicInScheme": _set(TOPIC, SKOS.inScheme, DIP.Roles),
    "ArticlePublished": _set(ARTICLE, DIP.published, Literal("7 Jan 2025")),
    "ArticleSourceFile": _drop(ARTICLE, DIP.sourceFile),
    "ArticleContentHash": _set(ARTICLE, DIP.contentHash, Literal("md5:abc")),
    "HoldingHolder": _set(HOLDING, DIP.holder, OFFICE),
    "HoldingOffice": _drop(HOLDING, DIP.office),
    "HoldingStatus": _set(HOLDING, DIP.status, URIRef("https://w3id.org/dipkg/ontology#Probably")),
    "HoldingAttestedOn": _add(HOLDING, DIP.attestedOn, Literal("yesterday")),
    "HoldingSupportedBy": _drop(HOLDING, DIP.supportedBy),
    "EvidenceArticle": _drop(EVIDENCE, DIP.inArticle),
    "EvidenceQuote": _set(EVIDENCE, DIP.quote, Literal("")),
    "EvidenceStart": _set(EVIDENCE, DIP.startOffset, Literal(99, datatype=XSD.integer)),
    "EvidenceEnd": _drop(EVIDENCE, DIP.endOffset),
}


REPORTED_UNDER = {
    "HoldsOfficeIsSupported": "ProvenanceShape",
    # The two ways an office can belong (sh:xone) are reported under the office's shape.
    "OfficeOfACountry": "OfficeShape",
    "OfficeOfAnOrganization": "OfficeShape",
}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(Settings().shapes_dir)


def _fixture(lexicon: Lexicon) -> Graph:
    return build_graph(resolution(), lexicon, base_iri=BASE)


def test_shapes_conforming_fixture(lexicon: Lexicon, shapes: Graph) -> None:
    outcome = validate(_fixture(lexicon), shapes)
    assert outcome.conforms, outcome.summary()


@pytest.mark.parametrize("shape", sorted(BREAKS))
def test_shapes_each_violation_is_reported_with_its_message(
    shape: str, lexicon: Lexicon, shapes: Graph
) -> None:
    graph = _fixture(lexicon)
    BREAKS[shape](graph)
    outcome = validate(graph, shapes)
    assert not outcome.conforms
    reported = {v.shape: v.message for v in outcome.violations}
    # A SPARQL constraint is reported under the node shape that holds it.
    source = REPORTED_UNDER.get(shape, shape)
    assert source in reported, outcome.summary()
    assert reported[source] and "{" not in reported[source]
    assert source in outcome.summary()


def test_shapes_every_constraint_has_a_violating_fixture(shapes: Graph) -> None:
    declared = {
        str(s).rsplit("#", 1)[-1]
        for s in shapes.subjects(RDF.type, None)
        if str(s).startswith(str(SHAPES)) and not str(s).endswith(("Shape", "#Graph"))
    }
    assert declared == set(BREAKS)


def test_shapes_every_constraint_has_a_message(shapes: Graph) -> None:
    sh = Namespace("http://www.w3.org/ns/shacl#")
    for shape in shapes.subjects(RDF.type, sh.PropertyShape):
        assert shapes.value(shape, sh.message), shape
