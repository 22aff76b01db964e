"""The evaluator, and the extraction gates on the project's own annotated corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from pipeline.cli import EXIT_ERROR, EXIT_OK, main
from pipeline.config import PROJECT_ROOT
from pipeline.evaluate import evaluate
from pipeline.evaluate.names import name_key, normalise
from tests.conftest import TEST_CORPUS, TEST_GOLD, load_gold

TTL = """
@prefix dip: <https://w3id.org/dipkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .
ex:a a dip:NewsArticle ; dip:sourceFile "a.txt" .
ex:ana a dip:Person ; rdfs:label "Ana Lima" ; skos:altLabel "Lima" ; dip:mentionedIn ex:a .
ex:ken a dip:Person ; rdfs:label "Sato Ken" ; dip:mentionedIn ex:a .
ex:bogus a dip:Person ; rdfs:label "Share Story" ; dip:mentionedIn ex:a .
ex:br a dip:Country ; dip:isoCode "BR" .
ex:fm a dip:Office ; rdfs:label "Foreign Minister of Brazil" ; dip:country ex:br ; dip:role ex:fmrole .
ex:fmrole skos:notation "foreign_minister" .
ex:e a dip:Evidence ; dip:inArticle ex:a .
ex:h a dip:OfficeHolding ; dip:holder ex:ana ; dip:office ex:fm ; dip:status dip:Current ; dip:supportedBy ex:e .
ex:m a dip:Meeting ; dip:participant ex:ana , ex:ken ; dip:date "2025-01-07"^^xsd:date ; dip:mode "in-person" ;
    dip:location "Tokyo" ; dip:reportedIn ex:a ; dip:topic ex:t1 , ex:t2 .
ex:t1 skos:prefLabel "Trade"@en .
ex:t2 skos:prefLabel "Tariffs"@en .
"""


def gold() -> dict[str, Any]:
    return {
        "documents": {
            "a.txt": {
                "persons": [
                    {"name": "Ana Lima", "surface_forms": ["Lima"], "required": True},
                    {"name": "Ken Sato", "surface_forms": ["Sato Ken"], "required": True},
                    {"name": "Omar Fathy", "surface_forms": [], "required": True},
                ],
                "office_holdings": [
                    {
                        "person": "Ana Lima",
                        "office": "Foreign Minister",
                        "country": "BR",
                        "status": "current",
                        "role": "foreign_minister",
                        "required": True,
                    },
                    {
                        "person": "Ken Sato",
                        "office": "Prime Minister",
                        "country": "JP",
                        "status": "current",
                        "role": "head_of_government",
                        "required": True,
                    },
                ],
                "meetings": [
                    {
                        "id": "m1",
                        "participants": ["Ana Lima", "Ken Sato"],
                        "date": "2025-01-07",
                        "mode": "in-person",
                        "location": "Tokyo",
                        "topics": ["Trade", "Investment"],
                        "topics_optional": [],
                        "required": True,
                    },
                ],
            }
        }
    }


def test_evaluate_normalisation() -> None:
    assert name_key("PM Ishiba") == name_key("Ishiba")
    assert name_key("Iwaya Takeshi") == name_key("Takeshi Iwaya")
    assert normalise("Rogério  Moura!") == "rogerio moura"


def test_evaluate_scores_a_hand_made_graph() -> None:
    evaluation = evaluate(Graph().parse(data=TTL, format="turtle"), gold())
    persons = evaluation.scores["persons"]
    assert (persons.tp, persons.fp, persons.fn) == (2, 1, 1)
    holdings = evaluation.scores["current holdings"]
    assert (holdings.tp, holdings.fp, holdings.fn) == (1, 0, 1)
    meetings = evaluation.scores["meetings"]
    assert (meetings.tp, meetings.fp, meetings.fn) == (1, 0, 0)
    topics = evaluation.scores["topics"]
    assert (topics.tp, topics.fp, topics.fn) == (1, 1, 1)
    assert evaluation.location == (1, 1)


def test_evaluate_wrong_date_is_a_miss() -> None:
    changed = gold()
    changed["documents"]["a.txt"]["meetings"][0]["date"] = "2025-01-08"
    meetings = evaluate(Graph().parse(data=TTL, format="turtle"), changed).scores["meetings"]
    assert (meetings.tp, meetings.fp, meetings.fn) == (0, 1, 1)


def test_evaluate_gates_on_the_projects_own_corpus(pipeline_run: Callable[[Path], Path]) -> None:
    output = pipeline_run(TEST_CORPUS)
    evaluation = evaluate(Graph().parse(output / "diplomacy.ttl", format="turtle"), load_gold(TEST_GOLD))
    table = evaluation.table()
    assert evaluation.scores["persons"].f1 >= 0.9, table
    assert evaluation.scores["current holdings"].f1 >= 0.9, table
    assert evaluation.scores["meetings"].f1 >= 0.9, table
    assert evaluation.merges == (1, 1), table
    assert evaluation.wrong_merges[0] == 0, table
    assert evaluation.negative_hits == [], table


def test_evaluate_own_corpus_skips_the_german_article(pipeline_run: Callable[[Path], Path]) -> None:
    report = json.loads((pipeline_run(TEST_CORPUS) / "run-report.json").read_text(encoding="utf-8"))
    outcomes = {f["file"]: f for f in report["files"]}
    german = outcomes["09_dpa_de_warschau_kanzlerin.txt"]
    assert german["outcome"] == "skipped" and "not an English article" in german["reason"]


def test_evaluate_command_line(pipeline_run: Callable[[Path], Path]) -> None:
    output = pipeline_run(TEST_CORPUS)
    command = [
        sys.executable,
        "-m",
        "pipeline",
        "evaluate",
        "--gold",
        str(TEST_GOLD),
        str(output / "diplomacy.ttl"),
        "--format",
        "json",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, check=True, cwd=PROJECT_ROOT, timeout=300
    )
    scores = json.loads(result.stdout)
    assert set(scores) >= {"persons", "current holdings", "meetings", "topics", "cross_document"}
    assert scores["meetings"]["f1"] >= 0.9


def test_evaluate_group_id_matches_each_pair_of_a_ceremony() -> None:
    """A joint meeting annotated pairwise under one group id matches every pair it contains."""
    ttl = (
        TTL
        + """
