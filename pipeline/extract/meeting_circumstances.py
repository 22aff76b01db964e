"""When, where and how a meeting happened, and whether it happened at all.

Read from the dependency tree around a meeting trigger: the day a date phrase names
(resolved against the article's date), the city a place phrase names, the mode
(phone, video, in person), and factuality: planned, hypothetical, negated and merely
mentioned meetings are told apart from meetings that took place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.extract.word_lists import Triggers
from pipeline.ingest import dates
from pipeline.records import MeetingKind, Mode

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PLANNING_VERBS = frozenset(
    {
        "plan",
        "expect",
        "schedule",
        "propose",
        "seek",
        "hope",
        "want",
        "prepare",
        "arrange",
        "intend",
        "aim",
        "invite",
        "consider",
        "set",
        "due",
        "eye",
        "push",
        "urge",
        "call",
    }
)

_PLANNED_MODIFIERS = frozenset(
    {
        "upcoming",
        "planned",
        "proposed",
        "possible",
        "next",
        "future",
        "potential",
        "expected",
        "scheduled",
        "forthcoming",
        "prospective",
        "likely",
        "coming",
        "first-ever",
    }
)

_MODALS = frozenset({"will", "would", "could", "may", "might", "shall", "should", "'ll", "wo", "can", "must"})

_NON_FACTUAL_HEADS = frozenset({"of", "for", "toward", "towards", "about", "on", "to"})

_PLACE_NOUNS = frozenset({"capital", "city", "town", "port", "resort"})

_TEMPORAL = frozenset({"after", "while", "during", "upon", "following", "since", "when"})

_GOVERNED = frozenset(
    {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "nsubjpass", "attr", "oprd", "advcl"}
)

_SUBORDINATORS = frozenset({"after", "before", "since", "until", "ahead", "following"})


_PLACE_PREPOSITIONS = frozenset({"in", "at"})

_DATE_REGEX = re.compile(
    rf"\b(?:(?:last|next|this|coming|previous)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    rf"|\b{dates.MONTH_PATTERN}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?\b"
    r"|\b(?:yesterday|today|tonight|tomorrow|the (?:following|next|previous) day|a day (?:later|earlier)|the day before)\b",
    re.IGNORECASE,
)


def is_planned(trigger: Token, governor: Token) -> bool:
    """Is this a planned, hypothetical, negated or merely mentioned meeting?

    Looks at the trigger and climbs the verbs that govern it while they are not finite
    ("expected to hold talks", "plans to meet", "agreed to hold a meeting", "called for
    talks"); a finite verb or a temporal clause ("after receiving X") ends the climb.
    """
    if any(
        c.lower_ in _PLANNED_MODIFIERS for c in trigger.children if c.dep_ in ("amod", "compound", "nummod")
    ):
        return True
    token = trigger
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and _modal_or_negated(token):
            return True
        if token.dep_ in ("pcomp", "pobj") and token.head.lower_ in ("without", "instead"):
            return True  # "ended the summit without meeting X": it did not happen
        if token.dep_ == "pcomp" and token.head.lower_ in _TEMPORAL:
            return False  # "after receiving X": it happened
        if token.tag_ == "VBG" and token.dep_ == "pcomp" and token.head.lower_ in _NON_FACTUAL_HEADS:
            return True  # "the importance of holding talks"
        if token.lower_ in ("ahead", "prior") or (
            token is not trigger and token.lower_ == "before" and token.dep_ == "prep"
        ):
            return True  # "ahead of the summit"
        head = token.head
        if head.i == token.i:
            return False
        if (
            head.pos_ in ("VERB", "AUX")
            and head.lemma_.lower() in _PLANNING_VERBS
            and token.dep_ in _GOVERNED
        ):
            return True
        if token.pos_ in ("VERB", "AUX") and token.tag_ in ("VBD", "VBZ", "VBP"):
            return False  # a finite verb states its clause
        token = head
    return False


def _modal_or_negated(verb: Token) -> bool:
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children):
        return True
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in children):
        return True
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children)


_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night", "noon", "midday"})

# Meeting nouns, and the prepositions that make one the occasion of a clause.
_MEETING_CARRIERS = frozenset(
    {"call", "talks", "talk", "meeting", "conversation", "conference", "videoconference", "session", "visit"}
)
_OCCASION_PREPOSITIONS = frozenset({"during", "in", "at", "over"})

# Nouns of the occasion a meeting is held at: "on the margins of the summit on Friday".
_OCCASION_NOUNS = frozenset({"margin", "margins", "sideline", "sidelines", "fringe", "fringes", "occasion"})

# Nouns a date may hang on and still date the meeting: "on Thursday afternoon", "during
# a phone call on Friday", "on the sidelines of the summit on Friday".
_DATE_CARRIERS = _DAY_PARTS | _MEETING_CARRIERS | _OCCASION_NOUNS


def _is_the_meeting_of(noun: Token, trigger: Token) -> bool:
    """Is ``noun`` the meeting the trigger's clause happened in ("agreed to coordinate during a
    phone call"), not one it talks about ("recalling their talks on May 3")?"""
    if not (
        noun.lemma_.lower() in _MEETING_CARRIERS
        and noun.dep_ == "pobj"
        and noun.head.lower_ in _OCCASION_PREPOSITIONS
        and trigger.is_ancestor(noun)
    ):
        return False
    # Only infinitives and participles between: "X met Y, whom he saw at a meeting on May 3"
    # names another meeting.
    between = noun.head.head
    while between.i != trigger.i:
        if between.dep_ in ("relcl", "ccomp") or between.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return False
        between = between.head
    return True


# Verbs that report what was said: the day they carry is the day of the report.
_REPORTING_VERBS = frozenset({"say", "announce", "report", "state", "add", "disclose", "tell"})


def _attached(
    token: Token, anchor: Token, *, venues: bool = False, names: bool = False, carriers: bool = False
) -> bool:
    """Does ``token`` modify the trigger's clause (not some other noun or verb)?

    With ``venues``, the path may pass through the object of "at"/"in": "held talks
    at the Foreign Ministry in Colombo". With ``names``, through a proper noun: the
    parser hangs "on Friday" on the partner in "talks with X on Friday", and a person
    has no day of their own. With ``carriers``, through a part of the day or a meeting
    noun ("on Thursday afternoon", "during a phone call on Friday").
    """
    # "The conversation, conducted via telephone on June 15,": a participle set off by a comma
    # tells more of the meeting named (one without, "their conversation held on June 17",
    # may single out another).
    targets = {anchor.i} | {
        c.i for c in anchor.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.nbor(-1).text == ","
    }
    child = anchor
    for ancestor in anchor.ancestors:
        if ancestor.lower_ in _SUBORDINATORS:
            break  # "opened the forum on Tuesday, one day after holding talks": not their day
        if child.dep_ in ("ccomp", "parataxis") and ancestor.lemma_.lower() in _REPORTING_VERBS:
            break  # "X and Y held talks, the ministry said Friday": the day of the report
        targets.add(ancestor.i)
        if ancestor.pos_ == "VERB" and ancestor.dep_ in ("acl", "relcl"):
            break  # "On Monday she addressed a row sparked by the leak of a call": not its day
        child = ancestor
    current = token
    for _ in range(8):
        if current.i in targets:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
        if current.i in targets:
            return True
        if carriers and _is_the_meeting_of(current, anchor):
            return True  # "agreed to coordinate during a phone call on Friday": the call's day
        if current.pos_ in ("NOUN", "PROPN"):
            venue = venues and current.dep_ == "pobj" and current.head.lower_ in _PLACE_PREPOSITIONS
            carrier = carriers and current.lemma_.lower() in _DATE_CARRIERS
            # "The two leaders on Friday discussed": the parser hangs the day on the subject.
            subject = current.dep_ == "nsubj" and current.head.i in targets
            if not venue and not carrier and not subject and not (names and current.pos_ == "PROPN"):
                return False
        if current.pos_ in ("VERB", "AUX"):
            return False  # it belongs to another clause: "pledging to speed up projects in X"
    return False


def date_of(
    doc: Doc, trigger: Token, published: str | None, previous_date: str | None, *, reposted: bool = False
) -> tuple[str | None, bool]:
    candidates = [ent for ent in doc.ents if ent.label_ == "DATE"]
    for match in _DATE_REGEX.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not any(e.start <= span.start < e.end for e in candidates):
            candidates.append(span)
    for span in sorted(candidates, key=lambda s: abs(s.root.i - trigger.i)):
        if not _attached(span.root, trigger, names=True, carriers=True):
            continue
        text = span.text
        # "the following day" is dated by another event; "last week", "earlier this month"
        # place the meeting at another time than the one reported: both are other events.
        relative = bool(
            re.search(
                r"following|next day|previous day|day before|day later|day earlier"
                r"|\blast (?:week|month|year)\b|\bearlier this (?:week|month|year)\b|\bago\b",
                text,
                re.I,
            )
        )
        day = dates.resolve(text, published, anchor=previous_date, reposted=reposted)
        if day is not None or relative:
            return day, relative
    return None, False


def location_of(
    doc: Doc, trigger: Token, country_spans: tuple[tuple[int, int], ...], capitals: frozenset[str]
) -> str | None:
    """The place the trigger's clause names with "in"/"at": a city before a region."""
    countries = set(country_spans)
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC") or (ent.start, ent.end) in countries:
            continue  # a building ("Hotel de Brienne") is a venue, not the city
        preposition = ent.root.head
        if preposition.lemma_.lower() in _PLACE_NOUNS:
            preposition = preposition.head  # "in the capital Ankara"
        if preposition.lower_ not in _PLACE_PREPOSITIONS or not _attached(
            preposition, trigger, venues=True, names=True
        ):
            continue
        name = " ".join(ent.text.split())
        if name.lower().startswith("the "):
            name = name[4:]
        rank = 0 if ent.label_ == "GPE" else 1
        found.append((rank, ent.start, name.title() if name.isupper() else name))
    for token in doc:
        # A capital inside a longer name: "at the Foreign Ministry in Colombo".
        if token.lower_ in capitals and token.head.lower_ in _PLACE_PREPOSITIONS:
            if _attached(token.head, trigger, venues=True, names=True):
                found.append((0, token.i, token.text.title() if token.text.isupper() else token.text))
    return min(found)[2] if found else None


# Verbs of talking that, with no place and no meeting word, report a call: readouts say
# "X spoke with Y" of a phone call and "X met Y" of a meeting.
_REMOTE_TALK_VERBS = frozenset({"speak", "talk", "converse"})


def _speaks_about_a_subject(verb: Token) -> bool:
    """ "They also spoke on the work required": what was said at a meeting, not a call
    ("spoke on Tuesday" names a day, "spoke with X" a counterpart: those can be calls)."""
    if any(c.dep_ == "prep" and c.lower_ in ("with", "to") for c in verb.children):
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("on", "about")
        and any(o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME") for o in c.children)
        for c in verb.children
    )


def mode_of(doc: Doc, trigger: Token, governor: Token, kind: MeetingKind, triggers: Triggers) -> Mode | None:
    phone, video = triggers.phone_words, triggers.video_words
    nearby = {t.lower_ for t in trigger.subtree} | {t.lower_ for t in governor.children}
    nearby |= {t.lower_ for c in governor.children if c.dep_ == "prep" for t in c.subtree}
    if kind is MeetingKind.CALL:
        return Mode.VIDEO if nearby & (video - {"call"}) else Mode.PHONE
    if (
        trigger.pos_ == "VERB"
        and trigger.lemma_.lower() in _REMOTE_TALK_VERBS
        and not any(c.dep_ == "prep" and c.lower_ in _PLACE_PREPOSITIONS for c in trigger.children)
        and not _speaks_about_a_subject(trigger)
        and not nearby & video
        and not any(
            ent.label_ in ("GPE", "FAC") for ent in doc.ents if ent.root.head.lower_ in _PLACE_PREPOSITIONS
        )
    ):
        return Mode.PHONE
    if (
        nearby & video
        or "video" in doc.text.lower()
        and kind in (MeetingKind.CALL, MeetingKind.TALKS, MeetingKind.MEETING)
        and "video" in {t.lower_ for t in governor.subtree}
    ):
        return Mode.VIDEO
    if nearby & (phone - {"call"}):
        return Mode.PHONE
    if kind in (
        MeetingKind.COURTESY_CALL,
        MeetingKind.CREDENTIALS,
        MeetingKind.RECEPTION,
        MeetingKind.SUMMIT,
    ):
        return Mode.IN_PERSON
    return None
