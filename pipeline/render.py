"""Write report.html and meetings.svg for a graph file: one parse, SPARQL, two files.

Used at the end of every run and by ``diplomacy-kg report GRAPH.ttl``. What is not in
the graph is read beside it when it belongs to it: the SHACL verdict from
``validation-report.ttl``, the skipped inputs from ``run-report.json`` (whose outputs
must name this graph). The files depend on nothing else, so they are deterministic.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph
from rdflib.exceptions import ParserError
from rdflib.util import guess_format

from pipeline.errors import InputError
from pipeline.files import write_bytes_atomically
from pipeline.graph_view import GraphCounts, clean_text, load_view, local_name, select
from pipeline.html_report import Page, ShaclResult, ShaclView, SkippedInput, build_html
from pipeline.picture import network_svg

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


def render_report(
    graph_path: Path,
    *,
    html_path: Path,
    picture_path: Path | None = None,
    run_report: Mapping[str, Any] | None = None,
    articles_dir: Path | None = None,
) -> Rendered:
    """Write the report (and the picture) of the graph in ``graph_path``.

    ``run_report`` defaults to the run-report.json beside the graph when it names this
    graph; ``articles_dir`` (the input folder, for links to the articles) defaults to
    the run report's input folder when it exists.
    """
    started = time.perf_counter()
    graph = _parse(graph_path)
    if run_report is None:
        run_report = read_run_report(graph_path)
    view = load_view(graph)
    page = Page(
        view=view,
        shacl=shacl_view(graph_path, run_report),
        skipped=skipped_inputs(run_report),
        graph_name=clean_text(graph_path.name),
        graph_sha256=hashlib.sha256(graph_path.read_bytes()).hexdigest(),
        link_base=_link_base(html_path, articles_dir or _input_dir(run_report)),
    )
    write_bytes_atomically(html_path, build_html(page).encode("utf-8"))
    if picture_path is not None:
        write_bytes_atomically(picture_path, network_svg(view).encode("utf-8"))
    return Rendered(html_path, picture_path, view.counts, round(time.perf_counter() - started, 3))


def _parse(path: Path) -> Graph:
    try:
        return Graph().parse(path, format=guess_format(str(path)) or "turtle")
    except (OSError, SyntaxError, ValueError, ParserError) as exc:
        raise InputError(f"cannot read the graph {path}: {exc}") from exc


def read_run_report(graph_path: Path) -> dict[str, Any] | None:
    """The run report beside the graph, if it is the report of the run that wrote it."""
    path = graph_path.parent / RUN_REPORT_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    graph = data.get("outputs", {}).get("graph") if isinstance(data, dict) else None
    if not isinstance(graph, str) or Path(graph).name != graph_path.name:
        return None
    report: dict[str, Any] = data
    return report


def _input_dir(run_report: Mapping[str, Any] | None) -> Path | None:
    folder = run_report.get("input") if run_report else None
    return Path(folder) if isinstance(folder, str) and Path(folder).is_dir() else None


def _link_base(html_path: Path, articles_dir: Path | None) -> str:
    if articles_dir is None:
        return ""
    return Path(os.path.relpath(articles_dir.resolve(), html_path.parent.resolve())).as_posix()


def skipped_inputs(run_report: Mapping[str, Any] | None) -> tuple[SkippedInput, ...] | None:
    """Files the run did not turn into articles, and why (None without a run report)."""
    if run_report is None or not isinstance(run_report.get("files"), list):
        return None
    skipped = [
        SkippedInput(clean_text(str(f.get("file", ""))), clean_text(str(f.get("reason", ""))))
        for f in run_report["files"]
        if isinstance(f, dict) and f.get("outcome") == "skipped"
    ]
    return tuple(sorted(skipped, key=lambda s: (s.file, s.reason)))


def shacl_view(graph_path: Path, run_report: Mapping[str, Any] | None) -> ShaclView:
    """The verdict from validation-report.ttl beside the graph, else from the run report.

    A run report that names another graph (an older good diplomacy.ttl beside a new
    non-conforming one) means the validation report beside it is not this graph's.
    """
    foreign = (graph_path.parent / RUN_REPORT_FILE).exists() and run_report is None
    path = graph_path.parent / VALIDATION_FILE
    if path.is_file() and not foreign:
        try:
            return _from_validation_report(Graph().parse(path, format="turtle"))
        except (OSError, SyntaxError, ValueError, ParserError):
            pass  # fall back to the run report's copy of the verdict
    validation = run_report.get("validation") if run_report else None
    if isinstance(validation, dict) and "conforms" in validation:
        by_shape = validation.get("by_shape") or {}
        return ShaclView(
            source=RUN_REPORT_FILE,
            conforms=bool(validation["conforms"]),
            results=int(validation.get("results") or 0),
            by_shape=tuple(sorted((clean_text(str(k)), int(v)) for k, v in dict(by_shape).items())),
        )
    return ShaclView(source="")


def _from_validation_report(report: Graph) -> ShaclView:
    verdicts = {
        str(conforms).lower()
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
            focus=_name(focus) if isinstance(focus, BNode) else clean_text(str(focus or "")),
            path=_name(path),
            message=clean_text(str(message or "")),
            severity=_name(severity),
        )
        # One row per result node: a result with two messages keeps the smaller.
        key = str(node)
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


def _name(node: object) -> str:
    # A blank node's label is new on every parse: naming it would make the page change.
    if isinstance(node, BNode):
        return "(blank node)"
    return local_name(str(node)) if node is not None else ""
