"""Where the nodes of one connected group go, in units of an edge's ideal length.

A Fruchterman–Reingold force layout from positions hashed from the node ids, a fixed
number of steps. Only +, −, ×, ÷ and square roots touch the coordinates while the forces
run — operations IEEE 754 rounds the same everywhere — so the positions do not depend on
the machine, on hash seeds or on the order of the input.

The work is bounded: a group of more than ``_MAX_FORCE_NODES`` (300) nodes goes on a
circle (linear), a smaller one gets at most 300 steps of O(n²) forces, fewer as it grows
(60 steps at 300 nodes: under a second).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Collection

SHORT_EDGE = 0.6  # the length of a short edge (a meeting's spoke), in ideal edge lengths
_MAX_FORCE_NODES = 300  # a larger group goes on a circle: forces would cost O(n²) per step


def unit_positions(
    group: list[str], pairs: list[tuple[str, str]], short: Collection[tuple[str, str]]
) -> dict[str, tuple[float, float]]:
    """Positions of a group's nodes (sorted ids) joined by ``pairs``, edges about 1 long
    (``short`` ones ``SHORT_EDGE``)."""
    if len(group) == 1:
        return {group[0]: (0.0, 0.0)}
    if len(group) == 2:
        return {group[0]: (0.0, 0.0), group[1]: (1.0, 0.0)}
    if len(group) > _MAX_FORCE_NODES:
        return _circle(group)
    return _forces(group, pairs, short)


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


def _forces(
    group: list[str], pairs: list[tuple[str, str]], short: Collection[tuple[str, str]]
) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold with unit ideal distance and linear cooling; a short edge pulls
    harder (its ends rest where d² × pull = 1 / d, so at SHORT_EDGE for a pull of its cube's inverse)."""
    n = len(group)
    index = {node: i for i, node in enumerate(group)}
    side = math.sqrt(n)
    xs, ys = map(list, zip(*(_hashed_start(node, side) for node in group), strict=True))
    short_pull = 1 / (SHORT_EDGE * SHORT_EDGE * SHORT_EDGE)
    links = [(index[a], index[b], short_pull if (a, b) in short else 1.0) for a, b in pairs]
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
        for i, j, pull in links:
            ox, oy = xs[i] - xs[j], ys[i] - ys[j]
            d = math.sqrt(ox * ox + oy * oy) * pull
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
