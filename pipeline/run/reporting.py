"""The run report (``pipeline.run_report.RunReport``): every input file's outcome, counts, versions.

Built after the Luigi run from the targets it left, so it is right whether tasks ran
now or were reused from an earlier run.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import json
import platform
from collections import Counter
from pathlib import Path

from pipeline import __version__, records
from pipeline.config import Settings
from pipeline.records import CorpusCounts, FileOutcome, ResolutionSummary
from pipeline.run.plan import Plan
from pipeline.run.publish import REPORT_FILE, graph_file
from pipeline.run_report import (
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
from pipeline.validate.graph_file import Verdict

_PACKAGES = ("spacy", "rdflib", "pyshacl", "luigi", "pyoxigraph", "lingua-language-detector", "trafilatura")


def build_run_report(
    *,
    plan: Plan,
    settings: Settings,
    output_dir: Path,
    ran: list[str],
    reused: list[str],
    seconds: float,
) -> RunReport:
    work = output_dir / "work"
    summary = _summary(work, plan)
    verdict = records.from_json(
        Verdict, (work / "validate" / f"{plan.validate_key}.json").read_text(encoding="utf-8")
    )
    files = _file_entries(_file_outcomes(work, plan), dict(summary.duplicates), plan)
    reasons = Counter(_reason_kind(f.reason) for f in files if f.reason is not None)
    return RunReport(
        pipeline=PipelineInfo(name="diplomacy-kg", version=__version__),
        versions=_versions(),
        configuration=configuration(settings.describe(), fingerprints=plan.fingerprints, plan=plan.plan_key),
        input=plan.input_dir,
        output=str(output_dir),
        files=files,
        counts=Counts(
            files=len(files),
            processed=sum(f.outcome is Outcome.PROCESSED for f in files),
            skipped=sum(f.outcome is Outcome.SKIPPED for f in files),
            skipped_by_reason=tuple(sorted(reasons.items())),
            triples=verdict.triples,
            **{f.name: getattr(summary, f.name) for f in dataclasses.fields(CorpusCounts)},
        ),
        warnings=run_warnings(files),
        validation=Validation(
            conforms=verdict.conforms,
            results=verdict.results,
            by_shape=verdict.by_shape,
            summary=verdict.summary,
        ),
        tasks=Tasks(ran=tuple(ran), reused=tuple(reused)),
        timings=_timings(work, ran, "seconds"),
        cpu_timings=_timings(work, ran, "cpu_seconds"),
        seconds=round(seconds, 3),
        outputs=Outputs(
            graph=str(output_dir / graph_file(conforms=verdict.conforms)),
            validation_report=str(output_dir / REPORT_FILE),
            run_report=str(output_dir / "run-report.json"),
        ),
    )


def _file_entries(
    outcomes: list[FileOutcome], duplicates: dict[str, str], plan: Plan
) -> tuple[FileEntry, ...]:
    """Every input folder entry with its outcome, by name (a duplicate is skipped for its original)."""
    files = []
    for result in outcomes:
        source = result.source
        reason = result.reason
        if reason is None and source.source_file in duplicates:
            original = duplicates[source.source_file]
            reason = f"duplicate: the same bytes as '{original}' (linked from its article as dip:duplicateSourceFile)"
        files.append(
            FileEntry(
                file=source.source_file,
                content_hash=source.content_hash,
                size=source.size,
                encoding=result.encoding,
                outcome=Outcome.PROCESSED if reason is None else Outcome.SKIPPED,
                reason=reason,
            )
        )
    files.extend(
        FileEntry(file=u.source_file, outcome=Outcome.SKIPPED, reason=u.reason) for u in plan.unlisted
    )
    return tuple(sorted(files, key=lambda f: f.file))


def run_warnings(files: tuple[FileEntry, ...]) -> tuple[str, ...]:
    """What a run did not do that its exit status does not say: an empty graph conforms."""
    if not files:
        return ("the input folder holds no files: the graph has no article",)
    if not any(f.outcome is Outcome.PROCESSED for f in files):
        return (f"every input file was skipped ({len(files):,}): the graph has no article",)
    return ()


def _file_outcomes(work: Path, plan: Plan) -> list[FileOutcome]:
    outcomes: list[FileOutcome] = []
    for shard in plan.shards:
        with (work / "parse-outcomes" / f"{shard.parse_key}.jsonl").open(encoding="utf-8") as handle:
            outcomes.extend(records.load_lines(FileOutcome, handle))
    return outcomes


def _summary(work: Path, plan: Plan) -> ResolutionSummary:
    text = (work / "resolve" / f"{plan.resolve_key}.summary.json").read_text(encoding="utf-8")
    return records.from_json(ResolutionSummary, text)


def _reason_kind(reason: str) -> str:
    return reason.split(":", 1)[0].split(" (", 1)[0].strip()


def _timings(work: Path, ran: list[str], field: str) -> tuple[tuple[str, float], ...]:
    """Wall (``seconds``) or CPU (``cpu_seconds``) seconds per stage, summed over the
    tasks that ran in this run ("Family:key")."""
    per_stage: Counter[str] = Counter()
    for label in ran:
        family, key = label.split(":", 1)
        path = work / "timings" / f"{family}-{key}.json"
        if path.exists():
            per_stage[family] += json.loads(path.read_text(encoding="utf-8"))[field]
    return tuple((stage, round(seconds, 3)) for stage, seconds in sorted(per_stage.items()))


def _versions() -> tuple[tuple[str, str], ...]:
    return (("python", platform.python_version()), *((package, _version(package)) for package in _PACKAGES))


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"
