"""Meetings as events: triggers, participants from the syntax, factuality, when, where, how.

A meeting mention is a trigger (``met``, ``held talks``, ``spoke by phone``, ``welcomed``,
``courtesy call``, ``presented credentials``, ``told her visiting counterpart``, or two
persons who jointly ``agreed``) with at least two persons found through the dependency
tree (``meeting_participants``). Planned, hypothetical, negated and questioned meetings
are not reported as meetings that happened.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.extract.meeting_circumstances import date_of, is_planned, location_of, mode_of
from pipeline.extract.meeting_participants import (
    COURTESY_WORDS,
    Resolver,
    coordinated,
    governing_verb,
    noun_participants,
    prep_objects,
    subjects_of,
    verb_participants,
    visitors_of,
)
from pipeline.extract.word_lists import Triggers
from pipeline.records import MeetingKind, Mode

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_PLURAL_REFERENCES = frozenset({"they", "them", "their", "both", "sides", "side", "two", "pair", "duo"})


@dataclass(frozen=True)
class MeetingMention:
    sentence: int
    trigger: int
    participants: frozenset[str]
    kind: MeetingKind
    mode: Mode | None  # None: the text does not say
    date: str | None
    date_is_relative: bool  # "the following day": depends on an earlier event
    location: str | None
    planned: bool
    attendance: bool = False  # "X and Y were present at the talks": they join the event in focus


@dataclass(frozen=True)
class SentenceContext:
    """What meeting detection needs to know about a sentence besides its Doc."""

    index: int
    published: str | None
    is_title: bool
    is_question: bool
    country_spans: tuple[tuple[int, int], ...]
    capitals: frozenset[str] = frozenset()  # lower-cased capital cities, found even inside names
    triggers: Triggers = Triggers()
    reposted: bool = False  # the article's date is a redistribution stamp (see ParsedArticle)


ONE_PARTICIPANT = "meeting without two resolved participants"


def find_meetings(
    doc: Doc,
    context: SentenceContext,
    resolve: Resolver,
    previous_date: str | None,
    rejected: Counter[str] | None = None,
) -> list[MeetingMention]:
    """Meeting mentions in one sentence (planned ones included, marked); triggers whose
    participants resolve to one person are counted in ``rejected``."""
    found: list[MeetingMention] = []
    used: set[int] = set()
    for token in doc:
        if token.i in used:
            continue
        mention = _from_trigger(doc, token, context, resolve, previous_date, rejected)
        if mention is not None:
            found.extend(_bilaterals(mention, doc, token, resolve))
            nouns = context.triggers.nouns
            used.update(t.i for t in token.subtree if t.i != token.i and t.lemma_.lower() in nouns)
    return found


# Words that make one meeting of several counterparts: "a trilateral meeting with X and Y".
_JOINT_WORDS = frozenset(
    {
        "trilateral",
        "joint",
        "together",
        "multilateral",
        "quadrilateral",
        "three-way",
        "four-way",
        "group",
        "between",
        "among",
    }
)


def _bilaterals(mention: MeetingMention, doc: Doc, trigger: Token, resolve: Resolver) -> list[MeetingMention]:
    """One person meeting several counterparts is several meetings ("He met the Prime
    Minister of A, X, and with the President of B, Y"; "told X and Y in separate
    meetings"), unless the text makes it one ("a trilateral meeting with X and Y")."""
    if mention.kind in (MeetingKind.CREDENTIALS, MeetingKind.SUMMIT) or mention.attendance:
        return [mention]
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger)
    subjects = subjects_of(verb, resolve) if verb.pos_ in ("VERB", "AUX") else set()
    others = mention.participants - subjects
    if _calls_of_several(mention, trigger, subjects, others):
        return [dataclasses.replace(mention, participants=frozenset(others | {s})) for s in sorted(subjects)]
    if len(subjects) != 1 or len(others) < 2 or not subjects <= mention.participants:
        return [mention]
    nearby = {t.lower_ for t in trigger.subtree} | {t.lower_ for t in trigger.children} | {trigger.lower_}
    separate = any(t.lower_ in ("separate", "separately", "respectively", "individually") for t in doc)
    if nearby & _JOINT_WORDS and not separate:
        return [mention]
    return [
        dataclasses.replace(mention, participants=frozenset(subjects | {other})) for other in sorted(others)
    ]


