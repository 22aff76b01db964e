"""RDF generation: resolved records → an rdflib Graph of the contract's vocabulary.

No blank nodes: every node is an IRI minted from content (see ``pipeline.resolve.iris``).
Evidence nodes carry the article, the quoted sentence and its character offsets.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from pipeline import records
from pipeline.extract.lexicon import Lexicon
from pipeline.records import Evidence, Resolution, Status
from pipeline.resolve.iris import Minter
from pipeline.vocab import DIP, GRAPH_PREFIXES, instance_prefixes

Triple = tuple[URIRef, URIRef, URIRef | Literal]

STATUS_TERMS = {
    Status.CURRENT: DIP.Current,
    Status.FORMER: DIP.Former,
    Status.ELECT: DIP.Elect,
    Status.DESIGNATE: DIP.Designate,
}


def build_graph(resolution: Resolution, lexicon: Lexicon, *, base_iri: str) -> Graph:
    """The knowledge graph of a resolution, with prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in sorted({**GRAPH_PREFIXES, **instance_prefixes(base_iri)}.items()):
        graph.bind(prefix, Namespace(namespace))
    for triple in triples(resolution, lexicon, base_iri=base_iri):
        graph.add(triple)
    return graph


def triples(resolution: Resolution, lexicon: Lexicon, *, base_iri: str) -> Iterator[Triple]:
    """Every triple of the graph, generated record by record."""
    for _, _, produced in entity_triples(resolution, lexicon, base_iri=base_iri):
        yield from produced
    yield from vocabulary_triples(resolution, lexicon, base_iri=base_iri)


# Per entity: the Resolution field it is in, its index there, and the triples it gives.
EntityTriples = tuple[str, int, Iterator[Triple]]


def entity_triples(resolution: Resolution, lexicon: Lexicon, *, base_iri: str) -> Iterator[EntityTriples]:
    """The triples of each entity of the resolution, which depend on that entity alone
    (and on the lexicon and the base IRI): the same entity gives the same triples in any
    corpus, so a graph can be rebuilt from the triples of the entities it had before."""
    mint = Minter(base_iri)
    for index, article in enumerate(resolution.articles):
        yield "articles", index, _article(article, mint)
    for index, person in enumerate(resolution.persons):
        yield "persons", index, _person(person, mint)
    for index, office in enumerate(resolution.offices):
        yield "offices", index, _office(office, mint, lexicon)
    for index, holding in enumerate(resolution.holdings):
        yield "holdings", index, _holding(holding, mint)
    for index, meeting in enumerate(resolution.meetings):
        yield "meetings", index, _meeting(meeting, mint, lexicon)


def vocabulary_triples(
    resolution: Resolution, lexicon: Lexicon, *, base_iri: str, topics: Iterable[str] = ()
) -> Iterator[Triple]:
    """The roles, organizations, countries and topics the entities point to, described once
    (and the ``topics`` of meetings whose triples are made elsewhere)."""
    mint = Minter(base_iri)
    countries = {c for o in resolution.offices for c in (o.country, o.accredited_to) if c}
    organizations = {o.organization for o in resolution.offices if o.organization}
    used = {o.role for o in resolution.offices}
    used |= {b for r in used if (b := lexicon.role_by_notation[r].broader)}
    for notation in sorted(used):
        role = lexicon.role_by_notation[notation]
        node = URIRef(mint.role(role.slug))
        yield node, RDF.type, DIP.Role
        yield node, RDF.type, SKOS.Concept
        yield node, SKOS.prefLabel, Literal(role.label, lang="en")
        yield node, SKOS.notation, Literal(role.notation)
        yield node, SKOS.inScheme, DIP.Roles
        if role.broader:
            yield node, SKOS.broader, URIRef(mint.role(lexicon.role_by_notation[role.broader].slug))
    for code in sorted(organizations):
        body = URIRef(mint.organization(code))
        yield body, RDF.type, DIP.InternationalOrganization
        yield body, RDFS.label, Literal(lexicon.organization_by_code[code].label)
        yield body, SKOS.notation, Literal(code)
    for code in sorted(countries):
        country = lexicon.country_by_code[code]
        node = URIRef(mint.country(code))
        yield node, RDF.type, DIP.Country
        yield node, DIP.isoCode, Literal(code)
        yield node, RDFS.label, Literal(country.label)
    for notation in sorted({t for m in resolution.meetings for t in m.topics}.union(topics)):
        topic = lexicon.topic_by_notation[notation]
        node = URIRef(topic.iri)
        yield node, RDF.type, DIP.Topic
        yield node, RDF.type, SKOS.Concept
        yield node, SKOS.prefLabel, Literal(topic.pref_label, lang="en")
        yield node, SKOS.inScheme, DIP.Topics
        yield node, SKOS.notation, Literal(topic.notation)


