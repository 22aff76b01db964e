"""Write report.html and meetings.svg for a graph file: one parse, two files.

Used at the end of every run and by ``diplomacy-kg report GRAPH.ttl``. What is not in
the graph is read beside it when it belongs to it: the SHACL verdict from
``validation-report.ttl``, the skipped inputs from ``run-report.json`` (whose outputs
must name this graph). The files depend on nothing else, so they are deterministic.

The graph is read in one streaming pass that keeps only what the page shows
(``pipeline.report.graph_index``); the small SHACL report is queried with SPARQL in an
on-disk store (``pipeline.report.graph_source``). ``run`` renders through
``pipeline.report.cache``, which skips all of it when nothing the page shows changed.
"""

from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from pipeline.errors import InputError
from pipeline.files import write_bytes_atomically
from pipeline.report.graph_index import read_index
from pipeline.report.graph_source import Node, graph_sha256, read_graph, select, value
from pipeline.report.graph_view import GraphCounts, GraphView, clean_text, load_view, local_name
from pipeline.report.html import build_html
from pipeline.report.layout import Layout
from pipeline.report.network import Network, network_of
from pipeline.report.page import Page, ShaclResult, ShaclView
from pipeline.report.picture import network_layout, network_svg
from pipeline.run_report import FileEntry, RunReport

HTML_FILE = "report.html"
PICTURE_FILE = "meetings.svg"
RUN_REPORT_FILE = "run-report.json"
VALIDATION_FILE = "validation-report.ttl"


@dataclass(frozen=True)
class Rendered:
    html: Path
    picture: Path | None
    counts: GraphCounts
    seconds: float
    reused: bool = False  # the files were already these (``pipeline.report.cache``)


@dataclass(frozen=True)
class Context:
    """What a page shows besides the graph: read beside it, or handed over by the run."""

    shacl: ShaclView
    skipped: tuple[FileEntry, ...] | None
    graph_name: str
    link_base: str  # relative path from the report to the articles' folder ("" beside it)


def page_context(
    graph_path: Path,
    *,
    html_path: Path,
    run_report: RunReport | None = None,
    articles_dir: Path | None = None,
) -> Context:
    """The context of the report of ``graph_path`` (see ``render_report`` for the defaults)."""
    if run_report is None:
        run_report = read_run_report(graph_path)
    return Context(
        shacl=shacl_view(graph_path, run_report),
        skipped=skipped_inputs(run_report),
        graph_name=clean_text(graph_path.name),
        link_base=_link_base(html_path, articles_dir or _input_dir(run_report)),
    )


def render_report(
    graph_path: Path,
    *,
    html_path: Path,
    picture_path: Path | None = None,
    run_report: RunReport | None = None,
    articles_dir: Path | None = None,
) -> Rendered:
    """Write the report (and the picture) of the graph in ``graph_path``.

    ``run_report`` defaults to the run-report.json beside the graph when it names this
    graph; ``articles_dir`` (the input folder, for links to the articles) defaults to
    the run report's input folder when it exists.
    """
    started = time.perf_counter()
    context = page_context(graph_path, html_path=html_path, run_report=run_report, articles_dir=articles_dir)
    counts = write_report(graph_path, graph_sha256(graph_path), context, html_path, picture_path)
    return Rendered(html_path, picture_path, counts, round(time.perf_counter() - started, 3))


@dataclass(frozen=True)
class Drawn:
    """What the page and the picture show of a graph, made from the graph alone: the run
    makes it beside validation (``tasks.DrawReport``) and adds the page's context after."""

    view: GraphView
    network: Network
    placed: Layout  # drawn on the page and in the picture: placed once
    picture: str | None  # meetings.svg, when asked for


def draw_graph(graph_path: Path, *, picture: bool = True) -> Drawn:
    """Read the graph file ``graph_path`` for the report, lay out its network (and draw the picture)."""
    view = load_view(read_index(graph_path))
    network = network_of(view)
    placed = network_layout(view, network)
    svg = network_svg(view, network=network, placed=placed) if picture else None
    return Drawn(view, network, placed, svg)


