"""The query library on real graphs: the answers the gold implies, and the README's SPARQL as pasted.

Expected rows are computed from ../shared/gold/seeds.json (and the sample corpus's gold),
never typed in: exact where the gold fixes the answer (the meetings, who took part,
when and where, which sources), as inclusion where the gold leaves room (optional
topics and holdings).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import PROJECT_ROOT
from pipeline.evaluate.names import name_key
from pipeline.store.results import QueryResult, row_values
from pipeline.store.sparql import QueryFile, bind, find_query, library
from pipeline.store.triplestore import load_graph, run_query
from tests.conftest import SAMPLE_CORPUS, SAMPLE_GOLD, SEEDS, SEEDS_GOLD, load_gold, needs_shared

Rows = list[tuple[Any, ...]]  # lexical values, None where unbound


@pytest.fixture(scope="module")
def seeds_store(pipeline_run: Callable[[Path], Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    needs_shared()
    store = tmp_path_factory.mktemp("seeds-store")
    load_graph(pipeline_run(SEEDS) / "diplomacy.ttl", store)
    return store


@pytest.fixture(scope="module")
def sample_store(pipeline_run: Callable[[Path], Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("sample-store")
    load_graph(pipeline_run(SAMPLE_CORPUS) / "diplomacy.ttl", store)
    return store


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    needs_shared()
    return load_gold(SEEDS_GOLD)


def ask(store: Path, query_name: str, /, *columns: str, **params: str | list[str]) -> Rows:
    query = find_query(query_name)
    pairs = [(k, v) for k, vs in params.items() for v in ([vs] if isinstance(vs, str) else vs)]
    result = run_query(store, bind(query, pairs))
    return row_values(result, *(columns or result.variables))


def gold_meetings(
    gold: dict[str, Any], *, statuses: tuple[str, ...] = ("happened",)
) -> Iterator[dict[str, Any]]:
    """One record per gold event (its first mention), with the files that report it."""
    files: dict[str, list[str]] = {}
    first: dict[str, dict[str, Any]] = {}
    for doc, entry in sorted(gold["documents"].items()):
        for meeting in entry["meetings"]:
            if meeting["status"] in statuses:
                files.setdefault(meeting["event_id"], []).append(doc)
                first.setdefault(meeting["event_id"], meeting)
    for event, meeting in first.items():
        yield {**meeting, "files": files[event]}


def pair(participants: list[str]) -> tuple[str, str]:
    a, b = sorted(participants)
    return a, b


# ---------------------------------------------------------------- the library itself


def test_queries_library_has_documented_deterministic_queries() -> None:
    queries = library()
    assert len(queries) >= 8
    for query in queries:
        assert query.text.startswith("# ") and len(query.summary) > 20, query.name
        body = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
        for param in query.params:
            assert re.search(rf"\?{param.name}\b", body), f"{query.name}: ?{param.name} is declared, not used"
            assert param.description, f"{query.name}: ?{param.name} is not described"


@pytest.mark.parametrize("query", library(), ids=lambda q: q.name)
def test_queries_order_by_every_column(query: QueryFile, sample_store: Path) -> None:
    columns = run_query(sample_store, query.text).variables
    order = query.text[query.text.rindex("ORDER BY") :]
    assert [c for c in columns if not re.search(rf"\?{c}\b", order)] == []


@pytest.mark.parametrize("query", library(), ids=lambda q: q.name)
def test_queries_run_on_the_seeds_graph_with_rows_and_stable_answers(
    query: QueryFile, seeds_store: Path
) -> None:
    first = run_query(seeds_store, query.text)
    assert first.rows, f"{query.name} returned nothing on the seeds' graph"
    assert run_query(seeds_store, query.text) == first


# ---------------------------------------------------------------- answers the seeds' gold implies


def test_queries_meetings_are_the_gold_meetings(seeds_store: Path, gold: dict[str, Any]) -> None:
    rows = ask(seeds_store, "meetings", "date", "personA", "personB", "place", "mode")
    for meeting in gold_meetings(gold):
        if meeting["required"]:
            expected = (meeting["date"], *pair(meeting["participants"]), meeting["location"], meeting["mode"])
            assert expected in rows
    allowed = {
        (m["date"], pair(m["participants"]))
        for m in gold_meetings(gold, statuses=("happened", "happened_indirect", "background"))
    }
    assert {(date, (a, b)) for date, a, b, _, _ in rows} <= allowed
    assert len(rows) == len(set(rows)), "one Meeting per real event: the Tokyo meeting is not doubled"


def test_queries_person_timeline_of_iwaya(seeds_store: Path, gold: dict[str, Any]) -> None:
    expected = [
        (
            "Takeshi Iwaya",
            m["date"],
            next(p for p in m["participants"] if p != "Takeshi Iwaya"),
            m["location"],
            m["mode"],
            str(len(m["files"])),
        )
        for m in gold_meetings(gold)
        if "Takeshi Iwaya" in m["participants"]
    ]
    expected.sort(key=lambda row: (row[1] or "", row[2] or ""))  # undated first, as SPARQL orders unbound
    columns = ("person", "date", "counterpart", "place", "mode", "articles")
    assert ask(seeds_store, "person-timeline", *columns, name="Takeshi Iwaya") == expected
    assert (
        ask(seeds_store, "person-timeline", *columns, name="iwaya takeshi") == expected
    )  # any form, any case
    assert ask(seeds_store, "person-timeline", *columns, name="IWAYA") == expected


def test_queries_topics_discussed_by_ishiba(seeds_store: Path, gold: dict[str, Any]) -> None:
    counts = dict(
        (topic, int(n)) for topic, n in ask(seeds_store, "person-topics", "topic", "meetings", name="Ishiba")
    )
    expected: Counter[str] = Counter()
    for meeting in gold_meetings(gold):
        if meeting["required"] and "Shigeru Ishiba" in meeting["participants"]:
            expected.update(set(meeting["topics"]))
    assert expected and all(counts.get(topic, 0) >= n for topic, n in expected.items()), (expected, counts)
    assert {p for (p,) in ask(seeds_store, "person-topics", "person", name="ishiba")} == {"Shigeru Ishiba"}


def test_queries_topics_between_japan_and_the_united_states(seeds_store: Path, gold: dict[str, Any]) -> None:
    rows = ask(seeds_store, "country-topics", country1="JP", country2="US")
    assert {(a, b) for a, b, _, _ in rows} == {("JP", "US")}
    expected = {t for m in gold_meetings(gold) if m["required"] for t in m["topics"]}
    assert expected <= {topic for _, _, topic, _ in rows}
    assert ask(seeds_store, "country-topics", country1="us", country2="jp") == rows  # either order, any case
    assert ask(seeds_store, "country-topics", country1="JP", country2="KW") == []


def test_queries_office_holders_with_attested_dates(seeds_store: Path, gold: dict[str, Any]) -> None:
    rows = ask(seeds_store, "office-holders", "office", "person", "status", "attestedOn")
    aliases = {(o["office"], o["country"]): [o["office"], *o["aliases"]] for o in gold["office_registry"]}
    for doc, entry in gold["documents"].items():
        for holding in entry["office_holdings"]:
            forms = [f.lower() for f in aliases[(holding["office"], holding["country"])]]
            found = [
                r
                for r in rows
                if r[1] == holding["person"]
                and r[2] == holding["status"]
                and any(f in (r[0] or "").lower() for f in forms)
            ]
            if holding["required"]:
                assert found, (doc, holding)
            dates = {
                d["publication_date"]
                for d in gold["documents"].values()
                for h in d["office_holdings"]
                if (h["person"], h["office"], h["status"])
                == (holding["person"], holding["office"], holding["status"])
            }
            for row in found:  # every date the graph gives is the date of an article that says so
                assert row[3] is None or row[3] in dates, (row, dates)
            if holding["required"]:  # and every dated article that says so gives its date
                assert {row[3] for row in found} - {None} == dates - {None}, (holding, dates)
    japan = ask(seeds_store, "office-holders", "office", country="jp")
    assert japan and all(office and office.endswith("of Japan") for (office,) in japan)


def test_queries_evidence_behind_the_tokyo_meeting(seeds_store: Path, gold: dict[str, Any]) -> None:
    [event] = gold["cross_document_events"]
    [(meeting,)] = [
        (m,)
        for date, a, b, m in ask(seeds_store, "meetings", "date", "personA", "personB", "meeting")
        if (date, (a, b)) == (event["date"], pair(event["participants"]))
    ]
    rows = ask(seeds_store, "meeting-evidence", meeting=meeting)
    assert {file for _, file, _, _, _, _ in rows} == {m["doc"] for m in event["mentions"]}
    for _, file, published, start, end, quote in rows:
        assert published == event["date"]
        text = (SEEDS / str(file)).read_text(encoding="utf-8")
        assert text[int(str(start)) : int(str(end))] == quote
    assert ask(seeds_store, "meeting-evidence", meeting="https://w3id.org/dipkg/id/meeting/none") == []


def test_queries_meetings_reported_by_more_than_one_source(seeds_store: Path, gold: dict[str, Any]) -> None:
    expected = [
        (e["date"], e["location"], *pair(e["participants"]), str(len(e["mentions"])), m["doc"])
        for e in gold["cross_document_events"]
        for m in sorted(e["mentions"], key=lambda m: str(m["doc"]))
    ]
    columns = ("date", "place", "personA", "personB", "sources", "file")
    assert ask(seeds_store, "multi-source-meetings", *columns) == expected


def test_queries_persons_with_more_than_one_office(seeds_store: Path, gold: dict[str, Any]) -> None:
    offices: dict[str, set[tuple[str, str]]] = {}
    for entry in gold["documents"].values():
        for holding in entry["office_holdings"]:
            offices.setdefault(holding["person"], set()).add((holding["office"], holding["country"]))
    expected = {person: len(held) for person, held in offices.items() if len(held) > 1}
    rows = ask(seeds_store, "multi-office-persons", "person", "offices")
    assert {person: int(str(n)) for person, n in rows} == expected


def test_queries_meetings_per_month(seeds_store: Path, gold: dict[str, Any]) -> None:
    required = [m for m in gold_meetings(gold) if m["required"]]
    months = Counter(m["date"][:7] for m in required if m["date"])
    rows = {month: int(str(n)) for month, n in ask(seeds_store, "meetings-per-month", "month", "meetings")}
    assert {m: n for m, n in rows.items() if m != "undated"} == dict(months)
    optional = [m for m in gold_meetings(gold, statuses=("happened_indirect",)) if not m["date"]]
    undated = sum(1 for m in required if not m["date"])
    assert undated <= rows["undated"] <= undated + len(optional)
    assert dict(ask(seeds_store, "meetings-per-month", "month", "meetings", year="2025")) == {
        m: str(n) for m, n in months.items()
    }
    assert ask(seeds_store, "meetings-per-month", year="1999") == []


def test_queries_meetings_on_a_topic(seeds_store: Path, gold: dict[str, Any]) -> None:
    expected = sorted(
        ("Tariffs", m["date"], *pair(m["participants"]), m["location"])
        for m in gold_meetings(gold)
        if "Tariffs" in m["topics"]
    )
    columns = ("topicLabel", "date", "personA", "personB", "place")
    assert ask(seeds_store, "meetings-on-topic", *columns, topic="tariffs") == expected
    assert ask(seeds_store, "meetings-on-topic", *columns, topic="TARIFFS") == expected


def test_queries_persons_and_their_names(seeds_store: Path, gold: dict[str, Any]) -> None:
    rows = ask(seeds_store, "persons", "person", "nameForm")
    assert {name_key(p) for p, _ in rows} == {name_key(p["name"]) for p in gold["person_registry"]}
    known = {(p["name"], f) for p in gold["person_registry"] for f in (p["name"], *p["aliases"])}
    known |= {
        (p["name"], f)
        for d in gold["documents"].values()
        for p in d["persons"]
        for f in (*p["surface_forms"], *p.get("surface_forms_optional", []))
    }
    assert set(rows) <= known
    assert {p for p, _ in ask(seeds_store, "persons", "person", "nameForm", name="iwaya takeshi")} == {
        "Takeshi Iwaya"
    }


# ---------------------------------------------------------------- the sample corpus: its own gold


def test_queries_multi_source_on_the_sample_corpus(sample_store: Path) -> None:
    gold = load_gold(SAMPLE_GOLD)
    expected = [
        (e["date"], e["location"], *pair(e["participants"]), str(len(e["mentions"])), m["doc"])
        for e in gold["cross_document_events"]
        for m in sorted(e["mentions"], key=lambda m: str(m["doc"]))
    ]
    columns = ("date", "place", "personA", "personB", "sources", "file")
    assert ask(sample_store, "multi-source-meetings", *columns) == expected


def test_queries_meetings_list_every_pair_of_a_larger_meeting(sample_store: Path) -> None:
    per_meeting = Counter(m for (m,) in ask(sample_store, "meetings", "meeting"))
    participants = Counter(
        m for m, _ in ask(sample_store, "person-timeline", "meeting", "counterpart") if m is not None
    )
    for meeting, rows in per_meeting.items():
        n = round((1 + (1 + 8 * rows) ** 0.5) / 2)  # rows = n(n-1)/2 pairs
        assert participants[meeting] == n * (n - 1)  # each participant sees every other one


# ---------------------------------------------------------------- the documentation's SPARQL, as pasted

DOCUMENTATION = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]


def sparql_blocks(page: Path) -> list[str]:
    return re.findall(r"```sparql\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.DOTALL)


def documented_queries() -> list[str]:
    return [query for page in DOCUMENTATION for query in sparql_blocks(page)]


def test_queries_documentation_has_sparql_examples() -> None:
    assert sparql_blocks(PROJECT_ROOT / "README.md"), "the README's tour asks the graph in SPARQL"
    assert len(documented_queries()) >= 3


@pytest.mark.parametrize("number", range(len(documented_queries())))
def test_queries_documented_sparql_runs_as_pasted(number: int, sample_store: Path) -> None:
    result: QueryResult = run_query(sample_store, documented_queries()[number])
    assert result.rows, documented_queries()[number]
