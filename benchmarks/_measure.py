"""One measurement in its own process: a pipeline run, or raw spaCy over the same sentences.

``python -m benchmarks.bench --one pipeline|raw ...`` calls ``measure`` and writes its
result as JSON. Each measurement runs in a fresh interpreter so that the peak RSS it
reports belongs to it alone.
"""

from __future__ import annotations

import cProfile
import hashlib
import resource
import time
from pathlib import Path
from typing import Any

KIB = 1024


def peak_rss() -> dict[str, float]:
    """Peak resident memory (MiB) of this process and of its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "self_mib": round(own / KIB, 1),
        "children_mib": round(children / KIB, 1),
        "vm_hwm_mib": round(_vm_hwm_kib() / KIB, 1),
    }


def _vm_hwm_kib() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure_pipeline(
    input_dir: Path,
    output_dir: Path,
    *,
    workers: int,
    shard_size: int | None,
    profile: Path | None = None,
) -> dict[str, Any]:
    """Run the whole pipeline once; seconds, per-stage seconds, triples, tasks, peak RSS."""
    import json

    from pipeline.config import Settings
    from pipeline.runner import run_pipeline

    options: dict[str, Any] = {"workers": workers}
    if shard_size is not None:
        options["shard_size"] = shard_size
    settings = Settings(**options)
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    result = run_pipeline(input_dir, output_dir, settings, log_level="ERROR")
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(profile))
    seconds = time.perf_counter() - started
    report = json.loads((output_dir / "run-report.json").read_text(encoding="utf-8"))
    counts = report.get("counts", {})
    fingerprints = report.get("configuration", {}).get("fingerprints", {})
    return {
        "code_fingerprint": "/".join(v for k, v in sorted(fingerprints.items()) if k.startswith("code-")),
        "code_root": str(Path(run_pipeline.__code__.co_filename).resolve().parent.parent),
        "seconds": round(seconds, 3),
        "timings": report.get("timings", {}),
        "triples": counts.get("triples"),
        "processed": counts.get("processed"),
        "skipped": counts.get("skipped"),
        "tasks_ran": len(result.ran),
        "tasks_reused": len(result.reused),
        "conforms": result.conforms,
        "rss": peak_rss(),
    }


def measure_raw_spacy(input_dir: Path) -> dict[str, Any]:
    """Time ``nlp.pipe`` alone over exactly the sentences the pipeline extracts from.

    Same model and components (``pipeline.nlp.get_nlp``), same batch size, same parse
    (``pipeline.parse.parse_file``) of the same files; parsing is not timed.
    """
    from pipeline.config import Settings
    from pipeline.nlp import get_nlp
    from pipeline.parse import parse_file
    from pipeline.plan import list_inputs
    from pipeline.records import InputFile

    settings = Settings()
    started = time.perf_counter()
    texts: list[str] = []
    articles = 0
    listed, _ = list_inputs(input_dir)
    for relative, path in listed:
        raw = path.read_bytes()
        if len(raw) > settings.max_input_bytes:
            continue
        source = InputFile(relative, "sha256:" + hashlib.sha256(raw).hexdigest(), len(raw))
        parsed = parse_file(source, raw, max_text_chars=settings.max_text_chars)
        if parsed.article is not None:
            articles += 1
            texts.extend(s.text for s in parsed.article.sentences)
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    nlp = get_nlp(settings)
    for _ in nlp.pipe(texts[:8], batch_size=settings.batch_size):
        pass  # warm-up: first-call set-up is model loading, not throughput
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=settings.batch_size):
        tokens += len(doc)
    pipe_seconds = time.perf_counter() - started
    return {
        "pipe_seconds": round(pipe_seconds, 3),
        "load_seconds": round(load_seconds, 3),
        "parse_seconds": round(parse_seconds, 3),
        "articles_parsed": articles,
        "sentences": len(texts),
        "spacy_tokens": tokens,
        "batch_size": settings.batch_size,
        "pipe_names": list(nlp.pipe_names),
        "rss": peak_rss(),
    }
