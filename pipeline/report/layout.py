"""A deterministic layout of the meeting network: the same graph, the same picture.

Nodes are persons and meetings of three or more. Each connected group is laid out on its
own (a force layout in a fixed number of steps, ``pipeline.report.forces``); then its
edges get room for their labels and the ends of crowded stars room for their names, and
the groups are packed, tallest first, into the box of a window's shape.

The report draws at most 100 persons (``pipeline.report.network.MAX_DRAWN_PERSONS``) and
their meetings, so laying out any graph's network takes about a second at most.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from pipeline.report.forces import SHORT_EDGE, unit_positions
from pipeline.report.labels import Box

NODE_RADIUS = 7.0
EDGE_LENGTH = 150.0  # pixels between two persons who met, on average
LABEL_GAP = 5.0
LINE_HEIGHT = 22.0
GROUP_GAP = 28.0
ASPECT = 1.6  # width ÷ height of the window the groups are packed for
MAX_PACKED_WIDTH = 1300.0  # about the width a page gives the network: wider would shrink its text
_PACKINGS = 8  # box widths tried, evenly from the widest group's to MAX_PACKED_WIDTH
_EVEN_PULL = 0.1  # a node's edges run left and right this evenly: its name goes away from the centre
_SPREAD, _SPREAD_STEPS = 0.15, 3  # how far, in steps of an edge's length, a name may move to be read
_MAX_STRETCH = 1.6  # how much longer than EDGE_LENGTH edges may grow for their labels


@dataclass(frozen=True)
class Layout:
    """Positions in pixels, with the side each label goes on ("start": right, "end": left)
    and where along each labelled edge its label goes (0 at its first end, 1 at its second)."""

    width: float
    height: float
    positions: Mapping[str, tuple[float, float]]
    anchors: Mapping[str, str]
    along: Mapping[tuple[str, str], float]


@dataclass(frozen=True)
class _EdgeLabel:
    width: float
    height: float
    ends: tuple[float, float]  # pixels of the edge its ends cover, from each end


@dataclass(frozen=True)
class _Placed:
    positions: dict[str, tuple[float, float]]
    anchors: dict[str, str]
    along: dict[tuple[str, str], float]
    left: float
    top: float
    right: float
    bottom: float


def layout(
    nodes: Sequence[str],
    edges: Sequence[tuple[str, str]],
    label_width: Mapping[str, float],
    *,
    edge_labels: Mapping[tuple[str, str], tuple[float, float]] | None = None,
    short_edges: Collection[tuple[str, str]] = frozenset(),
) -> Layout:
    """Place ``nodes`` (ids) joined by ``edges``; labels of the given widths fit in the box.

    Edges are keyed by their ends in sorted order. ``edge_labels``: (width, height) of the
    text written above the middle of an edge, which is drawn long enough for it, within
    reason. ``short_edges`` are drawn ``SHORT_EDGE`` times as long as the others.
    """
    above = edge_labels or {}
    groups = [
        _place_group(group, edges, label_width, above, short_edges) for group in _components(nodes, edges)
    ]
    return _pack(groups)


def _components(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> list[list[str]]:
    """Connected groups, largest first, each sorted; ties broken by their first id."""
    parent = {node: node for node in nodes}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        if a in parent and b in parent:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for node in sorted(parent):
        groups.setdefault(root(node), []).append(node)
    return sorted(groups.values(), key=lambda group: (-len(group), group[0]))


def _place_group(
    group: list[str],
    edges: Sequence[tuple[str, str]],
    label_width: Mapping[str, float],
    above: Mapping[tuple[str, str], tuple[float, float]],
    short: Collection[tuple[str, str]],
) -> _Placed:
    members = set(group)
    pairs = sorted({(min(a, b), max(a, b)) for a, b in edges if a in members and b in members and a != b})
    unit = unit_positions(group, pairs, short)
    anchors = _anchors(unit, pairs)
    reach = {node: NODE_RADIUS + LABEL_GAP + label_width.get(node, 0.0) for node in group}
    labels = {
        pair: _EdgeLabel(*above[pair], _ends(unit, pair, anchors, reach, above[pair][1]))
        for pair in pairs
        if pair in above
    }
    targets = {pair: EDGE_LENGTH * (SHORT_EDGE if pair in short else 1.0) for pair in pairs}
    positions = _spread_names(_scaled(unit, targets, labels), pairs, anchors, reach)
    return _measured(positions, anchors, reach, labels)


def _scaled(
    unit: Mapping[str, tuple[float, float]],
    targets: Mapping[tuple[str, str], float],
    labels: Mapping[tuple[str, str], _EdgeLabel],
) -> dict[str, tuple[float, float]]:
    """Scale so that edges are as long as their ``targets`` on average; an edge too short for
    its label gets longer: by moving its end outwards when that end has no other edge, else by
    scaling the whole group (at most ``_MAX_STRETCH`` times). Rounded to a tenth of a pixel."""
    lengths = {pair: _distance(unit, pair) for pair in targets}
    total = sum(lengths.values())
    factor = sum(targets.values()) / total if total > 0 else EDGE_LENGTH
    degree: dict[str, int] = {}
    for a, b in targets:
        degree[a], degree[b] = degree.get(a, 0) + 1, degree.get(b, 0) + 1
    needs = {pair: label.width + label.ends[0] + label.ends[1] for pair, label in labels.items()}
    inner = [
        needs[pair] / lengths[pair]
        for pair in needs
        if lengths[pair] > 0 and min(degree[n] for n in pair) > 1
    ]
    factor = max(factor, min(max(inner, default=0.0), factor * _MAX_STRETCH))
    scaled = {node: (x * factor, y * factor) for node, (x, y) in unit.items()}
    for (a, b), need in sorted(needs.items()):
        length = lengths[(a, b)] * factor
        leaf, other = (b, a) if degree[b] == 1 else (a, b)
        if need > length > 0 and degree[leaf] == 1:
            (lx, ly), (ox, oy) = scaled[leaf], scaled[other]
            grow = need / length
            scaled[leaf] = (ox + (lx - ox) * grow, oy + (ly - oy) * grow)
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in scaled.items()}


def _spread_names(
    positions: dict[str, tuple[float, float]],
    pairs: list[tuple[str, str]],
    anchors: Mapping[str, str],
    reach: Mapping[str, float],
) -> dict[str, tuple[float, float]]:
    """Move a node with one edge outwards along it (a step at a time, up to ``_SPREAD_STEPS``)
    while its name covers another's name or dot: the ends of a star spread apart."""
    neighbours: dict[str, list[str]] = {}
    for a, b in pairs:
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)

    def boxes(node: str) -> tuple[Box, Box]:
        x, y = positions[node]
        half = (reach[node] - NODE_RADIUS) / 2
        name_x = x + NODE_RADIUS + half if anchors[node] == "start" else x - NODE_RADIUS - half
        return Box(x, y, NODE_RADIUS, NODE_RADIUS), Box(name_x, y, half, LINE_HEIGHT / 2 - 2)

    for node in sorted(n for n, found in neighbours.items() if len(found) == 1):
        (ox, oy), start = positions[neighbours[node][0]], positions[node]
        for step in range(_SPREAD_STEPS + 1):
            grow = 1 + step * _SPREAD
            positions[node] = (round(ox + (start[0] - ox) * grow, 1), round(oy + (start[1] - oy) * grow, 1))
            name = boxes(node)[1]
            if not any(name.overlaps(box) for other in positions if other != node for box in boxes(other)):
                break
    return positions


