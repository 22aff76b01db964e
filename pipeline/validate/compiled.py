"""A SHACL validator compiled from the shapes, for the part of SHACL that shapes/ uses.

pySHACL walks rdflib's generic graph API for every focus node, value and constraint, and
runs SPARQL constraints on rdflib's query engine, whose join order makes the provenance
rule quadratic. The project's shapes use a dozen core constraint components on predicate
paths, ``sh:xone`` over untargeted node shapes, and one SPARQL SELECT constraint: here they
compile to lookups in a per-subject index (``pipeline.validate.components``), and SPARQL
constraints run on Oxigraph. Results of a blank-node property shape are named after the
node shape that holds it (so are pySHACL's, in ``pipeline.validate.pyshacl_reference``), which keeps reports
the same from run to run. A shapes file using any other SHACL feature
is refused with an OntologyError, never half-checked. The results are pySHACL's, field for
field (tests/test_shacl.py runs both on every shape's violating fixture); pySHACL remains
the reference in the tests.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from pyoxigraph import NamedNode, Variable
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection as RdfList
from rdflib.term import Node

from pipeline.errors import OntologyError
from pipeline.validate.components import COMPONENTS, Check, Data, Term, ox_term, rdflib_term
from pipeline.validate.pyshacl_reference import Violation
from pipeline.vocab import SH

_THIS = Variable("this")

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
# Predicates a shape may carry besides its constraints (annotations, not checks).
_COMMON = {RDF.type, SH.deactivated, SH.severity, SH.name, SH.description, SH.order, SH.group}
_NODE_KEYS = _COMMON | {SH.targetClass, SH.targetNode, SH.property, SH.sparql, SH.xone, SH.message}
_SPARQL_KEYS = {RDF.type, SH.select, SH.message, SH.prefixes, SH.deactivated}


# ---------------------------------------------------------------- compiled shapes


class _Constraint(NamedTuple):
    """One constraint component of a property shape, compiled to a check."""

    component: str
    check: Check


class _PropertyShape(NamedTuple):
    """A property shape: its path and the checks on the values there."""

    iri: str
    path: NamedNode
    message: str
    severity: str
    constraints: tuple[_Constraint, ...]


class _SparqlConstraint(NamedTuple):
    """An sh:sparql constraint: the SELECT that finds violations."""

    message: str
    query: str


class _NodeShape(NamedTuple):
    """A node shape: the classes it targets and its property shapes."""

    iri: str
    severity: str
    message: str  # of the shape's own results (sh:xone); "" for a shape only conformed to
    classes: tuple[NamedNode, ...]
    nodes: tuple[Term, ...]
    properties: tuple[_PropertyShape, ...]
    sparql: tuple[_SparqlConstraint, ...]
    xone: tuple[tuple[_NodeShape, ...], ...]  # each: shapes of which exactly one must fit


@dataclass(frozen=True)
class CompiledShapes:
    shapes: tuple[_NodeShape, ...]


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """The targeted node shapes of a shapes graph, ready to validate.

    OntologyError for SHACL this validator does not implement. Node shapes without targets
    are compiled where another shape refers to them (sh:xone).
    """
    compiled = []
    for node in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        _only(shapes, node, _NODE_KEYS, str(node))  # even unused: say what is not implemented
        targeted = any((node, target, None) in shapes for target in _TARGETS)
        if targeted and shapes.value(node, SH.deactivated) != Literal(True):
            compiled.append(_node_shape(shapes, node, nested=False))
    return CompiledShapes(tuple(compiled))


def _node_shape(shapes: Graph, node: Node, *, nested: bool) -> _NodeShape:
    """``nested``: a shape only conformed to (inside sh:xone), whose results are not reported."""
    iri = _named(node, "a node shape")
    _only(shapes, node, _NODE_KEYS, iri)
    active = [p for p in sorted(shapes.objects(node, SH.property), key=str) if not _off(shapes, p)]
    xone = tuple(
        tuple(_node_shape(shapes, member, nested=True) for member in RdfList(shapes, group))
        for group in sorted(shapes.objects(node, SH.xone), key=str)
    )
    return _NodeShape(
        iri=iri,
        severity=_severity(shapes, node),
        message=_message(shapes, node, iri) if xone and not nested else "",
        classes=tuple(NamedNode(str(c)) for c in sorted(shapes.objects(node, SH.targetClass), key=str)),
        nodes=tuple(ox_term(n) for n in sorted(shapes.objects(node, SH.targetNode), key=str)),
        properties=tuple(_property_shape(shapes, p, owner=iri, nested=nested) for p in active),
        sparql=tuple(
            _sparql_constraint(shapes, c)
            for c in sorted(shapes.objects(node, SH.sparql), key=str)
            if not _off(shapes, c)
        ),
        xone=xone,
    )


def _off(shapes: Graph, node: Node) -> bool:
    return shapes.value(node, SH.deactivated) == Literal(True)


def _property_shape(shapes: Graph, node: Node, *, owner: str, nested: bool) -> _PropertyShape:
    """A property shape; a blank-node one reports under the node shape that holds it."""
    iri = str(node) if isinstance(node, URIRef) else owner
    allowed = _COMMON | {SH.path, SH.message} | set(COMPONENTS) | {SH.flags}
    _only(shapes, node, allowed, iri)
    path = shapes.value(node, SH.path)
    if not isinstance(path, URIRef):
        raise _unsupported(iri, "a path that is not a single predicate")
    constraints = []
    for parameter, build in COMPONENTS.items():
        for value in sorted(shapes.objects(node, parameter), key=str):
            component, check = build(shapes, node, value)
            constraints.append(_Constraint(str(SH[component]), check))
    return _PropertyShape(
        iri=iri,
        path=NamedNode(str(path)),
        message="" if nested else _message(shapes, node, iri),
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
        raise OntologyError(
            f"{what} is a blank node: name every node shape with an IRI, so reports are stable"
        )
    return str(node)


def _only(shapes: Graph, node: Node, allowed: set[URIRef], where: str) -> None:
    for predicate in sorted(set(shapes.predicates(node)), key=str):
        if str(predicate).startswith(str(SH)) and predicate not in allowed:
            raise _unsupported(where, "sh:" + str(predicate)[len(str(SH)) :])


def _unsupported(where: str, feature: str) -> OntologyError:
    return OntologyError(
        f"shape {where} uses {feature}, which the validator (pipeline/validate/compiled.py) does not implement"
    )


def _message(shapes: Graph, node: Node, where: str) -> str:
    messages = list(shapes.objects(node, SH.message))
    if len(messages) != 1:
        raise OntologyError(f"shape {where} needs exactly one sh:message (it has {len(messages)})")
    return str(messages[0])


def _severity(shapes: Graph, node: Node) -> str:
    return str(shapes.value(node, SH.severity) or SH.Violation).rsplit("#", 1)[-1]


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
            found.update(_results(shape, node, data))
    return sorted(found, key=lambda v: (v.shape, v.focus, v.path, v.message, v.value))


def _results(shape: _NodeShape, node: Term, data: Data) -> Iterator[Violation]:
    """The results of one shape about one focus node (none: the node conforms)."""
    for prop in shape.properties:
        values = data.values(node, prop.path)
        for constraint in prop.constraints:
            for value in constraint.check(node, values, data):
                yield _violation(
                    prop.iri, node, prop.path, prop.message, prop.severity, value, constraint.component
                )
    for rule in shape.sparql:
        yield from _sparql_results(shape, rule, node, data)
    for group in shape.xone:
        if sum(not any(_results(member, node, data)) for member in group) != 1:
            yield _violation(
                shape.iri, node, None, shape.message, shape.severity, node, str(SH.XoneConstraintComponent)
            )


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
