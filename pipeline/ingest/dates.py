"""Date expressions of news text, resolved against the article's own date.

A day is returned only when the text supports one: "on Tuesday" in an article dated
Tuesday 22 April is that day; "last week", "late October" or any relative expression in
an undated article give no day. Nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
MONTH_PATTERN = "(?:" + "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True)) + ")"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_DAY = re.compile(
    rf"\b(?P<month>{MONTH_PATTERN})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH_PATTERN})\b\.?(?:,?\s+(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"\b(?P<which>last|next|this|coming|previous)?\s*(?P<day>" + "|".join(_WEEKDAYS) + r")\b",
    re.IGNORECASE,
)
_RELATIVE_DAYS = (
    (re.compile(r"\bday before yesterday\b", re.I), -2),
    (re.compile(r"\b(?:yesterday|last night|last evening)\b", re.I), -1),
    (
        re.compile(
            r"\b(?:today|tonight|this morning|this afternoon|this evening|earlier in the day)\b",
            re.I,
        ),
        0,
    ),
    (re.compile(r"\btomorrow\b", re.I), 1),
)
_ANCHORED = (
    (re.compile(r"\b(?:the )?(?:following|next) day\b|\ba day later\b", re.I), 1),
    (
        re.compile(r"\b(?:the )?(?:previous day|day before|preceding day)\b|\ba day earlier\b", re.I),
        -1,
    ),
)
# How far after the article's date a month-day without a year may lie before it is taken
# to mean the previous year (articles report the past and the near future).
_FUTURE_TOLERANCE = dt.timedelta(days=60)


def month_number(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def make_iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_or_none(text: str) -> str | None:
    match = _ISO.search(text)
    if not match:
        return None
    return make_iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def resolve(
    expression: str, published: str | None, anchor: str | None = None, *, reposted: bool = False
) -> str | None:
    """The ISO day an expression names, or None when the text does not fix a day.

    ``published`` is the article's date; ``anchor`` the day of the event an expression
    such as "the following day" is relative to. A ``reposted`` article's date is when
    another site redistributed it: it still gives the year, but no "today" or weekday.
    """
    iso = iso_or_none(expression)
    if iso:
        return iso
    base = dt.date.fromisoformat(published) if published else None
    for pattern, offset in _ANCHORED:
        if pattern.search(expression):
            return (dt.date.fromisoformat(anchor) + dt.timedelta(days=offset)).isoformat() if anchor else None
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        match = pattern.search(expression)
        if match:
            return _month_day(match, base)
    if reposted:
        return None
    for pattern, offset in _RELATIVE_DAYS:
        if pattern.search(expression):
            return (base + dt.timedelta(days=offset)).isoformat() if base else None
    match = _WEEKDAY.search(expression)
    if match and base is not None:
        return _weekday(match, base)
    return None


def _month_day(match: re.Match[str], base: dt.date | None) -> str | None:
    month, day = month_number(match.group("month")), int(match.group("day"))
    if match.group("year"):
        return make_iso(int(match.group("year")), month, day)
    if base is None:
        return None
    candidate = make_iso(base.year, month, day)
    if candidate and dt.date.fromisoformat(candidate) > base + _FUTURE_TOLERANCE:
        candidate = make_iso(base.year - 1, month, day)
    return candidate


def _weekday(match: re.Match[str], base: dt.date) -> str:
    target = _WEEKDAYS.index(match.group("day").lower())
    which = (match.group("which") or "").lower()
    if which in ("next", "coming"):
        ahead = (target - base.weekday()) % 7 or 7
        return (base + dt.timedelta(days=ahead)).isoformat()
    back = (base.weekday() - target) % 7
    if which in ("last", "previous") and back == 0:
        back = 7
    return (base - dt.timedelta(days=back)).isoformat()


# A line that is a dateline alone: "December 4, 2023, The Kremlin, Moscow",
# "2 August 2024", "Moscow, December 4, 2023".
_DATELINE = re.compile(
    rf"^(?:[A-Z][\w' .-]{{1,40}},\s*)?(?:(?:{MONTH_PATTERN})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{MONTH_PATTERN})\.?,?\s+\d{{4}})"
    r"(?:\s*[,:]\s*[A-Z][\w' .-]{1,40}){0,3}:?$"
)


def dateline_day(line: str) -> str | None:
    """The day of a line that is only a dateline (a full date with places), else None."""
    text = " ".join(line.split())
    if not _DATELINE.match(text):
        return None
    return resolve(text, None)
