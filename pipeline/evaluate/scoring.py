"""Score an exported graph against gold annotations (the format of ../shared/gold/).

Reads the graph through SPARQL only, so it scores any graph that follows the contract,
whoever made it. Matching follows the gold README: names compared as normalised token
sets (order free, titles stripped); holdings by (person, country, role or label) with
status; meetings by participant set, day (when the gold has one) and mode; topics by
label per matched meeting; cross-document merges and must-not-merge pairs.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph

from pipeline.errors import EvaluationError
from pipeline.vocab import QUERY_PREFIXES, sparql_prologue

_TITLE_WORDS = frozenset(
    "pm president prime minister dr mr mrs ms eam ambassador secretary amb designate elect "
    "chancellor foreign defence defense state of the sir premier king queen".split()
)
# Role classes the gold format may use for the roles this project calls otherwise.
_ROLE_SYNONYMS = {
    "vice_foreign_minister": "deputy_foreign_minister",
    "defense_minister": "defence_minister",
    "government_spokesperson": "spokesperson",
}

_PREFIXES = sparql_prologue(QUERY_PREFIXES)


def normalise(text: str) -> str:
    """NFKC, no diacritics or punctuation, lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text.lower().replace("’", "'").replace("'s ", " "))
    return " ".join(text.split())


def name_key(name: str) -> frozenset[str]:
    """A name as a set of tokens, titles stripped: "PM Ishiba" → {"ishiba"}."""
    return frozenset(t for t in normalise(name).split() if t not in _TITLE_WORDS and len(t) > 1)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "misses": self.misses,
            "extras": self.extras,
        }


@dataclass
class Evaluation:
    scores: dict[str, Score]
    location: tuple[int, int]  # correct, scored
    merges: tuple[int, int]  # merged as gold says, cross-document events
    wrong_merges: tuple[int, int]  # merged although they must not be, pairs
    negative_hits: list[str]
    missing_documents: tuple[str, ...] = ()  # gold documents with no article in the graph
    documents: int = 0  # gold documents in all

    def as_dict(self) -> dict[str, Any]:
        return {
            **{name: score.as_dict() for name, score in self.scores.items()},
            "location": {"correct": self.location[0], "scored": self.location[1]},
            "cross_document": {"merged": self.merges[0], "events": self.merges[1]},
            "must_not_merge": {
                "wrongly_merged": self.wrong_merges[0],
                "pairs": self.wrong_merges[1],
            },
            "negative_facts_hit": self.negative_hits,
            "missing_documents": list(self.missing_documents),
        }

    def table(self) -> str:
        lines = [f"{'metric':<22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}"]
        for name, s in self.scores.items():
            lines.append(
                f"{name:<22}{s.precision:>7.2f}{s.recall:>7.2f}{s.f1:>7.2f}{s.tp:>6}{s.fp:>5}{s.fn:>5}"
            )
        lines.append(f"{'location accuracy':<22}{self.location[0]}/{self.location[1]}")
        lines.append(f"{'cross-document merges':<22}{self.merges[0]}/{self.merges[1]}")
        lines.append(f"{'must-not-merge errors':<22}{self.wrong_merges[0]}/{self.wrong_merges[1]}")
        if self.negative_hits:
            lines.append("negative facts produced: " + "; ".join(self.negative_hits))
        return "\n".join(lines)

    def warnings(self) -> list[str]:
        """What makes the scores mean less than they seem: gold documents absent from the graph."""
        if not self.missing_documents:
            return []
        shown = ", ".join(self.missing_documents[:3]) + (", …" if len(self.missing_documents) > 3 else "")
        return [
            f"warning: {len(self.missing_documents)} of {self.documents} gold documents are not in the graph "
            f"({shown}): is this the gold of another corpus?"
        ]

    def details(self) -> list[str]:
        """Every miss and extra, grouped by document: the worklist."""
        by_document: dict[str, list[str]] = {}
        for name, score in self.scores.items():
            for kind, entries in (("miss ", score.misses), ("extra", score.extras)):
                for entry in entries:
                    document, _, what = entry.partition(": ")
                    by_document.setdefault(document, []).append(f"  {kind} {name}: {what}")
        lines = []
        for document in sorted(by_document):
            lines.append(document)
            lines.extend(by_document[document])
        return lines