def write_report(
    graph_path: Path,
    sha256: str,
    context: Context,
    html_path: Path,
    picture_path: Path | None,
    *,
    drawn: Drawn | None = None,
) -> GraphCounts:
    """Write the page (and the picture) of the graph file ``graph_path``, whose hash is
    ``sha256``, from ``drawn`` when the caller has it (else drawn now)."""
    if drawn is None or (picture_path is not None and drawn.picture is None):
        drawn = draw_graph(graph_path, picture=picture_path is not None)
    page = Page(
        view=drawn.view,
        shacl=context.shacl,
        skipped=context.skipped,
        graph_name=context.graph_name,
        graph_sha256=sha256,
        link_base=context.link_base,
    )
    write_bytes_atomically(html_path, build_html(page, placed=drawn.placed).encode("utf-8"))
    if picture_path is not None and drawn.picture is not None:
        write_bytes_atomically(picture_path, drawn.picture.encode("utf-8"))
    return drawn.view.counts


def read_run_report(graph_path: Path) -> RunReport | None:
    """The run report beside the graph, if it is the report of the run that wrote it."""
    path = graph_path.parent / RUN_REPORT_FILE
    try:
        report = RunReport.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none, or not one this pipeline wrote
        return None
    return report if Path(report.outputs.graph).name == graph_path.name else None


def _input_dir(run_report: RunReport | None) -> Path | None:
    folder = Path(run_report.input) if run_report else None
    return folder if folder is not None and folder.is_dir() else None


def _link_base(html_path: Path, articles_dir: Path | None) -> str:
    if articles_dir is None:
        return ""
    return Path(os.path.relpath(articles_dir.resolve(), html_path.parent.resolve())).as_posix()


def skipped_inputs(run_report: RunReport | None) -> tuple[FileEntry, ...] | None:
    """Files the run did not turn into articles, and why (None without a run report)."""
    if run_report is None:
        return None
    skipped = [
        dataclasses.replace(f, file=clean_text(f.file), reason=clean_text(f.reason or ""))
        for f in run_report.skipped_files()
    ]
    return tuple(sorted(skipped, key=lambda s: (s.file, s.reason or "")))


def shacl_view(graph_path: Path, run_report: RunReport | None) -> ShaclView:
    """The verdict from validation-report.ttl beside the graph, else from the run report.

    A run report that names another graph (an older good diplomacy.ttl beside a new
    non-conforming one) means the validation report beside it is not this graph's.
    """
    foreign = (graph_path.parent / RUN_REPORT_FILE).exists() and run_report is None
    path = graph_path.parent / VALIDATION_FILE
    if path.is_file() and not foreign:
        try:
            return read_graph(path, _from_validation_report)
        except InputError:
            pass  # fall back to the run report's copy of the verdict
    if run_report is None:
        return ShaclView(source="")
    validation = run_report.validation
    return ShaclView(
        source=RUN_REPORT_FILE,
        conforms=validation.conforms,
        results=validation.results,
        by_shape=tuple(sorted((clean_text(shape), n) for shape, n in validation.by_shape)),
    )


def _from_validation_report(report: ox.Store) -> ShaclView:
    verdicts = {
        value(conforms).lower()
        for (conforms,) in select(report, "SELECT ?c WHERE { ?r a sh:ValidationReport ; sh:conforms ?c }")
    }
    rows = select(
        report,
        """SELECT DISTINCT ?r ?shape ?focus ?path ?message ?severity WHERE { ?r a sh:ValidationResult .
             OPTIONAL { ?r sh:sourceShape ?shape } OPTIONAL { ?r sh:focusNode ?focus }
             OPTIONAL { ?r sh:resultPath ?path } OPTIONAL { ?r sh:resultMessage ?message }
             OPTIONAL { ?r sh:resultSeverity ?severity } }""",
    )
    results: dict[str, ShaclResult] = {}
    for node, shape, focus, path, message, severity in rows:
        result = ShaclResult(
            shape=_name(shape),
            focus=_name(focus) if isinstance(focus, ox.BlankNode) else clean_text(value(focus)),
            path=_name(path),
            message=clean_text(value(message)),
            severity=_name(severity),
        )
        # One row per result node: a result with two messages keeps the smaller.
        key = value(node)
        results[key] = min(results.get(key, result), result, key=lambda r: (r.message, r.path))
    ordered = sorted(results.values(), key=lambda r: (r.shape, r.focus, r.path, r.message))
    shapes: dict[str, int] = {}
    for result in ordered:
        shapes[result.shape] = shapes.get(result.shape, 0) + 1
    return ShaclView(
        source=VALIDATION_FILE,
        conforms=verdicts == {"true"},
        results=len(ordered),
        by_shape=tuple(sorted(shapes.items())),
        first=tuple(ordered),
    )


def _name(node: Node | None) -> str:
    # A blank node's label is new on every parse: naming it would make the page change.
    if isinstance(node, ox.BlankNode):
        return "(blank node)"
    return local_name(value(node)) if node is not None else ""
