"""Benchmark the pipeline on N generated articles against spaCy alone on the same sentences.

Usage::

    python -m benchmarks.bench --articles N [--runs R] [--workers W] [--shard-size S]
                               [--seed S] [--keep DIR] [--profile FILE] [--no-snapshot]

For each run, in a fresh process each: spaCy's ``ner`` alone (with the tok2vec it uses) and the
whole spaCy model, each with ``nlp.pipe(n_process=W)`` over the sentences the pipeline
extracts from; the full pipeline (``--workers W``) into an empty output folder; a no-op
rerun (same input, same output); a rerun after adding one new article. Prints medians over
the runs beside the distributions of the generated corpus and of real news, and writes
``benchmarks/results/<N>.json``. See benchmarks/README.md for what each figure means and
the goals of issues 5 and 13.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks import generate
from benchmarks._measure import measure_pipeline, measure_spacy
from benchmarks._report import figures, goals, machine, medians, table

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
CACHE = Path(tempfile.gettempdir()) / "diplomacy-kg-bench"
STEPS = ("ner", "spacy", "full", "noop", "add")
SPACY_STEPS = ("ner", "spacy")
_CODE = ("pipeline", "ontology", "shapes", "queries", "benchmarks")


# ---------------------------------------------------------------- inputs


def corpus(count: int, seed: int, base: Path) -> Path:
    """The folder of ``count`` generated articles, generated once and reused while valid."""
    folder = base / f"corpus-s{seed}-n{count}"
    manifest = folder / generate.MANIFEST
    if manifest.exists():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        current = data.get("generator", {}).get("fingerprint") == generate.fingerprint()
        if data.get("articles") == count and current:
            return folder
    print(f"generating {count} articles (seed {seed}) into {folder} ...", flush=True)
    generate.write_corpus(count, folder, seed)
    return folder


def input_size(folder: Path) -> dict[str, int]:
    """Files, whitespace-separated words and bytes of the input folder."""
    files = words = size = 0
    for path in sorted(folder.iterdir()):
        data = path.read_bytes()
        files, words, size = files + 1, words + len(data.split()), size + len(data)
    return {"files": files, "words": words, "bytes": size}


def snapshot(work: Path) -> Path:
    """A copy of the code under test, so that edits to the working tree do not leak into a run.

    The pipeline's content keys hash its source: an edit between the full run and the
    no-op rerun would make the rerun redo everything.
    """
    root = work / "code"
    shutil.rmtree(root, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "results")
    for name in _CODE:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, root / name, ignore=ignore)
    return root


def distributions(articles: Path, sample: int) -> str:
    """The generated corpus beside real news (``benchmarks.corpus_stats``), as a table."""
    print(f"measuring the corpus ({sample} articles) against real news ...", flush=True)
    command = [
        sys.executable,
        "-m",
        "benchmarks.corpus_stats",
        "compare",
        str(articles),
        "--sample",
        str(sample),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"corpus_stats failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return done.stdout.strip()


# ---------------------------------------------------------------- one measurement per process


def spawn(step: str, args: list[str], code: Path) -> dict[str, Any]:
    """Run ``--one`` in a fresh interpreter from ``code``; its JSON result plus its wall time."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_path = Path(handle.name)
    command = [sys.executable, "-m", "benchmarks.bench", "--one", step, "--result", str(result_path), *args]
    load = os.getloadavg()[0]
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=code, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    try:
        if completed.returncode != 0:
            raise RuntimeError(f"{step} failed (exit {completed.returncode}):\n{completed.stderr[-4000:]}")
        result: dict[str, Any] = json.loads(result_path.read_text(encoding="utf-8"))
    finally:
        result_path.unlink(missing_ok=True)
    result.update(process_seconds=round(wall, 3), load_before=round(load, 2))
    return result


def one_run(
    number: int, articles: Path, work: Path, options: list[str], extra: generate.Article, code: Path
) -> dict[str, Any]:
    """spaCy NER alone, the whole spaCy model, full run, no-op rerun, +1 article rerun — each in its own process."""
    run_dir = work / f"run-{number}"
    shutil.rmtree(run_dir, ignore_errors=True)
    input_dir, output_dir = run_dir / "input", run_dir / "output"
    shutil.copytree(articles, input_dir)
    paths = ["--input", str(input_dir), "--output", str(output_dir), *options]
    measured: dict[str, Any] = {}
    for step in STEPS:
        if step == "add":
            (input_dir / extra.name).write_bytes(extra.data)
        print(f"  run {number}: {step} ...", end="", flush=True)
        measured[step] = spawn(step if step in SPACY_STEPS else "pipeline", paths, code)
        print(f" {measured[step].get('seconds', measured[step].get('pipe_seconds'))} s", flush=True)
    return measured


def profile_run(target: Path, articles: Path, work: Path, options: list[str], code: Path) -> str:
    """One more full run under cProfile (not counted in the figures); its top functions."""
    import io
    import pstats

    input_dir, output_dir = work / "profile" / "input", work / "profile" / "output"
    shutil.rmtree(work / "profile", ignore_errors=True)
    shutil.copytree(articles, input_dir)
    print("  profiling one full run ...", flush=True)
    paths = ["--input", str(input_dir), "--output", str(output_dir), "--profile", str(target.resolve())]
    spawn("pipeline", [*paths, *options], code)
    text = io.StringIO()
    stats = pstats.Stats(str(target), stream=text).strip_dirs()
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(30)
    return text.getvalue()


