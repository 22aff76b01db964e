"""Failures a user meets: a non-conforming graph, bad arguments, and what a run may touch.

- A graph that fails SHACL exits 1 with a summary a person can act on (shape, focus
  node, message, count per shape), writes the validation report, and is written beside
  a good ``diplomacy.ttl`` as ``diplomacy.nonconforming.ttl``, never over it.
- Errors exit 2 with one readable line.
- A run reaches no network (unless the user names an endpoint) and writes nothing
  outside its output folder, whatever the input files are called.
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

import pytest
from rdflib import Graph, Namespace

from pipeline.cli import EXIT_ERROR, EXIT_NONCONFORMING, EXIT_OK, main
from pipeline.config import PROJECT_ROOT, Settings
from tests.conftest import SAMPLE_CORPUS

SH = Namespace("http://www.w3.org/ns/shacl#")
NO_NETWORK_HOOK = PROJECT_ROOT / "tests" / "tools" / "no_network"
STRICT_SHAPE = """
@prefix dip: <https://w3id.org/dipkg/ontology#> .
@prefix dsh: <https://w3id.org/dipkg/shapes#> .
@prefix sh:  <http://www.w3.org/ns/shacl#> .

dsh:StrictPersonShape a sh:NodeShape ;
    sh:targetClass dip:Person ;
    sh:property dsh:EveryPersonHoldsAnOffice .

dsh:EveryPersonHoldsAnOffice a sh:PropertyShape ;
    sh:path dip:holdsOffice ;
    sh:minCount 1 ;
    sh:message "Strict test shape: every person must hold a current office." .
"""


def _strict_shapes(folder: Path) -> Path:
    """The project's shapes plus one that the sample corpus cannot meet."""
    shutil.copytree(Settings().shapes_dir, folder)
    (folder / "strict.ttl").write_text(STRICT_SHAPE, encoding="utf-8")
    return folder


def _conforms(report: Path) -> bool:
    """The sh:conforms verdict of a SHACL validation report file."""
    (verdict,) = Graph().parse(report, format="turtle").objects(None, SH.conforms)
    return bool(verdict.toPython())


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def finished_run(tmp_path: Path, pipeline_run: Callable[[Path], Path]) -> Path:
    """A private copy of a finished, conforming run over the sample corpus (work reused)."""
    output = tmp_path / "output"
    shutil.copytree(pipeline_run(SAMPLE_CORPUS), output)
    return output


def _run(output: Path, *extra: str) -> int:
    return main(["run", "--input", str(SAMPLE_CORPUS), "--output", str(output), "-q", *extra])


def test_failures_nonconforming_graph_exits_1_and_keeps_the_good_graph(
    finished_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _sha(finished_run / "diplomacy.ttl")
    assert _run(finished_run, "--shapes", str(_strict_shapes(tmp_path / "strict"))) == EXIT_NONCONFORMING
    stderr = capsys.readouterr().err

    # The summary names the shape, counts per shape, the focus node and the message.
    assert "the graph does not conform:" in stderr
    report = json.loads((finished_run / "run-report.json").read_text(encoding="utf-8"))
    count = report["validation"]["by_shape"]["EveryPersonHoldsAnOffice"]
    assert count >= 1
    assert f"{count:>5}  EveryPersonHoldsAnOffice" in stderr
    assert "Strict test shape: every person must hold a current office." in stderr
    assert "focus node https://w3id.org/dipkg/id/person/" in stderr
    assert "diplomacy.nonconforming.ttl, not over diplomacy.ttl" in stderr

    # The good graph stays; the failed one is beside it; the report says why.
    assert _sha(finished_run / "diplomacy.ttl") == good
    failed = Graph().parse(finished_run / "diplomacy.nonconforming.ttl", format="turtle")
    assert len(failed) > 100
    assert _conforms(finished_run / "validation-report.ttl") is False
    assert "dsh:EveryPersonHoldsAnOffice" in (finished_run / "validation-report.ttl").read_text(
        encoding="utf-8"
    )
    assert report["validation"]["conforms"] is False
    assert report["outputs"]["graph"].endswith("diplomacy.nonconforming.ttl")

    # Fixing the shapes publishes a conforming graph again and clears the stale failure.
    assert _run(finished_run) == EXIT_OK
    assert _sha(finished_run / "diplomacy.ttl") == good
    assert not (finished_run / "diplomacy.nonconforming.ttl").exists()
    assert _conforms(finished_run / "validation-report.ttl") is True


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--input", "{tmp}/missing"], "input folder not found or not a folder"),
        (["--input", "{tmp}/a-file.txt"], "input folder not found or not a folder"),
        (["--shapes", "{tmp}/missing"], "shapes_dir is not a folder"),
        (["--shapes", "{tmp}/empty"], "no shapes (*.ttl) in"),
        (["--shapes", "{tmp}/broken"], "cannot read shapes file"),
        (["--shapes", "{tmp}/unsupported"], "uses sh:or, which the validator"),
        (["--base-iri", "ftp://example.org/"], "base IRI must be an http(s) IRI"),
        (["--input", "{tmp}/same", "--output", "{tmp}/same"], "the output folder is the input folder"),
    ],
    ids=[
        "missing-input",
        "input-is-a-file",
        "missing-shapes",
        "empty-shapes",
        "broken-shapes",
        "unsupported-shapes",
        "bad-base-iri",
        "output-is-input",
    ],
)
def test_failures_errors_exit_2_with_one_readable_line(
    arguments: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file.txt").write_text("not a folder", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "same").mkdir()
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "shapes.ttl").write_text(
        "@prefix sh: <oops . this is not Turtle", encoding="utf-8"
    )
    (tmp_path / "unsupported").mkdir()
    (tmp_path / "unsupported" / "shapes.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<https://example.org/S> a sh:NodeShape ; sh:or ( <https://example.org/A> ) .\n",
        encoding="utf-8",
    )
    values = {"--input": str(SAMPLE_CORPUS), "--output": str(tmp_path / "out")}
    for flag, value in zip(arguments[::2], arguments[1::2], strict=True):
        values[flag] = value.format(tmp=tmp_path)
    argv = ["run", "-q", *[part for pair in values.items() for part in pair]]
    assert main(argv) == EXIT_ERROR
    stderr = capsys.readouterr().err
    assert stderr.startswith("diplomacy-kg: error: ") and message in stderr, stderr
    assert "Traceback" not in stderr
    assert not list(tmp_path.rglob("diplomacy.ttl"))


