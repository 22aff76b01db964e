"""SPARQL text: the query library in ``queries/``, parameters bound as RDF terms.

A query file opens with a comment block. Its first line says what the query answers;
``# @param NAME TYPE description`` lines declare its parameters, TYPE one of ``iri``,
``string``, ``date``, ``integer``. A value given for a parameter becomes one RDF term
of that type (checked, and escaped by the SPARQL grammar) and reaches the query only
inside a ``VALUES`` block placed first in its WHERE clause: never as a piece of syntax.
Every parameter is optional: left out, its variable stays free and the query answers
for every value.

Files that declare no parameters (your own ``.rq`` files) accept any ``NAME=VALUE``
whose ``?NAME`` occurs in the query; the value is a plain string unless it starts
with ``iri:``, ``date:``, ``int:`` (or ``str:``, to keep a leading prefix literally).
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, XSD

from pipeline.config import PROJECT_ROOT
from pipeline.errors import StoreError
from pipeline.rdf.turtle import escape_string

QUERIES_DIR = PROJECT_ROOT / "queries"

XSD_STRING = str(XSD.string)
XSD_DATE = str(XSD.date)
XSD_INTEGER = str(XSD.integer)
RDF_LANG_STRING = str(RDF.langString)

# Characters an IRIREF may not hold (SPARQL 1.1 grammar, rule 139), plus a scheme.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*")
_LANGUAGE = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PARAM_LINE = re.compile(r"#\s*@param\s+(\S+)\s+(\S+)\s*(.*)")
# Tokens that can hide a brace or the WHERE keyword: comments, strings, IRIs.
_SKIPPED_OR_WANTED = re.compile(
    r"""(?P<comment>\#[^\n\r]*)
      | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                  |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<where>(?<![\w?$:])WHERE(?!\w))
      | (?P<brace>\{)""",
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)


class TermKind(enum.Enum):
    """Kinds of RDF term, named as in the SPARQL JSON results format."""

    IRI = "uri"
    LITERAL = "literal"
    BNODE = "bnode"


@dataclass(frozen=True)
class Term:
    """One RDF term of a query result or a parameter value.

    Literals always carry a datatype (``xsd:string`` when plain, ``rdf:langString``
    with a language), so terms from any store compare equal when they are equal.
    """

    kind: TermKind
    value: str
    datatype: str | None = None
    language: str | None = None

    @classmethod
    def iri(cls, value: str) -> Term:
        """An IRI term; raises StoreError unless ``value`` is an absolute IRI."""
        if not _IRI.fullmatch(value):
            raise StoreError(f"not an absolute IRI (or it holds characters no IRI may hold): {value!r}")
        return cls(TermKind.IRI, value)

    @classmethod
    def literal(cls, value: str, *, datatype: str | None = None, language: str | None = None) -> Term:
        """A literal term, its datatype normalised as RDF 1.1 defines it."""
        if language:
            return cls(TermKind.LITERAL, value, RDF_LANG_STRING, language.lower())
        return cls(TermKind.LITERAL, value, datatype or XSD_STRING)

    def sparql(self) -> str:
        """The term in SPARQL syntax, every character of the value escaped as the grammar needs."""
        if self.kind is TermKind.IRI:
            return "<" + Term.iri(self.value).value + ">"
        if self.kind is TermKind.BNODE:
            raise StoreError(f"a blank node cannot be bound as a parameter: _:{self.value}")
        quoted = '"' + escape_string(self.value) + '"'
        if self.language:
            if not _LANGUAGE.fullmatch(self.language):
                raise StoreError(f"not a language tag: {self.language!r}")
            return f"{quoted}@{self.language}"
        if self.datatype in (None, XSD_STRING):
            return quoted
        return f"{quoted}^^{Term.iri(self.datatype or XSD_STRING).sparql()}"


class ParamType(enum.Enum):
    """How a parameter's text becomes an RDF term."""

    IRI = "iri"
    STRING = "string"
    DATE = "date"
    INTEGER = "integer"

    def term(self, value: str) -> Term:
        """The RDF term for ``value``; raises StoreError when the value does not fit the type."""
        if self is ParamType.IRI:
            return Term.iri(value)
        if self is ParamType.DATE:
            try:
                day = datetime.date.fromisoformat(value)
            except ValueError:
                raise StoreError(f"not a date (YYYY-MM-DD): {value!r}") from None
            if day.isoformat() != value:
                raise StoreError(f"not a date (YYYY-MM-DD): {value!r}")
            return Term.literal(value, datatype=XSD_DATE)
        if self is ParamType.INTEGER:
            if not _INTEGER.fullmatch(value):
                raise StoreError(f"not an integer: {value!r}")
            return Term.literal(str(int(value)), datatype=XSD_INTEGER)
        return Term.literal(value)


# Prefixes that type a value for a query that declares no parameters.
_VALUE_PREFIXES = {"iri:": ParamType.IRI, "date:": ParamType.DATE, "int:": ParamType.INTEGER}


@dataclass(frozen=True)
class Param:
    """A parameter a query file declares (``# @param NAME TYPE description``)."""

    name: str  # the query's variable, bound with VALUES
    type: ParamType
    description: str


@dataclass(frozen=True)
class QueryFile:
    """A SPARQL query with what its header says: one line of what it answers, its parameters."""

    name: str
    path: Path
    text: str
    summary: str
    params: tuple[Param, ...]


def library(queries_dir: Path = QUERIES_DIR) -> tuple[QueryFile, ...]:
    """Every query of the library, by name."""
    return tuple(read_query(path) for path in sorted(queries_dir.glob("*.rq")))


def find_query(reference: str, queries_dir: Path = QUERIES_DIR) -> QueryFile:
    """A query by library name (``meetings``) or by path (``my/query.rq``).

    Raises StoreError naming the library's queries when there is no such query.
    """
    if reference.endswith(".rq") or "/" in reference or "\\" in reference:
        return read_query(Path(reference))
    path = queries_dir / f"{reference}.rq"
    if not _NAME.fullmatch(reference.replace("-", "_")) or not path.is_file():
        names = ", ".join(q.name for q in library(queries_dir))
        raise StoreError(f"no query named {reference!r} in {queries_dir} (there are: {names})")
    return read_query(path)


def read_query(path: Path) -> QueryFile:
    """A query file and its header; raises StoreError on an unreadable file or a bad declaration."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"cannot read the query {path}: {exc}") from exc
    return parse_query(text, path)


def parse_query(text: str, path: Path) -> QueryFile:
    """A query and its header, read from ``text`` (``path`` names it); raises StoreError on a bad declaration."""
    header = []
    for line in text.splitlines():
        if not line.strip().startswith("#"):
            break
        header.append(line.strip())
    summary = next((h.lstrip("#").strip() for h in header if h.lstrip("#").strip()), "")
    params = []
    for line in header:
        match = _PARAM_LINE.fullmatch(line)
        if not match:
            continue
        name, kind, description = match.groups()
        if not _NAME.fullmatch(name) or kind not in {t.value for t in ParamType}:
            raise StoreError(
                f"{path}: bad declaration {line!r} (want: # @param NAME iri|string|date|integer text)"
            )
        params.append(Param(name, ParamType(kind), description.strip()))
    return QueryFile(path.stem, path, text, summary, tuple(params))


def parse_assignment(argument: str) -> tuple[str, str]:
    """``NAME=VALUE`` → (NAME, VALUE); the value is everything after the first ``=``."""
    name, sep, value = argument.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _NAME.fullmatch(name):
        raise StoreError(f"a parameter is NAME=VALUE, got {argument!r}")
    return name, value


def bind(query: QueryFile, assignments: Sequence[tuple[str, str]]) -> str:
    """The query text with the given values bound (several values of one name: alternatives).

    Raises StoreError for a name the query does not have or a value its type rejects.
    """
    declared = {p.name: p.type for p in query.params}
    values: dict[str, list[Term]] = {}
    for name, value in assignments:
        if declared:
            if name not in declared:
                raise StoreError(
                    f"query {query.name!r} has no parameter {name!r} (it has: {', '.join(sorted(declared))})"
                )
            term = declared[name].term(value)
        else:
            if not re.search(rf"[?$]{name}(?!\w)", _strip_comments(query.text)):
                raise StoreError(f"query {query.name!r} has no variable ?{name}")
            term = _typed_by_prefix(value)
        if term not in values.setdefault(name, []):
            values[name].append(term)
    return insert_values(query.text, values)


def insert_values(text: str, values: Mapping[str, Sequence[Term]]) -> str:
    """``text`` with one ``VALUES ?name { terms }`` block per name, first in its WHERE clause."""
    if not values:
        return text
    at = where_clause_start(text)
    blocks = "".join(
        f"\n  VALUES ?{name} {{ {' '.join(term.sparql() for term in terms)} }}"
        for name, terms in sorted(values.items())
    )
    return text[: at + 1] + blocks + text[at + 1 :]


def where_clause_start(text: str) -> int:
    """Offset of the ``{`` opening the query's WHERE clause (comments, strings and IRIs skipped).

    Raises StoreError when the query has none.
    """
    seen_where = False
    first_brace = -1
    for token in _SKIPPED_OR_WANTED.finditer(text):
        if token.lastgroup == "where":
            seen_where = True
        elif token.lastgroup == "brace":
            if seen_where:
                return token.start()
            if first_brace < 0:
                first_brace = token.start()
    if first_brace < 0:
        raise StoreError("the query has no WHERE clause to bind parameters in")
    return first_brace  # SELECT and ASK may leave out the WHERE keyword


def _typed_by_prefix(value: str) -> Term:
    for prefix, kind in _VALUE_PREFIXES.items():
        if value.startswith(prefix):
            return kind.term(value.removeprefix(prefix))
    return Term.literal(value.removeprefix("str:"))


def _strip_comments(text: str) -> str:
    return _SKIPPED_OR_WANTED.sub(lambda m: " " if m.lastgroup == "comment" else m.group(0), text)
