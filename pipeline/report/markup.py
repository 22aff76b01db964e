"""The small HTML pieces the sections of report.html share; every text is escaped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from pipeline.report.network import OUTLINE, UNKNOWN_COLOUR
from pipeline.report.page import ShaclView


def swatch(colour: str) -> str:
    """A dot of ``colour`` for a legend or a row (ringed when the colour is the unknown one)."""
    ring = f' stroke="{OUTLINE}" stroke-width="1.5"' if colour == UNKNOWN_COLOUR else ""
    return (
        '<svg class="sw" width="12" height="12" aria-hidden="true">'
        f'<circle cx="6" cy="6" r="5" fill="{escape(colour)}"{ring}/></svg>'
    )


def verdict(shacl: ShaclView) -> str:
    """The SHACL verdict in a word or three, coloured."""
    if not shacl.source:
        return '<span class="muted">not available</span>'
    if shacl.conforms:
        return '<span class="ok">conforms</span>'
    return f'<span class="bad">does not conform ({shacl.results:,} results)</span>'


def cut_note(shown: int, total: int, text: str) -> str:
    """A note above a table that shows ``shown`` of ``total`` rows ("" when it shows all)."""
    if shown >= total:
        return ""
    return f'<p class="muted">{escape(text.format(shown=f"{shown:,}", total=f"{total:,}"))}</p>'


def table(headers: Sequence[str], rows: Iterable[str], empty: str) -> str:
    """A table of these (already escaped) rows, or the ``empty`` note when there are none."""
    body = "".join(rows)
    if not body:
        return f'<p class="muted">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    # Two columns read better side by side than stretched over the page.
    compact = ' class="compact"' if len(headers) <= 2 else ""
    return f"<table{compact}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def items(values: Iterable[str]) -> str:
    """A list of these texts ("" when there are none)."""
    listed = "".join(f"<li>{escape(v)}</li>" for v in values)
    return f"<ul>{listed}</ul>" if listed else ""
