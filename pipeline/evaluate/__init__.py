"""The evaluator: a finished graph scored against gold annotations (``../shared/gold/README.md``)."""

from pipeline.evaluate.gold import read_gold
from pipeline.evaluate.results import Evaluation, Score
from pipeline.evaluate.scoring import evaluate, evaluate_files

__all__ = ["Evaluation", "Score", "evaluate", "evaluate_files", "read_gold"]
