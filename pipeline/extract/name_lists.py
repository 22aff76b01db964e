"""Names in lists: envoys each with their country, and rosters of portfolios.

"Joseph Roe (Republic of Mali), Anne Roe (Estonia)", "the foreign ministers of
Kyrgyzstan [Jane Roe] and Tajikistan [John Doe]", "the ambassadors of Estonia, Anne
Roe; Slovenia, Marta Roe" and "Jane Roe (Interior), John Doe (Treasury)": the model
often misses such names, and the list's punctuation says where each one ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pipeline.extract.name_shapes import PARTICLES, NameMention, NameRules, name_shaped, words_of
from pipeline.extract.nlp import marked_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_LIST_BREAKS = frozenset({",", ";", ":", "and", "by", "(", ")", "–", "—"})


def listed_names(
    doc: Doc, sentence: int, titles: list[tuple[int, int]], rules: NameRules
) -> Iterable[NameMention]:
    """Names in lists of envoys, each with its country: "Joseph Roe (Republic of Mali), ..." and,
    after a plural title, "the ambassadors of Estonia, Anne Roe; Slovenia, Marta Roe"."""
    title_tokens = {i for a, b in titles for i in range(a, b)}
    spans = list(marked_spans(doc, "countries"))
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
            and any(
                t.root.tag_ in ("NNS", "NNPS") for t in marked_spans(doc, "titles") if t.end <= span.start
            )
        ):
            run = _run_forward(doc, span.end + 1, title_tokens, rules)
            if run is not None and (run[1] >= len(doc) or doc[run[1]].text in (";", ",", ".", "and")):
                yield _listed(doc, sentence, run)


def roster_items(doc: Doc, countries: set[int]) -> list[tuple[int, int, int]]:
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
    doc: Doc, sentence: int, title_tokens: set[int], rules: NameRules, countries: set[int]
) -> Iterable[NameMention]:
    for opening, _, _ in roster_items(doc, countries):
        end = opening - 1 if opening > 0 and doc[opening - 1].text == "," else opening
        run = _run_back(doc, end, title_tokens, rules)
        if run is not None:
            yield _listed(doc, sentence, run)


def _listed(doc: Doc, sentence: int, run: tuple[int, int]) -> NameMention:
    words = words_of(doc, *run)
    if len(words[-1]) > 2 and words[-1].endswith("."):
        words = (*words[:-1], words[-1][:-1])  # "Martin Roe." ends the sentence
    return NameMention(sentence, run[0], run[1], words, True, False, False)


def _run_back(doc: Doc, end: int, title_tokens: set[int], rules: NameRules) -> tuple[int, int] | None:
    start = end
    while (
        start > 0
        and doc[start - 1].text not in _LIST_BREAKS
        and start - 1 not in title_tokens
        and not _verb_before_a_list(doc[start - 1])
        and end - start < 6
    ):
        start -= 1
    return _checked(doc, start, end, rules)


def _verb_before_a_list(token: Token) -> bool:
    """ "The envoys were Jane Roe (Mali), …", "included Jane Roe (Mali)": the list starts after it."""
    return token.is_lower and token.pos_ in ("VERB", "AUX")


def _run_forward(doc: Doc, start: int, title_tokens: set[int], rules: NameRules) -> tuple[int, int] | None:
    end = start
    while (
        end < len(doc) and doc[end].text not in _LIST_BREAKS and end not in title_tokens and end - start < 6
    ):
        end += 1
    return _checked(doc, start, end, rules)


def _checked(doc: Doc, start: int, end: int, rules: NameRules) -> tuple[int, int] | None:
    start = rules.honorific_at(doc, start)
    words = tuple(w[:-1] if len(w) > 2 and w.endswith(".") else w for w in words_of(doc, start, end))
    if len(words) < 2 or not all(w[:1].isupper() or w.lower() in PARTICLES for w in words):
        return None
    return (start, end) if name_shaped(words, rules.stop, rules.countries, rules.inner_words) else None
