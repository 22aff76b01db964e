"""The graph in a triplestore: load it and query it with SPARQL.

Two kinds of target behave alike:

- a folder: an embedded, persistent Oxigraph store (``pyoxigraph``), nothing to start;
- an ``Endpoint``: any SPARQL 1.1 server over HTTP (``pipeline.store.endpoint``). The graph
  goes in with the Graph Store Protocol (``PUT``: replace), queries go out with the SPARQL
  Protocol.

The graph goes into a named graph (``DEFAULT_GRAPH`` unless told otherwise) that a
reload replaces, never doubles, and ``ontology/diplomacy.ttl`` into ``ONTOLOGY_GRAPH``
(labels of classes, properties and holding statuses). A query's default graph is the
merge of those graphs, named by ``default-graph-uri`` on a server and the same way in
the embedded store, so both give the same answer.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from pipeline.config import PROJECT_ROOT
from pipeline.errors import StoreError
from pipeline.store.endpoint import Endpoint as Endpoint  # re-exported: a target of this module
from pipeline.store.endpoint import connect, put_graph, select
from pipeline.store.results import QueryResult
from pipeline.store.sparql import Term, TermKind
from pipeline.vocab import DEFAULT_GRAPH as DEFAULT_GRAPH  # re-exported: the graphs a load fills
from pipeline.vocab import ONTOLOGY_GRAPH as ONTOLOGY_GRAPH

ONTOLOGY_FILE = PROJECT_ROOT / "ontology" / "diplomacy.ttl"
DEFAULT_GRAPHS = (DEFAULT_GRAPH, ONTOLOGY_GRAPH)

Target = Path | Endpoint


@dataclass(frozen=True)
class LoadReport:
    """What a load did: where, into which graph, how many distinct triples, how long."""

    target: str
    graph: str
    triples: int
    ontology_triples: int
    seconds: float


def describe(target: Target) -> str:
    """The target as a person reads it in messages."""
    return f"endpoint {target.url}" if isinstance(target, Endpoint) else f"store {target}"


def load_graph(
    source: Path,
    target: Target,
    *,
    graph: str = DEFAULT_GRAPH,
    ontology: Path | None = ONTOLOGY_FILE,
    environ: Mapping[str, str] | None = None,
) -> LoadReport:
    """Load ``source`` into ``graph`` of ``target``, replacing what it held; the ontology beside it.

    Args: the RDF file (a triples format: Turtle, N-Triples, RDF/XML…), the target, the
    named graph, the ontology file (None: leave the ontology graph alone), the environment
    holding credentials. Raises StoreError when the file or the target cannot be used.
    """
    started = time.perf_counter()
    graph = Term.iri(graph).value
    if graph == ONTOLOGY_GRAPH and ontology is not None:
        raise StoreError(f"{ONTOLOGY_GRAPH} holds the ontology; load the graph into another named graph")
    files = [(source, graph)] + ([(ontology, ONTOLOGY_GRAPH)] if ontology is not None else [])
    counts = []
    if isinstance(target, Endpoint):
        with connect(target, environ) as client:
            for path, name in files:
                data, rdf_format = _read_rdf(path)
                counts.append(_count_file(path, data, rdf_format))  # checked before it is sent
                put_graph(client, target, name, data, rdf_format.media_type)
    else:
        for path, name in files:
            data, rdf_format = _read_rdf(path)
            counts.append(_load_embedded(target, name, path, data, rdf_format))
    return LoadReport(
        describe(target), graph, counts[0], sum(counts[1:]), round(time.perf_counter() - started, 3)
    )


def run_query(
    target: Target,
    text: str,
    *,
    graphs: Sequence[str] = DEFAULT_GRAPHS,
    environ: Mapping[str, str] | None = None,
) -> QueryResult:
    """Run a SELECT query with the merge of ``graphs`` as its default graph.

    Raises StoreError when the query does not parse, is not a SELECT, or the target fails.
    """
    names = [Term.iri(g).value for g in graphs]
    if isinstance(target, Endpoint):
        form = [("query", text)] + [("default-graph-uri", g) for g in names]
        with connect(target, environ) as client:
            return select(client, target, form)
    with _opened(target, create=False) as store:
        dataset: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.NamedNode(g) for g in names]
        return _select_embedded(store, text, dataset)


def count_triples(
    target: Target, *, graph: str | None = None, environ: Mapping[str, str] | None = None
) -> int:
    """Triples in one named graph, or in all named graphs together (duplicates across graphs counted)."""
    where = f"GRAPH {Term.iri(graph).sparql()}" if graph else "GRAPH ?g"
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} {{ ?s ?p ?o }} }}"
    if isinstance(target, Endpoint):
        with connect(target, environ) as client:
            result = select(client, target, [("query", text)])
    else:
        with _opened(target, create=False) as store:
            result = _select_embedded(store, text, None)
    return int(result.values()[0][0] or 0)


def snapshot(store: Path, into: Path) -> None:
    """A consistent copy of an embedded store (a checkpoint: hard links where it can).

    Raises StoreError when ``store`` is no store or another process holds it.
    """
    with _opened(store, create=False) as opened:
        try:
            opened.backup(str(into))
        except OSError as exc:
            raise StoreError(f"cannot copy the store {store} to {into}: {exc}") from exc


def is_store(folder: Path) -> bool:
    """Whether ``folder`` holds an Oxigraph (RocksDB) store."""
    return (folder / "CURRENT").is_file()


# ---------------------------------------------------------------- embedded store


@contextmanager
def _opened(folder: Path, *, create: bool) -> Iterator[ox.Store]:
    if not is_store(folder):
        if not create:
            raise StoreError(
                f"no store at {folder} (load a graph first: python -m pipeline load --store {folder})"
            )
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise StoreError(
                f"{folder} is not an Oxigraph store and not an empty folder: choose another --store"
            )
    try:
        store = ox.Store(str(folder))
    except OSError as exc:
        hint = ""
        if "lock" in str(exc).lower():
            hint = " (another process uses it: a `serve --writable` server? query it with --endpoint instead)"
        raise StoreError(f"cannot open the store {folder}: {exc}{hint}") from exc
    try:
        yield store
    finally:
        del store  # closes the database and frees its lock now, not at some later collection


def _load_embedded(folder: Path, graph: str, source: Path, data: bytes, rdf_format: ox.RdfFormat) -> int:
    # Parsed before anything is removed: a broken file never replaces a good graph. While
    # the store is open here no other process can open it (RocksDB locks the folder), so
    # nobody sees the graph between the removal and the load; only a crash in between
    # would leave it empty, and the next load mends that.
    triples = _count_file(source, data, rdf_format)
    name = ox.NamedNode(graph)
    with _opened(folder, create=True) as store:
        try:
            if store.contains_named_graph(name):
                store.remove_graph(name)
            store.load(data, format=rdf_format, to_graph=name)  # one transaction
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{source}: not valid {rdf_format.name}: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot write to the store {folder}: {exc}") from exc
    return triples


def _select_embedded(
    store: ox.Store, text: str, default_graph: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None
) -> QueryResult:
    try:
        if default_graph is None:
            solutions = store.query(text)
        else:
            solutions = store.query(text, default_graph=default_graph)
    except SyntaxError as exc:
        raise StoreError(f"the query does not parse: {exc}") from exc
    except OSError as exc:
        raise StoreError(f"the query failed: {exc}") from exc
    if not isinstance(solutions, ox.QuerySolutions):
        raise StoreError("only SELECT queries are supported")
    variables = tuple(v.value for v in solutions.variables)
    rows = tuple(tuple(_term(solution[v]) for v in variables) for solution in solutions)
    return QueryResult(variables, rows)


def _term(node: object) -> Term | None:
    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return Term(TermKind.IRI, node.value)
    if isinstance(node, ox.BlankNode):
        return Term(TermKind.BNODE, node.value)
    if isinstance(node, ox.Literal):
        return Term.literal(node.value, datatype=node.datatype.value, language=node.language)
    raise StoreError(f"unsupported term in the results: {node!r}")


def _read_rdf(path: Path) -> tuple[bytes, ox.RdfFormat]:
    rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    if rdf_format is None or rdf_format.supports_datasets:
        raise StoreError(f"{path}: not a file of triples by its extension (.ttl, .nt, .rdf, .jsonld…)")
    try:
        return path.read_bytes(), rdf_format
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc}") from exc


def _count_file(path: Path, data: bytes, rdf_format: ox.RdfFormat) -> int:
    # Distinct triples: a file may state one twice, a store keeps it once.
    try:
        return len({(q.subject, q.predicate, q.object) for q in ox.parse(data, format=rdf_format)})
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{path}: not valid {rdf_format.name}: {exc}") from exc
