"""Deterministic Turtle: the same graph gives the same bytes, on every machine.

rdflib's serializer orders output well for IRI-only graphs but its layout is not a
promise across versions; this writer fixes it: prefixes sorted, subjects sorted by IRI,
``rdf:type`` first then predicates sorted, objects sorted, every literal escaped by the
Turtle grammar (ECHAR and UCHAR), so no input text can break the file. Blank nodes are
written with the labels given (use canonical labels, see ``canonical_bnodes``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from itertools import groupby

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_INTEGER = re.compile(r"^[+-]?\d+$")
_IRI_CACHE_SIZE = 4096


# Characters a Turtle string cannot hold as they are: ECHARs, other controls, lone
# surrogates (no character at all: RDF cannot hold them) and the two non-characters.
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]')


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    if 0xD800 <= ord(char) <= 0xDFFF:
        return "\\uFFFD"
    return f"\\u{ord(char):04X}"


def escape_string(value: str) -> str:
    """A Turtle string literal body: quotes, backslashes and control characters escaped."""
    return _NEEDS_ESCAPE.sub(_escape_char, value)


class TurtleWriter:
    """Writes triples as Turtle with a fixed layout."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        # Longest namespace first, so the most specific prefix wins.
        self.prefixes = dict(sorted(prefixes.items()))
        self._by_length = sorted(self.prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self._iris: dict[str, str] = {}  # classes and predicates repeat on every subject

    def header(self) -> str:
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self.prefixes.items()) + "\n"

    def term(self, node: Node) -> str:
        if isinstance(node, URIRef):
            return self._iri(str(node))
        if isinstance(node, BNode):
            return f"_:{_bnode_label(str(node))}"
        if isinstance(node, Literal):
            return self._literal(node)
        raise TypeError(f"cannot write {node!r} as Turtle")

    def _iri(self, iri: str) -> str:
        written = self._iris.get(iri)
        if written is None:
            written = self._write_iri(iri)
            if len(self._iris) < _IRI_CACHE_SIZE:  # bounded: most subjects occur once
                self._iris[iri] = written
        return written

    def _write_iri(self, iri: str) -> str:
        if iri == str(RDF.type):
            return "a"
        if _IRI_UNSAFE.search(iri):
            raise ValueError(f"IRI with characters Turtle cannot hold: {iri!r}")
        for prefix, namespace in self._by_length:
            if iri.startswith(namespace):
                local = iri[len(namespace) :]
                if _LOCAL_NAME.match(local):
                    return f"{prefix}:{local}"
                break
        return f"<{iri}>"

    def _literal(self, literal: Literal) -> str:
        text = f'"{escape_string(str(literal))}"'
        if literal.language:
            return f"{text}@{literal.language}"
        datatype = literal.datatype
        if datatype is None or datatype == XSD.string:
            return text
        if datatype == XSD.integer and _INTEGER.match(str(literal)):
            return str(literal)
        return f"{text}^^{self._iri(str(datatype))}"

    def blocks(self, triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[str]:
        """One Turtle statement block per subject, in sorted order, each triple once."""
        # Stages may yield a triple twice (one evidence node backs a holding and a meeting):
        # a graph holds it once, and so must the file, or raw triple counts disagree.
        ordered = sorted(set(triples), key=_triple_key)
        for subject, group in groupby(ordered, key=lambda t: t[0]):
            lines = []
            for predicate, objects in groupby(group, key=lambda t: t[1]):
                values = " , ".join(self.term(t[2]) for t in objects)
                lines.append(f"{self.term(predicate)} {values}")
            yield f"{self.term(subject)} " + " ;\n    ".join(lines) + " .\n\n"

    def write(self, triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[str]:
        yield self.header()
        yield from self.blocks(triples)


def serialize(graph: Graph, *, prefixes: Mapping[str, str] | None = None) -> str:
    """The graph as deterministic Turtle text."""
    if prefixes is None:
        prefixes = {p: str(ns) for p, ns in graph.namespaces() if p}
    return "".join(TurtleWriter(prefixes).write(graph))


def canonical_bnodes(graph: Graph) -> Graph:
    """A copy whose blank nodes have content-derived labels (stable across runs)."""
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return to_canonical_graph(copy)


def _bnode_label(label: str) -> str:
    return "b" + re.sub(r"[^A-Za-z0-9]", "", label)


def _sort_key(node: Node) -> tuple[int, str, str, str]:
    if isinstance(node, URIRef):
        return (0 if str(node) != str(RDF.type) else -1, str(node), "", "")
    if isinstance(node, BNode):
        return (1, str(node), "", "")
    if isinstance(node, Literal):
        return (2, str(node), str(node.datatype or ""), node.language or "")
    return (3, str(node), "", "")


def _triple_key(triple: tuple[Node, Node, Node]) -> tuple[tuple[int, str, str, str], ...]:
    return (_sort_key(triple[0]), _sort_key(triple[1]), _sort_key(triple[2]))
