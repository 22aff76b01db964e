"""Person names in a sentence: candidates from the model and from titles, checked for shape.

Names come from the model's PERSON entities and from capitalised words right after a
title (``PM Ishiba``), cleaned of titles; hyphenated names stay whole (``Al-Enezi``,
``Kim Han-gyeol``); a name coordinated with a found one is found too ("Takeshi Iwaya and
Antony Blinken"). Glued tag strings, headline words, acronyms and places are no names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pipeline.extract.name_lists import listed_names
from pipeline.extract.name_shapes import (
    PARTICLES,
    NameMention,
    NameRules,
    extend_hyphens,
    first_word_of,
    name_like,
    name_shaped,
    words_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

_PORTFOLIO_JOINERS = frozenset({"and", "&", "of", "for"})
_PLACE_PREPOSITIONS = frozenset(
    {"in", "to", "from", "for", "through", "at", "into", "near", "across", "toward", "towards"}
)


def _names_in(
    doc: Doc, sentence: int, titles: list[tuple[int, int]], rules: NameRules
) -> Iterable[NameMention]:
    covered: set[int] = set()
    title_ends = {end for _, end in titles}
    title_tokens = {i for start, end in titles for i in range(start, end)}
    first_word = first_word_of(doc)
    stop, countries = rules.stop, rules.countries
    # Names right after a title: "PM Ishiba", "Ambassador-Designate Glass",
    # "Prime Minister Datuk Seri Anwar Ibrahim", "President Luiz Inácio Lula da Silva",
    # and set off by a comma after a definite one: "the President of Indonesia, Joko Widodo,",
    # "Ghana's Vice President, Jane Roe,", also one coordinated after it: "the President of X,
    # Jane Roe and Minister of Y, John Doe".
    appositions = {
        end + 1
        for start, end in titles
        if end + 1 < len(doc)
        and doc[end].text == ","
        and (
            doc[start].lower_ in ("the", "his", "her")
            or start > 0
            and doc[start - 1].lower_ == "and"
            or any(t.lower_ in ("'s", "’s") for t in doc[start:end])
        )
    }
    for end in sorted(title_ends | appositions):
        begin = rules.honorific_at(doc, end)
        i = begin
        while i < len(doc) and i - begin < 6:
            if (
                name_like(doc[i].text, stop)
                and doc[i].lower_ not in countries
                and doc[i].tag_ in ("NNP", "NNPS")
            ):
                i = extend_hyphens(doc, begin, i + 1)[1]
            elif i > begin and _particle_inside(doc, i, stop):
                i += 1
            else:
                break
        # The model's name may run on over a word that is also a title ("Hossein Amir Abdollahian").
        entity_end = next((e.end for e in doc.ents if e.label_ == "PERSON" and e.start == begin), i)
        while entity_end > i and (doc[entity_end - 1].is_punct or doc[entity_end - 1].lower_ in ("'s", "’s")):
            entity_end -= 1
        i = max(i, entity_end)
        if i > begin:
            keep = begin > end and i - begin == 1 and rules.keeps_honorific(doc, end)
            start = end if keep else begin  # "Sheikh Tamim" keeps "Sheikh"
            mention = _mention(
                doc, sentence, start, i, rules, anchored=True, first_word=first_word, honorific=begin - start
            )
            if mention is not None:
                covered.update(range(mention.start, mention.end))
                yield mention
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start, stop_at = ent.start, ent.end
        # A form of address the model left out: "Sheikh" before "Mohamed".
        while start > 0 and rules.honorific_at(doc, start - 1) == start:
            start -= 1
        honorific_start = start
        # Strip title and filler words the model included ("Designate Glass", "Japanese Foreign").
        while start < stop_at:
            after = rules.honorific_at(doc, start)
            if after > start:
                start = after
            elif (
                start in title_tokens
                or doc[start].is_punct
                or doc[start].lower_ in stop
                or doc[start].lower_ in countries
            ):
                start += 1
                honorific_start = start
            else:
                break
        while stop_at > start and (
            doc[stop_at - 1].is_punct or doc[stop_at - 1].lower_ in stop | {"'s", "’s"}
        ):
            if (
                doc[stop_at - 1].lower_ in rules.portfolio_ends
                and ent.start > 0
                and doc[ent.start - 1].lower_ in _PORTFOLIO_JOINERS
            ):
                stop_at = start  # "(Foreign and Diaspora Affairs)": a portfolio, not a name
                break
            stop_at -= 1
        if stop_at <= start or covered.intersection(range(start, stop_at)):
            continue
        start, stop_at = extend_hyphens(doc, start, stop_at)
        honorific = 0
        if (
            start > honorific_start
            and len(words_of(doc, start, stop_at)) == 1
            and rules.keeps_honorific(doc, honorific_start)
        ):
            honorific, start = start - honorific_start, honorific_start  # "Sheikh Mohamed"
        mention = _mention(
            doc, sentence, start, stop_at, rules, anchored=False, first_word=first_word, honorific=honorific
        )
        if mention is not None:
            covered.update(range(mention.start, mention.end))
            yield mention


def _particle_inside(doc: Doc, i: int, stop: frozenset[str]) -> bool:
    """ "da" in "Lula da Silva", "de la" in "Juan Ramón de la Fuente": a particle between names."""
    j = i
    while j < len(doc) and doc[j].lower_ in PARTICLES and j - i < 2:
        j += 1
    return j > i and j < len(doc) and name_like(doc[j].text, stop) and doc[j].tag_ in ("NNP", "NNPS")


def _mention(
    doc: Doc,
    sentence: int,
    start: int,
    end: int,
    rules: NameRules,
    *,
    anchored: bool,
    first_word: int,
    honorific: int = 0,
) -> NameMention | None:
    words = words_of(doc, start + honorific, end)
    if not name_shaped(words, rules.stop, rules.countries, rules.inner_words) or (
        len(words) == 1 and words[0].isupper()
    ):
        return None  # a lone word in capitals is an acronym ("CECA"), not a name
    if not anchored and " ".join(words).lower() in rules.seats:
        return None  # "at Rashtrapati Bhavan", "Akorda reports": a seat of government
    last = doc[end - 1]
    if not anchored and last.dep_ == "compound" and last.head.i >= end and last.head.pos_ == "NOUN":
        return None  # a name used as a modifier names a thing: "Mubarak Al-Kabeer port"
    if not anchored and len(words) == 1 and not honorific:
        if words[0].lower() in rules.places or (start > 0 and doc[start - 1].lower_ in _PLACE_PREPOSITIONS):
            return None  # "aid for Kyiv", "through Rafah": a place
    possessive = end < len(doc) and doc[end].lower_ in ("'s", "’s")
    if not anchored and start > 0 and doc[start - 1].lower_ == "at" and not possessive:
        return None  # "received him at Wisma Putra", "talks at Blair House": a building
    after_quote = start > 0 and doc[start - 1].text in ('"', "“", "'", "‘", ":")
    return NameMention(
        sentence,
        start,
        end,
        words_of(doc, start, end),
        anchored,
        anchored and _is_person(doc, list(range(start, end))) or not anchored,
        start == first_word or after_quote,
        honorific,
    )


def _is_person(doc: Doc, indices: list[int]) -> bool:
    return any(doc[i].ent_type_ == "PERSON" for i in indices)


def _coordinated_names(
    doc: Doc,
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


def _proper_run(doc: Doc, indices: list[int], covered: set[int]) -> list[int]:
    run: list[int] = []
    for i in indices:
        if doc[i].tag_ != "NNP" or i in covered or len(run) == 5:
            break
        run.append(i)
    return run


def _as_name(
    doc: Doc,
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
    if len(words) >= 2 and name_shaped(words, stop, countries):
        covered.update(range(start, end))
        yield NameMention(sentence, start, end, words, False, False, False)


def candidate_names(
    doc: Doc, sentence: int, titles: list[tuple[int, int]], rules: NameRules
) -> list[NameMention]:
    """Every name candidate of one sentence's Doc."""
    if is_credit_line(doc):
        return []
    found = list(_names_in(doc, sentence, titles, rules))
    found.extend(_coordinated_names(doc, sentence, found, titles, rules.stop, rules.countries))
    listed = list(listed_names(doc, sentence, titles, rules))
    if listed:
        taken = {i for m in listed for i in range(m.start, m.end)}
        found = [m for m in found if not taken.intersection(range(m.start, m.end))] + listed
    return found


def is_credit_line(doc: Doc) -> bool:
    """ "Jane Roe / Presidential Court": a picture credit names no one the article mentions."""
    return bool(_CREDIT_LINE.match(doc.text.strip()))


_CREDIT_LINE = re.compile(
    r"^(?:(?:photo|picture|image|credit)s?\s*:\s*.{0,60}|[^.,;:!?/]{3,40}\s/\s[^.,;:!?/]{2,50})$", re.I
)
