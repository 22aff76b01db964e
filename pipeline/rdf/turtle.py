"""Deterministic Turtle: the same graph gives the same bytes, on every machine.

rdflib's serializer orders output well for IRI-only graphs but its layout is not a
promise across versions; this writer fixes it: prefixes sorted, subjects sorted by IRI,
``rdf:type`` first then predicates sorted, objects sorted, every literal escaped by the
Turtle grammar (ECHAR and UCHAR), so no input text can break the file. One rule for IRIs:
an IRI under a bound namespace is a prefixed name whenever its local part can be a Turtle
1.1 ``PN_LOCAL`` (escaping what the grammar lets a local name escape), else written in
full. ``a`` stands for ``rdf:type`` in predicate position only. It holds for any graph
rdflib can hold as Turtle, and refuses (``ValueError``) what Turtle cannot say: a
literal or blank node as predicate, a literal as subject, an IRI with characters an
``IRIREF`` cannot hold. Blank nodes keep the labels given (use canonical labels, see
``canonical_bnodes``).
"""

from __future__ import annotations

import heapq
import pickle
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from pipeline.rdf.rows import (
    NO_TAG,
    Group,
    Key,
    Row,
    Tag,
    block,
    by_subject,
    group,
    read_batches,
    write_batches,
)

# Character classes of the Turtle 1.1 grammar (section 6.5), for prefix and local names.
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS = _PN_CHARS_BASE + r"_\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PN_PREFIX = re.compile(f"(?:[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)?")
_LOCAL_CHAR = re.compile(f"[{_PN_CHARS}:]")
_LOCAL_FIRST = re.compile(f"[{_PN_CHARS_BASE}_:0-9]")  # PN_CHARS less '-', '·' and combining marks
# A local name written as it is: an allowed first character, then allowed ones, no final ".".
_PLAIN_LOCAL = re.compile(f"[{_PN_CHARS_BASE}_:0-9](?:[{_PN_CHARS}:.]*[{_PN_CHARS}:])?")
_LOCAL_ESCAPABLE = frozenset("_~.-!$&'()*+,;=/?#@%")  # PN_LOCAL_ESC: a backslash before these
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")  # kept as it is: a local name is not percent-decoded
_LANGUAGE = re.compile(r"[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")
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
# Literals Turtle writes bare: the token's text is the literal's lexical form.
_SHORTHAND = {
    str(XSD.integer): re.compile(r"[+-]?[0-9]+"),
    str(XSD.decimal): re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    str(XSD.double): re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"),
    str(XSD.boolean): re.compile(r"true|false"),
}
_IRI_CACHE_SIZE = 4096
_RDF_TYPE = str(RDF.type)  # read once: a namespace attribute is a lookup each time
# Triples held in memory at once: beyond, sorted runs go to disk and are merged, so that
# writing a graph of any size takes the same memory.
RUN_TRIPLES = 50_000


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


def local_name(local: str) -> str | None:
    """``local`` written as a Turtle 1.1 PN_LOCAL, or None when no local name can say it."""
    if _PLAIN_LOCAL.fullmatch(local):
        return local  # nothing to escape: the common case, checked in one pass
    if local.endswith("."):
        return None  # Turtle allows a final "\\.", but rdflib 7 reads it as the statement's end
    written = []
    for position, char in enumerate(local):
        allowed = _LOCAL_FIRST if position == 0 else _LOCAL_CHAR
        if allowed.fullmatch(char) or (char == "." and position > 0):
            written.append(char)
        elif char == "%" and _PERCENT.match(local, position):
            written.append(char)
        elif char in _LOCAL_ESCAPABLE:
            written.append("\\" + char)
        else:
            return None
    return "".join(written)


class TurtleWriter:
    """Writes triples as Turtle with a fixed layout."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        for prefix, namespace in prefixes.items():
            if not _PN_PREFIX.fullmatch(prefix) or _IRI_UNSAFE.search(namespace):
                raise ValueError(f"not a Turtle prefix binding: {prefix!r} for {namespace!r}")
        self.prefixes = dict(sorted(prefixes.items()))
        # Longest namespace first, so the most specific prefix wins.
        self._by_length = sorted(self.prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self._iris: dict[str, str] = {}  # classes and predicates repeat on every subject
        # The bindings that can hold an IRI, by the IRI's part up to its last "/" or "#",
        # when that part alone decides them (instance IRIs share a few such parts).
        self._namespaces: dict[str, list[tuple[str, str]]] = {}

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

    def predicate(self, node: Node) -> str:
        if not isinstance(node, URIRef):
            raise ValueError(f"a Turtle predicate is an IRI, not {node!r}")
        return "a" if str(node) == _RDF_TYPE else self._iri(str(node))

    def subject(self, node: Node) -> str:
        if isinstance(node, Literal):
            raise ValueError(f"a Turtle subject is not a literal: {node!r}")
        return self.term(node)

    def _iri(self, iri: str) -> str:
        written = self._iris.get(iri)
        if written is None:
            written = self._write_iri(iri)
            if len(self._iris) < _IRI_CACHE_SIZE:  # bounded: most subjects occur once
                self._iris[iri] = written
        return written

    def _write_iri(self, iri: str) -> str:
        if _IRI_UNSAFE.search(iri):
            raise ValueError(f"IRI with characters Turtle cannot hold: {iri!r}")
        for prefix, namespace in self._candidates(iri):
            local = local_name(iri[len(namespace) :])
            if local is not None:
                return f"{prefix}:{local}"
        return f"<{iri}>"

    def _candidates(self, iri: str) -> list[tuple[str, str]]:
        """The bindings whose namespace ``iri`` starts with, longest first."""
        head = iri[: max(iri.rfind("/"), iri.rfind("#")) + 1]
        known = self._namespaces.get(head)
        if known is not None:
            return known
        found = [(p, ns) for p, ns in self._by_length if iri.startswith(ns)]
        # Cached only when no namespace reaches past the head: then the head decides.
        if not any(len(ns) > len(head) and ns.startswith(head) for _, ns in self._by_length):
            if len(self._namespaces) < _IRI_CACHE_SIZE:
                self._namespaces[head] = found
        return found

    def _literal(self, literal: Literal) -> str:
        lexical = str(literal)
        text = f'"{escape_string(lexical)}"'
        if literal.language:
            if not _LANGUAGE.fullmatch(literal.language):
                raise ValueError(f"not a Turtle language tag: {literal.language!r}")
            return f"{text}@{literal.language}"
        datatype = literal.datatype
        if datatype is None or datatype == XSD.string:
            return text
        shorthand = _SHORTHAND.get(str(datatype))
        if shorthand is not None and shorthand.fullmatch(lexical):
            return lexical
        return f"{text}^^{self._iri(str(datatype))}"

    def blocks(
        self, triples: Iterable[tuple[Node, Node, Node]], *, spill_dir: Path | None = None
    ) -> Iterator[str]:
        """One Turtle statement block per subject, in sorted order, each triple once.

        Up to ``RUN_TRIPLES`` triples are sorted in memory; a larger graph is cut into
        sorted runs written to ``spill_dir`` (a temporary folder by default) and merged
        from disk: the same bytes either way, in memory that does not grow with the graph.
        """
        yield from self.merged_blocks(((NO_TAG, triple) for triple in triples), spill_dir=spill_dir)

    def merged_blocks(
        self,
        tagged: Iterable[tuple[Tag, tuple[Node, Node, Node]]],
        *,
        previous: Iterable[Group] = (),
        keep: frozenset[Tag] = frozenset(),
        record: Callable[[Group], None] | None = None,
        spill_dir: Path | None = None,
    ) -> Iterator[str]:
        """``blocks`` of the triples ``tagged`` gives (each with a tag saying where it comes
        from) and of the rows tagged with a tag in ``keep`` of the groups ``previous`` gives
        (in writing order: the groups this writer recorded before, see ``record``).

        A group whose tags are all kept, and whose subject no triple of ``tagged`` has, is
        written as it was, without reading its rows: a graph much like the last one costs
        a pass over its subjects, not over its triples. Each subject written with a tagged
        row goes to ``record`` as a group.
        """
        # Stages may yield a triple twice (one evidence node backs a holding and a meeting):
        # a graph holds it once, and so must the file, or raw triple counts disagree.
        with tempfile.TemporaryDirectory(dir=spill_dir, prefix="turtle-runs-") as folder:
            runs: list[Path] = []
            pending: set[tuple[Tag, tuple[Node, Node, Node]]] = set()
            for item in tagged:
                pending.add(item)
                if len(pending) >= RUN_TRIPLES:
                    runs.append(self._spill(pending, Path(folder) / f"{len(runs)}.run"))
                    pending = set()
            handles = [path.open("rb") for path in runs]
            try:
                sources = [self._written(_sorted(pending)), *(read_batches(handle) for handle in handles)]
                fresh: Iterable[Row] = heapq.merge(*sources, key=_row_key)
                for old, new in by_subject(previous, fresh):
                    if old is not None and not new and old[2] is not None and keep.issuperset(old[1]):
                        if record is not None:
                            record(old)
                        yield old[2]
                        continue
                    rows = new
                    if old is not None and not keep.isdisjoint(old[1]):
                        kept: list[Row] = [row for row in pickle.loads(old[3]) if row[4] in keep]
                        rows = list(heapq.merge(kept, new, key=_row_key)) if new else kept
                    if not rows:
                        continue  # every triple of the subject is gone
                    written = block(rows)
                    if record is not None and (kept_group := group(rows, written)) is not None:
                        record(kept_group)
                    yield written
            finally:
                for handle in handles:
                    handle.close()

    def write(
        self, triples: Iterable[tuple[Node, Node, Node]], *, spill_dir: Path | None = None
    ) -> Iterator[str]:
        yield self.header()
        yield from self.blocks(triples, spill_dir=spill_dir)

    def _written(self, ordered: Iterable[tuple[Key, Tag, tuple[Node, Node, Node]]]) -> Iterator[Row]:
        last_subject: tuple[int, str, str, str] | None = None
        written_subject = ""
        # Equal parts of keys as one object, so that a pickled run holds each once.
        predicates: dict[tuple[int, str, str, str], tuple[int, str, str, str]] = {}
        for (subject_key, predicate_key, value_key), tag, (subject, predicate, value) in ordered:
            if subject_key != last_subject:  # a subject's triples come together: written once
                last_subject, written_subject = subject_key, self.subject(subject)
            predicate_key = predicates.setdefault(predicate_key, predicate_key)
            key = (last_subject, predicate_key, value_key)
            yield key, written_subject, self.predicate(predicate), self.term(value), tag

    def _spill(self, pending: set[tuple[Tag, tuple[Node, Node, Node]]], path: Path) -> Path:
        # A run is read back only by this writer, in this process: pickled in batches, it
        # costs a fraction of JSON both ways.
        with path.open("wb") as out:
            write_batches(self._written(_sorted(pending)), out)
        return path


def serialize(graph: Graph, *, prefixes: Mapping[str, str] | None = None) -> str:
    """The graph as deterministic Turtle text (by default with the graph's own bindings)."""
    if prefixes is None:
        prefixes = {
            p: str(ns)
            for p, ns in graph.namespaces()
            if _PN_PREFIX.fullmatch(p) and not _IRI_UNSAFE.search(str(ns))
        }
    return "".join(TurtleWriter(prefixes).write(graph))


def canonical_bnodes(graph: Graph) -> Graph:
    """A copy whose blank nodes have content-derived labels (stable across runs)."""
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return to_canonical_graph(copy)


def _bnode_label(label: str) -> str:
    # Two initials keep the mapping one to one: labels rdflib makes are letters and digits.
    if label.isascii() and label.isalnum():
        return "b" + label
    return "x" + label.encode("utf-8").hex()


def _sort_key(node: Node) -> tuple[int, str, str, str]:
    if isinstance(node, URIRef):
        text = str(node)
        return (0 if text != _RDF_TYPE else -1, text, "", "")
    if isinstance(node, BNode):
        return (1, str(node), "", "")
    if isinstance(node, Literal):
        return (2, str(node), str(node.datatype or ""), node.language or "")
    return (3, str(node), "", "")


def _sorted(
    tagged: Iterable[tuple[Tag, tuple[Node, Node, Node]]],
) -> list[tuple[Key, Tag, tuple[Node, Node, Node]]]:
    """The triples in writing order, each with its key (computed once; triples never compared)."""
    keyed: list[tuple[Key, Tag, tuple[Node, Node, Node]]] = [
        ((_sort_key(t[0]), _sort_key(t[1]), _sort_key(t[2])), tag, t) for tag, t in tagged
    ]
    keyed.sort(key=_first)
    return keyed


def _first(item: tuple[Key, Tag, tuple[Node, Node, Node]]) -> Key:
    return item[0]


def _row_key(row: Row) -> Key:
    return row[0]
