"""Figures, goals and the results table of a benchmark (medians over runs)."""

from __future__ import annotations

import json
import os
import platform
import statistics
from pathlib import Path
from typing import Any

GIB = 1024.0  # MiB per GiB


# ---------------------------------------------------------------- figures


def figures(run: dict[str, Any], files: int, words: int) -> dict[str, float]:
    """The flat figures of one run (the table's rows)."""
    full, raw, noop, add = run["full"], run["raw"], run["noop"], run["add"]
    seconds = full["seconds"]
    values: dict[str, float] = {
        "pipeline_seconds": seconds,
        "pipeline_articles_per_s": files / seconds,
        "pipeline_words_per_s": words / seconds,
        "raw_pipe_seconds": raw["pipe_seconds"],
        "raw_load_seconds": raw["load_seconds"],
        "raw_articles_per_s": files / raw["pipe_seconds"],
        "raw_words_per_s": words / raw["pipe_seconds"],
        "raw_sentences_per_s": raw["sentences"] / raw["pipe_seconds"],
        "throughput_ratio": raw["pipe_seconds"] / seconds,
        "peak_rss_self_mib": full["rss"]["self_mib"],
        "peak_rss_children_mib": full["rss"]["children_mib"],
        "raw_peak_rss_mib": raw["rss"]["self_mib"],
        "triples": float(full["triples"] or 0),
        "noop_seconds": noop["seconds"],
        "noop_process_seconds": noop["process_seconds"],
        "noop_ratio": noop["seconds"] / seconds,
        "add_seconds": add["seconds"],
        "add_ratio": add["seconds"] / seconds,
        "add_tasks_ran": float(add["tasks_ran"]),
        "noop_tasks_ran": float(noop["tasks_ran"]),
    }
    # Task seconds: tasks of one stage run in parallel, so a stage can exceed the wall time.
    for stage, stage_seconds in full["timings"].items():
        values[f"stage_{stage}"] = stage_seconds
    for stage, stage_seconds in add["timings"].items():
        values[f"addstage_{stage}"] = stage_seconds
    return values


def medians(per_run: list[dict[str, float]]) -> dict[str, float]:
    keys = sorted({k for run in per_run for k in run})
    return {k: statistics.median(run[k] for run in per_run if k in run) for k in keys}


def goals(count: int, median: dict[str, float], workers: int, results_dir: Path) -> list[dict[str, Any]]:
    """The goals of issue 5, checked where this run can tell."""
    peak = max(median["peak_rss_self_mib"], median["peak_rss_children_mib"])
    rows = [
        _goal("throughput ≥ 0.8 × raw nlp.pipe", 2000, count, median["throughput_ratio"], 0.8, "≥"),
        _goal("peak RSS ≤ 1.5 GB", 10000, count, peak / GIB, 1.5, "≤"),
        _goal("no-op rerun ≤ 3 s", 10000, count, median["noop_seconds"], 3.0, "≤"),
        _goal("+1 article ≤ 10 % of the full run", None, count, median["add_ratio"], 0.10, "≤"),
    ]
    baseline = results_dir / "1000.json"
    if count > 1000 and baseline.exists():
        base = json.loads(baseline.read_text(encoding="utf-8"))
        if base.get("benchmark", {}).get("workers") == workers:
            ratio = median["pipeline_seconds"] / base["median"]["pipeline_seconds"]
            rows.append(
                _goal(
                    f"time({count}) ÷ time(1000) ≤ {1.1 * count / 1000:g}",
                    10000,
                    count,
                    ratio,
                    1.1 * count / 1000,
                    "≤",
                )
            )
    return rows


def _goal(name: str, at: int | None, count: int, value: float, target: float, sense: str) -> dict[str, Any]:
    met = value >= target if sense == "≥" else value <= target
    return {
        "goal": name,
        "stated_at_articles": at,
        "value": round(value, 3),
        "target": target,
        "met": met,
        "at_stated_scale": at in (None, count),
    }


# ---------------------------------------------------------------- output


def table(
    count: int,
    runs: int,
    workers: int,
    corpus_info: dict[str, int],
    median: dict[str, float],
    rows: list[dict[str, Any]],
) -> str:
    """The results as a Markdown table (medians over the runs)."""
    lines = [
        f"## {count:,} articles — {corpus_info['words']:,} words, {corpus_info['sentences']:,} sentences; median of {runs} run(s), workers={workers}",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| pipeline end to end | {median['pipeline_seconds']:.1f} s |",
        f"| pipeline throughput | {median['pipeline_articles_per_s']:.2f} articles/s, {median['pipeline_words_per_s']:,.0f} words/s |",
        f"| raw nlp.pipe (same sentences) | {median['raw_pipe_seconds']:.1f} s (+{median['raw_load_seconds']:.1f} s model load) |",
        f"| raw nlp.pipe throughput | {median['raw_articles_per_s']:.2f} articles/s, {median['raw_words_per_s']:,.0f} words/s, {median['raw_sentences_per_s']:.0f} sentences/s |",
        f"| pipeline ÷ raw throughput | {median['throughput_ratio']:.2f} |",
    ]
    stages = sorted((k for k in median if k.startswith("stage_")), key=_stage_order)
    task_seconds = sum(median[key] for key in stages)
    for key in stages:
        share = median[key] / task_seconds
        lines.append(
            f"| stage {key[6:]} (task seconds, summed over workers) | {median[key]:.1f} s ({share:.0%}) |"
        )
    lines += [
        f"| peak RSS (pipeline process / children) | {median['peak_rss_self_mib']:,.0f} MiB / {median['peak_rss_children_mib']:,.0f} MiB |",
        f"| peak RSS (raw spaCy process) | {median['raw_peak_rss_mib']:,.0f} MiB |",
        f"| triples | {median['triples']:,.0f} |",
        f"| no-op rerun | {median['noop_seconds']:.2f} s ({median['noop_ratio']:.1%} of full; process {median['noop_process_seconds']:.1f} s; {median['noop_tasks_ran']:.0f} tasks ran) |",
        f"| +1 article rerun | {median['add_seconds']:.1f} s ({median['add_ratio']:.1%} of full; {median['add_tasks_ran']:.0f} tasks ran) |",
        "| +1 article rerun by stage | "
        + ", ".join(
            f"{key[9:]} {median[key]:.1f} s"
            for key in sorted((k for k in median if k.startswith("addstage_")), key=_stage_order)
        )
        + " |",
        "",
        "| goal (issue 5) | stated at | value | met |",
        "| --- | --- | --- | --- |",
    ]
    for row in rows:
        scale = f"{row['stated_at_articles']:,}" if row["stated_at_articles"] else "any N"
        verdict = ("yes" if row["met"] else "**no**") + ("" if row["at_stated_scale"] else " (other N)")
        lines.append(f"| {row['goal']} | {scale} | {row['value']} | {verdict} |")
    return "\n".join(lines)


_STAGES = ("ParseShard", "ExtractShard", "Resolve", "GenerateRdf", "Validate", "Publish", "Report")


def _stage_order(key: str) -> tuple[int, str]:
    stage = key.split("_", 1)[1]
    return (_STAGES.index(stage) if stage in _STAGES else len(_STAGES), stage)


def machine() -> dict[str, Any]:
    import importlib.metadata

    versions = {}
    for package in ("spacy", "luigi", "rdflib", "pyshacl"):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = "?"
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        **versions,
    }
