"""Names and labels as the gold README compares them (its rule 1): normalised, titles stripped."""

from __future__ import annotations

import re
import unicodedata

_TITLE_WORDS = frozenset(
    "pm president prime minister dr mr mrs ms eam ambassador secretary amb designate elect "
    "chancellor foreign defence defense state of the sir premier king queen".split()
)


def normalise(text: str) -> str:
    """NFKC, no diacritics or punctuation, lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text.lower().replace("’", "'").replace("'s ", " "))
    return " ".join(text.split())


def name_key(name: str) -> frozenset[str]:
    """A name as a set of tokens, titles stripped: "PM Ishiba" → {"ishiba"}."""
    return frozenset(t for t in normalise(name).split() if t not in _TITLE_WORDS and len(t) > 1)
