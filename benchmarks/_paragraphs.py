"""Paragraphs of an article about one event: lead, details, quotes, background, plans.

Each function returns one paragraph written from many templates. ``Scene`` holds what
they share: the event, the article's date, its dateline, the random generator and the
``Mentions`` that remember who has been introduced.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from benchmarks import _phrases as P
from benchmarks._mentions import (
    Mentions,
    date_phrase,
    demonym,
    listing,
    money,
    ordinal,
    place_phrase,
    topic_phrase,
    weekday,
)
from benchmarks._vocabulary import Country, Reference
from benchmarks._world import Event, Meeting, Person

# Templates with these words speak of a visit: not for calls or statements.
_IN_PERSON_WORDS = ("visit", "welcome", "lunch", "neighbours")


@dataclass
class Scene:
    event: Event
    published: dt.date | None
    dateline: str | None
    rng: random.Random
    reference: Reference
    mentions: Mentions
    subject: Person  # the reporting country's side, written first
    other: Person
    used: set[str] = field(default_factory=set)
    meetings_reported: int = 0  # meetings reported by context sentences

    def country(self, code: str) -> Country:
        return self.reference.country(code)

    def topics(self, count: int | None = None) -> str:
        chosen = list(self.event.topics)[: count or len(self.event.topics)]
        return listing([topic_phrase(self.rng, self.reference, t) for t in chosen])

    def topic(self) -> str:
        return topic_phrase(self.rng, self.reference, self.rng.choice(self.event.topics))

    def pick(self, options: tuple[str, ...]) -> str:
        """A template not used yet in this article, when one is left (and that fits the meeting)."""
        if self.event.main.kind in ("call", "video", "none"):
            options = tuple(o for o in options if not any(w in o for w in _IN_PERSON_WORDS)) or options
        fresh = [o for o in options if o not in self.used] or list(options)
        choice = self.rng.choice(fresh)
        self.used.add(choice)
        return choice


def finish(text: str) -> str:
    """Tidy punctuation left by optional parts and capitalise every sentence."""
    text = re.sub(r",\s*([.,;:])", r"\1", text)
    text = re.sub(r"\s+([.,;:])", r"\1", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return re.sub(r'(^|[.!?]["”]?\s+)([a-z])', lambda m: m.group(1) + m.group(2).upper(), text)


def _fill(scene: Scene, template: str, **values: str) -> str:
    return finish(template.format(**values))


def _attribution(scene: Scene, person: Person) -> str:
    country = scene.country(person.country)
    dem = demonym(country) or country.label
    return scene.pick(P.ATTRIBUTIONS).format(dem=dem, poss=country.possessive)


def _agreement(scene: Scene) -> str:
    return scene.pick(P.AGREEMENTS).format(
        t1=scene.topic(), t2=scene.topic(), money=money(scene.rng), year=scene.rng.randint(2027, 2032)
    )


def _verb(scene: Scene, meeting: Meeting, subject_is_host: bool, other: str) -> str:
    """The predicate of a meeting with its object: "held talks with X", "called on X"."""
    kind = meeting.kind
    if kind in ("courtesy", "credentials"):
        table = P.VERBS[f"{kind}_{'host' if subject_is_host else 'guest'}"]
    elif kind in P.VERBS:
        table = P.VERBS[kind]
    else:
        table = P.VERBS["host" if subject_is_host else "guest"]
    subject = meeting.host if subject_is_host else meeting.guest
    return scene.pick(table).format(
        B=other, his=scene.mentions.his(subject), forum=meeting.forum or "", city=meeting.city or ""
    )


def _plural(person: Person) -> str:
    return P.PLURALS.get(person.role, "officials")


def lead(scene: Scene) -> str:
    """The first paragraph: who met whom, when, where, and what about."""
    meeting = scene.event.main
    if meeting.kind == "none":
        return _statement_lead(scene)
    mentions = scene.mentions
    subject_is_host = scene.subject is meeting.host
    when = date_phrase(scene.rng, meeting.day, scene.published)
    where = _place(scene, meeting)
    status_a = meeting.guest_status if scene.subject is meeting.guest else None
    status_b = meeting.guest_status if scene.other is meeting.guest else None
    values = {
        "date": when,
        "place": where,
        "topics": scene.topics(),
        "attrib": _attribution(scene, scene.subject),
    }
    pair = meeting.kind not in ("courtesy", "credentials") and scene.rng.random() < 0.3
    if pair:
        a = mentions.intro(scene.subject, status=status_a)
        b = mentions.intro(scene.other, status=status_b)
        verb = scene.pick(P.PAIR_VERBS[meeting.kind if meeting.kind in P.PAIR_VERBS else "talks"])
        values.update(A=a, B=b, P=verb.format(forum=meeting.forum or ""), agree=_agreement(scene))
        leads = P.PAIR_LEADS if meeting.city else tuple(t for t in P.PAIR_LEADS if "talks{place}" not in t)
        return _fill(scene, scene.pick(leads), **values)
    a = mentions.intro(scene.subject, status=status_a)
    b = mentions.intro(scene.other, counterpart=scene.subject, status=status_b)
    values.update(A=a, V=_verb(scene, meeting, subject_is_host, b), agree=_agreement(scene))
    templates = P.LEADS + (P.VISITOR_LEADS if not subject_is_host and meeting.city else ())
    host_country = scene.country(meeting.host.country)
    values.update(host=host_country.in_text, n=str(scene.rng.randint(2, 5)))
    return _fill(scene, scene.pick(templates), **values)


def _place(scene: Scene, meeting: Meeting) -> str:
    if meeting.city is None or meeting.forum:
        return ""
    return place_phrase(scene.rng, scene.reference, meeting.city, meeting.host.country, scene.dateline)


def _statement_lead(scene: Scene) -> str:
    meeting = scene.event.main
    a = scene.mentions.intro(meeting.host)
    when = date_phrase(scene.rng, meeting.day, scene.published)
    return _fill(
        scene,
        scene.pick(P.STATEMENT_LEADS),
        A=a,
        date=when,
        t1=scene.topic(),
        topics=scene.topics(2),
        money=money(scene.rng),
        country=scene.country(meeting.host.country).in_text,
        attrib=_attribution(scene, meeting.host),
    )


def details(scene: Scene) -> str:
    """A paragraph on the course of the meeting."""
    meeting = scene.event.main
    a, b = scene.mentions.ref(scene.subject), scene.mentions.ref(scene.other)
    host, guest = scene.country(meeting.host.country), scene.country(meeting.guest.country)
    template = scene.pick(P.DETAILS)
    leader = _leader_of(scene, scene.other) if "{third}" in template else None
    third = scene.mentions.intro(leader) if leader is not None else "the leadership"
    values = {
        "A": a,
        "B": b,
        "G": guest.in_text,
        "H": host.in_text,
        "H_poss": host.possessive,
        "his": scene.mentions.his(scene.other),
        "n": str(scene.rng.choice((20, 25, 30, 40, 45, 50, 60, 90))),
        "what": "call" if meeting.kind in ("call", "video") else "meeting",
        "third": third,
        "topics": scene.topics(),
        "t1": scene.topic(),
        "frag": scene.pick(P.PRAISE).format(H=host.in_text, t=scene.topic()),
        "attrib": _attribution(scene, scene.subject),
        "plural": _plural(scene.subject),
        "ministry": f"{scene.country(scene.subject.country).possessive} foreign ministry",
    }
    return _fill(scene, template, **values)


def _leader_of(scene: Scene, person: Person) -> Person | None:
    if person.role in ("head_of_state", "head_of_government"):
        return None
    world = scene.mentions.world
    return world.holder(person.country, world.leader_role(scene.rng, person.country), scene.event.main.day)


def quote(scene: Scene, speaker: Person) -> str:
    """A quotation, direct or reported, from one of the participants."""
    partner = scene.other if speaker is scene.subject else scene.subject
    own, theirs = scene.country(speaker.country), scene.country(partner.country)
    values = {
        "H": own.in_text,
        "G": theirs.in_text,
        "t": scene.topic(),
        "Gdem": demonym(theirs) or theirs.label,
    }
    first = scene.pick(P.QUOTES).format(**values)
    second = scene.pick(P.QUOTES).format(**values)
    open_, close = ("“", "”") if scene.rng.random() < 0.3 else ('"', '"')
    frame = scene.pick(P.QUOTE_FRAMES)
    text = frame.format(
        S=scene.mentions.ref(speaker),
        q=first,
        q2=second,
        o=open_,
        c=close,
        indirect=scene.pick(P.INDIRECT).format(**values),
        pron=scene.mentions.pronoun(speaker),
    )
    return finish(text)


def background(scene: Scene) -> str:
    """A background paragraph of one or two sentences: trade, history, people, economy."""
    meeting = scene.event.main
    host, guest = scene.country(meeting.host.country), scene.country(meeting.guest.country)
    rng = scene.rng
    visitor = scene.mentions.form(meeting.guest)
    values = {
        "H": host.in_text,
        "G": guest.in_text,
        "H_poss": host.possessive,
        "G_poss": guest.possessive,
        "Hdem": demonym(host) or host.label,
        "Gdem": demonym(guest) or guest.label,
        "H_cap": host.capital,
        "G_cap": guest.capital,
        "role": visitor if visitor.isupper() else visitor.lower(),
        "year": str(rng.randint(1948, 2015)),
        "recent": str(rng.randint(2016, 2024)),
        "money": money(rng),
        "n": str(rng.randint(2, 40)),
        "nth": ordinal(rng.randint(2, 40)),
        "big": f"{rng.randint(2, 900):,}",
        "pct": str(rng.randint(3, 45)),
        "anniversary": ordinal(rng.choice((25, 30, 40, 50, 60, 70, 75))),
        "t": scene.topic(),
        "goods": rng.choice(P.GOODS),
        "month": rng.choice(("January", "March", "May", "July", "September", "November")),
    }
    sentences = [scene.pick(P.BACKGROUND) for _ in range(rng.choice((1, 1, 2)))]
    return _fill(scene, " ".join(sentences), **values)


def career(scene: Scene, person: Person) -> str:
    """A sentence on someone's earlier post (a former office)."""
    other = scene.country(scene.mentions.world.pick_country(scene.rng, exclude=(person.country,)))
    own = scene.country(person.country)
    return _fill(
        scene,
        scene.pick(P.CAREERS),
        S=scene.mentions.ref(person),
        poss=own.possessive,
        other=other.in_text,
        his=scene.mentions.his(person),
        year=str(scene.rng.randint(2012, 2023)),
        month=scene.pick(("January", "April", "June", "August", "October", "December")),
        city=other.capital,
    )