ex:omar a dip:Person ; rdfs:label "Omar Fathy" ; dip:mentionedIn ex:a .
ex:m3 a dip:Meeting ; dip:participant ex:ana , ex:ken , ex:omar ; dip:date "2025-01-08"^^xsd:date ;
    dip:mode "in-person" ; dip:reportedIn ex:a .
"""
    )
    changed = gold()
    meetings = changed["documents"]["a.txt"]["meetings"]
    for pair, name in (("m2", "Ken Sato"), ("m3", "Omar Fathy")):
        meetings.append(
            {"id": pair, "participants": ["Ana Lima", name], "date": "2025-01-08", "group": "G1 ceremony"}
        )
    score = evaluate(Graph().parse(data=ttl, format="turtle"), changed).scores["meetings"]
    assert (score.tp, score.fp, score.fn) == (3, 0, 0), (score.misses, score.extras)


def test_evaluate_one_meeting_is_one_event_not_a_held_and_a_planned_one() -> None:
    """A prediction matching a held and a planned meeting stands for the held one: no merge error."""
    changed = gold()
    document = changed["documents"]["a.txt"]
    document["meetings"][0]["date"] = None
    document["meetings"].append(
        {
            "id": "m2",
            "participants": ["Ana Lima", "Ken Sato"],
            "date": None,
            "required": False,
            "status": "planned",
        }
    )
    changed["must_not_merge"] = [
        {"a": {"doc": "a.txt", "meeting": "m1"}, "b": {"doc": "a.txt", "meeting": "m2"}}
    ]
    evaluation = evaluate(Graph().parse(data=TTL, format="turtle"), changed)
    assert evaluation.wrong_merges == (0, 1)
    assert evaluation.scores["meetings"].tp == 1


def test_evaluate_negative_fact_with_a_role_is_that_role_only() -> None:
    """ "President" as head of state is a negative fact; the President of the Government is not it."""
    changed = gold()
    changed["documents"]["a.txt"]["negative_facts"] = [
        {
            "person": "Ana Lima",
            "office": "Foreign",
            "country": "BR",
            "status": "current",
            "role": "head_of_state",
        }
    ]
    assert evaluate(Graph().parse(data=TTL, format="turtle"), changed).negative_hits == []
    changed["documents"]["a.txt"]["negative_facts"][0]["role"] = "foreign_minister"
    assert evaluate(Graph().parse(data=TTL, format="turtle"), changed).negative_hits != []


def test_evaluate_topics_map_to_the_gold_scheme_by_label() -> None:
    """A predicted topic whose label is an altLabel of a gold concept counts as that concept."""
    changed = gold()
    changed["topics_additional"] = [{"prefLabel": "Investment", "altLabels": ["Tariffs"]}]
    topics = evaluate(Graph().parse(data=TTL, format="turtle"), changed).scores["topics"]
    assert (topics.tp, topics.fp, topics.fn) == (2, 0, 0)


def test_evaluate_organization_posts_and_missing_documents() -> None:
    """A post of an international organization matches the gold's organization; gold documents
    absent from the graph are named in a warning."""
    ttl = (
        TTL
        + """
