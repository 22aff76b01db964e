"""Person names in a sentence: candidates from the model and from titles, checked for shape.

Names come from the model's PERSON entities and from capitalised words right after a
title (``PM Ishiba``), cleaned of titles; hyphenated names stay whole (``Al-Enezi``,
``Kim Han-gyeol``); a name coordinated with a found one is found too ("Takeshi Iwaya and
Antony Blinken"). Glued tag strings, headline words, acronyms and places are no names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pipeline.lexicon import Lexicon

_PARTICLES = frozenset(
    "bin binti ibn al el de del della der di da das dos du la le van von ter ten y e".split()
)

_GLUED = re.compile(r"[a-z]{3,}[A-Z]")  # "IwayaAntony"; not "McDonald", "DeSantis"

_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.?)$", re.UNICODE)

INITIAL = re.compile(r"^[A-Z]\.?$")

# Capitalised words that are never part of a person's name in news text.
NOT_NAME_WORDS = frozenset(
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

_PLACE_PREPOSITIONS = frozenset(
    {"in", "to", "from", "for", "through", "at", "into", "near", "across", "toward", "towards"}
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

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    @property
    def key_tokens(self) -> frozenset[str]:
        return frozenset(t.lower().strip(".") for t in self.tokens if not INITIAL.match(t))


def title_words(lexicon: Lexicon) -> frozenset[str]:
    words: set[str] = set()
    for title in lexicon.titles:
        for form in title.forms:
            words.update(w.lower() for w in re.split(r"[\s-]+", form) if len(w) > 2)
    words -= {
        "top",
        "affairs",
        "state",
    }  # too short a list without them is fine; kept in NOT_NAME_WORDS
    return frozenset(words | {"designate", "elect", "ex", "former", "late", "acting"})


def _names_in(
    doc: Any,
    sentence: int,
    titles: list[tuple[int, int]],
    stop: frozenset[str],
    countries: frozenset[str],
    places: frozenset[str] = frozenset(),
) -> Iterable[NameMention]:
    covered: set[int] = set()
    title_ends = {end for _, end in titles}
    title_tokens = {i for start, end in titles for i in range(start, end)}
    first_word = first_word_of(doc)
    # Names right after a title: "PM Ishiba", "Ambassador-Designate Glass".
    for end in sorted(title_ends):
        i = end
        while (
            i < len(doc)
            and i - end < 5
            and _name_like(doc[i].text, stop)
            and doc[i].lower_ not in countries
            and doc[i].tag_ in ("NNP", "NNPS")
        ):
            i = extend_hyphens(doc, end, i + 1)[1]
        if i > end:
            mention = _mention(doc, sentence, end, i, stop, countries, anchored=True, first_word=first_word)
            if mention is not None:
                covered.update(range(mention.start, mention.end))
                yield mention
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start, stop_at = ent.start, ent.end
        # Strip title and filler words the model included ("Designate Glass", "Japanese Foreign").
        while start < stop_at and (
            start in title_tokens
            or doc[start].is_punct
            or doc[start].lower_ in stop
            or doc[start].lower_ in countries
        ):
            start += 1
        while stop_at > start and (
            doc[stop_at - 1].is_punct or doc[stop_at - 1].lower_ in stop | {"'s", "’s"}
        ):
            stop_at -= 1
        if stop_at <= start or covered.intersection(range(start, stop_at)):
            continue
        start, stop_at = extend_hyphens(doc, start, stop_at)
        mention = _mention(
            doc,
            sentence,
            start,
            stop_at,
            stop,
            countries,
            anchored=False,
            first_word=first_word,
            places=places,
        )
        if mention is not None:
            covered.update(range(mention.start, mention.end))
            yield mention


_HYPHENS = frozenset({"-", "‐", "‑"})


def extend_hyphens(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Grow a token span over hyphens glued to both neighbours: "Al-Enezi", "Han-gyeol"."""
    while (
        end + 1 < len(doc)
        and doc[end].text in _HYPHENS
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    while (
        start - 2 >= 0
        and doc[start - 1].text in _HYPHENS
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
        and doc[start - 2].is_alpha
    ):
        start -= 2
    return start, end


def words_of(doc: Any, start: int, end: int) -> tuple[str, ...]:
    return tuple(doc[start:end].text.split())


def first_word_of(doc: Any) -> int:
    """The first word of the sentence, or of a quotation opening it."""
    return next((t.i for t in doc if not t.is_punct and not t.is_space), 0)


def _mention(
    doc: Any,
    sentence: int,
    start: int,
    end: int,
    stop: frozenset[str],
    countries: frozenset[str],
    *,
    anchored: bool,
    first_word: int,
    places: frozenset[str] = frozenset(),
) -> NameMention | None:
    words = words_of(doc, start, end)
    if not _valid(words, stop, countries) or (len(words) == 1 and words[0].isupper()):
        return None  # a lone word in capitals is an acronym ("CECA"), not a name
    last = doc[end - 1]
    if not anchored and last.dep_ == "compound" and last.head.i >= end and last.head.pos_ == "NOUN":
        return None  # a name used as a modifier names a thing: "Mubarak Al-Kabeer port"
    if not anchored and len(words) == 1:
        if words[0].lower() in places or (start > 0 and doc[start - 1].lower_ in _PLACE_PREPOSITIONS):
            return None  # "aid for Kyiv", "through Rafah": a place
    after_quote = start > 0 and doc[start - 1].text in ('"', "“", "'", "‘", ":")
    return NameMention(
        sentence,
        start,
        end,
        words,
        anchored,
        anchored and _is_person(doc, list(range(start, end))) or not anchored,
        start == first_word or after_quote,
    )


def _is_person(doc: Any, indices: list[int]) -> bool:
    return any(doc[i].ent_type_ == "PERSON" for i in indices)


def _name_like(text: str, stop: frozenset[str]) -> bool:
    return bool(_NAME_TOKEN.match(text)) and text.lower().strip(".") not in stop and not _GLUED.search(text)


def _valid(tokens: tuple[str, ...], stop: frozenset[str], countries: frozenset[str]) -> bool:
    """Is this token sequence shaped like a person's name?"""
    if not tokens or len(tokens) > 5:
        return False
    for position, token in enumerate(tokens):
        lower = token.lower().strip(".")
        if lower in _PARTICLES and 0 < position < len(tokens) - 1:
            continue
        if not _name_like(token, stop):
            return False
    substantive = [t for t in tokens if not INITIAL.match(t) and t.lower() not in _PARTICLES]
    if not substantive or any(len(t.strip(".")) < 2 for t in substantive):
        return False
    return not all(t.lower() in countries for t in substantive)


def _coordinated_names(
    doc: Any,
    sentence: int,
    found: list[NameMention],
    titles: list[tuple[int, int]],
    stop: frozenset[str],
    countries: frozenset[str],
) -> Iterable[NameMention]:
    """Names coordinated with a found name ("Takeshi Iwaya and Antony Blinken") that the
    model missed: both sides of "and" hold the same kind of thing."""
    covered = {i for m in found for i in range(m.start, m.end)} | {i for a, b in titles for i in range(a, b)}
    title_start = {end: start for start, end in titles}
    for mention in list(found):
        left = title_start.get(mention.start, mention.start)
        if left >= 2 and doc[left - 1].lower_ == "and":
            run = [i for i in range(left - 2, -1, -1)]
            run = _proper_run(doc, run, covered)[::-1]
            yield from _as_name(doc, sentence, run, stop, countries, covered)
        if mention.end + 1 < len(doc) and doc[mention.end].lower_ == "and" and mention.end + 1 not in covered:
            run = _proper_run(doc, list(range(mention.end + 1, len(doc))), covered)
            yield from _as_name(doc, sentence, run, stop, countries, covered)


def _proper_run(doc: Any, indices: list[int], covered: set[int]) -> list[int]:
    run: list[int] = []
    for i in indices:
        if doc[i].tag_ != "NNP" or i in covered or len(run) == 5:
            break
        run.append(i)
    return run


def _as_name(
    doc: Any,
    sentence: int,
    run: list[int],
    stop: frozenset[str],
    countries: frozenset[str],
    covered: set[int],
) -> Iterable[NameMention]:
    while run and (doc[run[0]].lower_ in stop or doc[run[0]].lower_ in countries):
        run.pop(0)
    if len(run) < 2:
        return
    start, end = extend_hyphens(doc, run[0], run[-1] + 1)
    words = words_of(doc, start, end)
    if len(words) >= 2 and _valid(words, stop, countries):
        covered.update(range(start, end))
        yield NameMention(sentence, start, end, words, False, False, False)


def candidate_names(
    doc: Any,
    sentence: int,
    titles: list[tuple[int, int]],
    stop: frozenset[str],
    countries: frozenset[str],
    places: frozenset[str],
) -> list[NameMention]:
    """Every name candidate of one sentence's Doc."""
    found = list(_names_in(doc, sentence, titles, stop, countries, places))
    found.extend(_coordinated_names(doc, sentence, found, titles, stop, countries))
    return found
