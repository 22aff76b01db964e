"""A deterministic layout of the meeting network: the same graph, the same picture.

Each connected group of persons is laid out on its own (Fruchterman–Reingold force
layout from positions hashed from the node ids, a fixed number of steps), then the
groups are packed in rows, largest first. Only +, −, ×, ÷ and square roots touch the
coordinates while the forces run — operations IEEE 754 rounds the same everywhere — so
the layout does not depend on the machine, on hash seeds or on the order of the input.

The work is bounded: a group of more than ``_MAX_FORCE_NODES`` (150) persons goes on a
circle (linear), a smaller one gets at most 300 steps of O(n²) forces, fewer as it grows
(60 steps at 150 persons: about 0.2 s). The report draws at most 100 persons anyway
(``pipeline.picture.MAX_DRAWN_PERSONS``), so laying out any graph's network takes well
under a second.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

NODE_RADIUS = 7.0
EDGE_LENGTH = 150.0  # pixels between two persons who met, on average
LABEL_GAP = 5.0
LINE_HEIGHT = 22.0
GROUP_GAP = 28.0
STACK_GAP = 8.0  # between groups stacked in one column
_MAX_FORCE_NODES = 150  # a larger group goes on a circle: forces would cost O(n²) per step


@dataclass(frozen=True)
class Layout:
    """Positions in pixels, with the side each label goes on ("start": right, "end": left)."""

    width: float
    height: float
    positions: Mapping[str, tuple[float, float]]
    anchors: Mapping[str, str]


@dataclass(frozen=True)
class _Placed:
    positions: dict[str, tuple[float, float]]
    anchors: dict[str, str]
    left: float
    top: float
    right: float
    bottom: float


def layout(
    nodes: Sequence[str],
    edges: Sequence[tuple[str, str]],
    label_width: Mapping[str, float],
    *,
    max_width: float = 900.0,
) -> Layout:
    """Place ``nodes`` (ids) joined by ``edges``; labels of the given widths fit in the box."""
    groups = [_place_group(group, edges, label_width) for group in _components(nodes, edges)]
    return _pack(groups, max_width)


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
    group: list[str], edges: Sequence[tuple[str, str]], label_width: Mapping[str, float]
) -> _Placed:
    members = set(group)
    pairs = sorted({(min(a, b), max(a, b)) for a, b in edges if a in members and b in members and a != b})
    if len(group) == 1:
        unit = {group[0]: (0.0, 0.0)}
    elif len(group) == 2:
        unit = {group[0]: (0.0, 0.0), group[1]: (1.0, 0.0)}
    elif len(group) > _MAX_FORCE_NODES:
        unit = _circle(group)
    else:
        unit = _forces(group, pairs)
    positions = _scaled(unit, pairs)
    return _with_labels(positions, label_width)


def _circle(group: list[str]) -> dict[str, tuple[float, float]]:
    radius = len(group) * 0.12  # about 0.75 edge lengths between neighbours
    step = 2 * math.pi / len(group)
    return {
        node: (round(radius * math.cos(i * step), 6), round(radius * math.sin(i * step), 6))
        for i, node in enumerate(group)
    }


def _hashed_start(node: str, side: float) -> tuple[float, float]:
    digest = hashlib.sha256(node.encode("utf-8")).digest()
    scale = side / 2**32
    return int.from_bytes(digest[:4], "big") * scale, int.from_bytes(digest[4:8], "big") * scale


def _forces(group: list[str], pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold with unit ideal distance and linear cooling."""
    n = len(group)
    index = {node: i for i, node in enumerate(group)}
    side = math.sqrt(n)
    xs, ys = map(list, zip(*(_hashed_start(node, side) for node in group), strict=True))
    links = [(index[a], index[b]) for a, b in pairs]
    steps = max(60, min(300, 300 * 900 // (n * n)))
    for step in range(steps):
        heat = 0.1 * side * (1 - step / steps) + 0.002
        dx = [0.0] * n
        dy = [0.0] * n
        for i in range(n):
            for j in range(i + 1, n):
                ox, oy = xs[i] - xs[j], ys[i] - ys[j]
                d2 = ox * ox + oy * oy or 1e-9
                dx[i] += ox / d2
                dy[i] += oy / d2
                dx[j] -= ox / d2
                dy[j] -= oy / d2
        for i, j in links:
            ox, oy = xs[i] - xs[j], ys[i] - ys[j]
            d = math.sqrt(ox * ox + oy * oy)
            dx[i] -= ox * d
            dy[i] -= oy * d
            dx[j] += ox * d
            dy[j] += oy * d
        for i in range(n):
            length = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i])
            if length > 0:
                move = min(length, heat) / length
                xs[i] += dx[i] * move
                ys[i] += dy[i] * move
    return {node: (xs[i], ys[i]) for i, node in enumerate(group)}