def present(scene: Scene) -> str | None:
    people = [scene.mentions.intro(p) for p in scene.event.present]
    if not people:
        return None
    were = "were" if len(people) > 1 else "was"
    return _fill(scene, scene.pick(P.PRESENT), people=listing(people), were=were)


def second_meeting(scene: Scene) -> str | None:
    """The guest's other meeting of the same visit."""
    extra = scene.event.extra
    if extra is None:
        return None
    same_day = extra.day == scene.event.main.day
    template = scene.pick(P.EXTRA_SAME_DAY if same_day else P.EXTRA_NEXT_DAY)
    return _fill(
        scene,
        template,
        B=scene.mentions.ref(extra.guest),
        X=scene.mentions.ref(extra.host),
        t=scene.topic(),
        weekday=weekday(extra.day),
        his=scene.mentions.his(extra.guest),
    )


def plans(scene: Scene) -> str | None:
    """A meeting announced for later (not a meeting that took place)."""
    planned = scene.event.planned
    if planned is None:
        return None
    if planned.forum:
        return _fill(
            scene,
            scene.pick(P.PLANNED_FORUM),
            forum=planned.forum,
            city=planned.city or "",
            plural=_plural(planned.host),
        )
    main = scene.event.main
    again = planned.host.key in (main.host.key, main.guest.key)  # a return visit of the same pair
    return _fill(
        scene,
        scene.pick(P.PLANNED_RETURN if again else P.PLANNED_VISIT),
        P=scene.mentions.ref(planned.guest),
        X=scene.mentions.ref(planned.host),
        city=planned.city or "",
        country=scene.country(planned.host.country).in_text,
        weekday=weekday(planned.day),
    )


def spokesperson(scene: Scene) -> str:
    """A foreign ministry spokesperson's comment at a regular briefing."""
    world = scene.mentions.world
    person = world.holder(scene.subject.country, "foreign_ministry_spokesperson", scene.event.main.day)
    partner = scene.country(scene.other.country)
    return _fill(
        scene,
        scene.pick(P.SPOKESPERSON),
        S=scene.mentions.intro(person),
        G=partner.in_text,
        t=scene.topic(),
        pron=scene.mentions.pronoun(person),
    )
