"""The graphs of the seeds and the sample corpus are the recorded ones (see golden_graphs)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_CORPUS, SEEDS, needs_shared
from tests.golden_graphs import GOLDEN, describe


def _check(name: str, output: Path) -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    actual = describe(output / "diplomacy.ttl")
    if actual["digest"] != expected["digest"]:
        changed = {
            p: (expected["predicates"].get(p, 0), n)
            for p, n in sorted({**expected["predicates"], **actual["predicates"]}.items())
            if expected["predicates"].get(p, 0) != actual["predicates"].get(p, 0)
        }
        pytest.fail(
            f"the {name} graph is not the recorded one ({expected['triples']} → {actual['triples']} triples; "
            f"counts that changed, recorded → now: {changed or 'none: the same counts, other values'}); "
            "if the change is meant, record it with `make golden`"
        )


def test_golden_graphs_sample_corpus_graph_is_the_recorded_one(pipeline_run: Callable[[Path], Path]) -> None:
    _check("sample", pipeline_run(SAMPLE_CORPUS))


def test_golden_graphs_seeds_graph_is_the_recorded_one(pipeline_run: Callable[[Path], Path]) -> None:
    needs_shared()
    _check("seeds", pipeline_run(SEEDS))


def test_golden_graphs_digest_ignores_order_and_sees_a_changed_value(tmp_path: Path) -> None:
    one, two, three = tmp_path / "1.ttl", tmp_path / "2.ttl", tmp_path / "3.ttl"
    one.write_text('<urn:a> <urn:p> "x" , "y" .\n', encoding="utf-8")
    two.write_text('<urn:a> <urn:p> "y" .\n<urn:a> <urn:p> "x" .\n', encoding="utf-8")
    three.write_text('<urn:a> <urn:p> "x" , "z" .\n', encoding="utf-8")
    assert describe(one)["digest"] == describe(two)["digest"]
    assert describe(one)["digest"] != describe(three)["digest"]
