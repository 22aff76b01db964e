"""What each meeting's label in the network says, and where it goes.

A meeting is labelled with its date and place (or its mode: a call has no place): beside
its square for a meeting of three or more (on the side the layout chose, else the other),
along its line for a meeting of two: at the middle of the part of the line the names at
its ends leave free (``pipeline.report.layout``), else a little towards either end. Where every
place would cover a name, a dot or another label, the label is left out (the tooltip and
the report's details still tell when and where) and the drawing says how many were.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline.report.graph_view import MeetingView
from pipeline.report.labels import Box, place
from pipeline.report.layout import LABEL_GAP, NODE_RADIUS, Layout
from pipeline.report.network import Network
from pipeline.report.svg import MONTHS, day_of

SIZE = 11  # font size of a label
LINE = SIZE + 2
GAP = 5.0  # between a line and its label
HUB_SIDE = 11.0  # the square of a meeting of three or more
CHAR_WIDTH = 6.4  # average advance of an 11px sans-serif character, for layout only
_NAME_HALF_HEIGHT = 7.0
_SHIFTS = (0.0, -0.12, 0.12, -0.24, 0.24)  # other places tried along the line


def meeting_caption(meeting: MeetingView) -> str:
    """When and where: "20 May 2023 · Hiroshima", "3 Jun 2024 · phone", "no date · Madrid"."""
    day = day_of(meeting.date)
    when = f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else meeting.date or "no date"
    how = meeting.mode if meeting.mode and meeting.mode != "in-person" else ""
    return " \u00b7 ".join(part for part in (when, meeting.location, how) if part)


def link_captions(meetings: Sequence[MeetingView]) -> list[str]:
    """The label lines of a line between two persons: two meetings, or one and "+N more"."""
    if len(meetings) <= 2:
        return [meeting_caption(m) for m in meetings]
    return [meeting_caption(meetings[0]), f"+{len(meetings) - 1:,} more"]


def size_of(lines: Sequence[str]) -> tuple[float, float]:
    """Width and height of a label of ``lines``, in pixels (for layout only)."""
    return max((len(line) for line in lines), default=0) * CHAR_WIDTH, len(lines) * LINE


def direction(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The unit direction of a line's label: along a→b, never upside down."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.sqrt(dx * dx + dy * dy) or 1.0
    cos, sin = dx / length, dy / length
    return (-cos, -sin) if cos < 0 or (cos == 0 and sin < 0) else (cos, sin)


@dataclass(frozen=True)
class Placement:
    """Where the labels that found room go; the others are left out."""

    hubs: Mapping[str, tuple[float, float, str]]  # meeting IRI → where its label starts, which way it runs
    links: Mapping[tuple[str, str], float]  # pair → where along its line (0 at its first end)

    def missing(self, network: Network) -> int:
        return len(network.hubs) - len(self.hubs) + len(network.links) - len(self.links)


def place_captions(
    placed: Layout, network: Network, name_width: Mapping[str, float], margin: float
) -> Placement:
    """Where each meeting's label goes: beside its square (on the side of the layout's
    choice, else the other), along its line (see the module's note); the squares' labels
    first, then the lines' from the busiest pair down."""
    fixed = [box for person in sorted(network.persons) for box in _person_boxes(placed, person, name_width)]
    fixed += [Box(*placed.positions[hub.iri], HUB_SIDE / 2, HUB_SIDE / 2) for hub in network.hubs]
    beside: dict[str, list[tuple[float, float, str]]] = {}
    wanted: list[tuple[str | tuple[str, str], list[Box]]] = []
    for hub in network.hubs:
        x, y = placed.positions[hub.iri]
        half = size_of([meeting_caption(hub)])[0] / 2
        first = placed.anchors[hub.iri]
        beside[hub.iri] = []
        for anchor in (first, "end" if first == "start" else "start"):
            side = 1 if anchor == "start" else -1
            start = x + side * (HUB_SIDE / 2 + LABEL_GAP)
            beside[hub.iri].append((start, y, anchor))
        wanted.append(
            (
                hub.iri,
                [
                    Box(sx + (half if a == "start" else -half), sy, half, SIZE / 2 + 1)
                    for sx, sy, a in beside[hub.iri]
                ],
            )
        )
    spots: dict[tuple[str, str], list[float]] = {}
    for pair, meetings in sorted(network.links.items(), key=lambda item: (-len(item[1]), item[0])):
        a, b = placed.positions[pair[0]], placed.positions[pair[1]]
        width, height = size_of(link_captions(meetings))
        half = width / 2 / (math.dist(a, b) or 1.0)
        middle = placed.along[pair]
        spots[pair] = list(dict.fromkeys(min(max(middle + shift, half), 1 - half) for shift in _SHIFTS))
        wanted.append((pair, [_along_box(a, b, at, width, height) for at in spots[pair]]))
    within = (-margin, -margin, placed.width + margin, placed.height + margin)
    chosen = place(fixed, wanted, within)
    return Placement(
        hubs={key: beside[key][index] for key, index in chosen.items() if isinstance(key, str)},
        links={key: spots[key][index] for key, index in chosen.items() if isinstance(key, tuple)},
    )


def _person_boxes(placed: Layout, person: str, name_width: Mapping[str, float]) -> list[Box]:
    x, y = placed.positions[person]
    half = name_width.get(person, 0.0) / 2
    offset = NODE_RADIUS + LABEL_GAP + half
    name_x = x + offset if placed.anchors[person] == "start" else x - offset
    return [Box(x, y, NODE_RADIUS, NODE_RADIUS), Box(name_x, y, half, _NAME_HALF_HEIGHT)]


def _along_box(a: tuple[float, float], b: tuple[float, float], at: float, width: float, height: float) -> Box:
    """The box of a label ``height`` tall whose lines stand on the line a–b at ``at``."""
    cos, sin = direction(a, b)
    # Across the line, the label spans from GAP - (its height) to GAP above it, baselines
    # included (a letter reaches a fifth of its size below the baseline).
    above = GAP + height - LINE + SIZE * 0.8
    below = -GAP + SIZE * 0.2
    middle = (below - above) / 2
    x, y = a[0] + (b[0] - a[0]) * at, a[1] + (b[1] - a[1]) * at
    return Box(x - sin * middle, y + cos * middle, width / 2, (above + below) / 2, cos, sin)
