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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import quote

from pipeline import __version__
from pipeline.report.assets import CSS, JS
from pipeline.report.graph_view import GraphView, MeetingView, OfficeView, PersonView
from pipeline.report.limits import MAX_TABLE_ROWS, Scope, page_scope
from pipeline.report.network import OUTLINE, UNKNOWN_COLOUR, Palette, country_palette, meeting_counts
from pipeline.report.picture import LegendEntry, draw_network, legend_entries
from pipeline.report.svg import Ids
from pipeline.report.timeline import MAX_TIMELINE_ROWS, MODE_COLOURS, timeline_svg
from pipeline.run_report import FileEntry

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_MAX_QUOTE = 2000  # characters of a quoted sentence shown; the graph keeps it whole
_MAX_RESULTS = 50  # SHACL results listed; the validation report holds them all
_NO_DATE = '<span class="muted">no date</span>'


@dataclass(frozen=True)
class ShaclResult:
    shape: str
    focus: str
    path: str
    message: str
    severity: str


@dataclass(frozen=True)
class ShaclView:
    """The validation verdict shown, and where it was read from ("" when not available)."""

    source: str
    conforms: bool = False
    results: int = 0
    by_shape: tuple[tuple[str, int], ...] = ()
    first: tuple[ShaclResult, ...] = ()


@dataclass(frozen=True)
class Page:
    """What a report shows. ``skipped`` is None when no run report was found."""

    view: GraphView
    shacl: ShaclView
    skipped: tuple[FileEntry, ...] | None
    graph_name: str
    graph_sha256: str
    link_base: str  # relative path from the report to the articles' folder ("" beside it)


def article_href(link_base: str, source_file: str) -> str:
    """A relative, percent-encoded link to an article file (never a scheme or a host)."""
    segments = [s for s in source_file.split("/") if s not in ("", ".", "..")]
    if not segments:
        return ""
    prefix = "/".join(
        quote(s, safe="") if s != ".." else s for s in link_base.split("/") if s not in ("", ".")
    )
    path = "/".join(quote(s, safe="") for s in segments)
    return f"{prefix}/{path}" if prefix else f"./{path}"


def element_ids(view: GraphView) -> Ids:
    """p1, p2 … and m1, m2 … in the view's (sorted) order: short and deterministic."""
    return Ids(
        persons={p.iri: f"p{i}" for i, p in enumerate(view.persons, 1)},
        meetings={m.iri: f"m{i}" for i, m in enumerate(view.meetings, 1)},
    )


def build_html(page: Page) -> str:
    """The whole report as one HTML document."""
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
            _network(page, ids, scope),
            _timeline(page, ids, scope),
            _persons(page, ids, scope),
            _meetings(page, ids, scope),
            _topics(page, scope),
            _validation(page.shacl),
            _skipped(page.skipped),
            "</main>",
            f"<footer>Made by diplomacy-kg {escape(__version__)} from {escape(page.graph_name)} "
            f"(sha256 {escape(page.graph_sha256[:16])}) with SPARQL. The page makes no network request.</footer>",
            f'<script type="application/json" id="report-data">{data}</script>',
            f"<script>{JS}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _json_block(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, replacement in _JSON_ESCAPES.items():
        text = text.replace(char, replacement)
    return text


def _office_text(office: OfficeView) -> str:
    return f"{office.label} ({office.status})" if office.status else office.label


def _palette(page: Page, scope: Scope) -> Palette:
    return country_palette(page.view, scope.network.persons)


def _data(page: Page, ids: Ids, scope: Scope) -> dict[str, Any]:
    """The JSON the script reads: the persons and meetings on the page, by element id."""
    view, palette = page.view, _palette(page, scope)
    meetings_of: dict[str, list[str]] = {p.iri: [] for p in view.persons}
    for meeting in view.meetings:
        if meeting.iri in scope.data_meetings:
            for person in meeting.participants:
                meetings_of.setdefault(person, []).append(ids.meetings[meeting.iri])
    persons = {
        ids.persons[p.iri]: _person_data(p, view.countries, palette, meetings_of.get(p.iri, []))
        | _more(scope.meeting_counts.get(p.iri, 0) - len(meetings_of.get(p.iri, [])))
        for p in view.persons
        if p.iri in scope.data_persons
    }
    meetings = {
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
    person: PersonView, countries: Mapping[str, str], palette: Palette, meetings: list[str]
) -> dict[str, Any]:
    return {
        "name": person.name,
        "country": countries.get(person.country, person.country),
        "colour": palette.of(person.country),
        "offices": [_office_text(o) for o in person.offices],
        "aliases": list(person.aliases),
        "meetings": meetings,
    }


