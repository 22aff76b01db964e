"""What a corpus of news looks like, in numbers: measured on real articles, reproduced by the generator.

Usage::

    python -m benchmarks.corpus_stats measure DIR [DIR ...] [--gold FILE ...] [--out FILE]
    python -m benchmarks.corpus_stats compare DIR [--sample N]

``measure`` reads real articles (for example ``../shared/corpus/seeds`` and the prepared
development corpus) and writes only numbers — the quantiles of each measure — to
``benchmarks/data/real-news.json`` (never a word of the texts). ``compare`` measures
another folder (a generated corpus) the same way and prints both side by side.

Per article: words (whitespace-separated, whole file), sentences and words per sentence
(the pipeline's own parse), named entities and distinct PERSON names (spaCy NER alone),
title words (``benchmarks/data/title_words.txt``, our own list, not the extractor's),
page-noise lines (non-blank lines that are not prose: under six words or without closing
punctuation) and, where a gold file says so, meetings.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
REAL = DATA / "real-news.json"
MEASURES = (
    ("words", "words per article"),
    ("sentences", "sentences per article"),
    ("sentence_words", "words per sentence"),
    ("entities", "named entities per article"),
    ("persons", "distinct persons (NER) per article"),
    ("titles", "title words per article"),
    ("noise_lines", "page-noise lines per article"),
    ("meetings", "meetings per article"),
    ("entities_per_100_words", "named entities per 100 words"),
    ("persons_per_100_words", "distinct persons per 100 words"),
)
QUANTILES = (5, 10, 25, 50, 75, 90, 95)
_CLOSING = tuple('.?!:;"”’)')


@dataclass
class Sample:
    """Per-article (and per-sentence) values of every measure."""

    values: dict[str, list[float]] = field(default_factory=lambda: {name: [] for name, _ in MEASURES})


def title_pattern() -> re.Pattern[str]:
    words = [w.strip() for w in (DATA / "title_words.txt").read_text(encoding="utf-8").splitlines()]
    words = sorted((w for w in words if w and not w.startswith("#")), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def noise_lines(text: str) -> int:
    """Lines a reader would not take for the article's prose."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return sum(1 for line in lines if len(line.split()) < 6 or not line.endswith(_CLOSING))


def measure(files: Iterable[Path], *, meetings: dict[str, int] | None = None) -> Sample:
    """Every measure over the English articles among ``files``."""
    import spacy

    from pipeline.extract.nlp import installed_model
    from pipeline.ingest.parse import parse_file
    from pipeline.records import InputFile

    nlp = spacy.load(installed_model(None), exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    titles = title_pattern()
    sample = Sample()
    for path in sorted(files):
        raw = path.read_bytes()
        source = InputFile(path.name, "sha256:" + hashlib.sha256(raw).hexdigest(), len(raw))
        parsed = parse_file(source, raw, max_text_chars=400_000)
        if parsed.article is None:
            continue
        text = raw.decode("utf-8", errors="replace")
        sentences = [s.text for s in parsed.article.sentences]
        docs = list(nlp.pipe(sentences, batch_size=64))
        values = sample.values
        values["words"].append(len(text.split()))
        values["sentences"].append(len(sentences))
        values["sentence_words"].extend(len(s.split()) for s in sentences)
        values["entities"].append(sum(len(doc.ents) for doc in docs))
        values["persons"].append(len({e.text for doc in docs for e in doc.ents if e.label_ == "PERSON"}))
        values["titles"].append(len(titles.findall(text)))
        values["noise_lines"].append(noise_lines(text))
        words = max(1, len(text.split()))
        values["entities_per_100_words"].append(100 * values["entities"][-1] / words)
        values["persons_per_100_words"].append(100 * values["persons"][-1] / words)
        if meetings is not None and path.name in meetings:
            values["meetings"].append(meetings[path.name])
    return sample


def summary(sample: Sample) -> dict[str, dict[str, float]]:
    """Quantiles, mean, least and most of every measure: numbers only."""
    result = {}
    for name, _ in MEASURES:
        values = sorted(sample.values[name])
        if not values:
            continue
        cuts = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
        result[name] = {
            "n": len(values),
            "mean": round(statistics.fmean(values), 2),
            "min": round(values[0], 2),
            **{f"p{q}": round(cuts[q - 1], 2) for q in QUANTILES},
            "max": round(values[-1], 2),
        }
    return result


def gold_meetings(paths: Sequence[Path]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in paths:
        documents = json.loads(path.read_text(encoding="utf-8")).get("documents", {})
        counts.update({name: len(doc.get("meetings", [])) for name, doc in documents.items()})
    return counts


def generated_meetings(folder: Path) -> dict[str, int] | None:
    """Meetings per file of a generated corpus, from the manifest beside its folder."""
    manifest = folder.parent / "manifest.json"
    if not manifest.exists():
        return None
    counts: dict[str, int] = json.loads(manifest.read_text(encoding="utf-8")).get("meetings_by_file", {})
    return counts


def table(left: dict[str, Any], right: dict[str, Any], names: tuple[str, str]) -> str:
    """Both summaries side by side, one row per measure: median (p10–p90) and mean."""
    rows = [f"| measure | {names[0]} | {names[1]} |", "| --- | --- | --- |"]
    for name, label in MEASURES:
        cells = []
        for side in (left, right):
            s = side.get(name)
            cells.append(
                "—" if not s else f"{s['p50']:g} ({s['p10']:g}–{s['p90']:g}), mean {s['mean']:g}, n {s['n']}"
            )
        rows.append(f"| {label} | {cells[0]} | {cells[1]} |")
    rows.append("median (10th–90th percentile), mean, number of values")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.corpus_stats", description=__doc__.split("\n\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    real = commands.add_parser("measure", help="measure real articles; write numbers only")
    real.add_argument("folders", nargs="+", type=Path)
    real.add_argument(
        "--gold", nargs="*", type=Path, default=[], help="gold files giving meetings per article"
    )
    real.add_argument("--out", type=Path, default=REAL)
    other = commands.add_parser("compare", help="measure a folder and print it beside the real distributions")
    other.add_argument("folder", type=Path)
    other.add_argument("--sample", type=int, default=300, help="articles to measure (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.command == "measure":
        files = [p for folder in args.folders for p in sorted(folder.iterdir()) if p.is_file()]
        stats = summary(measure(files, meetings=gold_meetings(args.gold)))
        record = {
            "what": "distributions measured on real news articles (numbers only)",
            "sources": [folder.name for folder in args.folders],
            # Excerpts cut by the tool that fetched them: their lengths are lower bounds.
            "articles_of_2000_characters_or_more": sum(len(p.read_bytes()) >= 2000 for p in files),
            "measures": stats,
        }
        args.out.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(table(stats, {}, ("real", "")))
        return 0
    reference = json.loads(REAL.read_text(encoding="utf-8"))["measures"]
    files = sorted(p for p in args.folder.iterdir() if p.is_file())[: args.sample]
    print(
        table(
            reference,
            summary(measure(files, meetings=generated_meetings(args.folder))),
            ("real articles", str(args.folder)),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
