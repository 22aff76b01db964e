"""SHACL results as typed records, the shapes, and pySHACL: the reference validator.

The pipeline validates with ``pipeline.validate.compiled`` (compiled from the shapes, in parts:
``pipeline.validate.parts``); ``validate`` runs pySHACL on a whole rdflib graph, and the
tests check that both give the same results. A small typed result; the CLI decides what a
non-conforming graph means.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as pyshacl_validate
from rdflib import RDF, BNode, Graph
from rdflib.term import Node

from pipeline.errors import OntologyError
from pipeline.vocab import SH


@dataclass(frozen=True)
class Violation:
    shape: str
    focus: str
    path: str
    message: str
    severity: str
    value: str
    # The same nodes written as N-Triples terms, to rebuild a report from violations alone.
    focus_term: str = ""
    path_term: str = ""
    value_term: str = ""
    component: str = ""


@dataclass(frozen=True)
class ValidationOutcome:
    conforms: bool
    violations: tuple[Violation, ...]
    report: Graph

    def counts_by_shape(self) -> dict[str, int]:
        return dict(sorted(Counter(v.shape for v in self.violations).items()))

    def summary(self, *, limit: int = 10) -> str:
        """What a person needs to act on: counts per shape, then the first results."""
        if self.conforms:
            return "the graph conforms to the shapes"
        lines = [f"the graph does not conform: {len(self.violations)} result(s)"]
        for shape, count in self.counts_by_shape().items():
            lines.append(f"  {count:>5}  {shape}")
        for violation in self.violations[:limit]:
            lines.append(f"  - {violation.severity} {violation.shape}: {violation.message}")
            lines.append(
                f"      focus node {violation.focus}" + (f", path {violation.path}" if violation.path else "")
            )
        if len(self.violations) > limit:
            lines.append(f"  ... and {len(self.violations) - limit} more in the validation report")
        return "\n".join(lines)


def load_shapes(shapes_dir: Path) -> Graph:
    """Every *.ttl file of the shapes folder, as one graph."""
    shapes = Graph()
    files = sorted(shapes_dir.glob("*.ttl"))
    if not files:
        raise OntologyError(f"no shapes (*.ttl) in {shapes_dir}")
    for path in files:
        try:
            shapes.parse(path, format="turtle")
        except (OSError, SyntaxError, ValueError) as exc:
            raise OntologyError(f"cannot read shapes file {path}: {exc}") from exc
    return shapes


def validate(data: Graph, shapes: Graph) -> ValidationOutcome:
    """SHACL validation with pySHACL (core and SPARQL constraints, no inference)."""
    conforms, report, _ = pyshacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True
    )
    assert isinstance(report, Graph)
    violations = sorted(
        _violations(report, shapes), key=lambda v: (v.shape, v.focus, v.path, v.message, v.value)
    )
    return ValidationOutcome(conforms=bool(conforms), violations=tuple(violations), report=report)


def _violations(report: Graph, shapes: Graph) -> list[Violation]:
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceShape)
        if isinstance(source, BNode):  # a blank-node property shape: name the shape that holds it
            source = shapes.value(predicate=SH.property, object=source) or source
        found.append(
            Violation(
                shape=_short(source),
                focus=_text(report.value(result, SH.focusNode)),
                path=_text(report.value(result, SH.resultPath)),
                message=_text(report.value(result, SH.resultMessage)),
                severity=_short(report.value(result, SH.resultSeverity)),
                value=_text(report.value(result, SH.value)),
                focus_term=_term(report.value(result, SH.focusNode)),
                path_term=_term(report.value(result, SH.resultPath)),
                value_term=_term(report.value(result, SH.value)),
                component=_text(report.value(result, SH.sourceConstraintComponent)),
            )
        )
    return found


def _term(node: Node | None) -> str:
    return "" if node is None or isinstance(node, BNode) else node.n3()


def _text(node: Node | None) -> str:
    return "" if node is None else str(node)


def _short(node: Node | None) -> str:
    text = _text(node)
    return text.rsplit("#", 1)[-1] if "#" in text else text
