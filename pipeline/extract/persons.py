"""Who is who inside one article: person names, their variants, and references.

Names come from the model's PERSON entities and from capitalised words right after a
title (``PM Ishiba``), cleaned of titles and checked for shape (glued tag strings and
navigation words are no names). Mentions are then grouped into persons: a full name
and its reversed order are one person; a family name alone joins the one person it
belongs to, or the one last mentioned when two people share it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline.extract.lexicon import Lexicon, fold
from pipeline.extract.name_mentions import candidate_names, is_credit_line
from pipeline.extract.name_shapes import NameMention, NameRules, extend_hyphens, first_word_of, words_of
from pipeline.extract.title_mentions import title_words_opening_names, words_inside_names
from pipeline.records import PersonRecord

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A reflexive stands for the subject before it: "a conversation between herself and X".
_PRONOUNS_SINGULAR = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})


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
    # (sentence, token) → the person whose name follows the forms of address that begin
    # there: "Foreign Minister Datuk Seri Mohamad Hasan", "Prince Faisal bin Farhan".
    addressed: dict[tuple[int, int], str] = field(default_factory=dict)

    def person_at(self, sentence: int, token: int) -> str | None:
        return self.by_token.get((sentence, token))

    def name_starting_at(self, sentence: int, token: int) -> str | None:
        """The person whose name begins at this token, or after forms of address that begin there."""
        found = next((k for m, k in self.mentions if m.sentence == sentence and m.start == token), None)
        return found or self.addressed.get((sentence, token))

    def name_ending_at(self, sentence: int, token: int) -> str | None:
        """The person whose name ends just before this token."""
        return next((k for m, k in self.mentions if m.sentence == sentence and m.end == token), None)

    def records(self, countries: dict[str, str]) -> tuple[PersonRecord, ...]:
        return tuple(
            PersonRecord(key=c.key, name=c.name, aliases=c.aliases, country=countries.get(c.key))
            for c in self.clusters
        )


def find_people(
    docs: Sequence[Doc],
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
    rules = NameRules.of(lexicon, words_inside_names(docs), title_words_opening_names(docs))
    candidates: list[NameMention] = []
    for index, doc in enumerate(docs):
        candidates.extend(candidate_names(doc, index, title_spans.get(index, []), rules))
    accepted = _accept(candidates, headline_sentences, lexicon.cities)
    clusters = _cluster(accepted)
    _propagate(docs, clusters, rules.stop)
    by_token: dict[tuple[int, int], str] = {}
    mentions: list[tuple[NameMention, str]] = []
    addressed: dict[tuple[int, int], str] = {}
    for cluster in clusters:
        for mention in cluster.mentions:
            mentions.append((mention, cluster.key))
            for token in range(mention.start, mention.end):
                by_token[(mention.sentence, token)] = cluster.key
            lead = _address_start(docs[mention.sentence], mention.start, rules)
            if lead < mention.start:
                addressed.setdefault((mention.sentence, lead), cluster.key)
    mentions.sort(key=lambda item: (item[0].sentence, item[0].start))
    return People(clusters=clusters, by_token=by_token, mentions=mentions, addressed=addressed)


def _address_start(doc: Doc, start: int, rules: NameRules) -> int:
    """Where the forms of address right before the name at ``start`` begin (``start`` if none)."""
    for lead in range(max(0, start - 4), start):
        if rules.honorific_at(doc, lead) == start:
            return lead
    return start


def _accept(
    candidates: list[NameMention], headline_sentences: frozenset[int], cities: frozenset[str] = frozenset()
) -> list[NameMention]:
    """Keep full names; keep single words only when a title, a form of address kept with
    the name ("Sheikh Hamdan") or the model vouches twice, and never a lone word that is a
    city of the gazetteer ("Kurunegala") unless it is part of a full name in the article.

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
        if len(candidate.key_tokens) >= 2 or candidate.anchored or candidate.honorific:
            kept.append(candidate)
        elif candidate.key_tokens <= full_tokens:
            kept.append(candidate)  # a family or given name of someone named in full
        elif fold(candidate.text) in cities:
            continue  # a town the model took for a person
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
    # A shorter form of exactly one longer name is that name ("Saleh Mohammad" of
    # "Saleh Asad Saleh Fhied Mohammad"); shared by two, it stays apart (namesakes).
    for key in sorted(clusters, key=len):
        owners = [other for other in clusters if len(other) > len(key) >= 2 and key < other]
        if len(owners) == 1 and clusters[key].mentions:
            clusters[owners[0]].mentions.extend(clusters[key].mentions)
            clusters[key].mentions = []
    for mention in singles:
        owners = [
            key for key in clusters if len(key) >= 2 and mention.key_tokens <= key and clusters[key].mentions
        ]
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


def _propagate(docs: Sequence[Doc], clusters: list[PersonCluster], stop: frozenset[str]) -> None:
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
        if is_credit_line(doc):
            continue
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
                        index,
                        start,
                        end,
                        words_of(doc, start, end),
                        False,
                        False,
                        start == first_word_of(doc),
                    )
                )
                taken.update((index, j) for j in range(start, end))
            position += len(found)
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: (m.sentence, m.start))


def _word_units(doc: Doc) -> list[tuple[int, int, str]]:
    """The sentence as words: (first token, token after, lower-cased word), hyphens joined."""
    units = []
    i = 0
    while i < len(doc):
        end = extend_hyphens(doc, i, i + 1)[1]
        units.append((i, end, doc[i:end].text.lower()))
        i = end
    return units


def resolve_pronoun(
    people: People, docs: Sequence[Doc], sentence: int, token: int, depth: int = 0
) -> str | None:
    """The person a singular personal pronoun most likely refers to.

    The nearest preceding subject in the same sentence, else the subject of the
    previous sentence that has a person in it (its own pronoun subject resolved in
    turn: "He met X. He also met Y."), else its last-mentioned person.
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
        doc = docs[previous]
        pronoun = next(
            (t.i for t in doc if t.dep_ == "nsubj" and t.lower_ in ("he", "she") and t.head.dep_ == "ROOT"),
            None,
        )
        if pronoun is not None and depth < 3:
            return resolve_pronoun(people, docs, previous, pronoun, depth + 1)
        earlier = [(m, k) for m, k in people.mentions if m.sentence == previous]
        if earlier:
            subjects = [(m, k) for m, k in earlier if _is_subject(doc, m)]
            return (subjects or earlier)[0 if subjects else -1][1]
    return None


def _is_subject(doc: Doc, mention: NameMention) -> bool:
    return any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(mention.start, mention.end))
