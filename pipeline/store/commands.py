"""The ``load``, ``query`` and ``serve`` commands, and the load that ends ``run --load``."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import ConfigError, PipelineError
from pipeline.store.endpoint import DEFAULT_TIMEOUT, Endpoint
from pipeline.store.results import render
from pipeline.store.server import Server, serve
from pipeline.store.sparql import bind, find_query, library, parse_assignment
from pipeline.store.triplestore import (
    DEFAULT_GRAPH,
    ONTOLOGY_FILE,
    ONTOLOGY_GRAPH,
    Target,
    load_graph,
    run_query,
)


@dataclass(frozen=True)
class TargetOptions:
    """Where a load or a query goes, as the options name it: a store folder or an endpoint."""

    store: Path | None = None
    endpoint: str | None = None
    timeout: float | None = None  # seconds; only with an endpoint

    def resolve(self, default_store: Path) -> Target:
        """The endpoint, else the store folder (``default_store`` when none is named)."""
        if self.endpoint:
            return Endpoint(self.endpoint, DEFAULT_TIMEOUT if self.timeout is None else self.timeout)
        if self.timeout is not None:
            raise ConfigError("--timeout goes with --endpoint")
        return self.store or default_store


@dataclass(frozen=True)
class LoadRequest:
    """A load to do: where, into which named graph (None: the default one), with the ontology."""

    target: Target
    graph: str | None = None
    ontology: bool = True
    quiet: bool = False  # print nothing on success


def load_into(source: Path, request: LoadRequest) -> None:
    """Load the graph file ``source`` as asked, and say what was loaded."""
    report = load_graph(
        source,
        request.target,
        graph=request.graph or DEFAULT_GRAPH,
        ontology=ONTOLOGY_FILE if request.ontology else None,
    )
    if not request.quiet:
        print(
            f"loaded {report.triples} triples into <{report.graph}> of {report.target} "
            f"(and {report.ontology_triples} ontology triples) in {report.seconds:.2f} s"
        )


def load_command(file: Path, options: TargetOptions, *, graph: str, ontology: bool, quiet: bool) -> None:
    """Load ``file`` (by default into the store beside it)."""
    if not file.is_file():
        raise PipelineError(f"not a file: {file} (run the pipeline first, or name the graph file)")
    load_into(file, LoadRequest(options.resolve(file.parent / "store"), graph, ontology, quiet))


def list_queries() -> None:
    """Print the queries of queries/ with their parameters."""
    for entry in library():
        print(f"{entry.name}: {entry.summary}")
        for param in entry.params:
            print(f"    --param {param.name}=<{param.type.value}>  {param.description}")


def query_command(
    name: str | None,
    options: TargetOptions,
    *,
    default_store: Path,
    graphs: list[str] | None,
    params: list[str],
    output_format: str,
) -> None:
    """Run a query of queries/ (or a .rq file) with its parameters bound; print its result."""
    if not name:
        raise ConfigError("name a query (python -m pipeline query --list shows them) or a .rq file")
    text = bind(find_query(name), [parse_assignment(a) for a in params])
    result = run_query(
        options.resolve(default_store), text, graphs=[*(graphs or [DEFAULT_GRAPH]), ONTOLOGY_GRAPH]
    )
    sys.stdout.write(render(result, output_format))


def serve_command(store: Path, *, port: int, writable: bool) -> None:
    """Serve ``store`` on 127.0.0.1 until Ctrl-C, saying where."""
    if not 0 <= port <= 65535:
        raise ConfigError(f"not a port: {port}")

    def announce(server: Server) -> None:
        mode = "read-write" if writable else "a read-only snapshot"
        print(f"serving {store} ({mode}) at {server.url}/", flush=True)
        print(f"  SPARQL query: {server.endpoint.sparql}", flush=True)
        print(f"  Graph Store:  {server.endpoint.graph_store}", flush=True)
        print(f"  try: python -m pipeline query meetings --endpoint {server.url}", flush=True)
        print("Ctrl-C stops it.", flush=True)

    serve(store, port=port, writable=writable, announce=announce)
    print("stopped.", file=sys.stderr)
