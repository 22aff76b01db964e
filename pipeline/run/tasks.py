"""Luigi wiring only: read a target, call a stage, write a target (atomically).

Every target lives under ``<output>/work/`` at a path named by its content key (see
``pipeline.run.plan``), so a target that exists is a result that is still valid. Luigi's
``LocalTarget`` writes to a temporary file and renames it when done: a killed run never
leaves a partial file that looks finished.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import luigi

from pipeline import records
from pipeline.config import Settings, fingerprint
from pipeline.errors import one_line
from pipeline.extract.articles import extract_articles
from pipeline.extract.nlp import get_nlp, lexicon_for
from pipeline.files import write_json_atomically
from pipeline.ingest.input_files import parse_input_files
from pipeline.rdf.graph_file import write_graph
from pipeline.rdf.turtle import TurtleWriter
from pipeline.records import ArticleExtraction, FileOutcome, ParsedArticle, ParseResult
from pipeline.resolve.resolution import resolve, summarize
from pipeline.run.article_reuse import earlier_lines, extraction_lines, write_index
from pipeline.run.plan import Plan
from pipeline.run.progress import ProgressWriter
from pipeline.run.publish import Published, publish, still_published
from pipeline.run.work_files import read_plan, read_shard
from pipeline.validate.graph_file import Verdict, validate_graph_file
from pipeline.validate.pyshacl_reference import load_shapes
from pipeline.vocab import GRAPH_PREFIXES, instance_prefixes


@contextlib.contextmanager
def rare_cycle_collection(*, paused: bool = False) -> Iterator[None]:
    """Python's cycle collector run 70× less often while a stage works, or not at all.

    The stages build millions of small records, terms and tuples that hold no cycles
    (reference counting frees them); at the default thresholds the collector walks all of
    them again and again, a third of RDF generation's time at 10,000 articles. Cycles are
    still collected, only in fewer, larger passes. ``paused``: none while the stage works
    (a stage over the whole corpus holds its records to the end, and the collector walking
    them was a sixth of resolution's time), the cycles it left collected at its end.
    """
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(50_000, 20, 100)
    if paused:
        gc.disable()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if paused and enabled:
            gc.enable()
            gc.collect()


class SettingsParameter(luigi.Parameter):
    """A ``Settings`` record as a Luigi parameter: parsed once, serialised for the task id.

    The task id hashes ``Settings.to_json()``, so equal settings are the same task on every
    machine and in every run, and a worker that rebuilds a task from its id gets the record
    back through ``parse``.
    """

    def parse(self, x: str) -> Settings:
        return Settings.from_json(x)

    def serialize(self, x: Settings) -> str:
        return x.to_json()

    def normalize(self, x: Settings | str) -> Settings:
        return self.parse(x) if isinstance(x, str) else x


_Task = TypeVar("_Task", bound="Stage")


class Stage(luigi.Task):
    """Common parameters; ``run_stage`` does the work, ``run`` times it."""

    output_dir: str = luigi.Parameter()
    settings: Settings = SettingsParameter()
    # A stage over the whole corpus holds few cycles and all its records: no cycle
    # collection while it works (a shard's spaCy Docs are collected as usual).
    corpus_wide = False

    @property
    def work(self) -> Path:
        return Path(self.output_dir) / "work"

    def run(self) -> None:
        started, cpu_started = time.perf_counter(), time.process_time()
        self.progress.start(self.articles())
        with rare_cycle_collection(paused=self.corpus_wide):
            self.run_stage()
        self.progress.finish()
        timing = self.work / "timings" / f"{self.task_family}-{self.key()}.json"
        seconds = round(time.perf_counter() - started, 3)
        # CPU of the process running the task (a Luigi worker's, with --workers > 1).
        cpu_seconds = round(time.process_time() - cpu_started, 3)
        # Atomic like every target: a run killed here must not leave half a JSON file.
        write_json_atomically(
            timing,
            {"task": self.task_family, "key": self.key(), "seconds": seconds, "cpu_seconds": cpu_seconds},
        )

    def on_failure(self, exception: BaseException) -> str:
        """What the scheduler keeps of a failure: one line for the user, then the traceback for -v."""
        where = f" under {self.work}" if isinstance(exception, OSError) and not exception.filename else ""
        line = f"{self.task_family} {self.key()}: {one_line(exception)}{where}"
        return f"{line}\n{traceback.format_exc()}"

    def sibling(self, task: type[_Task], **changed: str) -> _Task:
        """The task ``task`` with this task's parameters of the same names, and ``changed``."""
        # Luigi's clone copies every parameter the other task declares; it is untyped.
        cloned: _Task = self.clone(task, **changed)
        return cloned

    def key(self) -> str:
        raise NotImplementedError

    def run_stage(self) -> None:
        raise NotImplementedError

    def articles(self) -> int:
        """How many input files this task goes through: the total of its progress (0: none)."""
        return 0

    @functools.cached_property
    def progress(self) -> ProgressWriter:
        # Records for the command line's display only: no task reads them (pipeline.run.progress).
        return ProgressWriter(self.work / "progress", self.task_family, self.key())


class _ShardStage(Stage):
    """A stage over the files of one shard."""

    input_dir: str = luigi.Parameter()
    shard_key: str = luigi.Parameter()
    parse_key: str = luigi.Parameter()

    def articles(self) -> int:
        return len(read_shard(self.work, self.shard_key))


class ParseShard(_ShardStage):
    """Decode and parse the files of one shard → ParseResult lines."""

    def key(self) -> str:
        return str(self.parse_key)

    def output(self) -> dict[str, luigi.LocalTarget]:
        return {
            "articles": luigi.LocalTarget(str(self.work / "parse" / f"{self.parse_key}.jsonl")),
            "outcomes": luigi.LocalTarget(str(self.work / "parse-outcomes" / f"{self.parse_key}.jsonl")),
        }

    def run_stage(self) -> None:
        settings = self.settings
        agencies = [
            name for agency in lexicon_for(str(settings.ontology_dir)).agencies for name in agency.names
        ]
        parsed = parse_input_files(
            Path(self.input_dir),
            read_shard(self.work, self.shard_key),
            max_input_bytes=settings.max_input_bytes,
            max_text_chars=settings.max_text_chars,
            agencies=agencies,
        )
        outcomes = []
        with self.output()["articles"].open("w") as out:
            for result in self.progress.counted(parsed):
                out.write(records.to_json(result) + "\n")
                encoding = result.article.encoding if result.article else None
                reason = result.skipped.reason if result.skipped else None
                outcomes.append(FileOutcome(result.source, encoding, reason))
        with self.output()["outcomes"].open("w") as out:
            for line in records.dump_lines(outcomes):
                out.write(line)


class ExtractShard(_ShardStage):
    """Run spaCy and the extractor over one shard's articles → ArticleExtraction lines (without
    the text); an article an earlier shard extracted the same way is taken from its target."""

    extract_key: str = luigi.Parameter()
    # Names the folder of the indexes of targets made the same way (``Plan.fingerprints``).
    extraction_fingerprint: str = luigi.Parameter()

    def key(self) -> str:
        return str(self.extract_key)

    def requires(self) -> ParseShard:
        return self.sibling(ParseShard)

    def output(self) -> luigi.LocalTarget:
        return luigi.LocalTarget(str(self.work / "extract" / f"{self.extract_key}.jsonl"))

    def run_stage(self) -> None:
        settings = self.settings
        with self.input()["articles"].open("r") as handle:
            articles = [r.article for r in records.load_lines(ParseResult, handle) if r.article is not None]
        index = self.work / "extract-index" / str(self.extraction_fingerprint)
        earlier = earlier_lines(index, self.work / "extract", self.extract_key, articles)
        # Skipped files and articles extracted before count as done now.
        self.progress.advance(self.articles() - len(articles) + len(earlier))

        def extract(todo: list[ParsedArticle]) -> Iterator[ArticleExtraction]:
            nlp, lexicon = get_nlp(settings), lexicon_for(str(settings.ontology_dir))
            return self.progress.counted(extract_articles(todo, nlp, lexicon, batch_size=settings.batch_size))

        with self.output().open("w") as out:
            out.writelines(extraction_lines(articles, earlier, extract))
        write_index(index, self.extract_key, articles)


class RunStage(Stage):
    """A stage over the whole run; its plan lists the shards."""

    corpus_wide = True

    input_dir: str = luigi.Parameter()
    plan_key: str = luigi.Parameter()

    def plan(self) -> Plan:
        return read_plan(self.work, self.plan_key)

    def articles(self) -> int:
        return len(self.plan().files)


class Resolve(RunStage):
    """Merge every shard's extractions into corpus-wide entities."""

    def key(self) -> str:
        return self.plan().resolve_key

    def requires(self) -> list[ExtractShard]:
        return [
            self.sibling(
                ExtractShard,
                shard_key=shard.shard_key,
                parse_key=shard.parse_key,
                extract_key=shard.extract_key,
                extraction_fingerprint=self.plan().fingerprints["extraction"],
            )
            for shard in self.plan().shards
        ]

    def output(self) -> dict[str, luigi.LocalTarget]:
        base = self.work / "resolve" / self.key()
        return {
            "resolution": luigi.LocalTarget(f"{base}.jsonl"),
            "summary": luigi.LocalTarget(f"{base}.summary.json"),
        }

    def run_stage(self) -> None:
        lexicon = lexicon_for(str(self.settings.ontology_dir))
        resolution = resolve(_extractions(self.input()), lexicon)
        with self.output()["summary"].open("w") as out:
            out.write(records.to_json(summarize(resolution)) + "\n")
        with self.output()["resolution"].open("w") as out:
            out.writelines(records.item_lines(resolution))  # a line an entity: no whole text


def _extractions(targets: list[luigi.LocalTarget]) -> Iterator[ArticleExtraction]:
    for target in targets:
        with target.open("r") as handle:
            yield from records.load_lines(ArticleExtraction, handle)


class GenerateRdf(RunStage):
    """Build the graph with rdflib and write it as deterministic Turtle."""

    def key(self) -> str:
        return self.plan().graph_key

    def requires(self) -> Resolve:
        return self.sibling(Resolve)

    def output(self) -> luigi.LocalTarget:
        return luigi.LocalTarget(str(self.work / "graph" / f"{self.key()}.ttl"))

    def run_stage(self) -> None:
        settings = self.settings
        fingerprints = self.plan().fingerprints
        with self.output().open("w") as out:
            write_graph(
                Path(self.input()["resolution"].path),
                out,
                writer=TurtleWriter({**GRAPH_PREFIXES, **instance_prefixes(settings.base_iri)}),
                lexicon=lexicon_for(str(settings.ontology_dir)),
                base_iri=settings.base_iri,
                # The rows of the last graph: the code, the ontology and the base IRI make them.
                cache_dir=self.work / "graph-rows",
                cache_key=fingerprint(
                    fingerprints["code-graph"], fingerprints["ontology"], settings.base_iri
                ),
                spill_dir=self.work,  # large graphs sort on disk
            )


class Validate(RunStage):
    """SHACL-validate the graph; keep the report and the verdict."""

    def key(self) -> str:
        return self.plan().validate_key

    def requires(self) -> GenerateRdf:
        return self.sibling(GenerateRdf)

    def output(self) -> dict[str, luigi.LocalTarget]:
        base = self.work / "validate" / self.key()
        return {
            "verdict": luigi.LocalTarget(f"{base}.json"),
            "report": luigi.LocalTarget(f"{base}.ttl"),
        }

    def run_stage(self) -> None:
        fingerprints = self.plan().fingerprints
        validation = validate_graph_file(
            Path(self.input().path),
            shapes_dir=self.settings.shapes_dir,
            load_shapes=load_shapes,
            cache_dir=self.work / "validate-parts",
            salt=fingerprint(fingerprints["shapes"], fingerprints["code-validate"]),
        )
        outputs = self.output()
        with outputs["report"].open("w") as out:
            out.write(validation.report_turtle)
        with outputs["verdict"].open("w") as out:
            out.write(records.to_json(validation.verdict) + "\n")


class Publish(RunStage):
    """Copy the validated graph and its report to the output folder (``pipeline.run.publish``)."""

    def key(self) -> str:
        return self.plan().validate_key

    def requires(self) -> dict[str, RunStage]:
        return {"graph": self.sibling(GenerateRdf), "validation": self.sibling(Validate)}

    def output(self) -> luigi.LocalTarget:
        return luigi.LocalTarget(str(self.work / "publish" / f"{self.key()}.json"))

    def complete(self) -> bool:
        marker = Path(self.output().path)
        if not marker.exists():
            return False
        published = records.from_json(Published, marker.read_text(encoding="utf-8"))
        return still_published(published, Path(self.output_dir))

    def run_stage(self) -> None:
        validation = self.sibling(Validate).output()
        verdict = records.from_json(Verdict, Path(validation["verdict"].path).read_text(encoding="utf-8"))
        published = publish(
            Path(self.sibling(GenerateRdf).output().path),
            Path(validation["report"].path),
            Path(self.output_dir),
            conforms=verdict.conforms,
        )
        with self.output().open("w") as marker:
            marker.write(records.to_json(published) + "\n")
