"""Extraction on small hand-written articles, with the real model."""

from __future__ import annotations

from typing import Any

import pytest

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


# A sentence, the holdings it must give, and roles it must not give anyone.
_CURRENT_AND_FORMER = [
    pytest.param(
        "Foreign Minister Marta Ruiz of Spain, who previously served as defence minister, "
        "spoke at the conference in Madrid on Monday.\n",
        {
            ("Marta Ruiz", "foreign_minister", "ES", None, "current"),
            ("Marta Ruiz", "defence_minister", "ES", None, "former"),
        },
        set(),
        id="relative-clause-gives-former-office",
    ),
    pytest.param(
        "The call was with Cambodia's Senate President and former Prime Minister, Chea Sovann, "
        "who spoke on Monday.\n",
        {
            ("Chea Sovann", "parliament_speaker", "KH", None, "current"),
            ("Chea Sovann", "head_of_government", "KH", None, "former"),
        },
        {"head_of_state"},  # a Senate President presides over the Senate
        id="senate-president-coordinated-with-a-former-office",
    ),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted_roles"), _CURRENT_AND_FORMER)
def test_extract_current_and_former_offices(
    nlp: Any, lexicon: Lexicon, text: str, wanted: set[tuple[str, ...]], unwanted_roles: set[str]
) -> None:
    found = holdings(extract(text, nlp, lexicon))
    assert wanted <= set(found)
    assert not any(h[1] in unwanted_roles for h in found)


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


def test_extract_post_nominal_letters_are_no_name_words(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        "NAIROBI, May 2 -- Kenyan Foreign Minister Grace Wanjiru met British Trade Minister "
        "Martin Hale MP in Nairobi on Monday to discuss trade and the security of the region.\n"
    )
    assert {p.name for p in extract(text, nlp, lexicon).persons} == {"Grace Wanjiru", "Martin Hale"}


def test_extract_picture_credit_names_no_one_the_article_mentions(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        "Foreign Minister Tomas Lindqvist meets Kenyan envoy\n"
        "Tomas Berg / Government Offices\n"
        "STOCKHOLM, May 2 -- Foreign Minister Tomas Lindqvist met Kenyan Foreign Minister Grace Wanjiru "
        "in Stockholm on Monday.\n"
        "Lindqvist said trade was growing.\n"
    )
    names = {p.name: set(p.aliases) for p in extract(text, nlp, lexicon).persons}
    assert names == {"Tomas Lindqvist": {"Lindqvist"}, "Grace Wanjiru": set()}


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


def test_extract_call_from_a_caller_is_a_call_but_calls_for_are_appeals(nlp: Any, lexicon: Lexicon) -> None:
    appeals = (
        " date 2025-05-09\n"
        "Chilean Foreign Minister Ana Rojas rejected calls from Peruvian Foreign Minister Luis Vega for talks. "
        "Chilean Foreign Minister Ana Rojas welcomed a call from Peruvian Foreign Minister Luis Vega to end the dispute.\n"
    )
    assert extract(appeals, nlp, lexicon).meetings == ()
    call = " date 2025-05-09\nChilean Foreign Minister Ana Rojas took a call from Peruvian Foreign Minister Luis Vega on Friday.\n"
    (meeting,) = extract(call, nlp, lexicon).meetings
    assert meeting.mode is Mode.PHONE
    assert meeting.date == "2025-05-09"


# An article with one meeting, and the day it must be given (None: the text gives none).
_MEETING_DAYS = [
    pytest.param(
        " date 2025-06-16\n"
        "Greek Foreign Minister Nikos Papadakis met Cypriot Foreign Minister Andreas Kyprianou in Athens, "
        "whom he saw at a meeting on May 3.\n",
        None,
        id="meeting-noun-of-another-clause-gives-no-date",
    ),
    pytest.param(
        " date 2022-10-07\n"
        "Ghanaian President Kwame Asante met with Togolese Prime Minister Koffi Mensah Thursday "
        "to discuss trade and security between the two countries.\n",
        "2022-10-06",
        id="day-right-after-the-partner-s-name",
    ),
]


@pytest.mark.parametrize(("text", "day"), _MEETING_DAYS)
def test_extract_the_day_of_a_meeting(nlp: Any, lexicon: Lexicon, text: str, day: str | None) -> None:
    (meeting,) = extract(text, nlp, lexicon).meetings
    assert meeting.date == day


def test_extract_telling_a_visitor_is_a_meeting_telling_anyone_else_is_not(
    nlp: Any, lexicon: Lexicon
) -> None:
    visitor = (
        "Kenyan Foreign Minister Amina Otieno thanked the visiting Ugandan minister, Joseph Okello, "
        "for the support the two countries give each other on trade and security.\n"
    )
    (meeting,) = extract(visitor, nlp, lexicon).meetings
    assert meeting.mode is Mode.IN_PERSON
    other = (
        "Kenyan Foreign Minister Amina Otieno told Ugandan Foreign Minister Joseph Okello "
        "that the two countries would work together on trade and security.\n"
    )
    assert extract(other, nlp, lexicon).meetings == ()


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


def test_extract_envoy_for_a_country_holds_the_post_of_the_organisation(nlp: Any, lexicon: Lexicon) -> None:
    text = (
        " date 2025-06-03\nBEIRUT, June 3 (AFP) -- Lebanese Foreign Minister Karim Haddad met UN Special "
        "Envoy for Syria Anders Holm and a special envoy for Chinese President Li Wei on Tuesday.\n"
    )
    result = extract(text, nlp, lexicon)
    assert ("Anders Holm", "special_envoy", None, None, "current") in holdings(result)
    titles = {h.office.title for h in result.holdings}
    assert "Special Envoy for Syria" in titles and not any("for Chinese" in t for t in titles)
    assert {p.name: p.country for p in result.persons}["Anders Holm"] is None  # Syria is the mandate


def test_extract_definite_title_with_a_country_gives_its_referent_that_country(
    nlp: Any, lexicon: Lexicon
) -> None:
    text = (
        " date 2025-06-03\nAMMAN, June 3 (AP) -- Jane Roe, President Mark Ellison's Middle East envoy, "
        "arrived in Amman on Monday.\nThe American envoy met Jordanian Foreign Minister Omar Haddad on Tuesday.\n"
        "Supreme Leader Kim Sol-ju received the envoy of the Chilean president on Wednesday.\n"
    )
    found = holdings(extract(text, nlp, lexicon))
    assert ("Jane Roe", "special_envoy", "US", None, "current") in found
    assert not any(h[0] == "Kim Sol-ju" and h[2] == "CL" for h in found)  # a title he does not bear


def test_extract_status_words(nlp: Any, lexicon: Lexicon) -> None:
    text = "Former Prime Minister Ivo Petrov of Bulgaria and acting Foreign Minister Nadia Ilieva of Bulgaria spoke.\n"
    found = {(name, status) for name, _, _, _, status in holdings(extract(text, nlp, lexicon))}
    assert ("Ivo Petrov", Status.FORMER.value) in found
    assert ("Nadia Ilieva", Status.CURRENT.value) in found


@pytest.mark.parametrize(
    ("first", "how", "about", "present", "absent"),
    [
        # A country's situation brings its region.
        (
            "Norwegian Foreign Minister Ola Brekke spoke by phone",
            "on",
            "the war in Gaza",
            {"gaza_conflict", "middle_east"},
            set(),
        ),
        # A participant's own country in one word is no topic, nor is its region.
        (
            "Syrian Foreign Minister Omar Haddad held talks",
            "in Santiago on",
            "Syria",
            set(),
            {"syria", "middle_east"},
        ),
        # In a phrase it is.
        (
            "Ukrainian Foreign Minister Oksana Bilyk held talks",
            "in Santiago on",
            "the war in Ukraine",
            {"ukraine_war"},
            set(),
        ),
        # A narrower topic of no country stands alone.
        ("Norwegian Foreign Minister Ola Brekke spoke by phone", "on", "tariffs", {"tariffs"}, {"trade"}),
    ],
    ids=["region-of-a-country", "own-country-word", "own-country-phrase", "no-country-narrower"],
)
def test_extract_topics_of_a_meeting(
    nlp: Any, lexicon: Lexicon, first: str, how: str, about: str, present: set[str], absent: set[str]
) -> None:
    text = (
        f" date 2025-06-03\n{first} with Chilean Foreign Minister Inés Rojas {how} Tuesday about {about}.\n"
    )
    (meeting,) = extract(text, nlp, lexicon).meetings
    assert present <= set(meeting.topics) and not absent & set(meeting.topics)
