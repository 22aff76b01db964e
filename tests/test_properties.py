"""Property-based tests (hypothesis): no input text can break a stage or the graph.

Articles are generated from news-like templates whose names, cities, quotes, headlines
and file names hold quotes, backslashes, angle brackets, newlines, tabs, control
characters, emoji, right-to-left text and Turtle/SPARQL keywords. Each goes through
parse → extract (the real spaCy pipeline) → resolve → triples → Turtle → SHACL
in-process, and must give Turtle that re-parses to the same graph and conforms.

Runs are derandomized (the same examples on every machine, so CI is stable); set
``DIPKG_HYPOTHESIS=explore`` to search with fresh random examples.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from dataclasses import dataclass
from typing import Any

import pyoxigraph
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from pipeline.config import Settings
from pipeline.extract.articles import extract_articles
from pipeline.extract.lexicon import Lexicon
from pipeline.ingest.decode import decode
from pipeline.ingest.parse import parse_file
from pipeline.rdf.triples import build_graph, triples
from pipeline.rdf.turtle import TurtleWriter
from pipeline.records import InputFile
from pipeline.resolve.iris import Minter, slugify
from pipeline.resolve.resolution import resolve
from pipeline.validate.pyshacl_reference import load_shapes, validate
from pipeline.vocab import DIP, GRAPH_PREFIXES, instance_prefixes

CHAIN_EXAMPLES = 150  # whole chain with spaCy and pySHACL: ~0.1 s each
FAST_EXAMPLES = 500  # decoder, parser and writer alone

# Settings of these tests only (no global profile: other modules keep hypothesis's defaults).
EXPLORE = os.environ.get("DIPKG_HYPOTHESIS") == "explore"
BASE_SETTINGS = settings(
    derandomize=not EXPLORE, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

BASE = Settings().base_iri
SHAPES = load_shapes(Settings().shapes_dir)
HOSTILE = (
    '"',
    "'",
    "\\",
    "<",
    ">",
    "\n",
    "\t",
    "\r",
    "\r\n",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u200f",
    "\ufeff",
    "\ufffd",
    "😀",
    "👩🏽‍🚀",
    "🇯🇵",
    "שלום",
    "مرحبا",
    "Ünïcödé",
    "北京",
    "@prefix",
    "PREFIX x: <y>",
    "SELECT * WHERE {",
    "}",
    "DROP ALL",
    "INSERT DATA {",
    "#",
    "_:b0",
    "<http://example.org/x>",
    '"""',
    "'''",
    "^^xsd:date",
    "@en",
    " . ",
    " ; ",
    "\\u0022",
    "\\n",
    "%00",
    "&amp;",
    "<script>",
    "a",
    "true",
    "1e10",
)
GIVEN = ("John", "Maria", "Kenji", "Amina", "Olaf", "Priya", "Sergei", "Ana")
FAMILY = ("Smith", "Tanaka", "Okafor", "Schmidt", "Sharma", "Ivanov", "Silva", "Dupont")
TITLES = (
    "Prime Minister",
    "Foreign Minister",
    "President",
    "Ambassador",
    "Chancellor",
    "Secretary of State",
    "Defense Minister",
)
NATIONS = ("Japanese", "U.S.", "Indian", "German", "French", "Brazilian", "Kenyan")
CITIES = ("Tokyo", "Berlin", "New Delhi", "Nairobi", "Brasilia", "Paris")
TOPICS = ("trade", "energy", "security", "climate change", "investment", "defense cooperation")
MONTHS = ("January", "February", "March", "April", "May", "June", "September", "December")

_HOSTILE_CLASSES = {
    "quotes or backslashes": re.compile(r"[\"'\\]"),
    "angle brackets": re.compile(r"[<>]"),
    "a newline or tab (escaped)": re.compile(r"[\n\t]"),
    "emoji": re.compile(r"[\U0001F000-\U0001FFFF]"),
    "right-to-left text": re.compile(r"[\u0590-\u06ff\u202e\u200f]"),
    "a Turtle/SPARQL keyword": re.compile(r"@prefix|PREFIX|SELECT|DROP|INSERT|_:b0"),
}
fragment = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=5))


