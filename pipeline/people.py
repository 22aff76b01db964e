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
    countries = lexicon.country_words
    candidates: list[NameMention] = []
    for index, doc in enumerate(docs):
        found = list(_names_in(doc, index, title_spans.get(index, []), stop, countries))
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
) -> Iterable[NameMention]:
    covered: set[int] = set()
    title_ends = {end for _, end in titles}
    title_tokens = {i for start, end in titles for i in range(start, end)}
    first_word = next((t.i for t in doc if not t.is_punct and not t.is_space), 0)
    # Names right after a title: "PM Ishiba", "Ambassador-Designate Glass".
    for end in sorted(title_ends):
        run: list[int] = []
        i = end
        while (
            i < len(doc)
            and len(run) < 5
            and _name_like(doc[i].text, stop)
            and doc[i].lower_ not in countries
            and doc[i].tag_ in ("NNP", "NNPS")
        ):
            run.append(i)
            i += 1
        if run and _valid(tuple(doc[j].text for j in run), stop, countries):
            covered.update(run)
            yield NameMention(
                sentence,
                run[0],
                run[-1] + 1,
                tuple(doc[j].text for j in run),
                True,
                _is_person(doc, run),
                run[0] == first_word,
            )
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        indices = [t.i for t in ent if t.i not in title_tokens and not t.is_punct]
        # Strip title and filler words the model included ("Designate Glass").
        while indices and (doc[indices[0]].lower_ in stop or doc[indices[0]].lower_ in countries):
            indices.pop(0)
        while indices and doc[indices[-1]].lower_ in stop | {"'s", "’s"}:
            indices.pop()
        if (
            not indices
            or covered.intersection(indices)
            or indices != list(range(indices[0], indices[-1] + 1))
        ):
            continue
        tokens = tuple(doc[j].text for j in indices)
        if _valid(tokens, stop, countries):
            covered.update(indices)
            yield NameMention(
                sentence, indices[0], indices[-1] + 1, tokens, False, True, indices[0] == first_word
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
    tokens = tuple(doc[i].text for i in run)
    if len(tokens) >= 2 and _valid(tokens, stop, countries):
        covered.update(run)
        yield NameMention(sentence, run[0], run[-1] + 1, tokens, False, False, False)


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
        i = 0
        while i < len(doc):
            found = None
            for form in sorted(by_first.get(doc[i].lower_, []), key=len, reverse=True):
                end = i + len(form)
                if (
                    end <= len(doc)
                    and tuple(t.lower_ for t in doc[i:end]) == form
                    and all(doc[j].text[:1].isupper() and (index, j) not in taken for j in range(i, end))
                ):
                    found = form
                    break
            if found is None:
                i += 1
                continue
            end = i + len(found)
            cluster = forms[found]
            ambiguous = len([c for c in clusters if set(found) <= c.key_tokens]) > 1
            if not ambiguous:
                tokens = tuple(doc[j].text for j in range(i, end))
                first_word = next((t.i for t in doc if not t.is_punct), 0)
                cluster.mentions.append(NameMention(index, i, end, tokens, False, False, i == first_word))
                taken.update((index, j) for j in range(i, end))
            i = end
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: (m.sentence, m.start))


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
