"""Validate a graph file: the verdict the run reports, and the SHACL report as Turtle."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from pipeline.rdf.turtle import canonical_bnodes, serialize
from pipeline.validate.parts import Line, turtle_lines, validate_in_parts
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
    path: Path, *, shapes_dir: Path, load_shapes: Callable[[Path], Graph], cache_dir: Path, salt: str
) -> GraphValidation:
    """Validate the Turtle file at ``path`` part by part (``pipeline.validate.parts``),
    reusing the parts' verdicts under ``cache_dir`` made with the same ``salt``."""
    counter = _Counted(turtle_lines(path))
    outcome, parts, validated = validate_in_parts(
        counter, shapes_dir=shapes_dir, load_shapes=load_shapes, cache_dir=cache_dir, salt=salt
    )
    verdict = Verdict(
        conforms=outcome.conforms,
        results=len(outcome.violations),
        by_shape=tuple(outcome.counts_by_shape().items()),
        summary=outcome.summary(),
        triples=counter.count,
        parts=parts,
        parts_validated=validated,
    )
    return GraphValidation(verdict, serialize(canonical_bnodes(outcome.report), prefixes=REPORT_PREFIXES))


class _Counted:
    """Passes triples through, counting them."""

    def __init__(self, triples: Iterator[Line]) -> None:
        self._triples = triples
        self.count = 0

    def __iter__(self) -> Iterator[Line]:
        for triple in self._triples:
            self.count += 1
            yield triple
