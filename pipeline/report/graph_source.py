"""A graph for the report: one file read into an in-memory Oxigraph store, SELECT rows out.

Oxigraph (Rust) parses Turtle about fifty times faster than rdflib and answers the
report's queries in milliseconds, so reading even a graph of a million triples stays a
matter of seconds. Every query the report runs is prefixed with ``PREFIXES`` and sees
the union of the file's graphs (a TriG or N-Quads file renders too).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import pyoxigraph as ox

from pipeline.errors import InputError
from pipeline.vocab import QUERY_PREFIXES, sparql_prologue

if TYPE_CHECKING:
    from rdflib import Graph

PREFIXES = sparql_prologue(QUERY_PREFIXES)
Node: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row: TypeAlias = tuple[Node | None, ...]
# Extensions rdflib knows that Oxigraph does not; any other unknown one is read as Turtle.
_ALIASES = {"owl": ox.RdfFormat.RDF_XML, "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}


def rdf_format(path: Path) -> ox.RdfFormat:
    """The syntax of a graph file by its extension (Turtle when the extension says nothing)."""
    extension = path.suffix.lstrip(".").lower()
    return ox.RdfFormat.from_extension(extension) or _ALIASES.get(extension, ox.RdfFormat.TURTLE)


def read_graph(data: bytes, path: Path) -> ox.Store:
    """The graph in ``data`` (the bytes of ``path``, whose extension names the syntax).

    Raises ``InputError`` naming the file when the bytes are not a graph in that syntax.
    """
    store = ox.Store()
    try:
        store.load(data, format=rdf_format(path))
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"cannot read the graph {path}: {exc}") from exc
    return store


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
