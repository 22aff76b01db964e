"""Digests of the graphs the pipeline makes of the seeds and the sample corpus.

``tests/test_golden_graphs.py`` compares every run with ``tests/data/golden/graphs.json``:
a change of code that should not change the output (a refactoring, a faster stage) keeps
the digests; a change of the extraction changes them, and the author records the new
graphs on purpose with ``make golden`` and reviews the triple counts in the diff. Only
digests and counts are stored: the seeds are third-party articles, and their graph
quotes their sentences.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.compare import to_canonical_graph

GOLDEN = Path(__file__).parent / "data" / "golden" / "graphs.json"


def describe(turtle: Path) -> dict[str, Any]:
    """A digest of the graph in ``turtle`` that only an isomorphic graph shares, and its
    triple count per predicate (what a reviewer reads when the digest changes)."""
    graph = to_canonical_graph(Graph().parse(turtle, format="turtle"))
    lines = sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())
    predicates = Counter(str(p) for _, p, _ in graph)
    return {
        "digest": hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest(),
        "triples": len(graph),
        "predicates": dict(sorted(predicates.items())),
    }


def main() -> int:
    from pipeline.config import Settings
    from pipeline.run.runner import run_pipeline
    from tests.conftest import SAMPLE_CORPUS, SEEDS

    recorded: dict[str, Any] = {}
    for name, corpus in (("sample", SAMPLE_CORPUS), ("seeds", SEEDS)):
        if not corpus.is_dir():
            print(
                f"golden: {corpus} is missing; the seeds need ../shared beside the repository",
                file=sys.stderr,
            )
            return 2
        with tempfile.TemporaryDirectory() as work:
            run_pipeline(corpus, Path(work), Settings())
            recorded[name] = describe(Path(work) / "diplomacy.ttl")
    GOLDEN.write_text(json.dumps(recorded, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
