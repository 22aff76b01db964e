"""Graph building from hand-made resolved records."""

from __future__ import annotations

from rdflib import RDF, BNode, Literal, URIRef
from rdflib.namespace import SKOS

from pipeline.extract.lexicon import Lexicon
from pipeline.rdf.triples import build_graph
from pipeline.records import (
    ArticleInfo,
    Evidence,
    MeetingKind,
    Mode,
    Resolution,
    ResolvedHolding,
    ResolvedMeeting,
    ResolvedOffice,
    ResolvedPerson,
    Status,
)
from pipeline.vocab import DIP

HASH = "sha256:" + "1f" * 32
BASE = "https://w3id.org/dipkg/id/"


def resolution() -> Resolution:
    evidence = Evidence(HASH, 10, 60, 'Minister "A" met B.')
    return Resolution(
        articles=(
            ArticleInfo(HASH, "a b/ç.txt", "2025-01-07", "KUNA", "MENAFN", "Tokyo", "Title", ("copy.txt",)),
        ),
        persons=(
            ResolvedPerson("ana-lima", "Ana Lima", ("Lima",), (HASH,)),
            ResolvedPerson("ken-sato", "Ken Sato", (), (HASH,)),
        ),
        offices=(
            ResolvedOffice(
                "br-foreign-minister", "Foreign Minister of Brazil", "foreign_minister", "BR", None
            ),
        ),
        holdings=(
            ResolvedHolding("ana-lima", "br-foreign-minister", Status.CURRENT, ("2025-01-07",), (evidence,)),
            ResolvedHolding("ken-sato", "br-foreign-minister", Status.FORMER, (), (evidence,)),
        ),
        meetings=(
            ResolvedMeeting(
                "2025-01-07-lima-sato-00000000",
                "Talks",
                ("ana-lima", "ken-sato"),
                "2025-01-07",
                "Tokyo",
                Mode.IN_PERSON,
                ("tariffs",),
                (HASH,),
                (evidence,),
                MeetingKind.TALKS,
            ),
        ),
    )


def test_triples_contract_properties(lexicon: Lexicon) -> None:
    graph = build_graph(resolution(), lexicon, base_iri=BASE)
    ana = URIRef(BASE + "person/ana-lima")
    office = URIRef(BASE + "office/br-foreign-minister")
    meeting = URIRef(BASE + "meeting/2025-01-07-lima-sato-00000000")
    article = URIRef(BASE + "article/" + "1f" * 8)
    assert (ana, DIP.holdsOffice, office) in graph
    assert (
        URIRef(BASE + "person/ken-sato"),
        DIP.holdsOffice,
        office,
    ) not in graph  # former: holding node only
    assert (office, DIP.country, URIRef(BASE + "country/BR")) in graph
    assert (URIRef(BASE + "country/BR"), DIP.isoCode, Literal("BR")) in graph
    assert (meeting, DIP.reportedIn, article) in graph
    assert (article, DIP.sourceFile, Literal("a b/ç.txt")) in graph
    assert (article, DIP.duplicateSourceFile, Literal("copy.txt")) in graph
    tariffs = URIRef("https://w3id.org/dipkg/topic/tariffs")
    assert (meeting, DIP.topic, tariffs) in graph
    assert (tariffs, SKOS.inScheme, DIP.Topics) in graph
    evidence = URIRef(BASE + "evidence/" + "1f" * 8 + "-10-60")
    assert (meeting, DIP.supportedBy, evidence) in graph
    assert (evidence, DIP.quote, Literal('Minister "A" met B.')) in graph
    assert (evidence, RDF.type, DIP.Evidence) in graph


def test_triples_no_blank_nodes_and_base_is_configurable(lexicon: Lexicon) -> None:
    graph = build_graph(resolution(), lexicon, base_iri="https://example.org/kg/")
    nodes = {n for t in graph for n in (t[0], t[2])}
    assert not any(isinstance(n, BNode) for n in nodes)
    assert URIRef("https://example.org/kg/person/ana-lima") in nodes
