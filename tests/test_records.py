"""The JSON Lines codec: every record survives a round trip, byte-stable."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import records
from pipeline.records import MeetingClaim, MeetingKind, Mode, ParseResult, Resolution
from tests.conftest import SAMPLE_CORPUS, make_article
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


def test_records_meeting_kinds_are_written_as_their_words_and_read_back_as_enums() -> None:
    claim = MeetingClaim(("p1", "p2"), "2025-01-07", None, Mode.PHONE, (), (), MeetingKind.COURTESY_CALL)
    line = records.to_json(claim)
    assert '"kind":"courtesy call"' in line
    assert records.from_json(MeetingClaim, line).kind is MeetingKind.COURTESY_CALL
    assert records.from_json(MeetingClaim, line.replace("courtesy call", "talks")).kind is MeetingKind.TALKS
    with pytest.raises(ValueError, match="'tea party' is not a valid MeetingKind"):
        records.from_json(MeetingClaim, line.replace("courtesy call", "tea party"))


def test_records_item_lines_round_trip_a_resolution(pipeline_run: Callable[[Path], Path]) -> None:
    """A large record written a line an entity reads back equal, from a real run."""
    (path,) = (pipeline_run(SAMPLE_CORPUS) / "work" / "resolve").glob("*[0-9a-f].jsonl")
    resolution = records.from_item_lines(Resolution, path.read_text(encoding="utf-8").splitlines())
    assert resolution.persons and resolution.meetings
    lines = list(records.item_lines(resolution))
    assert "".join(lines) == path.read_text(encoding="utf-8")
    assert len(lines) > len(resolution.persons) + len(resolution.meetings)  # one line per entity
    empty = dataclasses.replace(resolution, meetings=())
    assert records.from_item_lines(Resolution, list(records.item_lines(empty))) == empty
