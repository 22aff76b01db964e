"""The meeting network and the timeline as SVG, in pure Python.

Persons are dots coloured by country, meetings are lines between their participants (a
thicker line when a pair met more than once). ``network_svg`` makes the standalone
picture (``meetings.svg``: white background, a legend, readable in a README in dark mode
too) or, with ``ids``, the interactive drawing of ``report.html``, whose elements carry
the ids its script looks up. Every text is escaped; nothing depends on time or chance.

Limits, so that a graph of thousands of persons still makes a picture, quickly:

- ``MAX_DRAWN_PERSONS`` (100): past that many persons who met someone, the network draws
  the 100 with the most meetings (ties by name) and the meetings between them, and says
  so in its title (or the report, in its note). A run of 10,000 articles has about 2,700
  persons who met someone; its 100 busiest already share some 1,200 lines, about what a
  page can show, and the force layout (``pipeline.layout``) of 100 persons takes 0.1 s.
- ``MAX_EDGE_HINT`` (10): a line's tooltip names at most ten meetings, then "… N more".
- ``MAX_TIMELINE_ROWS`` (40): marks too close together for forty rows share the row that
  ended first, and at most forty undated meetings are drawn; the report puts at most
  ``pipeline.report_limits.MAX_TABLE_ROWS`` meetings on the timeline.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from pipeline.graph_view import GraphView, MeetingView
from pipeline.layout import LABEL_GAP, NODE_RADIUS, Layout, layout

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
# Tableau 20 without its greys, strong shades first: distinct for about twenty countries.
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
    "#499894", "#d37295", "#b6992d", "#86bcb6", "#a0cbe8", "#ffbe7d", "#8cd17d", "#f1ce63", "#fabfd2",
    "#d4a6c8",
)  # fmt: skip
UNKNOWN_COLOUR = "#a0a4aa"
MODE_COLOURS = {"in-person": "#4e79a7", "phone": "#f28e2b", "video": "#59a14f"}
_CHAR_WIDTH = 6.8  # average advance of a 12px sans-serif character, for layout only
_MAX_LABEL = 32
_MARGIN = 16.0
MAX_DRAWN_PERSONS = 100
MAX_EDGE_HINT = 10
MAX_TIMELINE_ROWS = 40
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Ids:
    """Short element ids of the HTML report: persons and meetings by their IRIs."""

    persons: Mapping[str, str]
    meetings: Mapping[str, str]


def country_colours(view: GraphView) -> dict[str, str]:
    """A colour per country code (in code order, so each country keeps its colour)."""
    colours = {}
    for i, code in enumerate(view.countries):
        # Past the palette, golden-angle hues stay apart from each other.
        colours[code] = PALETTE[i] if i < len(PALETTE) else f"hsl({(i * 137.5) % 360:.1f}, 55%, 50%)"
    return colours


def label_of(name: str) -> str:
    return name if len(name) <= _MAX_LABEL else name[: _MAX_LABEL - 1] + "\u2026"


Pairs = Mapping[tuple[str, str], Sequence[MeetingView]]


def meeting_counts(view: GraphView) -> dict[str, int]:
    """Person IRI → how many meetings with someone else they took part in."""
    counts: dict[str, int] = {}
    for meeting in view.meetings:
        people = set(meeting.participants)
        if len(people) > 1:
            for person in people:
                counts[person] = counts.get(person, 0) + 1
    return counts


def drawn_persons(view: GraphView, limit: int = MAX_DRAWN_PERSONS) -> frozenset[str]:
    """Who the network may draw: everyone who met someone, or the ``limit`` who met most."""
    counts = meeting_counts(view)
    if len(counts) <= limit:
        return frozenset(counts)
    names = {p.iri: p.name for p in view.persons}

    def rank(iri: str) -> tuple[int, str, str]:
        return -counts[iri], names.get(iri, iri).casefold(), iri

    return frozenset(sorted(counts, key=rank)[:limit])


def network_pairs(view: GraphView, persons: Collection[str]) -> dict[tuple[str, str], list[MeetingView]]:
    """Each pair of ``persons`` who met, with their meetings."""
    pairs: dict[tuple[str, str], list[MeetingView]] = defaultdict(list)
    for meeting in view.meetings:
        people = sorted(p for p in set(meeting.participants) if p in persons)
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                pairs[(a, b)].append(meeting)
    return pairs


def network_layout(view: GraphView, pairs: Pairs | None = None) -> Layout:
    """Where each drawn participant goes (persons without meetings are not drawn)."""
    if pairs is None:
        pairs = network_pairs(view, drawn_persons(view))
    nodes = sorted({p for pair in pairs for p in pair})
    names = {p.iri: p.name for p in view.persons}
    widths = {node: len(label_of(names.get(node, node))) * _CHAR_WIDTH for node in nodes}
    return layout(nodes, sorted(pairs), widths)


def _hint(meetings: Sequence[MeetingView]) -> str:
    shown = "; ".join(m.label for m in meetings[:MAX_EDGE_HINT])
    more = len(meetings) - MAX_EDGE_HINT
    return f"{shown}; \u2026 {more:,} more" if more > 0 else shown


def _title(view: GraphView, placed: Layout) -> str:
    met = len(meeting_counts(view))
    if met <= MAX_DRAWN_PERSONS:
        return f"Who met whom: {len(view.meetings)} meetings, {len(placed.positions)} persons"
    return f"Who met whom: the {len(placed.positions):,} persons with the most meetings, of {met:,}"


def network_svg(view: GraphView, *, ids: Ids | None = None, pairs: Pairs | None = None) -> str:
    """The network as an SVG document (standalone) or element (``ids`` given: for the report).

    ``pairs`` (default: ``network_pairs`` of the ``drawn_persons``) are the lines drawn.
    """
    if pairs is None:
        pairs = network_pairs(view, drawn_persons(view))
    placed = network_layout(view, pairs)
    colours = country_colours(view)
    persons = {p.iri: p for p in view.persons}
    top = 34.0 if ids is None else 0.0
    body: list[str] = []
    if ids is None:
        body.append(_text(_MARGIN, 22, _title(view, placed), weight="600", size=15))
    body.append(f'<g transform="translate({_MARGIN:g} {top + _MARGIN:g})">')
    body.append('<g stroke="#8b95a5" stroke-linecap="round" fill="none">')
    for (a, b), meetings in sorted(pairs.items()):
        (x1, y1), (x2, y2) = placed.positions[a], placed.positions[b]
        line = f'x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}"'
        hint = _hint(meetings)
        width = min(1.6 + 1.2 * (len(meetings) - 1), 6.0)
        if ids is None:
            body.append(f'<line {line} stroke-width="{width:g}"><title>{escape(hint)}</title></line>')
        else:
            refs = " ".join(ids.meetings[m.iri] for m in meetings)
            body.append(
                f'<g class="edge" data-meetings="{refs}" tabindex="0" role="button" aria-label="{escape(hint)}">'
                f'<line class="hit" {line} stroke="#000" stroke-opacity="0" stroke-width="14" pointer-events="stroke"/>'
                f'<line class="wire" {line} stroke-width="{width:g}"/><title>{escape(hint)}</title></g>'
            )
    body.append("</g>")
    for iri, (x, y) in sorted(placed.positions.items()):
        person = persons[iri]
        colour = colours.get(person.country, UNKNOWN_COLOUR)
        anchor = placed.anchors[iri]
        lx = x + (NODE_RADIUS + LABEL_GAP) * (1 if anchor == "start" else -1)
        hint = person.name + "".join(f"\n{o.label} ({o.status})" for o in person.offices)
        attrs = (
            ""
            if ids is None
            else f' class="node" data-person="{ids.persons[iri]}" tabindex="0" role="button" aria-label="{escape(person.name)}"'
        )
        body.append(
            f'<g{attrs}><circle cx="{x:g}" cy="{y:g}" r="{NODE_RADIUS:g}" fill="{colour}" stroke="#ffffff" stroke-width="1.5"/>'
            + _text(lx, y, label_of(person.name), anchor=anchor)
            + f"<title>{escape(hint)}</title></g>"
        )
    body.append("</g>")
    width = max(placed.width + 2 * _MARGIN, 320.0)
    height = top + placed.height + 2 * _MARGIN
    if not placed.positions:
        body.append(_text(_MARGIN, top + _MARGIN + 12, "No meetings in this graph."))
        height += 24
    if ids is None:
        legend_svg, legend_height = _legend(view, colours, placed, width, height)
        body.append(legend_svg)
        height += legend_height
    return _svg(width, height, body, standalone=ids is None, label="Meeting network")


def _legend(
    view: GraphView, colours: Mapping[str, str], placed: Layout, width: float, top: float
) -> tuple[str, float]:
    """Swatches of the countries drawn, wrapped to the picture's width."""
    drawn = {p.country for p in view.persons if p.iri in placed.positions}
    entries = [(colours[code], label) for code, label in view.countries.items() if code in drawn]
    if "" in drawn:
        entries.append((UNKNOWN_COLOUR, "country unknown"))
    parts: list[str] = []
    x, y = _MARGIN, top + 8
    for colour, label in entries:
        step = 2 * NODE_RADIUS + LABEL_GAP + len(label_of(label)) * _CHAR_WIDTH + 18
        if x > _MARGIN and x + step > width - _MARGIN:
            x, y = _MARGIN, y + 20
        parts.append(f'<circle cx="{x + NODE_RADIUS:g}" cy="{y:g}" r="5" fill="{colour}"/>')
        parts.append(_text(x + 2 * NODE_RADIUS + 2, y, label_of(label), fill="#444a52"))
        x += step
    return "".join(parts), (y - top + 22 if entries else 0)