def _office(office: records.ResolvedOffice, mint: Minter, lexicon: Lexicon) -> Iterator[Triple]:
    node = URIRef(mint.office(office.slug))
    role = lexicon.role_by_notation[office.role]
    yield node, RDF.type, DIP.Office
    yield node, RDFS.label, Literal(office.label)
    if office.country:
        yield node, DIP.country, URIRef(mint.country(office.country))
    if office.organization:
        yield node, DIP.organization, URIRef(mint.organization(office.organization))
    yield node, DIP.role, URIRef(mint.role(role.slug))
    if office.accredited_to:
        yield node, DIP.accreditedTo, URIRef(mint.country(office.accredited_to))


def _article(article: records.ArticleInfo, mint: Minter) -> Iterator[Triple]:
    node = URIRef(mint.article(article.content_hash))
    yield node, RDF.type, DIP.NewsArticle
    yield node, DIP.sourceFile, Literal(article.source_file)
    yield node, DIP.contentHash, Literal(article.content_hash)
    if article.published:
        yield node, DIP.published, Literal(article.published, datatype=XSD.date)
    for predicate, value in (
        (DCTERMS.title, article.title),
        (DIP.agency, article.agency),
        (DIP.via, article.via),
        (DIP.dateline, article.dateline),
    ):
        if value:
            yield node, predicate, Literal(value)
    for duplicate in article.duplicates:
        yield node, DIP.duplicateSourceFile, Literal(duplicate)


def _person(person: records.ResolvedPerson, mint: Minter) -> Iterator[Triple]:
    node = URIRef(mint.person(person.slug))
    yield node, RDF.type, DIP.Person
    yield node, RDFS.label, Literal(person.name)
    for alias in person.aliases:
        yield node, SKOS.altLabel, Literal(alias)
    for article in person.articles:
        yield node, DIP.mentionedIn, URIRef(mint.article(article))


def _supported_by(claim: URIRef, evidence: tuple[Evidence, ...], mint: Minter) -> Iterator[Triple]:
    """The claim ``dip:supportedBy`` each of its evidence nodes, and those nodes."""
    for item in evidence:
        yield claim, DIP.supportedBy, URIRef(mint.evidence(item.content_hash, item.start, item.end))
        yield from _evidence(item, mint)


def _evidence(evidence: Evidence, mint: Minter) -> Iterator[Triple]:
    node = URIRef(mint.evidence(evidence.content_hash, evidence.start, evidence.end))
    yield node, RDF.type, DIP.Evidence
    yield node, DIP.inArticle, URIRef(mint.article(evidence.content_hash))
    yield node, DIP.quote, Literal(evidence.quote)
    yield node, DIP.startOffset, Literal(evidence.start, datatype=XSD.integer)
    yield node, DIP.endOffset, Literal(evidence.end, datatype=XSD.integer)


def _holding(holding: records.ResolvedHolding, mint: Minter) -> Iterator[Triple]:
    person = URIRef(mint.person(holding.person))
    office = URIRef(mint.office(holding.office))
    node = URIRef(mint.holding(f"{holding.person}--{holding.office}--{holding.status.value}"))
    if holding.status is Status.CURRENT:
        yield person, DIP.holdsOffice, office
    yield node, RDF.type, DIP.OfficeHolding
    yield node, DIP.holder, person
    yield node, DIP.office, office
    yield node, DIP.status, STATUS_TERMS[holding.status]
    for day in holding.attested_on:
        yield node, DIP.attestedOn, Literal(day, datatype=XSD.date)
    yield from _supported_by(node, holding.evidence, mint)


def _meeting(meeting: records.ResolvedMeeting, mint: Minter, lexicon: Lexicon) -> Iterator[Triple]:
    node = URIRef(mint.meeting(meeting.slug))
    yield node, RDF.type, DIP.Meeting
    yield node, RDFS.label, Literal(meeting.label)
    for person in meeting.participants:
        yield node, DIP.participant, URIRef(mint.person(person))
    if meeting.date:
        yield node, DIP.date, Literal(meeting.date, datatype=XSD.date)
    if meeting.location:
        yield node, DIP.location, Literal(meeting.location)
    yield node, DIP.mode, Literal(meeting.mode.value)
    for notation in meeting.topics:
        yield node, DIP.topic, URIRef(lexicon.topic_by_notation[notation].iri)
    for article in meeting.articles:
        yield node, DIP.reportedIn, URIRef(mint.article(article))
    yield from _supported_by(node, meeting.evidence, mint)
