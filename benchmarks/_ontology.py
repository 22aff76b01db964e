"""The generator's reference data, read from the project's ontology with rdflib.

Countries (labels, demonyms, capitals), titles (surface forms per role and country) and
topics (SKOS labels). Everything is sorted, so the data do not depend on hash order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import SKOS

DIP = Namespace("https://w3id.org/dipkg/ontology#")

# Labels read with "the" in running text (same convention as pipeline.lexicon).
_DEFINITE_SUFFIXES = ("Republic", "Islands", "Emirates", "Kingdom", "States", "Union")
_DEFINITE_NAMES = frozenset({"Philippines", "Netherlands", "Bahamas", "Gambia", "Maldives", "Comoros"})


@dataclass(frozen=True)
class Country:
    code: str
    label: str
    alt_labels: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str

    @property
    def in_text(self) -> str:
        """The name as it reads in a sentence: "the United States", "Japan"."""
        if self.label in _DEFINITE_NAMES or self.label.endswith(_DEFINITE_SUFFIXES):
            return "the " + self.label
        return self.label

    @property
    def possessive(self) -> str:
        """ "Japan's", "the Philippines'"."""
        return self.in_text + ("'" if self.in_text.endswith("s") else "'s")


@dataclass(frozen=True)
class Title:
    """A dip:Title: its role, surface forms and the countries that use it (empty: any)."""

    key: str
    role: str
    forms: tuple[str, ...]
    countries: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    notation: str
    pref_label: str
    alt_labels: tuple[str, ...]
    about_country: str | None


@dataclass(frozen=True, eq=False)  # hashed by identity: it is cached against
class Reference:
    countries: tuple[Country, ...]
    titles: tuple[Title, ...]
    topics: tuple[Topic, ...]

    def country(self, code: str) -> Country:
        for country in self.countries:
            if country.code == code:
                return country
        raise KeyError(code)


def _strings(graph: Graph, subject: URIRef, predicate: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in graph.objects(subject, predicate)))


def _one(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    values = _strings(graph, subject, predicate)
    return values[0] if values else ""


def read_reference(ontology_dir: Path) -> Reference:
    """Countries, titles and topics from ``countries.ttl``, ``roles.ttl``, ``topics.ttl``."""
    graph = Graph()
    for name in ("countries.ttl", "roles.ttl", "topics.ttl"):
        graph.parse(ontology_dir / name, format="turtle")
    return Reference(_countries(graph), _titles(graph), _topics(graph))


def _countries(graph: Graph) -> tuple[Country, ...]:
    countries = []
    for subject in graph.subjects(RDF.type, DIP.Country):
        assert isinstance(subject, URIRef)
        code = _one(graph, subject, DIP.isoCode)
        if code == "EU":
            continue  # not a country with a government of its own
        countries.append(
            Country(
                code=code,
                label=_one(graph, subject, RDFS.label),
                alt_labels=_strings(graph, subject, SKOS.altLabel),
                demonyms=_strings(graph, subject, DIP.demonym),
                capital=_one(graph, subject, DIP.capital),
            )
        )
    return tuple(sorted(countries, key=lambda c: c.code))


def _titles(graph: Graph) -> tuple[Title, ...]:
    titles = []
    for subject in graph.subjects(RDF.type, DIP.Title):
        assert isinstance(subject, URIRef)
        role = graph.value(subject, DIP.forRole)
        notation = str(graph.value(role, SKOS.notation)) if role is not None else ""
        titles.append(
            Title(
                key=str(subject).rsplit("/", 1)[-1],
                role=notation,
                forms=_strings(graph, subject, DIP.titleForm),
                countries=_strings(graph, subject, DIP.titleCountry),
            )
        )
    return tuple(sorted(titles, key=lambda t: t.key))


def _topics(graph: Graph) -> tuple[Topic, ...]:
    topics = []
    for subject in graph.subjects(RDF.type, DIP.Topic):
        assert isinstance(subject, URIRef)
        about = _one(graph, subject, DIP.aboutCountry)
        topics.append(
            Topic(
                notation=_one(graph, subject, SKOS.notation),
                pref_label=_one(graph, subject, SKOS.prefLabel),
                alt_labels=_strings(graph, subject, SKOS.altLabel),
                about_country=about or None,
            )
        )
    return tuple(sorted(topics, key=lambda t: t.notation))