def _distance(positions: Mapping[str, tuple[float, float]], pair: tuple[str, str]) -> float:
    (xa, ya), (xb, yb) = positions[pair[0]], positions[pair[1]]
    return math.sqrt((xb - xa) ** 2 + (yb - ya) ** 2)


def _anchors(positions: Mapping[str, tuple[float, float]], pairs: list[tuple[str, str]]) -> dict[str, str]:
    """The side of each node's name: the side its edges leave free (more of them run left:
    it goes right), else away from the group's centre. Directions only: scaling keeps it."""
    cx = sum(x for x, _ in positions.values()) / len(positions)
    pull = dict.fromkeys(positions, 0.0)  # the sum of the cosines of a node's edges
    for a, b in pairs:
        (xa, ya), (xb, yb) = positions[a], positions[b]
        length = math.sqrt((xb - xa) ** 2 + (yb - ya) ** 2) or 1.0
        pull[a] += (xb - xa) / length
        pull[b] += (xa - xb) / length
    anchors = {}
    for node, (x, _) in positions.items():
        side = -pull[node] if abs(pull[node]) > _EVEN_PULL else x - cx
        anchors[node] = "end" if side < 0 else "start"
    return anchors


def _ends(
    positions: Mapping[str, tuple[float, float]],
    pair: tuple[str, str],
    anchors: Mapping[str, str],
    reach: Mapping[str, float],
    height: float,
) -> tuple[float, float]:
    """How much of an edge, in pixels from each end, its ends' dots and names cover for a
    label ``height`` tall above it (a name written towards the other end covers the edge
    until the edge leaves the name's width or height). Directions only: scaling keeps it."""
    (xa, ya), (xb, yb) = positions[pair[0]], positions[pair[1]]
    length = math.sqrt((xb - xa) ** 2 + (yb - ya) ** 2) or 1.0

    def covered(node: str, dx: float, dy: float) -> float:
        dot = NODE_RADIUS + LABEL_GAP
        if not (dx > 0 if anchors[node] == "start" else dx < 0):
            return dot
        along = reach[node] * length / abs(dx)
        across = (LINE_HEIGHT / 2 + height) * length / abs(dy) if dy else along
        return max(min(along, across), dot)

    return covered(pair[0], xb - xa, yb - ya), covered(pair[1], xa - xb, ya - yb)


