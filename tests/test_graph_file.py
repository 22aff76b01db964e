"""Writing the graph reusing the last graph's rows: the same bytes as writing it from nothing."""

from __future__ import annotations

import dataclasses
import io
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import records
from pipeline.extract.lexicon import Lexicon
from pipeline.rdf import turtle
from pipeline.rdf.graph_file import GraphWritten, write_graph
from pipeline.rdf.triples import triples
from pipeline.rdf.turtle import TurtleWriter
from pipeline.records import Resolution
from pipeline.vocab import DEFAULT_BASE_IRI, GRAPH_PREFIXES, instance_prefixes
from tests.conftest import TEST_CORPUS

WRITER = TurtleWriter({**GRAPH_PREFIXES, **instance_prefixes(DEFAULT_BASE_IRI)})


@pytest.fixture(scope="module")
def resolution(pipeline_run: Callable[[Path], Path]) -> Resolution:
    (path,) = (pipeline_run(TEST_CORPUS) / "work" / "resolve").glob("*.jsonl")
    with path.open(encoding="utf-8") as handle:
        return records.from_item_lines(Resolution, handle)


def _from_nothing(resolution: Resolution, lexicon: Lexicon) -> str:
    return "".join(WRITER.write(triples(resolution, lexicon, base_iri=DEFAULT_BASE_IRI)))


def _written(
    resolution: Resolution, lexicon: Lexicon, cache: Path, key: str = "k"
) -> tuple[str, GraphWritten]:
    out = io.StringIO()
    lines = cache.parent / f"{cache.name}-resolution.jsonl"
    lines.write_text("".join(records.item_lines(resolution)), encoding="utf-8")
    written = write_graph(
        lines,
        out,
        writer=WRITER,
        lexicon=lexicon,
        base_iri=DEFAULT_BASE_IRI,
        cache_dir=cache,
        cache_key=key,
    )
    return out.getvalue(), written


def _changed(resolution: Resolution) -> Resolution:
    """One article, one meeting and one person fewer, and one person renamed."""
    first, *others = resolution.persons
    return dataclasses.replace(
        resolution,
        articles=resolution.articles[1:],
        meetings=resolution.meetings[1:],
        persons=(dataclasses.replace(first, aliases=(*first.aliases, "Another Form")), *others),
    )


def test_graph_file_from_nothing_is_the_writer_s_turtle(
    resolution: Resolution, lexicon: Lexicon, tmp_path: Path
) -> None:
    text, written = _written(resolution, lexicon, tmp_path)
    assert text == _from_nothing(resolution, lexicon)
    assert written.reused == 0 and written.entities > 50
    assert [p.name for p in tmp_path.iterdir()] == ["k.rows"]


@pytest.mark.parametrize("run_triples", [turtle.RUN_TRIPLES, 97])
def test_graph_file_reusing_other_rows_gives_the_same_bytes(
    resolution: Resolution,
    lexicon: Lexicon,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_triples: int,
) -> None:
    monkeypatch.setattr(turtle, "RUN_TRIPLES", run_triples)  # 97: sorted runs spilled to disk, then merged
    before = _changed(resolution)
    _written(before, lexicon, tmp_path)
    text, written = _written(resolution, lexicon, tmp_path)
    assert text == _from_nothing(resolution, lexicon)
    # Everything but the entities the change touched came from the last graph's rows.
    assert written.entities - 3 <= written.reused < written.entities
    # And back: the rows now kept are the new graph's.
    text, written = _written(before, lexicon, tmp_path)
    assert text == _from_nothing(before, lexicon)


def test_graph_file_damaged_rows_cost_the_reuse_not_the_graph(
    resolution: Resolution, lexicon: Lexicon, tmp_path: Path
) -> None:
    _written(resolution, lexicon, tmp_path)
    rows = tmp_path / "k.rows"
    whole = rows.read_bytes()
    # Cut in a batch, cut between batches (only the end mark lost), not rows, empty.
    cut_short = whole[: -len(pickle.dumps(None))]
    for damage in (whole[: len(whole) // 2], cut_short, b"not rows at all", b""):
        rows.write_bytes(damage)
        text, written = _written(resolution, lexicon, tmp_path)
        assert text == _from_nothing(resolution, lexicon)
        assert written.reused == 0
        text, written = _written(resolution, lexicon, tmp_path)  # the rows were written again
        assert written.reused == written.entities


def test_graph_file_keeps_only_the_rows_of_its_key(
    resolution: Resolution, lexicon: Lexicon, tmp_path: Path
) -> None:
    _written(resolution, lexicon, tmp_path, key="old-code")
    text, written = _written(resolution, lexicon, tmp_path, key="new-code")
    assert written.reused == 0  # rows made by other code or another ontology are never read
    assert text == _from_nothing(resolution, lexicon)
    assert [p.name for p in tmp_path.iterdir()] == ["new-code.rows"]
