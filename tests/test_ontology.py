"""The ontology is code: every term the pipeline emits is declared, reference data is sound."""

from __future__ import annotations

from rdflib import OWL, RDF, Graph, URIRef
from rdflib.namespace import SKOS

from pipeline.config import Settings
from pipeline.extract.lexicon import Lexicon
from pipeline.rdf.triples import build_graph
from pipeline.vocab import DIP, DIP_IRI
from tests.test_triples import BASE, resolution


def ontology() -> Graph:
    graph = Graph()
    for path in sorted(Settings().ontology_dir.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def test_ontology_declares_every_vocab_term() -> None:
    graph = ontology()
    declared = {str(s) for s in graph.subjects() if str(s).startswith(DIP_IRI)}
    for name in DIP.__annotations__:
        assert DIP_IRI + name in declared, name


def test_ontology_declares_every_emitted_term(lexicon: Lexicon) -> None:
    graph = ontology()
    emitted = build_graph(resolution(), lexicon, base_iri=BASE)
    used = {str(p) for p in emitted.predicates()} | {str(o) for o in emitted.objects(None, RDF.type)}
    used |= {str(o) for o in emitted.objects() if isinstance(o, URIRef) and str(o).startswith(DIP_IRI)}
    ours = {term for term in used if term.startswith(DIP_IRI)}
    declared = {str(s) for s in graph.subjects(RDF.type, None)}
    assert ours <= declared, ours - declared


def test_ontology_contract_classes_are_aligned() -> None:
    graph = ontology()
    for cls in (DIP.Person, DIP.Office, DIP.Meeting, DIP.Topic, DIP.Country, DIP.NewsArticle):
        assert (cls, RDF.type, OWL.Class) in graph
        assert list(graph.objects(cls, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
        assert list(graph.objects(cls, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")))
        aligned = list(graph.objects(cls, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf")))
        aligned += list(graph.objects(cls, OWL.equivalentClass))
        assert aligned, cls


def test_ontology_topic_scheme_is_well_formed(lexicon: Lexicon) -> None:
    graph = ontology()
    concepts = set(graph.subjects(SKOS.inScheme, DIP.Topics))
    assert len(concepts) >= 40
    seen: dict[str, str] = {}
    for concept in concepts:
        assert len(list(graph.objects(concept, SKOS.prefLabel))) == 1, concept
        assert list(graph.objects(concept, SKOS.definition)), concept
        assert (concept, RDF.type, DIP.Topic) in graph
        for label in graph.objects(concept, SKOS.altLabel):
            key = str(label).lower()
            assert seen.setdefault(key, str(concept)) == str(concept), f"{label} is in two concepts"
    broad = {t.pref_label for t in lexicon.topics}
    for label in (
        "Trade",
        "Tariffs",
        "Sanctions",
        "Security and defence cooperation",
        "Nuclear non-proliferation",
        "Climate change",
        "Energy security",
        "Migration",
    ):
        assert label in broad


def test_ontology_reference_data(lexicon: Lexicon) -> None:
    assert len(lexicon.countries) >= 195
    assert lexicon.country_by_code["JP"].label == "Japan"
    assert lexicon.office_title("foreign_minister", "US") == "Secretary of State"
    assert lexicon.office_title("foreign_minister", "FR") == "Foreign Minister"
    assert lexicon.country_by_code["US"].label_in_text == "the United States"


def test_ontology_country_read_with_the_follows_the_word_list(lexicon: Lexicon) -> None:
    # patterns/definite-countries.txt: a whole label ("Netherlands") or its last word ("Islands")
    in_text = {code: lexicon.country_by_code[code].label_in_text for code in ("NL", "MH", "DO", "JP")}
    assert in_text == {
        "NL": "the Netherlands",
        "MH": "the Marshall Islands",
        "DO": "the Dominican Republic",
        "JP": "Japan",
    }
