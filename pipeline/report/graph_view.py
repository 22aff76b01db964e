"""What the report and the picture show, read from any exported graph.

Only the contract's terms (and the documented provenance and holding patterns) are
read, so a graph made by another run, another version or by hand renders too. Every
value is optional here: a missing label falls back to the IRI's last segment, a
property given twice yields its smallest value. Text is cleaned once, on the way in,
of characters that no HTML, XML or UTF-8 file can hold.

The graph is read once into a ``graph_index.GraphIndex`` (subject → objects of each
property read); the joins between entities are done here, with dictionaries, so the
work grows with the triples, never with pairs of them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import DCTERMS, RDFS, SKOS, URIRef

from pipeline.report.graph_index import GraphIndex, index_of
from pipeline.vocab import DIP

if TYPE_CHECKING:
    from rdflib import Graph

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

    def to_json(self) -> dict[str, int]:
        """The counts as a JSON object (the report cache keeps them)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> GraphCounts:
        """Counts from ``to_json``; ``ValueError`` when a count is missing or not an integer."""
        counts: dict[str, int] = {}
        for name in (f.name for f in fields(cls)):
            count = data.get(name)
            if not isinstance(count, int) or isinstance(count, bool):
                raise ValueError(f"not graph counts: {dict(data)!r}")
            counts[name] = count
        return cls(**counts)


@dataclass(frozen=True)
class OfficeView:
    """An office a person holds, as the report lists it."""

    label: str
    status: str  # "current", "former", "elect", "designate" (or the status IRI's name)
    country: str  # ISO code, "" when unknown


@dataclass(frozen=True)
class PersonView:
    """A person with the offices the graph gives them."""

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
    """A sentence quoted as the evidence of a meeting, with where it stands."""

    text: str
    file: str  # dip:sourceFile of the sentence's article
    start: int  # dip:startOffset: where the sentence starts in the article's clean text


@dataclass(frozen=True)
class MeetingView:
    """A meeting with its participants, circumstances, topics and evidence."""

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
    """A topic and how many meetings discussed it."""

    iri: str
    label: str
    meetings: int  # the meetings whose dip:hasTopic is this topic


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


def load_view(graph: GraphIndex | ox.Store | Graph) -> GraphView:
    """Read persons, meetings and topics of ``graph`` (``graph_index``: one pass over it)."""
    index = index_of(graph)
    labels = _objects(index, RDFS.label)
    offices, countries = _offices(index, labels)
    persons = _persons(index, labels, offices)
    names = {p.iri: p.name for p in persons}
    meeting_topics = _meeting_property(index, DIP.topic)
    topic_labels = _objects(index, SKOS.prefLabel)
    meetings = _meetings(index, labels, names, _topic_names(meeting_topics, topic_labels))
    drawn = {p.country for p in persons if p.country}
    return GraphView(
        persons=persons,
        meetings=meetings,
        topics=_topics(index, meeting_topics, topic_labels),
        countries={code: countries.get(code, code) for code in sorted(drawn)},
        counts=count_graph(index),
    )


def count_graph(graph: GraphIndex | ox.Store | Graph) -> GraphCounts:
    """The counts of the run summary: distinct members of each class, report links, statements."""
    index = index_of(graph)
    meetings = index.members(_MEETING)
    reports = [
        len(articles)
        for meeting, articles in index.objects(str(DIP.reportedIn)).items()
        if meeting in meetings
    ]
    return GraphCounts(
        articles=len(index.members(str(DIP.NewsArticle))),
        persons=len(index.members(str(DIP.Person))),
        offices=len(index.members(str(DIP.Office))),
        meetings=len(meetings),
        meeting_reports=sum(reports),
        meetings_merged=sum(n > 1 for n in reports),
        topics=len(index.members(str(DIP.Topic))),
        triples=index.triples,
    )


_MEETING = str(DIP.Meeting)


def _first(values: Iterable[str]) -> str:
    """The smallest non-empty value: deterministic when a graph gives a property twice."""
    return min((v for v in values if v), default="")


def _objects(index: GraphIndex, prop: URIRef, subjects: Iterable[str] | None = None) -> dict[str, set[str]]:
    """?s → its ?o of ``prop`` (of ``subjects`` only, when given), cleaned (an IRI has
    nothing to clean, so it stays a key)."""
    found: dict[str, set[str]] = defaultdict(set)
    for s, o in index.pairs(str(prop), subjects):
        found[s].add(clean_text(o))
    return found


def _smallest(index: GraphIndex, prop: URIRef, subjects: Iterable[str] | None = None) -> dict[str, str]:
    """?s → ``_first`` of its ?o of ``prop``, without keeping a set of them per subject."""
    found: dict[str, str] = {}
    for s, o in index.pairs(str(prop), subjects):
        found[s] = _first((found.get(s, ""), clean_text(o)))
    return found


def _meeting_property(index: GraphIndex, prop: URIRef) -> dict[str, set[str]]:
    return _objects(index, prop, _sorted(index.members(_MEETING)))


def _sorted(subjects: Iterable[str]) -> list[str]:
    # Sets iterate in hash order: rows are read in one order whatever PYTHONHASHSEED is.
    return sorted(subjects)


