"""The end-of-run summary: its counts are SPARQL counts on the graph the run wrote."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from pipeline.cli import EXIT_OK, main
from pipeline.report.graph_view import GraphCounts, count_graph
from pipeline.run.summary import build_summary, render_summary
from pipeline.run_report import Outputs, RunReport, Tasks, Validation
from tests.conftest import SAMPLE_CORPUS, SEEDS, needs_shared
from tests.test_run_report import run_report

PREFIXES = "PREFIX dip: <https://w3id.org/dipkg/ontology#>\n"


def sparql_count(graph: Graph, where: str) -> int:
    rows = list(graph.query(PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))
    return int(rows[0][0])


def printed(summary: str, row: str) -> list[int]:
    """The numbers of one row of the printed table ("meetings  7, merging 8 reports, …")."""
    line = next(line for line in summary.splitlines() if line.split()[:1] == [row])
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", line)]


def summary_of(output: Path) -> tuple[str, Graph, dict[str, object]]:
    """What ``diplomacy-kg run`` prints for a run's output, and the graph it counts."""
    text = (output / "run-report.json").read_text(encoding="utf-8")
    graph = Graph().parse(output / "diplomacy.ttl", format="turtle")
    return (
        render_summary(build_summary(RunReport.from_json(text), count_graph(graph))),
        graph,
        json.loads(text),
    )


def graph_counts(**counts: int) -> GraphCounts:
    """Counts of a small graph: zero but for those given."""
    fields = (
        "articles",
        "persons",
        "offices",
        "meetings",
        "meeting_reports",
        "meetings_merged",
        "topics",
        "triples",
    )
    return GraphCounts(**{name: counts.get(name, 0) for name in fields})


@pytest.mark.parametrize("corpus", ["sample", "seeds"])
def test_summary_counts_equal_sparql_counts(corpus: str, pipeline_run: Callable[[Path], Path]) -> None:
    if corpus == "seeds":
        needs_shared()
    output = pipeline_run(SAMPLE_CORPUS if corpus == "sample" else SEEDS)
    summary, graph, report = summary_of(output)

    def distinct(kind: str) -> int:
        return sparql_count(graph, f"SELECT DISTINCT ?x WHERE {{ ?x a dip:{kind} }}")

    assert printed(summary, "persons") == [distinct("Person")]
    assert printed(summary, "offices") == [distinct("Office")]
    assert printed(summary, "topics") == [distinct("Topic")]
    assert printed(summary, "triples") == [len(graph)]
    reports = sparql_count(graph, "SELECT DISTINCT ?m ?a WHERE { ?m a dip:Meeting ; dip:reportedIn ?a }")
    merged = sparql_count(graph, "SELECT ?m WHERE { ?m dip:reportedIn ?a , ?b FILTER(?a != ?b) } GROUP BY ?m")
    assert printed(summary, "meetings") == [distinct("Meeting"), reports] + ([merged] if merged else [])
    processed, skipped = printed(summary, "articles")[:2]
    assert processed == distinct("NewsArticle")
    counts = report["counts"]
    assert isinstance(counts, dict)
    # The resolution's own counts (run report) agree with the graph.
    assert (processed, skipped) == (counts["processed"], counts["skipped"])
    assert (distinct("Person"), distinct("Meeting"), len(graph)) == (
        counts["persons"],
        counts["meetings"],
        counts["triples"],
    )
    # What the extraction dropped is said, by reason, with its total.
    rejected = counts["rejected"]
    assert isinstance(rejected, dict) and rejected, "real news always has candidates to drop"
    assert printed(summary, "rejected")[0] == sum(rejected.values())
    for reason, n in rejected.items():
        assert f"{reason}: {n:,}" in summary


def test_summary_shows_cpu_seconds_beside_wall_seconds() -> None:
    report = run_report(
        counts={"processed": 1},
        timings=(("ParseShard", 0.5), ("ExtractShard", 2.5), ("Report", 0.25)),
        cpu_timings=(("ParseShard", 0.25), ("ExtractShard", 2.0), ("Report", 0.1)),
        tasks=Tasks(ran=("ParseShard:p", "ExtractShard:k"), reused=("Validate:v",)),
        seconds=3.5,
    )
    lines = render_summary(build_summary(report, graph_counts(articles=1))).splitlines()
    table = lines[lines.index("  stage     seconds      cpu") + 1 :]
    assert table[:5] == [
        "  parse        0.50     0.25",
        "  extract      2.50     2.00",
        "  validate  reused",
        "  report       0.25     0.10",
        "  total        3.50     2.35  (2 tasks ran, 1 reused)",
    ]


