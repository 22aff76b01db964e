"""Extract: one article's sentences → persons, office holdings and meetings.

``nlp`` builds the spaCy pipeline (the English model plus span markers read from the
ontology); ``lexicon`` loads the ontology and, through ``word_lists``,
``ontology/patterns/`` (the rules as data). The rules, in the order ``articles``
applies them: ``name_mentions`` (with ``name_shapes`` and ``name_lists``) and
``persons`` (who is a person, one node per person), ``title_mentions`` (with
``title_lookup``, a title's entries in the lexicon),
``office_holdings``, ``office_inference`` and ``article_countries`` (who holds which
office, of which country), then
``meeting_mentions`` (with ``meeting_participants``), ``meeting_circumstances`` (date,
place, mode), ``credentials_ceremonies`` and ``meeting_events`` (one claim per meeting,
with topics).
``selection`` says which sentences need the parser; ``reading`` is what the rules share
about one article (its Docs, persons, titles and the lexicon).
"""

from pipeline.extract.articles import extract_article, extract_articles
from pipeline.extract.lexicon import Lexicon, load_lexicon
from pipeline.extract.nlp import get_nlp

__all__ = ["Lexicon", "extract_article", "extract_articles", "get_nlp", "load_lexicon"]
