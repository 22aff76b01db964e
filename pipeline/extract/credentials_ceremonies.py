"""Credentials ceremonies: a head of state receives the letters of credence of envoys.

A ceremony is one meeting of the receiving head of state with every envoy a sentence
of it names ("Letters of credence were presented to the President by: Jane Roe
(Republic of Mali), …", "accepted the credentials of the ambassadors of Estonia, Anne
Roe; Slovenia, …"). Envoys present credentials to the head of state of the country they
are accredited to, so each envoy's post is accredited to the host's country, and the
host's title ("President") is the presidency of that country.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.extract.lexicon import Lexicon
from pipeline.extract.meeting_circumstances import date_of, location_of
from pipeline.extract.meeting_mentions import MeetingMention
from pipeline.extract.nlp import marked_spans
from pipeline.extract.persons import People
from pipeline.extract.reading import ArticleReading
from pipeline.extract.title_mentions import TitleMention
from pipeline.records import HoldingClaim, MeetingClaim, MeetingKind, Mode, OfficeRef, ParsedArticle, Status

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CREDENTIAL_WORDS = frozenset({"credentials", "credential", "credence"})
_RECEIVING_VERBS = frozenset({"receive", "accept", "welcome", "host", "take"})
_ENVOY_ROLES = frozenset({"ambassador", "charge_d_affaires"})
_VIRTUAL_WORDS = frozenset({"virtual", "virtually", "video", "teleconference", "videoconference", "online"})
_EARLIER_WORDS = frozenset({"earlier", "previously", "last", "background", "before"})


@dataclass(frozen=True)
class Ceremonies:
    mentions: tuple[MeetingMention, ...]
    holdings: tuple[HoldingClaim, ...]  # every holding of the article, envoys' accreditation filled in


def credentials_ceremonies(
    reading: ArticleReading, holdings: Sequence[HoldingClaim], references: dict[tuple[int, int], str]
) -> Ceremonies:
    """The article's credentials ceremonies as meeting mentions, and the holdings they imply."""
    article, docs, people = reading.article, reading.docs, reading.people
    sentences = [
        i
        for i, doc in enumerate(docs)
        if not article.sentences[i].is_title and any(t.lower_ in _CREDENTIAL_WORDS for t in doc)
    ]
    host = _host(docs, sentences, people, references, holdings)
    if host is None:
        return Ceremonies((), tuple(holdings))
    country = _host_country(host, docs, sentences, holdings, reading.titles, reading.lexicon)
    listed = _listed_envoys(docs, people)
    envoys = {c.person for c in holdings if c.office.role in _ENVOY_ROLES} | set(listed)
    envoys.discard(host)
    claims = _with_accreditation(article, holdings, host, country, envoys, listed)
    named = {i: _named_in(people, i, envoys) for i in sentences}
    unclaimed = envoys - set().union(set(), *named.values())
    virtual = any(t.lower_ in _VIRTUAL_WORDS for i in sentences for t in docs[i])
    ceremony_day: str | None = None  # the day of the ceremony the report is about
    mentions = []
    for index in sentences:
        doc = docs[index]
        trigger = next(t for t in doc if t.lower_ in _CREDENTIAL_WORDS)
        day, _ = date_of(doc, trigger, article.published, None, reposted=article.reposted)
        earlier = _earlier(doc, article.published)
        if not earlier:
            # "received the credentials of four ambassadors on Wednesday. The envoys were …":
            # a sentence naming no envoy still dates the ceremony.
            ceremony_day = ceremony_day or day
            day = day or ceremony_day
        participants = named[index] or unclaimed
        if not participants:
            continue
        spans = tuple((s.start, s.end) for s in marked_spans(doc, "countries"))
        mentions.append(
            MeetingMention(
                sentence=index,
                trigger=trigger.i,
                participants=frozenset({host, *participants}),
                kind=MeetingKind.CREDENTIALS,
                mode=Mode.VIDEO if virtual else Mode.IN_PERSON,
                date=day,
                date_is_relative=earlier,
                location=location_of(doc, trigger, spans, frozenset(reading.lexicon.capitals)),
                planned=False,
            )
        )
    return Ceremonies(tuple(mentions), tuple(claims))


def _host(
    docs: Sequence[Doc],
    sentences: list[int],
    people: People,
    references: dict[tuple[int, int], str],
    holdings: Sequence[HoldingClaim],
) -> str | None:
    """Who receives the credentials: the subject of "received/accepted", the object of
    "presented to"; else a head of state named in those sentences."""
    votes: Counter[str] = Counter()
    for index in sentences:
        for token in docs[index]:
            found: list[Token] = []
            if token.pos_ == "VERB" and token.lemma_.lower() in _RECEIVING_VERBS:
                found = [c for c in token.children if c.dep_ == "nsubj"]
            elif token.lower_ == "to" and token.head.lemma_.lower() == "present":
                found = [c for c in token.children if c.dep_ == "pobj"]
            for word in found:
                person = people.person_at(index, word.i) or references.get((index, word.i))
                if person:
                    votes[person] += 1
    if not votes:
        heads = {c.person for c in holdings if c.office.role == "head_of_state"}
        for index in sentences:
            for mention, key in people.mentions:
                if mention.sentence == index and key in heads:
                    votes[key] += 1
    if not votes:
        return None
    return min(votes, key=lambda person: (-votes[person], person))


