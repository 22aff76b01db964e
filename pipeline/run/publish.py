"""Publishing: the validated graph and its report copied into the output folder.

A non-conforming graph never replaces a good ``diplomacy.ttl``: it is written beside it
as ``diplomacy.nonconforming.ttl``. What was published is recorded with the sha256 of
each copy, so a rerun can tell whether the files in the folder are still those.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.files import copy_atomically, file_sha256

GRAPH_FILE = "diplomacy.ttl"
REPORT_FILE = "validation-report.ttl"
NONCONFORMING_FILE = "diplomacy.nonconforming.ttl"


@dataclass(frozen=True)
class Published:
    """Whether the published graph conforms, and the files copied with their sha256."""

    conforms: bool
    files: tuple[tuple[str, str], ...]  # (name in the output folder, sha256 hex digest)


def graph_file(*, conforms: bool) -> str:
    """The name the graph is published under."""
    return GRAPH_FILE if conforms else NONCONFORMING_FILE


def publish(graph: Path, report: Path, output_dir: Path, *, conforms: bool) -> Published:
    """Copy the graph and its validation report into ``output_dir``, each atomically."""
    name = graph_file(conforms=conforms)
    files = (
        (name, copy_atomically(graph, output_dir / name)),
        (REPORT_FILE, copy_atomically(report, output_dir / REPORT_FILE)),
    )
    if conforms:
        # A failed graph of an earlier run would read as this run's failure.
        (output_dir / NONCONFORMING_FILE).unlink(missing_ok=True)
    return Published(conforms, files)


def still_published(published: Published, output_dir: Path) -> bool:
    """Whether every file of ``published`` is in ``output_dir`` with the bytes it was copied with."""
    return all(file_sha256(output_dir / name) == digest for name, digest in published.files)