def timeline_svg(
    view: GraphView, ids: Ids, *, width: float = 900.0, meetings: Sequence[MeetingView] | None = None
) -> str:
    """Meetings (default: all of the view's) on a time axis, stacked when close; the undated
    ones in a column of their own."""
    dated: list[tuple[int, MeetingView]] = []
    undated: list[MeetingView] = []
    for meeting in view.meetings if meetings is None else meetings:
        day = _day(meeting.date)
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
    for ordinal, text in _ticks(first, last) if dated else []:
        x = x_of(ordinal)
        parts.append(f'<line x1="{x:g}" y1="{axis:g}" x2="{x:g}" y2="{axis + 5:g}" stroke="#8b95a5"/>')
        parts.append(_text(x, axis + 17, text, anchor="middle", fill="#444a52", size=11))
    if undated:
        parts.append(_text(width - 55.0, axis + 17, "no date", anchor="middle", fill="#444a52", size=11))
    for x, level, meeting in dots:
        colour = MODE_COLOURS.get(meeting.mode, UNKNOWN_COLOUR)
        parts.append(
            f'<g class="dot" data-meeting="{ids.meetings[meeting.iri]}" tabindex="0" role="button" aria-label="{escape(meeting.label)}">'
            f'<circle cx="{x:g}" cy="{axis - 9 - level * 14:g}" r="5.5" fill="{colour}" stroke="#ffffff"/>'
            f"<title>{escape(meeting.label)}</title></g>"
        )
    return _svg(width, axis + 28, parts, standalone=False, label="Timeline of meetings")


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None  # a graph may hold a date no calendar has; it is drawn as undated


