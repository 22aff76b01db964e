"""The few SVG pieces the network and the timeline are built from; every text is escaped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
HALO = ' paint-order="stroke" stroke="#ffffff" stroke-width="3" stroke-linejoin="round"'
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Ids:
    """Short element ids of the HTML report: persons and meetings by their IRIs."""

    persons: Mapping[str, str]
    meetings: Mapping[str, str]


def day_of(iso: str) -> dt.date | None:
    """The day of an ISO date; None for "" or a date no calendar has (a graph may hold one)."""
    try:
        return dt.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def text(
    x: float,
    y: float,
    content: str,
    *,
    anchor: str = "start",
    fill: str = "#1f2328",
    weight: str = "",
    size: float = 0,
    halo: bool = False,
    attrs: str = "",
) -> str:
    """One line of text centred on ``y``; ``halo`` keeps it readable over the lines it crosses."""
    extra = (f' font-weight="{weight}"' if weight else "") + (f' font-size="{size:g}"' if size else "")
    return (
        f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" dominant-baseline="central" fill="{fill}"'
        f"{extra}{HALO if halo else ''}{attrs}>{escape(content)}</text>"
    )


def document(
    width: float, height: float, body: list[str], *, standalone: bool, label: str, fluid: bool = False
) -> str:
    """A standalone SVG file (white background) or an element for a page; a ``fluid`` element
    has no size of its own, so the page's style sheet scales it to the width of its box."""
    box = f'viewBox="0 0 {width:g} {height:g}"'
    size = "" if fluid and not standalone else f'width="{width:g}" height="{height:g}" '
    head = f'<svg xmlns="http://www.w3.org/2000/svg" {size}{box}'
    if standalone:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'{head} font-family="{escape(FONT)}" font-size="12" role="img" aria-label="{escape(label)}">\n'
            f'<title>{escape(label)}</title>\n<rect width="100%" height="100%" fill="#ffffff"/>\n'
            + "\n".join(body)
            + "\n</svg>\n"
        )
    return (
        f'{head} font-family="{escape(FONT)}" font-size="12" role="group" aria-label="{escape(label)}">'
        + "\n".join(body)
        + "</svg>"
    )
