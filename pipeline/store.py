"""The graph in a triplestore: load it and query it with SPARQL.

Two kinds of target behave alike:

- a folder: an embedded, persistent Oxigraph store (``pyoxigraph``), nothing to start;
- an ``Endpoint``: any SPARQL 1.1 server over HTTP. The graph goes in with the Graph
  Store Protocol (``PUT``: replace), queries go out with the SPARQL Protocol.

The graph goes into a named graph (``DEFAULT_GRAPH`` unless told otherwise) that a
reload replaces, never doubles, and ``ontology/diplomacy.ttl`` into ``ONTOLOGY_GRAPH``
(labels of classes, properties and holding statuses). A query's default graph is the
merge of those graphs, named by ``default-graph-uri`` on a server and the same way in
the embedded store, so both give the same answer.

Credentials for an endpoint come from the environment only: ``DIPKG_ENDPOINT_TOKEN``
(a Bearer token) or ``DIPKG_ENDPOINT_USER`` with ``DIPKG_ENDPOINT_PASSWORD`` (HTTP Basic).
"""

from __future__ import annotations

import base64
import ipaddress
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from pipeline.config import PROJECT_ROOT
from pipeline.errors import StoreError
from pipeline.results import QueryResult, from_json
from pipeline.sparql import Term, TermKind

DEFAULT_GRAPH = "https://w3id.org/dipkg/graph/diplomacy"
ONTOLOGY_GRAPH = "https://w3id.org/dipkg/graph/ontology"
ONTOLOGY_FILE = PROJECT_ROOT / "ontology" / "diplomacy.ttl"
DEFAULT_GRAPHS = (DEFAULT_GRAPH, ONTOLOGY_GRAPH)
ENV_TOKEN = "DIPKG_ENDPOINT_TOKEN"
ENV_USER = "DIPKG_ENDPOINT_USER"
ENV_PASSWORD = "DIPKG_ENDPOINT_PASSWORD"
HTTP_TIMEOUT = 600.0  # seconds; a large graph takes a while to PUT


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL server over HTTP.

    ``url`` without a path (``http://127.0.0.1:7878``) means an Oxigraph server, whose
    Graph Store is ``/store`` and query service ``/query``; any other URL is used as
    given: the Graph Store URL to load into, the query URL to query.
    """

    url: str

    def __post_init__(self) -> None:
        parts = urllib.parse.urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"not an http(s) URL: {self.url!r}")
        if parts.username or parts.password:
            raise StoreError(f"put credentials in ${ENV_USER} and ${ENV_PASSWORD}, not in the URL")

    @property
    def graph_store(self) -> str:
        return self._oxigraph_path("/store")

    @property
    def sparql(self) -> str:
        return self._oxigraph_path("/query")

    def _oxigraph_path(self, path: str) -> str:
        parts = urllib.parse.urlsplit(self.url)
        if parts.path in ("", "/") and not parts.query:
            return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        return self.url


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
    for path, name in files:
        data, rdf_format = _read_rdf(path)
        if isinstance(target, Endpoint):
            counts.append(_count_file(path, data, rdf_format))  # checked before it is sent
            _put_graph(target, name, data, rdf_format, _auth(environ))
        else:
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
        return _select_over_http(target, form, _auth(environ))
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
        result = _select_over_http(target, [("query", text)], _auth(environ))
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


# ---------------------------------------------------------------- HTTP


def _put_graph(
    endpoint: Endpoint, graph: str, data: bytes, rdf_format: ox.RdfFormat, auth: dict[str, str]
) -> None:
    separator = "&" if urllib.parse.urlsplit(endpoint.graph_store).query else "?"
    url = endpoint.graph_store + separator + urllib.parse.urlencode({"graph": graph})
    _http("PUT", url, data, {"Content-Type": rdf_format.media_type, **auth})


def _select_over_http(endpoint: Endpoint, form: list[tuple[str, str]], auth: dict[str, str]) -> QueryResult:
    body = urllib.parse.urlencode(form).encode("utf-8")
    headers = {
        "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        **auth,
    }
    payload = _http("POST", endpoint.sparql, body, headers)
    try:
        document = json.loads(payload)
    except ValueError as exc:
        raise StoreError(f"{endpoint.sparql} did not answer with SPARQL JSON results: {exc}") from exc
    if not isinstance(document, dict):
        raise StoreError(f"{endpoint.sparql} did not answer with SPARQL JSON results")
    return from_json(document)


def _http(method: str, url: str, data: bytes, headers: dict[str, str]) -> bytes:
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with _opener(url).open(request, timeout=HTTP_TIMEOUT) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as exc:
        detail = exc.read(2000).decode("utf-8", "replace").strip()
        raise StoreError(f"{method} {url}: HTTP {exc.code} {exc.reason}: {detail}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise StoreError(f"{method} {url}: cannot reach the endpoint: {reason}") from None


def _opener(url: str) -> urllib.request.OpenerDirector:
    # A proxy from the environment must never see requests to this machine.
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    return (
        urllib.request.build_opener(urllib.request.ProxyHandler({}))
        if local
        else urllib.request.build_opener()
    )


def _auth(environ: Mapping[str, str] | None) -> dict[str, str]:
    env = os.environ if environ is None else environ
    token, user, password = env.get(ENV_TOKEN), env.get(ENV_USER), env.get(ENV_PASSWORD)
    if token and (user or password):
        raise StoreError(f"set either ${ENV_TOKEN} or ${ENV_USER} and ${ENV_PASSWORD}, not both")
    if token:
        return {"Authorization": f"Bearer {token}"}
    if user or password:
        if not (user and password):
            raise StoreError(f"set both ${ENV_USER} and ${ENV_PASSWORD}")
        pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        return {"Authorization": f"Basic {pair}"}
    return {}
