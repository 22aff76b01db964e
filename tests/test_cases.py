"""Golden cases: how real news writes persons, offices and meetings, in our own words.

Each folder under ``tests/data/cases/`` holds one writing pattern seen in real articles,
as short invented articles (``*.txt``) and the facts they must yield (``expected.json``);
``tests/data/cases/README.md`` documents the format. A folder with one article is
extracted in process with the session model; a folder with several runs the whole
pipeline, since what it tests is the merge across articles in the published graph.

Patterns the extraction still gets wrong wait in ``tests/data/cases-failing/`` with a
``WHY.md``; ``DIPKG_CASES=all`` runs them as well (to see what a change fixes).
"""

from __future__ import annotations

import json
import os
import shutil
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, SKOS, Graph, Namespace, URIRef
from rdflib.namespace import RDFS

from pipeline.config import PROJECT_ROOT
from pipeline.extract.articles import extract_articles
from pipeline.extract.lexicon import Lexicon
from pipeline.records import ArticleExtraction
from tests.conftest import make_article

CASES = PROJECT_ROOT / "tests" / "data" / "cases"
FAILING = PROJECT_ROOT / "tests" / "data" / "cases-failing"
DIP = Namespace("https://w3id.org/dipkg/ontology#")
_KEYS = frozenset(
    {
        "about",
        "persons",
        "not_persons",
        "holdings",
        "not_holdings",
        "meetings",
        "not_meetings",
        "meetings_total",
    }
)
_STATUSES = {DIP.Current: "current", DIP.Former: "former", DIP.Elect: "elect", DIP.Designate: "designate"}


def _folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def _case_folders() -> list[Path]:
    folders = _folders(CASES)
    return folders + _folders(FAILING) if os.environ.get("DIPKG_CASES") == "all" else folders


# ---------------------------------------------------------------- what a case yields


@dataclass(frozen=True)
class Holding:
    person: str  # person key
    role: str
    country: str | None
    accredited_to: str | None
    status: str


@dataclass(frozen=True)
class Meeting:
    participants: frozenset[str]  # person keys
    date: str | None
    mode: str
    articles: frozenset[str]  # source files that report it


@dataclass(frozen=True)
class Facts:
    """Persons (key → every name form), holdings and meetings, from an extraction or a graph."""

    names: dict[str, frozenset[str]]
    holdings: tuple[Holding, ...]
    meetings: tuple[Meeting, ...]

    def keys_named(self, name: str) -> list[str]:
        wanted = _fold(name)
        return sorted(key for key, forms in self.names.items() if wanted in {_fold(f) for f in forms})

    def label(self, key: str) -> str:
        return min(self.names[key], key=lambda form: (-len(form), form))


