"""The table printed when a run ends: what came in, what came out, how long, where.

File outcomes, the verdict, timings and paths come from the run report; the counts of
persons, offices, meetings, topics and triples come from SPARQL on the graph that was
written (``pipeline.report.graph_view.count_graph``), so the table says what the file holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.report.graph_view import GraphCounts
from pipeline.run.progress import STAGE_NAMES, stage_name
from pipeline.run_report import Outputs, RunReport


@dataclass(frozen=True)
class Summary:
    processed: int
    skipped: int
    skipped_by_reason: tuple[tuple[str, int], ...]
    counts: GraphCounts
    conforms: bool
    shacl_results: int
    seconds: tuple[tuple[str, float | None], ...]  # per stage in chain order; None: reused
    total_seconds: float
    ran: int
    reused: int
    outputs: tuple[tuple[str, str], ...]
    warnings: tuple[str, ...] = ()
    rejected: tuple[tuple[str, int], ...] = ()  # candidate facts dropped, by reason, most first
    cpu_seconds: tuple[tuple[str, float], ...] = ()  # per stage that ran, summed over its tasks


def build_summary(report: RunReport, counts: GraphCounts) -> Summary:
    """The summary of a run from its run report and the counts of its graph."""
    timings = dict(report.timings)
    cpu_timings = dict(report.cpu_timings)
    reused_stages = {label.split(":", 1)[0] for label in report.tasks.reused}
    order = list(STAGE_NAMES)
    stages = sorted(
        set(timings) | reused_stages, key=lambda s: (order.index(s) if s in order else len(order), s)
    )
    return Summary(
        processed=report.counts.processed,
        skipped=report.counts.skipped,
        skipped_by_reason=tuple(sorted(report.counts.skipped_by_reason)),
        counts=counts,
        conforms=report.validation.conforms,
        shacl_results=report.validation.results,
        seconds=tuple((stage_name(s), timings.get(s)) for s in stages),
        cpu_seconds=tuple((stage_name(s), cpu_timings[s]) for s in stages if s in cpu_timings),
        total_seconds=report.seconds,
        ran=len(report.tasks.ran),
        reused=len(report.tasks.reused),
        outputs=_outputs(report.outputs),
        warnings=report.warnings,
        rejected=tuple(
            sorted(
                ((reason, n) for reason, n in report.counts.rejected if n),
                key=lambda item: (-item[1], item[0]),
            )
        ),
    )


def _outputs(outputs: Outputs) -> tuple[tuple[str, str], ...]:
    labelled = (
        ("graph", outputs.graph),
        ("validation report", outputs.validation_report),
        ("run report", outputs.run_report),
        ("HTML report", outputs.html_report),
        ("picture", outputs.picture),
    )
    return tuple((label, path) for label, path in labelled if path is not None)


def _table(rows: Sequence[tuple[str, str]], indent: str = "  ") -> list[str]:
    width = max((len(label) for label, _ in rows), default=0)
    return [f"{indent}{label:<{width}}  {value}".rstrip() for label, value in rows]


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def render_summary(summary: Summary) -> str:
    """The summary as aligned plain text (no colour, no box drawing: it goes to logs too)."""
    c = summary.counts
    verdict = (
        "conforms" if summary.conforms else f"does not conform ({_plural(summary.shacl_results, 'result')})"
    )
    skipped = _plural(summary.skipped, "file") + " skipped"
    if summary.skipped_by_reason:
        skipped += " (" + ", ".join(f"{reason}: {n:,}" for reason, n in summary.skipped_by_reason) + ")"
    merged = f", {c.meetings_merged:,} of them reported by more than one article" if c.meetings_merged else ""
    lines = [f"diplomacy-kg: the graph {verdict}"]
    lines += [f"diplomacy-kg: warning: {warning}" for warning in summary.warnings]
    rows = [
        ("articles", f"{summary.processed:,} processed, {skipped}"),
        ("persons", f"{c.persons:,}"),
        ("offices", f"{c.offices:,}"),
        ("meetings", f"{c.meetings:,}, merging {_plural(c.meeting_reports, 'report')}{merged}"),
        ("topics", f"{c.topics:,}"),
    ]
    if summary.rejected:
        reasons = ", ".join(f"{reason}: {n:,}" for reason, n in summary.rejected)
        total = sum(n for _, n in summary.rejected)
        rows.append(("rejected", f"{_plural(total, 'candidate fact')} ({reasons})"))
    rows += [("triples", f"{c.triples:,}"), ("SHACL", verdict)]
    lines += ["", *_table(rows)]
    lines.append("")
    cpu = dict(summary.cpu_seconds)
    total_cpu = f"  {sum(cpu.values()):7.2f}" if cpu else ""
    lines += _table(
        [("stage", "seconds" + ("      cpu" if cpu else ""))]
        + [
            (
                name,
                "reused"
                if seconds is None
                else f"{seconds:7.2f}" + (f"  {cpu[name]:7.2f}" if name in cpu else ""),
            )
            for name, seconds in summary.seconds
        ]
        + [
            (
                "total",
                f"{summary.total_seconds:7.2f}{total_cpu}  ({summary.ran:,} tasks ran, {summary.reused:,} reused)",
            )
        ]
    )
    lines += [""] + _table(list(summary.outputs))
    return "\n".join(lines)
