"""The countries an article names, and the one country of a domestic report.

An office no text gives a country belongs to the one country a domestic report names
(``with_sole_country``); ``named_countries`` is what counts as naming one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pipeline.extract.nlp import marked_spans
from pipeline.extract.persons import People
from pipeline.records import HoldingClaim

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Envoys call on the officials of another country; the one country an article names is not
# the country of the officials an envoy of that country meets.
_ENVOY_ROLES = frozenset({"ambassador", "charge_d_affaires", "special_envoy"})


def with_sole_country(
    claims: Sequence[HoldingClaim],
    docs: Sequence[Doc],
    people: People,
    dateline_country: str | None = None,
    seats: Sequence[tuple[str, str]] = (),
) -> list[HoldingClaim]:
    """A domestic report names one country (by name, adjective or its offices' countries)
    and, if datelined in a capital, in that country: the offices no text gives a country
    then belong to it — except those of people who meet that country's envoys. A capital
    alone says nothing: visitors meet in capitals."""
    codes = named_countries(claims, docs, seats)
    if len(codes) != 1 or (dateline_country is not None and dateline_country not in codes):
        return list(claims)
    sole = next(iter(codes))
    envoy_sentences = {
        c.evidence.start for c in claims if c.office.role in _ENVOY_ROLES and c.office.country == sole
    }
    envoys = {c.person for c in claims if c.office.role in _ENVOY_ROLES}
    hosts = {c.person for c in claims if c.evidence.start in envoy_sentences and c.person not in envoys}
    held = {(c.office.role, c.office.country) for c in claims if c.office.country}
    result = []
    for claim in claims:
        office = claim.office
        if (
            office.country is None
            and office.organization is None
            and office.role not in _ENVOY_ROLES
            and claim.person not in hosts
            and (office.role, sole) not in held
        ):
            claim = dataclasses.replace(claim, office=dataclasses.replace(office, country=sole))
        result.append(claim)
    return result


def named_countries(
    claims: Sequence[HoldingClaim], docs: Sequence[Doc], seats: Sequence[tuple[str, str]]
) -> set[str]:
    """The countries an article names: by name, adjective or seat, or as an office's."""
    codes = {str(span.label_) for doc in docs for span in marked_spans(doc, "countries")}
    codes |= {c.office.country for c in claims if c.office.country}
    texts = [doc.text for doc in docs]  # a Doc builds its text anew on every call
    return codes | {code for name, code in seats if any(_names(text, name) for text in texts)}


def _names(text: str, name: str) -> bool:
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        start = text.find(name, end)
    return False
