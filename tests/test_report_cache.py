"""A run renders report.html and meetings.svg only when something they show has changed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from pipeline.config import Settings
from pipeline.report.cache import render_if_changed
from pipeline.report.graph_view import GraphCounts
from pipeline.run.runner import run_pipeline
from pipeline.run_report import FileEntry, Outcome, RunReport
from tests.conftest import SAMPLE_CORPUS
from tests.test_html_report import hostile_graph
from tests.test_run_report import run_report as make_run_report


def render(folder: Path, run_report: RunReport | None = None) -> bool:
    """Render the graph in ``folder``; True when the files were reused."""
    rendered = render_if_changed(
        folder / "graph.ttl",
        html_path=folder / "report.html",
        picture_path=folder / "meetings.svg",
        cache_dir=folder / "work" / "report",
        run_report=run_report,
    )
    return rendered.reused


def test_report_cache_reuses_until_something_changes(tmp_path: Path) -> None:
    hostile_graph().serialize(tmp_path / "graph.ttl", format="turtle")
    assert not render(tmp_path)
    page = (tmp_path / "report.html").read_bytes()
    assert render(tmp_path)
    # A file changed on disk, or gone, is written again.
    (tmp_path / "report.html").write_text("edited", encoding="utf-8")
    assert not render(tmp_path)
    assert (tmp_path / "report.html").read_bytes() == page
    (tmp_path / "meetings.svg").unlink()
    assert not render(tmp_path) and render(tmp_path)
    # Another list of skipped inputs is another page.
    skipped = make_run_report(
        files=(FileEntry(file="x.txt", outcome=Outcome.SKIPPED, reason="empty file (0 bytes)"),)
    )
    assert not render(tmp_path, skipped)
    assert "x.txt" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert render(tmp_path, skipped)
    # Another graph too; only the latest marker is kept.
    with (tmp_path / "graph.ttl").open("a", encoding="utf-8") as graph:
        graph.write('<https://example.org/x> <https://example.org/p> "new" .\n')
    assert not render(tmp_path, skipped)
    assert len(list((tmp_path / "work" / "report").glob("*.json"))) == 1


def test_report_cache_ignores_a_broken_marker(tmp_path: Path) -> None:
    hostile_graph().serialize(tmp_path / "graph.ttl", format="turtle")
    render(tmp_path)
    (marker,) = (tmp_path / "work" / "report").glob("*.json")
    for broken in ("not json", "[]", '{"files": {}, "counts": []}'):
        marker.write_text(broken, encoding="utf-8")
        assert not render(tmp_path)
    data = json.loads(marker.read_text(encoding="utf-8"))
    assert GraphCounts.from_json(data["counts"]).meetings == 1


def test_report_cache_noop_rerun_does_not_render(
    pipeline_run: Callable[[Path], Path], tmp_path: Path
) -> None:
    output = tmp_path / "output"
    shutil.copytree(pipeline_run(SAMPLE_CORPUS), output)
    run_pipeline(SAMPLE_CORPUS, output, Settings())  # the links to the articles start elsewhere now
    page = (output / "report.html").stat().st_mtime_ns
    result = run_pipeline(SAMPLE_CORPUS, output, Settings())
    assert result.ran == []
    assert (output / "report.html").stat().st_mtime_ns == page
    assert result.counts is not None
    assert GraphCounts.from_json(result.counts.to_json()) == result.counts
    assert result.counts.triples == result.report.counts.triples
