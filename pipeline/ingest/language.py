"""Which language is a text in? An article's from lingua, a line's from a function-word vote.

Whole articles in other languages must be skipped rather than mined for names: lingua
(offline, deterministic) names the article's language. News pages also mix an English
article with navigation lines in the host site's language; on such short lines ("Japan",
"TOKYO", "Editor: huaxia") a statistical detector guesses wildly, so a line counts as
foreign only when its function words of another language outnumber its English ones.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

_SAMPLE = 20_000  # characters read to decide; a 5 MB line needs no more
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)

# Frequent function words per language; chosen to be rare as words of the others.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to in is that for on with as was by at from his her their this have has "
        "had be been are were it its which who will would said says also after before about "
        "between during while than into over under against they he she we our not but or an a".split()
    ),
    "de": frozenset(
        "der die das und ist nicht mit sich auf für dem den des ein eine einer eines im zu "
        "auch wurde werden sind bei nach vom zum zur über wie oder aber noch heute sagte".split()
    ),
    "fr": frozenset(
        "le la les et est des du une un pour dans sur avec qui que pas au aux par ses sont "
        "été cette mais ont leur il elle ne plus selon lors entre".split()
    ),
    "es": frozenset(
        "el la los las y es del una un para con que por se su sus al lo como más pero fue "
        "este esta entre según sobre ha han".split()
    ),
    "pt": frozenset(
        "o a os as e é do da dos das uma um para com que por se seu sua ao não mais foi "
        "este esta entre segundo sobre tem".split()
    ),
    "it": frozenset(
        "il lo la gli le e è di del della dei delle un una per con che non si sono al alla "
        "anche ha hanno tra secondo".split()
    ),
    "nl": frozenset(
        "de het een en is van dat op te voor met zijn niet aan ook bij werd worden naar "
        "heeft hebben door".split()
    ),
    "id": frozenset(
        "yang dan di ke dari untuk dengan ini itu tidak akan pada juga dalam adalah oleh "
        "atau kata lalu jam tahun sudah bisa saat hari".split()
    ),
    "tr": frozenset("ve bir bu da de ile için olarak gibi daha çok ama sonra".split()),
}


# The languages an article is told apart from English: those of the sites that carry English
# diplomacy news, Latin script and not. Each adds its models to load; lingua picks by script
# first, so a Latin-script article never loads the others.
_DETECTED = (
    Language.ENGLISH,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.ITALIAN,
    Language.DUTCH,
    Language.POLISH,
    Language.INDONESIAN,
    Language.TURKISH,
    Language.RUSSIAN,
    Language.UKRAINIAN,
    Language.GREEK,
    Language.ARABIC,
    Language.PERSIAN,
    Language.HINDI,
    Language.CHINESE,
    Language.JAPANESE,
    Language.KOREAN,
)


@functools.cache
def _detector() -> LanguageDetector:
    # Low accuracy mode: trigram models only, ~0.08 s and ~20 MB to load, and sure enough on
    # a whole article; it is weak on a few words, which is what the line vote is for.
    return LanguageDetectorBuilder.from_languages(*_DETECTED).with_low_accuracy_mode().build()


def guess_language(text: str) -> str:
    """ISO 639-1 code of the likeliest language of an article's text, "und" when nothing tells."""
    language = _detector().detect_language_of(text[:_SAMPLE])
    return "und" if language is None else language.iso_code_639_1.name.lower()


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def language_votes(text: str) -> Counter[str]:
    """How many function words of each language the text contains."""
    votes: Counter[str] = Counter()
    for word in words(text):
        for language, vocabulary in _FUNCTION_WORDS.items():
            if word in vocabulary:
                votes[language] += 1
    return votes


def latin_share(text: str) -> float:
    """Share of letters that are Latin script (1.0 for text without letters)."""
    letters = [c for c in text[:_SAMPLE] if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters)


def is_english(text: str) -> bool:
    """True when a line reads as English (or has too few words to tell otherwise)."""
    text = text[:_SAMPLE]
    if latin_share(text) < 0.5:
        return False
    votes = language_votes(text)
    english = votes.get("en", 0)
    foreign = max((n for lang, n in votes.items() if lang != "en"), default=0)
    return english >= foreign
