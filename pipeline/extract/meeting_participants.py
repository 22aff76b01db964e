"""Who takes part in a meeting a trigger reports, read from the dependency tree.

The subject and objects of a meeting verb ("X met Y", "X spoke by telephone with Y",
"X told her visiting counterpart Y"), the "with", "between" and possessive persons of a
meeting noun and the subject of its verb ("X held talks with Y", "received a phone call
from Y"), each noun phrase with its coordinated and appositive parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from pipeline.records import MeetingKind

if TYPE_CHECKING:
    from spacy.tokens import Token


class Resolver(Protocol):
    """Persons a token of the current sentence refers to; ``context`` is the pair in focus."""

    context: frozenset[str]

    def __call__(self, token: int) -> frozenset[str]: ...

    def nearest_before(self, token: int) -> frozenset[str]: ...


def _expand(token: Token, resolve: Resolver) -> set[str]:
    """Persons named by a noun phrase and its coordinated or appositive parts."""
    people: set[str] = set()
    stack = [token]
    while stack:
        current = stack.pop()
        people |= resolve(current.i)
        stack.extend(
            child
            for child in current.children
            if child.dep_ in ("conj", "appos")
            or coordinated(child)
            or (current.ent_type_ == "DATE" and child.dep_ == "compound" and child.ent_type_ != "DATE")
        )  # "met with X Thursday": the parser makes the day the head of the name
    return people


def subjects_of(verb: Token, resolve: Resolver) -> set[str]:
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
        return subjects_of(verb.head, resolve)  # "X arrived and met Y": shared subject
    if not people and verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subjects_of(verb.head.head, resolve)  # "X spoke after receiving Y"
    if not people and verb.dep_ == "relcl":
        return _expand(verb.head, resolve)  # "X, who met Y"
    if (
        not people
        and verb.dep_ == "acl"
        and verb.i > verb.head.i
        and "agent" not in {c.dep_ for c in verb.children}
    ):
        return _expand(verb.head, resolve)  # "X, Minister of State, received on Monday Y": no relative clause
    return people


def _objects(verb: Token, resolve: Resolver) -> set[str]:
    people: set[str] = set()
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "dative"):
            people |= _expand(child, resolve)
    return people


def visitors_of(verb: Token, resolve: Resolver) -> set[str]:
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
                    people |= prep_objects(pobj, ("with",), resolve)
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
                    people |= prep_objects(pobj, ("with", "to"), resolve)
    return people


def prep_objects(token: Token, prepositions: Iterable[str], resolve: Resolver) -> set[str]:
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


def verb_participants(verb: Token, resolve: Resolver) -> tuple[set[str], MeetingKind | None]:
    lemma = verb.lemma_.lower()
    children = {c.lower_ for c in verb.children}
    urging = any(c.dep_ in ("xcomp", "ccomp") for c in verb.children) or (
        "for" in children and "on" not in children
    )
    if lemma == "call" and urging:
        return set(), None  # "called for restraint", "called on X to stop": urging, not a call
    subjects = subjects_of(verb, resolve)
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
        objects = _objects(verb, resolve) | prep_objects(verb, ("with", "to", "on"), resolve)
        objects |= _with_behind_the_means(verb, resolve)
    if lemma == "visit" and not objects:
        return set(), None
    kind = _VERB_KINDS.get(lemma, MeetingKind.MEETING)
    if lemma == "call" and "on" in children:
        kind = MeetingKind.COURTESY_CALL
    return subjects | objects, kind


# Words that make a call or a visit on an official a courtesy call: "a farewell visit to X".
COURTESY_WORDS = frozenset({"courtesy", "farewell", "introductory"})


def noun_participants(noun: Token, resolve: Resolver) -> tuple[set[str], MeetingKind, bool]:
    """Participants of a meeting noun, its kind, and whether they join the event in focus."""
    lemma = noun.lemma_.lower()
    sides: tuple[str, ...] = ("between", "with", "among")
    if lemma == "call" and _is_from_a_caller(noun):
        sides += ("from",)  # "received a phone call from X": the caller is the other side
    people = prep_objects(noun, sides, resolve)
    if people:
        # "meetings with the President of X, Jane Roe and ...": the parser joins the names to the noun.
        people |= set().union(
            *(_expand(c, resolve) for c in noun.children if c.dep_ == "conj" and c.pos_ == "PROPN")
        )
    for child in noun.children:
        if child.dep_ == "poss":
            people |= _expand(child, resolve)
    explicit = bool(people)
    governor = noun.head
    hops = 0
    while governor.pos_ not in ("VERB", "AUX") and governor.dep_ != "ROOT" and hops < 3:
        governor = governor.head
        hops += 1
    spoken_about = noun.dep_ == "pobj" and noun.head.lower_ == "about"  # "X spoke about the call"
    if (
        governor.pos_ in ("VERB", "AUX")
        and noun.dep_ in ("dobj", "pobj", "nsubjpass", "attr", "nsubj")
        and not (spoken_about and explicit)
    ):
        people |= subjects_of(governor, resolve)
        people |= prep_objects(governor, ("with",), resolve) or _with_behind_a_phrase(governor, resolve)
        if noun.dep_ == "pobj" and noun.head.lower_ == "in":
            people |= _objects(governor, resolve)  # "told X and Y in separate meetings"
        if "from" in sides and noun.dep_ == "dobj" and governor.lemma_.lower() in _CALL_TAKING_VERBS:
            people |= prep_objects(governor, ("from",), resolve)  # "received a call on Friday from X"
        if governor.lemma_.lower() in (
            "pay",
            "make",
        ):  # "paid a courtesy call on X", "made a farewell visit to X"
            people |= prep_objects(noun, ("on", "to"), resolve) | prep_objects(
                governor, ("on", "to"), resolve
            )
    compounds = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod")}
    if lemma in ("call", "visit") and compounds & COURTESY_WORDS:
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


def coordinated(token: Token) -> bool:
    """A modifier that is really a conjunct: the parser's "X and <title> Y" as nmod."""
    return token.dep_ in ("nmod", "compound") and any(c.dep_ == "cc" for c in token.children)


def governing_verb(token: Token) -> Token:
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return token
