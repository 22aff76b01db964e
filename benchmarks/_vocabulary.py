"""The generator's vocabulary: countries, titles and topics, read from ``benchmarks/data/world.json``.

Our own data, written for the benchmark (country names, demonyms and capitals are public
facts; titles and topics are invented lists), not the extractor's rules in ``ontology/``:
a benchmark generated from the extractor's own titles would test it against itself.
Everything is sorted, so the data do not depend on hash order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

WORLD = Path(__file__).resolve().parent / "data" / "world.json"

# Labels read with "the" in running text .
_DEFINITE_SUFFIXES = ("Republic", "Islands", "Emirates", "Kingdom", "States", "Union")
_DEFINITE_NAMES = frozenset({"Philippines", "Netherlands", "Bahamas", "Gambia", "Maldives", "Comoros"})


@dataclass(frozen=True)
class Country:
    code: str
    label: str
    alt_labels: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str

    @property
    def in_text(self) -> str:
        """The name as it reads in a sentence: "the United States", "Japan"."""
        if self.label in _DEFINITE_NAMES or self.label.endswith(_DEFINITE_SUFFIXES):
            return "the " + self.label
        return self.label

    @property
    def possessive(self) -> str:
        """ "Japan's", "the Philippines'"."""
        return self.in_text + ("'" if self.in_text.endswith("s") else "'s")


@dataclass(frozen=True)
class Title:
    """A title: its role, surface forms and the countries that use it (empty: any)."""

    key: str
    role: str
    forms: tuple[str, ...]
    countries: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    notation: str
    pref_label: str
    alt_labels: tuple[str, ...]
    about_country: str | None


@dataclass(frozen=True, eq=False)  # hashed by identity: it is cached against
class Reference:
    countries: tuple[Country, ...]
    titles: tuple[Title, ...]
    topics: tuple[Topic, ...]

    def country(self, code: str) -> Country:
        for country in self.countries:
            if country.code == code:
                return country
        raise KeyError(code)


def read_vocabulary(path: Path = WORLD) -> Reference:
    """Countries, titles and topics of the generator's world file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    countries = tuple(
        Country(c["code"], c["label"], tuple(c["alt_labels"]), tuple(c["demonyms"]), c["capital"])
        for c in data["countries"]
    )
    titles = tuple(
        Title(t["key"], t["role"], tuple(t["forms"]), tuple(t["countries"])) for t in data["titles"]
    )
    topics = tuple(
        Topic(t["notation"], t["pref_label"], tuple(t["alt_labels"]), t["about_country"])
        for t in data["topics"]
    )
    return Reference(
        tuple(sorted(countries, key=lambda c: c.code)),
        tuple(sorted(titles, key=lambda t: t.key)),
        tuple(sorted(topics, key=lambda t: t.notation)),
    )
