"""The table sections of report.html: persons, meetings, topics, SHACL results, skipped inputs.

Each table of a large graph shows at most ``MAX_TABLE_ROWS`` rows (``pipeline.report.limits``)
and says above it what it shows of how many.
"""

from __future__ import annotations

from html import escape

from pipeline.report.graph_view import MeetingView, PersonView
from pipeline.report.limits import MAX_TABLE_ROWS, Scope
from pipeline.report.markup import cut_note, items, swatch, table, verdict
from pipeline.report.page import Page, ShaclView, article_href, office_text, page_palette
from pipeline.report.svg import Ids
from pipeline.run_report import FileEntry

_MAX_RESULTS = 50  # SHACL results listed; the validation report holds them all
_NO_DATE = '<span class="muted">no date</span>'


def persons_section(page: Page, ids: Ids, scope: Scope) -> str:
    view, palette = page.view, page_palette(page, scope)
    count = scope.meeting_counts

    def row(p: PersonView) -> str:
        country = view.countries.get(p.country, p.country) or "unknown"
        return (
            f'<tr class="pick" id="{ids.persons[p.iri]}" data-person="{ids.persons[p.iri]}">'
            f'<td class="name">{swatch(palette.of(p.country))}{escape(p.name)}</td>'
            f"<td>{escape(country)}</td><td>{items(office_text(o) for o in p.offices)}</td>"
            f"<td>{escape(', '.join(p.aliases))}</td><td>{count[p.iri]}</td></tr>"
        )

    rows = table(
        ("Person", "Country", "Offices", "Also written", "Meetings"),
        (row(p) for p in scope.persons),
        "No persons in this graph.",
    )
    cut = cut_note(
        len(scope.persons), len(view.persons), "The {shown} persons with the most meetings, of {total}."
    )
    return f'<section id="persons"><h2>Persons ({len(view.persons):,})</h2>{cut}{rows}</section>'


def meetings_section(page: Page, ids: Ids, scope: Scope) -> str:
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
            f'<td class="participants">{items(names.get(p, p) for p in m.participants)}</td>'
            f"<td>{escape(m.location)}</td><td>{escape(m.mode)}</td><td>{escape(', '.join(m.topics))}</td>"
            f"<td>{sources(m)}</td></tr>"
        )

    c = page.view.counts
    rows = table(
        ("Date", "Participants", "Place", "Mode", "Topics", "Reported in"),
        (row(m) for m in scope.meetings),
        "No meetings in this graph.",
    )
    cut = cut_note(
        len(scope.meetings), len(page.view.meetings), "The {shown} most recent of {total} meetings."
    )
    merged = f"; {c.meetings_merged:,} reported by more than one article" if c.meetings_merged else ""
    return (
        f'<section id="meetings"><h2>Meetings ({len(page.view.meetings):,})</h2>'
        f'<p class="muted">{c.meeting_reports:,} reports{escape(merged)}. Click a row to see it in the network.</p>'
        f"{cut}{rows}</section>"
    )


def topics_section(page: Page, scope: Scope) -> str:
    rows = table(
        ("Topic", "Meetings"),
        (f"<tr><td>{escape(t.label)}</td><td>{t.meetings}</td></tr>" for t in scope.topics),
        "No topics in this graph.",
    )
    cut = cut_note(len(scope.topics), len(page.view.topics), "The {shown} topics used most, of {total}.")
    return f'<section id="topics"><h2>Topics ({len(page.view.topics):,})</h2>{cut}{rows}</section>'


def validation_section(shacl: ShaclView) -> str:
    if not shacl.source:
        body = '<p class="muted">Not available: no validation-report.ttl or run-report.json beside the graph.</p>'
        return f'<section id="validation"><h2>SHACL validation</h2>{body}</section>'
    by_shape = table(
        ("Shape", "Results"),
        (f"<tr><td>{escape(shape)}</td><td>{n:,}</td></tr>" for shape, n in shacl.by_shape),
        "No results.",
    )
    first = table(
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
        f'<section id="validation"><h2>SHACL validation</h2><p>The graph {verdict(shacl)} '
        f'<span class="muted">(read from {escape(shacl.source)})</span></p>{by_shape}{first}{more}</section>'
    )


def skipped_section(skipped: tuple[FileEntry, ...] | None) -> str:
    if skipped is None:
        body = '<p class="muted">Not available: no run-report.json of this graph beside it.</p>'
    else:
        listed = skipped[:MAX_TABLE_ROWS]
        body = cut_note(
            len(listed), len(skipped), "The first {shown} of {total} files; run-report.json lists them all."
        ) + table(
            ("File", "Reason"),
            (f"<tr><td>{escape(s.file)}</td><td>{escape(s.reason or '')}</td></tr>" for s in listed),
            "None: every input file was processed.",
        )
    count = "" if skipped is None else f" ({len(skipped):,})"
    return f'<section id="skipped"><h2>Skipped inputs{count}</h2>{body}</section>'