def _label_at(
    positions: Mapping[str, tuple[float, float]], pair: tuple[str, str], label: _EdgeLabel
) -> float:
    """Where along the edge (0 at its first end, 1 at its second) its label's middle goes:
    the middle of the part its ends leave free, the label within the edge if it can be."""
    (xa, ya), (xb, yb) = positions[pair[0]], positions[pair[1]]
    length = math.sqrt((xb - xa) ** 2 + (yb - ya) ** 2) or 1.0
    start, end = label.ends[0] / length, 1 - label.ends[1] / length
    half = label.width / 2 / length
    if half >= 0.5:
        return 0.5
    return round(min(max((start + end) / 2, half), 1 - half), 4)


def _measured(
    positions: dict[str, tuple[float, float]],
    anchors: dict[str, str],
    reach: Mapping[str, float],
    labels: Mapping[tuple[str, str], _EdgeLabel],
) -> _Placed:
    """The group's box: dots, names and edge labels (as if each stood upright above its place)."""
    along = {pair: _label_at(positions, pair, label) for pair, label in labels.items()}
    left = top = math.inf
    right = bottom = -math.inf
    for node, (x, y) in positions.items():
        left = min(left, x - (reach[node] if anchors[node] == "end" else NODE_RADIUS))
        right = max(right, x + (reach[node] if anchors[node] == "start" else NODE_RADIUS))
        top = min(top, y - LINE_HEIGHT / 2)
        bottom = max(bottom, y + LINE_HEIGHT / 2)
    for (a, b), label in labels.items():
        (xa, ya), (xb, yb) = positions[a], positions[b]
        t = along[(a, b)]
        x, y = xa + (xb - xa) * t, ya + (yb - ya) * t
        top = min(top, y - label.height - LABEL_GAP)
        left, right = min(left, x - label.width / 2), max(right, x + label.width / 2)
    return _Placed(positions, anchors, along, left, top, right, bottom)


def _pack(placed: list[_Placed]) -> Layout:
    """The groups packed into the box of the widths tried (from the widest group's to
    ``MAX_PACKED_WIDTH``) that the smallest window of the shape ``ASPECT`` holds."""
    groups = sorted(placed, key=lambda g: (-(g.bottom - g.top), -(g.right - g.left), min(g.positions)))
    widest = max((g.right - g.left for g in groups), default=0.0)
    widths = [widest + (MAX_PACKED_WIDTH - widest) * k / _PACKINGS for k in range(_PACKINGS + 1)]
    packings = [_skyline_pack(groups, width) for width in widths if width >= widest]
    best = min(
        packings or [_skyline_pack(groups, widest)], key=lambda p: (max(p.width / ASPECT, p.height), p.width)
    )
    anchors: dict[str, str] = {}
    along: dict[tuple[str, str], float] = {}
    for group in groups:
        anchors.update(group.anchors)
        along.update(group.along)
    return Layout(best.width, best.height, best.positions, anchors, along)


def _skyline_pack(groups: list[_Placed], box: float) -> Layout:
    """Skyline packing, tallest first: each group goes where its top is highest, then
    leftmost, in a box ``box`` wide (the layout's anchors and edge labels left empty)."""
    skyline = [(0.0, box + GROUP_GAP, 0.0)]  # (left, right, height) segments, left to right
    positions: dict[str, tuple[float, float]] = {}
    width = height = 0.0
    for group in groups:
        w, h = group.right - group.left, group.bottom - group.top
        x, y = _lowest_place(skyline, w + GROUP_GAP, box + GROUP_GAP)
        skyline = _raise(skyline, x, x + w + GROUP_GAP, y + h + GROUP_GAP)
        for node, (px, py) in group.positions.items():
            positions[node] = (round(px - group.left + x, 1), round(py - group.top + y, 1))
        width, height = max(width, x + w), max(height, y + h)
    return Layout(round(width, 1), round(height, 1), positions, {}, {})


def _lowest_place(skyline: list[tuple[float, float, float]], w: float, box: float) -> tuple[float, float]:
    """The (x, y) where a group ``w`` wide rests highest on the skyline, leftmost on a tie:
    its left edge on a segment's left, or its right edge on a segment's right."""
    starts = {left for left, _, _ in skyline} | {right - w for _, right, _ in skyline}
    best: tuple[float, float] | None = None
    for x in sorted(start for start in starts if 0 <= start and start + w <= box):
        y = max(top for left, right, top in skyline if left < x + w and right > x)
        if best is None or (y, x) < (best[1], best[0]):
            best = (x, y)
    return best or (0.0, max(top for _, _, top in skyline))


def _raise(
    skyline: list[tuple[float, float, float]], left: float, right: float, top: float
) -> list[tuple[float, float, float]]:
    """The skyline with [left, right) raised to ``top`` (segments of one height merged)."""
    pieces = [(a, min(b, left), h) for a, b, h in skyline if a < left]
    pieces.append((left, right, top))
    pieces += [(max(a, right), b, h) for a, b, h in skyline if b > right]
    merged: list[tuple[float, float, float]] = []
    for a, b, h in pieces:
        if merged and merged[-1][2] == h:
            merged[-1] = (merged[-1][0], b, h)
        else:
            merged.append((a, b, h))
    return merged
