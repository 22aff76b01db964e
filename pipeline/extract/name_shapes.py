"""What a person's name looks like: the mention record and the rules of its shape.

A name word is capitalised in any script, an initial, or led by a particle ("al-Assad");
a name holds two to five such words, particles inside it, and is not made of country
words alone. The finders of ``name_mentions`` and ``name_lists`` share these checks and
the token helpers below (hyphenated names stay whole: ``Al-Enezi``, ``Kim Han-gyeol``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from anyascii import anyascii

from pipeline.extract.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

PARTICLES = frozenset(
    "bin binti ibn al el de del della der di da das dos du la le van von ter ten y e".split()
)

_GLUED = re.compile(r"[a-z]{3,}[A-Z]")  # "IwayaAntony"; not "McDonald", "DeSantis"

# A name word: capitalised in any script ("Łukasz", "Özdemir", "Đặng"), or an initial, or
# led by an article particle ("al-Assad"). Letters are matched here, capitals by isupper().
_PARTICLE_PREFIX = r"(?:al|el|ad|as|ash|at|az|ul|bin|ibn|abu)[-‐]"
_NAME_TOKEN = re.compile(rf"^(?:{_PARTICLE_PREFIX})?[^\W\d_][\w'’.-]*$")

INITIAL = re.compile(r"^[^\W\d_]\.?$")


def _capitalised(text: str) -> bool:
    """Does the word start with a capital letter (after a particle such as "al-")?"""
    head = re.sub(rf"^{_PARTICLE_PREFIX}", "", text)
    return head[:1].isupper()


# Capitalised words that are never part of a person's name in news text.
_NOT_NAME_WORDS = frozenset(
    """
    story sharing editor tips media news ministry party government agency house office
    department council committee summit talks meeting minister state foreign prime affairs
    defence defense republic kingdom union army forces photo video press statement source
    reuters afp xinhua kyodo yonhap tass bernama ians ani pti dpa ap bloomberg menafn
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today yesterday
    president chancellor ambassador secretary premier king queen emir prince princess
    mr mrs ms dr sir lord lady madam sheikh his her their excellency hon honourable
    north south east west central new the a an and of in on for with by from at
    comment comments share tweet email print subscribe read more related advertisement
    national international global world federal union european asia pacific
    """.split()
)


@dataclass(frozen=True)
class NameRules:
    """What tells a name from other capitalised words: reference data, lower-cased."""

    stop: frozenset[str]  # words never in a name (titles, months, page words, post-nominals, ...)
    countries: frozenset[str]  # words of country names and demonyms
    places: frozenset[str]  # capitals: a lone capital is a place
    honorifics: tuple[tuple[str, ...], ...] = ()
    given_name_honorifics: frozenset[tuple[str, ...]] = frozenset()
    cities: frozenset[str] = frozenset()  # ASCII-folded city names of the gazetteer
    inner_words: frozenset[str] = frozenset()  # words the article's names hold after their first word
    portfolio_ends: frozenset[str] = frozenset()  # last words of portfolios: "Affairs", "Relations"
    seats: frozenset[str] = frozenset()  # seats of government: "Rashtrapati Bhavan" is a palace

    @classmethod
    def of(
        cls, lexicon: Lexicon, inner_words: frozenset[str], given_words: frozenset[str] = frozenset()
    ) -> NameRules:
        """The rules of the reference data, with the words an article's names hold inside and
        the title words it uses as given names ("Amir" in "Foreign Minister Amir Hossein X")."""
        return cls(
            stop=(_NOT_NAME_WORDS | _title_words(lexicon) | lexicon.page_words | lexicon.post_nominals)
            - given_words,
            countries=lexicon.country_words,
            places=frozenset(lexicon.capitals),  # a capital alone is a place, never a name
            honorifics=lexicon.honorifics,
            given_name_honorifics=lexicon.given_name_honorifics,
            cities=lexicon.cities,
            inner_words=inner_words,
            portfolio_ends=frozenset(portfolio.split()[-1] for portfolio in lexicon.foreign_portfolios),
            seats=frozenset(seat.lower() for seat, _ in lexicon.seats),
        )

    def honorific_at(self, doc: Doc, i: int) -> int:
        """The token after the honorifics that start at ``i`` ("Datuk Seri", "H.E. Mr."), or ``i``."""
        return self._honorifics(doc, i)[0]

    def keeps_honorific(self, doc: Doc, i: int) -> bool:
        """Do the honorifics at ``i`` precede a given name ("Sheikh"), not a family name ("Mr")?"""
        return self._honorifics(doc, i)[1]

    @cached_property
    def _honorifics_by_first_word(self) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
        """Each honorific form under its first word, with its rank: longest forms first."""
        by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for rank, form in enumerate(sorted(self.honorifics, key=len, reverse=True)):
            by_first.setdefault(form[0], []).append((rank, form))
        return {word: tuple(forms) for word, forms in by_first.items()}

    def _honorifics(self, doc: Doc, i: int) -> tuple[int, bool]:
        given = False
        by_first = self._honorifics_by_first_word
        while i < len(doc):
            lower = doc[i].lower_
            candidates = sorted((*by_first.get(lower, ()), *by_first.get(lower + ".", ())))
            form = next((form for _, form in candidates if self._form_at(doc, i, form)), None)
            if form is None or not doc[i].text[:1].isupper():
                break
            given = given or form in self.given_name_honorifics
            i += len(form)
            if i < len(doc) and doc[i].text == ".":
                i += 1  # "Mr ." split by the tokenizer
        return i, given

    @staticmethod
    def _form_at(doc: Doc, i: int, form: tuple[str, ...]) -> bool:
        return i + len(form) <= len(doc) and all(
            doc[i + k].lower_ == word or doc[i + k].lower_ + "." == word for k, word in enumerate(form)
        )


@dataclass(frozen=True)
class NameMention:
    """A name in a sentence (token offsets in that sentence's Doc)."""

    sentence: int
    start: int
    end: int
    tokens: tuple[str, ...]
    anchored: bool  # right after a title
    from_model: bool  # the model tagged it PERSON
    sentence_initial: bool
    honorific: int = 0  # leading tokens that are a form of address kept with a lone name

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    @property
    def key_tokens(self) -> frozenset[str]:
        """The name's words as compared: no form of address, no initials, no particles
        ("De la Fuente" = {"fuente"}, "Sheikh Hamdan" = {"hamdan"})."""
        return frozenset(
            name_token_key(t)
            for t in self.tokens[self.honorific :]
            if not INITIAL.match(t) and t.lower() not in PARTICLES
        )


def name_token_key(token: str) -> str:
    """A name word as compared: case, diacritics and dots folded ("Erdoğan" = "Erdogan")."""
    return anyascii(token).lower().strip(".")


def _title_words(lexicon: Lexicon) -> frozenset[str]:
    """The words of every title form (and of status words): never part of a name."""
    words: set[str] = set()
    for title in lexicon.titles:
        for form in title.forms:
            words.update(w.lower() for w in re.split(r"[\s-]+", form) if len(w) > 2)
    words -= {
        "top",
        "affairs",
        "state",
    }  # too short a list without them is fine; kept in _NOT_NAME_WORDS
    return frozenset(words | {"designate", "elect", "ex", "former", "late", "acting"})


HYPHENS = frozenset({"-", "‐", "‑"})


def extend_hyphens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Grow a token span over hyphens glued to both neighbours: "Al-Enezi", "Han-gyeol"."""
    while (
        end + 1 < len(doc)
        and doc[end].text in HYPHENS
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    while (
        start - 2 >= 0
        and doc[start - 1].text in HYPHENS
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
        and doc[start - 2].is_alpha
    ):
        start -= 2
    return start, end


def words_of(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    return tuple(doc[start:end].text.split())


def first_word_of(doc: Doc) -> int:
    """The first word of the sentence, or of a quotation opening it."""
    return next((t.i for t in doc if not t.is_punct and not t.is_space), 0)


def name_like(text: str, stop: frozenset[str]) -> bool:
    return (
        bool(_NAME_TOKEN.match(text))
        and _capitalised(text)
        and text.lower().strip(".") not in stop
        and not _GLUED.search(text)
    )


def name_shaped(
    tokens: tuple[str, ...],
    stop: frozenset[str],
    countries: frozenset[str],
    inner_words: frozenset[str] = frozenset(),
) -> bool:
    """Is this token sequence shaped like a person's name?"""
    if not tokens or len(tokens) > 5:
        return False
    for position, token in enumerate(tokens):
        lower = token.lower().strip(".")
        if lower in PARTICLES and 0 < position < len(tokens) - 1:
            continue
        if position > 0 and lower in inner_words and _NAME_TOKEN.match(token) and _capitalised(token):
            continue  # "Amir" in "Hossein Amir Abdollahian"
        if not name_like(token, stop):
            return False
    substantive = [t for t in tokens if not INITIAL.match(t) and t.lower() not in PARTICLES]
    if not substantive or any(len(t.strip(".")) < 2 for t in substantive):
        return False
    return not all(t.lower() in countries for t in substantive)
