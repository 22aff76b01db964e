"""The timeline of report.html: meetings on a time axis, as SVG, in pure Python.

Marks too close together are stacked in rows; past ``MAX_TIMELINE_ROWS`` (40) rows they
share the row that ended first, and at most forty undated meetings are drawn (in a column
of their own). The report puts at most ``pipeline.report.limits.MAX_TABLE_ROWS`` meetings
on it. Each mark carries the element id the page's script looks up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from pipeline.report.graph_view import GraphView, MeetingView
from pipeline.report.network import OTHER_COLOUR
from pipeline.report.svg import MONTHS, Ids, day_of, document, text

MAX_TIMELINE_ROWS = 40
MODE_COLOURS = {"in-person": "#4e79a7", "phone": "#f28e2b", "video": "#59a14f"}


def timeline_svg(
    view: GraphView, ids: Ids, *, width: float = 1200.0, meetings: Sequence[MeetingView] | None = None
) -> str:
    """Meetings (default: all of the view's) on a time axis, stacked when close; the undated
    ones in a column of their own."""
    dated: list[tuple[int, MeetingView]] = []
    undated: list[MeetingView] = []
    for meeting in view.meetings if meetings is None else meetings:
        day = day_of(meeting.date)
        if day is None:
            undated.append(meeting)
        else:
            dated.append((day.toordinal(), meeting))
    undated = undated[:MAX_TIMELINE_ROWS]
    left, right = 40.0, width - (110.0 if undated else 40.0)
    first = min((d for d, _ in dated), default=0)
    last = max((d for d, _ in dated), default=0)
    span = max(last - first, 1)

    def x_of(ordinal: int) -> float:
        return round(
            (left + right) / 2 if first == last else left + (ordinal - first) / span * (right - left), 1
        )

    dots: list[tuple[float, int, MeetingView]] = []
    ends: list[float] = []  # the rightmost mark of each row: marks come from left to right
    for ordinal, meeting in sorted(dated, key=lambda item: item[0]):
        x = x_of(ordinal)
        level = next((i for i, end in enumerate(ends) if x - end >= 13), len(ends))
        if level == MAX_TIMELINE_ROWS:
            level = min(range(level), key=lambda i: ends[i])  # overlap where the row ended first
        if level == len(ends):
            ends.append(x)
        ends[level] = x
        dots.append((x, level, meeting))
    dots.extend((width - 55.0, level, meeting) for level, meeting in enumerate(undated))
    rows = max([len(ends), len(undated), 1])
    axis = 18.0 + rows * 14.0
    parts = [f'<line x1="{left:g}" y1="{axis:g}" x2="{right:g}" y2="{axis:g}" stroke="#8b95a5"/>']
    for ordinal, tick in _ticks(first, last) if dated else []:
        x = x_of(ordinal)
        parts.append(f'<line x1="{x:g}" y1="{axis:g}" x2="{x:g}" y2="{axis + 5:g}" stroke="#8b95a5"/>')
        parts.append(text(x, axis + 17, tick, anchor="middle", fill="#444a52", size=11))
    if undated:
        parts.append(text(width - 55.0, axis + 17, "no date", anchor="middle", fill="#444a52", size=11))
    for x, level, meeting in dots:
        colour = MODE_COLOURS.get(meeting.mode, OTHER_COLOUR)
        parts.append(
            f'<g class="dot" data-meeting="{ids.meetings[meeting.iri]}" tabindex="0" role="button" aria-label="{escape(meeting.label)}">'
            f'<circle cx="{x:g}" cy="{axis - 9 - level * 14:g}" r="5.5" fill="{colour}" stroke="#ffffff"/>'
            f"<title>{escape(meeting.label)}</title></g>"
        )
    return document(width, axis + 28, parts, standalone=False, label="Timeline of meetings", fluid=True)


def _ticks(first: int, last: int) -> list[tuple[int, str]]:
    """Day ticks on a short axis, month ticks up to two years, year ticks past that."""
    start, end = dt.date.fromordinal(first), dt.date.fromordinal(last)
    if last - first <= 62:
        step = next(s for s in (1, 2, 7, 14) if (last - first) // s <= 9)
        days = [dt.date.fromordinal(d) for d in range(first, last + 1, step)]
        return [(d.toordinal(), f"{d.day} {MONTHS[d.month - 1]}") for d in days]
    if last - first > 730:
        return [(dt.date(y, 1, 1).toordinal(), str(y)) for y in range(start.year + 1, end.year + 1)]
    months = []
    year, month = start.year, start.month
    while True:  # the first of each month after the first day, up to the last day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if (year, month) > (end.year, end.month):
            break
        months.append(dt.date(year, month, 1))
    every = len(months) // 10 + 1
    return [(d.toordinal(), f"{MONTHS[d.month - 1]} {d.year}") for d in months[::every]]
