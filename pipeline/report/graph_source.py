"""A graph for the report: one file read into an on-disk Oxigraph store, SELECT rows out.

Oxigraph (Rust) parses Turtle about fifty times faster than rdflib and answers the
report's queries in milliseconds, so reading even a graph of a million triples stays a
matter of seconds. The store lives in a temporary folder (RocksDB), removed once read:
the triples are streamed from the file into it in batches, so the memory the graph
takes is RocksDB's caches and one batch, not the graph (an in-memory store of the
830,000 triples of 10,000 articles took 300 MB). Every query the report runs is
prefixed with ``PREFIXES`` and sees the union of the file's graphs (a TriG or N-Quads
file renders too).
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias, TypeVar

import pyoxigraph as ox

from pipeline.errors import InputError
from pipeline.files import sha256_of
from pipeline.vocab import QUERY_PREFIXES, sparql_prologue

if TYPE_CHECKING:
    from rdflib import Graph

PREFIXES = sparql_prologue(QUERY_PREFIXES)
Node: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row: TypeAlias = tuple[Node | None, ...]
Read = TypeVar("Read")
# Quads per bulk write: each batch is sorted in memory and written as files of its own,
# so a larger one costs memory and a smaller one more files for every query to look into.
_BATCH = 50_000
# Extensions rdflib knows that Oxigraph does not; any other unknown one is read as Turtle.
_ALIASES = {"owl": ox.RdfFormat.RDF_XML, "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}


def rdf_format(path: Path) -> ox.RdfFormat:
    """The syntax of a graph file by its extension (Turtle when the extension says nothing)."""
    extension = path.suffix.lstrip(".").lower()
    return ox.RdfFormat.from_extension(extension) or _ALIASES.get(extension, ox.RdfFormat.TURTLE)


def read_graph(path: Path, read: Callable[[ox.Store], Read]) -> Read:
    """What ``read`` finds in the graph file ``path`` (whose extension names the syntax).

    The graph is loaded into a store in a temporary folder, closed and removed when
    ``read`` returns. Raises ``InputError`` naming the file when it cannot be read or is
    not a graph in that syntax, or when the store cannot be written.
    """
    with tempfile.TemporaryDirectory(prefix="diplomacy-kg-graph-") as folder:
        try:
            store = ox.Store(folder)
            quads = ox.parse(path=path, format=rdf_format(path))
            for first in quads:  # the store pulls the rest of the batch from the parser
                store.bulk_extend(itertools.chain((first,), itertools.islice(quads, _BATCH - 1)))
            store.optimize()  # one file per index instead of one per batch: faster queries
        except (SyntaxError, ValueError, OSError) as exc:
            raise InputError(f"cannot read the graph {path}: {exc}") from exc
        try:
            return read(store)
        finally:
            del store  # closes the database before its folder is removed


def graph_sha256(path: Path) -> str:
    """The sha256 (hex) of a graph file, read in blocks; ``InputError`` when it cannot be read."""
    try:
        return sha256_of(path)
    except OSError as exc:
        raise InputError(f"cannot read the graph {path}: {exc}") from exc


def as_store(graph: ox.Store | Graph) -> ox.Store:
    """An Oxigraph store as it is; an rdflib graph copied into one (tests build graphs in rdflib)."""
    if isinstance(graph, ox.Store):
        return graph
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def select(store: ox.Store, query: str) -> Iterator[Row]:
    """The rows of a SELECT query (with ``PREFIXES``), one tuple of terms per solution."""
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    width = len(solutions.variables)
    for solution in solutions:
        yield tuple(solution[i] for i in range(width))


def value(node: Node | None) -> str:
    """The IRI, lexical form or blank node label of a term ("" for an unbound variable)."""
    if node is None:
        return ""
    if isinstance(node, ox.Triple):
        return str(node)
    return node.value