def _scaled(
    unit: Mapping[str, tuple[float, float]], pairs: list[tuple[str, str]]
) -> dict[str, tuple[float, float]]:
    """Scale so that edges average EDGE_LENGTH pixels; round to a tenth of a pixel."""
    lengths = [math.sqrt((unit[a][0] - unit[b][0]) ** 2 + (unit[a][1] - unit[b][1]) ** 2) for a, b in pairs]
    mean = sum(lengths) / len(lengths) if lengths else 1.0
    factor = EDGE_LENGTH / mean if mean > 0 else EDGE_LENGTH
    return {node: (round(x * factor, 1), round(y * factor, 1)) for node, (x, y) in unit.items()}


def _with_labels(positions: dict[str, tuple[float, float]], label_width: Mapping[str, float]) -> _Placed:
    """Put each label on the side away from the group's centre; measure the group's box."""
    cx = sum(x for x, _ in positions.values()) / len(positions)
    anchors: dict[str, str] = {}
    left = top = math.inf
    right = bottom = -math.inf
    for node, (x, y) in positions.items():
        width = label_width.get(node, 0.0) + LABEL_GAP + NODE_RADIUS
        anchors[node] = "end" if x < cx else "start"
        left = min(left, x - (width if anchors[node] == "end" else NODE_RADIUS))
        right = max(right, x + (width if anchors[node] == "start" else NODE_RADIUS))
        top = min(top, y - LINE_HEIGHT / 2)
        bottom = max(bottom, y + LINE_HEIGHT / 2)
    return _Placed(positions, anchors, left, top, right, bottom)


def _pack(groups: list[_Placed], max_width: float) -> Layout:
    """Rows of columns: a row is as tall as its first (largest) group; smaller groups stack
    in columns beside it, then a new row starts when the width is used up."""
    positions: dict[str, tuple[float, float]] = {}
    anchors: dict[str, str] = {}
    width = row_top = row_height = column_x = column_width = column_used = 0.0
    for i, group in enumerate(groups):
        w, h = group.right - group.left, group.bottom - group.top
        if i and column_used + STACK_GAP + h <= row_height and column_x + max(column_width, w) <= max_width:
            x, y = column_x, row_top + column_used + STACK_GAP
            column_used += STACK_GAP + h
            column_width = max(column_width, w)
        elif i and h <= row_height and column_x + column_width + GROUP_GAP + w <= max_width:
            column_x += column_width + GROUP_GAP
            x, y, column_width, column_used = column_x, row_top, w, h
        else:
            row_top += row_height + GROUP_GAP if i else 0.0
            x, y, row_height = 0.0, row_top, h
            column_x, column_width, column_used = 0.0, w, h
        for node, (px, py) in group.positions.items():
            positions[node] = (round(px - group.left + x, 1), round(py - group.top + y, 1))
        anchors.update(group.anchors)
        width = max(width, column_x + column_width)
    return Layout(
        width=round(width, 1), height=round(row_top + row_height, 1), positions=positions, anchors=anchors
    )
