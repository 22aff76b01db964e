"""Reproducible, incremental reruns: same bytes whatever the execution, only changed work redone."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.config import PROJECT_ROOT, Settings
from pipeline.run.runner import run_pipeline
from tests.conftest import SAMPLE_CORPUS, TEST_CORPUS, pipeline_command, run_cli


def _cli(input_dir: Path, output: Path, *extra: str, seed: str = "0") -> subprocess.CompletedProcess[str]:
    return run_cli(input_dir, output, "-q", *extra, seed=seed)


def _families(labels: list[str]) -> Counter[str]:
    return Counter(label.split(":", 1)[0] for label in labels)


@pytest.fixture(scope="module")
def reference(pipeline_run: Callable[[Path], Path]) -> bytes:
    return (pipeline_run(TEST_CORPUS) / "diplomacy.ttl").read_bytes()


def test_scale_same_bytes_whatever_hash_seed_workers_and_shard_size(tmp_path: Path, reference: bytes) -> None:
    for seed, extra in (("1", ("--workers", "2", "--shard-size", "2")), ("987654", ("--shard-size", "5"))):
        output = tmp_path / f"out-{seed}"
        result = _cli(TEST_CORPUS, output, *extra, seed=seed)
        assert result.returncode == 0, result.stderr
        assert (output / "diplomacy.ttl").read_bytes() == reference


def test_scale_same_bytes_whatever_file_system_order(tmp_path: Path, reference: bytes) -> None:
    # Copy in reverse name order: directory listing order differs, the output must not.
    copy = tmp_path / "corpus"
    copy.mkdir()
    for path in sorted(TEST_CORPUS.iterdir(), reverse=True):
        shutil.copy2(path, copy / path.name)
    run_pipeline(copy, tmp_path / "out", Settings())
    assert (tmp_path / "out" / "diplomacy.ttl").read_bytes() == reference


def test_scale_reruns_redo_only_what_changed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, corpus)
    output = tmp_path / "out"
    settings = Settings(shard_size=2)
    first = run_pipeline(corpus, output, settings)
    shards = len(first.plan.shards)
    assert shards >= 2 and _families(first.ran)["ExtractShard"] == shards and not first.reused

    noop = run_pipeline(corpus, output, settings)
    assert noop.ran == [] and noop.report.tasks.ran == ()
    assert (output / "run-report.json").exists()

    edited = sorted(corpus.iterdir())[3]
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nThe talks were cordial, officials said.\n", encoding="utf-8"
    )
    after_edit = run_pipeline(corpus, output, settings)
    assert _families(after_edit.ran) == Counter(
        {
            "ParseShard": 1,
            "ExtractShard": 1,
            "Resolve": 1,
            "GenerateRdf": 1,
            "Validate": 1,
            "DrawReport": 1,
            "Publish": 1,
        }
    )
    assert _families(after_edit.reused)["ExtractShard"] == shards - 1
    # The graph reused the last graph's rows, and is the graph of a run from nothing.
    assert [p.suffix for p in (output / "work" / "graph-rows").iterdir()] == [".rows"]
    run_pipeline(corpus, tmp_path / "fresh", settings)
    assert (output / "diplomacy.ttl").read_bytes() == (tmp_path / "fresh" / "diplomacy.ttl").read_bytes()


def test_scale_ontology_change_redoes_extraction_not_parsing(tmp_path: Path) -> None:
    ontology = tmp_path / "ontology"
    shutil.copytree(Settings().ontology_dir, ontology)
    output = tmp_path / "out"
    settings = Settings(ontology_dir=ontology, shard_size=4)
    first = run_pipeline(SAMPLE_CORPUS, output, settings)
    topics = ontology / "topics.ttl"
    topics.write_text(
        topics.read_text(encoding="utf-8").replace('"trade pact"@en', '"trade pact"@en , "commerce pact"@en'),
        encoding="utf-8",
    )
    second = run_pipeline(SAMPLE_CORPUS, output, settings)
    shards = len(first.plan.shards)
    ran = _families(second.ran)
    assert ran["ParseShard"] == 0 and ran["ExtractShard"] == shards
    assert ran["Resolve"] == ran["GenerateRdf"] == ran["Validate"] == ran["Publish"] == 1
    assert _families(second.reused)["ParseShard"] == shards
    # The agencies are read by the parse stage too (bylines): editing them redoes parsing.
    agencies = ontology / "agencies.ttl"
    agencies.write_text(
        agencies.read_text(encoding="utf-8").replace('"KUNA"', '"KUNA" , "Kuna"'), encoding="utf-8"
    )
    assert _families(run_pipeline(SAMPLE_CORPUS, output, settings).ran)["ParseShard"] == shards


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def luigid(tmp_path: Path) -> Iterator[int]:
    """A real central scheduler on 127.0.0.1, stopped at the end."""
    port = _free_port()
    (tmp_path / "luigid-logs").mkdir()
    daemon = subprocess.Popen(
        [str(Path(sys.executable).parent / "luigid"), "--address", "127.0.0.1", "--port", str(port),
         "--state-path", str(tmp_path / "luigid.state"), "--logdir", str(tmp_path / "luigid-logs")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        else:
            pytest.fail("luigid did not start")
        yield port
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(timeout=10)
        except subprocess.TimeoutExpired:
            daemon.kill()


def test_scale_two_workers_on_a_central_scheduler(tmp_path: Path, luigid: int, reference: bytes) -> None:
    output = tmp_path / "shared-output"
    args = ["--scheduler-host", "127.0.0.1", "--scheduler-port", str(luigid), "--shard-size", "3"]
    env = {**os.environ, "PYTHONHASHSEED": "7"}
    command = pipeline_command(TEST_CORPUS, output, "-q", *args)
    workers = [
        subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    for worker in workers:
        _, stderr = worker.communicate(timeout=600)
        assert worker.returncode == 0, stderr
    assert (output / "diplomacy.ttl").read_bytes() == reference
    report = json.loads((output / "run-report.json").read_text(encoding="utf-8"))
    assert report["validation"]["conforms"] is True