def _ticks(first: int, last: int) -> list[tuple[int, str]]:
    """Day ticks on a short axis, month ticks up to two years, year ticks past that."""
    start, end = dt.date.fromordinal(first), dt.date.fromordinal(last)
    if last - first <= 62:
        step = next(s for s in (1, 2, 7, 14) if (last - first) // s <= 9)
        days = [dt.date.fromordinal(d) for d in range(first, last + 1, step)]
        return [(d.toordinal(), f"{d.day} {_MONTHS[d.month - 1]}") for d in days]
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
    return [(d.toordinal(), f"{_MONTHS[d.month - 1]} {d.year}") for d in months[::every]]


def _text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    fill: str = "#1f2328",
    weight: str = "",
    size: int = 0,
) -> str:
    extra = (f' font-weight="{weight}"' if weight else "") + (f' font-size="{size}"' if size else "")
    return (
        f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" dominant-baseline="central" fill="{fill}"{extra}>'
        f"{escape(text)}</text>"
    )


def _svg(width: float, height: float, body: list[str], *, standalone: bool, label: str) -> str:
    size = f'width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}"'
    head = f'<svg xmlns="http://www.w3.org/2000/svg" {size} font-family="{escape(FONT)}" font-size="12"'
    if standalone:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'{head} role="img" aria-label="{escape(label)}">\n<title>{escape(label)}</title>\n'
            f'<rect width="100%" height="100%" fill="#ffffff"/>\n' + "\n".join(body) + "\n</svg>\n"
        )
    return f'{head} role="group" aria-label="{escape(label)}">' + "\n".join(body) + "</svg>"
