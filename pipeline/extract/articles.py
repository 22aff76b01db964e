"""Extract stage: parsed articles → persons, office holdings and meetings per article.

``extract_articles`` runs the spaCy pipeline over the sentences of many articles in
batches (``pipeline.extract.nlp.annotate``: the parser only where ``pipeline.extract.selection`` says) and
hands each article's Docs to ``extract_article``, a plain function of Docs and reference data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.extract.article_countries import named_countries, with_sole_country
from pipeline.extract.credentials_ceremonies import credentials_ceremonies, hosts_of_envoys
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.meeting_events import PAIR_NUMBERS, meeting_claims
from pipeline.extract.meeting_mentions import MeetingMention, SentenceContext, find_meetings
from pipeline.extract.nlp import annotate, marked_spans
from pipeline.extract.office_holdings import (
    holding_claims,
    link_titles,
    person_countries,
    title_references,
    unique_claims,
)
from pipeline.extract.office_inference import (
    counterpart_claims,
    counterpart_references,
    listed_claims,
    nationality_hints,
    pair_claims,
    shared_countries,
    with_referred_countries,
)
from pipeline.extract.persons import People, find_people, resolve_pronoun
from pipeline.extract.reading import ArticleReading
from pipeline.extract.selection import SyntaxSelector
from pipeline.extract.title_mentions import read_titles, title_words_opening_names, words_inside_names
from pipeline.ingest.dates import dateline_day
from pipeline.records import ArticleExtraction, ParsedArticle

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_PLURAL_WORDS = frozenset({"they", "them", "their", "both", "sides"})
# "Three envoys called on X. They were A, B and C.": the next sentence names the group.
_LIST_OPENINGS = frozenset({("they", "were"), ("they", "are"), ("these", "were"), ("they", "included")})


def extract_articles(
    articles: Iterable[ParsedArticle], nlp: Language, lexicon: Lexicon, *, batch_size: int
) -> Iterator[ArticleExtraction]:
    """Extract every article, annotating their sentences with ``nlp`` in batches."""
    groups = (([s.text for s in article.sentences], article) for article in articles)
    selector = SyntaxSelector.of(nlp, lexicon)
    for docs, article in annotate(nlp, groups, needs_syntax=selector, batch_size=batch_size):
        yield extract_article(article, docs, lexicon)


def extract_article(article: ParsedArticle, docs: Sequence[Doc], lexicon: Lexicon) -> ArticleExtraction:
    """Persons, holdings and meetings of one article from its sentence Docs."""
    name_words = words_inside_names(docs) | title_words_opening_names(docs)
    titles = [t for index, doc in enumerate(docs) for t in read_titles(doc, index, lexicon, name_words)]
    title_spans: dict[int, list[tuple[int, int]]] = {}
    for title in titles:
        title_spans.setdefault(title.sentence, []).append((title.span_start, title.span_end))
    headlines = frozenset(s.index for s in article.sentences if s.is_title)
    people = find_people(docs, title_spans, lexicon, headline_sentences=headlines)
    linked = shared_countries(docs, link_titles(docs, titles, people, headlines=headlines), people)
    hints = nationality_hints(docs, people)
    reading = ArticleReading(article, docs, people, titles, lexicon)
    holdings = holding_claims(article, linked, lexicon, hints=hints)
    holdings += counterpart_claims(reading, holdings)
    holdings += listed_claims(reading)
    countries = person_countries(holdings, hints)
    references = title_references(linked, holdings, people, lexicon) | counterpart_references(reading)
    holdings = with_referred_countries(holdings, linked, references, lexicon)
    countries = person_countries(holdings, hints)
    rejected: Counter[str] = Counter()
    rejected[NOT_A_PERSON] += _unused_person_entities(docs, people, headlines)
    mentions, focus = _meeting_mentions(reading, references, rejected)
    ceremonies = credentials_ceremonies(reading, holdings, references)
    holdings = list(ceremonies.holdings)
    mentions += ceremonies.mentions
    holdings = unique_claims([*holdings, *pair_claims(reading, focus, holdings, countries)])
    dateline_country = lexicon.capitals.get(article.dateline.lower()) if article.dateline else None
    holdings = with_sole_country(holdings, docs, people, dateline_country, lexicon.seats)
    countries = person_countries(holdings, hints)
    mentioned: dict[int, set[str]] = {}
    for mention, key in people.mentions:
        mentioned.setdefault(mention.sentence, set()).add(key)
    for (sentence, _), key in references.items():
        mentioned.setdefault(sentence, set()).add(key)
    dateline = article.dateline_date or next(
        (day for s in article.sentences[:12] if (day := dateline_day(s.text))), None
    )
    meetings = meeting_claims(reading, mentions, countries, mentioned, dateline, rejected)
    holdings = hosts_of_envoys(holdings, meetings, named_countries(holdings, docs, lexicon.seats))
    return ArticleExtraction(
        article=article,
        persons=people.records(countries),
        holdings=tuple(holdings),
        meetings=tuple(meetings),
        rejected=tuple(sorted((reason, n) for reason, n in rejected.items() if n)),
    )


NOT_A_PERSON = "PERSON entity that is no person (place, page word, title or credit)"


def _unused_person_entities(docs: Sequence[Doc], people: People, headlines: frozenset[int]) -> int:
    """PERSON entities of the model that became no person of the article."""
    return sum(
        1
        for index, doc in enumerate(docs)
        if index not in headlines
        for ent in doc.ents
        if ent.label_ == "PERSON" and not any(people.person_at(index, i) for i in range(ent.start, ent.end))
    )


@dataclass
class _SentenceResolver:
    docs: Sequence[Doc]
    sentence: int
    people: People
    references: dict[tuple[int, int], str]
    plural_titles: set[tuple[int, int]]
    context: frozenset[str]

    def __call__(self, token: int) -> frozenset[str]:
        key = self.people.person_at(self.sentence, token) or self.references.get((self.sentence, token))
        if key:
            return frozenset({key})
        doc = self.docs[self.sentence]
        word = doc[token]
        pronoun = resolve_pronoun(self.people, self.docs, self.sentence, token)
        if pronoun:
            return frozenset({pronoun})
        if (self.sentence, token) in self.plural_titles and (listed := self._listed_next()):
            return listed
        if word.lower_ in _PLURAL_WORDS or (self.sentence, token) in self.plural_titles:
            return self.context
        if any(c.lower_ in PAIR_NUMBERS for c in word.children) and word.tag_ in ("NNS", "NNPS"):
            return self.context  # "the two ministers", "both leaders"
        return frozenset()

    def _listed_next(self) -> frozenset[str]:
        """The persons of the next sentence when it opens by listing a group ("They were …")."""
        following = self.sentence + 1
        if following >= len(self.docs) or len(self.docs[following]) < 2:
            return frozenset()
        if tuple(t.lower_ for t in self.docs[following][:2]) not in _LIST_OPENINGS:
            return frozenset()
        return frozenset(k for m, k in self.people.mentions if m.sentence == following)

    def nearest_before(self, token: int) -> frozenset[str]:
        """The person named last before ``token`` in this sentence."""
        before = [k for m, k in self.people.mentions if m.sentence == self.sentence and m.end <= token]
        return frozenset(before[-1:])


def _meeting_mentions(
    reading: ArticleReading, references: dict[tuple[int, int], str], rejected: Counter[str]
) -> tuple[list[MeetingMention], dict[int, frozenset[str]]]:
    """Meeting mentions of every sentence, and the participants in focus at each sentence."""
    article, docs, lexicon = reading.article, reading.docs, reading.lexicon
    plural_titles = {(t.sentence, i) for t in reading.titles if t.plural for i in range(t.start, t.end)}
    context: frozenset[str] = frozenset()
    previous_date: str | None = None
    found: list[MeetingMention] = []
    focus: dict[int, frozenset[str]] = {}
    capitals = frozenset(lexicon.capitals)
    for index, doc in enumerate(docs):
        sentence = article.sentences[index]
        countries = tuple((s.start, s.end) for s in marked_spans(doc, "countries"))
        resolver = _SentenceResolver(docs, index, reading.people, references, plural_titles, context)
        situation = SentenceContext(
            index,
            article.published,
            sentence.is_title,
            sentence.is_question,
            countries,
            capitals,
            lexicon.triggers,
            article.reposted,
        )
        for mention in find_meetings(doc, situation, resolver, previous_date, rejected):
            background = mention.date_is_relative and mention.date is None
            # A meeting asked about is in focus ("What did X and Y agree?"); one that did
            # not happen ("without meeting X") is not.
            if not sentence.is_title and not background and (not mention.planned or sentence.is_question):
                context = mention.participants
                resolver.context = context
            found.append(mention)
            if not mention.planned:
                previous_date = mention.date or previous_date
        if context:
            focus[index] = context
    return found, focus
