"""The word lists of ``ontology/patterns/``: plain text files, one entry a line.

Honorifics (a trailing ``+`` marks those kept with a lone given name), page words,
post-nominals, reference words, foreign portfolios, envoy mandates and state forms are
lists of lower-cased entries; the seats of government pair a body with a country code; the
meeting triggers fall into sections. A ``#`` starts a comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import OntologyError


@dataclass(frozen=True)
class Triggers:
    """The words that report a meeting and its mode (ontology/patterns/meeting-triggers.txt)."""

    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    joint_verbs: frozenset[str] = frozenset()
    visitor_verbs: frozenset[str] = frozenset()
    phone_words: frozenset[str] = frozenset()
    video_words: frozenset[str] = frozenset()


def word_list(ontology_dir: Path, name: str) -> list[str]:
    """The lower-cased entries of ``patterns/name``, sorted, without repeats."""
    entries = (line.split("#", 1)[0].strip().lower() for line in _read(ontology_dir, name)[1])
    return sorted({entry for entry in entries if entry})


def honorifics(ontology_dir: Path) -> tuple[tuple[tuple[str, ...], ...], frozenset[tuple[str, ...]]]:
    """Every honorific as a token sequence ("datuk", "seri"), and those marked ``+``."""
    lines = word_list(ontology_dir, "honorifics.txt")
    given_name = frozenset(tuple(line.rstrip(" +").split()) for line in lines if line.endswith(" +"))
    return tuple(tuple(line.rstrip(" +").split()) for line in lines), given_name


_TRIGGER_SECTIONS = {
    "meeting verbs": "verbs",
    "meeting nouns": "nouns",
    "joint verbs": "joint_verbs",
    "verbs to a visitor": "visitor_verbs",
    "phone words": "phone_words",
    "video words": "video_words",
}


def triggers(ontology_dir: Path) -> Triggers:
    """The sections of meeting-triggers.txt ("[meeting verbs]", ...)."""
    path, lines = _read(ontology_dir, "meeting-triggers.txt")
    words: dict[str, set[str]] = {field: set() for field in _TRIGGER_SECTIONS.values()}
    section: str | None = None
    for line in lines:
        entry = line.split("#", 1)[0].strip().lower()
        if not entry:
            continue
        if entry.startswith("[") and entry.endswith("]"):
            section = _TRIGGER_SECTIONS.get(entry[1:-1])
            if section is None:
                raise OntologyError(f"{path}: unknown section {entry}")
        elif section is None:
            raise OntologyError(f"{path}: {entry!r} stands before any section")
        else:
            words[section].add(entry)
    return Triggers(**{field: frozenset(found) for field, found in words.items()})


def seats(ontology_dir: Path) -> tuple[tuple[str, str], ...]:
    """(body, country code) of seats-of-government.txt: "State Department", "US"."""
    path, lines = _read(ontology_dir, "seats-of-government.txt")
    found = []
    for line in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, code = line.partition("\t")
            if not code.strip():
                raise OntologyError(f"{path}: no tab and country code in {line!r}")
            found.append((name.strip(), code.strip()))
    return tuple(found)


def _read(ontology_dir: Path, name: str) -> tuple[Path, list[str]]:
    """The file's path (for messages) and its lines."""
    path = ontology_dir / "patterns" / name
    try:
        return path, path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise OntologyError(f"cannot read {path}: {exc}") from exc
