"""Events: who met whom, when, where, about what; a pure function of (seed, index)."""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache

from benchmarks._vocabulary import Topic
from benchmarks._world import (
    FIRST_DAY,
    FORUMS,
    LAST_DAY,
    SECTOR_ROLES,
    Event,
    Meeting,
    Person,
    World,
    derive,
)

# Kinds of main meeting and how often each is reported.
_KINDS = (
    ("talks", 34),
    ("call", 14),
    ("video", 5),
    ("courtesy", 10),
    ("credentials", 5),
    ("sidelines", 9),
    ("dialogue", 6),
    ("cross", 9),
    ("none", 8),  # no bilateral meeting: statements, domestic news
)


def make_event(world: World, index: int, home: str) -> Event:
    """The event article ``index`` reports; ``home`` is the reporting country."""
    rng = derive(world.seed, "event", index)
    partner = world.pick_country(rng, exclude=(home,))
    kind = rng.choices([k for k, _ in _KINDS], weights=[w for _, w in _KINDS])[0]
    day = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    host, guest = (home, partner) if rng.random() < 0.55 else (partner, home)
    main = _meeting(world, rng, kind, host, guest, day)
    extra = (
        _extra(world, rng, main) if kind in ("talks", "dialogue", "cross") and rng.random() < 0.3 else None
    )
    planned = _planned(world, rng, main) if rng.random() < 0.35 else None
    topics = pick_topics(world, rng, (host, guest), rng.randint(2, 4))
    present = _present(world, rng, main) if main.city and rng.random() < 0.35 else ()
    return Event(index, home, main, extra, planned, topics, present)


def _meeting(world: World, rng: random.Random, kind: str, host: str, guest: str, day: dt.date) -> Meeting:
    capital = world.reference.country(host).capital
    if kind == "none":
        person = world.holder(host, rng.choice(("foreign_minister", world.leader_role(rng, host))), day)
        other = world.holder(guest, "foreign_minister", day)
        return Meeting("none", person, other, day, capital, None)
    if kind in ("courtesy", "credentials"):
        envoy = world.holder(guest, "ambassador", day, host=host)
        if kind == "credentials":
            receiver = world.holder(
                host, "head_of_state" if "head_of_state" in world.roles_of(host) else "foreign_minister", day
            )
        else:
            role = rng.choice(
                ("foreign_minister", "foreign_minister", world.leader_role(rng, host), *SECTOR_ROLES[:3])
            )
            receiver = world.holder(host, role, day)
        return Meeting(kind, receiver, envoy, day, capital, None)
    if kind == "cross":
        return Meeting(
            "talks",
            world.holder(host, world.leader_role(rng, host), day),
            world.holder(guest, "foreign_minister", day),
            day,
            capital,
            None,
        )
    roles = _pair_roles(world, rng, kind, host, guest)
    host_person = world.holder(host, roles[0], day)
    guest_person, status = _guest(world, kind, guest, roles[1], day)
    if kind in ("call", "video"):
        return Meeting(kind, host_person, guest_person, day, None, None, status)
    if kind == "sidelines":
        forum, city = rng.choice(FORUMS)
        return Meeting(kind, host_person, guest_person, day, city, forum)
    return Meeting(kind, host_person, guest_person, day, capital, None)


def _pair_roles(world: World, rng: random.Random, kind: str, host: str, guest: str) -> tuple[str, str]:
    if kind == "dialogue":
        role = rng.choice(("national_security_adviser", "deputy_foreign_minister", "deputy_foreign_minister"))
        return role, role
    draw = rng.random()
    if kind in ("talks", "call", "sidelines") and draw < 0.45:
        return world.leader_role(rng, host), world.leader_role(rng, guest)
    if draw < 0.8 or kind == "call":
        return "foreign_minister", "foreign_minister"
    role = rng.choice(SECTOR_ROLES)
    return role, role


def _guest(world: World, kind: str, country: str, role: str, day: dt.date) -> tuple[Person, str | None]:
    """The guest; a leader-elect when a new leader takes office within six weeks."""
    change = world.change_day(country, role, None)
    if (
        kind == "call"
        and role in ("head_of_state", "head_of_government")
        and change is not None
        and dt.timedelta(0) < change - day <= dt.timedelta(days=42)
    ):
        return world.person(country, role, None, 1), "elect"
    return world.holder(country, role, day), None


def _extra(world: World, rng: random.Random, main: Meeting) -> Meeting:
    """The guest's second meeting of the visit (the host's leader or another minister)."""
    host = main.host.country
    choices = [
        r
        for r in (world.leader_role(rng, host), "foreign_minister", *SECTOR_ROLES[:2])
        if r != main.host.role
    ]
    other = world.holder(host, rng.choice(choices), main.day)
    day = main.day + dt.timedelta(days=rng.choice((0, 0, 1)))
    kind = "courtesy" if main.guest.role != other.role and rng.random() < 0.5 else "talks"
    return Meeting(kind, other, main.guest, day, main.city, None)


def _planned(world: World, rng: random.Random, main: Meeting) -> Meeting:
    """A meeting the article announces for later."""
    day = main.day + dt.timedelta(days=rng.randint(1, 40))
    if rng.random() < 0.5:
        forum, city = rng.choice(FORUMS)
        return Meeting("sidelines", main.host, main.guest, day, city, forum)
    host = main.guest.country
    role = world.leader_role(rng, host)
    visitor = main.host
    return Meeting(
        "talks", world.holder(host, role, day), visitor, day, world.reference.country(host).capital, None
    )


def _present(world: World, rng: random.Random, main: Meeting) -> tuple[Person, ...]:
    host, guest = main.host.country, main.guest.country
    people = [
        world.holder(guest, "ambassador", main.day, host=host),
        world.holder(host, rng.choice(("deputy_foreign_minister", *SECTOR_ROLES[:3])), main.day),
    ]
    if main.guest.role == "ambassador":
        people = people[1:]
    return tuple(people[: rng.randint(1, len(people))])


def pick_topics(
    world: World, rng: random.Random, countries: tuple[str, ...], count: int
) -> tuple[Topic, ...]:
    """Topics a meeting between ``countries`` could discuss (no other country's bilateral topics)."""
    usable = [t for t in world.reference.topics if _fits(world, t, countries)]
    rng.shuffle(usable)
    return tuple(usable[:count])


def _fits(world: World, topic: Topic, countries: tuple[str, ...]) -> bool:
    if topic.about_country in countries:
        return False
    named = _countries_named(world, topic.pref_label)
    return not named or bool(named & set(countries))


@lru_cache(maxsize=1024)
def _countries_named(world: World, label: str) -> frozenset[str]:
    words = set(label.replace("-", " ").split())
    named = set()
    for country in world.reference.countries:
        if {country.label, *country.alt_labels, *country.demonyms} & words:
            named.add(country.code)
    return frozenset(named)
