"""The evaluator, and the extraction gates on the project's own annotated corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdflib import Graph

from pipeline.config import PROJECT_ROOT
from pipeline.evaluate import evaluate, name_key, normalise
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
