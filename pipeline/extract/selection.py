"""Which sentences of an article need the tagger, the parser and the lemmatizer.

NER and the title marker run on every sentence (``pipeline.extract.nlp.annotate``); the rest of
the model, nearly half of the extraction's time, only on the sentences the extractor can
read a fact from. The extractor finds persons in PERSON entities, after titles and by the
names the article's entities give; meetings and their topics also in sentences that name
no one but refer to the persons in focus ("They met", "both sides agreed", "the talks
touched on ...", "he said"). So a sentence is parsed when it is a headline, or holds a
PERSON entity, a title, a word of a person's name the article's entities give, a meeting
word (``ontology/patterns/meeting-triggers.txt``) or a reference word
(``reference-words.txt``), in any form the model's lemmatizer reads as that word. A
sentence with none of these (figures, background, quotes of others) yields no fact.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from pipeline.extract.lexicon import Lexicon
from pipeline.extract.nlp import marked_spans
from pipeline.records import ParsedArticle

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.lookups import Lookups
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc


@dataclass(frozen=True)
class SyntaxSelector:
    """The sentences of an article to parse (see the module's docstring)."""

    words: frozenset[str]  # lower-cased forms of meeting and reference words

    @classmethod
    def of(cls, nlp: Language, lexicon: Lexicon) -> SyntaxSelector:
        triggers = lexicon.triggers
        lemmas = (
            triggers.verbs
            | triggers.nouns
            | triggers.joint_verbs
            | triggers.visitor_verbs
            | triggers.phone_words
            | triggers.video_words
            | lexicon.reference_words
        )
        if "lemmatizer" not in nlp.pipe_names:
            return cls(frozenset(lemmas))
        return cls(word_forms(lemmas, cast("Lemmatizer", nlp.get_pipe("lemmatizer")).lookups))

    def __call__(self, docs: Sequence[Doc], article: ParsedArticle) -> list[bool]:
        names = {
            token.text
            for doc in docs
            for ent in doc.ents
            if ent.label_ == "PERSON"
            for token in ent
            if token.is_title
        }
        return [
            sentence.is_title
            or bool(marked_spans(doc, "titles"))
            or any(ent.label_ == "PERSON" for ent in doc.ents)
            or any(token.text in names or token.lower_ in self.words for token in doc)
            for doc, sentence in zip(docs, article.sentences, strict=True)
        ]


def word_forms(lemmas: Iterable[str], lookups: Lookups) -> frozenset[str]:
    """Every lower-cased form the rule lemmatizer of ``lookups`` can read as one of ``lemmas``:
    the lemma, its inflections by the suffix rules ("talks", "discussed"), the irregular
    forms of its exceptions ("met", "spoke")."""
    wanted = frozenset(lemma.lower() for lemma in lemmas)
    forms = set(wanted)
    for rules in lookups.get_table("lemma_rules").values():
        for inflected, base in rules:
            forms.update(
                lemma[: len(lemma) - len(base)] + inflected for lemma in wanted if lemma.endswith(base)
            )
    for exceptions in lookups.get_table("lemma_exc").values():
        forms.update(form for form, bases in exceptions.items() if wanted.intersection(bases))
    return frozenset(forms)
