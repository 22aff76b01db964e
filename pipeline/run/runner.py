"""One run of the chain: plan, build the Luigi tasks, collect what happened.

The only place that talks to Luigi's scheduler. The CLI turns the result into output
and an exit status.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import luigi
import luigi.rpc
from luigi.execution_summary import LuigiRunResult

from pipeline import records
from pipeline.config import Settings
from pipeline.errors import PipelineError, TaskFailedError
from pipeline.extract.nlp import get_nlp, release_nlp
from pipeline.files import write_bytes_atomically
from pipeline.report.cache import render_if_changed
from pipeline.report.graph_view import GraphCounts
from pipeline.report.render import HTML_FILE, PICTURE_FILE
from pipeline.run.output_folder import hold_output_folder
from pipeline.run.plan import Plan, make_plan
from pipeline.run.progress import ProgressWriter, Reporter, TaskTotal, clear_records
from pipeline.run.publish import Published
from pipeline.run.report_task import DrawReport, read_drawn
from pipeline.run.reporting import build_run_report
from pipeline.run.tasks import ExtractShard, Publish, Stage
from pipeline.run.work_files import write_plan
from pipeline.run_report import RunReport
from pipeline.validate.compiled import compile_shapes
from pipeline.validate.pyshacl_reference import load_shapes


@dataclass(frozen=True)
class Scheduler:
    """Local scheduler by default; a running ``luigid`` when a host is given."""

    host: str | None = None
    port: int = 8082


@dataclass
class RunResult:
    plan: Plan
    conforms: bool
    report: RunReport
    summary: str
    ran: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    counts: GraphCounts | None = None  # by SPARQL on the graph written (for the summary)


def run_pipeline(
    input_dir: Path,
    output_dir: Path,
    settings: Settings,
    *,
    scheduler: Scheduler = Scheduler(),
    log_level: str = "WARNING",
    progress: Reporter | None = None,
) -> RunResult:
    """Run parse → extract → resolve → RDF → validate → publish over ``input_dir``.

    Then write report.html and meetings.svg beside the graph. ``progress`` is started
    here; the caller ends it (also when this raises).
    """
    started = time.perf_counter()
    # Unreadable shapes, or shapes the validator cannot check, are the user's to fix: say
    # so now, not from inside a Luigi task.
    compile_shapes(load_shapes(settings.shapes_dir))
    plan = make_plan(input_dir, settings, output_dir=output_dir)
    with hold_output_folder(output_dir, shared=scheduler.host is not None):
        return _run_plan(
            plan, input_dir, output_dir, settings, scheduler, log_level, progress, started=started
        )


def _run_plan(
    plan: Plan,
    input_dir: Path,
    output_dir: Path,
    settings: Settings,
    scheduler: Scheduler,
    log_level: str,
    progress: Reporter | None,
    *,
    started: float,
) -> RunResult:
    work = output_dir / "work"
    write_plan(work, plan)
    final = Publish(
        output_dir=str(output_dir),
        settings=settings,
        input_dir=str(input_dir),
        plan_key=plan.plan_key,
    )
    drawing = final.sibling(DrawReport)  # beside validation: a second worker draws the report
    roots: list[Stage] = [final, drawing]
    every = list(_walk(roots))
    done_before = {t.task_id for t in every if t.complete()}
    to_run, reused_totals = _progress_totals(every, done_before, plan)
    clear_records(work / "progress", to_run)
    if progress is not None:
        progress.begin(work / "progress", to_run, reused_totals)
    preloaded = (
        any(isinstance(t, ExtractShard) and t.task_id not in done_before for t in every)
        and settings.workers > 1
    )
    if preloaded:
        get_nlp(settings)  # load once in this process; worker processes inherit it
    if scheduler.host is not None:
        # Workers on other machines may hold tasks this run needs: wait for them.
        config = luigi.configuration.get_config()
        config.set("worker", "keep_alive", "true")
        config.set("worker", "wait_interval", "0.5")
    try:
        outcome = luigi.build(
            roots,
            workers=settings.workers,
            local_scheduler=scheduler.host is None,
            scheduler_host=scheduler.host or "localhost",
            scheduler_port=scheduler.port,
            detailed_summary=True,
            log_level=log_level,
        )
    except luigi.rpc.RPCError as exc:
        raise PipelineError(f"the run did not start: {exc}") from exc
    finally:
        if preloaded:
            release_nlp()  # only the workers used it: the report need not draw beside it
    if not all(root.complete() for root in roots):
        raise _failure(outcome)
    ran = sorted(_label(t) for t in every if t.task_id not in done_before)
    reused = sorted(_label(t) for t in every if t.task_id in done_before)
    published = records.from_json(Published, Path(final.output().path).read_text(encoding="utf-8"))
    report = build_run_report(
        plan=plan,
        settings=settings,
        output_dir=output_dir,
        ran=ran,
        reused=reused,
        seconds=time.perf_counter() - started,
    )
    report, counts = _render(output_dir, input_dir, plan, report, drawing)
    write_bytes_atomically(output_dir / "run-report.json", report.to_json().encode("utf-8"))
    return RunResult(
        plan=plan,
        conforms=published.conforms,
        report=report,
        summary=report.validation.summary,
        ran=ran,
        reused=reused,
        counts=counts,
    )


def _progress_totals(
    every: list[luigi.Task], done_before: set[str], plan: Plan
) -> tuple[list[TaskTotal], list[TaskTotal]]:
    """The tasks a progress display follows (those to run, and the report), and those reused."""
    totals = {
        t.task_id: TaskTotal(t.task_family, t.key(), t.articles()) for t in every if isinstance(t, Stage)
    }
    to_run = [total for task_id, total in totals.items() if task_id not in done_before]
    reused = [total for task_id, total in totals.items() if task_id in done_before]
    return [*to_run, TaskTotal("Report", plan.plan_key, len(plan.files))], reused


def _render(
    output_dir: Path, input_dir: Path, plan: Plan, report: RunReport, drawing: DrawReport
) -> tuple[RunReport, GraphCounts]:
    """Write report.html and meetings.svg of the graph from ``drawing``'s target (unless they
    are already those of this graph and run: ``pipeline.report.cache``); the run report that
    notes them."""
    writer = ProgressWriter(output_dir / "work" / "progress", "Report", plan.plan_key)
    writer.start(len(plan.files))
    cpu_started = time.process_time()
    rendered = render_if_changed(
        Path(report.outputs.graph),
        html_path=output_dir / HTML_FILE,
        picture_path=output_dir / PICTURE_FILE,
        cache_dir=output_dir / "work" / "report",
        run_report=report,
        articles_dir=input_dir,
        drawn=lambda: read_drawn(drawing.output()),
    )
    writer.finish()
    rendered_report = report.with_rendering(
        html=rendered.html,
        picture=rendered.picture,
        seconds=rendered.seconds,
        cpu_seconds=round(time.process_time() - cpu_started, 3),
    )
    return rendered_report, rendered.counts


def _walk(roots: Sequence[luigi.Task]) -> Iterator[luigi.Task]:
    """Every task the roots need, each once."""
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        current = stack.pop()
        if current.task_id in seen:
            continue
        seen.add(current.task_id)
        yield current
        stack.extend(luigi.task.flatten(current.requires()))


def _label(task: luigi.Task) -> str:
    key = task.key() if isinstance(task, Stage) else task.task_id
    return f"{task.task_family}:{key}"


def _failure(outcome: LuigiRunResult) -> TaskFailedError:
    """The error of the first task that failed: its one-line message, its traceback as details.

    ``Stage.on_failure`` makes a task's explanation that line followed by the traceback.
    """
    worker = outcome.worker
    failed = sorted({task.task_id for task, status, _ in worker._add_task_history if status == "FAILED"})
    for task_id in failed:
        explanation = worker._scheduler.fetch_error(task_id).get("error") or ""
        try:
            explanation = json.loads(explanation)
        except ValueError:
            pass
        line, _, details = str(explanation).partition("\n")
        if line.strip():
            return TaskFailedError(f"the run did not finish: {line.strip()}", details=details)
    return TaskFailedError(
        "the run did not finish: a task failed (-v shows Luigi's log)", details=outcome.summary_text
    )
