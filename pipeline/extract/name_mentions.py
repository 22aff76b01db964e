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

from anyascii import anyascii

from pipeline.extract.lexicon import Lexicon

_PARTICLES = frozenset(
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
class NameRules:
    """What tells a name from other capitalised words: reference data, lower-cased."""

    stop: frozenset[str]  # words never in a name (titles, months, page words, ...)
    countries: frozenset[str]  # words of country names and demonyms
    places: frozenset[str]  # capitals: a lone capital is a place
    honorifics: tuple[tuple[str, ...], ...] = ()
    given_name_honorifics: frozenset[tuple[str, ...]] = frozenset()
    cities: frozenset[str] = frozenset()  # ASCII-folded city names of the gazetteer
    inner_words: frozenset[str] = frozenset()  # words the article's names hold after their first word

    def honorific_at(self, doc: Any, i: int) -> int:
        """The token after the honorifics that start at ``i`` ("Datuk Seri", "H.E. Mr."), or ``i``."""
        return self._honorifics(doc, i)[0]

    def keeps_honorific(self, doc: Any, i: int) -> bool:
        """Do the honorifics at ``i`` precede a given name ("Sheikh"), not a family name ("Mr")?"""
        return self._honorifics(doc, i)[1]

    def _honorifics(self, doc: Any, i: int) -> tuple[int, bool]:
        given = False
        moved = True
        while moved:
            moved = False
            for form in sorted(self.honorifics, key=len, reverse=True):
                end = i + len(form)
                if end <= len(doc) and all(
                    doc[i + k].lower_ == word or doc[i + k].lower_ + "." == word
                    for k, word in enumerate(form)
                ):
                    if doc[i].text[:1].isupper():
                        given = given or form in self.given_name_honorifics
                        i, moved = end, True
                        if i < len(doc) and doc[i].text == ".":
                            i += 1  # "Mr ." split by the tokenizer
                        break
        return i, given


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
        """The name's words as compared: no initials, no particles ("De la Fuente" = {"fuente"})."""
        return frozenset(
            name_token_key(t) for t in self.tokens if not INITIAL.match(t) and t.lower() not in _PARTICLES
        )


def name_token_key(token: str) -> str:
    """A name word as compared: case, diacritics and dots folded ("Erdoğan" = "Erdogan")."""
    return anyascii(token).lower().strip(".")


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
    doc: Any, sentence: int, titles: list[tuple[int, int]], rules: NameRules
) -> Iterable[NameMention]:
    covered: set[int] = set()
    title_ends = {end for _, end in titles}
    title_tokens = {i for start, end in titles for i in range(start, end)}
    first_word = first_word_of(doc)
    stop, countries = rules.stop, rules.countries
    # Names right after a title: "PM Ishiba", "Ambassador-Designate Glass",
    # "Prime Minister Datuk Seri Anwar Ibrahim", "President Luiz Inácio Lula da Silva",
    # and set off by a comma after a definite one: "the President of Indonesia, Joko Widodo,".
    appositions = {
        end + 1
        for start, end in titles
        if end + 1 < len(doc) and doc[end].text == "," and doc[start].lower_ in ("the", "his", "her")
    }
    for end in sorted(title_ends | appositions):
        begin = rules.honorific_at(doc, end)
        i = begin
        while i < len(doc) and i - begin < 6:
            if (
                _name_like(doc[i].text, stop)
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


def _particle_inside(doc: Any, i: int, stop: frozenset[str]) -> bool:
    """ "da" in "Lula da Silva", "de la" in "Juan Ramón de la Fuente": a particle between names."""
    j = i
    while j < len(doc) and doc[j].lower_ in _PARTICLES and j - i < 2:
        j += 1
    return j > i and j < len(doc) and _name_like(doc[j].text, stop) and doc[j].tag_ in ("NNP", "NNPS")


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
    rules: NameRules,
    *,
    anchored: bool,
    first_word: int,
    honorific: int = 0,
) -> NameMention | None:
    words = words_of(doc, start + honorific, end)
    if not _valid(words, rules.stop, rules.countries, rules.inner_words) or (
        len(words) == 1 and words[0].isupper()
    ):
        return None  # a lone word in capitals is an acronym ("CECA"), not a name
    last = doc[end - 1]
    if not anchored and last.dep_ == "compound" and last.head.i >= end and last.head.pos_ == "NOUN":
        return None  # a name used as a modifier names a thing: "Mubarak Al-Kabeer port"
    if not anchored and len(words) == 1 and not honorific:
        if words[0].lower() in rules.places or (start > 0 and doc[start - 1].lower_ in _PLACE_PREPOSITIONS):
            return None  # "aid for Kyiv", "through Rafah": a place
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


def _is_person(doc: Any, indices: list[int]) -> bool:
    return any(doc[i].ent_type_ == "PERSON" for i in indices)


def _name_like(text: str, stop: frozenset[str]) -> bool:
    return (
        bool(_NAME_TOKEN.match(text))
        and _capitalised(text)
        and text.lower().strip(".") not in stop
        and not _GLUED.search(text)
    )