@dataclass(frozen=True)
class _Predicted:
    files: tuple[str, ...]
    persons: dict[str, set[frozenset[str]]]  # person IRI → name keys (label and altLabels)
    labels: dict[str, str]
    doc_persons: dict[str, set[str]]  # file → person IRIs
    holdings: dict[str, set[tuple[str, str, str, str, str]]]  # file → (person, country, role, status, label)
    meetings: dict[str, dict[str, tuple[frozenset[str], str | None, str | None, str | None, frozenset[str]]]]


def evaluate(graph: Graph, gold: dict[str, Any]) -> Evaluation:
    """Score ``graph`` against one gold file's annotations."""
    predicted = _read_graph(graph)
    registry = {normalise(p["name"]): p for p in gold.get("person_registry", [])}
    scores = {name: Score() for name in _METRICS}
    location = [0, 0]
    negative_hits: list[str] = []
    matches: dict[tuple[str, str], set[str]] = {}  # (doc, gold meeting id) → predicted meeting IRIs
    concept_of = _gold_concepts(gold)
    predicted = _with_gold_topics(predicted, concept_of)
    for doc, annotation in sorted(gold["documents"].items()):
        _score_document(doc, annotation, predicted, registry, scores, location, negative_hits, matches)
    # Cross-article merges count only events that two or more documents report as held.
    events = [
        held
        for event in gold.get("cross_document_events", [])
        if len(held := [m for m in event["mentions"] if m.get("required", True)]) >= 2
    ]
    merged = sum(
        1
        for held in events
        if set.intersection(*[matches.get((m["doc"], m["meeting"]), set()) for m in held])
    )
    wrongly_merged = [
        pair
        for pair in gold.get("must_not_merge", [])
        if matches.get((pair["a"]["doc"], pair["a"]["meeting"]), set())
        & matches.get((pair["b"]["doc"], pair["b"]["meeting"]), set())
    ]
    wrong = len(wrongly_merged)
    for pair in wrongly_merged:
        a, b = pair["a"], pair["b"]
        scores["meetings"].extras.append(
            f"{a['doc']}: {a['meeting']} merged with {b['doc']} {b['meeting']}, which must stay apart"
        )
    return Evaluation(
        scores,
        (location[0], location[1]),
        (merged, len(events)),
        (wrong, len(gold.get("must_not_merge", []))),
        negative_hits,
        tuple(doc for doc in sorted(gold["documents"]) if _find_file(doc, predicted) is None),
        len(gold["documents"]),
    )


