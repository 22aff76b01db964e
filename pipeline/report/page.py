"""What a report page shows, and how its parts point at each other and at the articles."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from pipeline.report.graph_view import GraphView, OfficeView
from pipeline.report.limits import Scope
from pipeline.report.network import Palette, country_palette
from pipeline.report.svg import Ids
from pipeline.run_report import FileEntry


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


def office_text(office: OfficeView) -> str:
    """An office as a person's row and details name it: its label, and its status if any."""
    return f"{office.label} ({office.status})" if office.status else office.label


def page_palette(page: Page, scope: Scope) -> Palette:
    """The country colours of the page, ranked by the persons its network draws."""
    return country_palette(page.view, scope.network.persons)