@st.composite
def hostile_word(draw: st.DrawFn, bases: tuple[str, ...]) -> str:
    """A capitalised word with something hostile inserted, appended or in its place."""
    base = draw(st.sampled_from(bases))
    how = draw(st.sampled_from(("insert", "append", "prepend", "replace", "keep")))
    extra = draw(fragment)
    if how == "insert":
        cut = draw(st.integers(1, len(base)))
        return base[:cut] + extra + base[cut:]
    if how == "append":
        return base + extra
    if how == "prepend":
        return extra + base
    if how == "replace":
        return extra
    return base


@st.composite
def articles(draw: st.DrawFn) -> str:
    """A short news article from templates with hostile names, places, quotes and dates."""
    first = f"{draw(hostile_word(GIVEN))} {draw(hostile_word(FAMILY))}"
    second = f"{draw(hostile_word(GIVEN))} {draw(hostile_word(FAMILY))}"
    city = draw(hostile_word(CITIES))
    quote = draw(st.one_of(fragment, st.text(max_size=40)))
    day = draw(st.integers(0, 40))
    when = draw(st.sampled_from(("on Tuesday", f"on {draw(st.sampled_from(MONTHS))} {day}", "yesterday")))
    lines = [
        f"{draw(hostile_word(TITLES))}s meet in {city} {draw(fragment)}",
        f"{draw(st.sampled_from(CITIES)).upper()}, {draw(st.sampled_from(MONTHS))} {day}, "
        f"{draw(st.integers(1890, 2110))} (Agency {draw(fragment)}) -- "
        f"{draw(st.sampled_from(NATIONS))} {draw(st.sampled_from(TITLES))} {first} met "
        f"{draw(st.sampled_from(NATIONS))} {draw(st.sampled_from(TITLES))} {second} in {city} {when}.",
        f'{first} said "{quote}" after the talks, and {second} called it {draw(fragment)}.',
        f"The two sides discussed {draw(st.sampled_from(TOPICS))} and {draw(st.sampled_from(TOPICS))}.",
        f"{draw(st.sampled_from(TITLES))} {second} also held a phone call with {first} {draw(fragment)}.",
    ]
    if draw(st.booleans()):
        lines.insert(0, f"date {draw(st.integers(1990, 2030))}-{draw(st.integers(0, 13)):02d}-{day:02d} 12")
    if draw(st.booleans()):  # wire byline and copyright line: agency names are free text
        lines[1] = f"(MENAFN- {draw(hostile_word(('Kyodo', 'Xinhua', 'KUNA')))}) {lines[1]}"
        lines.append(f"© {draw(hostile_word(('Kyodo News', 'AFP')))} {draw(fragment)}")
    text = draw(st.sampled_from(("\n", "\r\n", "\n\n"))).join(lines)
    page = draw(st.sampled_from(("text", "html", "html-escaped")))
    if page == "text":
        return text
    body = html.escape(text) if page == "html-escaped" else text
    paragraphs = "".join(f"<p>{line}</p>\n" for line in body.split("\n"))
    return (
        f"<!DOCTYPE html><html><head><title>{draw(fragment)}</title></head><body>{paragraphs}</body></html>"
    )


def _encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8")


def _input(name: str, raw: bytes) -> InputFile:
    return InputFile(name, "sha256:" + hashlib.sha256(raw).hexdigest(), len(raw))


@dataclass(frozen=True)
class Stages:
    """The session's spaCy pipeline and lexicon, with a short repr for falsifying examples."""

    nlp: Any
    lexicon: Lexicon

    def __repr__(self) -> str:
        return "Stages(nlp, lexicon)"


@pytest.fixture(scope="module")
def stages(nlp: Any, lexicon: Lexicon) -> Stages:
    return Stages(nlp, lexicon)


def _oxigraph_count(turtle: str) -> int:
    """Triples in the Turtle as Oxigraph (a parser the project does not use) reads it."""
    return sum(1 for _ in pyoxigraph.parse(turtle.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE))


