"""How an article writes people, titles, dates, places and topics.

``Mentions`` keeps, per article, who was already introduced: the first mention carries
the title and the full name ("Japanese Foreign Minister Kenji Morioka", "Kenji Morioka,
Japan's foreign minister,"), later ones a short form ("Morioka", "Mr Morioka", "the
minister", "FM Morioka").
"""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache

from benchmarks._vocabulary import Country, Reference, Title, Topic
from benchmarks._world import Person, World

_SMALL_WORDS = frozenset({"of", "for", "and", "the", "to", "on"})
_ACRONYMS = frozenset({"mea"})
_DESCRIPTIVE = frozenset(
    {"top diplomat", "pentagon chief", "top government spokesman", "top government spokesperson"}
)
_GULF_ROYALS = frozenset({"KW", "QA", "AE", "BH"})
_VENUES = {
    "DE": ("the Chancellery", "the Federal Foreign Office"),
    "IN": ("Hyderabad House", "Jawaharlal Nehru Bhawan"),
    "GB": ("10 Downing Street", "the Foreign Office", "Lancaster House"),
    "US": ("the White House", "the State Department", "the Pentagon"),
    "FR": ("the Elysee Palace", "the Quai d'Orsay"),
    "JP": ("the Prime Minister's Office", "the Iikura Guest House"),
    "CN": ("the Great Hall of the People", "the Diaoyutai State Guesthouse"),
    "RU": ("the Kremlin", "the Foreign Ministry's mansion on Spiridonovka Street"),
    "BR": ("the Planalto Palace", "Itamaraty Palace"),
    "TR": ("the Presidential Complex", "the Dolmabahce Presidential Office"),
    "KR": ("the presidential office", "the foreign ministry headquarters"),
    "AU": ("Parliament House",),
    "ID": ("the Pancasila Building", "the Merdeka Palace"),
    "KW": ("Bayan Palace",),
    "SA": ("Al-Yamamah Palace",),
    "EG": ("Al-Ittihadiya Palace", "Tahrir Palace"),
}
_GENERIC_VENUES = (
    "the Foreign Ministry",
    "the Ministry of Foreign Affairs",
    "the presidential palace",
    "the Prime Minister's Office",
    "the government headquarters",
    "a state guesthouse",
)
_MONTHS = ("January February March April May June July August September October November December").split()
_MONTHS_SHORT = ("Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.").split()
_WEEKDAYS = ("Monday Tuesday Wednesday Thursday Friday Saturday Sunday").split()


def display_form(form: str) -> str:
    """A title form as written before a name: "Foreign Minister", "PM", "Amb."."""
    if form in _DESCRIPTIVE:
        return form.replace("pentagon", "Pentagon")
    if form == "amb.":
        return "Amb."
    words = []
    for index, word in enumerate(form.split()):
        if any(c.isupper() for c in word) or word in _ACRONYMS:
            words.append(word.upper() if word in _ACRONYMS else word)
        elif word in _SMALL_WORDS and index > 0:
            words.append(word)
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(words)


def choose_form(
    rng: random.Random, title: Title, *, abbreviations: bool, female: bool = False, country: str | None = None
) -> str:
    """A surface form of a title; abbreviations ("PM", "FM") only when asked for.

    Forms that do not fit the person are left out: "spokeswoman" for a man, "MEA
    spokesperson" outside India. The shortest forms are the usual ones and come first.
    """
    forms = [f for f in title.forms if _fits(f, female, country)]
    plain = sorted(
        (f for f in forms if not f.isupper() and f not in _DESCRIPTIVE and f != "amb."),
        key=lambda f: (len(f.split()), f),
    )
    short = [f for f in forms if f.isupper() or f == "amb."]
    if abbreviations and short and rng.random() < 0.5:
        return rng.choice(short)
    if not plain:
        return forms[0] if forms else title.forms[0]
    usual = _usual_form(title)
    weights = [
        12.0 if form == usual else (0.3 if "-" in form else 2) / (rank + 1) for rank, form in enumerate(plain)
    ]
    return rng.choices(plain, weights=weights)[0]


def _usual_form(title: Title) -> str | None:
    """The form that names the title ("prime minister" for title:prime-minister)."""
    spelled = title.key.replace("-", " ")
    candidates = [f for f in title.forms if spelled.endswith(f.lower())]
    return max(candidates, key=len) if candidates else None


