"""Run: the chain of stages as Luigi tasks, and what a run tells its user.

``plan`` lists the inputs, cuts shards and computes every content key (``work_files``
keeps the plan and its shards under work/); ``tasks`` wires the stages (Luigi tasks only
wire: the work is in the stage rooms); ``runner`` runs the plan; ``publish`` copies the
graph into the output folder; ``progress`` and ``summary`` speak to the terminal;
``reporting`` builds run-report.json (its record: ``pipeline.run_report``);
``output_folder`` keeps one run per output folder; ``commands`` is the
``run`` command.
"""

from pipeline.run.runner import RunResult, run_pipeline

__all__ = ["RunResult", "run_pipeline"]
