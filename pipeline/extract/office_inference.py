"""Offices the grammar implies without a title next to the name.

- a nationality word before a name: "Japanese Foreign Takeshi Iwaya" (a typo drops
  "Minister") still says the person is Japanese;
- a title coordinated after another's apposition shares its country: "the President of
  X, Jane Roe and Minister of Finance, John Doe";
- a counterpart has the same role as the person whose counterpart they are:
  "X held talks with his Russian counterpart Sergei Lavrov";
- "the two foreign ministers", "the two top diplomats" give both persons of the
  meeting in focus that role;
- "the American envoy", said of a person named as an envoy, gives their office its country.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pipeline.extract.lexicon import Lexicon
from pipeline.extract.name_lists import roster_items
from pipeline.extract.nlp import marked_spans
from pipeline.extract.office_holdings import LinkedTitle
from pipeline.extract.persons import People, resolve_pronoun
from pipeline.extract.reading import ArticleReading
from pipeline.extract.title_lookup import office_title_for, resolve_title
from pipeline.extract.title_mentions import TitleMention, portfolio_role
from pipeline.records import HoldingClaim, OfficeRef, Status

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_COUNTERPART = frozenset({"counterpart", "counterparts"})
_PAIR = frozenset({"two", "both"})
# "the two heads of state" are rarely the pair a report is about: leaders are named.
_NAMED_ROLES = frozenset({"head_of_state", "head_of_government"})


def shared_countries(docs: Sequence[Doc], linked: list[LinkedTitle], people: People) -> list[LinkedTitle]:
    """ "the President of X, Jane Roe and Minister of Finance, John Doe": a title coordinated
    after the name of another's apposition, naming no country, shares that title's country."""
    result = list(linked)
    for i in range(1, len(result)):
        first, second = result[i - 1], result[i]
        sentence, comma, joint = first.mention.sentence, first.mention.span_end, second.mention.span_start - 1
        if (
            first.country is not None
            and second.country is None
            and first.person is not None
            and second.person not in (None, first.person)
            and second.mention.sentence == sentence
            and people.name_starting_at(sentence, comma + 1) == first.person
            and people.name_ending_at(sentence, joint) == first.person
            and docs[sentence][comma].text == ","
            and docs[sentence][joint].lower_ == "and"
        ):
            result[i] = dataclasses.replace(second, country=first.country)
    return result


def nationality_hints(docs: Sequence[Doc], people: People) -> dict[str, str]:
    """person → country named by a nationality word right before their name."""
    hints: dict[str, str] = {}
    for mention, person in people.mentions:
        doc = docs[mention.sentence]
        # "Special Envoy for Syria X": what an envoy is for is no nationality.
        ends = {
            span.end: span.label_
            for span in marked_spans(doc, "countries")
            if span.start == 0 or doc[span.start - 1].lower_ != "for"
        }
        i = mention.start
        # Skip at most two capitalised words between the adjective and the name.
        for _ in range(3):
            if i in ends:
                hints.setdefault(person, str(ends[i]))
                break
            if i == 0 or not doc[i - 1].text[:1].isupper() or doc[i - 1].is_punct:
                break
            i -= 1
    return hints


def _current_roles(claims: Sequence[HoldingClaim], person: str) -> list[str]:
    return sorted({c.office.role for c in claims if c.person == person and c.status is Status.CURRENT})


def counterpart_claims(reading: ArticleReading, claims: Sequence[HoldingClaim]) -> list[HoldingClaim]:
    """ "his Russian counterpart Sergei Lavrov": Lavrov holds the role X holds, in Russia."""
    inferred = []
    for (index, i), person in counterpart_references(reading).items():
        doc, token = reading.docs[index], reading.docs[index][i]
        owner = _owner(reading.people, reading.docs, index, token)
        if owner is None or person == owner:
            continue
        roles = _current_roles(claims, owner)
        if len(roles) != 1:
            continue
        country = next((str(c.label_) for c in marked_spans(doc, "countries") if c.end == token.i), None)
        if country is None and any(c.person == person and c.office.role == roles[0] for c in claims):
            continue  # "her visiting counterpart, Zimbabwe's minister Y": Y's own title says more
        office = OfficeRef(
            role=roles[0], title=reading.lexicon.office_title(roles[0], country), country=country
        )
        inferred.append(HoldingClaim(person, office, Status.CURRENT, reading.article.evidence(index)))
    return inferred


def counterpart_references(reading: ArticleReading) -> dict[tuple[int, int], str]:
    """(sentence, token) of "counterpart" → the person named with it ("his counterpart,
    Sun Lihua,"): the word stands for that person where the parser leaves the name apart."""
    references = {}
    for index, doc in enumerate(reading.docs):
        for token in doc:
            if token.lower_ not in _COUNTERPART:
                continue
            after = token.i + 2 if token.i + 1 < len(doc) and doc[token.i + 1].text == "," else token.i + 1
            person = reading.people.name_starting_at(index, after) or next(
                (reading.people.person_at(index, c.i) for c in token.children if c.dep_ == "appos"), None
            )
            if person is not None:
                references[(index, token.i)] = person
    return references


def _owner(people: People, docs: Sequence[Doc], sentence: int, counterpart: Token) -> str | None:
    for child in counterpart.children:
        if child.dep_ == "poss":
            named = people.person_at(sentence, child.i)
            if named is None and counterpart.dep_ == "conj":
                # "between X and his counterpart Y": his is X, whoever the sentence's subject is
                named = people.person_at(sentence, counterpart.head.i)
            return named or resolve_pronoun(people, docs, sentence, child.i)
    return None


def pair_claims(
    reading: ArticleReading,
    focus: dict[int, frozenset[str]],
    claims: Sequence[HoldingClaim],
    countries: dict[str, str],
) -> list[HoldingClaim]:
    """ "the two top diplomats": both persons of the meeting in focus hold that role."""
    inferred = []
    for title in reading.titles:
        if not title.plural or title.sentence not in focus:
            continue
        doc = reading.docs[title.sentence]
        if not any(doc[i].lower_ in _PAIR for i in range(title.span_start, title.end)):
            continue
        pair = focus[title.sentence]
        if len(pair) != 2:
            continue
        for person in sorted(pair):
            country = countries.get(person)
            resolved = resolve_title(title.form, country, reading.lexicon)
            if resolved is None or country is None:
                continue
            found, country = resolved
            if any(c.person == person and c.office.role == found.role for c in claims):
                continue
            if found.role in _NAMED_ROLES or found.role == "cabinet_minister":
                continue  # "the two ministers": each is the minister the article names
            office = OfficeRef(
                role=found.role, title=reading.lexicon.office_title(found.role, country), country=country
            )
            inferred.append(
                HoldingClaim(person, office, Status.CURRENT, reading.article.evidence(title.sentence))
            )
    return inferred


def listed_claims(reading: ArticleReading) -> list[HoldingClaim]:
    """Persons listed under a plural title: in a roster of portfolios, or each after their
    country in brackets."""
    return _roster_claims(reading) + _bracketed_claims(reading)


def _roster_claims(reading: ArticleReading) -> list[HoldingClaim]:
    """ "Cabinet Secretaries who attended included Jane Roe (Interior), John Doe (Treasury)":
    each listed person holds the plural title with the portfolio in brackets. A roster
    running on into the next sentence keeps its title."""
    claims = []
    current: TitleMention | None = None
    for index, doc in enumerate(reading.docs):
        plural = [t for t in reading.titles if t.sentence == index and t.plural]
        countries = {i for span in marked_spans(doc, "countries") for i in range(span.start, span.end)}
        items = roster_items(doc, countries)
        current = plural[0] if plural else (current if items else None)
        if current is None or not items:
            continue
        resolved = resolve_title(current.form, current.country, reading.lexicon)
        if resolved is None:
            continue
        title, country = resolved
        for opening, inside, closing in items:
            end = opening - 1 if doc[opening - 1].text == "," else opening
            person = reading.people.name_ending_at(index, end)
            if person is None:
                continue
            portfolio = "for " + " ".join(doc[inside:closing].text.split())
            office = OfficeRef(
                role=portfolio_role(title, portfolio, reading.lexicon),
                title=f"{office_title_for(title, country, reading.lexicon)} {portfolio}",
                country=country,
            )
            claims.append(HoldingClaim(person, office, current.status, reading.article.evidence(index)))
    return claims


def _bracketed_claims(reading: ArticleReading) -> list[HoldingClaim]:
    """ "the foreign ministers of Kyrgyzstan [Jane Roe] and Tajikistan [John Doe]": each
    bracketed name holds the plural title for the country before it."""
    claims = []
    for mention, person in reading.people.mentions:
        doc = reading.docs[mention.sentence]
        if mention.start < 2 or doc[mention.start - 1].text not in ("[", "("):
            continue
        country = next((s for s in marked_spans(doc, "countries") if s.end == mention.start - 1), None)
        plural = [
            t
            for t in reading.titles
            if t.sentence == mention.sentence and t.plural and t.end <= mention.start
        ]
        if country is None or not plural:
            continue
        resolved = resolve_title(plural[-1].form, str(country.label_), reading.lexicon)
        if resolved is None:
            continue
        title, code = resolved
        office = OfficeRef(
            role=title.role, title=office_title_for(title, code, reading.lexicon), country=code
        )
        claims.append(
            HoldingClaim(person, office, plural[-1].status, reading.article.evidence(mention.sentence))
        )
    return claims


def with_referred_countries(
    claims: Sequence[HoldingClaim],
    linked: Sequence[LinkedTitle],
    references: dict[tuple[int, int], str],
    lexicon: Lexicon,
) -> list[HoldingClaim]:
    """ "X, Trump's Middle East envoy, …; the American envoy met …": a definite title with a
    country that refers back to a person gives their office of that role, where no text
    gave it one, that country. Only a title the person bears by name in the article counts:
    "the South Korean president" is no country of a "Supreme Leader X"."""
    borne = {(link.person, link.mention.form) for link in linked if link.person is not None}
    referred: dict[tuple[str, str], str] = {}
    for link in linked:
        title = link.mention
        if link.person is not None or not title.definite or title.country is None or title.organization:
            continue
        person = references.get((title.sentence, title.start))
        resolved = resolve_title(title.form, title.country, lexicon)
        if person is not None and resolved is not None and (person, title.form) in borne:
            referred.setdefault((person, resolved[0].role), title.country)
    result = []
    for claim in claims:
        office = claim.office
        country = referred.get((claim.person, office.role))
        if country is not None and office.country is None and office.organization is None:
            claim = dataclasses.replace(claim, office=dataclasses.replace(office, country=country))
        result.append(claim)
    return result