def _more(hidden: int) -> dict[str, int]:
    """How many of a person's meetings the page leaves out (no key when none: small pages
    stay as they were)."""
    return {"more": hidden} if hidden > 0 else {}


def _cut(shown: int, total: int, text: str) -> str:
    """A note above a table that shows ``shown`` of ``total`` rows ("" when it shows all)."""
    if shown >= total:
        return ""
    return f'<p class="muted">{escape(text.format(shown=f"{shown:,}", total=f"{total:,}"))}</p>'


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
    verdict = _verdict(page.shacl)
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
        f'<header><h1>{escape(title)}</h1><ul class="counts">{items}<li>SHACL: {verdict}</li></ul>'
        f"<nav>{links}</nav></header>"
    )


def _verdict(shacl: ShaclView) -> str:
    if not shacl.source:
        return '<span class="muted">not available</span>'
    if shacl.conforms:
        return '<span class="ok">conforms</span>'
    return f'<span class="bad">does not conform ({shacl.results:,} results)</span>'


def _swatch(colour: str) -> str:
    ring = f' stroke="{OUTLINE}" stroke-width="1.5"' if colour == UNKNOWN_COLOUR else ""
    return (
        '<svg class="sw" width="12" height="12" aria-hidden="true">'
        f'<circle cx="6" cy="6" r="5" fill="{escape(colour)}"{ring}/></svg>'
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
    return f"<li{names}>{_swatch(entry.colour)}{escape(entry.label)}</li>"


_ZOOM = (
    '<div class="zoom" role="group" aria-label="Zoom">'
    '<button type="button" data-zoom="in" title="Zoom in">+</button>'
    '<button type="button" data-zoom="out" title="Zoom out">\u2212</button>'
    '<button type="button" data-zoom="fit" title="The whole network">fit</button></div>'
)


def _network(page: Page, ids: Ids, scope: Scope) -> str:
    view, network = page.view, scope.network
    met = {p for m in view.meetings for p in m.participants}
    alone = sum(p.iri not in met for p in view.persons)
    together = meeting_counts(view)  # everyone who met someone
    legend = _SYMBOLS + "".join(
        _legend_item(entry) for entry in legend_entries(view, _palette(page, scope), network.persons)
    )
    drawing = draw_network(view, ids=ids, network=network)
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
    notes = _cut(len(scope.meetings), len(page.view.meetings), "The {shown} most recent of {total} meetings.")
    notes += _cut(MAX_TIMELINE_ROWS, undated, "The first {shown} of {total} meetings without a date.")
    modes = "".join(f"<li>{_swatch(colour)}{escape(mode)}</li>" for mode, colour in MODE_COLOURS.items())
    return (
        '<section id="timeline"><h2>Timeline</h2>'
        f'{notes}<div class="canvas">{timeline_svg(page.view, ids, meetings=scope.meetings)}</div>'
        f'<ul class="legend">{modes}</ul></section>'
    )


def _table(headers: Sequence[str], rows: Iterable[str], empty: str) -> str:
    body = "".join(rows)
    if not body:
        return f'<p class="muted">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    # Two columns read better side by side than stretched over the page.
    compact = ' class="compact"' if len(headers) <= 2 else ""
    return f"<table{compact}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _items(values: Iterable[str]) -> str:
    items = "".join(f"<li>{escape(v)}</li>" for v in values)
    return f"<ul>{items}</ul>" if items else ""


def _persons(page: Page, ids: Ids, scope: Scope) -> str:
    view, palette = page.view, _palette(page, scope)
    count = scope.meeting_counts

    def row(p: PersonView) -> str:
        country = view.countries.get(p.country, p.country) or "unknown"
        return (
            f'<tr class="pick" id="{ids.persons[p.iri]}" data-person="{ids.persons[p.iri]}">'
            f'<td class="name">{_swatch(palette.of(p.country))}{escape(p.name)}</td>'
            f"<td>{escape(country)}</td><td>{_items(_office_text(o) for o in p.offices)}</td>"
            f"<td>{escape(', '.join(p.aliases))}</td><td>{count[p.iri]}</td></tr>"
        )

    table = _table(
        ("Person", "Country", "Offices", "Also written", "Meetings"),
        (row(p) for p in scope.persons),
        "No persons in this graph.",
    )
    cut = _cut(
        len(scope.persons), len(view.persons), "The {shown} persons with the most meetings, of {total}."
    )
    return f'<section id="persons"><h2>Persons ({len(view.persons):,})</h2>{cut}{table}</section>'


def _meetings(page: Page, ids: Ids, scope: Scope) -> str:
    names = {p.iri: p.name for p in page.view.persons}

    def sources(m: MeetingView) -> str:
        links = (
            f'<li><a href="{escape(article_href(page.link_base, s.file))}" rel="noopener noreferrer">{escape(s.file)}</a></li>'
            if s.file
            else "<li>unknown article</li>"
            for s in m.sources
        )
        return "<ul>" + "".join(links) + "</ul>"

    def row(m: MeetingView) -> str:
        return (
            f'<tr class="pick" id="{ids.meetings[m.iri]}" data-meeting="{ids.meetings[m.iri]}">'
            f"<td>{escape(m.date) or _NO_DATE}</td>"
            f'<td class="participants">{_items(names.get(p, p) for p in m.participants)}</td>'
            f"<td>{escape(m.location)}</td><td>{escape(m.mode)}</td><td>{escape(', '.join(m.topics))}</td>"
            f"<td>{sources(m)}</td></tr>"
        )

    c = page.view.counts
    table = _table(
        ("Date", "Participants", "Place", "Mode", "Topics", "Reported in"),
        (row(m) for m in scope.meetings),
        "No meetings in this graph.",
    )
    cut = _cut(len(scope.meetings), len(page.view.meetings), "The {shown} most recent of {total} meetings.")
    merged = f"; {c.meetings_merged:,} reported by more than one article" if c.meetings_merged else ""
    return (
        f'<section id="meetings"><h2>Meetings ({len(page.view.meetings):,})</h2>'
        f'<p class="muted">{c.meeting_reports:,} reports{escape(merged)}. Click a row to see it in the network.</p>'
        f"{cut}{table}</section>"
    )


def _topics(page: Page, scope: Scope) -> str:
    table = _table(
        ("Topic", "Meetings"),
        (f"<tr><td>{escape(t.label)}</td><td>{t.meetings}</td></tr>" for t in scope.topics),
        "No topics in this graph.",
    )
    cut = _cut(len(scope.topics), len(page.view.topics), "The {shown} topics used most, of {total}.")
    return f'<section id="topics"><h2>Topics ({len(page.view.topics):,})</h2>{cut}{table}</section>'


def _validation(shacl: ShaclView) -> str:
    if not shacl.source:
        body = '<p class="muted">Not available: no validation-report.ttl or run-report.json beside the graph.</p>'
        return f'<section id="validation"><h2>SHACL validation</h2>{body}</section>'
    by_shape = _table(
        ("Shape", "Results"),
        (f"<tr><td>{escape(shape)}</td><td>{n:,}</td></tr>" for shape, n in shacl.by_shape),
        "No results.",
    )
    first = _table(
        ("Severity", "Shape", "Focus node", "Path", "Message"),
        (
            f"<tr><td>{escape(r.severity)}</td><td>{escape(r.shape)}</td><td>{escape(r.focus)}</td>"
            f"<td>{escape(r.path)}</td><td>{escape(r.message)}</td></tr>"
            for r in shacl.first[:_MAX_RESULTS]
        ),
        "",
    )
    more = (
        f'<p class="muted">The first {_MAX_RESULTS} of {shacl.results:,} results; the validation report has them all.</p>'
        if shacl.results > _MAX_RESULTS and shacl.first
        else ""
    )
    return (
        f'<section id="validation"><h2>SHACL validation</h2><p>The graph {_verdict(shacl)} '
        f'<span class="muted">(read from {escape(shacl.source)})</span></p>{by_shape}{first}{more}</section>'
    )


def _skipped(skipped: tuple[FileEntry, ...] | None) -> str:
    if skipped is None:
        body = '<p class="muted">Not available: no run-report.json of this graph beside it.</p>'
    else:
        listed = skipped[:MAX_TABLE_ROWS]
        body = _cut(
            len(listed), len(skipped), "The first {shown} of {total} files; run-report.json lists them all."
        ) + _table(
            ("File", "Reason"),
            (f"<tr><td>{escape(s.file)}</td><td>{escape(s.reason or '')}</td></tr>" for s in listed),
            "None: every input file was processed.",
        )
    count = "" if skipped is None else f" ({len(skipped):,})"
    return f'<section id="skipped"><h2>Skipped inputs{count}</h2>{body}</section>'