def read_gold(path: Path) -> dict[str, Any]:
    """A gold file, or EvaluationError naming the file and what is wrong with it."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"{path}: not a readable JSON gold file ({exc})") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("documents"), dict):
        raise EvaluationError(f'{path}: not a gold file (no "documents" object)')
    return gold


def _gold_concepts(gold: dict[str, Any]) -> dict[str, set[str]]:
    """Normalised label → the gold concepts (prefLabels) it names: the gold's topic scheme
    (``topics``, ``topics_additional``), by prefLabel or altLabel (rule 5)."""
    concepts: dict[str, set[str]] = {}
    for key in ("topics", "topics_additional"):
        for concept in gold.get(key, []):
            if isinstance(concept, dict) and "prefLabel" in concept:
                for label in [concept["prefLabel"], *concept.get("altLabels", [])]:
                    concepts.setdefault(normalise(label), set()).add(normalise(concept["prefLabel"]))
    return concepts


def _with_gold_topics(predicted: _Predicted, concept_of: dict[str, set[str]]) -> _Predicted:
    """Predicted topic labels as the gold concepts they name (a label the gold's scheme
    does not know stays as it is)."""
    meetings = {
        file: {
            iri: (*fields[:4], frozenset().union(*(concept_of.get(t, {t}) for t in fields[4])))
            for iri, fields in by_iri.items()
        }
        for file, by_iri in predicted.meetings.items()
    }
    return dataclasses.replace(predicted, meetings=meetings)


def evaluate_files(gold_path: Path, graph_path: Path) -> Evaluation:
    gold = read_gold(gold_path)
    try:
        graph = Graph().parse(graph_path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:  # rdflib raises BadSyntax(SyntaxError)
        raise EvaluationError(f"{graph_path}: not a readable Turtle graph ({exc})") from exc
    return evaluate(graph, gold)


def _find_file(doc: str, predicted: _Predicted) -> str | None:
    for file in predicted.files:
        if file == doc or file.endswith("/" + doc):
            return file
    return None


def _rows(graph: Graph, query: str) -> Iterable[Any]:
    return graph.query(_PREFIXES + query)


def _read_graph(graph: Graph) -> _Predicted:
    persons: dict[str, set[frozenset[str]]] = {}
    labels: dict[str, str] = {}
    for person, label in _rows(graph, "SELECT ?p ?l WHERE { ?p a dip:Person ; rdfs:label ?l }"):
        persons.setdefault(str(person), set()).add(name_key(str(label)))
        labels[str(person)] = str(label)
    for person, alias in _rows(graph, "SELECT ?p ?l WHERE { ?p a dip:Person ; skos:altLabel ?l }"):
        persons.setdefault(str(person), set()).add(name_key(str(alias)))
    files = tuple(
        sorted(
            str(f) for (f,) in _rows(graph, "SELECT ?f WHERE { ?a a dip:NewsArticle ; dip:sourceFile ?f }")
        )
    )
    doc_persons: dict[str, set[str]] = {}
    for person, file in _rows(
        graph, "SELECT ?p ?f WHERE { ?p a dip:Person ; dip:mentionedIn/dip:sourceFile ?f }"
    ):
        doc_persons.setdefault(str(file), set()).add(str(person))
    holdings: dict[str, set[tuple[str, str, str, str, str]]] = {}
    # A holding's role and the role class it belongs to (skos:broader) both count.
    # A post of an international organization stands as "org:<its label>" where a country
    # code would ("org:United Nations").
    query = """SELECT ?f ?p ?cc ?status ?label (GROUP_CONCAT(DISTINCT ?role; separator=" ") AS ?roles) WHERE {
        ?h dip:holder ?p ; dip:office ?o ; dip:status ?status ; dip:supportedBy/dip:inArticle/dip:sourceFile ?f .
        ?o rdfs:label ?label .
        { ?o dip:country/dip:isoCode ?cc } UNION { ?o dip:organization/rdfs:label ?name BIND(CONCAT("org:", ?name) AS ?cc) }
        OPTIONAL { ?o dip:role/skos:broader?/skos:notation ?role } }
        GROUP BY ?f ?p ?cc ?status ?label"""
    for file, person, country, status, label, roles in _rows(graph, query):
        holdings.setdefault(str(file), set()).add(
            (
                str(person),
                str(country),
                str(roles or ""),
                str(status).rsplit("#", 1)[-1].lower(),
                str(label),
            )
        )
    people: dict[str, set[str]] = {}
    for meeting, person in _rows(graph, "SELECT ?m ?p WHERE { ?m a dip:Meeting ; dip:participant ?p }"):
        people.setdefault(str(meeting), set()).add(str(person))
    attributes: dict[str, tuple[str | None, str | None, str | None]] = {}
    query = """SELECT ?m ?d ?loc ?mode WHERE { ?m a dip:Meeting .
        OPTIONAL { ?m dip:date ?d } OPTIONAL { ?m dip:location ?loc } OPTIONAL { ?m dip:mode ?mode } }"""
    for meeting, day, place, mode in _rows(graph, query):
        attributes[str(meeting)] = tuple(str(x) if x is not None else None for x in (day, place, mode))  # type: ignore[assignment]
    topic_labels: dict[str, set[str]] = {}
    for meeting, label in _rows(
        graph, "SELECT ?m ?t WHERE { ?m a dip:Meeting ; dip:topic/skos:prefLabel ?t }"
    ):
        topic_labels.setdefault(str(meeting), set()).add(normalise(str(label)))
    meetings: dict[
        str, dict[str, tuple[frozenset[str], str | None, str | None, str | None, frozenset[str]]]
    ] = {}
    for meeting, file in _rows(
        graph, "SELECT ?m ?f WHERE { ?m a dip:Meeting ; dip:reportedIn/dip:sourceFile ?f }"
    ):
        day, place, mode = attributes.get(str(meeting), (None, None, None))
        meetings.setdefault(str(file), {})[str(meeting)] = (
            frozenset(people.get(str(meeting), set())),
            day,
            place,
            mode,
            frozenset(topic_labels.get(str(meeting), set())),
        )
    return _Predicted(files, persons, labels, doc_persons, holdings, meetings)


def _gold_forms(person: dict[str, Any], registry: dict[str, dict[str, Any]]) -> set[frozenset[str]]:
    forms = [
        person["name"],
        *person.get("surface_forms", []),
        *person.get("surface_forms_optional", []),
    ]
    forms += registry.get(normalise(person["name"]), {}).get("aliases", [])
    return {k for k in (name_key(f) for f in forms) if k}


def _person_matcher(
    annotation: dict[str, Any], registry: dict[str, dict[str, Any]], predicted: _Predicted
) -> Any:
    """A function: predicted person IRI → gold canonical name of this document (or None)."""
    gold_people = annotation.get("persons", [])
    forms = {p["name"]: _gold_forms(p, registry) for p in gold_people}
    for entry in registry.values():
        forms.setdefault(entry["name"], _gold_forms({"name": entry["name"]}, registry))
    family: dict[str, set[str]] = {}
    for name, keys in forms.items():
        for key in keys:
            if len(key) == 1:
                family.setdefault(next(iter(key)), set()).add(name)

    def resolve(iri: str) -> str | None:
        keys = predicted.persons.get(iri, set())
        full = {
            name
            for name, gold_keys in forms.items()
            if keys & gold_keys and any(len(k) >= 2 for k in keys & gold_keys)
        }
        if len(full) == 1:
            return str(next(iter(full)))
        label_key = name_key(predicted.labels.get(iri, ""))
        exact = {name for name, gold_keys in forms.items() if label_key in gold_keys}
        if len(exact) == 1:
            return str(next(iter(exact)))
        if len(label_key) == 1:
            owners = family.get(next(iter(label_key)), set())
            if len(owners) == 1:
                return str(next(iter(owners)))
        return None

    return resolve


def _score_persons(
    doc: str,
    annotation: dict[str, Any],
    persons: set[str],
    resolve: Any,
    predicted: _Predicted,
    score: Score,
) -> None:
    gold = {p["name"]: p.get("required", True) for p in annotation.get("persons", [])}
    found = {resolve(p): p for p in persons}
    for name, required in gold.items():
        if name in found:
            score.tp += 1 if required else 0
        elif required:
            score.fn += 1
            score.misses.append(f"{doc}: {name}")
    for name, iri in found.items():
        if name is None or name not in gold:
            score.fp += 1
            score.extras.append(f"{doc}: {predicted.labels.get(iri, iri)}")


# Names the gold format gives international organizations, as the project's labels have them.
_ORGANIZATION_NAMES = {
    "un": "united nations",
    "imf": "international monetary fund",
    "eu": "european union",
    "au": "african union",  # the gold format's short names
    "who": "world health organization",
    "wto": "world trade organization",
    "nato": "north atlantic treaty organization",
}


def _same_state_or_body(gold: dict[str, Any], country: str) -> bool:
    """The holding's country code, or its organization ("org:United Nations"), is the gold's."""
    if not country.startswith("org:"):
        return bool(gold.get("country") == country)
    wanted = normalise(str(gold.get("organization") or ""))
    return bool(wanted) and _ORGANIZATION_NAMES.get(wanted, wanted) == normalise(country[4:])


def _role(role: str) -> str:
    return _ROLE_SYNONYMS.get(role, role)


def _role_matches(gold_role: str, roles: str) -> bool:
    """Does the gold role class name one of a holding's roles (space-separated notations)?"""
    return _role(gold_role) in {_role(r) for r in roles.split()}


