"""Validate a graph file: the verdict the run reports, and the SHACL report as Turtle."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rdflib import Graph

from pipeline.rdf.turtle import canonical_bnodes, serialize
from pipeline.validate.parts import ntriples_lines, validate_in_parts, write_ntriples
from pipeline.vocab import REPORT_PREFIXES


@dataclass(frozen=True)
class Verdict:
    """Whether a graph conforms, its results by shape, and how much was validated anew."""

    conforms: bool
    results: int
    by_shape: tuple[tuple[str, int], ...]  # (shape, results), by shape
    summary: str
    triples: int
    parts: int
    parts_validated: int  # the others' verdicts were found in the cache


@dataclass(frozen=True)
class GraphValidation:
    verdict: Verdict
    report_turtle: str  # the SHACL validation report, deterministic Turtle


def validate_graph_file(
    path: Path,
    *,
    shapes_dir: Path,
    load_shapes: Callable[[Path], Graph],
    cache_dir: Path,
    salt: str,
    processes: int | None = None,
) -> GraphValidation:
    """Validate the Turtle file at ``path`` part by part (``pipeline.validate.parts``),
    reusing the parts' verdicts under ``cache_dir`` made with the same ``salt``, in
    ``processes`` worker processes (default: one per core).

    The parts are split from an N-Triples copy of the graph, in a temporary folder under
    ``cache_dir``: the split reads the graph twice, and lines are read faster than Turtle.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".graph-") as folder:
        ntriples = Path(folder) / "graph.nt"
        write_ntriples(path, ntriples)
        validation = validate_in_parts(
            partial(ntriples_lines, ntriples),
            shapes_dir=shapes_dir,
            load_shapes=load_shapes,
            cache_dir=cache_dir,
            salt=salt,
            processes=processes,
        )
    outcome = validation.outcome
    verdict = Verdict(
        conforms=outcome.conforms,
        results=len(outcome.violations),
        by_shape=tuple(outcome.counts_by_shape().items()),
        summary=outcome.summary(),
        triples=validation.triples,
        parts=validation.parts,
        parts_validated=validation.validated,
    )
    return GraphValidation(verdict, serialize(canonical_bnodes(outcome.report), prefixes=REPORT_PREFIXES))
