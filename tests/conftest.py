"""Shared fixtures: the real spaCy pipeline (built once), reference data, pipeline runs.

Tests that read ../shared (the seed corpus and its gold) skip with a one-line reason
when it is absent; the project's own corpus and gold keep the suite meaningful alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import PROJECT_ROOT, Settings
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.nlp import get_nlp, lexicon_for
from pipeline.ingest.parse import parse_text
from pipeline.records import InputFile, ParsedArticle

SHARED = PROJECT_ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SEEDS_GOLD = SHARED / "gold" / "seeds.json"
TEST_CORPUS = PROJECT_ROOT / "tests" / "data" / "corpus"
TEST_GOLD = PROJECT_ROOT / "tests" / "data" / "gold" / "test-corpus.json"
SAMPLE_CORPUS = PROJECT_ROOT / "corpus"
SAMPLE_GOLD = PROJECT_ROOT / "tests" / "data" / "gold" / "sample-corpus.json"


def needs_shared() -> None:
    if not SEEDS.is_dir() or not SEEDS_GOLD.is_file():
        pytest.skip("../shared (seed corpus and gold) is not present in this checkout")


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings: Settings) -> Any:
    return get_nlp(settings)


@pytest.fixture(scope="session")
def lexicon(settings: Settings) -> Lexicon:
    return lexicon_for(str(settings.ontology_dir))


def make_article(text: str, name: str = "article.txt") -> ParsedArticle:
    """Parse a hand-written article (fails the test if it is skipped)."""
    raw = text.encode("utf-8")
    source = InputFile(name, "sha256:" + hashlib.sha256(raw).hexdigest(), len(raw))
    result = parse_text(source, text)
    assert result.article is not None, result.skipped
    return result.article


@pytest.fixture(scope="session")
def pipeline_run(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    """Run the whole Luigi chain once per input folder per session; return the output folder."""
    from pipeline.run.runner import run_pipeline

    done: dict[Path, Path] = {}

    def run(input_dir: Path) -> Path:
        if input_dir not in done:
            output = tmp_path_factory.mktemp("run")
            run_pipeline(input_dir, output, Settings())
            done[input_dir] = output
        return done[input_dir]

    return run


def pipeline_command(input_dir: Path, output: Path, *extra: str) -> list[str]:
    """The command line of `python -m pipeline run` in this interpreter."""
    return [
        sys.executable,
        "-m",
        "pipeline",
        "run",
        "--input",
        str(input_dir),
        "--output",
        str(output),
        *extra,
    ]


def run_cli(input_dir: Path, output: Path, *extra: str, seed: str = "0") -> subprocess.CompletedProcess[str]:
    """Run the pipeline in a fresh process with a given hash seed; output captured."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    command = pipeline_command(input_dir, output, *extra)
    return subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=600)


def load_gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def copy_corpus(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target
