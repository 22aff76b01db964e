"""Validation speed: pySHACL over the whole graph against the pipeline's validation in parts.

Usage::

    python -m benchmarks.validate_bench GRAPH.ttl [--processes N] [--no-pyshacl]
    python -m benchmarks.validate_bench GRAPH.ttl --peak-rss

GRAPH is a published ``diplomacy.ttl`` (for example from ``benchmarks.bench --keep DIR``).
Each way of validating runs once, one after the other in this process; the table gives
wall and CPU seconds (this process and its waited-for children) and triples per second of
each, and the number of results, which must agree. The machine's load is printed with it.
With ``--peak-rss`` the stage alone runs, once, on a cold cache: its peak RSS (this process
and the largest worker) and CPU seconds, in a process that has done nothing else.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib import Graph, URIRef

from pipeline.config import Settings
from pipeline.validate.compiled import compile_shapes, validate_data
from pipeline.validate.components import Data
from pipeline.validate.graph_file import validate_graph_file
from pipeline.validate.parts import read_turtle, turtle_lines
from pipeline.validate.pyshacl_reference import load_shapes, validate

_SPARQL_RULE = URIRef("https://w3id.org/dipkg/shapes#ProvenanceShape")
_CORE_ONLY = "pySHACL, whole graph, without the SPARQL rule (fewer checks)"


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(run: Callable[[], int]) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), _cpu()
    results = run()
    return time.perf_counter() - wall, _cpu() - cpu, results


def measure(graph_file: Path, *, processes: int, pyshacl: bool) -> list[tuple[str, float, float, int]]:
    """(what, wall seconds, CPU seconds, results) for every way of validating the graph."""
    shapes_dir = Settings().shapes_dir
    shapes = load_shapes(shapes_dir)
    rows: list[tuple[str, float, float, int]] = []

    def parts(processes: int, cache: Path) -> int:
        validation = validate_graph_file(  # what the Validate task runs
            graph_file,
            shapes_dir=shapes_dir,
            load_shapes=load_shapes,
            cache_dir=cache,
            salt="bench",
            processes=processes,
        )
        return validation.verdict.results

    with tempfile.TemporaryDirectory() as tmp:
        for count in sorted({1, processes}):
            cache = Path(tmp) / f"cold-{count}"
            what = f"pipeline stage: N-Triples copy, parts, {count} process(es)"
            rows.append((what, *_timed(lambda count=count, cache=cache: parts(count, cache))))  # type: ignore[misc]
        rows.append(("pipeline stage: nothing changed (every part cached)", *_timed(lambda: parts(1, cache))))
    ntriples = Graph()
    for triple in read_turtle(graph_file):
        ntriples.add(triple)
    data = ntriples.serialize(format="nt", encoding="utf-8")
    compiled = compile_shapes(shapes)
    rows.append(
        (
            "pipeline.validate.compiled, whole graph (from N-Triples)",
            *_timed(lambda: len(validate_data(Data(data), compiled))),
        )
    )
    if pyshacl:
        rows.append(
            (
                "pySHACL, whole graph (rdflib graph loaded)",
                *_timed(lambda: len(validate(ntriples, shapes).violations)),
            )
        )
        core = Graph()
        for triple in shapes:
            core.add(triple)
        core.remove((_SPARQL_RULE, None, None))
        rows.append((_CORE_ONLY, *_timed(lambda: len(validate(ntriples, core).violations))))
    return rows


def _mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def peak_rss(graph_file: Path) -> str:
    """One cold run of the validate stage (one worker a CPU): peak RSS of this process and of its workers, CPU."""
    shapes_dir = Settings().shapes_dir
    before = _mib(resource.RUSAGE_SELF)
    with tempfile.TemporaryDirectory() as cache:
        wall, cpu, _ = _timed(
            lambda: (
                validate_graph_file(
                    graph_file,
                    shapes_dir=shapes_dir,
                    load_shapes=load_shapes,
                    cache_dir=Path(cache),
                    salt="rss",
                ).verdict.results
            )
        )
    return (
        f"peak RSS {_mib(resource.RUSAGE_SELF):.0f} MiB (after imports {before:.0f}), largest worker "
        f"{_mib(resource.RUSAGE_CHILDREN):.0f} MiB; {wall:.1f} s wall, {cpu:.1f} s CPU"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.validate_bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("graph", type=Path, help="a Turtle graph, e.g. OUTPUT/diplomacy.ttl")
    parser.add_argument(
        "--processes",
        type=int,
        default=os.cpu_count() or 1,
        help="processes for the parts (default: %(default)s)",
    )
    parser.add_argument("--no-pyshacl", action="store_true", help="skip the (slow) pySHACL runs")
    parser.add_argument(
        "--peak-rss",
        action="store_true",
        help="only the stage's peak memory, one cold run (one worker a CPU)",
    )
    args = parser.parse_args(argv)
    if not args.graph.is_file():
        parser.error(f"{args.graph} is not a file")
    if args.peak_rss:
        print(peak_rss(args.graph))
        return 0
    triples = sum(1 for _ in turtle_lines(args.graph))
    load = os.getloadavg()
    rows = measure(args.graph, processes=args.processes, pyshacl=not args.no_pyshacl)
    print(
        f"{triples:,} triples; load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs"
    )
    print("| how | wall s | CPU s | triples/s (wall) | triples/s (CPU) | results |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for what, wall, cpu, results in rows:
        print(
            f"| {what} | {wall:.2f} | {cpu:.2f} | {triples / wall:,.0f} | {triples / cpu:,.0f} | {results} |"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if len({results for what, *_, results in rows if what != _CORE_ONLY}) > 1:
        print("the ways of validating disagree on the number of results", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
