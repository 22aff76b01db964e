"""The gold file (the format of ../shared/gold/README.md): its shape, reading it, its topic scheme.

The shapes are TypedDicts over the JSON as it is read: a key the format leaves out is absent,
so the scorer asks with ``.get`` and its default, as the README's rules say.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NotRequired, TypedDict, cast

from pipeline.errors import EvaluationError
from pipeline.evaluate.names import normalise


class GoldPerson(TypedDict):
    name: str
    surface_forms: NotRequired[list[str]]
    surface_forms_optional: NotRequired[list[str]]
    required: NotRequired[bool]


class RegistryEntry(TypedDict):
    name: str
    aliases: NotRequired[list[str]]


class GoldHolding(TypedDict):
    """An office holding, or a negative fact (one that must not be produced)."""

    person: str
    office: str
    country: str | None  # None for a post of an international organization
    status: str
    role: NotRequired[str]
    organization: NotRequired[str | None]
    accept_office_labels: NotRequired[list[str]]
    required: NotRequired[bool]


class GoldMeeting(TypedDict):
    id: str
    participants: list[str]
    participants_optional: NotRequired[list[str]]
    date: NotRequired[str | None]
    mode: NotRequired[str | None]
    location: NotRequired[str | None]
    topics: NotRequired[list[str]]
    topics_optional: NotRequired[list[str]]
    required: NotRequired[bool]
    group: NotRequired[str | list[str] | None]
    group_members: NotRequired[list[str]]  # added by with_group_members, never in the file


class GoldDocument(TypedDict, total=False):
    persons: list[GoldPerson]
    office_holdings: list[GoldHolding]
    negative_facts: list[GoldHolding]
    meetings: list[GoldMeeting]
    negative_meetings: list[GoldMeeting]


class MeetingMention(TypedDict):
    doc: str
    meeting: str
    required: NotRequired[bool]


class CrossDocumentEvent(TypedDict):
    mentions: list[MeetingMention]


class MustNotMerge(TypedDict):
    a: MeetingMention
    b: MeetingMention


class GoldConcept(TypedDict):
    prefLabel: str
    altLabels: NotRequired[list[str]]


class Gold(TypedDict):
    documents: dict[str, GoldDocument]
    person_registry: NotRequired[list[RegistryEntry]]
    cross_document_events: NotRequired[list[CrossDocumentEvent]]
    must_not_merge: NotRequired[list[MustNotMerge]]
    topics: NotRequired[list[GoldConcept]]
    topics_additional: NotRequired[list[GoldConcept]]


def read_gold(path: Path) -> Gold:
    """A gold file, or EvaluationError naming the file and what is wrong with it."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"{path}: not a readable JSON gold file ({exc})") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("documents"), dict):
        raise EvaluationError(f'{path}: not a gold file (no "documents" object)')
    return cast(Gold, gold)  # the rest of its shape is trusted: a gap is a KeyError the CLI reports


def registry_by_name(gold: Gold) -> dict[str, RegistryEntry]:
    """The person registry by normalised canonical name."""
    return {normalise(p["name"]): p for p in gold.get("person_registry", [])}


def gold_concepts(gold: Gold) -> dict[str, set[str]]:
    """Normalised label → the gold concepts (prefLabels) it names: the gold's topic scheme
    (``topics``, ``topics_additional``), by prefLabel or altLabel (rule 5)."""
    concepts: dict[str, set[str]] = {}
    for concept in [*gold.get("topics", []), *gold.get("topics_additional", [])]:
        if isinstance(concept, dict) and "prefLabel" in concept:
            for label in [concept["prefLabel"], *concept.get("altLabels", [])]:
                concepts.setdefault(normalise(label), set()).add(normalise(concept["prefLabel"]))
    return concepts


def with_group_members(meetings: list[GoldMeeting]) -> list[GoldMeeting]:
    """Each meeting with ``group_members``: everyone of the joint meeting or ceremony it is a
    pair of. ``group`` is a list of names, or an id that the document's pairs share."""
    members: dict[str, set[str]] = {}
    for meeting in meetings:
        group = meeting.get("group")
        if isinstance(group, str):
            members.setdefault(group, set()).update(
                meeting.get("participants", []), meeting.get("participants_optional", [])
            )
    result: list[GoldMeeting] = []
    for meeting in meetings:
        group = meeting.get("group")
        if isinstance(group, list):
            result.append({**meeting, "group_members": sorted(group)})
        elif isinstance(group, str):
            result.append({**meeting, "group_members": sorted(members[group])})
        else:
            result.append(meeting)
    return result