def _host_country(
    host: str,
    docs: Sequence[Doc],
    sentences: list[int],
    holdings: Sequence[HoldingClaim],
    titles: Sequence[TitleMention],
    lexicon: Lexicon,
) -> str | None:
    """The host's own country; else where the envoys are accredited ("ambassadors to
    South Africa"); else the capital the ceremony is held in."""
    own = Counter(c.office.country for c in holdings if c.person == host and c.office.country)
    if own:
        return min(own, key=lambda code: (-own[code], code))
    accredited = Counter(t.accredited_to for t in titles if t.accredited_to)
    accredited.update(c.office.accredited_to for c in holdings if c.office.accredited_to)
    if accredited:
        return min(accredited, key=lambda code: (-accredited[code], code))
    for group in (sentences, range(len(docs))):
        for index in group:
            for token in docs[index]:
                code = lexicon.capitals.get(token.lower_)
                if code:
                    return code
    return None


def _listed_envoys(docs: Sequence[Doc], people: People) -> dict[str, tuple[str, int]]:
    """person → (country, sentence) for envoys listed with their country: "Jane Roe
    (Republic of Mali)", "Estonia, Anne Roe;"."""
    found: dict[str, tuple[str, int]] = {}
    for mention, person in people.mentions:
        if not mention.anchored or mention.from_model:
            continue
        doc = docs[mention.sentence]
        countries = list(marked_spans(doc, "countries"))
        if mention.end < len(doc) and doc[mention.end].text == "(":
            inside = [
                s for s in countries if mention.end < s.start and not _closed(doc, mention.end, s.start)
            ]
            if inside:
                found.setdefault(person, (str(inside[0].label_), mention.sentence))
                continue
        before = [s for s in countries if s.end + 1 == mention.start and doc[s.end].text == ","]
        if before:
            found.setdefault(person, (str(before[0].label_), mention.sentence))
    return found


def _closed(doc: Doc, opening: int, end: int) -> bool:
    return any(doc[i].text == ")" for i in range(opening, end))


def _named_in(people: People, sentence: int, envoys: set[str]) -> set[str]:
    return {key for mention, key in people.mentions if mention.sentence == sentence and key in envoys}


def _with_accreditation(
    article: ParsedArticle,
    holdings: Sequence[HoldingClaim],
    host: str,
    country: str | None,
    envoys: set[str],
    listed: dict[str, tuple[str, int]],
) -> list[HoldingClaim]:
    claims = []
    for claim in holdings:
        office = claim.office
        if claim.person in envoys and office.role in _ENVOY_ROLES and office.accredited_to is None:
            office = dataclasses.replace(office, accredited_to=country)
        elif claim.person == host and office.role == "head_of_state" and office.country is None:
            office = dataclasses.replace(office, country=country)
        claims.append(dataclasses.replace(claim, office=office))
    holders = {c.person for c in claims if c.office.role in _ENVOY_ROLES}
    for person, (code, index) in sorted(listed.items()):
        if person in holders or person == host:
            continue
        office = OfficeRef(role="ambassador", title="Ambassador", country=code, accredited_to=country)
        claims.append(HoldingClaim(person, office, Status.CURRENT, article.evidence(index)))
    return claims


def _earlier(doc: Doc, published: str | None) -> bool:
    """Does the sentence place its ceremony at another time than the report ("In August,
    the president accepted…")?"""
    if any(t.lower_ in _EARLIER_WORDS for t in doc[:3]):
        return True
    if published is None:
        return False
    month = int(published[5:7])
    for ent in doc.ents:
        if ent.label_ == "DATE":
            for token in ent:
                number = _MONTHS.get(token.lower_)
                if number is not None and number != month:
                    return True
    return False


_MONTHS = {
    name: number
    for number, name in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}


def hosts_of_envoys(
    holdings: Sequence[HoldingClaim], meetings: Sequence[MeetingClaim], named: set[str]
) -> list[HoldingClaim]:
    """An envoy calls on the officials of the country they are accredited to: the host of
    "received the Ambassador of China to Nigeria" is Nigeria's, when no text says whose.
    An envoy whose post names no host country, in an article that names (``named``) only
    the envoy's country and one other, is posted to that other: "Fiji's Prime Minister
    received China's Chargé d'Affaires"."""
    hosted: dict[str, set[str]] = {}
    for meeting in meetings:
        posts = {
            post
            for c in holdings
            if c.person in meeting.participants and c.office.role in _ENVOY_ROLES
            if (post := c.office.accredited_to or _other_country(c.office.country, named))
        }
        envoys = {c.person for c in holdings if c.office.role in _ENVOY_ROLES}
        for person in set(meeting.participants) - envoys:
            hosted.setdefault(person, set()).update(posts)
    result = []
    for claim in holdings:
        hosts = hosted.get(claim.person, set())
        if claim.office.country is None and claim.office.organization is None and len(hosts) == 1:
            claim = dataclasses.replace(
                claim, office=dataclasses.replace(claim.office, country=next(iter(hosts)))
            )
        result.append(claim)
    return result


def _other_country(country: str | None, named: set[str]) -> str | None:
    """The one country of ``named`` that is not ``country``, if ``named`` is that pair."""
    others = named - {country} if country in named else set()
    return next(iter(others)) if len(others) == 1 else None
