"""The whole Luigi chain on real corpora, checked through SPARQL on the Turtle it wrote."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from pipeline.config import Settings
from pipeline.evaluate import evaluate
from pipeline.evaluate.names import name_key
from pipeline.validate.pyshacl_reference import load_shapes, validate
from tests.conftest import SAMPLE_CORPUS, SEEDS, SEEDS_GOLD, load_gold, needs_shared, run_cli

PREFIXES = """
PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def graph_of(output: Path) -> Graph:
    return Graph().parse(output / "diplomacy.ttl", format="turtle")


def select(graph: Graph, query: str) -> set[tuple[str, ...]]:
    return {tuple(str(v) for v in row) for row in graph.query(PREFIXES + query)}


@pytest.fixture(scope="module")
def seeds(pipeline_run: Callable[[Path], Path]) -> Path:
    needs_shared()
    return pipeline_run(SEEDS)


def test_e2e_seeds_graph_parses_and_conforms(seeds: Path) -> None:
    graph = graph_of(seeds)
    assert len(graph) > 300
    outcome = validate(graph, load_shapes(Settings().shapes_dir))
    assert outcome.conforms, outcome.summary()
    assert (seeds / "validation-report.ttl").exists()


def test_e2e_seeds_persons(seeds: Path) -> None:
    gold = load_gold(SEEDS_GOLD)
    labels = {
        row[0] for row in select(graph_of(seeds), "SELECT ?l WHERE { ?p a dip:Person ; rdfs:label ?l }")
    }
    assert {name_key(n) for n in labels} == {name_key(p["name"]) for p in gold["person_registry"]}
    for noise in ("Cari Berita", "Sharing", "Story", "Affirm"):
        assert noise not in labels


def test_e2e_seeds_current_office_holders(seeds: Path) -> None:
    rows = select(
        graph_of(seeds),
        """SELECT ?name ?cc ?role WHERE { ?p dip:holdsOffice ?o ; rdfs:label ?name .
           ?o dip:country/dip:isoCode ?cc ; dip:role/skos:notation ?role }""",
    )
    expected = {
        ("Shigeru Ishiba", "JP", "head_of_government"),
        ("George Glass", "US", "ambassador"),
        ("Takeshi Iwaya", "JP", "foreign_minister"),
        ("Antony Blinken", "US", "foreign_minister"),
        ("Joe Biden", "US", "head_of_state"),
        ("Donald Trump", "US", "head_of_state"),
        ("Yoshimasa Hayashi", "JP", "chief_cabinet_secretary"),
    }
    assert expected <= rows
    former = select(
        graph_of(seeds),
        """SELECT ?name ?role WHERE { ?h dip:holder/rdfs:label ?name ; dip:status dip:Former ;
           dip:office/dip:role/skos:notation ?role }""",
    )
    assert ("Takeshi Iwaya", "defence_minister") in former


def test_e2e_seeds_meetings_with_participants_and_dates(seeds: Path) -> None:
    rows = select(
        graph_of(seeds),
        """SELECT ?file ?a ?b ?date WHERE { ?m a dip:Meeting ; dip:reportedIn/dip:sourceFile ?file ;
           dip:participant/rdfs:label ?a , ?b . FILTER(?a < ?b) OPTIONAL { ?m dip:date ?date } }""",
    )
    assert ("000_a16ef8a6465507b0.txt", "George Glass", "Shigeru Ishiba", "2025-04-22") in rows
    assert ("001_c0956a0b2cbd6477.txt", "George Glass", "Shigeru Ishiba", "2025-04-22") in rows
    assert ("001_c0956a0b2cbd6477.txt", "George Glass", "Takeshi Iwaya", "2025-04-21") in rows
    assert ("003_1256b043cafdda00.txt", "Antony Blinken", "Takeshi Iwaya", "2025-01-07") in rows


def test_e2e_seeds_provenance_reaches_the_sentence(seeds: Path) -> None:
    rows = select(
        graph_of(seeds),
        """SELECT ?quote ?start ?end ?file WHERE { ?m a dip:Meeting ; dip:date "2025-01-07"^^<http://www.w3.org/2001/XMLSchema#date> ;
           dip:supportedBy ?e . ?e dip:quote ?quote ; dip:startOffset ?start ; dip:endOffset ?end ;
           dip:inArticle/dip:sourceFile ?file }""",
    )
    assert rows
    for quote, start, end, file in rows:
        text = (SEEDS / file).read_text(encoding="utf-8")
        assert text[int(start) : int(end)] == quote


def test_e2e_seeds_gates(seeds: Path) -> None:
    evaluation = evaluate(graph_of(seeds), load_gold(SEEDS_GOLD))
    scores = evaluation.scores
    assert scores["persons"].f1 == 1.0, evaluation.table()
    assert scores["current holdings"].f1 >= 0.95, evaluation.table()
    assert scores["meetings"].f1 >= 0.9, evaluation.table()
    assert evaluation.merges == (1, 1), "the Tokyo meeting is one Meeting reported by 000 and 001"
    assert evaluation.wrong_merges[0] == 0, "the two Iwaya-Blinken meetings stay apart"


def test_e2e_run_report_accounts_for_every_file(pipeline_run: Callable[[Path], Path]) -> None:
    import json

    output = pipeline_run(SAMPLE_CORPUS)
    report = json.loads((output / "run-report.json").read_text(encoding="utf-8"))
    listed = {f["file"] for f in report["files"]}
    assert listed == {p.name for p in SAMPLE_CORPUS.iterdir() if p.is_file()}
    assert all(f["outcome"] == "processed" for f in report["files"])
    assert report["validation"]["conforms"] is True
    assert report["counts"]["meetings"] >= 6
    assert report["versions"]["spacy"].startswith("3.8")


def _run_in_subprocess(input_dir: Path, output: Path, seed: str, workers: int = 1) -> None:
    result = run_cli(input_dir, output, "-q", "--workers", str(workers), seed=seed)
    assert result.returncode == 0, result.stderr


def test_e2e_two_runs_give_identical_bytes(tmp_path: Path, pipeline_run: Callable[[Path], Path]) -> None:
    first = pipeline_run(SAMPLE_CORPUS) / "diplomacy.ttl"
    _run_in_subprocess(SAMPLE_CORPUS, tmp_path / "again", seed="12345")
    assert (tmp_path / "again" / "diplomacy.ttl").read_bytes() == first.read_bytes()
