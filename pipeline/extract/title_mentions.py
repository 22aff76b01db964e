"""Titles in a sentence: which office, which country, which status.

A title span (from the ``dip_titles`` component) is read with its grammar around it:
``the new US Ambassador to Japan``, ``Japan's former defence minister``,
``President-elect``, ``Ambassador-Designate``, ``Prime Minister of India``. The words
that mark status are grammar, kept here; the titles themselves are data (roles.ttl).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.extract.lexicon import Lexicon, Title
from pipeline.extract.nlp import marked_spans
from pipeline.extract.title_lookup import titles_for
from pipeline.records import Status

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_STATUS_BEFORE = {
    "former": Status.FORMER,
    "ex": Status.FORMER,
    "then": Status.FORMER,
    "late": Status.FORMER,
    "erstwhile": Status.FORMER,
    "outgoing": Status.CURRENT,
    "acting": Status.CURRENT,
    "interim": Status.CURRENT,
    "caretaker": Status.CURRENT,
    "new": Status.CURRENT,
    "newly": Status.CURRENT,
    "current": Status.CURRENT,
    "sitting": Status.CURRENT,
    "incumbent": Status.CURRENT,
    "appointed": Status.CURRENT,
    "accredited": Status.CURRENT,
    "incoming": Status.DESIGNATE,
    "designated": Status.DESIGNATE,
    "nominated": Status.DESIGNATE,
    "future": Status.DESIGNATE,
}
_STATUS_AFTER = {"elect": Status.ELECT, "designate": Status.DESIGNATE, "nominee": Status.DESIGNATE}
_SKIPPABLE_BEFORE = frozenset({"-", "–", "then-", "top", "senior", "veteran", "powerful", "federal", "union"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "both", "two"})
_AMBASSADOR_ROLES = frozenset({"ambassador"})


@dataclass(frozen=True)
class TitleMention:
    """A title in a sentence, with what its surroundings say."""

    sentence: int  # index into the article's sentences
    start: int  # first token of the title itself
    end: int  # token after the title itself
    span_start: int  # first token including determiner, country and status words
    span_end: int  # token after "-elect", "of Japan", "to Japan"
    form: str  # normal form, key into the lexicon's title forms
    status: Status
    country: str | None
    accredited_to: str | None
    plural: bool
    definite: bool  # "the premier", "Japan's top spokesman": may refer back to a person
    indefinite: bool = False  # "an envoy for President X": may refer to the one holder named later
    portfolio: str | None = None  # "Health" in "Minister of Health", as written
    organization: str | None = None  # "UN Secretary-General", "Ambassador of the EU to Ukraine"

    @property
    def role_hint(self) -> str:
        return self.form


def read_titles(
    doc: Doc, sentence: int, lexicon: Lexicon, name_words: frozenset[str] = frozenset()
) -> list[TitleMention]:
    """Every title in a sentence's Doc, with country, status and extent.

    ``name_words`` are words the article uses inside names ("Amir" in "Hossein Amir
    Abdollahian") or to open one after a title ("Foreign Minister Amir Hossein X"): inside a
    name the model tagged, such a word is no title.
    """
    countries = {span.start: span for span in marked_spans(doc, "countries")}
    country_ends = {span.end: span for span in marked_spans(doc, "countries")}
    # An organization's name is its own, also where the country list has it (the EU).
    for span in marked_spans(doc, "organizations"):
        countries[span.start] = span
        country_ends[span.end] = span
    mentions = []
    for span in marked_spans(doc, "titles"):
        if _inside_organisation(doc, span.start, span.end) or _inside_name(doc, span, name_words):
            continue
        if span[0].pos_ == "ADP" and span[0].text[:1].islower():
            continue  # "under Secretary Rice" is no Under Secretary
        mentions.append(_read(doc, sentence, span, countries, country_ends, lexicon))
    return mentions


def words_inside_names(docs: Sequence[Doc]) -> frozenset[str]:
    """Lower-cased words that stand inside a PERSON entity after its first word."""
    return frozenset(
        token.lower_
        for doc in docs
        for ent in doc.ents
        if ent.label_ == "PERSON"
        for token in ent[1:-1]
        if token.text[:1].isupper()
    )


def title_words_opening_names(docs: Sequence[Doc]) -> frozenset[str]:
    """Lower-cased one-word titles that open a longer PERSON entity right after another
    title: "Amir" in "Foreign Minister Amir Hossein Rezaeipour" is a given name, not Emir."""
    words: set[str] = set()
    for doc in docs:
        spans = list(marked_spans(doc, "titles"))
        title_ends = {span.end for span in spans}
        opening = {ent.start for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
        words.update(
            span[0].lower_
            for span in spans
            if len(span) == 1 and span.start in title_ends and span.start in opening
        )
    return frozenset(words)


def _inside_name(doc: Doc, span: Span, name_words: frozenset[str]) -> bool:
    for ent in doc.ents:
        if (
            ent.label_ == "PERSON"
            and ent.start <= span.start
            and span.end <= ent.end
            and len(ent) > len(span)
        ):
            if span.start > ent.start or (len(span) == 1 and span[0].lower_ in name_words):
                return True
    return False


def _inside_organisation(doc: Doc, start: int, end: int) -> bool:
    """A title word inside an organisation name ("Prime Minister's Office") is no title."""
    for ent in doc.ents:
        if ent.label_ in ("ORG", "FAC") and ent.start <= start and end <= ent.end:
            if any(t.lower_ in ("office", "ministry", "department", "council", "secretariat") for t in ent):
                return True
    return False


def _read(
    doc: Doc,
    sentence: int,
    span: Span,
    countries: dict[int, Span],
    country_ends: dict[int, Span],
    lexicon: Lexicon,
) -> TitleMention:
    status = Status.CURRENT
    country: str | None = None
    organization: str | None = None
    definite = indefinite = False
    # "International Relations and Cooperation Minister X": the portfolio written before.
    portfolio_before = _foreign_portfolio_before(doc, span, lexicon)
    i = span.start - 1 - (len(portfolio_before.split()) if portfolio_before else 0)
    while i >= 0:
        token = doc[i]
        lower = token.lower_
        if lower in _STATUS_BEFORE:
            status = _STATUS_BEFORE[lower] if status is Status.CURRENT else status
            i -= 1
        elif lower in _SKIPPABLE_BEFORE or lower.endswith("-") and lower[:-1] in _STATUS_BEFORE:
            if lower.endswith("-") and lower[:-1] in _STATUS_BEFORE:
                status = _STATUS_BEFORE[lower[:-1]]
            i -= 1
        elif lower in ("'s", "’s", "'") and i in country_ends:
            definite = True
            i -= 1
        elif (i + 1) in country_ends and country is None and organization is None:
            country_span = country_ends[i + 1]
            if country_span.label_ in lexicon.organization_by_code:
                organization = country_span.label_
            else:
                country = country_span.label_
            i = country_span.start - 1
        elif lower in _DETERMINERS:
            definite = definite or lower in ("the", "his", "her", "their", "its", "both", "two")
            indefinite = lower in ("a", "an")
            i -= 1
            break
        else:
            break
    span_start = i + 1

    accredited: str | None = None
    portfolio = portfolio_before
    portfolio_preposition = "of"
    j = span.end
    while j < len(doc):
        lower = doc[j].lower_
        if lower in ("-", "–") and j + 1 < len(doc) and doc[j + 1].lower_ in _STATUS_AFTER:
            j += 1
            continue
        if lower in _STATUS_AFTER:
            status = _STATUS_AFTER[lower]
            j += 1
            continue
        if (
            lower in ("of", "for")
            and j + 1 < len(doc)
            and portfolio is None
            and _takes_portfolio(span, lexicon)
        ):
            end = _portfolio_end(doc, j + 1 + (1 if doc[j + 1].lower_ == "the" else 0), countries, lexicon)
            if end is not None:
                portfolio_start = j + 1 + (1 if doc[j + 1].lower_ == "the" else 0)
                portfolio = " ".join(doc[portfolio_start:end].text.split())
                portfolio_preposition = lower
                j = end
                continue
        if lower == "for" and j + 1 < len(doc) and portfolio is None and _is_envoy(span, lexicon):
            end = _mandate_end(doc, j + 1 + (1 if doc[j + 1].lower_ == "the" else 0), countries, lexicon)
            if end is not None:
                portfolio = " ".join(doc[j + 1 : end].text.split())  # "the Sahel", as written
                portfolio_preposition = "for"
                j = end
                continue
        if lower in ("of", "to") and j + 1 < len(doc):
            k = j + 1 + (1 if doc[j + 1].lower_ == "the" else 0)
            if k in countries:
                code = countries[k].label_
                if lower == "to" and _is_ambassador(span, lexicon):
                    accredited = code
                elif lower == "of" and code in lexicon.organization_by_code and organization is None:
                    organization, country = code, None  # "Secretary-General of the United Nations"
                elif lower == "of" and country is None and organization is None:
                    country = code
                else:
                    break
                j = countries[k].end
                continue
        break
    if j == span.end:
        j = _second_portfolio_end(doc, span, countries, lexicon)
    # "the Director General of the IMF (International Monetary Fund), Jane Roe",
    # "Secretary-General of the United Nations (UN) Jane Roe": the bracket spells out
    # what the title says; the name follows it.
    if j < len(doc) and doc[j].text == "(":
        close = next((t.i for t in doc[j + 1 : j + 8] if t.text == ")"), None)
        if close is not None and close + 1 < len(doc):
            acronym = close > j + 1 and all(t.text.isupper() for t in doc[j + 1 : close])
            if doc[close + 1].text == "," or acronym:
                j = close + 1
    head = span.root  # "Minister" in "Minister for the Armed Forces"
    return TitleMention(
        sentence=sentence,
        start=span.start,
        end=span.end,
        span_start=span_start,
        span_end=j,
        form=span.label_,
        status=status,
        country=country,
        accredited_to=accredited,
        plural=head.tag_ in ("NNS", "NNPS"),
        definite=definite,
        indefinite=indefinite,
        portfolio=f"{portfolio_preposition} {portfolio}" if portfolio else None,
        organization=organization,
    )


_PORTFOLIO_ROLES = frozenset({"cabinet_minister", "deputy_minister"})
_PORTFOLIO_JOINERS = frozenset({"and", "&", ",", "of", "for", "the"})


def _takes_portfolio(span: Span, lexicon: Lexicon) -> bool:
    """ "Minister", "Deputy Minister", "Cabinet Secretary": titles completed by a portfolio."""
    return any(t.role in _PORTFOLIO_ROLES for t in titles_for(span.label_, None, lexicon))


def _second_portfolio_end(doc: Doc, span: Span, countries: dict[int, Span], lexicon: Lexicon) -> int:
    """ "the Minister for Foreign Affairs and Tourism, Mr. X": a second portfolio joined to a
    foreign minister's title, up to the apposition's comma, is part of the title and leaves
    the foreign minister what they are."""
    j = span.end
    if not (
        j + 1 < len(doc)
        and doc[j].lower_ in ("and", "&")
        and any(t.role == "foreign_minister" for t in titles_for(span.label_, None, lexicon))
    ):
        return j
    end = _portfolio_end(doc, j + 1, countries, lexicon)
    if end is None or end >= len(doc) or doc[end].text != ",":
        return j
    titled = {i for title in marked_spans(doc, "titles") for i in range(title.start, title.end)}
    return j if titled.intersection(range(j + 1, end)) else end


def _foreign_portfolio_before(doc: Doc, span: Span, lexicon: Lexicon) -> str | None:
    """The foreign portfolio written in capitals right before a minister's title, if any."""
    if not _takes_portfolio(span, lexicon):
        return None
    for start in range(max(0, span.start - 6), span.start):
        words = doc[start : span.start]
        if words[0].text[:1].isupper() and " ".join(t.lower_ for t in words) in lexicon.foreign_portfolios:
            return " ".join(words.text.split())
    return None


def _portfolio_end(doc: Doc, start: int, countries: dict[int, Span], lexicon: Lexicon) -> int | None:
    """The end of a portfolio written in capitals from ``start``: "Health and Social Welfare",
    "International Relations and Cooperation"; None when a country follows instead. A
    known portfolio followed by more capitals ends there: those begin the name."""
    if start >= len(doc) or start in countries:
        return None
    end = start
    while end < len(doc) and end - start < 8:
        token = doc[end]
        if token.text[:1].isupper() and token.is_alpha and end not in countries:
            end += 1
        elif (
            token.lower_ in _PORTFOLIO_JOINERS
            and end > start
            and end + 1 < len(doc)
            and doc[end + 1].text[:1].isupper()
            and end + 1 not in countries
            and token.text != ","
        ):
            end += 1
        else:
            break
    while end > start and doc[end - 1].lower_ in _PORTFOLIO_JOINERS:
        end -= 1
    known = [
        k
        for k in range(start + 1, end)
        if doc[k].lower_ not in _PORTFOLIO_JOINERS
        and " ".join(t.lower_ for t in doc[start:k]) in lexicon.foreign_portfolios
    ]
    if known and " ".join(t.lower_ for t in doc[start:end]) not in lexicon.foreign_portfolios:
        end = known[-1]  # "International Relations and Cooperation Thandiwe Mokoena"
    if end == start or doc[end - 1].ent_type_ == "PERSON":
        return None  # "Minister Ruiz": a name, not a portfolio
    return end


def portfolio_role(title: Title, portfolio: str | None, lexicon: Lexicon) -> str:
    """The role a portfolio makes of a minister: foreign affairs makes the foreign minister."""
    if portfolio is None or title.role not in _PORTFOLIO_ROLES:
        return title.role
    words = " ".join(portfolio.lower().split()[1:])
    if words in lexicon.foreign_portfolios:
        return "foreign_minister" if title.role == "cabinet_minister" else "deputy_foreign_minister"
    return title.role


def _is_ambassador(span: Span, lexicon: Lexicon) -> bool:
    return any(title.role in _AMBASSADOR_ROLES for title in titles_for(span.label_, None, lexicon))


def _is_envoy(span: Span, lexicon: Lexicon) -> bool:
    return any(title.role == "special_envoy" for title in titles_for(span.label_, None, lexicon))


def _mandate_end(doc: Doc, start: int, countries: dict[int, Span], lexicon: Lexicon) -> int | None:
    """The end of what an envoy is "for", written in capitals from ``start``: a country
    ("Syria") or the longest known region or cause ("Horn of Africa"); None otherwise."""
    if start < len(doc) and start in countries:
        span = countries[start]
        country = lexicon.country_by_code.get(span.label_)
        named = country is not None and span.text.lower() in (name.lower() for name in country.names)
        return span.end if named else None  # "for Syria", not "for Chinese President X"
    if start >= len(doc) or not doc[start].text[:1].isupper():
        return None
    ends = [
        end
        for end in range(start + 1, min(len(doc), start + 5) + 1)
        if " ".join(t.lower_ for t in doc[start:end]) in lexicon.envoy_mandates
    ]
    return ends[-1] if ends else None