def _calls_of_several(
    mention: MeetingMention, trigger: Token, callers: set[str], hosts: frozenset[str]
) -> bool:
    """ "Three envoys paid courtesy calls on X": each caller's call is one meeting with X."""
    return (
        mention.kind is MeetingKind.COURTESY_CALL
        and trigger.tag_ in ("NNS", "NNPS")
        and len(callers) >= 2
        and len(hosts) == 1
        and callers <= mention.participants
    )


def _from_trigger(
    doc: Doc,
    token: Token,
    context: SentenceContext,
    resolve: Resolver,
    previous_date: str | None,
    rejected: Counter[str] | None = None,
) -> MeetingMention | None:
    lemma = token.lemma_.lower()
    triggers = context.triggers
    participants: set[str] = set()
    kind: MeetingKind | None = None
    attendance = False
    if token.pos_ == "VERB" and lemma in triggers.verbs:
        participants, kind = verb_participants(token, resolve)
    elif token.pos_ in ("NOUN", "PROPN") and (
        lemma in triggers.nouns
        or token.lower_ in triggers.nouns
        or _remote_conference(token)
        or _courtesy_visit(token)
    ):
        participants, kind, attendance = noun_participants(token, resolve)
    elif (
        token.pos_ == "VERB"
        and lemma == "present"
        and any(c.lemma_.lower() in ("credential", "credentials") for c in token.children)
    ):
        participants = subjects_of(token, resolve) | prep_objects(token, ("to",), resolve)
        kind = MeetingKind.CREDENTIALS
    elif (
        token.pos_ == "VERB" and lemma in triggers.visitor_verbs and (visitors := visitors_of(token, resolve))
    ):
        participants, kind = subjects_of(token, resolve) | visitors, MeetingKind.RECEPTION
    elif token.pos_ == "VERB" and lemma in triggers.joint_verbs:
        subjects = subjects_of(token, resolve)
        if len(subjects) >= 2 and _coordinated_subject(token):
            participants, kind = subjects, MeetingKind.TALKS
    if kind is None or len(participants) < 2:
        if kind is not None and participants and rejected is not None:
            rejected[ONE_PARTICIPANT] += 1
        return None
    governor = token if token.pos_ in ("VERB", "AUX") else governing_verb(token)
    date_expr, date_relative = date_of(
        doc, token, context.published, previous_date, reposted=context.reposted
    )
    planned = (
        context.is_question
        or context.is_title
        or is_planned(token, governor)
        or (date_expr is not None and context.published is not None and date_expr > context.published)
    )
    return MeetingMention(
        sentence=context.index,
        trigger=token.i,
        participants=frozenset(participants),
        kind=kind,
        mode=mode_of(doc, token, governor, kind, triggers),
        date=date_expr,
        date_is_relative=date_relative,
        location=location_of(doc, token, context.country_spans, context.capitals),
        planned=planned,
        attendance=attendance,
    )


def _remote_conference(token: Token) -> bool:
    """ "a video conference", "a phone conference": a remote meeting (not a press conference)."""
    return token.lemma_.lower() == "conference" and any(
        c.lower_ in ("video", "phone", "telephone", "tele", "virtual")
        for c in token.children
        if c.dep_ in ("compound", "amod")
    )


def _courtesy_visit(token: Token) -> bool:
    """ "a courtesy visit to X", "a farewell visit": a courtesy call (not a state visit)."""
    return token.lemma_.lower() == "visit" and any(
        c.lower_ in COURTESY_WORDS for c in token.children if c.dep_ in ("compound", "amod")
    )


def _coordinated_subject(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "nsubj":
            if any(c.dep_ == "conj" or coordinated(c) for c in child.children):
                return True
            if child.lower_ in _PLURAL_REFERENCES or any(
                c.lower_ in _PLURAL_REFERENCES for c in child.children
            ):
                return True
    return False
