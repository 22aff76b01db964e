"""Scores and what they are shown as: the JSON, the text tables and the worklist of details."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "misses": self.misses,
            "extras": self.extras,
        }


@dataclass
class Evaluation:
    scores: dict[str, Score]
    location: tuple[int, int]  # correct, scored
    merges: tuple[int, int]  # merged as gold says, cross-document events
    wrong_merges: tuple[int, int]  # merged although they must not be, pairs
    negative_hits: list[str]
    missing_documents: tuple[str, ...] = ()  # gold documents with no article in the graph
    documents: int = 0  # gold documents in all

    def as_dict(self) -> dict[str, Any]:
        return {
            **{name: score.as_dict() for name, score in self.scores.items()},
            "location": {"correct": self.location[0], "scored": self.location[1]},
            "cross_document": {"merged": self.merges[0], "events": self.merges[1]},
            "must_not_merge": {
                "wrongly_merged": self.wrong_merges[0],
                "pairs": self.wrong_merges[1],
            },
            "negative_facts_hit": self.negative_hits,
            "missing_documents": list(self.missing_documents),
        }

    def table(self) -> str:
        lines = [f"{'metric':<22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}"]
        for name, s in self.scores.items():
            lines.append(
                f"{name:<22}{s.precision:>7.2f}{s.recall:>7.2f}{s.f1:>7.2f}{s.tp:>6}{s.fp:>5}{s.fn:>5}"
            )
        lines.append(f"{'location accuracy':<22}{self.location[0]}/{self.location[1]}")
        lines.append(f"{'cross-document merges':<22}{self.merges[0]}/{self.merges[1]}")
        lines.append(f"{'must-not-merge errors':<22}{self.wrong_merges[0]}/{self.wrong_merges[1]}")
        if self.negative_hits:
            lines.append("negative facts produced: " + "; ".join(self.negative_hits))
        return "\n".join(lines)

    def warnings(self) -> list[str]:
        """What makes the scores mean less than they seem: gold documents absent from the graph."""
        if not self.missing_documents:
            return []
        shown = ", ".join(self.missing_documents[:3]) + (", …" if len(self.missing_documents) > 3 else "")
        return [
            f"warning: {len(self.missing_documents)} of {self.documents} gold documents are not in the graph "
            f"({shown}): is this the gold of another corpus?"
        ]

    def details(self) -> list[str]:
        """Every miss and extra, grouped by document: the worklist."""
        by_document: dict[str, list[str]] = {}
        for name, score in self.scores.items():
            for kind, entries in (("miss ", score.misses), ("extra", score.extras)):
                for entry in entries:
                    document, _, what = entry.partition(": ")
                    by_document.setdefault(document, []).append(f"  {kind} {name}: {what}")
        lines = []
        for document in sorted(by_document):
            lines.append(document)
            lines.extend(by_document[document])
        return lines


def document_table(scores: dict[str, dict[str, Score]]) -> str:
    """One line per document: TP/FP/FN of each metric."""
    names = ("persons", "current holdings", "meetings", "topics")
    lines = [f"{'document':<58}" + "".join(f"{n.split()[0]:>16}" for n in names)]
    for doc, by_metric in scores.items():
        cells = "".join(f"{f'{s.tp}/{s.fp}/{s.fn}':>16}" for s in (by_metric[n] for n in names))
        lines.append(f"{doc[:57]:<58}{cells}")
    lines.append("(cells: TP/FP/FN)")
    return "\n".join(lines)
