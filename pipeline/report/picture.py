"""The meeting network as SVG, in pure Python: meetings.svg and the drawing of report.html.

Persons are dots coloured by country; a meeting of two is a line between them (thicker
when the pair met again), a meeting of three or more a square joined to each participant
(``pipeline.report.network`` decides what is drawn and in which colours). Every meeting is
labelled with its date and place (or its mode: a call has no place), so the picture tells
when and where without the page around it.

``network_svg`` makes the standalone picture (white background, a title, a legend; readable
in a README in dark mode too) or, with ``ids``, the interactive drawing of ``report.html``:
its elements carry the ids the page's script looks up, and it has no size of its own, so it
scales to the width of the window. Every text is escaped; nothing depends on time or chance.

A line's tooltip names at most ``MAX_EDGE_HINT`` (10) meetings, then "… N more"; its label
shows two meetings, or one and "+N more".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from pipeline.report.captions import (
    GAP,
    HUB_SIDE,
    LINE,
    SIZE,
    Placement,
    direction,
    link_captions,
    meeting_caption,
    place_captions,
    size_of,
)
from pipeline.report.graph_view import GraphView, MeetingView, PersonView
from pipeline.report.layout import LABEL_GAP, NODE_RADIUS, Layout, layout
from pipeline.report.network import (
    OTHER_COLOUR,
    OUTLINE,
    UNKNOWN_COLOUR,
    Network,
    Palette,
    country_palette,
    meeting_counts,
    network_of,
)
from pipeline.report.svg import HALO, Ids, document, text

MAX_EDGE_HINT = 10
_CHAR_WIDTH = 7.0  # average advance of a 12px sans-serif character, for layout only
_TITLE_CHAR_WIDTH = 9.0  # of the 15px bold title, margins included
_CAPTION_COLOUR = "#57606a"
_HUB_COLOUR = "#57606a"
_MIN_FLUID_WIDTH = 1000.0  # a small network on a wide page grows at most this much
_LINE_COLOUR = "#8b95a5"
_MAX_LABEL = 32
_MARGIN = 16.0


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str
    countries: tuple[str, ...] = ()  # the names behind "other"


def label_of(name: str) -> str:
    return name if len(name) <= _MAX_LABEL else name[: _MAX_LABEL - 1] + "\u2026"


def legend_entries(view: GraphView, palette: Palette, persons: frozenset[str]) -> list[LegendEntry]:
    """The colours of the persons drawn: countries by name, then "other", then "country unknown"."""
    drawn = {p.country for p in view.persons if p.iri in persons}
    entries = [
        LegendEntry(palette.colours[code], label)
        for code, label in sorted(view.countries.items(), key=lambda item: (item[1].casefold(), item[0]))
        if code in drawn and code in palette.colours
    ]
    others = tuple(sorted(view.countries.get(code, code) for code in palette.others if code in drawn))
    if others:
        entries.append(LegendEntry(OTHER_COLOUR, f"other ({len(others)} countries)", others))
    if "" in drawn:
        entries.append(LegendEntry(UNKNOWN_COLOUR, "country unknown"))
    return entries


def _label_width(name: str) -> float:
    return len(label_of(name)) * _CHAR_WIDTH


def network_layout(view: GraphView, network: Network) -> Layout:
    """Where each drawn person and each meeting square goes."""
    names = {p.iri: p.name for p in view.persons}
    widths = {person: _label_width(names.get(person, person)) for person in network.persons}
    widths.update({hub.iri: size_of([meeting_caption(hub)])[0] for hub in network.hubs})
    edges = [*network.links, *((hub.iri, p) for hub in network.hubs for p in network.spokes(hub))]
    captions = {pair: size_of(link_captions(meetings)) for pair, meetings in network.links.items()}
    spokes = {(min(hub.iri, p), max(hub.iri, p)) for hub in network.hubs for p in network.spokes(hub)}
    return layout(sorted(widths), sorted(edges), widths, edge_labels=captions, short_edges=spokes)


@dataclass(frozen=True)
class Drawing:
    svg: str
    unlabelled: int  # meetings' labels that found no room


def network_svg(
    view: GraphView, *, ids: Ids | None = None, network: Network | None = None, placed: Layout | None = None
) -> str:
    """The network as an SVG document (standalone) or element (``ids`` given: for the report).

    ``network`` (default: ``network_of`` the view) says what is drawn; ``placed`` is its
    ``network_layout`` when the caller has it already (the page and the picture draw one).
    """
    return draw_network(view, ids=ids, network=network, placed=placed).svg


def draw_network(
    view: GraphView, *, ids: Ids | None = None, network: Network | None = None, placed: Layout | None = None
) -> Drawing:
    """``network_svg``, and how many lines it leaves unlabelled."""
    if network is None:
        network = network_of(view)
    if placed is None:
        placed = network_layout(view, network)
    palette = country_palette(view, network.persons)
    persons = {p.iri: p for p in view.persons}
    names = {iri: _label_width(persons[iri].name) for iri in network.persons}
    captions = place_captions(placed, network, names, _MARGIN)
    top = 34.0 if ids is None else 0.0
    title = _title(view, network, captions.missing(network))
    least = len(title) * _TITLE_CHAR_WIDTH if ids is None else _MIN_FLUID_WIDTH
    width = max(placed.width + 2 * _MARGIN, least)
    body: list[str] = []
    if ids is None:
        body.append(text(_MARGIN, 22, title, weight="600", size=15))
    body.append(f'<g transform="translate({(width - placed.width) / 2:g} {top + _MARGIN:g})">')
    body.extend(_links(network, placed, ids))
    body.extend(_hubs(network, placed, ids))
    body.extend(_captions(network, placed, captions, ids))
    body.extend(_person(persons[iri], placed, palette, ids) for iri in sorted(network.persons))
    body.append("</g>")
    height = top + placed.height + 2 * _MARGIN
    if not placed.positions:
        body.append(text(_MARGIN, top + _MARGIN + 12, "No meetings in this graph."))
        height += 24
    if ids is None:
        legend_svg, legend_height = _legend(legend_entries(view, palette, network.persons), width, height)
        body.append(legend_svg)
        height += legend_height
    svg = document(width, height, body, standalone=ids is None, label="Meeting network", fluid=True)
    return Drawing(svg, captions.missing(network))


def _title(view: GraphView, network: Network, unlabelled: int) -> str:
    met = len(meeting_counts(view))
    if len(network.persons) >= met:
        title = f"Who met whom: {len(network.meetings)} meetings, {len(network.persons)} persons"
    else:
        title = f"Who met whom: the {len(network.persons):,} persons with the most meetings, of {met:,}"
    # Said, not hidden: each line's tooltip still tells when and where.
    return title + (f" ({unlabelled:,} labels left out: no room)" if unlabelled else "")


def _hint(meetings: Sequence[MeetingView]) -> str:
    shown = "; ".join(m.label for m in meetings[:MAX_EDGE_HINT])
    more = len(meetings) - MAX_EDGE_HINT
    return f"{shown}; \u2026 {more:,} more" if more > 0 else shown


def _refs(ids: Ids, meetings: Sequence[MeetingView]) -> str:
    return " ".join(ids.meetings[m.iri] for m in meetings)


def _line(a: tuple[float, float], b: tuple[float, float], attrs: str) -> str:
    return f'<line x1="{a[0]:g}" y1="{a[1]:g}" x2="{b[0]:g}" y2="{b[1]:g}" {attrs}/>'


def _wires(
    ends: Sequence[tuple[tuple[float, float], tuple[float, float]]], width: float, ids: Ids | None
) -> str:
    """Lines, each under an invisible wider one in the report, so that they are easy to hover."""
    parts = []
    for a, b in ends:
        if ids is not None:
            parts.append(_line(a, b, 'class="hit" stroke="#000" stroke-opacity="0" stroke-width="14"'))
        parts.append(_line(a, b, f'class="wire" stroke-width="{width:g}"'))
    return "".join(parts)


def _links(network: Network, placed: Layout, ids: Ids | None) -> list[str]:
    """The lines of the two-person meetings, and the spokes of the larger ones."""
    at = placed.positions
    parts = [f'<g stroke="{_LINE_COLOUR}" stroke-linecap="round" fill="none">']
    for (a, b), meetings in sorted(network.links.items()):
        hint = escape(_hint(meetings))
        wires = _wires([(at[a], at[b])], min(1.6 + 1.2 * (len(meetings) - 1), 6.0), ids)
        if ids is None:
            parts.append(f"<g>{wires}<title>{hint}</title></g>")
        else:
            parts.append(
                f'<g class="edge" data-meetings="{_refs(ids, meetings)}" tabindex="0" role="button" '
                f'aria-label="{hint}">{wires}<title>{hint}</title></g>'
            )
    for hub in network.hubs:
        wires = _wires([(at[hub.iri], at[p]) for p in network.spokes(hub)], 1.2, ids)
        attrs = "" if ids is None else f' class="edge spoke" data-meetings="{ids.meetings[hub.iri]}"'
        parts.append(f"<g{attrs}>{wires}<title>{escape(hub.label)}</title></g>")
    parts.append("</g>")
    return parts


def _hubs(network: Network, placed: Layout, ids: Ids | None) -> list[str]:
    """A square per meeting of three or more, above the lines."""
    parts = []
    half = HUB_SIDE / 2
    for hub in network.hubs:
        x, y = placed.positions[hub.iri]
        label = escape(hub.label)
        attrs = (
            ""
            if ids is None
            else f' class="hub" data-meetings="{ids.meetings[hub.iri]}" tabindex="0" role="button" aria-label="{label}"'
        )
        parts.append(
            f'<g{attrs}><rect x="{x - half:g}" y="{y - half:g}" width="{HUB_SIDE:g}" height="{HUB_SIDE:g}" '
            f'rx="2" fill="{_HUB_COLOUR}" stroke="#ffffff" stroke-width="1.5"/><title>{label}</title></g>'
        )
    return parts


def _captions(network: Network, placed: Layout, captions: Placement, ids: Ids | None) -> list[str]:
    """Date and place of each meeting that has room: beside its square, or along its line."""
    parts = []
    style = f' font-size="{SIZE}" fill="{_CAPTION_COLOUR}"'
    for hub in network.hubs:
        if hub.iri not in captions.hubs:
            continue
        x, y, anchor = captions.hubs[hub.iri]
        attrs = "" if ids is None else f' class="caption" data-meetings="{ids.meetings[hub.iri]}"'
        parts.append(
            text(
                x,
                y,
                meeting_caption(hub),
                anchor=anchor,
                fill=_CAPTION_COLOUR,
                size=SIZE,
                halo=True,
                attrs=attrs,
            )
        )
    for pair, at in sorted(captions.links.items()):
        meetings = network.links[pair]
        attrs = "" if ids is None else f' class="caption" data-meetings="{_refs(ids, meetings)}"'
        a, b = placed.positions[pair[0]], placed.positions[pair[1]]
        parts.append(_along(a, b, at, link_captions(meetings), style + attrs))
    return parts


def _along(
    a: tuple[float, float], b: tuple[float, float], at: float, lines: Sequence[str], attrs: str
) -> str:
    """Lines of text standing on the segment a–b at ``at``, turned to run along it, never upside down."""
    cos, sin = direction(a, b)
    x, y = round(a[0] + (b[0] - a[0]) * at, 1), round(a[1] + (b[1] - a[1]) * at, 1)
    turn = f"matrix({cos:.4f} {sin:.4f} {-sin:.4f} {cos:.4f} {x:g} {y:g})"
    spans = "".join(
        f'<tspan x="0" y="{-GAP - (len(lines) - 1 - i) * LINE:g}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text transform="{turn}" text-anchor="middle"{attrs}{HALO}>{spans}</text>'


def _person(person: PersonView, placed: Layout, palette: Palette, ids: Ids | None) -> str:
    x, y = placed.positions[person.iri]
    colour = palette.of(person.country)
    ring = OUTLINE if colour == UNKNOWN_COLOUR else "#ffffff"
    anchor = placed.anchors[person.iri]
    lx = x + (NODE_RADIUS + LABEL_GAP) * (1 if anchor == "start" else -1)
    hint = person.name + "".join(f"\n{o.label} ({o.status})" for o in person.offices)
    attrs = (
        ""
        if ids is None
        else f' class="node" data-person="{ids.persons[person.iri]}" tabindex="0" role="button" aria-label="{escape(person.name)}"'
    )
    return (
        f'<g{attrs}><circle cx="{x:g}" cy="{y:g}" r="{NODE_RADIUS:g}" fill="{colour}" stroke="{ring}" stroke-width="1.5"/>'
        + text(lx, y, label_of(person.name), anchor=anchor, halo=True)
        + f"<title>{escape(hint)}</title></g>"
    )


def _legend(entries: Sequence[LegendEntry], width: float, top: float) -> tuple[str, float]:
    """What the symbols and colours mean, wrapped to the picture's width."""
    items: list[tuple[str, str]] = [
        (f'<line x1="0" y1="0" x2="16" y2="0" stroke="{_LINE_COLOUR}" stroke-width="2"/>', "meeting of two"),
        (
            f'<line x1="2" y1="0" x2="14" y2="0" stroke="{_LINE_COLOUR}" stroke-width="1.2"/>'
            f'<rect x="{8 - HUB_SIDE / 2:g}" y="{-HUB_SIDE / 2:g}" width="{HUB_SIDE:g}" '
            f'height="{HUB_SIDE:g}" rx="2" fill="{_HUB_COLOUR}"/>',
            "meeting of three or more",
        ),
    ]
    for entry in entries:
        ring = f' stroke="{OUTLINE}" stroke-width="1.5"' if entry.colour == UNKNOWN_COLOUR else ""
        items.append((f'<circle cx="8" cy="0" r="5" fill="{entry.colour}"{ring}/>', entry.label))
    parts: list[str] = []
    x, y = _MARGIN, top + 8
    for symbol, label in items:
        step = 16 + LABEL_GAP + len(label_of(label)) * _CHAR_WIDTH + 18
        if x > _MARGIN and x + step > width - _MARGIN:
            x, y = _MARGIN, y + 20
        parts.append(f'<g transform="translate({x:g} {y:g})">{symbol}</g>')
        parts.append(text(x + 16 + LABEL_GAP, y, label_of(label), fill="#444a52"))
        x += step
    return "".join(parts), y - top + 22
