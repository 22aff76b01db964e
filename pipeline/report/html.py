"""report.html: one self-contained page about a graph, for people who do not write SPARQL.

Everything is inline (style, script, drawings) and a Content-Security-Policy forbids
any request, so the page works offline and cannot leak. Text from the graph is hostile
(articles are scraped from the web): the tables escape it with ``html.escape``, the
data block is JSON with ``<``, ``>`` and ``&`` written as ``\\u003c`` … so no ``</script>``
can close it, and the script builds the details panel with ``textContent`` only.

A large graph is shown in part, within the limits of ``pipeline.report.limits``; each
cut table says what it shows of how many.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from html import escape
from typing import NotRequired, TypedDict

from pipeline import __version__
from pipeline.report.assets import CSS, JS
from pipeline.report.graph_view import PersonView
from pipeline.report.layout import Layout
from pipeline.report.limits import Scope, page_scope
from pipeline.report.markup import cut_note, swatch, verdict
from pipeline.report.network import Palette, meeting_counts
from pipeline.report.page import Page, article_href, element_ids, office_text, page_palette
from pipeline.report.picture import LegendEntry, draw_network, legend_entries
from pipeline.report.svg import Ids
from pipeline.report.tables import (
    meetings_section,
    persons_section,
    skipped_section,
    topics_section,
    validation_section,
)
from pipeline.report.timeline import MAX_TIMELINE_ROWS, MODE_COLOURS, timeline_svg

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_MAX_QUOTE = 2000  # characters of a quoted sentence shown; the graph keeps it whole


class _Source(TypedDict):
    file: str
    href: str
    title: str


class _Quote(TypedDict):
    text: str
    file: str
    href: str


class _MeetingData(TypedDict):
    label: str
    date: str
    location: str
    mode: str
    topics: list[str]
    participants: list[str]
    sources: list[_Source]
    quotes: list[_Quote]


class _PersonData(TypedDict):
    name: str
    country: str
    colour: str
    offices: list[str]
    aliases: list[str]
    meetings: list[str]
    # How many of the person's meetings the page leaves out: no key when none, so small
    # pages stay as they were.
    more: NotRequired[int]


class _PageData(TypedDict):
    """The JSON the script reads: the persons and meetings on the page, by element id."""

    persons: dict[str, _PersonData]
    meetings: dict[str, _MeetingData]


def build_html(page: Page, *, placed: Layout | None = None) -> str:
    """The whole report as one HTML document (``placed``: the layout of its network, if known)."""
    ids = element_ids(page.view)
    scope = page_scope(page.view)
    data = _json_block(_data(page, ids, scope))
    csp = (
        "default-src 'none'; "
        f"script-src '{_sha256(JS)}'; style-src '{_sha256(CSS)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    title = f"Who met whom \u2014 {page.graph_name}"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            _header(page, title),
            "<main>",
            _network(page, ids, scope, placed),
            _timeline(page, ids, scope),
            persons_section(page, ids, scope),
            meetings_section(page, ids, scope),
            topics_section(page, scope),
            validation_section(page.shacl),
            skipped_section(page.skipped),
            "</main>",
            f"<footer>Made by diplomacy-kg {escape(__version__)} from {escape(page.graph_name)} "
            f"(sha256 {escape(page.graph_sha256[:16])}). The page makes no network request.</footer>",
            f'<script type="application/json" id="report-data">{data}</script>',
            f"<script>{JS}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _json_block(value: _PageData) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, replacement in _JSON_ESCAPES.items():
        text = text.replace(char, replacement)
    return text


def _data(page: Page, ids: Ids, scope: Scope) -> _PageData:
    view, palette = page.view, page_palette(page, scope)
    meetings_of: dict[str, list[str]] = {p.iri: [] for p in view.persons}
    for meeting in view.meetings:
        if meeting.iri in scope.data_meetings:
            for person in meeting.participants:
                meetings_of.setdefault(person, []).append(ids.meetings[meeting.iri])
    persons = {
        ids.persons[p.iri]: _person_data(
            p, view.countries, palette, meetings_of.get(p.iri, []), scope.meeting_counts.get(p.iri, 0)
        )
        for p in view.persons
        if p.iri in scope.data_persons
    }
    meetings: dict[str, _MeetingData] = {
        ids.meetings[m.iri]: {
            "label": m.label,
            "date": m.date,
            "location": m.location,
            "mode": m.mode,
            "topics": list(m.topics),
            "participants": [ids.persons[p] for p in m.participants],
            "sources": [
                {"file": s.file, "href": article_href(page.link_base, s.file), "title": s.title}
                for s in m.sources
            ],
            "quotes": [
                {"text": _clip(q.text), "file": q.file, "href": article_href(page.link_base, q.file)}
                for q in m.quotes
            ],
        }
        for m in view.meetings
        if m.iri in scope.data_meetings
    }
    return {"persons": persons, "meetings": meetings}


def _person_data(
    person: PersonView, countries: Mapping[str, str], palette: Palette, meetings: list[str], total: int
) -> _PersonData:
    data: _PersonData = {
        "name": person.name,
        "country": countries.get(person.country, person.country),
        "colour": palette.of(person.country),
        "offices": [office_text(o) for o in person.offices],
        "aliases": list(person.aliases),
        "meetings": meetings,
    }
    if total > len(meetings):
        data["more"] = total - len(meetings)
    return data


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_QUOTE else text[: _MAX_QUOTE - 1] + "\u2026"


def _header(page: Page, title: str) -> str:
    c = page.view.counts
    counts = [
        (c.articles, "articles"),
        (c.persons, "persons"),
        (c.offices, "offices"),
        (c.meetings, f"meetings from {c.meeting_reports} reports"),
        (c.topics, "topics"),
        (c.triples, "triples"),
    ]
    items = "".join(f"<li><b>{n:,}</b>{escape(label)}</li>" for n, label in counts)
    links = "".join(
        f'<a href="#{anchor}">{text}</a>'
        for anchor, text in (
            ("network", "Network"),
            ("timeline", "Timeline"),
            ("persons", "Persons"),
            ("meetings", "Meetings"),
            ("topics", "Topics"),
            ("validation", "Validation"),
            ("skipped", "Skipped inputs"),
        )
    )
    return (
        f'<header><h1>{escape(title)}</h1><ul class="counts">{items}<li>SHACL: {verdict(page.shacl)}</li></ul>'
        f"<nav>{links}</nav></header>"
    )


_SYMBOLS = (
    '<li><svg class="sw" width="18" height="12" aria-hidden="true"><line x1="1" y1="6" x2="17" y2="6" '
    'stroke="#8b95a5" stroke-width="2"/></svg>meeting of two</li>'
    '<li><svg class="sw" width="18" height="12" aria-hidden="true"><line x1="1" y1="6" x2="17" y2="6" '
    'stroke="#8b95a5" stroke-width="1.2"/><rect x="3.5" y="0.5" width="11" height="11" rx="2" '
    'fill="#57606a"/></svg>meeting of three or more</li>'
)


def _legend_item(entry: LegendEntry) -> str:
    names = f' title="{escape(", ".join(entry.countries))}"' if entry.countries else ""
    return f"<li{names}>{swatch(entry.colour)}{escape(entry.label)}</li>"


_ZOOM = (
    '<div class="zoom" role="group" aria-label="Zoom">'
    '<button type="button" data-zoom="in" title="Zoom in">+</button>'
    '<button type="button" data-zoom="out" title="Zoom out">\u2212</button>'
    '<button type="button" data-zoom="fit" title="The whole network">fit</button></div>'
)


def _network(page: Page, ids: Ids, scope: Scope, placed: Layout | None) -> str:
    view, network = page.view, scope.network
    met = {p for m in view.meetings for p in m.participants}
    alone = sum(p.iri not in met for p in view.persons)
    together = meeting_counts(view)  # everyone who met someone
    legend = _SYMBOLS + "".join(
        _legend_item(entry) for entry in legend_entries(view, page_palette(page, scope), network.persons)
    )
    drawing = draw_network(view, ids=ids, network=network, placed=placed)
    note = f" {alone:,} persons without a meeting are listed under Persons." if alone else ""
    if drawing.unlabelled:
        note += f" {drawing.unlabelled:,} labels are left out for lack of room: hover the lines and squares."
    if len(network.persons) < len(together):
        note += (
            f" The {len(network.persons):,} persons with the most meetings (of {len(together):,} who met"
            " someone) are drawn, with the meetings between them."
        )
    return (
        '<section id="network"><h2>Meeting network</h2>'
        '<p class="muted">Persons are dots coloured by the country of their office. A meeting of two is a '
        "line (thicker: they met more than once), a meeting of three or more a square joined to each "
        "participant; each is labelled with its date and place. Hover or click a line, a square, a dot or "
        "a timeline mark for the topics and the sentences that report it; Escape clears. Zoom with + and "
        f"\u2212 (or Ctrl and the wheel), then drag to move.{escape(note)}</p>"
        f'<ul class="legend">{legend}</ul>'
        f'<div class="network"><div class="canvas">{_ZOOM}{drawing.svg}</div>'
        '<aside id="details" aria-live="polite">Hover or click a meeting (a line or a square) or a person '
        "(a dot).</aside></div></section>"
    )


def _timeline(page: Page, ids: Ids, scope: Scope) -> str:
    undated = sum(m.date == "" for m in scope.meetings)
    notes = cut_note(
        len(scope.meetings), len(page.view.meetings), "The {shown} most recent of {total} meetings."
    )
    notes += cut_note(MAX_TIMELINE_ROWS, undated, "The first {shown} of {total} meetings without a date.")
    modes = "".join(f"<li>{swatch(colour)}{escape(mode)}</li>" for mode, colour in MODE_COLOURS.items())
    return (
        '<section id="timeline"><h2>Timeline</h2>'
        f'{notes}<div class="canvas">{timeline_svg(page.view, ids, meetings=scope.meetings)}</div>'
        f'<ul class="legend">{modes}</ul></section>'
    )