def _offices(
    index: GraphIndex, labels: Mapping[str, set[str]]
) -> tuple[dict[str, list[OfficeView]], dict[str, str]]:
    """Every holding per person IRI (current ones from dip:holdsOffice too); country labels."""
    holdings: set[tuple[str, str, str]] = {
        (person, office, "current")
        for person, offices in _objects(index, DIP.holdsOffice).items()
        for office in offices
    }
    statuses = _objects(index, DIP.status)
    office_of = index.objects(str(DIP.office))
    for h, p in index.pairs(str(DIP.holder)):
        for o in office_of.get(h, ()):
            for status in statuses.get(h) or {""}:
                holdings.add((p, o, local_name(status).lower() if status else ""))
    in_country = _objects(index, DIP.country)
    codes = _objects(index, DIP.isoCode)
    held: dict[str, set[OfficeView]] = defaultdict(set)
    countries: dict[str, str] = {}
    for person, office, status in holdings:
        # The rows of "office, optional label, optional country (optional code and label)".
        places = [
            (code, country_label)
            for country in in_country.get(office) or {""}
            for code in codes.get(country) or {""}
            for country_label in labels.get(country) or {""}
        ]
        for label in labels.get(office) or {""}:
            for code, country_label in places:
                held[person].add(OfficeView(label or local_name(office), status, code))
                if code:
                    countries[code] = _first([countries.get(code, ""), country_label]) or code
    ordered = {
        person: sorted(found, key=lambda o: (_STATUS_ORDER.get(o.status, 9), o.label, o.status, o.country))
        for person, found in held.items()
    }
    return ordered, countries


def _persons(
    index: GraphIndex, labels: Mapping[str, set[str]], offices: Mapping[str, list[OfficeView]]
) -> tuple[PersonView, ...]:
    aliases = _objects(index, SKOS.altLabel)
    participants = _meeting_property(index, DIP.participant)
    iris = index.members(str(DIP.Person)).union(*participants.values())
    persons = []
    for iri in iris:
        held = tuple(offices.get(iri, ()))
        persons.append(
            PersonView(
                iri=iri,
                name=_first(labels.get(iri, ())) or local_name(iri),
                aliases=tuple(sorted(a for a in aliases.get(iri, ()) if a)),
                offices=held,
                country=next((o.country for o in held if o.country), ""),
            )
        )
    return tuple(sorted(persons, key=lambda p: (p.name.casefold(), p.name, p.iri)))


def _meetings(
    index: GraphIndex,
    labels: Mapping[str, set[str]],
    names: Mapping[str, str],
    topics: Mapping[str, set[str]],
) -> tuple[MeetingView, ...]:
    iris = _sorted(index.members(_MEETING))
    dates, places, modes = (_smallest(index, p, iris) for p in (DIP.date, DIP.location, DIP.mode))
    people = _meeting_property(index, DIP.participant)
    files = _smallest(index, DIP.sourceFile)
    sources = _meeting_sources(index, files)
    quotes = _meeting_quotes(index, files)
    meetings = []
    for iri in iris:
        meetings.append(
            MeetingView(
                iri=iri,
                label=_first(labels.get(iri, ())) or local_name(iri),
                date=dates.get(iri, ""),
                location=places.get(iri, ""),
                mode=modes.get(iri, ""),
                participants=tuple(
                    sorted(people.get(iri, ()), key=lambda p: (names.get(p, p).casefold(), p))
                ),
                topics=tuple(sorted(topics.get(iri, ()), key=lambda t: (t.casefold(), t))),
                sources=tuple(sorted(sources.get(iri, ()), key=lambda s: (s.file, s.title, s.published))),
                quotes=tuple(sorted(quotes.get(iri, ()), key=lambda q: (q.file, q.start, q.text))),
            )
        )
    # Dated meetings in time order, then the undated ones.
    return tuple(sorted(meetings, key=lambda m: (m.date == "", m.date, m.label.casefold(), m.iri)))


def _topic_iris(index: GraphIndex, meeting_topics: Mapping[str, set[str]]) -> set[str]:
    return index.members(str(DIP.Topic)).union(*meeting_topics.values())


def _topic_names(
    meeting_topics: Mapping[str, set[str]], labels: Mapping[str, set[str]]
) -> dict[str, set[str]]:
    """Meeting IRI → its topics' names: each preferred label, else the IRI's last segment."""
    return {
        meeting: {label or local_name(t) for t in topics for label in labels.get(t) or {""}}
        for meeting, topics in meeting_topics.items()
    }


def _meeting_sources(index: GraphIndex, files: Mapping[str, str]) -> dict[str, set[SourceView]]:
    titles, published = (_smallest(index, p) for p in (DCTERMS.title, DIP.published))
    return {
        meeting: {SourceView(files.get(a, ""), titles.get(a, ""), published.get(a, "")) for a in articles}
        for meeting, articles in _meeting_property(index, DIP.reportedIn).items()
    }


def _meeting_quotes(index: GraphIndex, files: Mapping[str, str]) -> dict[str, set[QuoteView]]:
    supported = _meeting_property(index, DIP.supportedBy)
    evidence = sorted(set().union(*supported.values()))
    texts = _smallest(index, DIP.quote, evidence)
    articles = _objects(index, DIP.inArticle, evidence)
    starts = _smallest(index, DIP.startOffset, evidence)
    quote = {
        e: QuoteView(
            text,
            _first(files.get(a, "") for a in articles.get(e, ())),
            _offset(starts.get(e, "")),
        )
        for e, text in texts.items()
    }
    return {meeting: {quote[e] for e in found if e in quote} for meeting, found in supported.items()}


def _offset(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _topics(
    index: GraphIndex, meeting_topics: Mapping[str, set[str]], labels: Mapping[str, set[str]]
) -> tuple[TopicView, ...]:
    uses: dict[str, int] = defaultdict(int)
    for topics in meeting_topics.values():
        for topic in topics:
            uses[topic] += 1
    found = [
        TopicView(iri=iri, label=_first(labels.get(iri, ())) or local_name(iri), meetings=uses[iri])
        for iri in _topic_iris(index, meeting_topics)
    ]
    return tuple(sorted(found, key=lambda t: (-t.meetings, t.label.casefold(), t.iri)))