def test_summary_run_report_has_cpu_seconds_of_every_stage_that_ran(
    pipeline_run: Callable[[Path], Path],
) -> None:
    output = pipeline_run(SAMPLE_CORPUS)
    report = RunReport.from_json((output / "run-report.json").read_text(encoding="utf-8"))
    wall, cpu = dict(report.timings), dict(report.cpu_timings)
    assert list(cpu) == list(wall) and "ExtractShard" in cpu and "Report" in cpu
    assert all(isinstance(seconds, float) and seconds >= 0 for seconds in cpu.values())
    assert cpu["ExtractShard"] > 0  # the model ran in the process that ran the task
    for label in report.tasks.ran:
        family, key = label.split(":", 1)
        timing = json.loads(
            (output / "work" / "timings" / f"{family}-{key}.json").read_text(encoding="utf-8")
        )
        assert set(timing) == {"task", "key", "seconds", "cpu_seconds"}


def test_summary_of_a_failed_validation_with_skipped_files() -> None:
    report = run_report(
        counts={"processed": 3, "skipped": 3, "skipped_by_reason": (("duplicate", 2), ("too large", 1))},
        validation=Validation(conforms=False, results=4, by_shape=(), summary=""),
        timings=(("ExtractShard", 2.5), ("Report", 0.25)),
        tasks=Tasks(ran=("ExtractShard:k", "Validate:v"), reused=("ParseShard:p",)),
        seconds=3.2,
        outputs=Outputs(
            graph="out/diplomacy.nonconforming.ttl",
            validation_report="out/validation-report.ttl",
            run_report="out/run-report.json",
        ),
    )
    counts = graph_counts(articles=3, persons=1, meetings=1, meeting_reports=2, meetings_merged=1, triples=9)
    text = render_summary(build_summary(report, counts))
    lines = text.splitlines()
    assert lines[0] == "diplomacy-kg: the graph does not conform (4 results)"
    assert "  articles  3 processed, 3 files skipped (duplicate: 2, too large: 1)" in lines
    assert "  meetings  1, merging 2 reports, 1 of them reported by more than one article" in lines
    stages = [line.split()[0] for line in lines[lines.index("  stage    seconds") + 1 :] if line.strip()]
    assert stages[:4] == ["parse", "extract", "report", "total"]
    assert "  parse    reused" in lines
    assert lines[-3:] == [
        "  graph              out/diplomacy.nonconforming.ttl",
        "  validation report  out/validation-report.ttl",
        "  run report         out/run-report.json",
    ]


def test_summary_shows_warnings_and_rejected_candidates_by_reason() -> None:
    report = run_report(
        counts={
            "processed": 2,
            "rejected": (("meeting without two participants", 7), ("unknown title", 5), ("no reason", 0)),
        },
        warnings=("something was not done",),
    )
    counts = graph_counts(articles=2, triples=4)
    lines = render_summary(build_summary(report, counts)).splitlines()
    assert lines[:2] == ["diplomacy-kg: the graph conforms", "diplomacy-kg: warning: something was not done"]
    assert "  rejected  12 candidate facts (meeting without two participants: 7, unknown title: 5)" in lines


def test_summary_of_a_report_without_rejected_counts_has_no_such_row() -> None:
    report = run_report(counts={"processed": 1})
    counts = graph_counts(articles=1, triples=1)
    text = render_summary(build_summary(report, counts))
    assert "rejected" not in text and "warning" not in text


@pytest.mark.parametrize(
    ("files", "warning"),
    [
        ({}, "the input folder holds no files: the graph has no article"),
        (
            {"empty.txt": b"", "blank.txt": b"  \n"},
            "every input file was skipped (2): the graph has no article",
        ),
    ],
    ids=["empty-folder", "every-file-skipped"],
)
def test_summary_warns_when_no_article_was_read(
    files: dict[str, bytes], warning: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "input"
    inputs.mkdir()
    for name, data in files.items():
        (inputs / name).write_bytes(data)
    output = tmp_path / "output"
    argv = ["run", "--input", str(inputs), "--output", str(output), "--progress", "none"]
    assert main(argv) == EXIT_OK  # an empty graph conforms: the warning says what the status does not
    captured = capsys.readouterr()
    assert f"diplomacy-kg: warning: {warning}" in captured.out.splitlines()
    assert captured.err == ""
    report = json.loads((output / "run-report.json").read_text(encoding="utf-8"))
    assert report["warnings"] == [warning]
    assert report["counts"]["articles"] == 0 and report["counts"]["rejected"] == {}
