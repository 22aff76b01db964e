"""Offices and their holders across articles.

A claim without a country takes the one its holder holds that role in elsewhere, else
their nationality; "Ambassador Glass" is the ambassador other reports say he is; a post
of an international organization has no country. Claims of one person, office and
status merge, with every date and sentence that attests them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.extract.lexicon import Lexicon
from pipeline.extract.office_holdings import most_frequent
from pipeline.records import (
    ArticleExtraction,
    Evidence,
    HoldingClaim,
    OfficeRef,
    ResolvedHolding,
    ResolvedOffice,
    Status,
)
from pipeline.resolve.iris import slugify
from pipeline.resolve.persons import PersonOf


def resolve_holdings(
    extractions: Sequence[ArticleExtraction], person_of: PersonOf, lexicon: Lexicon
) -> tuple[list[ResolvedOffice], list[ResolvedHolding], Counter[str]]:
    """The offices, their holdings, and per article the claims no article gives a country for."""
    placed: list[_Placed] = []
    nationality: dict[str, Counter[str]] = defaultdict(Counter)
    role_country: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for extraction in extractions:
        article = extraction.article
        for claim in extraction.holdings:
            person = person_of[(article.source.content_hash, claim.person)]
            placed.append(_Placed(person, claim, article.published))
            if claim.office.country:
                role_country[(person, claim.office.role)][claim.office.country] += 1
                if claim.status is Status.CURRENT:
                    nationality[person][claim.office.country] += 1
    accredited = _accreditations(placed)
    offices: dict[str, ResolvedOffice] = {}
    merged: dict[tuple[str, str, Status], tuple[set[str], set[Evidence]]] = {}
    unplaced: Counter[str] = Counter()  # article → claims no article gives a country for
    named: dict[tuple[OfficeRef, str | None], ResolvedOffice] = {}  # one office, named once
    for item in placed:
        person, claim, published = item.person, item.claim, item.published
        country = (
            claim.office.country
            or most_frequent(role_country.get((person, claim.office.role)))
            or most_frequent(nationality.get(person))
        )
        organization = claim.office.organization
        if organization in lexicon.organization_by_code:
            country = None  # a post of an international organization
        elif country is None or country not in lexicon.country_by_code:
            unplaced[claim.evidence.content_hash] += 1
            continue
        if country and claim.office.role == "ambassador" and claim.office.accredited_to is None:
            # "Ambassador Glass" is the ambassador the article or others say he is.
            posts = accredited.get((person, country), set())
            if len(posts) == 1:
                claim = replace(claim, office=replace(claim.office, accredited_to=next(iter(posts))))
        known = (claim.office, country)
        office = named.get(known) or named.setdefault(known, _office(claim, country, lexicon))
        offices[office.slug] = office
        dates, evidence = merged.setdefault((person, office.slug, claim.status), (set(), set()))
        if published:
            dates.add(published)
        evidence.add(claim.evidence)
    holdings = [
        ResolvedHolding(
            person, office, status, tuple(sorted(dates)), tuple(sorted(evidence, key=Evidence.position))
        )
        for (person, office, status), (dates, evidence) in merged.items()
    ]
    return list(offices.values()), holdings, unplaced


@dataclass(frozen=True)
class _Placed:
    """A holding claim with the corpus-wide person and its article's date."""

    person: str
    claim: HoldingClaim
    published: str | None


def _accreditations(placed: list[_Placed]) -> dict[tuple[str, str], set[str]]:
    """(person, sending country) → the countries they are ambassador to, per any article."""
    posts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in placed:
        office = item.claim.office
        if office.role == "ambassador" and office.country and office.accredited_to:
            posts[(item.person, office.country)].add(office.accredited_to)
    return posts


def _office(claim: HoldingClaim, country: str | None, lexicon: Lexicon) -> ResolvedOffice:
    """The office a claim names: of ``country`` or, without one, of the claim's organization."""
    role = lexicon.role_by_notation[claim.office.role]
    title = claim.office.title
    organization = claim.office.organization if country is None else None
    accredited = claim.office.accredited_to if claim.office.accredited_to in lexicon.country_by_code else None
    if organization:
        body = lexicon.organization_by_code[organization]
        label = f"{title} of the {body.label}" if not body.label.isupper() else f"{body.label} {title}"
        slug = f"{organization.lower()}-{slugify(title)}"
    else:
        assert country is not None  # an office is of a country or of an organization
        if title == role.label:
            title = lexicon.office_title(role.notation, country)
        home = lexicon.country_by_code[country]
        label = f"{home.label} {title}" if accredited else f"{title} of {home.label_in_text}"
        slug = f"{country.lower()}-{slugify(title)}"
    if accredited:
        label += f" to {lexicon.country_by_code[accredited].label_in_text}"
        slug += f"-to-{accredited.lower()}"
    return ResolvedOffice(slug, label, role.notation, country, accredited, organization)