def _fits(form: str, female: bool, country: str | None) -> bool:
    words = form.lower().split()
    if ("spokeswoman" in words and not female) or ("spokesman" in words and female):
        return False
    return not (words[0] in ("mea", "mos") and country != "IN")


def demonym(country: Country) -> str | None:
    return country.demonyms[0] if country.demonyms else None


class Mentions:
    """Writes the people of one article, first mentions then short references."""

    def __init__(self, rng: random.Random, world: World, reporter: str) -> None:
        self.rng = rng
        self.world = world
        self.reference = world.reference
        self.reporter = reporter
        self._forms: dict[tuple[str, str, str | None, int], str] = {}
        self._introduced: set[tuple[str, str, str | None, int]] = set()

    def form(self, person: Person) -> str:
        """The title form this article uses for ``person`` (fixed for the article)."""
        if person.key not in self._forms:
            self._forms[person.key] = choose_form(
                self.rng, person.title, abbreviations=False, female=person.name.female, country=person.country
            )
        return self._forms[person.key]

    def noun(self, person: Person) -> str:
        """ "the minister", "the chancellor", "the envoy"."""
        form = self.form(person).lower()
        if person.role == "ambassador":
            return "the " + self.rng.choice(("ambassador", "envoy", "diplomat"))
        if "minister" in form.split() and (len(form.split()) > 2 or self.rng.random() < 0.5):
            return "the minister"
        if len(form.split()) > 3 or form.isupper():
            return (
                "the " + form.split()[0] if form.split()[0] in ("secretary", "chancellor") else "the official"
            )
        return "the " + form

    def pronoun(self, person: Person) -> str:
        return "she" if person.name.female else "he"

    def his(self, person: Person) -> str:
        return "her" if person.name.female else "his"

    def intro(self, person: Person, *, counterpart: Person | None = None, status: str | None = None) -> str:
        """The first mention: title, country and full name, in one of many orders."""
        self._introduced.add(person.key)
        country = self.reference.country(person.country)
        title = display_form(self.form(person))
        lower = self.form(person).lower() if not self.form(person).isupper() else title
        if status:
            title, lower = f"{title}-{status}", f"{lower}-{status}"
        full = self._honorific(person) + person.name.full
        if person.role == "ambassador":
            return self._envoy(person, title, full)
        dem = demonym(country)
        options: list[tuple[float, str]] = [
            (3, f"{country.possessive} {title} {full}"),
            (3 if person.country == self.reporter else 0.4, f"{title} {full}"),
            (1.5, f"{full}, {country.possessive} {lower},"),
            (0.5, f"{country.label} {title} {full}"),
        ]
        if dem:
            options += [(5, f"{dem} {title} {full}"), (1, f"{full}, the {dem} {lower},")]
        if counterpart is not None and counterpart.role == person.role and dem:
            options += [(4, f"{self.his(counterpart)} {dem} counterpart {full}")]
        descriptive = sorted(f for f in person.title.forms if f in _DESCRIPTIVE)
        if descriptive:
            options.append((1, f"{country.possessive} {descriptive[0]} {full}"))
        return self._weighted(options)

    def _envoy(self, person: Person, title: str, full: str) -> str:
        country = self.reference.country(person.country)
        host = self.reference.country(person.host or person.country)
        dem = demonym(country)
        options: list[tuple[float, str]] = [
            (3, f"{country.possessive} {title} to {host.label} {full}"),
            (1, f"{full}, {country.possessive} {title.lower()} to {host.in_text},"),
            (0.7, f"the new {title.lower()} of {country.in_text}, {full},"),
        ]
        if dem:
            options += [
                (3, f"{dem} {title} to {host.label} {full}"),
                (2, f"{dem} {title} {full}"),
                (1, f"{full}, the {dem} {title.lower()} to {host.in_text},"),
                (1, f"{dem} envoy {full}"),
            ]
        return self._weighted(options)

    def ref(self, person: Person) -> str:
        """A later mention (the first mention if the person was not introduced yet)."""
        if person.key not in self._introduced:
            return self.intro(person)
        short = person.name.short
        form = choose_form(
            self.rng, person.title, abbreviations=True, female=person.name.female, country=person.country
        )
        if not (form.isupper() or form == "amb."):
            form = self.form(person)
        options: list[tuple[float, str]] = [
            (7, short),
            (1, f"{'Ms' if person.name.female else 'Mr'} {short}"),
            (1.5, self.noun(person)),
            (1.5, f"{display_form(form)} {short}"),
        ]
        return self._weighted(options)

    def _honorific(self, person: Person) -> str:
        if person.country in _GULF_ROYALS and person.role in ("head_of_state", "crown_prince"):
            return "Sheikh "
        return ""

    def _weighted(self, options: list[tuple[float, str]]) -> str:
        return self.rng.choices([text for _, text in options], weights=[w for w, _ in options])[0]


