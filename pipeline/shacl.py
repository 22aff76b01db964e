"""A SHACL validator compiled from the shapes, for the part of SHACL that shapes/ uses.

pySHACL walks rdflib's generic graph API for every focus node, value and constraint, and
runs SPARQL constraints on rdflib's query engine, whose join order makes the provenance
rule quadratic. The project's shapes use a dozen core constraint components on predicate
paths and one SPARQL SELECT constraint: here they compile to lookups in a per-subject
index, and SPARQL constraints run on Oxigraph. A shapes file using any other SHACL feature
is refused with an OntologyError, never half-checked. The results are pySHACL's, field for
field (tests/test_shacl.py runs both on every shape's violating fixture); pySHACL remains
the reference in the tests.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from pyoxigraph import BlankNode, NamedNode, RdfFormat, Store, Variable, parse
from pyoxigraph import Literal as OxLiteral
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection as RdfList
from rdflib.term import Node

from pipeline.errors import OntologyError
from pipeline.validate import SH, Violation

Term = NamedNode | BlankNode | OxLiteral
Values = Sequence[Term]
# A constraint: (focus node, its value nodes, the data) → the failing value nodes; None
# stands for a result about the focus node as a whole (sh:minCount, sh:hasValue).
Check = Callable[[Term, Values, "Data"], list[Term | None]]

_TYPE = NamedNode(str(RDF.type))
_SUBCLASS = NamedNode(str(RDFS.subClassOf))
_STRING = NamedNode(str(XSD.string))
_LANG_STRING = NamedNode(str(RDF.langString))
_THIS = Variable("this")

# Predicates a shape may carry besides its constraints (annotations, not checks).
_COMMON = {RDF.type, SH.deactivated, SH.severity, SH.name, SH.description, SH.order, SH.group}
_NODE_KEYS = _COMMON | {SH.targetClass, SH.targetNode, SH.property, SH.sparql}
_SPARQL_KEYS = {RDF.type, SH.select, SH.message, SH.prefixes, SH.deactivated}


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


# ---------------------------------------------------------------- compiled shapes


@dataclass(frozen=True)
class _Constraint:
    component: str
    check: Check


@dataclass(frozen=True)
class _PropertyShape:
    iri: str
    path: NamedNode
    message: str
    severity: str
    constraints: tuple[_Constraint, ...]


@dataclass(frozen=True)
class _SparqlConstraint:
    message: str
    query: str


@dataclass(frozen=True)
class _NodeShape:
    iri: str
    severity: str
    classes: tuple[NamedNode, ...]
    nodes: tuple[Term, ...]
    properties: tuple[_PropertyShape, ...]
    sparql: tuple[_SparqlConstraint, ...]


@dataclass(frozen=True)
class CompiledShapes:
    shapes: tuple[_NodeShape, ...]


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """The node shapes of a shapes graph, ready to validate; OntologyError for unsupported SHACL."""
    compiled = []
    for node in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        iri = _named(node, "a node shape")
        if shapes.value(node, SH.deactivated) == Literal(True):
            continue
        _only(shapes, node, _NODE_KEYS, iri)
        properties = tuple(
            _property_shape(shapes, p)
            for p in sorted(shapes.objects(node, SH.property), key=str)
            if shapes.value(p, SH.deactivated) != Literal(True)
        )
        sparql = tuple(
            _sparql_constraint(shapes, c)
            for c in sorted(shapes.objects(node, SH.sparql), key=str)
            if shapes.value(c, SH.deactivated) != Literal(True)
        )
        compiled.append(
            _NodeShape(
                iri=iri,
                severity=_severity(shapes, node),
                classes=tuple(
                    NamedNode(str(c)) for c in sorted(shapes.objects(node, SH.targetClass), key=str)
                ),
                nodes=tuple(_ox(n) for n in sorted(shapes.objects(node, SH.targetNode), key=str)),
                properties=properties,
                sparql=sparql,
            )
        )
    return CompiledShapes(tuple(compiled))


def _property_shape(shapes: Graph, node: Node) -> _PropertyShape:
    iri = _named(node, "a property shape")
    allowed = _COMMON | {SH.path, SH.message} | set(_BUILDERS) | {SH.flags}
    _only(shapes, node, allowed, iri)
    path = shapes.value(node, SH.path)
    if not isinstance(path, URIRef):
        raise _unsupported(iri, "a path that is not a single predicate")
    constraints = []
    for parameter, build in _BUILDERS.items():
        for value in sorted(shapes.objects(node, parameter), key=str):
            component, check = build(shapes, node, value)
            constraints.append(_Constraint(str(SH[component]), check))
    return _PropertyShape(
        iri=iri,
        path=NamedNode(str(path)),
        message=_message(shapes, node, iri),
        severity=_severity(shapes, node),
        constraints=tuple(constraints),
    )


def _sparql_constraint(shapes: Graph, node: Node) -> _SparqlConstraint:
    where = f"the SPARQL constraint {node}"
    _only(shapes, node, _SPARQL_KEYS, where)
    select = shapes.value(node, SH.select)
    if select is None:
        raise _unsupported(where, "a SPARQL constraint without sh:select")
    prefixes = "".join(
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
        for source in shapes.objects(node, SH.prefixes)
        for d in sorted(shapes.objects(source, SH.declare), key=lambda d: str(shapes.value(d, SH.prefix)))
    )
    return _SparqlConstraint(message=_message(shapes, node, where), query=prefixes + str(select))


def _named(node: Node, what: str) -> str:
    if not isinstance(node, URIRef):
        raise OntologyError(f"{what} is a blank node: name every shape with an IRI, so reports are stable")
    return str(node)


def _only(shapes: Graph, node: Node, allowed: set[URIRef], where: str) -> None:
    for predicate in sorted(set(shapes.predicates(node)), key=str):
        if str(predicate).startswith(str(SH)) and predicate not in allowed:
            raise _unsupported(where, "sh:" + str(predicate)[len(str(SH)) :])


def _unsupported(where: str, feature: str) -> OntologyError:
    return OntologyError(
        f"shape {where} uses {feature}, which the validator (pipeline/shacl.py) does not implement"
    )


def _message(shapes: Graph, node: Node, where: str) -> str:
    messages = list(shapes.objects(node, SH.message))
    if len(messages) != 1:
        raise OntologyError(f"shape {where} needs exactly one sh:message (it has {len(messages)})")
    return str(messages[0])


def _severity(shapes: Graph, node: Node) -> str:
    return str(shapes.value(node, SH.severity) or SH.Violation).rsplit("#", 1)[-1]


# ---------------------------------------------------------------- constraint components


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
    allowed = {_ox(member) for member in RdfList(shapes, value)}
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
    wanted = _ox(value)
    return "HasValueConstraintComponent", lambda f, values, d: [] if wanted in values else [None]


def _min_inclusive(shapes: Graph, node: Node, value: Node) -> tuple[str, Check]:
    least = _ox(value)

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


_BUILDERS: dict[URIRef, Callable[[Graph, Node, Node], tuple[str, Check]]] = {
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


# ---------------------------------------------------------------- validation


def validate_data(
    data: Data, shapes: CompiledShapes, *, focus: Collection[Term] | None = None
) -> list[Violation]:
    """Every result of the shapes on the data, sorted and without repeats.

    ``focus`` limits class-targeted shapes to those nodes (the nodes a part owns);
    shapes with explicit target nodes (graph-wide rules) always run.
    """
    found: set[Violation] = set()
    for shape in shapes.shapes:
        targets: dict[Term, None] = dict.fromkeys(shape.nodes)
        for cls in shape.classes:
            for node in data.instances(cls):
                if focus is None or node in focus:
                    targets[node] = None
        for node in targets:
            for prop in shape.properties:
                values = data.values(node, prop.path)
                for constraint in prop.constraints:
                    for value in constraint.check(node, values, data):
                        found.add(
                            _violation(
                                prop.iri,
                                node,
                                prop.path,
                                prop.message,
                                prop.severity,
                                value,
                                constraint.component,
                            )
                        )
            for rule in shape.sparql:
                found.update(_sparql_results(shape, rule, node, data))
    return sorted(found, key=lambda v: (v.shape, v.focus, v.path, v.message, v.value))


def _sparql_results(
    shape: _NodeShape, rule: _SparqlConstraint, node: Term, data: Data
) -> Iterable[Violation]:
    solutions = data.store().query(rule.query, substitutions={_THIS: node})
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    for solution in solutions:  # type: ignore[union-attr]
        bound = {name: solution[name] for name in names if solution[name] is not None}
        focus = bound.get("this", node)
        value = bound.get("value", node)  # a node shape's result is about the focus node itself
        named = {**bound, "this": focus, "value": value}
        message = _fill(rule.message, named)
        path = bound.get("path")
        yield _violation(
            shape.iri, focus, path, message, shape.severity, value, str(SH.SPARQLConstraintComponent)
        )


def _fill(message: str, terms: dict[str, Term]) -> str:
    """A SPARQL constraint's message template: {?name} and {$name} become the term's text."""

    def text(match: re.Match[str]) -> str:
        term = terms.get(match.group(1))
        return match.group(0) if term is None else str(rdflib_term(term))

    return re.sub(r"\{[?$](\w+)\}", text, message)


def _violation(
    shape: str,
    focus: Term,
    path: Term | None,
    message: str,
    severity: str,
    value: Term | None,
    component: str,
) -> Violation:
    focus_node = rdflib_term(focus)
    path_node = rdflib_term(path) if path is not None else None
    value_node = rdflib_term(value) if value is not None else None
    return Violation(
        shape=shape.rsplit("#", 1)[-1] if "#" in shape else shape,
        focus=str(focus_node),
        path="" if path_node is None else str(path_node),
        message=message,
        severity=severity,
        value="" if value_node is None else str(value_node),
        focus_term=_n3(focus_node),
        path_term=_n3(path_node),
        value_term=_n3(value_node),
        component=component,
    )


def _n3(node: Node | None) -> str:
    return "" if node is None or isinstance(node, BNode) else node.n3()


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


def _ox(node: Node) -> Term:
    if isinstance(node, URIRef):
        return NamedNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return OxLiteral(str(node), language=node.language)
        return OxLiteral(str(node), datatype=NamedNode(str(node.datatype or XSD.string)))
    raise OntologyError(f"a blank node {node} where the shapes need an IRI or a literal")