def _label_matches(label: str, gold: dict[str, Any]) -> bool:
    accepted = {normalise(x) for x in [gold.get("office", ""), *gold.get("accept_office_labels", [])] if x}
    core = normalise(re.split(r"\bof\b|\bto\b", label)[0])
    return normalise(label) in accepted or core in accepted


def _score_holdings(
    doc: str,
    annotation: dict[str, Any],
    holdings: set[tuple[str, str, str, str, str]],
    resolve: Any,
    scores: dict[str, Score],
    negative_hits: list[str],
) -> None:
    gold = annotation.get("office_holdings", [])

    def matching(person: str | None, country: str, role: str, label: str) -> list[dict[str, Any]]:
        return [
            g
            for g in gold
            if g["person"] == person
            and _same_state_or_body(g, country)
            and (_role_matches(g.get("role", ""), role) or _label_matches(label, g))
        ]

    for status_filter, score in (
        ("current", scores["current holdings"]),
        (None, scores["holdings (all)"]),
    ):
        hit: set[int] = set()
        for person_iri, country, role, status, label in sorted(holdings):
            if status_filter and status != status_filter:
                continue
            person = resolve(person_iri)
            candidates = [
                g
                for g in matching(person, country, role, label)
                if g["status"] == status or (g["status"] == "designate" and status == "current")
            ]
            if not candidates:
                if not [g for g in matching(person, country, role, label) if not g.get("required", True)]:
                    score.fp += 1
                    score.extras.append(f"{doc}: {person or person_iri} {label} ({status})")
                continue
            hit.update(id(g) for g in candidates)
        for g in gold:
            if status_filter and g["status"] != status_filter:
                continue
            if id(g) in hit:
                score.tp += 1 if g.get("required", True) else 0
            elif g.get("required", True):
                score.fn += 1
                score.misses.append(f"{doc}: {g['person']} {g['office']} {g['country']} ({g['status']})")
    for fact in annotation.get("negative_facts", []):
        for person_iri, country, roles, status, label in holdings:
            # A fact with a role class is that class: "President" of Spain as head of state
            # is not the President of the Government.
            same_office = (
                _role_matches(fact["role"], roles) if fact.get("role") else _label_matches(label, fact)
            )
            if (
                resolve(person_iri) == fact["person"]
                and country == fact["country"]
                and status == fact["status"]
                and same_office
            ):
                negative_hits.append(f"{doc}: {fact['person']} {fact['office']} ({fact['status']})")


