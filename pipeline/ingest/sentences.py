"""An article's text as lines and sentences, each with its offsets into the text.

A sentence broken over two lines is one line; a sentence ends at ".", "!" or "?" before
a capital, except after an abbreviation or an initial ("Joseph R. Biden"); a wire
copy's end mark ("(end)", "--") is no part of it; and no sentence handed on is longer
than ``_MAX_SENTENCE_CHARS``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.records import Sentence

_END_MARK = re.compile(r"\s*\((?:end|ends|END|AP|AFP)\)\s*$|\s*(?:-{2,}|—)\s*$")
_MAX_SENTENCE_CHARS = 2_000  # longest sentence handed to spaCy; real ones are far shorter
_SENTENCE_END = re.compile(r"[.!?][\"”’'\)\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr prof gen lt col capt sgt adm gov sen rep amb hon rev no vs etc "
    "inc corp co ltd jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u "
    "p.m a.m h.e fig approx dept est".split()
)

_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")


@dataclass(frozen=True)
class Line:
    """A line of the article (or two joined), with its offsets into the text."""

    start: int
    end: int
    text: str


def text_lines(text: str) -> Iterator[Line]:
    """The non-blank lines, a sentence broken over two lines joined into one."""
    previous: Line | None = None
    start = 0
    for raw_line in text.split("\n"):
        end = start + len(raw_line)
        stripped = raw_line.strip()
        if not stripped:
            if previous is not None:
                yield previous
            previous = None
        else:
            lead = len(raw_line) - len(raw_line.lstrip())
            line = Line(start + lead, start + lead + len(stripped), stripped)
            if previous is not None and _continues(previous.text, stripped):
                line = Line(previous.start, line.end, text[previous.start : line.end])
            elif previous is not None:
                yield previous
            previous = line
        start = end + 1
    if previous is not None:
        yield previous


_CONTINUATION = re.compile(r"^(?:[’']s\s|[a-z])")


def _continues(line: str, following: str) -> bool:
    """Does ``following`` carry on the sentence ``line`` leaves open ("... President Moon
    Jae-in" / "'s special envoys met ...")? Both must be prose, not menu items."""
    return (
        not line.endswith((".", "!", "?", ":", ";", '"', "”"))
        and len(line.split()) >= 4
        and len(following.split()) >= 3
        and _CONTINUATION.match(following) is not None
    )


def sentences_in(lines: list[Line]) -> Iterator[Sentence]:
    """The sentences of the body lines, numbered 0 (the caller numbers them)."""
    for line in lines:
        text = line.text
        trimmed = _END_MARK.search(text)
        if trimmed:
            text = text[: trimmed.start()]
        for start, end in _bounded(text, _split(text)):
            sentence = text[start:end]
            if not any(c.isalpha() for c in sentence):
                continue
            yield Sentence(
                index=0,
                start=line.start + start,
                end=line.start + end,
                text=sentence,
                is_question=sentence.rstrip("\"”’' ").endswith("?"),
            )


def _bounded(text: str, spans: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Spans longer than ``_MAX_SENTENCE_CHARS`` cut at spaces into pieces that fit.

    A page with no full stops (one 5 MB line) is no sentence: cutting it keeps the
    spaCy work per Doc, and the memory it takes, bounded.
    """
    for start, end in spans:
        while end - start > _MAX_SENTENCE_CHARS:
            cut = text.rfind(" ", start + 1, start + _MAX_SENTENCE_CHARS)
            if cut <= start:
                cut = start + _MAX_SENTENCE_CHARS
            yield from _trimmed(text, start, cut)
            start = cut
        yield from _trimmed(text, start, end)


def _split(text: str) -> Iterator[tuple[int, int]]:
    """Sentence spans of one paragraph; abbreviations and initials do not end sentences."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        end = match.end()
        yield from _trimmed(text, start, end)
        start = end
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def _is_abbreviation(text: str, period: int) -> bool:
    word_start = period
    while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in '("“':
        word_start -= 1
    word = text[word_start:period]
    if len(word) == 1 and word.isupper() or _INITIALS.fullmatch(word):
        return True  # initials: "Joseph R. Biden", "S. Jaishankar", "L.K. Perera"
    return word.lower().rstrip(".") in _ABBREVIATIONS
