"""An article extracted before, in another shard, is taken from that shard's target."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pipeline import records
from pipeline.config import Settings
from pipeline.records import ParseResult
from pipeline.run.article_reuse import earlier_lines
from pipeline.run.runner import run_pipeline
from tests.conftest import SAMPLE_CORPUS, copy_corpus

CASES = Path(__file__).resolve().parent / "data" / "cases"


def _added_article() -> Path:
    return next(p for p in sorted(CASES.glob("*/*.txt")))


def _extract_targets(output: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (output / "work" / "extract").glob("*.jsonl")}


def test_article_reuse_adding_a_file_extracts_only_it_and_gives_the_graph_of_a_cold_run(
    tmp_path: Path,
) -> None:
    corpus = copy_corpus(SAMPLE_CORPUS, tmp_path / "news")
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    run_pipeline(corpus, warm, Settings())
    before = _extract_targets(warm)
    shutil.copy(_added_article(), corpus / "zz-added.txt")
    result = run_pipeline(corpus, warm, Settings())
    run_pipeline(corpus, cold, Settings())
    assert (warm / "diplomacy.ttl").read_bytes() == (cold / "diplomacy.ttl").read_bytes()
    new = {name: text for name, text in _extract_targets(warm).items() if name not in before}
    assert new and all(_extract_targets(cold)[name] == text for name, text in new.items())
    assert any(label.startswith("ExtractShard:") for label in result.ran)


def test_article_reuse_takes_the_earlier_line_as_it_is(tmp_path: Path) -> None:
    """An earlier line marked by hand reaches the new target: it was copied, not extracted again."""
    corpus = copy_corpus(SAMPLE_CORPUS, tmp_path / "news")
    output = tmp_path / "out"
    run_pipeline(corpus, output, Settings())
    (target,) = (output / "work" / "extract").glob("*.jsonl")
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    marked = json.loads(lines[0])
    marked["rejected"] = [["a mark no extraction writes", 1]]
    lines[0] = json.dumps(marked, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
    target.write_text("".join(lines), encoding="utf-8")
    shutil.copy(_added_article(), corpus / "zz-added.txt")
    run_pipeline(corpus, output, Settings())
    (made,) = (p for p in (output / "work" / "extract").glob("*.jsonl") if p != target)
    assert lines[0] in made.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(made.read_text(encoding="utf-8").splitlines()) == len(lines) + 1


def test_article_reuse_finds_the_lines_of_earlier_targets_and_passes_over_broken_ones(
    tmp_path: Path,
) -> None:
    output = tmp_path / "out"
    run_pipeline(copy_corpus(SAMPLE_CORPUS, tmp_path / "news"), output, Settings())
    work = output / "work"
    (index,) = (work / "extract-index").iterdir()
    (target,) = (work / "extract").glob("*.jsonl")
    (parsed,) = (work / "parse").glob("*.jsonl")
    with parsed.open(encoding="utf-8") as handle:
        articles = [r.article for r in records.load_lines(ParseResult, handle) if r.article is not None]
    found = earlier_lines(index, work / "extract", "another-key", articles)
    assert sorted(found.values()) == sorted(target.read_text(encoding="utf-8").splitlines(keepends=True))
    assert earlier_lines(index, work / "extract", target.stem, articles) == {}  # not its own
    (index / "broken.json").write_text("[[1, 2", encoding="utf-8")
    (index / "gone.json").write_text(json.dumps([[articles[0].source.source_file, "x"]]), encoding="utf-8")
    target.write_text('{"article": ', encoding="utf-8")  # damaged since
    assert earlier_lines(index, work / "extract", "another-key", articles) == {}
