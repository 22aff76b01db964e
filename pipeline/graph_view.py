"""What the report and the picture show, read from any exported graph through SPARQL.

Only the contract's terms (and the documented provenance and holding patterns) are
queried, so a graph made by another run, another version or by hand renders too.
Every value is optional here: a missing label falls back to the IRI's last segment, a
property given twice yields its smallest value. Text is cleaned once, on the way in,
of characters that no HTML, XML or UTF-8 file can hold.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import ResultRow
from rdflib.term import Node

PREFIXES = """
PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX sh: <http://www.w3.org/ns/shacl#>
"""
CURRENT = "current"
_STATUS_ORDER = {CURRENT: 0, "elect": 1, "designate": 2, "former": 3}
# Characters XML 1.0 cannot hold (and lone surrogates, which UTF-8 cannot encode).
_UNREPRESENTABLE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class GraphCounts:
    """How much is in the graph, counted by SPARQL (the summary prints these)."""

    articles: int
    persons: int
    offices: int
    meetings: int
    meeting_reports: int  # (meeting, article) report links: what the meetings merge
    meetings_merged: int  # meetings reported by two articles or more
    topics: int
    triples: int


@dataclass(frozen=True)
class OfficeView:
    label: str
    status: str  # "current", "former", "elect", "designate" (or the status IRI's name)
    country: str  # ISO code, "" when unknown


@dataclass(frozen=True)
class PersonView:
    iri: str
    name: str
    aliases: tuple[str, ...]
    offices: tuple[OfficeView, ...]
    country: str  # the country the person is drawn in: of a current office first; "" unknown


@dataclass(frozen=True)
class SourceView:
    """An article that reports a meeting, or that a quote comes from."""

    file: str  # dip:sourceFile, "" when the graph does not say
    title: str
    published: str


@dataclass(frozen=True)
class QuoteView:
    text: str
    file: str
    start: int


@dataclass(frozen=True)
class MeetingView:
    iri: str
    label: str
    date: str  # "YYYY-MM-DD" or ""
    location: str
    mode: str
    participants: tuple[str, ...]  # person IRIs, in the order of the persons' names
    topics: tuple[str, ...]  # topic labels
    sources: tuple[SourceView, ...]
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True)
class TopicView:
    iri: str
    label: str
    meetings: int


@dataclass(frozen=True)
class GraphView:
    """Everything a report shows about one graph, sorted for deterministic output."""

    persons: tuple[PersonView, ...]
    meetings: tuple[MeetingView, ...]
    topics: tuple[TopicView, ...]
    countries: Mapping[str, str]  # ISO code → label, for the countries persons are drawn in
    counts: GraphCounts

    def person(self, iri: str) -> PersonView:
        return {p.iri: p for p in self.persons}[iri]


def clean_text(value: str) -> str:
    """The text without characters no HTML, XML or UTF-8 output can carry."""
    return _UNREPRESENTABLE.sub("\ufffd", value)


def local_name(iri: str) -> str:
    """The last segment of an IRI: the fallback label of an unlabelled node."""
    return clean_text(re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri)


def load_view(graph: Graph) -> GraphView:
    """Read persons, meetings and topics of ``graph`` with SPARQL."""
    offices, countries = _offices(graph)
    persons = _persons(graph, offices)
    names = {p.iri: p.name for p in persons}
    meetings = _meetings(graph, names)
    topics = _topics(graph)
    drawn = {p.country for p in persons if p.country}
    return GraphView(
        persons=persons,
        meetings=meetings,
        topics=topics,
        countries={code: countries.get(code, code) for code in sorted(drawn)},
        counts=count_graph(graph),
    )


def count_graph(graph: Graph) -> GraphCounts:
    """The counts of the run summary, by SPARQL on the graph."""
    typed = {
        str(kind): int(str(n))
        for kind, n in select(
            graph,
            """SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE {
                 VALUES (?kind ?class) { ("articles" dip:NewsArticle) ("persons" dip:Person)
                   ("offices" dip:Office) ("meetings" dip:Meeting) ("topics" dip:Topic) }
                 ?x a ?class } GROUP BY ?kind""",
        )
    }
    reports = [
        int(str(n))
        for _, n in select(
            graph,
            """SELECT ?m (COUNT(DISTINCT ?a) AS ?n) WHERE { ?m a dip:Meeting ; dip:reportedIn ?a }
               GROUP BY ?m""",
        )
    ]
    return GraphCounts(
        articles=typed.get("articles", 0),
        persons=typed.get("persons", 0),
        offices=typed.get("offices", 0),
        meetings=typed.get("meetings", 0),
        meeting_reports=sum(reports),
        meetings_merged=sum(n > 1 for n in reports),
        topics=typed.get("topics", 0),
        triples=len(graph),
    )


def select(graph: Graph, query: str) -> Iterable[ResultRow]:
    """Rows of a SELECT query, with this module's prefixes (each query parsed once)."""
    for row in graph.query(_prepared(query)):
        assert isinstance(row, ResultRow)
        yield row


