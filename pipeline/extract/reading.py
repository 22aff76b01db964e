"""One article as the rules after ``persons`` read it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.extract.lexicon import Lexicon
from pipeline.extract.persons import People
from pipeline.extract.title_mentions import TitleMention
from pipeline.records import ParsedArticle

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class ArticleReading:
    """An article with its sentences' Docs, its persons and titles, and the reference data."""

    article: ParsedArticle
    docs: Sequence[Doc]  # one Doc a sentence, in the article's order
    people: People
    titles: Sequence[TitleMention]
    lexicon: Lexicon