def _score_meetings(
    doc: str,
    annotation: dict[str, Any],
    meetings: dict[str, Any],
    resolve: Any,
    scores: dict[str, Score],
    location: list[int],
    matches: dict[tuple[str, str], set[str]],
) -> None:
    gold = _with_group_members(annotation.get("meetings", []))
    negatives = annotation.get("negative_meetings", [])
    score, topics = scores["meetings"], scores["topics"]
    matched_gold: dict[str, set[str]] = {}
    for iri, (people, day, _place, mode, _topic_labels) in sorted(meetings.items()):
        names = frozenset(resolve(p) or p for p in people)
        hits = _best_hits([g for g in gold if _meeting_matches(g, names, day, mode)], day, _place)
        if any(_meeting_matches(n, names, day, mode) for n in negatives) and not hits:
            score.fp += 1
            score.extras.append(f"{doc}: {sorted(names)} {day} (a negative meeting)")
            continue
        if not hits:
            score.fp += 1
            score.extras.append(f"{doc}: {sorted(names)} {day} {mode}")
            continue
        for g in hits:
            matched_gold.setdefault(g["id"], set()).add(iri)
            matches.setdefault((doc, g["id"]), set()).add(iri)
    for g in gold:
        iris = matched_gold.get(g["id"], set())
        if not g.get("required", True):
            continue
        if not iris:
            score.fn += 1
            score.misses.append(f"{doc}: {g['id']} {sorted(g['participants'])} {g.get('date')}")
            continue
        score.tp += 1
        predicted_topics = set().union(*(meetings[i][4] for i in iris))
        wanted = {normalise(t) for t in g.get("topics", [])}
        allowed = wanted | {normalise(t) for t in g.get("topics_optional", [])}
        topics.tp += len(wanted & predicted_topics)
        topics.fn += len(wanted - predicted_topics)
        topics.fp += len(predicted_topics - allowed)
        topics.misses.extend(f"{doc}: {g['id']} {t}" for t in sorted(wanted - predicted_topics))
        topics.extras.extend(f"{doc}: {g['id']} {t}" for t in sorted(predicted_topics - allowed))
        if g.get("location"):
            location[1] += 1
            places = {normalise(meetings[i][2] or "") for i in iris}
            location[0] += normalise(g["location"]) in places


_METRICS = ("persons", "current holdings", "holdings (all)", "meetings", "topics")


