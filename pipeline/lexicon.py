"""Reference data from ontology/: countries, roles and titles, topics.

The extractor's rules are data: every country name, title and topic synonym it
matches comes from the Turtle files read here, never from code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from pipeline.errors import OntologyError
from pipeline.vocab import DIP

# Country labels that read with "the" in running text ("Prime Minister of the Netherlands").
_DEFINITE_SUFFIXES = ("Republic", "Islands", "Emirates", "Kingdom", "States", "Union")
_DEFINITE_NAMES = frozenset(
    {
        "Philippines",
        "Netherlands",
        "Bahamas",
        "Gambia",
        "Maldives",
        "Comoros",
        "Seychelles",
        "Holy See",
    }
)


@dataclass(frozen=True)
class Country:
    code: str
    label: str
    names: tuple[str, ...]  # label and alternative names
    demonyms: tuple[str, ...]
    capital: str | None

    @property
    def label_in_text(self) -> str:
        """The label as it reads after "of": "the United States", "Japan"."""
        if self.label in _DEFINITE_NAMES or self.label.endswith(_DEFINITE_SUFFIXES):
            return "the " + self.label
        return self.label


@dataclass(frozen=True)
class Role:
    notation: str
    label: str
    slug: str


@dataclass(frozen=True)
class Title:
    key: str
    role: str  # Role.notation
    office_title: str | None
    forms: tuple[str, ...]
    countries: tuple[str, ...]  # empty: any country


@dataclass(frozen=True)
class TopicConcept:
    notation: str
    iri: str
    pref_label: str
    labels: tuple[str, ...]  # prefLabel first, then altLabels
    definition: str
    about_country: str | None


@dataclass(frozen=True)
class Agency:
    names: tuple[str, ...]
    country: str


@dataclass(frozen=True)
class Lexicon:
    countries: tuple[Country, ...]
    roles: tuple[Role, ...]
    titles: tuple[Title, ...]
    topics: tuple[TopicConcept, ...]
    agencies: tuple[Agency, ...] = ()

    @cached_property
    def country_by_code(self) -> dict[str, Country]:
        return {c.code: c for c in self.countries}

    @cached_property
    def role_by_notation(self) -> dict[str, Role]:
        return {r.notation: r for r in self.roles}

    @cached_property
    def topic_by_notation(self) -> dict[str, TopicConcept]:
        return {t.notation: t for t in self.topics}

    @cached_property
    def capitals(self) -> dict[str, str]:
        """Lower-cased capital city → ISO code."""
        return {c.capital.lower(): c.code for c in self.countries if c.capital}

    @cached_property
    def country_words(self) -> frozenset[str]:
        """Every lower-cased token of a country name or demonym (never a person's name)."""
        words: set[str] = set()
        for country in self.countries:
            for name in (*country.names, *country.demonyms):
                words.update(name.lower().split())
        return frozenset(words)

    def agency_country(self, agency: str | None) -> str | None:
        """Home country of the national agency a byline names, if it names one."""
        if not agency:
            return None
        for entry in self.agencies:
            for name in entry.names:
                flags = 0 if name.isupper() else re.IGNORECASE
                if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", agency, flags):
                    return entry.country
        return None

    def office_title(self, role: str, country: str | None) -> str:
        """The title used in an office label: a country's own title, else the role's name."""
        for title in self.titles:
            if title.role == role and title.office_title and country in title.countries:
                return title.office_title
        return self.role_by_notation[role].label


def load_lexicon(ontology_dir: Path) -> Lexicon:
    """Read countries.ttl, roles.ttl, topics.ttl and agencies.ttl from ``ontology_dir``."""
    graph = Graph()
    for name in ("countries.ttl", "roles.ttl", "topics.ttl", "agencies.ttl"):
        path = ontology_dir / name
        try:
            graph.parse(path, format="turtle")
        except (OSError, SyntaxError, ValueError) as exc:  # rdflib raises BadSyntax(SyntaxError)
            raise OntologyError(f"cannot read {path}: {exc}") from exc
    lexicon = Lexicon(
        countries=_countries(graph),
        roles=_roles(graph),
        titles=_titles(graph),
        topics=_topics(graph),
        agencies=_agencies(graph),
    )
    _check(lexicon)
    return lexicon


def _strings(graph: Graph, subject: URIRef, predicate: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)))


