"""A predicted graph as the scorer needs it, read through SPARQL only.

So it scores any graph that follows the contract, whoever made it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from rdflib import Graph

from pipeline.errors import EvaluationError
from pipeline.evaluate.names import name_key, normalise
from pipeline.vocab import QUERY_PREFIXES, sparql_prologue

_PREFIXES = sparql_prologue(QUERY_PREFIXES)


class PredictedHolding(NamedTuple):
    person: str  # IRI
    country: str  # ISO code, or "org:<label>" for a post of an international organization
    roles: str  # the role notations, space-separated
    status: str  # "current", "former", …
    label: str  # the office's label


class PredictedMeeting(NamedTuple):
    participants: frozenset[str]  # person IRIs
    day: str | None
    place: str | None
    mode: str | None
    topics: frozenset[str]  # normalised topic labels


@dataclass(frozen=True)
class Predicted:
    files: tuple[str, ...]
    persons: dict[str, set[frozenset[str]]]  # person IRI → name keys (label and altLabels)
    labels: dict[str, str]
    doc_persons: dict[str, set[str]]  # file → person IRIs
    holdings: dict[str, set[PredictedHolding]]  # file → its holdings
    meetings: dict[str, dict[str, PredictedMeeting]]  # file → meeting IRI → meeting

    def find_file(self, doc: str) -> str | None:
        """The graph's source file a gold document names (by name or path ending)."""
        for file in self.files:
            if file == doc or file.endswith("/" + doc):
                return file
        return None


def read_graph_file(path: Path) -> Graph:
    """A Turtle graph, or EvaluationError naming the file."""
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:  # rdflib raises BadSyntax(SyntaxError)
        raise EvaluationError(f"{path}: not a readable Turtle graph ({exc})") from exc


def with_gold_topics(predicted: Predicted, concept_of: dict[str, set[str]]) -> Predicted:
    """Predicted topic labels as the gold concepts they name (a label the gold's scheme
    does not know stays as it is)."""
    meetings = {
        file: {
            iri: meeting._replace(topics=frozenset().union(*(concept_of.get(t, {t}) for t in meeting.topics)))
            for iri, meeting in by_iri.items()
        }
        for file, by_iri in predicted.meetings.items()
    }
    return dataclasses.replace(predicted, meetings=meetings)


def _rows(graph: Graph, query: str) -> Iterable[Any]:
    return graph.query(_PREFIXES + query)


def read_predicted(graph: Graph) -> Predicted:
    """The persons, holdings and meetings of ``graph``, by the article file that reports them."""
    persons: dict[str, set[frozenset[str]]] = {}
    labels: dict[str, str] = {}
    for person, label in _rows(graph, "SELECT ?p ?l WHERE { ?p a dip:Person ; rdfs:label ?l }"):
        persons.setdefault(str(person), set()).add(name_key(str(label)))
        labels[str(person)] = str(label)
    for person, alias in _rows(graph, "SELECT ?p ?l WHERE { ?p a dip:Person ; skos:altLabel ?l }"):
        persons.setdefault(str(person), set()).add(name_key(str(alias)))
    files = tuple(
        sorted(
            str(f) for (f,) in _rows(graph, "SELECT ?f WHERE { ?a a dip:NewsArticle ; dip:sourceFile ?f }")
        )
    )
    doc_persons: dict[str, set[str]] = {}
    for person, file in _rows(
        graph, "SELECT ?p ?f WHERE { ?p a dip:Person ; dip:mentionedIn/dip:sourceFile ?f }"
    ):
        doc_persons.setdefault(str(file), set()).add(str(person))
    return Predicted(files, persons, labels, doc_persons, _read_holdings(graph), _read_meetings(graph))


def _read_holdings(graph: Graph) -> dict[str, set[PredictedHolding]]:
    holdings: dict[str, set[PredictedHolding]] = {}
    # A holding's role and the role class it belongs to (skos:broader) both count.
    # A post of an international organization stands as "org:<its label>" where a country
    # code would ("org:United Nations").
    query = """SELECT ?f ?p ?cc ?status ?label (GROUP_CONCAT(DISTINCT ?role; separator=" ") AS ?roles) WHERE {
        ?h dip:holder ?p ; dip:office ?o ; dip:status ?status ; dip:supportedBy/dip:inArticle/dip:sourceFile ?f .
        ?o rdfs:label ?label .
        { ?o dip:country/dip:isoCode ?cc } UNION { ?o dip:organization/rdfs:label ?name BIND(CONCAT("org:", ?name) AS ?cc) }
        OPTIONAL { ?o dip:role/skos:broader?/skos:notation ?role } }
        GROUP BY ?f ?p ?cc ?status ?label"""
    for file, person, country, status, label, roles in _rows(graph, query):
        holdings.setdefault(str(file), set()).add(
            PredictedHolding(
                str(person),
                str(country),
                str(roles or ""),
                str(status).rsplit("#", 1)[-1].lower(),
                str(label),
            )
        )
    return holdings


def _read_meetings(graph: Graph) -> dict[str, dict[str, PredictedMeeting]]:
    people: dict[str, set[str]] = {}
    for meeting, person in _rows(graph, "SELECT ?m ?p WHERE { ?m a dip:Meeting ; dip:participant ?p }"):
        people.setdefault(str(meeting), set()).add(str(person))
    attributes: dict[str, tuple[str | None, str | None, str | None]] = {}
    query = """SELECT ?m ?d ?loc ?mode WHERE { ?m a dip:Meeting .
        OPTIONAL { ?m dip:date ?d } OPTIONAL { ?m dip:location ?loc } OPTIONAL { ?m dip:mode ?mode } }"""
    for meeting, day, place, mode in _rows(graph, query):
        attributes[str(meeting)] = (_text(day), _text(place), _text(mode))
    topic_labels: dict[str, set[str]] = {}
    for meeting, label in _rows(
        graph, "SELECT ?m ?t WHERE { ?m a dip:Meeting ; dip:topic/skos:prefLabel ?t }"
    ):
        topic_labels.setdefault(str(meeting), set()).add(normalise(str(label)))
    meetings: dict[str, dict[str, PredictedMeeting]] = {}
    for meeting, file in _rows(
        graph, "SELECT ?m ?f WHERE { ?m a dip:Meeting ; dip:reportedIn/dip:sourceFile ?f }"
    ):
        day, place, mode = attributes.get(str(meeting), (None, None, None))
        meetings.setdefault(str(file), {})[str(meeting)] = PredictedMeeting(
            frozenset(people.get(str(meeting), set())),
            day,
            place,
            mode,
            frozenset(topic_labels.get(str(meeting), set())),
        )
    return meetings


def _text(value: object) -> str | None:
    """An optional SPARQL binding as text."""
    return str(value) if value is not None else None
