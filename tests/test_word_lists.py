"""The word lists of ontology/patterns/, read from real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import OntologyError
from pipeline.extract import word_lists


def _patterns(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "patterns").mkdir(exist_ok=True)
    (tmp_path / "patterns" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_word_lists_entries_are_lower_cased_sorted_and_without_comments(tmp_path: Path) -> None:
    folder = _patterns(tmp_path, "page-words.txt", "# page words\nTwitter\nreadout  # a comment\n\ntwitter\n")
    assert word_lists.word_list(folder, "page-words.txt") == ["readout", "twitter"]


def test_word_lists_honorifics_marked_plus_precede_a_given_name(tmp_path: Path) -> None:
    folder = _patterns(tmp_path, "honorifics.txt", "Sheikh +\nDatuk Seri\nmr\n")
    forms, given_name = word_lists.honorifics(folder)
    assert forms == (("datuk", "seri"), ("mr",), ("sheikh",))
    assert given_name == frozenset({("sheikh",)})


def test_word_lists_triggers_by_section(tmp_path: Path) -> None:
    folder = _patterns(
        tmp_path,
        "meeting-triggers.txt",
        "[meeting verbs]\nmeet\n[verbs to a visitor]\ntell\n[phone words]\nPhone  # x\n",
    )
    assert word_lists.triggers(folder) == word_lists.Triggers(
        verbs=frozenset({"meet"}), visitor_verbs=frozenset({"tell"}), phone_words=frozenset({"phone"})
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [("[greetings]\nhello\n", "unknown section"), ("meet\n", "stands before any section")],
)
def test_word_lists_triggers_refuse_a_malformed_file(tmp_path: Path, text: str, message: str) -> None:
    folder = _patterns(tmp_path, "meeting-triggers.txt", text)
    with pytest.raises(OntologyError, match=message):
        word_lists.triggers(folder)


def test_word_lists_seats_pair_a_body_with_a_country(tmp_path: Path) -> None:
    folder = _patterns(tmp_path, "seats-of-government.txt", "# seats\nState Department\tUS\n")
    assert word_lists.seats(folder) == (("State Department", "US"),)
    _patterns(tmp_path, "seats-of-government.txt", "Kremlin RU\n")
    with pytest.raises(OntologyError, match="no tab"):
        word_lists.seats(folder)


def test_word_lists_a_missing_file_is_an_ontology_error(tmp_path: Path) -> None:
    with pytest.raises(OntologyError, match="cannot read .*state-forms.txt"):
        word_lists.word_list(tmp_path, "state-forms.txt")
