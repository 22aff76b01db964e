"""Parse stage: metadata, noise removal, sentences with offsets."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from pipeline.ingest.parse import parse_file, parse_text
from pipeline.records import InputFile
from tests.conftest import SAMPLE_CORPUS, make_article

WIRE = (
    " date 2024-03-05 118\n"
    "Indian, Omani Ministers Review Trade Ties\n"
    "(MENAFN- Oman News Agency (ONA)) MUSCAT, March 5 (ONA) -- Oman's Foreign Minister Hamad Al-Rashdi "
    "received Indian External Affairs Minister Ravi Kapoor on Tuesday. The two ministers discussed trade.\n"
    "Kapoor said the U.S. tariffs were raised. (end)\n"
)

SCRAPED = (
    "Cari Berita\n"
    "Tips : hindari kata umum dan gunakan tanda kutip untuk kata kunci\n"
    "Berita Dunia\n"
    "Kenyan minister holds talks with Japanese envoy in Nairobi\n"
    "KYODO NEWS   | 3 jam yang lalu\n"
    "5   0    0    0\n"
    "Kenya's Foreign Minister Amina Wanjiru met Japan's ambassador on Monday in Nairobi.\n"
    "PoliticsInternational RelationsDiplomacySecurity\n"
    "Amina WanjiruKenji Sato\n"
    "Editor: The story was updated with a comment.\n"
    "© KYODO\n"
    "komentar\n"
)


def test_parse_wire_metadata() -> None:
    article = make_article(WIRE)
    assert article.published == "2024-03-05"
    assert article.via == "MENAFN"
    assert article.agency == "Oman News Agency (ONA)"
    assert article.dateline == "Muscat"
    assert article.title == "Indian, Omani Ministers Review Trade Ties"


def test_parse_sentences_keep_offsets_into_the_text() -> None:
    article = make_article(WIRE)
    body = [s for s in article.sentences if not s.is_title]
    assert body[0].text.startswith("Oman's Foreign Minister Hamad Al-Rashdi")
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
    # "U.S." does not end a sentence, "(end)" is no sentence.
    assert any("the U.S. tariffs were raised." in s.text for s in body)
    assert not any("(end)" in s.text for s in body)


def test_parse_removes_navigation_noise_and_tag_lines() -> None:
    article = make_article(SCRAPED)
    texts = [s.text for s in article.sentences]
    assert article.title == "Kenyan minister holds talks with Japanese envoy in Nairobi"
    assert texts[1:] == [
        "Kenya's Foreign Minister Amina Wanjiru met Japan's ambassador on Monday in Nairobi."
    ]
    assert article.agency == "Kyodo"
    assert article.noise_lines >= 8


def test_parse_dateline_with_city_and_agency_only() -> None:
    article = make_article(
        "BERLIN (dpa) - Chancellor Jonas Keller met French President Luc Moreau on Friday.\n"
    )
    assert article.dateline == "Berlin"
    assert article.agency == "dpa"
    assert article.sentences[0].text.startswith("Chancellor Jonas Keller")


@pytest.mark.parametrize("dash", [" -", ""])
def test_parse_dateline_with_city_and_agency_parted_by_a_full_stop(dash: str) -> None:
    article = make_article(
        f"TASHKENT. UZDAILY{dash} Foreign Minister Aziz Karimov met Ambassador Lena Vogt on Monday in the capital.\n"
    )
    assert article.dateline == "Tashkent"
    assert article.agency == "UZDAILY"
    assert article.sentences[0].text.startswith("Foreign Minister Aziz Karimov")


def test_parse_dateline_with_the_month_in_capitals() -> None:
    article = make_article(
        "ISLAMABAD, MAR 09 (DNA) – The envoy of Chile, H.E Jorge Vidal, called on the Prime Minister today.\n"
    )
    assert article.dateline == "Islamabad"
    assert article.agency == "DNA"
    assert article.sentences[0].text.startswith("The envoy of Chile")


def test_parse_dotted_initials_end_no_sentence() -> None:
    article = make_article(
        "The High Commissioner, L.K. Jayanath Perera, paid a courtesy call on the minister.\n"
    )
    assert len(article.sentences) == 1


def test_parse_marks_questions() -> None:
    article = make_article(
        "Why did the talks matter?\nThe talks between the two ministers ended on Monday.\n"
    )
    questions = [s.text for s in article.sentences if s.is_question]
    assert questions == ["Why did the talks matter?"]


def test_parse_skips_a_non_english_article() -> None:
    text = (
        "Die Bundeskanzlerin hat am Montag den französischen Präsidenten in Berlin empfangen. "
        "Bei dem Treffen ging es um die Zusammenarbeit der beiden Länder und um die Lage in der Ukraine.\n"
    )
    source = InputFile("de.txt", "sha256:" + "0" * 64, len(text))
    result = parse_text(source, text)
    assert result.article is None and result.skipped is not None
    assert "not an English article" in result.skipped.reason and "'de'" in result.skipped.reason


def test_parse_file_reports_empty_and_binary_input() -> None:
    def parse(raw: bytes) -> str:
        source = InputFile("x", "sha256:" + hashlib.sha256(raw).hexdigest(), len(raw))
        result = parse_file(source, raw, max_text_chars=1000)
        assert result.skipped is not None
        return result.skipped.reason

    assert parse(b"") == "empty file (0 bytes)"
    assert "whitespace" in parse(b" \n\t \n")
    assert "PNG" in parse(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    assert "too long" in parse(("The minister met the envoy. " * 100).encode())


# Names as ontology/agencies.ttl gives them to the parse stage; the reporters are invented.
AGENCIES = ("Anadolu Agency", "AA", "Anadolu", "Kyodo News", "Kyodo", "Agência Brasil")


def _agency(text: str, agencies: tuple[str, ...] = AGENCIES) -> str | None:
    article = parse_text(
        InputFile("byline.txt", "sha256:" + "0" * 64, len(text)), text, agencies=agencies
    ).article
    assert article is not None
    return article.agency


@pytest.mark.parametrize(
    ("header", "agency"),
    [
        ("By Derya Ilgaz", None),
        ("By Derya Ilgaz / Anadolu", "Anadolu"),
        ("By Derya Ilgaz, Anadolu Agency", "Anadolu Agency"),
        ("By Derya Ilgaz (AA)", "AA"),
        ("Reporting by Oskar Veldt for Kyodo", "Kyodo"),
        ("Derya Ilgaz | 12.03.2025 - Update : 12.03.2025", None),
        ("By Special Correspondent", None),
        ("Written by Oskar Veldt and Derya Ilgaz", None),
        ("Source: Kyodo News", "Kyodo News"),
        ("By Agência Brasil - Brasília", "Agência Brasil"),
        ("Source: Anadolu Agency (AA)", "Anadolu Agency (AA)"),
        ("By AFP", "AFP"),
        ("By Reuters", "Reuters"),
        ("NORTHWIRE | Updated: Mar 12, 2025 09:10 IST", "NORTHWIRE"),
    ],
)
def test_parse_byline_names_are_never_the_agency(header: str, agency: str | None) -> None:
    text = (
        f"{header}\nPort ministers meet\n"
        "The Norwegian foreign minister met her Peruvian counterpart in Lima on Monday. "
        "The two ministers discussed fisheries and trade.\n"
    )
    assert _agency(text) == agency


def test_parse_copyright_of_a_person_is_not_the_agency() -> None:
    body = "The Norwegian foreign minister met her Peruvian counterpart in Lima on Monday.\n"
    assert _agency(body + "© 2025 Oskar Veldt. All rights reserved.\n") is None
    assert _agency(body + "© KYODO\n") == "Kyodo"
    # Without the list, a wire name in capitals still is one; a reporter still is not.
    assert _agency("By Derya Ilgaz / ANADOLU\n" + body, agencies=()) == "ANADOLU"
    assert _agency("By Derya Ilgaz\n" + body, agencies=()) is None
    assert _agency("By Derya Ilgaz (Northwire)\n" + body, agencies=()) == "Northwire"


def test_parse_run_reads_the_agencies_of_the_ontology(pipeline_run: Callable[[Path], Path]) -> None:
    """In a run the names come from ontology/agencies.ttl; the Anadolu article's reporter
    ("Selin Karaca |29.09.2025") is not its agency."""
    graph = Graph().parse(pipeline_run(SAMPLE_CORPUS) / "diplomacy.ttl", format="turtle")
    agencies = {str(o) for o in graph.objects(None, URIRef("https://w3id.org/dipkg/ontology#agency"))}
    assert agencies == {"Kuwait News Agency (KUNA)", "IANS", "dpa", "The Canadian Press", "Yonhap"}