def _fold(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def facts_of_extraction(result: ArticleExtraction) -> Facts:
    source = result.article.source.source_file
    return Facts(
        names={p.key: frozenset({p.name, *p.aliases}) for p in result.persons},
        holdings=tuple(
            Holding(h.person, h.office.role, h.office.country, h.office.accredited_to, h.status.value)
            for h in result.holdings
        ),
        meetings=tuple(
            Meeting(frozenset(m.participants), m.date, m.mode.value, frozenset({source}))
            for m in result.meetings
        ),
    )


def facts_of_graph(graph: Graph) -> Facts:
    def one(subject: Any, predicate: URIRef) -> str | None:
        found = sorted(str(o) for o in graph.objects(subject, predicate))
        return found[0] if found else None

    def iso(country: str | None) -> str | None:
        return one(URIRef(country), DIP.isoCode) if country else None

    names = {
        str(person): frozenset(
            str(label) for p in (RDFS.label, SKOS.altLabel) for label in graph.objects(person, p)
        )
        for person in graph.subjects(RDF.type, DIP.Person)
    }
    holdings = []
    for node in graph.subjects(RDF.type, DIP.OfficeHolding):
        office = URIRef(one(node, DIP.office) or "")
        role = one(URIRef(one(office, DIP.role) or ""), SKOS.notation)
        status = next(iter(graph.objects(node, DIP.status)), None)
        holdings.append(
            Holding(
                person=one(node, DIP.holder) or "",
                role=role or "",
                country=iso(one(office, DIP.country)),
                accredited_to=iso(one(office, DIP.accreditedTo)),
                status=_STATUSES.get(URIRef(str(status)), str(status)),
            )
        )
    meetings = []
    for node in graph.subjects(RDF.type, DIP.Meeting):
        articles = {
            one(URIRef(str(a)), DIP.sourceFile) or str(a) for a in graph.objects(node, DIP.reportedIn)
        }
        meetings.append(
            Meeting(
                participants=frozenset(str(p) for p in graph.objects(node, DIP.participant)),
                date=one(node, DIP.date),
                mode=one(node, DIP.mode) or "",
                articles=frozenset(articles),
            )
        )
    return Facts(names, tuple(holdings), tuple(meetings))


# ---------------------------------------------------------------- the checks


class Checker:
    """Collects every unmet expectation of one case, each as one readable line."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.problems: list[str] = []

    def person(self, name: str) -> str | None:
        keys = self.facts.keys_named(name)
        if len(keys) == 1:
            return keys[0]
        if not keys:
            self.problems.append(f"no person named {name!r}; persons: {self._persons()}")
        else:
            self.problems.append(f"{name!r} names {len(keys)} persons: {[self.facts.label(k) for k in keys]}")
        return None

    def persons(self, entries: Iterable[str | list[str]]) -> None:
        for entry in entries:
            forms = [entry] if isinstance(entry, str) else entry
            keys = {key for key in (self.person(form) for form in forms) if key}
            if len(keys) > 1:
                labels = sorted(self.facts.label(k) for k in keys)
                self.problems.append(f"{forms} should be one person, are {len(keys)}: {labels}")

    def not_persons(self, names: Iterable[str]) -> None:
        for name in names:
            for key in self.facts.keys_named(name):
                self.problems.append(f"{name!r} is taken as a person ({self.facts.label(key)!r})")

    def holdings(self, expected: Iterable[dict[str, Any]]) -> None:
        for want in expected:
            key = self.person(want["person"])
            if key is None:
                continue
            held = [h for h in self.facts.holdings if h.person == key]
            if not any(_holding_matches(h, want, exact=True) for h in held):
                self.problems.append(
                    f"missing holding {_show(want)}; {want['person']} holds {_show_held(held)}"
                )

    def not_holdings(self, forbidden: Iterable[dict[str, Any]]) -> None:
        for want in forbidden:
            for key in self.facts.keys_named(want["person"]):
                for holding in self.facts.holdings:
                    if holding.person == key and _holding_matches(holding, want, exact=False):
                        self.problems.append(f"unwanted holding {_show(want)}: {_show_held([holding])}")

    def meetings(self, expected: Iterable[dict[str, Any]]) -> None:
        for want in expected:
            keys = [self.person(name) for name in want["participants"]]
            if None in keys:
                continue
            group = frozenset(k for k in keys if k)
            found = [m for m in self.facts.meetings if m.participants == group]
            names = sorted(want["participants"])
            if not found:
                self.problems.append(f"no meeting of exactly {names}; meetings: {self._meetings()}")
                continue
            if len(found) > 1:
                self.problems.append(f"{len(found)} meetings of {names}, expected one: {self._meetings()}")
            meeting = found[0]
            if "date" in want and meeting.date != want["date"]:
                self.problems.append(f"meeting of {names} dated {meeting.date}, expected {want['date']}")
            if "mode" in want and meeting.mode != want["mode"]:
                self.problems.append(f"meeting of {names} has mode {meeting.mode}, expected {want['mode']}")
            if "articles" in want and meeting.articles != frozenset(want["articles"]):
                self.problems.append(
                    f"meeting of {names} reported in {sorted(meeting.articles)}, expected {sorted(want['articles'])}"
                )

    def not_meetings(self, forbidden: Iterable[dict[str, Any]]) -> None:
        for want in forbidden:
            group = {key for name in want["participants"] for key in self.facts.keys_named(name)}
            for meeting in self.facts.meetings:
                if len(group) >= len(want["participants"]) and group <= meeting.participants:
                    self.problems.append(
                        f"unwanted meeting of {sorted(want['participants'])}: {self._meetings()}"
                    )

    def meetings_total(self, total: int) -> None:
        if len(self.facts.meetings) != total:
            self.problems.append(f"{len(self.facts.meetings)} meetings, expected {total}: {self._meetings()}")

    def _persons(self) -> list[str]:
        return sorted(self.facts.label(k) for k in self.facts.names)

    def _meetings(self) -> list[str]:
        return sorted(
            f"{sorted(self.facts.label(k) for k in m.participants)} {m.date} {m.mode}"
            for m in self.facts.meetings
        )


def _holding_matches(holding: Holding, want: dict[str, Any], *, exact: bool) -> bool:
    """Every field the expectation gives agrees (an expected holding is current unless it says)."""
    given = {"status": "current", **want} if exact else want
    return all(
        getattr(holding, field) == given[field]
        for field in ("role", "country", "accredited_to", "status")
        if field in given
    )


def _show(want: dict[str, Any]) -> str:
    return json.dumps(want, ensure_ascii=False, sort_keys=True)


def _show_held(held: Iterable[Holding]) -> str:
    shown = [
        f"{h.role}/{h.country}" + (f"→{h.accredited_to}" if h.accredited_to else "") + f"/{h.status}"
        for h in held
    ]
    return ", ".join(sorted(shown)) or "nothing"


def check(facts: Facts, expected: dict[str, Any]) -> list[str]:
    """Every expectation of ``expected`` that ``facts`` do not meet."""
    checker = Checker(facts)
    checker.persons(expected.get("persons", []))
    checker.not_persons(expected.get("not_persons", []))
    checker.holdings(expected.get("holdings", []))
    checker.not_holdings(expected.get("not_holdings", []))
    checker.meetings(expected.get("meetings", []))
    checker.not_meetings(expected.get("not_meetings", []))
    if "meetings_total" in expected:
        checker.meetings_total(expected["meetings_total"])
    return list(dict.fromkeys(checker.problems))  # a missing person is said once


def load_expected(folder: Path) -> dict[str, Any]:
    expected: dict[str, Any] = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    unknown = set(expected) - _KEYS
    assert not unknown, f"{folder.name}/expected.json: unknown keys {sorted(unknown)}"
    assert expected.get("about"), f"{folder.name}/expected.json: says nothing 'about' the pattern"
    return expected


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("folder", _case_folders(), ids=lambda p: p.name)
def test_cases_article_yields_expected_facts(
    folder: Path, nlp: Any, lexicon: Lexicon, pipeline_run: Callable[[Path], Path], tmp_path: Path
) -> None:
    expected = load_expected(folder)
    texts = sorted(folder.glob("*.txt"))
    assert texts, f"{folder.name}: no article (*.txt)"
    if len(texts) == 1:
        article = make_article(texts[0].read_text(encoding="utf-8"), texts[0].name)
        (result,) = extract_articles([article], nlp, lexicon, batch_size=8)
        facts = facts_of_extraction(result)
    else:
        inputs = tmp_path / "articles"  # the articles alone: the pipeline reads every file it is given
        inputs.mkdir()
        for text in texts:
            shutil.copyfile(text, inputs / text.name)
        output = pipeline_run(inputs)
        facts = facts_of_graph(Graph().parse(output / "diplomacy.ttl", format="turtle"))
    problems = check(facts, expected)
    assert not problems, f"{folder.name} ({expected['about']}):\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("folder", _folders(FAILING), ids=lambda p: p.name)
def test_cases_failing_case_says_why(folder: Path) -> None:
    load_expected(folder)
    assert list(folder.glob("*.txt")), f"{folder.name}: no article (*.txt)"
    why = folder / "WHY.md"
    assert why.is_file() and why.read_text(encoding="utf-8").strip(), f"{folder.name}: no WHY.md"


@pytest.mark.parametrize("folder", _folders(CASES) + _folders(FAILING), ids=lambda p: p.name)
def test_cases_expected_names_are_written_in_the_articles(folder: Path) -> None:
    """Every name a case expects is written so in its articles (no typo makes a case pass)."""
    expected = load_expected(folder)
    text = unicodedata.normalize("NFC", " ".join(t.read_text(encoding="utf-8") for t in folder.glob("*.txt")))
    names = [
        name
        for entry in expected.get("persons", [])
        for name in ([entry] if isinstance(entry, str) else entry)
    ]
    names += [h["person"] for h in expected.get("holdings", [])]
    names += [name for m in expected.get("meetings", []) for name in m["participants"]]
    missing = sorted({name for name in names if unicodedata.normalize("NFC", name) not in text})
    assert not missing, f"{folder.name}: expected names not in its articles: {missing}"


def test_cases_check_reports_every_kind_of_miss() -> None:
    facts = Facts(
        names={"p1": frozenset({"Ana Ruiz", "Ruiz"}), "p2": frozenset({"Li Wei"})},
        holdings=(Holding("p1", "foreign_minister", "ES", None, "current"),),
        meetings=(Meeting(frozenset({"p1", "p2"}), "2025-01-01", "phone", frozenset({"a.txt"})),),
    )
    expected = {
        "about": "every expectation unmet",
        "persons": [["Ana Ruiz", "Ruiz"], "Nobody"],
        "not_persons": ["Li Wei"],
        "holdings": [{"person": "Ana Ruiz", "role": "foreign_minister", "country": "FR"}],
        "not_holdings": [{"person": "Ruiz", "country": "ES"}],
        "meetings": [{"participants": ["Ana Ruiz", "Li Wei"], "date": "2025-01-02", "mode": "video"}],
        "not_meetings": [{"participants": ["Li Wei"]}],
        "meetings_total": 2,
    }
    problems = check(facts, expected)
    starts = ["no person named 'Nobody'", "'Li Wei' is taken", "missing holding", "unwanted holding"]
    starts += ["meeting of ['Ana Ruiz', 'Li Wei'] dated", "meeting of ['Ana Ruiz', 'Li Wei'] has mode"]
    starts += ["unwanted meeting", "1 meetings, expected 2"]
    unreported = [s for s in starts if not any(p.startswith(s) for p in problems)]
    assert not unreported and len(problems) == len(starts), problems
    assert check(facts, {"about": "all met", "persons": [["Ruiz", "Ana Ruiz"]], "meetings_total": 1}) == []
