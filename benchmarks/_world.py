"""The invented world the articles report on: office holders and meetings.

Every value is a pure function of the seed and a key (country, role, article index), so
article *i* is the same whatever N is and in whatever order articles are written. Office
holders change once in a while (a successor takes over on a date), which gives former,
elect and current holders across the corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from functools import lru_cache

from benchmarks._names import Name, make_name
from benchmarks._vocabulary import Reference, Title, Topic

FIRST_DAY = dt.date(2024, 1, 2)
LAST_DAY = dt.date(2025, 12, 20)

MONARCHS = {
    "GB": "king", "JP": "emperor", "SA": "king", "JO": "king", "MA": "king", "ES": "king",
    "NL": "king", "BE": "king", "SE": "king", "NO": "king", "DK": "king", "TH": "king",
    "BH": "king", "KW": "emir", "QA": "emir", "OM": "sultan", "BN": "sultan", "MY": "king",
    "LS": "king", "SZ": "king", "TO": "king", "BT": "king", "KH": "king",
}  # fmt: skip
_NO_HEAD_OF_STATE = frozenset({"AD", "LI", "MC", "VA"})
# Presidential systems: the president leads; there is no prime minister.
PRESIDENTIAL = frozenset(
    "US BR MX AR CL CO PE EC BO PY UY VE CR PA GT HN SV NI DO ID PH NG GH KE ZA CY AF "
    "ZM ZW MW BW NA LR SL GM BJ SS KR".split()
)
COMMONWEALTH = frozenset(
    "GB AU CA NZ IN PK BD LK MY SG ZA NG GH KE UG TZ ZM MW BW NA JM TT BB BS BZ GY CY MT "
    "FJ PG SB VU WS TO KI MV MU SC RW CM MZ GM SL LS SZ".split()
)
_CROWN_PRINCES = frozenset("SA KW AE BH JO QA".split())
_FOREIGN_SECRETARIES = frozenset("IN PK BD LK NP".split())
# Countries that are in the news often (weight 6), sometimes (3), the rest (1).
_PROMINENT = frozenset("US CN JP IN DE FR GB RU KR BR TR SA AU CA ID IT UA IL EG AE".split())
_REGIONAL = frozenset(
    "ES NL PL MX AR ZA NG KE ET IR PK BD VN TH MY PH SG KZ QA KW OM JO MA DZ CH SE NO "
    "GR PT HU CZ RO AT BE DK FI IE NZ CL CO PE LK NP UZ AZ GE AM".split()
)

SECTOR_ROLES = (
    "defence_minister",
    "trade_minister",
    "finance_minister",
    "energy_minister",
    "economy_minister",
    "interior_minister",
)


def derive(seed: int, *key: object) -> random.Random:
    """A random generator seeded by the seed and a key (stable across processes)."""
    blob = repr((seed, *key)).encode("utf-8")
    return random.Random(int.from_bytes(hashlib.sha256(blob).digest()[:8], "big"))


@dataclass(frozen=True)
class Person:
    name: Name
    country: str
    role: str
    title: Title
    host: str | None  # ambassadors: the receiving country
    term: int  # 0 the holder at the start of the period, 1 the successor

    @property
    def key(self) -> tuple[str, str, str | None, int]:
        return (self.country, self.role, self.host, self.term)


@dataclass(frozen=True)
class Meeting:
    kind: str  # talks, call, video, courtesy, credentials, sidelines, dialogue
    host: Person
    guest: Person
    day: dt.date
    city: str | None  # None for calls
    forum: str | None  # "the G20 summit" for meetings on the sidelines
    guest_status: str | None = None  # "elect": the guest takes office later


@dataclass(frozen=True)
class Event:
    """What an article reports: a main meeting, maybe a second one and a planned one."""

    index: int
    home: str  # the country whose press reports it
    main: Meeting
    extra: Meeting | None
    planned: Meeting | None
    topics: tuple[Topic, ...]
    present: tuple[Person, ...]  # others who attended


FORUMS = (
    ("the G20 summit", "Rio de Janeiro"),
    ("the UN General Assembly", "New York"),
    ("the ASEAN Regional Forum", "Vientiane"),
    ("the NATO summit", "Washington"),
    ("the BRICS summit", "Kazan"),
    ("the G7 foreign ministers' meeting", "Capri"),
    ("the Munich Security Conference", "Munich"),
    ("the World Economic Forum", "Davos"),
    ("the Shangri-La Dialogue", "Singapore"),
    ("the APEC leaders' meeting", "Lima"),
    ("the COP29 climate conference", "Baku"),
    ("the Raisina Dialogue", "New Delhi"),
    ("the East Asia Summit", "Kuala Lumpur"),
    ("the SCO summit", "Astana"),
    ("the Commonwealth Heads of Government Meeting", "Apia"),
    ("the African Union summit", "Addis Ababa"),
    ("the OIC Council of Foreign Ministers", "Yaounde"),
    ("the Antalya Diplomacy Forum", "Antalya"),
)


class World:
    """Office holders and events of one seed, built on demand and cached."""

    def __init__(self, reference: Reference, seed: int) -> None:
        self.reference = reference
        self.seed = seed
        self.codes = tuple(c.code for c in reference.countries)
        self._weights = tuple(_prominence(code) for code in self.codes)

    def pick_country(self, rng: random.Random, exclude: tuple[str, ...] = ()) -> str:
        while True:
            code = rng.choices(self.codes, weights=self._weights)[0]
            if code not in exclude:
                return code

    def roles_of(self, country: str) -> tuple[str, ...]:
        roles = ["foreign_minister", "deputy_foreign_minister", "national_security_adviser", *SECTOR_ROLES]
        if country not in _NO_HEAD_OF_STATE:
            roles.append("head_of_state")
        if country not in PRESIDENTIAL:
            roles.append("head_of_government")
        if country in _CROWN_PRINCES:
            roles.append("crown_prince")
        if country in _FOREIGN_SECRETARIES:
            roles.append("foreign_secretary")
        if country == "JP":
            roles.append("chief_cabinet_secretary")
        return tuple(roles)

    def leader_role(self, rng: random.Random, country: str) -> str:
        roles = self.roles_of(country)
        if "head_of_government" in roles and (country in MONARCHS or rng.random() < 0.6):
            return "head_of_government"
        return "head_of_state" if "head_of_state" in roles else "foreign_minister"

    def holder(self, country: str, role: str, day: dt.date, host: str | None = None) -> Person:
        """Who holds the office on ``day``."""
        change = self.change_day(country, role, host)
        term = 1 if change is not None and day >= change else 0
        return self.person(country, role, host, term)

    def change_day(self, country: str, role: str, host: str | None) -> dt.date | None:
        rng = derive(self.seed, "change", country, role, host)
        if rng.random() >= 0.3:
            return None
        return FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))

    def person(self, country: str, role: str, host: str | None, term: int) -> Person:
        return _person(self, country, role, host, term)

    def title_for(self, rng: random.Random, country: str, role: str, host: str | None) -> Title:
        titles = [t for t in self.reference.titles if t.role == role]
        if role == "head_of_state":
            key = MONARCHS.get(country, "president")
            return next(t for t in titles if t.key == key)
        if role == "ambassador" and host in COMMONWEALTH and country in COMMONWEALTH:
            return next(t for t in titles if t.key == "high-commissioner")
        own = [t for t in titles if country in t.countries]
        general = [t for t in titles if not t.countries and t.key != "high-commissioner"]
        if own and (not general or rng.random() < 0.85):
            return rng.choice(own)
        return rng.choice(general or own)


@lru_cache(maxsize=65536)
def _person(world: World, country: str, role: str, host: str | None, term: int) -> Person:
    rng = derive(world.seed, "person", country, role, host, term)
    name = make_name(rng, country)
    title = world.title_for(rng, country, role, host)
    if title.key == "king" and name.female:
        title = next(t for t in world.reference.titles if t.key == "queen")
    return Person(name, country, role, title, host, term)


def _prominence(code: str) -> int:
    if code in _PROMINENT:
        return 6
    return 3 if code in _REGIONAL else 1
