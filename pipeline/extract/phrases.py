"""A token-sequence index: longest, non-overlapping matches of known phrases.

Used for country names, titles and topic labels. A phrase token matches a text token
by lower-cased form or by lower-cased lemma when it has one (so "tariffs" finds "tariff"), except
tokens written in capitals in the phrase ("PM", "US"), which match only as written:
"us" is a pronoun and "pm" a time of day.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import Protocol

_EXACT = "\x00"  # prefix of keys that must match the token exactly as written


class TokenLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def lower_(self) -> str: ...
    @property
    def lemma_(self) -> str: ...


class TokenSequence(Protocol):
    """Tokens in order: a Doc, a Span, or a list of tokens."""

    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[TokenLike]: ...


@dataclass(frozen=True)
class PhraseMatch:
    start: int  # token index
    end: int  # token index, exclusive
    payloads: tuple[str, ...]


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    payloads: set[str] = field(default_factory=set)


def _quotes(text: str) -> str:
    """Typographic apostrophes as plain ones: "People’s" matches "People's"."""
    return text.replace("’", "'").replace("‘", "'")


def _pattern_keys(token: TokenLike) -> set[str]:
    text = _quotes(token.text)
    if len(text) >= 2 and text.isupper() and any(c.isalpha() for c in text):
        return {_EXACT + text}
    return {_quotes(token.lower_), *_lemma_key(token)}


def _text_keys(token: TokenLike) -> tuple[str, ...]:
    return (_quotes(token.lower_), *_lemma_key(token), _EXACT + _quotes(token.text))


def token_keys(tokens: TokenSequence) -> list[tuple[str, ...]]:
    """The keys each token matches a phrase token by, without repeats."""
    return [tuple(dict.fromkeys(_text_keys(t))) for t in tokens]


def _lemma_key(token: TokenLike) -> tuple[str, ...]:
    """The lemma as a key, none when the token has no lemma (a Doc without the lemmatizer)."""
    lemma = token.lemma_.lower()
    return (_quotes(lemma),) if lemma else ()


class PhraseIndex:
    """Phrases (as token sequences) with payloads; finds them in token sequences."""

    def __init__(self) -> None:
        self._root = _Node()
        self.size = 0

    def add(self, tokens: TokenSequence, payload: str) -> None:
        if not tokens:
            return
        for path in product(*(sorted(_pattern_keys(t)) for t in tokens)):
            node = self._root
            for key in path:
                node = node.children.setdefault(key, _Node())
            node.payloads.add(payload)
        self.size += 1

    def find(self, tokens: TokenSequence, keys: Sequence[tuple[str, ...]] | None = None) -> list[PhraseMatch]:
        """Longest matches, left to right, not overlapping; ``keys``: ``token_keys(tokens)``,
        when the caller has them already."""
        if keys is None:
            keys = token_keys(tokens)
        first = self._root.children
        matches: list[PhraseMatch] = []
        i = 0
        while i < len(keys):
            best: PhraseMatch | None = None
            frontier = [child for key in keys[i] if (child := first.get(key)) is not None]
            j = i + 1
            while frontier:
                payloads = set().union(*(node.payloads for node in frontier))
                if payloads:
                    best = PhraseMatch(i, j, tuple(sorted(payloads)))
                if j == len(keys):
                    break
                frontier = [
                    child
                    for node in frontier
                    for key in keys[j]
                    if (child := node.children.get(key)) is not None
                ]
                j += 1
            if best is not None:
                matches.append(best)
                i = best.end
            else:
                i += 1
        return matches
