"""Extraction on small hand-written articles, with the real model."""

from __future__ import annotations

from typing import Any

from pipeline.extract.articles import extract_articles
from pipeline.extract.lexicon import Lexicon
from pipeline.records import ArticleExtraction, Mode, Status
from tests.conftest import make_article


def extract(text: str, nlp: Any, lexicon: Lexicon) -> ArticleExtraction:
    (result,) = extract_articles([make_article(text)], nlp, lexicon, batch_size=8)
    return result


def holdings(result: ArticleExtraction) -> set[tuple[str, str, str | None, str | None, str]]:
    names = {p.key: p.name for p in result.persons}
    return {
        (names[h.person], h.office.role, h.office.country, h.office.accredited_to, h.status.value)
        for h in result.holdings
    }


def test_extract_title_before_name_gives_office(nlp: Any, lexicon: Lexicon) -> None:
    result = extract(
        "CANBERRA, May 2 (AAP) - Australian Prime Minister Daniel Hartley spoke to reporters on Friday.\n",
        nlp,
        lexicon,
    )
    assert ("Daniel Hartley", "head_of_government", "AU", None, "current") in holdings(result)


def test_extract_apposition_and_ambassador_countries(nlp: Any, lexicon: Lexicon) -> None:
    text = "Tomas Lindqvist, the Swedish Ambassador to Kenya, said on Monday that trade was growing.\n"
    assert ("Tomas Lindqvist", "ambassador", "SE", "KE", "current") in holdings(extract(text, nlp, lexicon))


def test_extract_relative_clause_gives_former_office(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        "Foreign Minister Marta Ruiz of Spain, who previously served as defence minister, "
        "spoke at the conference in Madrid on Monday.\n"
    )
    found = holdings(extract(text, nlp, lexicon))
    assert ("Marta Ruiz", "foreign_minister", "ES", None, "current") in found
    assert ("Marta Ruiz", "defence_minister", "ES", None, "former") in found


def test_extract_elect_status_and_country_title(nlp: Any, lexicon: Lexicon) -> None:
    text = "U.S. President-elect Mark Ellison said he would work with Secretary of State Dana Pryor.\n"
    found = holdings(extract(text, nlp, lexicon))
    assert ("Mark Ellison", "head_of_state", "US", None, "elect") in found
    assert ("Dana Pryor", "foreign_minister", "US", None, "current") in found


def test_extract_family_name_and_reversed_order_are_one_person(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        "Japanese Foreign Minister Sato Kenji met Egyptian Foreign Minister Omar Fathy in Cairo on Sunday.\n"
        "Sato said the two countries would expand trade. Fathy agreed.\n"
    )
    result = extract(text, nlp, lexicon)
    names = {p.name: set(p.aliases) for p in result.persons}
    assert names == {"Sato Kenji": {"Sato"}, "Omar Fathy": {"Fathy"}}


def test_extract_meeting_with_participants_date_place_mode(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        " date 2025-06-03\n"
        "NAIROBI, June 3 (Xinhua) -- Kenyan President Daniel Mwangi held talks with visiting Chinese "
        "Foreign Minister Li Qiang on Tuesday, discussing trade and climate change.\n"
    )
    result = extract(text, nlp, lexicon)
    (meeting,) = result.meetings
    names = {p.key: p.name for p in result.persons}
    assert {names[k] for k in meeting.participants} == {"Daniel Mwangi", "Li Qiang"}
    assert meeting.date == "2025-06-03"
    assert meeting.location == "Nairobi"
    assert meeting.mode is Mode.IN_PERSON
    assert {"trade", "climate_change"} <= set(meeting.topics)


def test_extract_phone_call_and_planned_meeting(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        " date 2025-02-12\n"
        "French President Claire Dubois spoke by phone with Brazilian President Rafael Lima on Wednesday. "
        "The two leaders will meet in Paris next month.\n"
    )
    result = extract(text, nlp, lexicon)
    assert len(result.meetings) == 1
    assert result.meetings[0].mode is Mode.PHONE
    assert result.meetings[0].location is None
    assert result.meetings[0].date == "2025-02-12"


def test_extract_domestic_meeting_is_no_meeting(nlp: Any, lexicon: Lexicon) -> None:
    text = "Japanese Prime Minister Ren Aoki met Japanese Defence Minister Yui Mori in Tokyo on Monday.\n"
    assert extract(text, nlp, lexicon).meetings == ()


def test_extract_glued_strings_and_headline_words_are_no_persons(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        "German FM, New Kenyan Amb. Affirm Ties\n"
        "Anna BeckPaul Otieno\n"
        "German Foreign Minister Anna Beck met Kenyan Ambassador Paul Otieno in Berlin on Friday.\n"
    )
    names = {p.name for p in extract(text, nlp, lexicon).persons}
    assert names == {"Anna Beck", "Paul Otieno"}


def test_extract_status_words(nlp: Any, lexicon: Lexicon) -> None:
    text = "Former Prime Minister Ivo Petrov of Bulgaria and acting Foreign Minister Nadia Ilieva of Bulgaria spoke.\n"
    found = {(name, status) for name, _, _, _, status in holdings(extract(text, nlp, lexicon))}
    assert ("Ivo Petrov", Status.FORMER.value) in found
    assert ("Nadia Ilieva", Status.CURRENT.value) in found


def test_extract_narrower_topic_brings_its_wider_one(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        " date 2025-06-03\n"
        "Norwegian Foreign Minister Ola Brekke spoke by phone with Chilean Foreign Minister Inés Rojas "
        "on Tuesday about the war in Gaza.\n"
    )
    (meeting,) = extract(text, nlp, lexicon).meetings
    assert {"gaza_conflict", "middle_east"} <= set(meeting.topics)


def test_extract_participants_own_country_is_no_topic_nor_its_wider_one(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        " date 2025-06-03\n"
        "Syrian Foreign Minister Omar Haddad held talks with Chilean Foreign Minister Inés Rojas "
        "in Santiago on Tuesday about Syria.\n"
    )
    (meeting,) = extract(text, nlp, lexicon).meetings
    assert not {"syria", "middle_east"} & set(meeting.topics)


def test_extract_participants_own_country_in_a_phrase_is_a_topic(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        " date 2025-06-03\n"
        "Ukrainian Foreign Minister Oksana Bilyk held talks with Chilean Foreign Minister Inés Rojas "
        "in Santiago on Tuesday about the war in Ukraine.\n"
    )
    (meeting,) = extract(text, nlp, lexicon).meetings
    assert "ukraine_war" in meeting.topics


def test_extract_narrower_topic_of_no_country_stands_alone(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        " date 2025-06-03\n"
        "Norwegian Foreign Minister Ola Brekke spoke by phone with Chilean Foreign Minister Inés Rojas "
        "on Tuesday about tariffs.\n"
    )
    (meeting,) = extract(text, nlp, lexicon).meetings
    assert "tariffs" in meeting.topics and "trade" not in meeting.topics
