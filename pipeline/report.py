"""The run report (run-report.json): every input file's outcome, counts, versions.

Built after the Luigi run from the targets it left, so it is right whether tasks ran
now or were reused from an earlier run.
"""

from __future__ import annotations

import importlib.metadata
import json
import platform
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline import __version__, records
from pipeline.config import Settings
from pipeline.plan import Plan
from pipeline.records import FileOutcome, ResolutionSummary

_PACKAGES = ("spacy", "rdflib", "pyshacl", "luigi", "pyoxigraph", "lingua-language-detector", "trafilatura")


def build_run_report(
    *,
    plan: Plan,
    settings: Settings,
    output_dir: Path,
    ran: list[str],
    reused: list[str],
    seconds: float,
) -> dict[str, Any]:
    work = output_dir / "work"
    outcomes = _file_outcomes(work, plan)
    summary = _summary(work, plan)
    duplicates = dict(summary.duplicates)
    verdict = json.loads((work / "validate" / f"{plan.validate_key}.json").read_text(encoding="utf-8"))
    files = []
    for result in outcomes:
        entry: dict[str, Any] = {
            "file": result.source.source_file,
            "content_hash": result.source.content_hash,
            "bytes": result.source.size,
        }
        if result.encoding is not None:
            entry["encoding"] = result.encoding  # e.g. "cp1252", "utf-16", "utf-8+html"
        if result.reason is not None:
            entry.update(outcome="skipped", reason=result.reason)
        elif result.source.source_file in duplicates:
            original = duplicates[result.source.source_file]
            entry.update(
                outcome="skipped",
                reason=f"duplicate: the same bytes as '{original}' (linked from its article as dip:duplicateSourceFile)",
            )
        else:
            entry.update(outcome="processed")
        files.append(entry)
    files.extend({"file": u.source_file, "outcome": "skipped", "reason": u.reason} for u in plan.unlisted)
    files.sort(key=lambda f: f["file"])
    reasons = Counter(_reason_kind(f["reason"]) for f in files if f["outcome"] == "skipped")
    return {
        "pipeline": {"name": "diplomacy-kg", "version": __version__},
        "versions": _versions(),
        "configuration": {
            **settings.describe(),
            "fingerprints": plan.fingerprints,
            "plan": plan.plan_key,
        },
        "input": plan.input_dir,
        "output": str(output_dir),
        "files": files,
        "counts": {
            "files": len(files),
            "processed": sum(f["outcome"] == "processed" for f in files),
            "skipped": sum(f["outcome"] == "skipped" for f in files),
            "skipped_by_reason": dict(sorted(reasons.items())),
            "articles": summary.articles,
            "persons": summary.persons,
            "offices": summary.offices,
            "office_holdings": summary.office_holdings,
            "current_holdings": summary.current_holdings,
            "holdings_without_country": summary.holdings_without_country,
            "meetings": summary.meetings,
            "meetings_reported_more_than_once": summary.meetings_reported_more_than_once,
            "topics": summary.topics,
            "triples": verdict["triples"],
            "rejected": dict(summary.rejected),
        },
        "warnings": run_warnings(files),
        "validation": {k: verdict[k] for k in ("conforms", "results", "by_shape", "summary")},
        "tasks": {"ran": ran, "reused": reused},
        "timings": _timings(work, ran),
        "seconds": round(seconds, 3),
        "outputs": {
            "graph": str(
                output_dir / ("diplomacy.ttl" if verdict["conforms"] else "diplomacy.nonconforming.ttl")
            ),
            "validation_report": str(output_dir / "validation-report.ttl"),
            "run_report": str(output_dir / "run-report.json"),
        },
    }


def run_warnings(files: list[dict[str, Any]]) -> list[str]:
    """What a run did not do that its exit status does not say: an empty graph conforms."""
    if not files:
        return ["the input folder holds no files: the graph has no article"]
    if not any(f["outcome"] == "processed" for f in files):
        return [f"every input file was skipped ({len(files):,}): the graph has no article"]
    return []


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


def _timings(work: Path, ran: list[str]) -> dict[str, float]:
    """Seconds per stage, summed over the tasks that ran in this run ("Family:key")."""
    per_stage: Counter[str] = Counter()
    for label in ran:
        family, key = label.split(":", 1)
        path = work / "timings" / f"{family}-{key}.json"
        if path.exists():
            per_stage[family] += json.loads(path.read_text(encoding="utf-8"))["seconds"]
    return {stage: round(seconds, 3) for stage, seconds in sorted(per_stage.items())}


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for package in _PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return versions
