"""The JSON Lines codec: every record survives a round trip, byte-stable."""

from __future__ import annotations

from pipeline import records
from pipeline.records import ParseResult, Resolution
from tests.conftest import make_article
from tests.test_triples import resolution


def test_records_round_trip_nested_records() -> None:
    original = resolution()
    line = records.to_json(original)
    assert records.from_json(Resolution, line) == original
    assert records.to_json(records.from_json(Resolution, line)) == line


def test_records_round_trip_parse_results() -> None:
    result = ParseResult(article=make_article("The minister met the envoy in Oslo on Monday.\n"))
    lines = list(records.dump_lines([result, result]))
    assert list(records.load_lines(ParseResult, lines)) == [result, result]
