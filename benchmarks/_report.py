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
    full, ner, whole, noop, add = run["full"], run["ner"], run["spacy"], run["noop"], run["add"]
    seconds = full["seconds"]
    values: dict[str, float] = {
        "pipeline_seconds": seconds,
        "pipeline_articles_per_s": files / seconds,
        "pipeline_words_per_s": words / seconds,
        "pipeline_cpu_seconds": full.get("cpu_seconds", 0.0),
        "load_before_full": full.get("load_before", 0.0),
        "peak_rss_self_mib": full["rss"]["self_mib"],
        "peak_rss_children_mib": full["rss"]["children_mib"],
        "triples": float(full["triples"] or 0),
        "noop_seconds": noop["seconds"],
        "noop_process_seconds": noop["process_seconds"],
        "noop_ratio": noop["seconds"] / seconds,
        "add_seconds": add["seconds"],
        "add_ratio": add["seconds"] / seconds,
        "add_tasks_ran": float(add["tasks_ran"]),
        "noop_tasks_ran": float(noop["tasks_ran"]),
    }
    for name, measured in (("ner", ner), ("spacy", whole)):
        values[f"{name}_seconds"] = measured["pipe_seconds"]
        values[f"{name}_cpu_seconds"] = measured.get("cpu_seconds", 0.0)
        values[f"{name}_load_before"] = measured.get("load_before", 0.0)
        values[f"{name}_load_seconds"] = measured["load_seconds"]
        values[f"{name}_articles_per_s"] = files / measured["pipe_seconds"]
        values[f"{name}_words_per_s"] = words / measured["pipe_seconds"]
        values[f"{name}_sentences_per_s"] = measured["sentences"] / measured["pipe_seconds"]
        values[f"{name}_peak_rss_mib"] = max(measured["rss"]["self_mib"], measured["rss"]["children_mib"])
        # Pipeline throughput as a share of spaCy's: 1.0 would mean the pipeline costs nothing more.
        values[f"ratio_to_{name}"] = measured["pipe_seconds"] / seconds
    # Task seconds: tasks of one stage run in parallel, so a stage can exceed the wall time.
    for stage, stage_seconds in full["timings"].items():
        values[f"stage_{stage}"] = stage_seconds
    for stage, stage_seconds in full.get("cpu_timings", {}).items():
        values[f"cpustage_{stage}"] = stage_seconds
    for stage, stage_seconds in add["timings"].items():
        values[f"addstage_{stage}"] = stage_seconds
    return values


def medians(per_run: list[dict[str, float]]) -> dict[str, float]:
    keys = sorted({k for run in per_run for k in run})
    return {k: statistics.median(run[k] for run in per_run if k in run) for k in keys}


def goals(count: int, median: dict[str, float], workers: int, results_dir: Path) -> list[dict[str, Any]]:
    """The goals of issue 13, checked where this run can tell."""
    peak = max(median["peak_rss_self_mib"], median["peak_rss_children_mib"])
    rows = [
        _goal("end to end ≥ 0.8 × NER-only (same processes)", 2000, count, median["ratio_to_ner"], 0.8, "≥"),
        _goal("peak RSS of any process ≤ 800 MB", 10000, count, peak, 800.0, "≤"),
        _goal("no-op rerun ≤ 2 s", 10000, count, median["noop_seconds"], 2.0, "≤"),
        _goal("+1 article ≤ 5 % of the full run", 10000, count, median["add_ratio"], 0.05, "≤"),
    ]
    baseline = results_dir / "1000.json"
    if count > 1000 and baseline.exists():
        base = json.loads(baseline.read_text(encoding="utf-8"))
        if base.get("benchmark", {}).get("workers") == workers:
            ratio = median["pipeline_seconds"] / base["median"]["pipeline_seconds"]
            limit = 1.05 * count / 1000
            rows.append(_goal(f"time({count}) ÷ time(1000) ≤ {limit:g}", 10000, count, ratio, limit, "≤"))
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
        f"## {count:,} articles — {corpus_info['words']:,} words, {corpus_info['sentences']:,} sentences; median of {runs} run(s), {workers} process(es)",
        "",
        f"| {count:,} articles, {workers} process(es) | wall | CPU | articles/s | words/s | pipeline ÷ this | load before |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, label in (("ner", "spaCy `ner` alone (its own tok2vec)"), ("spacy", "spaCy, whole model")):
        lines.append(
            f"| {label} | {median[f'{name}_seconds']:.1f} s | {median[f'{name}_cpu_seconds']:.1f} s "
            f"| {median[f'{name}_articles_per_s']:.1f} | {median[f'{name}_words_per_s']:,.0f} "
            f"| {median[f'ratio_to_{name}']:.2f} | {median[f'{name}_load_before']:.1f} |"
        )
    lines += [
        f"| `diplomacy-kg run --workers {workers}` | {median['pipeline_seconds']:.1f} s "
        f"| {median['pipeline_cpu_seconds']:.1f} s | {median['pipeline_articles_per_s']:.1f} "
        f"| {median['pipeline_words_per_s']:,.0f} | 1.00 | {median['load_before_full']:.1f} |",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| spaCy model load (not in the figures above) | ner {median['ner_load_seconds']:.1f} s, whole {median['spacy_load_seconds']:.1f} s |",
    ]
    stages = sorted((k for k in median if k.startswith("stage_")), key=_stage_order)
    task_seconds = sum(median[key] for key in stages)
    for key in stages:
        share = median[key] / task_seconds
        cpu = median.get(f"cpu{key}")
        lines.append(
            f"| stage {key[6:]} (task seconds, summed over workers) | {median[key]:.1f} s ({share:.0%})"
            + ("" if cpu is None else f", CPU {cpu:.1f} s")
            + " |"
        )
    lines += [
        f"| peak RSS (pipeline process / children) | {median['peak_rss_self_mib']:,.0f} MiB / {median['peak_rss_children_mib']:,.0f} MiB |",
        f"| peak RSS (spaCy alone: ner / whole) | {median['ner_peak_rss_mib']:,.0f} / {median['spacy_peak_rss_mib']:,.0f} MiB |",
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
        "| goal (issue 13) | stated at | value | met |",
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