def _one(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    values = _strings(graph, subject, predicate)
    if len(values) != 1:
        raise OntologyError(f"{subject} needs exactly one {predicate}, has {len(values)}")
    return values[0]


def _subjects(graph: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))


def _countries(graph: Graph) -> tuple[Country, ...]:
    countries = []
    for subject in _subjects(graph, DIP.Country):
        label = _one(graph, subject, RDFS.label)
        capitals = _strings(graph, subject, DIP.capital)
        countries.append(
            Country(
                code=_one(graph, subject, DIP.isoCode),
                label=label,
                names=(label, *_strings(graph, subject, SKOS.altLabel)),
                demonyms=_strings(graph, subject, DIP.demonym),
                capital=capitals[0] if capitals else None,
            )
        )
    return tuple(sorted(countries, key=lambda c: c.code))


def _local_name(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _roles(graph: Graph) -> tuple[Role, ...]:
    return tuple(
        Role(
            notation=_one(graph, s, SKOS.notation),
            label=_one(graph, s, SKOS.prefLabel),
            slug=_local_name(s),
        )
        for s in _subjects(graph, DIP.Role)
    )


def _titles(graph: Graph) -> tuple[Title, ...]:
    titles = []
    for subject in _subjects(graph, DIP.Title):
        roles = [o for o in graph.objects(subject, DIP.forRole) if isinstance(o, URIRef)]
        if len(roles) != 1:
            raise OntologyError(f"title {subject} needs exactly one dip:forRole")
        office_titles = _strings(graph, subject, DIP.officeTitle)
        titles.append(
            Title(
                key=_local_name(subject),
                role=_one(graph, roles[0], SKOS.notation),
                office_title=office_titles[0] if office_titles else None,
                forms=_strings(graph, subject, DIP.titleForm),
                countries=_strings(graph, subject, DIP.titleCountry),
            )
        )
    return tuple(titles)


def _topics(graph: Graph) -> tuple[TopicConcept, ...]:
    topics = []
    for subject in sorted(s for s in graph.subjects(SKOS.inScheme, DIP.Topics) if isinstance(s, URIRef)):
        pref = _one(graph, subject, SKOS.prefLabel)
        about = _strings(graph, subject, DIP.aboutCountry)
        definitions = _strings(graph, subject, SKOS.definition)
        topics.append(
            TopicConcept(
                notation=_one(graph, subject, SKOS.notation),
                iri=str(subject),
                pref_label=pref,
                labels=(pref, *_strings(graph, subject, SKOS.altLabel)),
                definition=definitions[0] if definitions else "",
                about_country=about[0] if about else None,
            )
        )
    return tuple(topics)


def _agencies(graph: Graph) -> tuple[Agency, ...]:
    return tuple(
        Agency(
            names=(_one(graph, s, RDFS.label), *_strings(graph, s, SKOS.altLabel)),
            country=_one(graph, s, DIP.homeCountry),
        )
        for s in _subjects(graph, DIP.NewsAgency)
    )


def _check(lexicon: Lexicon) -> None:
    if not lexicon.countries or not lexicon.titles or not lexicon.topics:
        raise OntologyError("ontology reference data is empty (countries, titles or topics)")
    codes = [c.code for c in lexicon.countries]
    if len(codes) != len(set(codes)):
        raise OntologyError("two countries share an ISO code")
    known = lexicon.country_by_code
    for title in lexicon.titles:
        if title.role not in lexicon.role_by_notation:
            raise OntologyError(f"title {title.key} names an unknown role {title.role}")
        for code in title.countries:
            if code not in known:
                raise OntologyError(f"title {title.key} names an unknown country {code}")
