"""Meetings as events: triggers, participants from the syntax, factuality, when, where, how.

A meeting mention is a trigger (``met``, ``held talks``, ``spoke by phone``, ``welcomed``,
``courtesy call``, ``presented credentials``, ``told her visiting counterpart``, or two
persons who jointly ``agreed``) with at least two persons found through the dependency tree. Planned, hypothetical,
negated and questioned meetings are not reported as meetings that happened.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from pipeline.extract.meeting_circumstances import date_of, is_planned, location_of, mode_of
from pipeline.extract.word_lists import Triggers
from pipeline.records import MeetingKind, Mode

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class Resolver(Protocol):
    """Persons a token of the current sentence refers to; ``context`` is the pair in focus."""

    context: frozenset[str]

    def __call__(self, token: int) -> frozenset[str]: ...

    def nearest_before(self, token: int) -> frozenset[str]: ...


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
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _governing_verb(trigger)
    subjects = _subjects(verb, resolve) if verb.pos_ in ("VERB", "AUX") else set()
    others = mention.participants - subjects
    if len(subjects) != 1 or len(others) < 2 or not subjects <= mention.participants:
        return [mention]
    nearby = {t.lower_ for t in trigger.subtree} | {t.lower_ for t in trigger.children} | {trigger.lower_}
    separate = any(t.lower_ in ("separate", "separately", "respectively", "individually") for t in doc)
    if nearby & _JOINT_WORDS and not separate:
        return [mention]
    return [
        dataclasses.replace(mention, participants=frozenset(subjects | {other})) for other in sorted(others)
    ]


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
        participants, kind = _verb_participants(token, resolve)
    elif token.pos_ in ("NOUN", "PROPN") and (
        lemma in triggers.nouns or token.lower_ in triggers.nouns or _remote_conference(token)
    ):
        participants, kind, attendance = _noun_participants(token, resolve)
    elif (
        token.pos_ == "VERB"
        and lemma == "present"
        and any(c.lemma_.lower() in ("credential", "credentials") for c in token.children)
    ):
        participants = _subjects(token, resolve) | _prep_objects(token, ("to",), resolve)
        kind = MeetingKind.CREDENTIALS
    elif token.pos_ == "VERB" and lemma in triggers.visitor_verbs and (visitors := _visitors(token, resolve)):
        participants, kind = _subjects(token, resolve) | visitors, MeetingKind.RECEPTION
    elif token.pos_ == "VERB" and lemma in triggers.joint_verbs:
        subjects = _subjects(token, resolve)
        if len(subjects) >= 2 and _coordinated_subject(token):
            participants, kind = subjects, MeetingKind.TALKS
    if kind is None or len(participants) < 2:
        if kind is not None and participants and rejected is not None:
            rejected[ONE_PARTICIPANT] += 1
        return None
    governor = token if token.pos_ in ("VERB", "AUX") else _governing_verb(token)
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


def _expand(token: Token, resolve: Resolver) -> set[str]:
    """Persons named by a noun phrase and its coordinated or appositive parts."""
    people: set[str] = set()
    stack = [token]
    while stack:
        current = stack.pop()
        people |= resolve(current.i)
        stack.extend(
            child for child in current.children if child.dep_ in ("conj", "appos") or _coordinated(child)
        )
    return people


def _subjects(verb: Token, resolve: Resolver) -> set[str]:
    people: set[str] = set()
    for child in verb.children:
        if child.dep_ in ("nsubj",):
            people |= _expand(child, resolve)
        if child.dep_ == "agent":
            for grandchild in child.children:
                people |= _expand(grandchild, resolve)
    if not people and verb.dep_ == "xcomp":
        for child in verb.head.children:
            if child.dep_ == "nsubjpass":
                people |= _expand(child, resolve)  # "X is expected to visit Y": X visits
    if not people and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subjects(verb.head, resolve)  # "X arrived and met Y": shared subject
    if not people and verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
        return _subjects(verb.head.head, resolve)  # "X spoke after receiving Y"
    if not people and verb.dep_ == "relcl":
        return _expand(verb.head, resolve)  # "X, who met Y"
    return people


def _objects(verb: Token, resolve: Resolver) -> set[str]:
    people: set[str] = set()
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "dative"):
            people |= _expand(child, resolve)
    return people


def _visitors(verb: Token, resolve: Resolver) -> set[str]:
    """The objects of ``verb`` said to be visiting: "told her visiting counterpart, Y"."""
    people: set[str] = set()
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and any(
            t.dep_ == "amod" and t.lower_ == "visiting" and t.i < child.i for t in child.subtree
        ):
            people |= _expand(child, resolve)
    return people


def _with_behind_a_phrase(token: Token, resolve: Resolver) -> set[str]:
    """ "held his first meeting in his role with X and Y": the parser hangs "with" on the
    phrase between; it still names the other side."""
    people: set[str] = set()
    for child in token.children:
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    people |= _prep_objects(pobj, ("with",), resolve)
    return people


# Prepositions of the means of talking: "spoke by telephone with X", "talked via video link to X".
_MEANS_PREPOSITIONS = frozenset({"by", "via", "over"})


def _with_behind_the_means(verb: Token, resolve: Resolver) -> set[str]:
    """ "spoke by telephone with X": the parser hangs "with X" on the means, not the verb."""
    people: set[str] = set()
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _MEANS_PREPOSITIONS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    people |= _prep_objects(pobj, ("with", "to"), resolve)
    return people


def _prep_objects(token: Token, prepositions: Iterable[str], resolve: Resolver) -> set[str]:
    people: set[str] = set()
    wanted = set(prepositions)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in wanted:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    people |= _expand(pobj, resolve)
                elif pobj.dep_ == "pcomp" and pobj.lemma_.lower() == "visit":
                    # "talks with visiting Chinese Foreign Minister Li Qiang"
                    people |= set().union(*(_expand(o, resolve) for o in pobj.children if o.dep_ == "dobj"))
    return people


# Verbs that name their kind of meeting; any other meeting verb reports a meeting.
_VERB_KINDS = {
    "call": MeetingKind.CALL,
    "phone": MeetingKind.CALL,
    "telephone": MeetingKind.CALL,
    "receive": MeetingKind.RECEPTION,
    "welcome": MeetingKind.RECEPTION,
    "host": MeetingKind.RECEPTION,
}


def _verb_participants(verb: Token, resolve: Resolver) -> tuple[set[str], MeetingKind | None]:
    lemma = verb.lemma_.lower()
    children = {c.lower_ for c in verb.children}
    urging = any(c.dep_ in ("xcomp", "ccomp") for c in verb.children) or (
        "for" in children and "on" not in children
    )
    if lemma == "call" and urging:
        return set(), None  # "called for restraint", "called on X to stop": urging, not a call
    subjects = _subjects(verb, resolve)
    if (
        lemma in ("receive", "welcome", "host", "greet")
        and verb.tag_ == "VBN"
        and any(c.dep_ == "auxpass" for c in verb.children)
    ):
        subjects = set()
        for child in verb.children:
            if child.dep_ == "agent":
                for grandchild in child.children:
                    subjects |= _expand(grandchild, resolve)
        objects = set().union(*(_expand(c, resolve) for c in verb.children if c.dep_ == "nsubjpass"))
    else:
        objects = _objects(verb, resolve) | _prep_objects(verb, ("with", "to", "on"), resolve)
        objects |= _with_behind_the_means(verb, resolve)
    if lemma == "visit" and not objects:
        return set(), None
    kind = _VERB_KINDS.get(lemma, MeetingKind.MEETING)
    if lemma == "call" and "on" in children:
        kind = MeetingKind.COURTESY_CALL
    return subjects | objects, kind


def _noun_participants(noun: Token, resolve: Resolver) -> tuple[set[str], MeetingKind, bool]:
    """Participants of a meeting noun, its kind, and whether they join the event in focus."""
    lemma = noun.lemma_.lower()
    sides: tuple[str, ...] = ("between", "with", "among")
    if lemma == "call" and _is_from_a_caller(noun):
        sides += ("from",)  # "received a phone call from X": the caller is the other side
    people = _prep_objects(noun, sides, resolve)
    for child in noun.children:
        if child.dep_ == "poss":
            people |= _expand(child, resolve)
    explicit = bool(people)
    governor = noun.head
    hops = 0
    while governor.pos_ not in ("VERB", "AUX") and governor.dep_ != "ROOT" and hops < 3:
        governor = governor.head
        hops += 1
    if governor.pos_ in ("VERB", "AUX") and noun.dep_ in (
        "dobj",
        "pobj",
        "nsubjpass",
        "attr",
        "nsubj",
    ):
        people |= _subjects(governor, resolve)
        people |= _prep_objects(governor, ("with",), resolve) or _with_behind_a_phrase(governor, resolve)
        if noun.dep_ == "pobj" and noun.head.lower_ == "in":
            people |= _objects(governor, resolve)  # "told X and Y in separate meetings"
        if governor.lemma_.lower() == "pay":
            people |= _prep_objects(noun, ("on", "to"), resolve) | _prep_objects(
                governor, ("on", "to"), resolve
            )
    compounds = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")}
    if lemma == "call" and "courtesy" in compounds:
        kind = MeetingKind.COURTESY_CALL
    elif lemma == "call" or compounds & {"phone", "telephone"}:
        kind = MeetingKind.CALL
    elif lemma == "summit":
        kind = MeetingKind.SUMMIT
    elif lemma in ("talk", "talks"):
        kind = MeetingKind.TALKS
    else:
        kind = MeetingKind.MEETING
    if len(people) == 1 and explicit and noun.dep_ in ("nsubj", "ROOT", "appos"):
        # "X held phone talks with Y" parsed with "talks" as the subject: X is the other side.
        people |= resolve.nearest_before(noun.i) - people
    attendance = False
    if _is_definite(noun) and resolve.context:
        if not people:
            people |= resolve.context  # "the meeting": the pair in focus
        elif not explicit and not people & resolve.context and governor.lemma_.lower() in _PRESENCE_VERBS:
            people |= resolve.context  # "X and Y were also present at the talks"
            attendance = True
    return people, kind, attendance


# Verbs that take a call: "received a call from X" is a call, "welcomed a call from X" may be an appeal.
_CALL_TAKING_VERBS = frozenset({"receive", "take", "get", "answer"})


def _is_from_a_caller(call: Token) -> bool:
    """ "a phone call from X", "received a call from X": X called; "rejected calls from X
    for a ceasefire", "welcomed a call from X to end the dispute": X appealed."""
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in call.children):
        return False
    phoned = any(
        c.lower_ in ("phone", "telephone", "video") for c in call.children if c.dep_ in ("compound", "amod")
    )
    return phoned or (call.dep_ == "dobj" and call.head.lemma_.lower() in _CALL_TAKING_VERBS)


# Verbs that put people at a meeting reported before ("were also present at the talks").
_PRESENCE_VERBS = frozenset({"be", "attend", "join", "participate", "accompany", "sit", "take"})


def _is_definite(noun: Token) -> bool:
    return any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "their", "its")
        for c in noun.children
    )


def _coordinated(token: Token) -> bool:
    """A modifier that is really a conjunct: the parser's "X and <title> Y" as nmod."""
    return token.dep_ in ("nmod", "compound") and any(c.dep_ == "cc" for c in token.children)


def _coordinated_subject(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "nsubj":
            if any(c.dep_ == "conj" or _coordinated(c) for c in child.children):
                return True
            if child.lower_ in _PLURAL_REFERENCES or any(
                c.lower_ in _PLURAL_REFERENCES for c in child.children
            ):
                return True
    return False


def _governing_verb(token: Token) -> Token:
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return token
