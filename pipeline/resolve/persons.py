"""Persons across articles: one Person per real person.

Persons merge on their full name's tokens (any order); a family name alone joins the
one person it can belong to, and stays apart when two could; two spellings of one name
merge when they hold the same office.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from pipeline.extract.lexicon import fold
from pipeline.records import ArticleExtraction, PersonRecord, ResolvedPerson
from pipeline.resolve.iris import slugify

PersonOf = dict[tuple[str, str], str]  # (article, person key in it) → the person's slug


def resolve_persons(extractions: Sequence[ArticleExtraction]) -> tuple[list[ResolvedPerson], PersonOf]:
    """One person per real person, and which one each article's person is."""
    person_of: PersonOf = {}
    persons = []
    for slug, name, group in _slugs(_group_persons(extractions)):
        for article, person in group.members:
            person_of[(article, person.key)] = slug
        persons.append(_person(slug, name, group))
    return persons, person_of


@dataclass
class _Group:
    members: list[tuple[str, PersonRecord]] = field(default_factory=list)  # (article, person)
    # The words of all the members' names, kept as members are added: recomputing them
    # for every comparison made resolution quadratic in a person's mentions.
    tokens: frozenset[str] = frozenset()

    def add(self, article: str, person: PersonRecord) -> None:
        self.members.append((article, person))
        self.tokens |= _name_tokens(person.name)

    def absorb(self, other: _Group) -> None:
        self.members.extend(other.members)
        self.tokens |= other.tokens

    @property
    def countries(self) -> set[str]:
        return {p.country for _, p in self.members if p.country}

    @property
    def order_key(self) -> tuple[str, str]:
        return min((article, person.key) for article, person in self.members)


@functools.lru_cache(maxsize=1 << 16)
def _name_tokens(name: str) -> frozenset[str]:
    """A name's words as compared across articles: case, diacritics and hyphens folded
    ("Bùi Thanh Sơn" = "Bui Thanh Son", "Amir-Abdollahian" = "Amir Abdollahian")."""
    words = fold(name).replace("-", " ").replace("‐", " ").split()
    return frozenset(w.strip(".") for w in words if len(w.strip(".")) > 1 and w not in _PARTICLES)


_PARTICLES = frozenset({"bin", "binti", "ibn", "al", "el", "de", "del", "da", "dos", "van", "von", "la"})
# Two spellings of one name ("Abel-Aty", "Abdelatty") are one person only when they hold
# the same office; this similarity (0-100, rapidfuzz) is the least that counts.
_SPELLING_SIMILARITY = 85


def _group_persons(extractions: Sequence[ArticleExtraction]) -> list[_Group]:
    full: dict[frozenset[str], _Group] = {}
    singles: list[tuple[str, PersonRecord]] = []
    for extraction in extractions:
        article = extraction.article.source.content_hash
        for person in extraction.persons:
            tokens = _name_tokens(person.name)
            if len(tokens) >= 2:
                full.setdefault(tokens, _Group()).add(article, person)
            else:
                singles.append((article, person))
    roles = _roles_by_person(extractions)
    groups = _merge_spellings(sorted(full.values(), key=lambda g: g.order_key), roles, extractions)
    # Index the full names by each of their words (and fix their countries now: a family
    # name joining a group adds no word and no country to decide by).
    by_word: dict[str, list[_Group]] = defaultdict(list)
    countries = {id(g): g.countries for g in groups}
    for group in groups:
        for word in group.tokens:
            by_word[word].append(group)
    lone: dict[tuple[frozenset[str], str | None], _Group] = {}
    group_roles = _GroupRoles(roles)
    for article, person in sorted(singles, key=lambda item: (item[0], item[1].key)):
        tokens = _name_tokens(person.name)
        candidates = by_word.get(next(iter(tokens)), []) if tokens else []
        owners = [g for g in candidates if _compatible(person.country, countries[id(g)])]
        if len(owners) > 1:
            mine = roles.get((article, person.key), set())
            owners = [g for g in owners if mine & group_roles(g)] or owners
        if len(owners) == 1:
            owners[0].add(article, person)
        else:
            lone.setdefault((tokens, person.country), _Group()).add(article, person)
    return sorted([*groups, *lone.values()], key=lambda g: g.order_key)


