"""Extract stage: parsed articles → persons, office holdings and meetings per article.

``extract_articles`` runs the spaCy pipeline over the sentences of many articles in
batches (``nlp.pipe``) and hands each article's Docs to ``extract_article``, a plain
function of Docs and reference data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.holdings import holding_claims, link_titles, title_references
from pipeline.lexicon import Lexicon
from pipeline.meetings import MeetingMention, SentenceContext, find_meetings
from pipeline.people import People, find_people, resolve_pronoun
from pipeline.records import ArticleExtraction, Evidence, MeetingClaim, Mode, ParsedArticle
from pipeline.titles import TitleMention, read_titles

_PLURAL_WORDS = frozenset({"they", "them", "their", "both", "sides"})
_PAIR_NUMBERS = frozenset({"two", "both"})
_CONTINUATION_CUES = frozenset(
    {
        "statement",
        "ministry",
        "readout",
        "release",
        "office",
        "spokesperson",
        "spokesman",
        "spokeswoman",
    }
)
_SPEECH_VERBS = frozenset(
    "say tell state add stress express convey note underline underscore emphasize emphasise agree share "
    "describe discuss exchange raise ask urge propose brief explain highlight reaffirm confirm welcome "
    "thank pledge voice respond reply concur seek invite affirm request assure outline call".split()
)


def extract_articles(
    articles: Iterable[ParsedArticle], nlp: Any, lexicon: Lexicon, *, batch_size: int
) -> Iterator[ArticleExtraction]:
    """Extract every article, piping all their sentences through ``nlp`` in batches."""
    pending: dict[int, tuple[ParsedArticle, list[Any]]] = {}
    order: list[int] = []

    def sentences() -> Iterator[tuple[str, tuple[int, int]]]:
        for number, article in enumerate(articles):
            pending[number] = (article, [])
            order.append(number)
            for sentence in article.sentences:
                yield sentence.text, (number, len(article.sentences))

    for doc, (number, total) in nlp.pipe(sentences(), as_tuples=True, batch_size=batch_size):
        article, docs = pending[number]
        docs.append(doc)
        if len(docs) == total:
            del pending[number]
            yield extract_article(article, docs, lexicon)


def extract_article(article: ParsedArticle, docs: Sequence[Any], lexicon: Lexicon) -> ArticleExtraction:
    """Persons, holdings and meetings of one article from its sentence Docs."""
    titles = [t for index, doc in enumerate(docs) for t in read_titles(doc, index, lexicon)]
    title_spans: dict[int, list[tuple[int, int]]] = {}
    for title in titles:
        title_spans.setdefault(title.sentence, []).append((title.span_start, title.span_end))
    headlines = frozenset(s.index for s in article.sentences if s.is_title)
    people = find_people(docs, title_spans, lexicon, headline_sentences=headlines)
    linked = link_titles(docs, titles, people)
    holdings, countries = holding_claims(article, linked, lexicon)
    references = title_references(linked, holdings, people, lexicon)
    mentions = _meeting_mentions(article, docs, people, references, titles)
    mentioned: dict[int, set[str]] = {}
    for mention, key in people.mentions:
        mentioned.setdefault(mention.sentence, set()).add(key)
    for (sentence, _), key in references.items():
        mentioned.setdefault(sentence, set()).add(key)
    meetings = _merge(article, mentions, docs, countries, titles, mentioned, lexicon)
    return ArticleExtraction(
        article=article,
        persons=people.records(countries),
        holdings=tuple(holdings),
        meetings=tuple(meetings),
    )


@dataclass
class _SentenceResolver:
    docs: Sequence[Any]
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
        if word.lower_ in _PLURAL_WORDS or (self.sentence, token) in self.plural_titles:
            return self.context
        if any(c.lower_ in _PAIR_NUMBERS for c in word.children) and word.tag_ in ("NNS", "NNPS"):
            return self.context  # "the two ministers", "both leaders"
        return frozenset()


def _meeting_mentions(
    article: ParsedArticle,
    docs: Sequence[Any],
    people: People,
    references: dict[tuple[int, int], str],
    titles: list[TitleMention],
) -> list[MeetingMention]:
    plural_titles = {(t.sentence, i) for t in titles if t.plural for i in range(t.start, t.end)}
    context: frozenset[str] = frozenset()
    previous_date: str | None = None
    found: list[MeetingMention] = []
    for index, doc in enumerate(docs):
        sentence = article.sentences[index]
        countries = tuple((s.start, s.end) for s in doc.spans["countries"])
        resolver = _SentenceResolver(docs, index, people, references, plural_titles, context)
        situation = SentenceContext(
            index, article.published, sentence.is_title, sentence.is_question, countries
        )
        for mention in find_meetings(doc, situation, resolver, previous_date):
            if not sentence.is_title:
                context = mention.participants
                resolver.context = context
            if not mention.planned:
                found.append(mention)
                previous_date = mention.date or previous_date
    return found


def _merge(
    article: ParsedArticle,
    mentions: list[MeetingMention],
    docs: Sequence[Any],
    countries: dict[str, str],
    titles: list[TitleMention],
    mentioned: dict[int, set[str]],
    lexicon: Lexicon,
) -> list[MeetingClaim]:
    """One claim per event: same participants, compatible day, place and mode."""
    groups: list[list[MeetingMention]] = []
    for mention in sorted(mentions, key=lambda m: (m.sentence, m.trigger)):
        if _is_domestic(mention.participants, countries):
            continue
        target = _compatible_group(groups, mention)
        if target is None:
            groups.append([mention])
        else:
            target.append(mention)
    topics = _topics_by_meeting(article, docs, groups, countries, titles, mentioned, lexicon)
    claims = []
    for group, topic_set in zip(groups, topics, strict=True):
        mode = next((m.mode for m in group if m.mode is not None), Mode.IN_PERSON)
        location = next((m.location for m in group if m.location), None)
        if location is None and mode is Mode.IN_PERSON:
            location = article.dateline
        if mode is not Mode.IN_PERSON:
            location = None
        evidence = tuple(
            Evidence(article.source.content_hash, s.start, s.end, s.text)
            for s in sorted({article.sentences[m.sentence] for m in group}, key=lambda s: s.start)
        )
        claims.append(
            MeetingClaim(
                participants=tuple(sorted(group[0].participants)),
                date=next((m.date for m in group if m.date), None),
                location=location,
                mode=mode,
                topics=tuple(sorted(topic_set)),
                evidence=evidence,
                kind=_kind(group),
            )
        )
    return claims


def _is_domestic(participants: frozenset[str], countries: dict[str, str]) -> bool:
    known = {countries.get(p) for p in participants}
    return None not in known and len(known) == 1


def _compatible_group(
    groups: list[list[MeetingMention]], mention: MeetingMention
) -> list[MeetingMention] | None:
    for group in reversed(groups):
        if group[0].participants != mention.participants:
            continue
        group_date = next((m.date for m in group if m.date), None)
        group_place = next((m.location for m in group if m.location), None)
        group_mode = next((m.mode for m in group if m.mode), None)
        if mention.date and group_date and mention.date != group_date:
            continue
        if mention.date_is_relative and mention.date is None and group_date is None:
            continue  # "the following day" is another day than the event before
        if mention.location and group_place and mention.location != group_place:
            continue
        if mention.mode and group_mode and mention.mode is not group_mode:
            continue
        return group
    return None


def _kind(group: list[MeetingMention]) -> str:
    kinds = [m.kind for m in group]
    for preferred in (
        "credentials",
        "courtesy call",
        "call",
        "summit",
        "reception",
        "talks",
        "meeting",
    ):
        if preferred in kinds:
            return preferred
    return kinds[0]


def _topics_by_meeting(
    article: ParsedArticle,
    docs: Sequence[Any],
    groups: list[list[MeetingMention]],
    countries: dict[str, str],
    titles: list[TitleMention],
    mentioned: dict[int, set[str]],
    lexicon: Lexicon,
) -> list[set[str]]:
    """Topics discussed in each meeting.

    A meeting's sentences are those that report it, those that speak of two or more of
    its participants ("Ishiba and Glass exchanged views", "both sides agreed"), and the
    unbroken run of sentences right after them in which a participant speaks ("Glass
    said"). Background sentences end the run.
    """
    home: dict[int, int] = {}
    for number, group in enumerate(groups):
        for mention in group:
            home[mention.sentence] = number
    topics: list[set[str]] = [set() for _ in groups]
    participant_countries = [{countries.get(p) for p in g[0].participants} for g in groups]
    title_tokens = {(t.sentence, i) for t in titles for i in range(t.span_start, t.span_end)}
    current: int | None = None
    run_open = False
    for index, doc in enumerate(docs):
        sentence = article.sentences[index]
        if sentence.is_title:
            continue
        if index in home:
            current, run_open = home[index], True
        elif current is None:
            continue
        else:
            belongs = _belongs(doc, groups[current][0].participants, mentioned.get(index, set()), run_open)
            run_open = belongs
            if not belongs:
                continue
        for span in doc.spans["topics"]:
            if any((index, i) in title_tokens for i in range(span.start, span.end)):
                continue  # "Trade Minister" names an office, not a topic
            if any(
                e.label_ == "ORG" and e.start <= span.start and span.end <= e.end and len(e) > len(span)
                for e in doc.ents
            ):
                continue
            concept = lexicon.topic_by_notation.get(span.label_)
            if concept is None or (
                concept.about_country and concept.about_country in participant_countries[current]
            ):
                continue
            topics[current].add(concept.notation)
    return topics


def _belongs(doc: Any, participants: frozenset[str], mentioned: set[str], run_open: bool) -> bool:
    """Does a sentence that reports no meeting still speak of this one?"""
    if len(mentioned & participants) >= 2 or _pair_reference(doc):
        return True
    if not run_open:
        return False
    if any(t.lower_ in ("they", "both") and t.dep_ in ("nsubj", "nsubjpass") for t in doc):
        return True  # "they shed light on ...": the pair of the run
    speaks = any(t.pos_ == "VERB" and t.lemma_.lower() in _SPEECH_VERBS for t in doc)
    if mentioned & participants:
        return speaks
    if mentioned:
        return False  # the sentence speaks of other people
    return speaks and bool({t.lower_ for t in doc} & _CONTINUATION_CUES)


def _pair_reference(doc: Any) -> bool:
    """ "both sides", "the two ministers", "the two leaders", "both leaders"."""
    for token in doc:
        if token.tag_ in ("NNS", "NNPS") and any(c.lower_ in _PAIR_NUMBERS for c in token.children):
            return True
        if (
            token.lower_ == "both"
            and token.dep_ in ("nsubj", "det", "preconj")
            and token.head.pos_ in ("VERB", "NOUN")
        ):
            return token.dep_ == "nsubj" or token.head.lower_ in (
                "sides",
                "leaders",
                "ministers",
                "countries",
            )
    return False