# ---------------------------------------------------------------- commands


def benchmark(args: argparse.Namespace) -> int:
    """Generate (or reuse) the corpus, measure every run, print and save the results."""
    work = args.keep / f"runs-n{args.articles}" if args.keep else Path(tempfile.mkdtemp(prefix="dkg-bench-"))
    code = ROOT if args.no_snapshot else snapshot(work)  # first: what is measured is the code of now
    articles = corpus(args.articles, args.seed, args.keep or CACHE) / generate.ARTICLES
    args.generator = json.loads((articles.parent / generate.MANIFEST).read_text(encoding="utf-8"))[
        "generator"
    ]
    size = input_size(articles)
    args.distributions = distributions(articles, args.distribution_sample)
    extra = generate.Generator(args.seed).extra_article(args.articles)
    options = ["--workers", str(args.workers)]
    if args.shard_size:
        options += ["--shard-size", str(args.shard_size)]
    runs: list[dict[str, Any]] = []
    try:
        for number in range(1, args.runs + 1):
            runs.append(one_run(number, articles, work, options, extra, code))
            if not args.keep:
                shutil.rmtree(work / f"run-{number}", ignore_errors=True)
        profile = profile_run(args.profile, articles, work, options, code) if args.profile else None
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return _report(args, size, runs, profile, code)


def _report(
    args: argparse.Namespace,
    size: dict[str, int],
    runs: list[dict[str, Any]],
    profile: str | None,
    code: Path,
) -> int:
    changed = [
        n
        for n, run in enumerate(runs, 1)
        if len({run[s].get("code_fingerprint") for s in STEPS if s not in SPACY_STEPS}) > 1
    ]
    median = medians([figures(run, size["files"], size["words"]) for run in runs])
    rows = goals(args.articles, median, args.workers, RESULTS)
    info = {**size, "sentences": runs[0]["ner"]["sentences"]}
    if profile:
        print("\n" + profile)
    print()
    print(table(args.articles, args.runs, args.workers, info, median, rows))
    print("\n" + args.distributions)
    if changed:
        print(
            f"\nWARNING: the pipeline's code changed during run(s) {changed}: no-op and +1 figures are void"
        )
    results = {
        "benchmark": {
            "articles": args.articles,
            "seed": args.seed,
            "runs": args.runs,
            "workers": args.workers,
            "shard_size": args.shard_size,
            "command": "python -m benchmarks.bench " + " ".join(sys.argv[1:]),
            "generator": args.generator,
            "code": str(code),
        },
        "machine": machine(),
        "corpus": info,
        "median": {k: round(v, 4) for k, v in median.items()},
        "goals": rows,
        "code_changed_during_runs": changed,
        "runs": runs,
        "profile": profile,
        "distributions": args.distributions,
    }
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"{args.articles}.json"
    target.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"\nresults: {target}")
    return 0


def measure_one(args: argparse.Namespace) -> int:
    """The child side of ``spawn``: one measurement, written as JSON to ``--result``."""
    if args.one in SPACY_STEPS:
        result = measure_spacy(args.input, ner_only=args.one == "ner", processes=args.workers)
    else:
        result = measure_pipeline(
            args.input, args.output, workers=args.workers, shard_size=args.shard_size, profile=args.profile
        )
    args.result.write_text(json.dumps(result, sort_keys=True), encoding="utf-8")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--articles", type=int, help="number of generated articles (N)")
    add("--runs", type=int, default=3, help="runs to take the median of (default: %(default)s)")
    add("--workers", type=int, default=1, help="pipeline --workers (default: %(default)s)")
    add("--shard-size", type=int, default=None, help="pipeline --shard-size (default: the pipeline's)")
    add("--seed", type=int, default=generate.DEFAULT_SEED, help="generator seed (default: %(default)s)")
    add(
        "--keep",
        type=Path,
        default=None,
        help=f"keep corpus and runs here (default: corpus cached in {CACHE})",
    )
    add("--profile", type=Path, default=None, help="then profile one more full run with cProfile into FILE")
    add(
        "--distribution-sample",
        type=int,
        default=300,
        help="generated articles to measure against real news (default: %(default)s)",
    )
    add(
        "--no-snapshot",
        action="store_true",
        help="run the working tree's code, not a copy taken at the start",
    )
    internal = parser.add_argument_group("one measurement (used by the benchmark itself)")
    internal.add_argument("--one", choices=("pipeline", *SPACY_STEPS), help=argparse.SUPPRESS)
    internal.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    internal.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    internal.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.one:
        return measure_one(args)
    if not args.articles or args.articles < 1 or args.runs < 1 or args.workers < 1:
        parser.error("--articles N (≥ 1) is required; --runs and --workers must be ≥ 1")
    return benchmark(args)


if __name__ == "__main__":
    sys.exit(main())
