"""Syntax only where the extractor reads it: the choice of sentences, and Docs as the whole
pipeline makes them (``pipeline.extract.selection``, ``pipeline.extract.nlp.annotate``)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline import records
from pipeline.config import PROJECT_ROOT
from pipeline.extract import articles as extract
from pipeline.extract import meeting_events as events
from pipeline.extract import meeting_mentions as meetings
from pipeline.extract import persons as people
from pipeline.extract.articles import extract_article, extract_articles
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.nlp import COMPONENTS, annotate
from pipeline.extract.selection import SyntaxSelector, word_forms
from pipeline.ingest.parse import parse_file
from pipeline.records import InputFile, ParsedArticle
from tests.conftest import make_article

# ner alone makes one entity of "Ma Wei." and what the parser makes the next sentence.
ACROSS_SENTENCES = "The meeting was attended by China's Ambassador to Hungary Ma Wei. Talks followed."


def token_annotations(doc: Any) -> list[tuple[str, ...]]:
    return [
        (
            t.text,
            t.tag_,
            t.pos_,
            t.dep_,
            str(t.head.i),
            t.lemma_,
            t.ent_iob_,
            t.ent_type_,
            str(t.is_sent_start),
        )
        for t in doc
    ]


def spans(doc: Any) -> dict[str, list[tuple[int, int, str]]]:
    return {key: [(s.start, s.end, s.label_) for s in doc.spans[key]] for key in sorted(doc.spans)}


def test_selection_word_forms_are_the_forms_the_lemmatizer_reads_as_the_word(nlp: Any) -> None:
    forms = word_forms({"meet", "talk", "discuss", "speak", "Reply"}, nlp.get_pipe("lemmatizer").lookups)
    assert {"meet", "met", "meets", "meeting", "talks", "discussed", "spoke", "spoken", "replied"} <= forms
    assert not {"tariff", "minister", ""} & forms


def test_selection_reference_words_cover_the_words_the_extractor_reads_without_names(
    lexicon: Lexicon,
) -> None:
    # Words the extractor resolves to persons or reads to continue a meeting: a sentence
    # with one of them must be parsed, so they must stand in reference-words.txt.
    words = lexicon.reference_words
    for extractor_words in (
        events._SPEECH_VERBS,
        meetings._PLURAL_REFERENCES,
        extract._PLURAL_WORDS,
        events.PAIR_NUMBERS,
        people._PRONOUNS_SINGULAR,
    ):
        assert extractor_words <= words, sorted(extractor_words - words)


def hand_made(nlp: Any, text: str, person: tuple[int, int] | None = None, title: bool = False) -> Doc:
    """A Doc as ``annotate`` hands it to the selection: tokens, entities, title spans, no syntax."""
    doc = nlp.make_doc(text)
    if person:
        doc.ents = [Span(doc, *person, label="PERSON")]
    doc.spans["titles"] = [Span(doc, 0, 1, label="minister")] if title else []
    return doc


def test_selection_chooses_sentences_with_persons_titles_names_or_meeting_words(nlp: Any) -> None:
    body = make_article(
        "A day in Lisbon. "
        "Jane Roe arrived in Lisbon on Monday. "
        "Minister of Trade arrived too. "
        "Later Roe arrived. "
        "The talks lasted an hour. "
        "They left. "
        "Exports of wine rose by four percent last year."
    )
    headline = replace(body.sentences[0], is_title=True)
    article = replace(body, sentences=(headline, *body.sentences[1:]))
    person = {1: (0, 2)}  # "Jane Roe"
    docs = [
        hand_made(nlp, sentence.text, person=person.get(i), title=sentence.text.startswith("Minister"))
        for i, sentence in enumerate(article.sentences)
    ]
    selector = SyntaxSelector(words=frozenset({"talks", "they"}))
    assert selector(docs, article) == [True, True, True, True, True, True, False]
    # "Roe" counts as a name only because an entity of the article says so.
    docs[1].ents = []
    assert selector(docs, article)[3] is False


def texts_of(*groups: Sequence[str]) -> list[tuple[Sequence[str], int]]:
    return [(texts, number) for number, texts in enumerate(groups)]


def test_annotate_gives_chosen_sentences_what_the_whole_pipeline_gives(nlp: Any) -> None:
    sentences = [
        ACROSS_SENTENCES,
        "Japanese Foreign Minister Jane Roe held talks with the two US envoys on tariffs.",
        "Exports of cars to Brazil rose by four percent.",
        "Presidents of the two countries discussed climate change.",
    ]
    groups = texts_of(sentences[:2], [], sentences[2:])

    def all_but_exports(docs: Sequence[Any], number: int) -> list[bool]:
        return [not doc.text.startswith("Exports") for doc in docs]

    annotated = list(annotate(nlp, groups, needs_syntax=all_but_exports, batch_size=2))
    assert [number for _, number in annotated] == [0, 1, 2]
    assert [len(docs) for docs, _ in annotated] == [2, 0, 2]
    docs = [doc for group, _ in annotated for doc in group]
    whole = list(nlp.pipe(sentences))
    for doc, expected in zip(docs, whole, strict=True):
        if doc.text.startswith("Exports"):
            assert not doc.has_annotation("DEP") and not doc.has_annotation("LEMMA")
            assert [(e.start, e.end, e.label_) for e in doc.ents] == [
                (e.start, e.end, e.label_) for e in expected.ents
            ]
            assert spans(doc)["countries"] == spans(expected)["countries"]
        else:
            assert token_annotations(doc) == token_annotations(expected)
            assert spans(doc) == spans(expected)
    assert set(spans(docs[0])) == {name.removeprefix("dip_") for name in COMPONENTS}
    # Why NER runs again on such a sentence: alone it makes an entity across the parser's boundary.
    with nlp.select_pipes(enable=["ner"]):
        alone = nlp(ACROSS_SENTENCES)
    assert [e.text for e in alone.ents] != [e.text for e in whole[0].ents]


def articles_in(folder: Path) -> list[ParsedArticle]:
    found = []
    for path in sorted(folder.rglob("*.txt")):
        raw = path.read_bytes()
        source = InputFile(path.name, "sha256:" + hashlib.sha256(raw).hexdigest(), len(raw))
        result = parse_file(source, raw, max_text_chars=400_000)
        if result.article is not None:
            found.append(result.article)
    return found


@pytest.mark.parametrize("folder", ["corpus", "cases"])
def test_extract_articles_extracts_what_the_whole_pipeline_on_every_sentence_extracts(
    folder: str, nlp: Any, lexicon: Lexicon
) -> None:
    articles = articles_in(PROJECT_ROOT / "tests" / "data" / folder)
    assert len(articles) > 10
    expected = [
        records.to_json(extract_article(article, list(nlp.pipe(s.text for s in article.sentences)), lexicon))
        for article in articles
    ]
    selective = [records.to_json(e) for e in extract_articles(articles, nlp, lexicon, batch_size=64)]
    assert selective == expected


def test_selection_titles_of_a_doc_without_lemmas_match_by_their_written_form(nlp: Any) -> None:
    # The title marker runs before the lemmatizer: an empty lemma matches no phrase.
    doc = nlp.get_pipe("dip_titles")(nlp.make_doc("The Foreign Minister met the ministers of trade."))
    assert [(s.text, s.label_) for s in doc.spans["titles"]] == [
        ("Foreign Minister", "foreign minister"),
        ("ministers", "minister"),  # the plurals the marker lists
    ]


def test_annotate_runs_the_shared_tok2vec_everywhere_when_ner_listens_to_it() -> None:
    # Larger models' ner reads the shared tok2vec; en_core_web_sm's has its own.
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"}
    model = {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 8,
        "maxout_pieces": 2,
        "use_upper": True,
        "tok2vec": listener,
    }
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.add_pipe("ner", config={"model": model}).add_label("PERSON")
    nlp.initialize()
    texts = ["Jane Roe met John Doe.", "Roe left.", "Doe stayed."]
    annotated = list(
        annotate(nlp, texts_of(texts), needs_syntax=lambda docs, _: [False] * len(docs), batch_size=2)
    )
    expected = [[(e.start, e.end) for e in doc.ents] for doc in nlp.pipe(texts)]
    assert [[(e.start, e.end) for e in doc.ents] for doc in annotated[0][0]] == expected
    assert all(doc.tensor.shape[0] == len(doc) for doc in annotated[0][0])


def test_selection_release_nlp_drops_the_process_pipeline() -> None:
    """After a run whose workers used the model, the parent lets it go (see run_pipeline)."""
    from pipeline.config import Settings
    from pipeline.extract.nlp import get_nlp, release_nlp

    settings = Settings()
    first = get_nlp(settings)
    assert get_nlp(settings) is first
    release_nlp()
    assert get_nlp(settings) is not first