ex:un a dip:InternationalOrganization ; rdfs:label "United Nations" .
ex:sg a dip:Office ; rdfs:label "Secretary-General of the United Nations" ; dip:organization ex:un ;
    dip:role ex:iorole .
ex:iorole skos:notation "international_organization_head" .
ex:h2 a dip:OfficeHolding ; dip:holder ex:ken ; dip:office ex:sg ; dip:status dip:Current ; dip:supportedBy ex:e .
"""
    )
    changed = gold()
    changed["documents"]["a.txt"]["office_holdings"][1] = {
        "person": "Ken Sato",
        "office": "Secretary-General of the United Nations",
        "country": None,
        "organization": "United Nations",
        "status": "current",
        "role": "international_organization_head",
    }
    changed["documents"]["b.txt"] = {"persons": [{"name": "Nobody Here", "required": True}]}
    evaluation = evaluate(Graph().parse(data=ttl, format="turtle"), changed)
    holdings = evaluation.scores["current holdings"]
    assert (holdings.tp, holdings.fp, holdings.fn) == (2, 0, 0), (holdings.misses, holdings.extras)
    assert evaluation.missing_documents == ("b.txt",)
    assert "1 of 2 gold documents" in evaluation.warnings()[0]


def test_evaluate_command_prints_each_documents_cells_and_the_worklist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--by-document and --details add a line per document and every miss and extra under it;
    a gold document the graph lacks is a warning on stderr, not on stdout."""
    graph, gold_file = tmp_path / "graph.ttl", tmp_path / "gold.json"
    graph.write_text(TTL, encoding="utf-8")
    changed = gold()
    changed["documents"]["b.txt"] = {"persons": [{"name": "Nobody Here", "required": True}]}
    gold_file.write_text(json.dumps(changed), encoding="utf-8")
    argv = ["evaluate", "--gold", str(gold_file), str(graph), "--by-document", "--details"]
    assert main(argv) == EXIT_OK
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "warning: 1 of 2 gold documents are not in the graph (b.txt): is this the gold of another corpus?"
    ]
    lines = out.splitlines()
    assert lines[0].split() == ["metric", "P", "R", "F1", "TP", "FP", "FN"]
    assert [line.split() for line in lines if line.startswith(("a.txt ", "b.txt "))] == [
        ["a.txt", "2/1/1", "1/0/1", "1/0/0", "1/1/1"],
        ["b.txt", "0/0/1", "0/0/0", "0/0/0", "0/0/0"],
    ]
    details = lines[lines.index("(cells: TP/FP/FN)") + 1 :]
    assert details[:3] == ["a.txt", "  miss  persons: Omar Fathy", "  extra persons: Share Story"]
    assert details[-2:] == ["b.txt", "  miss  persons: Nobody Here"]


def test_evaluate_command_unreadable_gold_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph, gold_file = tmp_path / "graph.ttl", tmp_path / "gold.json"
    graph.write_text(TTL, encoding="utf-8")
    gold_file.write_text('{"documents": {"a.txt": {"persons": [{"surface_forms": []}]}}}', encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold_file), str(graph)]) == EXIT_ERROR
    assert capsys.readouterr().err.splitlines() == [
        f"diplomacy-kg: error: cannot evaluate {gold_file}: 'name'"
    ]
