"""Events inside one article: meeting mentions grouped into meetings, and their topics.

Mentions of the same participants on a compatible day, place and mode are one event.
"Lu and Perera were also present at the talks" adds attendees to the event in focus.
A meeting's topics come from the sentences that report it, speak of two or more of its
participants, or continue the run of one participant's words right after it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline.extract.meeting_mentions import MeetingMention
from pipeline.extract.nlp import marked_spans
from pipeline.extract.reading import ArticleReading
from pipeline.records import MeetingClaim, MeetingKind, Mode

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PAIR_NUMBERS = frozenset({"two", "both"})  # "the two ministers", "both leaders": the pair in focus
_SPEECH_VERBS = frozenset(
    "say tell state add stress express convey note underline underscore emphasize emphasise agree share "
    "describe discuss exchange raise ask urge propose brief explain highlight reaffirm confirm welcome "
    "thank pledge voice respond reply concur seek invite affirm request assure outline call".split()
)


@dataclass
class EventGroup:
    """The mentions of one event in an article."""

    participants: frozenset[str]
    mentions: list[MeetingMention] = field(default_factory=list)

    @property
    def date(self) -> str | None:
        return next((m.date for m in self.mentions if m.date), None)

    @property
    def relative(self) -> bool:
        """Is it dated against another event ("the following day") or set at another time?"""
        return any(m.date_is_relative for m in self.mentions)

    @property
    def place(self) -> str | None:
        return next((m.location for m in self.mentions if m.location), None)

    @property
    def mode(self) -> Mode | None:
        """The mode the mentions state; video over phone ("a video call", "the call")."""
        modes = {m.mode for m in self.mentions if m.mode}
        return next((mode for mode in (Mode.VIDEO, Mode.PHONE, Mode.IN_PERSON) if mode in modes), None)

    def accepts(self, mention: MeetingMention) -> bool:
        """Could this mention report the same event (no conflicting day, place or mode)?"""
        if mention.date and self.date and mention.date != self.date:
            return False
        if mention.date_is_relative and mention.date is None and self.date is None:
            return False  # "the following day" is another day than the event before
        if mention.location and self.place and mention.location != self.place:
            return False
        return not (mention.mode and self.mode and _remote(mention.mode) != _remote(self.mode))


NOT_HELD = "meeting not held (planned, expected, negated or asked about)"
DOMESTIC = "domestic meeting (all participants of one country)"


def _remote(mode: Mode) -> bool:
    """Phone and video are both remote: "the video conference" and "the call" are one."""
    return mode is not Mode.IN_PERSON


def meeting_claims(
    reading: ArticleReading,
    mentions: list[MeetingMention],
    countries: dict[str, str],
    mentioned: dict[int, set[str]],
    dateline_day: str | None = None,
    rejected: Counter[str] | None = None,
) -> list[MeetingClaim]:
    """One claim per event: same participants, compatible day, place and mode.

    ``countries``: each person's country; ``mentioned``: the persons each sentence names
    or refers to; ``dateline_day`` is the day of a dateline line of the article ("December
    4, 2023, The Kremlin, Moscow"): the day of the events it reports that no phrase dates."""
    article = reading.article
    planned = [m for m in mentions if m.planned]
    held = [m for m in mentions if not m.planned]
    groups = group_mentions(held, countries)
    if rejected is not None:
        rejected[NOT_HELD] += len(planned)
        rejected[DOMESTIC] += sum(_is_domestic(m.participants, countries) for m in held)
    topics = _topics_by_meeting(reading, groups, planned, countries, mentioned)
    claims = []
    for group, topic_set in zip(groups, topics, strict=True):
        mode = group.mode or Mode.IN_PERSON
        location = group.place
        if location is None and mode is Mode.IN_PERSON:
            location = article.dateline
        if mode is not Mode.IN_PERSON:
            location = None
        evidence = tuple(article.evidence(index) for index in sorted({m.sentence for m in group.mentions}))
        claims.append(
            MeetingClaim(
                participants=tuple(sorted(group.participants)),
                date=group.date or (dateline_day if not group.relative else None),
                location=location,
                mode=mode,
                topics=tuple(sorted(topic_set)),
                evidence=evidence,
                kind=_kind(group.mentions),
            )
        )
    return claims


def _is_domestic(participants: frozenset[str], countries: dict[str, str]) -> bool:
    known = {countries.get(p) for p in participants}
    return None not in known and len(known) == 1


def group_mentions(mentions: Sequence[MeetingMention], countries: dict[str, str]) -> list[EventGroup]:
    """Group an article's happened-meeting mentions into events, in text order."""
    groups: list[EventGroup] = []
    for mention in sorted(mentions, key=lambda m: (m.sentence, m.trigger)):
        if _is_domestic(mention.participants, countries):
            continue
        target = next(
            (
                g
                for g in reversed(groups)
                if g.accepts(mention)
                and (
                    g.participants == mention.participants
                    or (mention.attendance and g.participants < mention.participants)
                )
            ),
            None,
        )
        if target is None:
            groups.append(EventGroup(mention.participants, [mention]))
        else:
            target.participants |= mention.participants
            target.mentions.append(mention)
    return groups


# The kind of an event its mentions call differently: the most specific word.
_KIND_PREFERENCE = (
    MeetingKind.CREDENTIALS,
    MeetingKind.COURTESY_CALL,
    MeetingKind.CALL,
    MeetingKind.SUMMIT,
    MeetingKind.RECEPTION,
    MeetingKind.TALKS,
    MeetingKind.MEETING,
)


def _kind(group: Sequence[MeetingMention]) -> MeetingKind:
    kinds = {m.kind for m in group}
    return next(kind for kind in _KIND_PREFERENCE if kind in kinds)


def _topics_by_meeting(
    reading: ArticleReading,
    groups: list[EventGroup],
    planned: list[MeetingMention],
    countries: dict[str, str],
    mentioned: dict[int, set[str]],
) -> list[set[str]]:
    """Topics discussed in each meeting.

    A meeting's sentences are those that report it, those that speak of two or more of
    its participants ("Ishiba and Glass exchanged views", "both sides agreed"), and the
    unbroken run of sentences right after them in which a participant speaks ("Glass
    said"). Background sentences end the run.
    """
    home: dict[int, int] = {}
    for number, group in enumerate(groups):
        for mention in group.mentions:
            home[mention.sentence] = number
    topics: list[set[str]] = [set() for _ in groups]
    participant_countries = [{countries[p] for p in g.participants if p in countries} for g in groups]
    title_tokens = {(t.sentence, i) for t in reading.titles for i in range(t.span_start, t.span_end)}
    current: int | None = None
    run_open = False
    for index, doc in enumerate(reading.docs):
        sentence = reading.article.sentences[index]
        if sentence.is_title:
            continue
        if index in home:
            current, run_open = home[index], True
        elif current is not None and any(
            m.sentence == index and m.participants != groups[current].participants for m in planned
        ):
            current = None  # the text moves on to another, planned meeting
            continue
        elif current is None:
            continue
        else:
            belongs = _belongs(doc, groups[current].participants, mentioned.get(index, set()), run_open)
            run_open = belongs
            if not belongs:
                continue
        for span in marked_spans(doc, "topics"):
            if any((index, i) in title_tokens for i in range(span.start, span.end)):
                continue  # "Trade Minister" names an office, not a topic
            if _inside_organisation_name(doc, span):
                continue
            concept = reading.lexicon.topic_by_notation.get(span.label_)
            # A participant's own country named in one word ("Syria", "Ukrainian") is not
            # what the meeting is about; a phrase is ("the war in Ukraine").
            own = participant_countries[current] if len(span) == 1 else set()
            # The situation of one country is part of its region's (Gaza → Middle East): a
            # meeting about it is about the region too. Other narrower topics stand alone
            # (a meeting on tariffs is not thereby on trade in general).
            while concept is not None and concept.about_country not in own:
                topics[current].add(concept.notation)
                wider = reading.lexicon.topic_by_notation.get(concept.broader or "")
                concept = wider if concept.about_country else None
    return topics


def _inside_organisation_name(doc: Doc, span: Span) -> bool:
    """A topic word inside a longer organisation name ("Ministry of Trade") is no topic;
    "the Indo-Pacific" tagged as an organisation is still the region."""
    for ent in doc.ents:
        if ent.label_ == "ORG" and ent.start <= span.start and span.end <= ent.end:
            extra = [t for t in ent if t.i < span.start or t.i >= span.end]
            if any(t.dep_ != "det" and not t.is_punct for t in extra):
                return True
    return False


def _belongs(doc: Doc, participants: frozenset[str], mentioned: set[str], run_open: bool) -> bool:
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
    return speaks  # "Discussed our partnership ...", "the ministry said"


def _pair_reference(doc: Doc) -> bool:
    """ "both sides", "the two ministers", "the two leaders", "both leaders"."""
    for token in doc:
        if token.tag_ in ("NNS", "NNPS") and any(c.lower_ in PAIR_NUMBERS for c in token.children):
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
