"""The ``report`` command: report.html (and meetings.svg if asked) for an exported graph."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.report.render import HTML_FILE, render_report


def report_command(graph: Path, *, output: Path | None, picture: Path | None, articles: Path | None) -> None:
    """Write the report of ``graph`` (by default report.html beside it); print what was written."""
    if not graph.is_file():
        raise PipelineError(f"not a file: {graph}")
    if articles is not None and not articles.is_dir():
        raise PipelineError(f"not a folder: {articles}")
    rendered = render_report(
        graph, html_path=output or graph.parent / HTML_FILE, picture_path=picture, articles_dir=articles
    )
    print(f"report: {rendered.html}" + (f"\npicture: {rendered.picture}" if rendered.picture else ""))
