"""Render report.html and meetings.svg only when something they show has changed.

A marker ``OUTPUT/work/report/<key>.json`` is written after each rendering. Its key is a
hash of everything the two files are made from: the graph's bytes, the context of the
page (SHACL verdict, skipped inputs, graph name, link to the articles), the files' names
and the code and version of the report. It records the sha256 of each file written and
the graph's counts. When the marker of the current key exists and both files on disk
still have those hashes (as ``tasks.Publish.complete`` checks its copies), nothing is
rendered and the counts come from the marker: a rerun with nothing changed costs one
hash of the graph file. Only the latest marker is kept.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import pyoxigraph as ox

from pipeline import __version__
from pipeline.config import source_digest
from pipeline.files import file_sha256, write_json_atomically
from pipeline.report.graph_source import graph_sha256
from pipeline.report.graph_view import GraphCounts
from pipeline.report.render import Context, Drawn, Rendered, page_context, write_report
from pipeline.run_report import RunReport


def render_if_changed(
    graph_path: Path,
    *,
    html_path: Path,
    picture_path: Path,
    cache_dir: Path,
    run_report: RunReport | None = None,
    articles_dir: Path | None = None,
    drawn: Callable[[], Drawn] | None = None,
) -> Rendered:
    """``render.render_report``, unless the marker in ``cache_dir`` says the files are already these.

    ``drawn``, when given, returns the graph's ``render.Drawn`` (the run made it already).
    """
    started = time.perf_counter()
    context = page_context(graph_path, html_path=html_path, run_report=run_report, articles_dir=articles_dir)
    sha256 = graph_sha256(graph_path)
    files = {"html": html_path, "picture": picture_path}
    marker = cache_dir / f"{_key(sha256, context, files)}.json"
    counts = _reusable(marker, files)
    if counts is not None:
        return Rendered(html_path, picture_path, counts, _since(started), reused=True)
    counts = write_report(
        graph_path, sha256, context, html_path, picture_path, drawn=drawn() if drawn else None
    )
    write_json_atomically(
        marker,
        {"counts": counts.to_json(), "files": {role: file_sha256(path) for role, path in files.items()}},
    )
    for stale in cache_dir.glob("*.json"):
        if stale != marker:  # it names files that are no longer on disk
            stale.unlink(missing_ok=True)
    return Rendered(html_path, picture_path, counts, _since(started))


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)


def _key(graph_digest: str, context: Context, files: Mapping[str, Path]) -> str:
    """A hash of everything the files are made from."""
    made_of = {
        "code": report_code_fingerprint(),
        "context": dataclasses.asdict(context),
        "files": {role: path.name for role, path in files.items()},
        "graph": graph_digest,
    }
    text = json.dumps(made_of, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@functools.cache
def report_code_fingerprint() -> str:
    """A hash of the report's code and of the libraries it reads graphs with."""
    digest = hashlib.sha256(f"diplomacy-kg {__version__} pyoxigraph {ox.__version__}".encode())
    digest.update(source_digest("report").encode())
    return digest.hexdigest()


def _reusable(marker: Path, files: Mapping[str, Path]) -> GraphCounts | None:
    """The counts the marker records, if it exists and the files on disk are the ones it names."""
    try:
        recorded = json.loads(marker.read_text(encoding="utf-8"))
        if recorded["files"] != {role: file_sha256(path) for role, path in files.items()}:
            return None
        return GraphCounts.from_json(recorded["counts"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no marker, or not one this code wrote: render