def date_phrase(rng: random.Random, day: dt.date, published: dt.date | None) -> str:
    """ "on Tuesday", "yesterday", "on April 22", "on Monday (Feb. 10)", "earlier this week"."""
    weekday = _WEEKDAYS[day.weekday()]
    month, month_short = _MONTHS[day.month - 1], _MONTHS_SHORT[day.month - 1]
    options: list[tuple[float, str]] = [
        (6, f"on {weekday}"),
        (1.5, f"on {month} {day.day}"),
        (1, f"on {day.day} {month}"),
        (0.7, f"on {weekday} ({month_short} {day.day})"),
        (0.5, f"on {weekday}, {month} {day.day}"),
    ]
    lag = (published - day).days if published else None
    if lag == 0:
        options += [(2, "today"), (0.7, "this morning"), (0.5, "earlier in the day")]
    elif lag == 1:
        options += [(3, "yesterday"), (0.5, "on Monday" if day.weekday() == 0 else f"late on {weekday}")]
    elif lag is not None and lag <= 5:
        options += [(1, "earlier this week")]
    return rng.choices([t for _, t in options], weights=[w for w, _ in options])[0]


def place_phrase(rng: random.Random, reference: Reference, city: str, host: str, dateline: str | None) -> str:
    """ " in Tokyo", " at the Chancellery in Berlin", " here", " in the Kenyan capital"."""
    country = reference.country(host)
    venues = (*_VENUES.get(host, ()), *_GENERIC_VENUES[:2])
    options: list[tuple[float, str]] = [
        (4, f" in {city}"),
        (2, f" at {rng.choice(venues)} in {city}"),
        (1, f" at {rng.choice(venues)}"),
    ]
    dem = demonym(country)
    if dem and city == country.capital:
        options.append((1, f" in the {dem} capital"))
        options.append((0.6, f" in the capital {city}"))
    if dateline and dateline.lower() == city.lower():
        options.append((3, " here"))
    return rng.choices([t for _, t in options], weights=[w for w, _ in options])[0]


def month_day(day: dt.date, *, short: bool = False, year: bool = False) -> str:
    month = (_MONTHS_SHORT if short else _MONTHS)[day.month - 1]
    return f"{month} {day.day}" + (f", {day.year}" if year else "")


def ordinal(number: int) -> str:
    """ "1st", "22nd", "13th"."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def weekday(day: dt.date) -> str:
    return _WEEKDAYS[day.weekday()]


def listing(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def topic_phrase(rng: random.Random, reference: Reference, topic: Topic) -> str:
    """A topic as a noun phrase of running text: "critical minerals", "the Indo-Pacific"."""
    alternatives = [a for a in topic.alt_labels if a[:1].islower() or (a.isupper() and len(a) > 1)]
    label = rng.choice(alternatives) if alternatives and rng.random() < 0.4 else topic.pref_label
    if label.startswith("situation "):
        return "the " + label
    if label.isupper() or label[:1].islower() or label[:1].isdigit():
        return label
    if any(c.label == label for c in reference.countries):
        return rng.choice(("the situation in ", "developments in ")) + label
    first = label.split()[0].lower()
    if first.split("-")[0] in _lowercase_words(reference):
        return first + label[len(first) :]
    return "the " + label


@lru_cache(maxsize=4)
def _lowercase_words(reference: Reference) -> frozenset[str]:
    """Words that topic labels write in lower case (so "Trade" is a common noun)."""
    words: set[str] = set()
    for topic in reference.topics:
        for label in topic.alt_labels:
            words.update(w for w in label.replace("-", " ").split() if w.islower())
    return frozenset(words)


def money(rng: random.Random) -> str:
    amount = rng.choice((rng.randint(2, 60), round(rng.uniform(1.2, 30.0), 1)))
    return rng.choice(
        (
            f"${amount} billion",
            f"USD {amount} billion",
            f"{amount} billion dollars",
            f"{amount} billion euros",
        )
    )
