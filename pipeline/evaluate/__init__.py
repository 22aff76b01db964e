"""The evaluator: a finished graph scored against gold annotations (``../shared/gold/README.md``)."""

from pipeline.evaluate.scoring import Evaluation, Score, evaluate, evaluate_files, read_gold

__all__ = ["Evaluation", "Score", "evaluate", "evaluate_files", "read_gold"]