@functools.lru_cache(maxsize=64)
def _prepared(query: str) -> Query:
    # Parsing SPARQL (pyparsing) costs more than running these queries on a run's graph.
    return prepareQuery(PREFIXES + query)


def _text(node: Node | None) -> str:
    return "" if node is None else clean_text(str(node))


def _first(values: Iterable[str]) -> str:
    """The smallest non-empty value: deterministic when a graph gives a property twice."""
    return min((v for v in values if v), default="")


def _offices(graph: Graph) -> tuple[dict[str, list[OfficeView]], dict[str, str]]:
    """Every holding per person IRI (current ones from dip:holdsOffice too); country labels."""
    rows = select(
        graph,
        """SELECT DISTINCT ?p ?o ?olabel ?status ?cc ?clabel WHERE {
             { ?p dip:holdsOffice ?o . BIND(dip:Current AS ?status) }
             UNION { ?h dip:holder ?p ; dip:office ?o . OPTIONAL { ?h dip:status ?status } }
             OPTIONAL { ?o rdfs:label ?olabel }
             OPTIONAL { ?o dip:country ?c . OPTIONAL { ?c dip:isoCode ?cc } OPTIONAL { ?c rdfs:label ?clabel } }
           }""",
    )
    held: dict[str, set[OfficeView]] = defaultdict(set)
    countries: dict[str, str] = {}
    for person, office, label, status, code, country in rows:
        cc = _text(code)
        held[str(person)].add(
            OfficeView(
                label=_text(label) or local_name(str(office)),
                status=local_name(str(status)).lower() if status is not None else "",
                country=cc,
            )
        )
        if cc:
            countries[cc] = _first([countries.get(cc, ""), _text(country)]) or cc
    ordered = {
        person: sorted(found, key=lambda o: (_STATUS_ORDER.get(o.status, 9), o.label, o.status, o.country))
        for person, found in held.items()
    }
    return ordered, countries


def _persons(graph: Graph, offices: Mapping[str, list[OfficeView]]) -> tuple[PersonView, ...]:
    names: dict[str, set[str]] = defaultdict(set)
    for person, name in select(
        graph,
        """SELECT DISTINCT ?p ?name WHERE {
             { ?p a dip:Person } UNION { ?m a dip:Meeting ; dip:participant ?p }
             OPTIONAL { ?p rdfs:label ?name } }""",
    ):
        names[str(person)].add(_text(name))
    aliases: dict[str, set[str]] = defaultdict(set)
    for person, alias in select(graph, "SELECT DISTINCT ?p ?alt WHERE { ?p skos:altLabel ?alt }"):
        aliases[str(person)].add(_text(alias))
    persons = []
    for iri, found in names.items():
        held = tuple(offices.get(iri, ()))
        persons.append(
            PersonView(
                iri=iri,
                name=_first(found) or local_name(iri),
                aliases=tuple(sorted(a for a in aliases[iri] if a)),
                offices=held,
                country=next((o.country for o in held if o.country), ""),
            )
        )
    return tuple(sorted(persons, key=lambda p: (p.name.casefold(), p.name, p.iri)))