def test_failures_missing_argument_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--input", str(SAMPLE_CORPUS)])
    assert exit_info.value.code == EXIT_ERROR
    assert "--output" in capsys.readouterr().err


def test_failures_output_inside_the_input_is_not_read_as_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "articles"
    inputs.mkdir()
    shutil.copy(SAMPLE_CORPUS / "001_kuna_tokyo_ambassador.txt", inputs / "001.txt")
    output = inputs / "output"
    assert _run_on(inputs, output) == EXIT_OK
    first = (output / "diplomacy.ttl").read_bytes()
    assert _run_on(inputs, output) == EXIT_OK, capsys.readouterr().err
    assert (output / "diplomacy.ttl").read_bytes() == first
    report = json.loads((output / "run-report.json").read_text(encoding="utf-8"))
    assert report["files"][0]["file"] == "001.txt" and report["files"][0]["outcome"] == "processed"
    assert report["files"][1] == {
        "file": "output/",
        "outcome": "skipped",
        "reason": "the output folder of this run: not read",
    }


def _run_on(inputs: Path, output: Path) -> int:
    return main(["run", "--input", str(inputs), "--output", str(output), "-q"])


# ---------------------------------------------------------------- network and file system

HOSTILE_NAMES = (
    "-rf.txt",
    "--output.txt",
    "--output=..txt",
    "-.txt",
    "..txt",
    "a b  c.txt",
    "$(touch pwned).txt",
    "`touch pwned2`.txt",
    "; rm -rf ~ ;.txt",
    "%s%n%x.txt",
    "new\nline.txt",
    "Zürich 北京 😀.txt",
    "..\\..\\escape.txt",
)


def _tree(root: Path) -> dict[str, tuple[int, str]]:
    """Every file under ``root``: (size, sha256), by relative path."""
    return {
        str(path.relative_to(root)): (path.stat().st_size, _sha(path))
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink()
    }


@pytest.mark.slow
def test_failures_run_reaches_no_network_and_writes_only_its_output(tmp_path: Path) -> None:
    root = tmp_path / "sandbox"
    inputs = root / "input"
    inputs.mkdir(parents=True)
    sources = sorted(SAMPLE_CORPUS.glob("*.txt"))
    for number, name in enumerate(HOSTILE_NAMES):
        text = sources[number % len(sources)].read_text(encoding="utf-8")
        (inputs / name).write_text(f"{text}\nFiled as number {number}.\n", encoding="utf-8")
    for folder in ("home", "tmp", "cwd", "sibling"):
        (root / folder).mkdir()
    (root / "sibling" / "keep.txt").write_text("must not change\n", encoding="utf-8")
    log = tmp_path / "network.log"
    env = {
        **os.environ,
        "PYTHONPATH": str(NO_NETWORK_HOOK),
        "DIPKG_NETWORK_LOG": str(log),
        "HOME": str(root / "home"),
        "TMPDIR": str(root / "tmp"),
        "XDG_CACHE_HOME": str(root / "home" / ".cache"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    # The hook is live: a connection to a documentation address is refused and logged.
    probe = "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"
    refused = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False
    )
    assert refused.returncode != 0 and "refused by the test hook" in refused.stderr
    log.unlink()

    before = _tree(root)
    output = root / "output"
    command = [sys.executable, "-m", "pipeline", "run", "--input", str(inputs), "--output", str(output), "-q"]
    done = subprocess.run(command, cwd=root / "cwd", env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == EXIT_OK, done.stderr

    attempts = log.read_text(encoding="utf-8").splitlines()
    assert attempts[0] == "hook loaded"
    assert not [line for line in attempts if "REMOTE" in line], attempts

    after = _tree(root)
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    outside = sorted(path for path in changed if not path.startswith("output/"))
    assert outside == [], f"written outside the output folder: {outside}"
    report = json.loads((output / "run-report.json").read_text(encoding="utf-8"))
    assert {entry["file"] for entry in report["files"]} == set(HOSTILE_NAMES)
    outcomes = {entry["file"]: entry["outcome"] for entry in report["files"]}
    assert outcomes == {name: "skipped" if name.startswith(".") else "processed" for name in HOSTILE_NAMES}
