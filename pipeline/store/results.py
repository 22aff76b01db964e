"""SELECT results as one typed table, whichever store answered, rendered for people or programs.

Formats: ``table`` (aligned columns for a terminal), ``csv`` (SPARQL 1.1 Query Results
CSV: values only) and ``json`` (SPARQL 1.1 Query Results JSON: terms with their types).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NotRequired, TypedDict

from pipeline.errors import StoreError
from pipeline.store.sparql import RDF_LANG_STRING, XSD_STRING, Term, TermKind

FORMATS = ("table", "csv", "json")

Row = tuple[Term | None, ...]  # None: the variable is unbound in this solution

# A term of the SPARQL 1.1 JSON results format ("xml:lang" is no Python name: hence this form).
JsonTerm = TypedDict(
    "JsonTerm", {"type": str, "value": str, "datatype": NotRequired[str], "xml:lang": NotRequired[str]}
)


class JsonHead(TypedDict):
    vars: list[str]


class JsonBindings(TypedDict):
    bindings: list[dict[str, JsonTerm]]


class JsonResults(TypedDict):
    """A SELECT result in the SPARQL 1.1 JSON results format."""

    head: JsonHead
    results: JsonBindings


@dataclass(frozen=True)
class QueryResult:
    """The variables of a SELECT query and its solutions, in the order the query gives."""

    variables: tuple[str, ...]
    rows: tuple[Row, ...]

    def values(self) -> list[tuple[str | None, ...]]:
        """The rows as lexical values (IRIs and literals alike), None where unbound."""
        return [tuple(None if t is None else t.value for t in row) for row in self.rows]


def from_json(document: Mapping[str, object]) -> QueryResult:
    """A result from the SPARQL 1.1 JSON results format (a JSON object as read, checked here);
    raises StoreError when it is not one."""
    if "boolean" in document:
        raise StoreError("an ASK query: only SELECT queries are supported")
    try:
        head, results = document["head"], document["results"]
        if not isinstance(head, Mapping) or not isinstance(results, Mapping):
            raise TypeError("'head' and 'results' are not JSON objects")
        variables = tuple(str(v) for v in head["vars"])
        rows = tuple(
            tuple(_term_from_json(binding[v]) if v in binding else None for v in variables)
            for binding in results["bindings"]
        )
    except KeyError as exc:
        raise StoreError(f"not SPARQL JSON results: missing {exc}") from exc
    except TypeError as exc:
        raise StoreError(f"not SPARQL JSON results: {exc}") from exc
    return QueryResult(variables, rows)


def to_json(result: QueryResult) -> JsonResults:
    """The result in the SPARQL 1.1 JSON results format."""
    bindings = []
    for row in result.rows:
        binding: dict[str, JsonTerm] = {}
        for name, term in zip(result.variables, row, strict=True):
            if term is not None:
                binding[name] = _term_to_json(term)
        bindings.append(binding)
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def render(result: QueryResult, format: str) -> str:
    """The result as text in one of FORMATS; raises StoreError for another format."""
    if format == "json":
        return json.dumps(to_json(result), indent=2, ensure_ascii=False) + "\n"
    if format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # CRLF, as the SPARQL CSV format says
        writer.writerow(result.variables)
        writer.writerows(["" if v is None else v for v in row] for row in result.values())
        return out.getvalue()
    if format == "table":
        return _table(result)
    raise StoreError(f"unknown format {format!r} (one of: {', '.join(FORMATS)})")


def _table(result: QueryResult) -> str:
    # One line per row, whatever the values hold: line breaks and tabs shown escaped.
    cells = [list(result.variables)] + [
        ["" if v is None else v.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") for v in row]
        for row in result.values()
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(result.variables))]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    count = len(result.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _term_from_json(value: Mapping[str, str]) -> Term:
    kind = value["type"]
    if kind == "uri":
        return Term(TermKind.IRI, value["value"])
    if kind == "bnode":
        return Term(TermKind.BNODE, value["value"])
    if kind in ("literal", "typed-literal"):  # "typed-literal": SPARQL 1.0 servers (Virtuoso)
        return Term.literal(value["value"], datatype=value.get("datatype"), language=value.get("xml:lang"))
    raise StoreError(f"unsupported term in the results: {dict(value)}")


def _term_to_json(term: Term) -> JsonTerm:
    out: JsonTerm = {"type": term.kind.value, "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.kind is TermKind.LITERAL and term.datatype not in (None, XSD_STRING, RDF_LANG_STRING):
        out["datatype"] = str(term.datatype)
    return out


def row_values(result: QueryResult, *names: str) -> list[tuple[str | None, ...]]:
    """Some columns of every row by name, as lexical values; raises StoreError for an unknown column."""
    missing = [n for n in names if n not in result.variables]
    if missing:
        raise StoreError(f"no column {', '.join(missing)} (the columns are: {', '.join(result.variables)})")
    at = [result.variables.index(n) for n in names]
    return [tuple(row[i] for i in at) for row in result.values()]