def _merge_spellings(
    groups: list[_Group], roles: dict[tuple[str, str], set[str]], extractions: Sequence[ArticleExtraction]
) -> list[_Group]:
    """Merge groups whose names are spellings of one name and who hold one office
    (same role and country) somewhere: "Badr Abel-Aty" and "Badr Abdelatty", foreign
    ministers of Egypt. Namesakes with other offices stay apart."""
    offices: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for extraction in extractions:
        article = extraction.article.source.content_hash
        for claim in extraction.holdings:
            if claim.office.country:
                offices[(article, claim.person)].add((claim.office.role, claim.office.country))
    merged: list[_Group] = []
    by_office: dict[tuple[str, str], list[_Group]] = defaultdict(list)  # only holders of one office compare
    listed: dict[tuple[str, str], set[int]] = defaultdict(set)  # ids of by_office's groups
    names: dict[int, str] = {}  # a group's words, sorted: what the similarity compares
    for group in groups:
        held = set().union(*(offices.get((a, p.key), set()) for a, p in group.members))
        name = " ".join(sorted(group.tokens))
        # Each group once, in the order of the offices (a group may hold two of them).
        candidates = {id(o): o for office in sorted(held) for o in by_office[office]}.values()
        target = next(
            (
                other
                for other in candidates
                if fuzz.token_sort_ratio(name, names[id(other)], score_cutoff=_SPELLING_SIMILARITY)
                >= _SPELLING_SIMILARITY
            ),
            None,
        )
        if target is None:
            merged.append(group)
            target = group
        else:
            target.absorb(group)
        names[id(target)] = " ".join(sorted(target.tokens))
        for office in held:
            if id(target) not in listed[office]:
                listed[office].add(id(target))
                by_office[office].append(target)
    return merged


def _compatible(country: str | None, countries: set[str]) -> bool:
    return country is None or not countries or country in countries


def _roles_by_person(extractions: Sequence[ArticleExtraction]) -> dict[tuple[str, str], set[str]]:
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for extraction in extractions:
        for claim in extraction.holdings:
            roles[(extraction.article.source.content_hash, claim.person)].add(claim.office.role)
    return roles


class _GroupRoles:
    """The roles the members of a group hold, kept per group and brought up to date with
    the members it gained since: a family name compared with many groups reads each once."""

    def __init__(self, roles: dict[tuple[str, str], set[str]]) -> None:
        self.roles = roles
        self._known: dict[int, tuple[int, set[str]]] = {}  # id(group) → (members read, roles)

    def __call__(self, group: _Group) -> set[str]:
        read, held = self._known.get(id(group), (0, set()))
        if read < len(group.members):
            held = held.union(*(self.roles.get((a, p.key), set()) for a, p in group.members[read:]))
            self._known[id(group)] = (len(group.members), held)
        return held


def _canonical_name(group: _Group) -> str:
    counts = Counter(p.name for _, p in group.members)
    full = {n: c for n, c in counts.items() if len(_name_tokens(n)) >= 2} or dict(counts)
    return min(full, key=lambda n: (-full[n], -len(n), n))


def _slugs(groups: list[_Group]) -> Iterable[tuple[str, str, _Group]]:
    """Each group's slug (numbered after the first of one name) and canonical name."""
    used: Counter[str] = Counter()
    for group in groups:
        name = _canonical_name(group)
        slug = slugify(name)
        used[slug] += 1
        yield (slug if used[slug] == 1 else f"{slug}-{used[slug]}"), name, group


def _person(slug: str, name: str, group: _Group) -> ResolvedPerson:
    forms = {p.name for _, p in group.members} | {a for _, p in group.members for a in p.aliases}
    return ResolvedPerson(
        slug=slug,
        name=name,
        aliases=tuple(sorted(forms - {name})),
        articles=tuple(sorted({a for a, _ in group.members})),
    )
