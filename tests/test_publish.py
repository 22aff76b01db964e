"""Publishing: a conforming graph replaces the last one, a failed one goes beside it; copies are checked by hash."""

from __future__ import annotations

from pathlib import Path

from pipeline import records
from pipeline.run.publish import (
    GRAPH_FILE,
    NONCONFORMING_FILE,
    REPORT_FILE,
    Published,
    publish,
    still_published,
)


def _made(folder: Path, graph: str, report: str) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "graph.ttl").write_text(graph, encoding="utf-8")
    (folder / "report.ttl").write_text(report, encoding="utf-8")
    return folder / "graph.ttl", folder / "report.ttl"


def test_publish_nonconforming_graph_goes_beside_the_good_one(tmp_path: Path) -> None:
    out = tmp_path / "out"
    good = publish(*_made(tmp_path / "good", "good\n", "fine\n"), out, conforms=True)
    bad = publish(*_made(tmp_path / "bad", "bad\n", "broken\n"), out, conforms=False)
    assert (out / GRAPH_FILE).read_text(encoding="utf-8") == "good\n"
    assert (out / NONCONFORMING_FILE).read_text(encoding="utf-8") == "bad\n"
    assert (out / REPORT_FILE).read_text(encoding="utf-8") == "broken\n"
    assert [name for name, _ in bad.files] == [NONCONFORMING_FILE, REPORT_FILE]
    assert not bad.conforms and still_published(bad, out) and not still_published(good, out)
    # The next good graph removes the failed one: it would read as this run's failure.
    again = publish(*_made(tmp_path / "good", "good\n", "fine\n"), out, conforms=True)
    assert again == good and still_published(good, out)
    assert not (out / NONCONFORMING_FILE).exists()


def test_publish_a_changed_or_missing_copy_is_no_longer_published(tmp_path: Path) -> None:
    out = tmp_path / "out"
    published = publish(*_made(tmp_path / "in", "graph\n", "report\n"), out, conforms=True)
    assert records.from_json(Published, records.to_json(published)) == published
    (out / GRAPH_FILE).write_text("graph, edited\n", encoding="utf-8")
    assert not still_published(published, out)
    publish(*_made(tmp_path / "in", "graph\n", "report\n"), out, conforms=True)
    (out / REPORT_FILE).unlink()
    assert not still_published(published, out)
