"""Score an exported graph against gold annotations (the format of ../shared/gold/).

Matching follows the gold README: names compared as normalised token sets (order free,
titles stripped); holdings by (person, country, role or label) with status; meetings by
participant set, day (when the gold has one) and mode; topics by label per matched meeting;
cross-document merges and must-not-merge pairs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from pipeline.evaluate.gold import (
    Gold,
    GoldDocument,
    GoldHolding,
    RegistryEntry,
    gold_concepts,
    read_gold,
    registry_by_name,
    with_group_members,
)
from pipeline.evaluate.matching import (
    PersonResolver,
    best_hits,
    label_matches,
    meeting_matches,
    person_matcher,
    role_matches,
    same_state_or_body,
)
from pipeline.evaluate.names import normalise
from pipeline.evaluate.predicted import (
    Predicted,
    PredictedHolding,
    PredictedMeeting,
    read_graph_file,
    read_predicted,
    with_gold_topics,
)
from pipeline.evaluate.results import Evaluation, Score

_METRICS = ("persons", "current holdings", "holdings (all)", "meetings", "topics")


@dataclass
class _Tally:
    """What scoring the documents one by one adds up to."""

    scores: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in _METRICS})
    location: list[int] = field(default_factory=lambda: [0, 0])  # correct, scored
    negative_hits: list[str] = field(default_factory=list)
    # (doc, gold meeting id) → the predicted meeting IRIs that matched it
    matches: dict[tuple[str, str], set[str]] = field(default_factory=dict)


def evaluate(graph: Graph, gold: Gold) -> Evaluation:
    """Score ``graph`` against one gold file's annotations."""
    predicted = _predicted_for(graph, gold)
    registry = registry_by_name(gold)
    tally = _Tally()
    for doc, annotation in sorted(gold["documents"].items()):
        _score_document(doc, annotation, predicted, registry, tally)
    matches = tally.matches
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
    for pair in wrongly_merged:
        a, b = pair["a"], pair["b"]
        tally.scores["meetings"].extras.append(
            f"{a['doc']}: {a['meeting']} merged with {b['doc']} {b['meeting']}, which must stay apart"
        )
    return Evaluation(
        tally.scores,
        (tally.location[0], tally.location[1]),
        (merged, len(events)),
        (len(wrongly_merged), len(gold.get("must_not_merge", []))),
        tally.negative_hits,
        tuple(doc for doc in sorted(gold["documents"]) if predicted.find_file(doc) is None),
        len(gold["documents"]),
    )


def evaluate_files(gold_path: Path, graph_path: Path) -> Evaluation:
    """Score the Turtle graph at ``graph_path`` against the gold file at ``gold_path``."""
    gold = read_gold(gold_path)
    return evaluate(read_graph_file(graph_path), gold)


def by_document(graph: Graph, gold: Gold) -> dict[str, dict[str, Score]]:
    """Each gold document's own scores: where the misses and extras are."""
    predicted = _predicted_for(graph, gold)
    registry = registry_by_name(gold)
    result = {}
    for doc, annotation in sorted(gold["documents"].items()):
        tally = _Tally()
        _score_document(doc, annotation, predicted, registry, tally)
        result[doc] = tally.scores
    return result


def _predicted_for(graph: Graph, gold: Gold) -> Predicted:
    """The graph as the scorer reads it, its topics named as the gold's concepts."""
    return with_gold_topics(read_predicted(graph), gold_concepts(gold))


def _score_document(
    doc: str,
    annotation: GoldDocument,
    predicted: Predicted,
    registry: dict[str, RegistryEntry],
    tally: _Tally,
) -> None:
    file = predicted.find_file(doc)
    persons_here = predicted.doc_persons.get(file, set()) if file else set()
    resolve = person_matcher(annotation, registry, predicted)
    _score_persons(doc, annotation, persons_here, resolve, predicted, tally.scores["persons"])
    holdings = predicted.holdings.get(file, set()) if file else set()
    _score_holdings(doc, annotation, holdings, resolve, tally)
    meetings = predicted.meetings.get(file, {}) if file else {}
    _score_meetings(doc, annotation, meetings, resolve, tally)


def _score_persons(
    doc: str,
    annotation: GoldDocument,
    persons: set[str],
    resolve: PersonResolver,
    predicted: Predicted,
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
    for resolved, iri in found.items():
        if resolved is None or resolved not in gold:
            score.fp += 1
            score.extras.append(f"{doc}: {predicted.labels.get(iri, iri)}")


def _score_holdings(
    doc: str,
    annotation: GoldDocument,
    holdings: set[PredictedHolding],
    resolve: PersonResolver,
    tally: _Tally,
) -> None:
    gold = annotation.get("office_holdings", [])

    def matching(person: str | None, country: str, role: str, label: str) -> list[GoldHolding]:
        return [
            g
            for g in gold
            if g["person"] == person
            and same_state_or_body(g, country)
            and (role_matches(g.get("role", ""), role) or label_matches(label, g))
        ]

    for status_filter, score in (
        ("current", tally.scores["current holdings"]),
        (None, tally.scores["holdings (all)"]),
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
                role_matches(fact["role"], roles) if fact.get("role") else label_matches(label, fact)
            )
            if (
                resolve(person_iri) == fact["person"]
                and country == fact["country"]
                and status == fact["status"]
                and same_office
            ):
                tally.negative_hits.append(f"{doc}: {fact['person']} {fact['office']} ({fact['status']})")


def _score_meetings(
    doc: str,
    annotation: GoldDocument,
    meetings: dict[str, PredictedMeeting],
    resolve: PersonResolver,
    tally: _Tally,
) -> None:
    gold = with_group_members(annotation.get("meetings", []))
    negatives = annotation.get("negative_meetings", [])
    score, topics = tally.scores["meetings"], tally.scores["topics"]
    matched_gold: dict[str, set[str]] = {}
    for iri, (people, day, place, mode, _topic_labels) in sorted(meetings.items()):
        names = frozenset(resolve(p) or p for p in people)
        hits = best_hits([g for g in gold if meeting_matches(g, names, day, mode)], day, place)
        if any(meeting_matches(n, names, day, mode) for n in negatives) and not hits:
            score.fp += 1
            score.extras.append(f"{doc}: {sorted(names)} {day} (a negative meeting)")
            continue
        if not hits:
            score.fp += 1
            score.extras.append(f"{doc}: {sorted(names)} {day} {mode}")
            continue
        for g in hits:
            matched_gold.setdefault(g["id"], set()).add(iri)
            tally.matches.setdefault((doc, g["id"]), set()).add(iri)
    for g in gold:
        iris = matched_gold.get(g["id"], set())
        if not g.get("required", True):
            continue
        if not iris:
            score.fn += 1
            score.misses.append(f"{doc}: {g['id']} {sorted(g['participants'])} {g.get('date')}")
            continue
        score.tp += 1
        predicted_topics = set().union(*(meetings[i].topics for i in iris))
        wanted = {normalise(t) for t in g.get("topics", [])}
        allowed = wanted | {normalise(t) for t in g.get("topics_optional", [])}
        topics.tp += len(wanted & predicted_topics)
        topics.fn += len(wanted - predicted_topics)
        topics.fp += len(predicted_topics - allowed)
        topics.misses.extend(f"{doc}: {g['id']} {t}" for t in sorted(wanted - predicted_topics))
        topics.extras.extend(f"{doc}: {g['id']} {t}" for t in sorted(predicted_topics - allowed))
        if gold_place := g.get("location"):
            tally.location[1] += 1
            places = {normalise(meetings[i].place or "") for i in iris}
            tally.location[0] += normalise(gold_place) in places