def _meetings(graph: Graph, names: Mapping[str, str]) -> tuple[MeetingView, ...]:
    fields: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for meeting, label, date, location, mode in select(
        graph,
        """SELECT DISTINCT ?m ?label ?date ?location ?mode WHERE { ?m a dip:Meeting .
             OPTIONAL { ?m rdfs:label ?label } OPTIONAL { ?m dip:date ?date }
             OPTIONAL { ?m dip:location ?location } OPTIONAL { ?m dip:mode ?mode } }""",
    ):
        for name, value in (("label", label), ("date", date), ("location", location), ("mode", mode)):
            fields[str(meeting)][name].add(_text(value))
    people: dict[str, set[str]] = defaultdict(set)
    for meeting, person in select(
        graph, "SELECT DISTINCT ?m ?p WHERE { ?m a dip:Meeting ; dip:participant ?p }"
    ):
        people[str(meeting)].add(str(person))
    topics: dict[str, set[str]] = defaultdict(set)
    for meeting, topic, label in select(
        graph,
        """SELECT DISTINCT ?m ?t ?label WHERE { ?m a dip:Meeting ; dip:topic ?t .
             OPTIONAL { ?t skos:prefLabel ?label } }""",
    ):
        topics[str(meeting)].add(_text(label) or local_name(str(topic)))
    sources = _meeting_sources(graph)
    quotes = _meeting_quotes(graph)
    meetings = []
    for iri, values in fields.items():
        meetings.append(
            MeetingView(
                iri=iri,
                label=_first(values["label"]) or local_name(iri),
                date=_first(values["date"]),
                location=_first(values["location"]),
                mode=_first(values["mode"]),
                participants=tuple(sorted(people[iri], key=lambda p: (names.get(p, p).casefold(), p))),
                topics=tuple(sorted(topics[iri], key=lambda t: (t.casefold(), t))),
                sources=tuple(sorted(sources[iri], key=lambda s: (s.file, s.title, s.published))),
                quotes=tuple(sorted(quotes[iri], key=lambda q: (q.file, q.start, q.text))),
            )
        )
    # Dated meetings in time order, then the undated ones.
    return tuple(sorted(meetings, key=lambda m: (m.date == "", m.date, m.label.casefold(), m.iri)))


def _meeting_sources(graph: Graph) -> dict[str, set[SourceView]]:
    found: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(set))
    )
    for meeting, article, file, title, published in select(
        graph,
        """SELECT DISTINCT ?m ?a ?file ?title ?published WHERE { ?m a dip:Meeting ; dip:reportedIn ?a .
             OPTIONAL { ?a dip:sourceFile ?file } OPTIONAL { ?a dct:title ?title }
             OPTIONAL { ?a dip:published ?published } }""",
    ):
        values = found[str(meeting)][str(article)]
        values["file"].add(_text(file))
        values["title"].add(_text(title))
        values["published"].add(_text(published))
    return {
        meeting: {
            SourceView(_first(v["file"]), _first(v["title"]), _first(v["published"]))
            for v in articles.values()
        }
        for meeting, articles in found.items()
    }


def _meeting_quotes(graph: Graph) -> dict[str, set[QuoteView]]:
    found: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(set))
    )
    for meeting, evidence, quote, file, start in select(
        graph,
        """SELECT DISTINCT ?m ?e ?quote ?file ?start WHERE { ?m a dip:Meeting ; dip:supportedBy ?e .
             ?e dip:quote ?quote .
             OPTIONAL { ?e dip:inArticle/dip:sourceFile ?file } OPTIONAL { ?e dip:startOffset ?start } }""",
    ):
        values = found[str(meeting)][str(evidence)]
        values["quote"].add(_text(quote))
        values["file"].add(_text(file))
        values["start"].add(_text(start))
    return {
        meeting: {
            QuoteView(_first(v["quote"]), _first(v["file"]), _offset(_first(v["start"])))
            for v in evidence.values()
        }
        for meeting, evidence in found.items()
    }


def _offset(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _topics(graph: Graph) -> tuple[TopicView, ...]:
    labels: dict[str, set[str]] = defaultdict(set)
    uses: dict[str, set[str]] = defaultdict(set)
    for topic, label, meeting in select(
        graph,
        """SELECT DISTINCT ?t ?label ?m WHERE {
             { ?t a dip:Topic } UNION { ?any a dip:Meeting ; dip:topic ?t }
             OPTIONAL { ?t skos:prefLabel ?label } OPTIONAL { ?m a dip:Meeting ; dip:topic ?t } }""",
    ):
        labels[str(topic)].add(_text(label))
        if meeting is not None:
            uses[str(topic)].add(str(meeting))
    topics = [
        TopicView(iri=iri, label=_first(found) or local_name(iri), meetings=len(uses[iri]))
        for iri, found in labels.items()
    ]
    return tuple(sorted(topics, key=lambda t: (-t.meetings, t.label.casefold(), t.iri)))
