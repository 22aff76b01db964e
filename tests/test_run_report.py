"""The run report record: its JSON is the contract's run-report.json, and every reader reads it."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import Settings
from pipeline.report.render import read_run_report, shacl_view, skipped_inputs
from pipeline.run_report import (
    Configuration,
    Counts,
    FileEntry,
    Outcome,
    Outputs,
    PipelineInfo,
    RunReport,
    Tasks,
    Validation,
    configuration,
)
from tests.conftest import SAMPLE_CORPUS, TEST_CORPUS


def run_report(
    *,
    files: tuple[FileEntry, ...] = (),
    counts: dict[str, Any] | None = None,
    validation: Validation | None = None,
    outputs: Outputs | None = None,
    **changes: Any,
) -> RunReport:
    """A run report of nothing but what is given (counts zero, a conforming graph in out/)."""
    zero = {
        f.name: () if f.name in ("skipped_by_reason", "rejected") else 0 for f in dataclasses.fields(Counts)
    }
    report = RunReport(
        pipeline=PipelineInfo(name="diplomacy-kg", version="0"),
        versions=(("python", "3"),),
        configuration=configuration(Settings().describe(), fingerprints={"code": "c"}, plan="p"),
        input="in",
        output="out",
        files=files,
        counts=Counts(**{**zero, **(counts or {})}),
        warnings=(),
        validation=validation or Validation(conforms=True, results=0, by_shape=(), summary="conforms"),
        tasks=Tasks(ran=(), reused=()),
        timings=(),
        cpu_timings=(),
        seconds=0.0,
        outputs=outputs
        or Outputs(
            graph="out/diplomacy.ttl", validation_report="out/v.ttl", run_report="out/run-report.json"
        ),
    )
    return dataclasses.replace(report, **changes)


@pytest.mark.parametrize("corpus", [SAMPLE_CORPUS, TEST_CORPUS], ids=["sample", "test"])
def test_run_report_round_trips_a_real_run_byte_for_byte(
    corpus: Path, pipeline_run: Callable[[Path], Path]
) -> None:
    text = (pipeline_run(corpus) / "run-report.json").read_text(encoding="utf-8")
    report = RunReport.from_json(text)
    assert report.to_json() == text
    assert RunReport.from_json(report.to_json()) == report
    # The contract's run report: every file with its outcome, skipped ones with a reason.
    assert len(report.files) == report.counts.files == report.counts.processed + report.counts.skipped
    assert all((f.outcome is Outcome.SKIPPED) == (f.reason is not None) for f in report.files)


def test_run_report_json_leaves_out_what_is_not_known() -> None:
    unlisted = FileEntry(file=".hidden", outcome=Outcome.SKIPPED, reason="hidden file")
    read = FileEntry(
        file="a.txt", content_hash="sha256:00", size=3, encoding="utf-8", outcome=Outcome.PROCESSED
    )
    data = json.loads(run_report(files=(read, unlisted)).to_json())
    assert data["files"] == [
        {
            "file": "a.txt",
            "content_hash": "sha256:00",
            "bytes": 3,
            "encoding": "utf-8",
            "outcome": "processed",
        },
        {"file": ".hidden", "outcome": "skipped", "reason": "hidden file"},
    ]
    assert "html_report" not in data["outputs"] and data["configuration"]["model"] is None
    assert list(data) == [f.name for f in dataclasses.fields(RunReport)]


def test_run_report_with_rendering_notes_the_report_files_and_their_time() -> None:
    report = run_report(timings=(("Validate", 1.5),), cpu_timings=(("Validate", 1.0),), seconds=2.0)
    rendered = report.with_rendering(
        html=Path("out/report.html"), picture=Path("out/m.svg"), seconds=0.25, cpu_seconds=0.125
    )
    assert rendered.timings == (("Validate", 1.5), ("Report", 0.25)) and rendered.seconds == 2.25
    assert rendered.cpu_timings == (("Validate", 1.0), ("Report", 0.125))
    assert (rendered.outputs.html_report, rendered.outputs.picture) == ("out/report.html", "out/m.svg")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.pop("counts"), "run report: no 'counts'"),
        (lambda d: d["counts"].update(persons="7"), "run report.counts.persons: expected int, got '7'"),
        (lambda d: d["counts"].update(persons=True), "run report.counts.persons: expected int, got True"),
        (lambda d: d.update(files={}), "run report.files: expected a JSON array"),
        (lambda d: d["files"][0].update(outcome="lost"), "run report.files[0].outcome: not one of"),
        (
            lambda d: d["validation"].update(by_shape=[]),
            "run report.validation.by_shape: expected a JSON object",
        ),
    ],
    ids=[
        "missing",
        "string-for-int",
        "bool-for-int",
        "object-for-array",
        "unknown-outcome",
        "array-for-object",
    ],
)
def test_run_report_from_json_says_what_is_wrong(
    edit: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = json.loads(run_report(files=(FileEntry(file="a", outcome=Outcome.PROCESSED),)).to_json())
    edit(data)
    with pytest.raises(ValueError, match="^" + message.replace("[", r"\[").replace("(", r"\(")):
        RunReport.from_json(json.dumps(data))


def test_run_report_configuration_takes_every_setting() -> None:
    settings = {f.name for f in dataclasses.fields(Settings)}
    assert settings == {f.name for f in dataclasses.fields(Configuration)} - {"fingerprints", "plan"}
    with pytest.raises(ValueError, match="unknown colour"):
        configuration({**Settings().describe(), "colour": "red"}, fingerprints={}, plan="p")


def test_run_report_readers_of_the_html_report(tmp_path: Path) -> None:
    skipped = FileEntry(file="b.txt", outcome=Outcome.SKIPPED, reason="empty file (0 bytes)")
    report = run_report(
        files=(FileEntry(file="a.txt", outcome=Outcome.PROCESSED), skipped),
        validation=Validation(conforms=False, results=3, by_shape=(("PersonShape", 3),), summary="no"),
        outputs=Outputs(
            graph=str(tmp_path / "diplomacy.ttl"), validation_report="v.ttl", run_report="run-report.json"
        ),
    )
    assert skipped_inputs(report) == (skipped,)
    assert skipped_inputs(None) is None
    view = shacl_view(tmp_path / "diplomacy.ttl", report)
    assert (view.source, view.conforms, view.results, view.by_shape) == (
        "run-report.json",
        False,
        3,
        (("PersonShape", 3),),
    )
    # Read beside the graph only when it is this graph's report, and a report at all.
    (tmp_path / "run-report.json").write_text(report.to_json(), encoding="utf-8")
    assert read_run_report(tmp_path / "diplomacy.ttl") == report
    assert read_run_report(tmp_path / "other.ttl") is None
    (tmp_path / "run-report.json").write_text('{"outputs": {"graph": "diplomacy.ttl"}}', encoding="utf-8")
    assert read_run_report(tmp_path / "diplomacy.ttl") is None


def test_run_report_read_beside_a_copied_graph(pipeline_run: Callable[[Path], Path], tmp_path: Path) -> None:
    output = pipeline_run(SAMPLE_CORPUS)
    for name in ("diplomacy.ttl", "run-report.json"):
        shutil.copy(output / name, tmp_path / name)
    report = read_run_report(tmp_path / "diplomacy.ttl")
    assert report is not None and report.counts.processed == len(report.files) - report.counts.skipped