def _score_document(
    doc: str,
    annotation: dict[str, Any],
    predicted: _Predicted,
    registry: dict[str, dict[str, Any]],
    scores: dict[str, Score],
    location: list[int],
    negative_hits: list[str],
    matches: dict[tuple[str, str], set[str]],
) -> None:
    file = _find_file(doc, predicted)
    persons_here = predicted.doc_persons.get(file, set()) if file else set()
    resolve = _person_matcher(annotation, registry, predicted)
    _score_persons(doc, annotation, persons_here, resolve, predicted, scores["persons"])
    holdings = predicted.holdings.get(file, set()) if file else set()
    _score_holdings(doc, annotation, holdings, resolve, scores, negative_hits)
    meetings = predicted.meetings.get(file, {}) if file else {}
    _score_meetings(doc, annotation, meetings, resolve, scores, location, matches)


def by_document(graph: Graph, gold: dict[str, Any]) -> dict[str, dict[str, Score]]:
    """Each gold document's own scores: where the misses and extras are."""
    predicted = _with_gold_topics(_read_graph(graph), _gold_concepts(gold))
    registry = {normalise(p["name"]): p for p in gold.get("person_registry", [])}
    result = {}
    for doc, annotation in sorted(gold["documents"].items()):
        scores = {name: Score() for name in _METRICS}
        _score_document(doc, annotation, predicted, registry, scores, [0, 0], [], {})
        result[doc] = scores
    return result


def document_table(scores: dict[str, dict[str, Score]]) -> str:
    """One line per document: TP/FP/FN of each metric."""
    names = ("persons", "current holdings", "meetings", "topics")
    lines = [f"{'document':<58}" + "".join(f"{n.split()[0]:>16}" for n in names)]
    for doc, by_metric in scores.items():
        cells = "".join(f"{f'{s.tp}/{s.fp}/{s.fn}':>16}" for s in (by_metric[n] for n in names))
        lines.append(f"{doc[:57]:<58}{cells}")
    lines.append("(cells: TP/FP/FN)")
    return "\n".join(lines)


def _best_hits(hits: list[dict[str, Any]], day: str | None, place: str | None) -> list[dict[str, Any]]:
    """The gold meetings one predicted Meeting stands for: every pair of one joint meeting
    or ceremony it matches, else the one it matches best (held before planned, then the
    same day, then the same place) — one node is one event, not a held and a planned one."""
    groups = {str(g.get("group")) for g in hits if g.get("group")}
    if len(hits) <= 1 or (len(groups) == 1 and all(g.get("group") for g in hits)):
        return hits

    def rank(g: dict[str, Any]) -> tuple[int, int, int, str]:
        return (
            0 if g.get("required", True) else 1,
            0 if g.get("date") and g.get("date") == day else 1,
            0 if place and normalise(g.get("location") or "") == normalise(place) else 1,
            str(g.get("id")),
        )

    return [min(hits, key=rank)]


def _with_group_members(meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each meeting with ``group_members``: everyone of the joint meeting or ceremony it is a
    pair of. ``group`` is a list of names, or an id that the document's pairs share."""
    members: dict[str, set[str]] = {}
    for meeting in meetings:
        group = meeting.get("group")
        if isinstance(group, str):
            members.setdefault(group, set()).update(
                meeting.get("participants", []), meeting.get("participants_optional", [])
            )
    result = []
    for meeting in meetings:
        group = meeting.get("group")
        if isinstance(group, list):
            result.append({**meeting, "group_members": sorted(group)})
        elif isinstance(group, str):
            result.append({**meeting, "group_members": sorted(members[group])})
        else:
            result.append(meeting)
    return result


def _meeting_matches(gold: dict[str, Any], names: frozenset[str], day: str | None, mode: str | None) -> bool:
    wanted = frozenset(gold.get("participants", []))
    optional = frozenset(gold.get("participants_optional", []))
    if "group_members" in gold:
        union = frozenset(gold["group_members"]) | wanted | optional
        people_ok = names <= union and wanted <= names
    else:
        people_ok = wanted <= names <= wanted | optional
    if not people_ok:
        return False
    if gold.get("date") and day != gold["date"]:
        return False
    gold_mode = gold.get("mode")
    return not (gold_mode and mode and gold_mode != mode)
