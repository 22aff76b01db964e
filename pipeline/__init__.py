"""diplomacy-kg: diplomacy news in, a validated knowledge graph out.

The public surface is small and pinned by tests/test_public_api.py:

    from pipeline import Settings, run_pipeline, evaluate_files

Everything else is internal and may change; the command line (``diplomacy-kg``) and the
graph's vocabulary (ontology/, shapes/) are the stable interfaces.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["PipelineError", "Settings", "__version__", "evaluate_files", "run_pipeline"]

if TYPE_CHECKING:
    from pipeline.config import Settings
    from pipeline.errors import PipelineError
    from pipeline.evaluate.scoring import evaluate_files
    from pipeline.run.runner import run_pipeline


def __getattr__(name: str) -> Any:
    # Imported on first use: `python -m pipeline --help` need not load Luigi or spaCy.
    if name == "Settings":
        from pipeline.config import Settings

        return Settings
    if name == "PipelineError":
        from pipeline.errors import PipelineError

        return PipelineError
    if name == "evaluate_files":
        from pipeline.evaluate.scoring import evaluate_files

        return evaluate_files
    if name == "run_pipeline":
        from pipeline.run.runner import run_pipeline

        return run_pipeline
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
