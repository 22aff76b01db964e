"""Labels that do not cover each other: each is tried at its places in turn, and goes to the
first where it overlaps nothing placed before (names, dots, other labels); with no such
place it is left out, and says so.

Boxes are rectangles turned by any angle (a line's label runs along its line); two overlap
unless one of the four directions of their sides separates them. A grid of cells keeps the
checks to the boxes nearby, so a thousand labels are placed in well under a second.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

_CELL = 120.0  # pixels: about the size of a label
_K = TypeVar("_K", bound=Hashable)


@dataclass(frozen=True)
class Box:
    """A rectangle centred on (x, y), ``half_width`` along the unit direction (cos, sin)."""

    x: float
    y: float
    half_width: float
    half_height: float
    cos: float = 1.0
    sin: float = 0.0

    def reach(self, ax: float, ay: float) -> float:
        """Half the length of the box's shadow on the unit direction (ax, ay)."""
        along = abs(self.cos * ax + self.sin * ay)
        across = abs(-self.sin * ax + self.cos * ay)
        return self.half_width * along + self.half_height * across

    def bounds(self) -> tuple[float, float, float, float]:
        """left, top, right, bottom."""
        dx, dy = self.reach(1.0, 0.0), self.reach(0.0, 1.0)
        return self.x - dx, self.y - dy, self.x + dx, self.y + dy

    def overlaps(self, other: Box) -> bool:
        for ax, ay in (
            (self.cos, self.sin),
            (-self.sin, self.cos),
            (other.cos, other.sin),
            (-other.sin, other.cos),
        ):
            gap = abs((other.x - self.x) * ax + (other.y - self.y) * ay)
            if gap >= self.reach(ax, ay) + other.reach(ax, ay):
                return False
        return True


class _Grid:
    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box) -> Iterator[tuple[int, int]]:
        left, top, right, bottom = box.bounds()
        for i in range(int(left // _CELL), int(right // _CELL) + 1):
            for j in range(int(top // _CELL), int(bottom // _CELL) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self._cells.setdefault(key, []).append(box)

    def free(self, box: Box) -> bool:
        return not any(box.overlaps(other) for key in self._keys(box) for other in self._cells.get(key, ()))


def place(
    fixed: Sequence[Box],
    wanted: Sequence[tuple[_K, Sequence[Box]]],
    within: tuple[float, float, float, float],
) -> Mapping[_K, int]:
    """For each (key, places) of ``wanted``, in order, the index of the first place that lies
    ``within`` (left, top, right, bottom) and overlaps neither a ``fixed`` box nor a label placed
    before; keys with no such place are left out."""
    grid = _Grid()
    for box in fixed:
        grid.add(box)
    chosen: dict[_K, int] = {}
    for key, places in wanted:
        for index, box in enumerate(places):
            left, top, right, bottom = box.bounds()
            inside = left >= within[0] and top >= within[1] and right <= within[2] and bottom <= within[3]
            if inside and grid.free(box):
                grid.add(box)
                chosen[key] = index
                break
    return chosen
