"""Who is who inside one article: person names, their variants, and references.

Names come from the model's PERSON entities and from capitalised words right after a
title (``PM Ishiba``), cleaned of titles and checked for shape (glued tag strings and
navigation words are no names). Mentions are then grouped into persons: a full name
and its reversed order are one person; a family name alone joins the one person it
belongs to, or the one last mentioned when two people share it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.lexicon import Lexicon
from pipeline.records import PersonRecord

_PARTICLES = frozenset(
    "bin binti ibn al el de del della der di da das dos du la le van von ter ten y e".split()
)
_GLUED = re.compile(r"[a-z]{3,}[A-Z]")  # "IwayaAntony"; not "McDonald", "DeSantis"
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.?)$", re.UNICODE)
_INITIAL = re.compile(r"^[A-Z]\.?$")
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
_PLACE_PREPOSITIONS = frozenset(
    {"in", "to", "from", "for", "through", "at", "into", "near", "across", "toward", "towards"}
)
_PRONOUNS_SINGULAR = frozenset({"he", "him", "his", "she", "her"})


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
        return frozenset(t.lower().strip(".") for t in self.tokens if not _INITIAL.match(t))


@dataclass
class PersonCluster:
    key: str
    mentions: list[NameMention] = field(default_factory=list)

    @property
    def full_forms(self) -> Counter[str]:
        return Counter(m.text for m in self.mentions if len(m.key_tokens) >= 2)

    @property
    def name(self) -> str:
        forms = self.full_forms or Counter(m.text for m in self.mentions)
        first_seen = {m.text: (m.sentence, m.start) for m in reversed(self.mentions)}
        return min(forms, key=lambda f: (-forms[f], first_seen[f]))

    @property
    def aliases(self) -> tuple[str, ...]:
        name = self.name
        return tuple(sorted({m.text for m in self.mentions} - {name}))

    @property
    def key_tokens(self) -> frozenset[str]:
        return frozenset().union(*(m.key_tokens for m in self.mentions))


@dataclass
class People:
    """The persons of one article and where each is mentioned."""

    clusters: list[PersonCluster]
    by_token: dict[tuple[int, int], str]  # (sentence, token) → person key
    mentions: list[tuple[NameMention, str]]  # every name mention with its person key

    def person_at(self, sentence: int, token: int) -> str | None:
        return self.by_token.get((sentence, token))

    def records(self, countries: dict[str, str]) -> tuple[PersonRecord, ...]:
        return tuple(
            PersonRecord(key=c.key, name=c.name, aliases=c.aliases, country=countries.get(c.key))
            for c in self.clusters
        )


def find_people(
    docs: Sequence[Any],
    title_spans: dict[int, list[tuple[int, int]]],
    lexicon: Lexicon,
    *,
    headline_sentences: frozenset[int] = frozenset(),
) -> People:
    """Name mentions of every sentence, grouped into persons.

    ``title_spans`` gives, per sentence, the token extents of titles (determiner,
    country and status words included): names right after them count even when the
    model missed them, and title words are never part of a name.
    """
    stop = _NOT_NAME_WORDS | _title_words(lexicon)
    places = frozenset(lexicon.capitals)  # a capital alone is a place, never a name
    countries = lexicon.country_words
    candidates: list[NameMention] = []
    for index, doc in enumerate(docs):
        found = list(_names_in(doc, index, title_spans.get(index, []), stop, countries, places))
        found.extend(_coordinated_names(doc, index, found, title_spans.get(index, []), stop, countries))
        candidates.extend(found)
    accepted = _accept(candidates, headline_sentences)
    clusters = _cluster(accepted)
    _propagate(docs, clusters, stop)
    by_token: dict[tuple[int, int], str] = {}
    mentions: list[tuple[NameMention, str]] = []
    for cluster in clusters:
        for mention in cluster.mentions:
            mentions.append((mention, cluster.key))
            for token in range(mention.start, mention.end):
                by_token[(mention.sentence, token)] = cluster.key
    mentions.sort(key=lambda item: (item[0].sentence, item[0].start))
    return People(clusters=clusters, by_token=by_token, mentions=mentions)


def _title_words(lexicon: Lexicon) -> frozenset[str]:
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
    first_word = _first_word(doc)
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
            i = _extend_hyphens(doc, end, i + 1)[1]
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
        start, stop_at = _extend_hyphens(doc, start, stop_at)
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


def _extend_hyphens(doc: Any, start: int, end: int) -> tuple[int, int]:
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


def _words(doc: Any, start: int, end: int) -> tuple[str, ...]:
    return tuple(doc[start:end].text.split())


def _first_word(doc: Any) -> int:
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
    words = _words(doc, start, end)
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
    substantive = [t for t in tokens if not _INITIAL.match(t) and t.lower() not in _PARTICLES]
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
    start, end = _extend_hyphens(doc, run[0], run[-1] + 1)
    words = _words(doc, start, end)
    if len(words) >= 2 and _valid(words, stop, countries):
        covered.update(range(start, end))
        yield NameMention(sentence, start, end, words, False, False, False)


def _accept(candidates: list[NameMention], headline_sentences: frozenset[int]) -> list[NameMention]:
    """Keep full names; keep single words only when a title or the model vouches twice.

    Headlines capitalise every word, so a name found only in a headline is no name.
    """
    body = [c for c in candidates if c.sentence not in headline_sentences]
    body_tokens = set().union(*(c.key_tokens for c in body)) if body else set()
    candidates = body + [
        c for c in candidates if c.sentence in headline_sentences and c.key_tokens <= body_tokens
    ]
    full_tokens = (
        set().union(*(c.key_tokens for c in candidates if len(c.key_tokens) >= 2)) if candidates else set()
    )
    model_counts = Counter(c.text for c in candidates if c.from_model)
    kept = []
    for candidate in candidates:
        if len(candidate.key_tokens) >= 2 or candidate.anchored:
            kept.append(candidate)
        elif candidate.key_tokens <= full_tokens:
            kept.append(candidate)  # a family or given name of someone named in full
        elif candidate.from_model and (not candidate.sentence_initial or model_counts[candidate.text] >= 2):
            kept.append(candidate)
    return kept


def _cluster(mentions: list[NameMention]) -> list[PersonCluster]:
    ordered = sorted(mentions, key=lambda m: (m.sentence, m.start))
    clusters: dict[frozenset[str], PersonCluster] = {}
    for mention in ordered:
        if len(mention.key_tokens) >= 2:
            clusters.setdefault(mention.key_tokens, PersonCluster(key=""))
    last_seen: dict[frozenset[str], tuple[int, int]] = {}
    singles: list[NameMention] = []
    for mention in ordered:
        if len(mention.key_tokens) >= 2:
            clusters[mention.key_tokens].mentions.append(mention)
            last_seen[mention.key_tokens] = (mention.sentence, mention.start)
        else:
            singles.append(mention)
    for mention in singles:
        owners = [key for key in clusters if len(key) >= 2 and mention.key_tokens <= key]
        if not owners:
            clusters.setdefault(mention.key_tokens, PersonCluster(key="")).mentions.append(mention)
            continue
        here = (mention.sentence, mention.start)
        before = [k for k in owners if last_seen.get(k, (10**9, 0)) <= here]
        owner = (
            max(before, key=lambda k: last_seen[k])
            if before
            else min(owners, key=lambda k: last_seen.get(k, (0, 0)))
        )
        clusters[owner].mentions.append(mention)
    result = [c for c in clusters.values() if c.mentions]
    result.sort(key=lambda c: min((m.sentence, m.start) for m in c.mentions))
    for number, cluster in enumerate(result, start=1):
        cluster.key = f"p{number}"
        cluster.mentions.sort(key=lambda m: (m.sentence, m.start))
    return result


def _propagate(docs: Sequence[Any], clusters: list[PersonCluster], stop: frozenset[str]) -> None:
    """Find further mentions of known names the model tagged as something else."""
    taken = {(m.sentence, i) for c in clusters for m in c.mentions for i in range(m.start, m.end)}
    forms: dict[tuple[str, ...], PersonCluster] = {}
    for cluster in clusters:
        for mention in cluster.mentions:
            forms.setdefault(tuple(t.lower() for t in mention.tokens), cluster)
    for cluster in clusters:
        for part in cluster.key_tokens:
            if len(part) >= 3 and part not in stop:
                forms.setdefault((part,), cluster)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for form in forms:
        by_first.setdefault(form[0], []).append(form)
    for index, doc in enumerate(docs):
        units = _word_units(doc)
        position = 0
        while position < len(units):
            found = None
            for form in sorted(by_first.get(units[position][2], []), key=len, reverse=True):
                window = units[position : position + len(form)]
                if (
                    len(window) == len(form)
                    and tuple(u[2] for u in window) == form
                    and all(doc[u[0]].text[:1].isupper() and (index, u[0]) not in taken for u in window)
                ):
                    found = form
                    break
            if found is None:
                position += 1
                continue
            start, end = units[position][0], units[position + len(found) - 1][1]
            if len([c for c in clusters if set(found) <= c.key_tokens]) == 1:
                forms[found].mentions.append(
                    NameMention(
                        index, start, end, _words(doc, start, end), False, False, start == _first_word(doc)
                    )
                )
                taken.update((index, j) for j in range(start, end))
            position += len(found)
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: (m.sentence, m.start))


def _word_units(doc: Any) -> list[tuple[int, int, str]]:
    """The sentence as words: (first token, token after, lower-cased word), hyphens joined."""
    units = []
    i = 0
    while i < len(doc):
        end = _extend_hyphens(doc, i, i + 1)[1]
        units.append((i, end, doc[i:end].text.lower()))
        i = end
    return units


def resolve_pronoun(people: People, docs: Sequence[Any], sentence: int, token: int) -> str | None:
    """The person a singular personal pronoun most likely refers to.

    The nearest preceding subject in the same sentence, else the subject of the
    previous sentence that has a person in it, else its last-mentioned person.
    """
    if docs[sentence][token].lower_ not in _PRONOUNS_SINGULAR:
        return None
    same = [(m, k) for m, k in people.mentions if m.sentence == sentence and m.end <= token]
    subjects = [(m, k) for m, k in same if _is_subject(docs[sentence], m)]
    if subjects:
        return subjects[-1][1]
    if same:
        return same[-1][1]
    for previous in range(sentence - 1, max(-1, sentence - 4), -1):
        earlier = [(m, k) for m, k in people.mentions if m.sentence == previous]
        if earlier:
            subjects = [(m, k) for m, k in earlier if _is_subject(docs[previous], m)]
            return (subjects or earlier)[0 if subjects else -1][1]
    return None


def _is_subject(doc: Any, mention: NameMention) -> bool:
    return any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(mention.start, mention.end))
