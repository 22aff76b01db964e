"""Date resolution against the article's date: a day only when the text supports one."""

from __future__ import annotations

import pytest

from pipeline.ingest import dates


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("on Tuesday", "2025-04-22", "2025-04-22"),  # the article's own weekday
        ("on Monday", "2025-04-22", "2025-04-21"),
        ("Earlier Wednesday", "2024-11-07", "2024-11-06"),
        ("last Tuesday", "2025-04-22", "2025-04-15"),
        ("yesterday", "2025-09-30", "2025-09-29"),
        ("today", "2025-09-30", "2025-09-30"),
        ("Jan 7", "2025-01-07", "2025-01-07"),
        ("December 30", "2025-01-03", "2024-12-30"),  # late December in an early-January article
        ("7 January 2024", None, "2024-01-07"),
        ("March 4, 2025", None, "2025-03-04"),
        ("on Tuesday", None, None),  # undated article: never guessed
        ("last week", "2025-04-22", None),
        ("late October", "2024-11-07", None),
        ("this month", "2025-01-07", None),
    ],
)
def test_dates_resolve(expression: str, published: str | None, expected: str | None) -> None:
    assert dates.resolve(expression, published) == expected


def test_dates_following_day_needs_an_anchor() -> None:
    assert dates.resolve("the following day", "2025-03-13", anchor="2025-03-13") == "2025-03-14"
    assert dates.resolve("the following day", "2025-03-13", anchor=None) is None


def test_dates_rejects_impossible_days() -> None:
    assert dates.make_iso(2025, 2, 30) is None
    assert dates.iso_or_none("2025-13-45") is None
