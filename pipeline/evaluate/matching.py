"""When a predicted person, holding or meeting is the gold one (the gold README's rules 2–4)."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.evaluate.gold import GoldDocument, GoldHolding, GoldMeeting, GoldPerson, RegistryEntry
from pipeline.evaluate.names import name_key, normalise
from pipeline.evaluate.predicted import Predicted

# A predicted person IRI → the gold canonical name of this document (or None).
PersonResolver = Callable[[str], str | None]

# Role classes the gold format may use for the roles this project calls otherwise.
_ROLE_SYNONYMS = {
    "vice_foreign_minister": "deputy_foreign_minister",
    "defense_minister": "defence_minister",
    "government_spokesperson": "spokesperson",
}
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


def _gold_forms(person: GoldPerson, registry: dict[str, RegistryEntry]) -> set[frozenset[str]]:
    forms = [
        person["name"],
        *person.get("surface_forms", []),
        *person.get("surface_forms_optional", []),
    ]
    entry = registry.get(normalise(person["name"]))
    forms += entry.get("aliases", []) if entry else []
    return {k for k in (name_key(f) for f in forms) if k}


def person_matcher(
    annotation: GoldDocument, registry: dict[str, RegistryEntry], predicted: Predicted
) -> PersonResolver:
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


def same_state_or_body(gold: GoldHolding, country: str) -> bool:
    """The holding's country code, or its organization ("org:United Nations"), is the gold's."""
    if not country.startswith("org:"):
        return bool(gold.get("country") == country)
    wanted = normalise(str(gold.get("organization") or ""))
    return bool(wanted) and _ORGANIZATION_NAMES.get(wanted, wanted) == normalise(country[4:])


def _role(role: str) -> str:
    return _ROLE_SYNONYMS.get(role, role)


def role_matches(gold_role: str, roles: str) -> bool:
    """Does the gold role class name one of a holding's roles (space-separated notations)?"""
    return _role(gold_role) in {_role(r) for r in roles.split()}


def label_matches(label: str, gold: GoldHolding) -> bool:
    """Is the office label the gold's office, or one it accepts (the part before "of"/"to" will do)?"""
    accepted = {normalise(x) for x in [gold.get("office", ""), *gold.get("accept_office_labels", [])] if x}
    core = normalise(re.split(r"\bof\b|\bto\b", label)[0])
    return normalise(label) in accepted or core in accepted


def meeting_matches(gold: GoldMeeting, names: frozenset[str], day: str | None, mode: str | None) -> bool:
    """Do the participants (resolved), the day and the mode fit the gold meeting (rule 4)?"""
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


def best_hits(hits: list[GoldMeeting], day: str | None, place: str | None) -> list[GoldMeeting]:
    """The gold meetings one predicted Meeting stands for: every pair of one joint meeting
    or ceremony it matches, else the one it matches best (held before planned, then the
    same day, then the same place) — one node is one event, not a held and a planned one."""
    groups = {str(g.get("group")) for g in hits if g.get("group")}
    if len(hits) <= 1 or (len(groups) == 1 and all(g.get("group") for g in hits)):
        return hits

    def rank(g: GoldMeeting) -> tuple[int, int, int, str]:
        return (
            0 if g.get("required", True) else 1,
            0 if g.get("date") and g.get("date") == day else 1,
            0 if place and normalise(g.get("location") or "") == normalise(place) else 1,
            str(g.get("id")),
        )

    return [min(hits, key=rank)]
