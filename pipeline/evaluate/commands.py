"""The ``evaluate`` command: a graph's scores against a gold file, as a table or JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.evaluate.gold import read_gold
from pipeline.evaluate.predicted import read_graph_file
from pipeline.evaluate.results import document_table
from pipeline.evaluate.scoring import by_document, evaluate_files


def evaluate_command(
    gold: Path, graph: Path, *, output_format: str, per_document: bool, details: bool
) -> None:
    """Print the scores of ``graph``; warnings (gold documents not in it) go to stderr."""
    for path in (gold, graph):
        if not path.is_file():
            raise PipelineError(f"not a file: {path}")
    try:
        evaluation = evaluate_files(gold, graph)
    except (ValueError, KeyError, TypeError) as exc:
        raise PipelineError(f"cannot evaluate {gold}: {exc}") from exc
    for warning in evaluation.warnings():
        print(warning, file=sys.stderr)
    if output_format == "json":
        print(json.dumps(evaluation.as_dict(), indent=2))
        return
    print(evaluation.table())
    if per_document:
        print(document_table(by_document(read_graph_file(graph), read_gold(gold))))
    if details:
        print("\n".join(evaluation.details()))
