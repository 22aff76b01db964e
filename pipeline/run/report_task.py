"""The report's Luigi task: the graph read and its network laid out, beside validation."""

from __future__ import annotations

import pickle
from pathlib import Path

import luigi
import luigi.format

from pipeline.config import fingerprint
from pipeline.report.cache import report_code_fingerprint
from pipeline.report.render import Drawn, draw_graph
from pipeline.run.tasks import GenerateRdf, RunStage


class DrawReport(RunStage):
    """Read the graph for report.html and meetings.svg and lay out its network, while the
    graph is validated; the runner adds the page's context (verdict, skipped files) after."""

    def key(self) -> str:
        # The report's code is no stage's: it is part of this target's key.
        return fingerprint(self.plan().graph_key, report_code_fingerprint())

    def requires(self) -> GenerateRdf:
        return self.sibling(GenerateRdf)

    def output(self) -> luigi.LocalTarget:
        return luigi.LocalTarget(
            str(self.work / "report-drawn" / f"{self.key()}.pickle"), format=luigi.format.Nop
        )

    def run_stage(self) -> None:
        drawn = draw_graph(Path(self.input().path))
        with self.output().open("w") as out:
            pickle.dump(drawn, out, protocol=pickle.HIGHEST_PROTOCOL)
        for stale in Path(self.output().path).parent.glob("*.pickle"):
            if stale.name != f"{self.key()}.pickle":  # the drawing of an earlier graph
                stale.unlink(missing_ok=True)


def read_drawn(target: luigi.LocalTarget) -> Drawn:
    """The drawing ``DrawReport`` left in ``target``."""
    with open(target.path, "rb") as handle:
        drawn: Drawn = pickle.load(handle)
    return drawn
