"""SHACL core constraint components, compiled to checks over an indexed graph.

Each builder reads one constraint parameter of a property shape (``sh:minCount 1``) and
returns the component's IRI name and a check: (focus node, its value nodes, the data) →
the value nodes that fail, with pySHACL's meaning of each component (comparisons,
well-formed literals, class membership through ``rdfs:subClassOf*`` in the data).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from pyoxigraph import BlankNode, NamedNode, RdfFormat, Store, parse
from pyoxigraph import Literal as OxLiteral
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection as RdfList
from rdflib.term import Node

from pipeline.errors import OntologyError
from pipeline.vocab import SH

Term = NamedNode | BlankNode | OxLiteral
Values = Sequence[Term]
# A constraint: (focus node, its value nodes, the data) → the failing value nodes; None
# stands for a result about the focus node as a whole (sh:minCount, sh:hasValue).
Check = Callable[[Term, Values, "Data"], list[Term | None]]

_TYPE = NamedNode(str(RDF.type))
_SUBCLASS = NamedNode(str(RDFS.subClassOf))
_STRING = NamedNode(str(XSD.string))
_LANG_STRING = NamedNode(str(RDF.langString))


class Data:
    """One graph, from N-Triples, indexed for validation: values by subject and predicate, types."""

    def __init__(self, ntriples: bytes) -> None:
        self._ntriples = ntriples
        self._values: dict[Term, dict[NamedNode, dict[Term, None]]] = {}
        for triple in parse(ntriples, format=RdfFormat.N_TRIPLES):
            objects = self._values.setdefault(triple.subject, {}).setdefault(triple.predicate, {})
            objects[triple.object] = None
        supers = {s: set(p[_SUBCLASS]) for s, p in self._values.items() if _SUBCLASS in p}
        self._supers = _closure(supers)  # rdfs:subClassOf*, read from the data as pySHACL does
        self._by_type: dict[Term, list[Term]] = defaultdict(list)
        for subject, by_predicate in self._values.items():
            for cls in by_predicate.get(_TYPE, ()):
                self._by_type[cls].append(subject)
        self._store: Store | None = None

    def values(self, node: Term, predicate: NamedNode) -> list[Term]:
        return list(self._values.get(node, {}).get(predicate, ()))

    def is_instance(self, node: Term, cls: Term) -> bool:
        for direct in self._values.get(node, {}).get(_TYPE, ()):
            if direct == cls or cls in self._supers.get(direct, ()):
                return True
        return False

    def instances(self, cls: Term) -> list[Term]:
        """Nodes typed with the class or one of its subclasses, each once, in data order."""
        classes = [cls, *(c for c, supers in self._supers.items() if cls in supers)]
        return list(dict.fromkeys(node for c in classes for node in self._by_type.get(c, ())))

    def store(self) -> Store:
        """The same triples in Oxigraph, for SPARQL constraints (loaded on first use)."""
        if self._store is None:
            self._store = Store()
            self._store.load(self._ntriples, format=RdfFormat.N_TRIPLES)
        return self._store


def _closure(edges: dict[Term, set[Term]]) -> dict[Term, set[Term]]:
    reached: dict[Term, set[Term]] = {}
    for start in edges:
        seen: set[Term] = set()
        todo = list(edges[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(edges.get(node, ()))
        if seen:
            reached[start] = seen
    return reached


def _count(value: Node) -> int:
    if not isinstance(value, Literal) or not isinstance(value.value, int):
        raise OntologyError(f"a count in the shapes must be an integer, not {value!r}")
    return value.value


def _min_count(shapes: Graph, node: Node, value: Node) -> tuple[str, Check]:
    least = _count(value)
    return "MinCountConstraintComponent", lambda f, values, d: [None] if len(values) < least else []


def _max_count(shapes: Graph, node: Node, value: Node) -> tuple[str, Check]:
    most = _count(value)
    return "MaxCountConstraintComponent", lambda f, values, d: [None] if len(values) > most else []


def _datatype(shapes: Graph, node: Node, value: Node) -> tuple[str, Check]:
    datatype = NamedNode(str(value))
    plain = datatype in (_STRING, _LANG_STRING)

    def well_typed(v: Term) -> bool:
        if not isinstance(v, OxLiteral) or v.datatype != datatype:
            return False
        return plain or _well_formed(v.value, datatype.value)

    return "DatatypeConstraintComponent", lambda f, values, d: [v for v in values if not well_typed(v)]


@lru_cache(maxsize=1 << 16)
def _well_formed(lexical: str, datatype: str) -> bool:
    """Whether rdflib (and so pySHACL) reads the lexical form as a value of the datatype."""
    return not Literal(lexical, datatype=URIRef(datatype)).ill_typed


def _min_length(shapes: Graph, node: Node, value: Node) -> tuple[str, Check]:
    least = _count(value)

    def short(v: Term) -> bool:
        return isinstance(v, BlankNode) or len(v.value) < least

    return "MinLengthConstraintComponent", lambda f, values, d: [v for v in values if short(v)]


_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def _pattern(shapes: Graph, node: Node, value: Node) -> tuple[str, Check]:
    flags = 0
    for letter in str(shapes.value(node, SH.flags) or ""):
        flags |= _FLAGS.get(letter, 0)
    pattern = re.compile(str(value), flags)

    def mismatch(v: Term) -> bool:
        return isinstance(v, BlankNode) or pattern.search(v.value) is None

    return "PatternConstraintComponent", lambda f, values, d: [v for v in values if mismatch(v)]


def _class(shapes: Graph, node: Node, value: Node) -> tuple[str, Check]:
    cls = NamedNode(str(value))

    def outside(v: Term, data: Data) -> bool:
        return isinstance(v, OxLiteral) or not data.is_instance(v, cls)

    return "ClassConstraintComponent", lambda f, values, d: [v for v in values if outside(v, d)]


_KINDS: dict[str, tuple[type, ...]] = {
    "IRI": (NamedNode,),
    "BlankNode": (BlankNode,),
    "Literal": (OxLiteral,),
    "BlankNodeOrIRI": (BlankNode, NamedNode),
    "BlankNodeOrLiteral": (BlankNode, OxLiteral),
    "IRIOrLiteral": (NamedNode, OxLiteral),
}


def _node_kind(shapes: Graph, node: Node, value: Node) -> tuple[str, Check]:
    kinds = _KINDS[str(value).rsplit("#", 1)[-1]]
    return "NodeKindConstraintComponent", lambda f, values, d: [v for v in values if not isinstance(v, kinds)]


def _in(shapes: Graph, node: Node, value: Node) -> tuple[str, Check]:
    allowed = {ox_term(member) for member in RdfList(shapes, value)}
    return "InConstraintComponent", lambda f, values, d: [v for v in values if v not in allowed]


def _language_in(shapes: Graph, node: Node, value: Node) -> tuple[str, Check]:
    ranges = [str(r).lower() for r in RdfList(shapes, value)]

    def matches(v: Term) -> bool:
        if not isinstance(v, OxLiteral) or not v.language:
            return False
        tag = v.language.lower()
        return any(r == "*" or tag == r or tag.startswith(r + "-") for r in ranges)

    return "LanguageInConstraintComponent", lambda f, values, d: [v for v in values if not matches(v)]


def _has_value(shapes: Graph, node: Node, value: Node) -> tuple[str, Check]:
    wanted = ox_term(value)
    return "HasValueConstraintComponent", lambda f, values, d: [] if wanted in values else [None]


def _min_inclusive(shapes: Graph, node: Node, value: Node) -> tuple[str, Check]:
    least = ox_term(value)

    def below(v: Term) -> bool:
        order = _compare(v, least)
        return order is None or order < 0

    return "MinInclusiveConstraintComponent", lambda f, values, d: [v for v in values if below(v)]


def _less_than(shapes: Graph, node: Node, value: Node) -> tuple[str, Check]:
    other = NamedNode(str(value))

    def failing(focus: Term, values: Values, data: Data) -> list[Term | None]:
        bounds = data.values(focus, other)
        return [v for v in values for b in bounds if (order := _compare(v, b)) is None or order >= 0]

    return "LessThanConstraintComponent", failing


COMPONENTS: dict[URIRef, Callable[[Graph, Node, Node], tuple[str, Check]]] = {
    SH.minCount: _min_count,
    SH.maxCount: _max_count,
    SH.datatype: _datatype,
    SH.minLength: _min_length,
    SH.pattern: _pattern,
    SH["class"]: _class,
    SH.nodeKind: _node_kind,
    SH["in"]: _in,
    SH.languageIn: _language_in,
    SH.hasValue: _has_value,
    SH.minInclusive: _min_inclusive,
    SH.lessThan: _less_than,
}

_Comparable = int | float | Decimal | str | date | datetime


def _compare(a: Term, b: Term) -> int | None:
    """SPARQL's order of two literals: -1, 0 or 1, or None when they cannot be compared."""
    if not isinstance(a, OxLiteral) or not isinstance(b, OxLiteral):
        return None
    x, y = _value(a.value, a.datatype.value), _value(b.value, b.datatype.value)
    if x is None or y is None or isinstance(x, str) != isinstance(y, str):
        return None
    try:
        return (x > y) - (x < y)  # type: ignore[operator]
    except TypeError:  # a date against a number, say
        return None


@lru_cache(maxsize=1 << 16)
def _value(lexical: str, datatype: str) -> _Comparable | None:
    """The literal's value as rdflib reads it, if it is of an ordered kind."""
    value = Literal(lexical, datatype=None if datatype == str(XSD.string) else URIRef(datatype)).value
    if isinstance(value, bool) or not isinstance(value, _Comparable):
        return None
    return value


def rdflib_term(node: object) -> Node:
    """An Oxigraph term as the rdflib term pySHACL would see (xsd:string literals are plain)."""
    if isinstance(node, NamedNode):
        return URIRef(node.value)
    if isinstance(node, BlankNode):
        return BNode(node.value)
    if isinstance(node, OxLiteral):
        if node.language:
            return Literal(node.value, lang=node.language)
        datatype = node.datatype.value
        return Literal(node.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))
    raise TypeError(f"unexpected RDF term {node!r}")


def ox_term(node: Node) -> Term:
    if isinstance(node, URIRef):
        return NamedNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return OxLiteral(str(node), language=node.language)
        return OxLiteral(str(node), datatype=NamedNode(str(node.datatype or XSD.string)))
    raise OntologyError(f"a blank node {node} where the shapes need an IRI or a literal")
