"""The evaluator: a finished graph scored against gold annotations (``../shared/gold/README.md``).

``gold`` reads the gold file, ``predicted`` the graph (by SPARQL), ``matching`` says when
a predicted person, holding or meeting is the gold one, ``scoring`` counts, ``results``
holds the scores and their tables, ``commands`` is the ``evaluate`` command.
"""

from pipeline.evaluate.gold import read_gold
from pipeline.evaluate.results import Evaluation, Score
from pipeline.evaluate.scoring import evaluate, evaluate_files

__all__ = ["Evaluation", "Score", "evaluate", "evaluate_files", "read_gold"]
