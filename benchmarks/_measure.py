"""One measurement in its own process: a pipeline run, or spaCy alone over the same sentences.

``python -m benchmarks.bench --one pipeline|ner|spacy ...`` calls one of these and writes its
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


def cpu_seconds() -> float:
    """CPU seconds (user and system) of this process and its waited-for children so far."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


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
    """Run the whole pipeline once; seconds, per-stage wall and CPU seconds, triples, tasks, peak RSS."""
    import json

    from pipeline.config import Settings
    from pipeline.run.runner import run_pipeline

    options: dict[str, Any] = {"workers": workers}
    if shard_size is not None:
        options["shard_size"] = shard_size
    settings = Settings(**options)
    profiler = cProfile.Profile() if profile else None
    cpu = cpu_seconds()
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    result = run_pipeline(input_dir, output_dir, settings, log_level="ERROR")
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(profile))
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu
    report = json.loads((output_dir / "run-report.json").read_text(encoding="utf-8"))
    counts = report.get("counts", {})
    fingerprints = report.get("configuration", {}).get("fingerprints", {})
    return {
        "code_fingerprint": "/".join(v for k, v in sorted(fingerprints.items()) if k.startswith("code-")),
        "code_root": str(Path(run_pipeline.__code__.co_filename).resolve().parent.parent),
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "timings": report.get("timings", {}),
        "cpu_timings": report.get("cpu_timings", {}),
        "triples": counts.get("triples"),
        "processed": counts.get("processed"),
        "skipped": counts.get("skipped"),
        "tasks_ran": len(result.ran),
        "tasks_reused": len(result.reused),
        "conforms": result.conforms,
        "rss": peak_rss(),
    }


def sentences_of(input_dir: Path) -> tuple[list[str], int]:
    """The sentences the pipeline extracts from (``pipeline.ingest.parse.parse_file``), and the articles."""
    from pipeline.config import Settings
    from pipeline.ingest.parse import parse_file
    from pipeline.records import InputFile
    from pipeline.run.plan import list_inputs

    settings = Settings()
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
    return texts, articles


def _not_for_ner(nlp: Any) -> list[str]:
    """The components NER does not need: all but ``ner`` and, if ``ner`` listens to it, ``tok2vec``.

    In en_core_web_sm ``ner`` has a tok2vec of its own; the shared ``tok2vec`` only feeds
    the tagger and the parser, so keeping it would time work no extractor needs.
    """
    architecture = nlp.config["components"]["ner"]["model"]["tok2vec"]["@architectures"]
    keep = {"ner", "tok2vec"} if "Listener" in architecture else {"ner"}
    return [name for name in nlp.component_names if name not in keep]


def measure_spacy(input_dir: Path, *, ner_only: bool, processes: int) -> dict[str, Any]:
    """Time spaCy alone over the sentences the pipeline extracts from, in ``processes`` processes.

    ``ner_only``: the model's ``ner`` (with the tok2vec it uses) and nothing else — the
    limit of any extractor built on spaCy's entities; else the whole model (tagger, parser,
    lemmatizer, NER).
    The model is the pipeline's (``pipeline.extract.nlp.installed_model``), without the pipeline's
    own components; the batch size is the pipeline's. Parsing the files and loading the
    model are not timed; starting the worker processes is (every run pays it).
    """
    import spacy

    from pipeline.config import Settings
    from pipeline.extract.nlp import installed_model

    settings = Settings()
    started = time.perf_counter()
    texts, articles = sentences_of(input_dir)
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    name = installed_model(settings.model)
    nlp = spacy.load(name)
    if ner_only:
        nlp = spacy.load(name, exclude=_not_for_ner(nlp))
    for _ in nlp.pipe(texts[:8], batch_size=settings.batch_size):
        pass  # warm-up: first-call set-up is model loading, not throughput
    load_seconds = time.perf_counter() - started
    cpu = cpu_seconds()
    started = time.perf_counter()
    tokens = entities = 0
    for doc in nlp.pipe(texts, batch_size=settings.batch_size, n_process=processes):
        tokens += len(doc)
        entities += len(doc.ents)
    pipe_seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu
    return {
        "pipe_seconds": round(pipe_seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "load_seconds": round(load_seconds, 3),
        "parse_seconds": round(parse_seconds, 3),
        "articles_parsed": articles,
        "sentences": len(texts),
        "spacy_tokens": tokens,
        "entities": entities,
        "processes": processes,
        "batch_size": settings.batch_size,
        "pipe_names": list(nlp.pipe_names),
        "rss": peak_rss(),
    }
