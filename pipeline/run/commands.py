"""The ``run`` command: the pipeline with progress on stderr, the summary on stdout, then a load."""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.config import Settings
from pipeline.run.progress import Reporter
from pipeline.run.runner import Scheduler, run_pipeline
from pipeline.run.summary import build_summary, render_summary
from pipeline.store.commands import LoadRequest, load_into


def run_command(
    input_dir: Path,
    output_dir: Path,
    settings: Settings,
    *,
    scheduler: Scheduler,
    progress: str,
    verbose: int,
    quiet: bool,
    load: LoadRequest | None,
) -> bool:
    """Run the pipeline and, when the graph conforms, load it if asked. True if it conforms.

    ``progress``: "auto", "bar", "lines" or "none"; ``verbose`` also raises Luigi's log level.
    """
    reporter = _reporter(progress, verbose=verbose, quiet=quiet)
    try:
        result = run_pipeline(
            input_dir,
            output_dir,
            settings,
            scheduler=scheduler,
            log_level=_luigi_level(verbose=verbose, quiet=quiet),
            progress=reporter,
        )
    finally:
        if reporter is not None:
            reporter.end()  # its last lines come before the summary
    if not quiet and result.counts is not None:
        print(render_summary(build_summary(result.report, result.counts)), flush=True)
    if not result.conforms:
        print(result.summary, file=sys.stderr)
        print(
            f"the graph was written to {result.report.outputs.graph}, not over diplomacy.ttl",
            file=sys.stderr,
        )
        return False
    if load is not None:
        load_into(Path(result.report.outputs.graph), load)
    return True


def _luigi_level(*, verbose: int, quiet: bool) -> str:
    # A failed task logs its traceback at ERROR: the command says it in one line instead.
    if quiet or not verbose:
        return "CRITICAL"
    return "INFO" if verbose == 1 else "DEBUG"


def _reporter(mode: str, *, verbose: int, quiet: bool) -> Reporter | None:
    """The progress display the options and the terminal ask for (none with -q)."""
    if quiet or mode == "none":
        return None
    if mode == "auto":
        mode = "bar" if sys.stderr.isatty() and not verbose else "lines"
    return Reporter(sys.stderr, live=mode == "bar")