def _turtle(graph_triples: Any) -> str:
    writer = TurtleWriter({**GRAPH_PREFIXES, **instance_prefixes(BASE)})
    return "".join(writer.write(graph_triples))


@settings(BASE_SETTINGS, max_examples=CHAIN_EXAMPLES)
@given(
    texts=st.lists(articles(), min_size=1, max_size=3),
    names=st.lists(st.text(min_size=1, max_size=20), min_size=3, max_size=3, unique=True),
    encoding=st.sampled_from(("utf-8", "utf-16", "cp1252", "utf-8-sig")),
)
def test_properties_no_article_breaks_the_graph(
    texts: list[str], names: list[str], encoding: str, stages: Stages
) -> None:
    nlp, lexicon = stages.nlp, stages.lexicon
    parsed = []
    for text, name in zip(texts, names, strict=False):
        raw = _encode(text, encoding)
        result = parse_file(_input(name, raw), raw, max_text_chars=Settings().max_text_chars)
        if result.article is not None:
            parsed.append(result.article)
    extractions = list(extract_articles(parsed, nlp, lexicon, batch_size=16))
    resolution = resolve(extractions, lexicon)
    graph = build_graph(resolution, lexicon, base_iri=BASE)
    turtle = _turtle(triples(resolution, lexicon, base_iri=BASE))
    again = Graph().parse(data=turtle, format="turtle")
    assert isomorphic(graph, again), turtle
    assert _oxigraph_count(turtle) == len(graph)
    outcome = validate(again, SHAPES)
    assert outcome.conforms, outcome.summary() + "\n" + turtle
    _note_coverage(graph)


def _note_coverage(graph: Graph) -> None:
    """Tell hypothesis's statistics how hostile the graphs it built were."""
    literals = [str(o) for o in graph.objects() if isinstance(o, Literal)]
    event(f"meetings: {min(len(set(graph.subjects(RDF.type, DIP.Meeting))), 2)}+")
    names = [str(o) for s in graph.subjects(RDF.type, DIP.Person) for o in graph.objects(s, RDFS.label)]
    if any(re.search(r"[^A-Za-z .'-]", name) for name in names):
        event("a person's name holds more than letters")
    for label, pattern in _HOSTILE_CLASSES.items():
        if any(pattern.search(text) for text in literals):
            event(f"a literal holds {label}")


@settings(BASE_SETTINGS, max_examples=FAST_EXAMPLES)
@given(raw=st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(lambda t: t.encode("utf-8"))))
def test_properties_decoder_never_raises_and_leaves_no_controls(raw: bytes) -> None:
    decoded = decode(raw)
    assert (decoded.text is None) != (decoded.reason is None)
    if decoded.text is not None:
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", decoded.text)
        assert decoded.text.strip()


@settings(BASE_SETTINGS, max_examples=FAST_EXAMPLES)
@given(text=st.one_of(articles(), st.text(max_size=600)))
def test_properties_parser_never_raises_and_offsets_point_into_the_text(text: str) -> None:
    raw = text.encode("utf-8")
    result = parse_file(_input("a.txt", raw), raw, max_text_chars=Settings().max_text_chars)
    assert (result.article is None) != (result.skipped is None)
    if result.article is not None:
        for sentence in result.article.sentences:
            assert result.article.text[sentence.start : sentence.end] == sentence.text
    else:
        assert result.skipped is not None and result.skipped.reason


@settings(BASE_SETTINGS, max_examples=FAST_EXAMPLES)
@given(value=st.text(max_size=60), subject=st.text(max_size=30), lang=st.sampled_from((None, "en", "de-CH")))
def test_properties_any_literal_and_minted_iri_round_trip(value: str, subject: str, lang: str | None) -> None:
    node = URIRef(Minter(BASE).person(slugify(subject)))
    literal = Literal(value, lang=lang)
    graph = Graph()
    graph.add((node, URIRef("https://w3id.org/dipkg/ontology#quote"), literal))
    turtle = _turtle(graph)
    again = Graph().parse(data=turtle, format="turtle")
    assert isomorphic(graph, again), turtle
    assert _oxigraph_count(turtle) == 1
    assert re.fullmatch(r"[a-z0-9-]+", slugify(subject))