def _valid(
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
        if lower in _PARTICLES and 0 < position < len(tokens) - 1:
            continue
        if position > 0 and lower in inner_words and _NAME_TOKEN.match(token) and _capitalised(token):
            continue  # "Amir" in "Hossein Amir Abdollahian"
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
    doc: Any, sentence: int, titles: list[tuple[int, int]], rules: NameRules
) -> list[NameMention]:
    """Every name candidate of one sentence's Doc."""
    if _CREDIT_LINE.match(doc.text.strip()):
        return []  # "Jane Roe / Presidential Court": a picture credit, not a mention
    found = list(_names_in(doc, sentence, titles, rules))
    found.extend(_coordinated_names(doc, sentence, found, titles, rules.stop, rules.countries))
    listed = list(_listed_names(doc, sentence, titles, rules))
    if listed:
        taken = {i for m in listed for i in range(m.start, m.end)}
        found = [m for m in found if not taken.intersection(range(m.start, m.end))] + listed
    return found


_LIST_BREAKS = frozenset({",", ";", ":", "and", "by", "(", ")", "–", "—"})


def _listed_names(
    doc: Any, sentence: int, titles: list[tuple[int, int]], rules: NameRules
) -> Iterable[NameMention]:
    """Names in lists of envoys, each with its country: "Joseph Roe (Republic of Mali), ..." and,
    after a plural title, "the ambassadors of Estonia, Anne Roe; Slovenia, Marta Roe"."""
    title_tokens = {i for a, b in titles for i in range(a, b)}
    spans = list(doc.spans["countries"])
    yield from _roster_names(doc, sentence, title_tokens, rules, {s.start for s in spans})
    for span in spans:
        # "Name (… Country …)": the name ends right before the bracket.
        opening = next(
            (i for i in range(span.start - 1, max(-1, span.start - 6), -1) if doc[i].text == "("), None
        )
        if opening is not None and all(doc[i].text != ")" for i in range(opening, span.start)):
            run = _run_back(doc, opening, title_tokens, rules)
            if run is not None:
                yield _listed(doc, sentence, run)
        # "the foreign ministers of Kyrgyzstan [Jane Roe] and Tajikistan [John Doe]".
        if span.end + 1 < len(doc) and doc[span.end].text in ("[", "("):
            close = next((t.i for t in doc[span.end + 1 : span.end + 8] if t.text in ("]", ")")), None)
            if close is not None:
                run = _checked(doc, span.end + 1, close, rules)
                if run is not None:
                    yield _listed(doc, sentence, run)
        # "Country, Name;" after a plural title in the sentence.
        if (
            span.end + 1 < len(doc)
            and doc[span.end].text == ","
            and any(t.root.tag_ in ("NNS", "NNPS") for t in doc.spans["titles"] if t.end <= span.start)
        ):
            run = _run_forward(doc, span.end + 1, title_tokens, rules)
            if run is not None and (run[1] >= len(doc) or doc[run[1]].text in (";", ",", ".", "and")):
                yield _listed(doc, sentence, run)


def roster_items(doc: Any, countries: set[int]) -> list[tuple[int, int, int]]:
    """(opening bracket, first token inside, closing bracket) of each "(Portfolio)" of a
    roster: "Jane Roe (Interior), John Doe (Treasury), …" — two or more in the sentence,
    none holding a country."""
    items = []
    for token in doc:
        if token.text != "(":
            continue
        close = next((t.i for t in doc[token.i + 1 : token.i + 8] if t.text == ")"), None)
        inside = range(token.i + 1, close) if close else range(0)
        if close and inside and doc[token.i + 1].text[:1].isupper() and not countries.intersection(inside):
            items.append((token.i, token.i + 1, close))
    return items if len(items) >= 2 else []


def _roster_names(
    doc: Any, sentence: int, title_tokens: set[int], rules: NameRules, countries: set[int]
) -> Iterable[NameMention]:
    for opening, _, _ in roster_items(doc, countries):
        end = opening - 1 if opening > 0 and doc[opening - 1].text == "," else opening
        run = _run_back(doc, end, title_tokens, rules)
        if run is not None:
            yield _listed(doc, sentence, run)


def _listed(doc: Any, sentence: int, run: tuple[int, int]) -> NameMention:
    words = words_of(doc, *run)
    if len(words[-1]) > 2 and words[-1].endswith("."):
        words = (*words[:-1], words[-1][:-1])  # "Martin Roe." ends the sentence
    return NameMention(sentence, run[0], run[1], words, True, False, False)


def _run_back(doc: Any, end: int, title_tokens: set[int], rules: NameRules) -> tuple[int, int] | None:
    start = end
    while (
        start > 0
        and doc[start - 1].text not in _LIST_BREAKS
        and start - 1 not in title_tokens
        and end - start < 6
    ):
        start -= 1
    return _checked(doc, start, end, rules)


def _run_forward(doc: Any, start: int, title_tokens: set[int], rules: NameRules) -> tuple[int, int] | None:
    end = start
    while (
        end < len(doc) and doc[end].text not in _LIST_BREAKS and end not in title_tokens and end - start < 6
    ):
        end += 1
    return _checked(doc, start, end, rules)


def _checked(doc: Any, start: int, end: int, rules: NameRules) -> tuple[int, int] | None:
    start = rules.honorific_at(doc, start)
    words = tuple(w[:-1] if len(w) > 2 and w.endswith(".") else w for w in words_of(doc, start, end))
    if len(words) < 2 or not all(w[:1].isupper() or w.lower() in _PARTICLES for w in words):
        return None
    return (start, end) if _valid(words, rules.stop, rules.countries, rules.inner_words) else None


# A picture credit standing alone: "Name / Agency", "Photo: Name".
_CREDIT_LINE = re.compile(
    r"^(?:(?:photo|picture|image|credit)s?\s*:\s*.{0,60}|[^.,;:!?/]{3,40}\s/\s[^.,;:!?/]{2,50})$", re.I
)
