"""The house: one room per stage, each importing only the rooms below it.

The chain of the README runs ingest → extract → resolve → rdf → validate → store →
report → run; the top-level modules (the records between stages and of run-report.json, errors,
vocab, config, files) are shared by all, and the evaluator reads finished graphs. A stage never imports run/ or report/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pipeline.config import PACKAGE_DIR, source_files
from pipeline.run.plan import STAGE_ROOMS

ROOMS = ("ingest", "extract", "resolve", "rdf", "validate", "store", "report", "run")
SHARED = frozenset({"records", "codec", "run_report", "errors", "vocab", "config", "files"})
STAGES = ROOMS[:5]


def _room_of(module: str) -> str:
    """The room (or shared top-level module) a dotted pipeline module belongs to."""
    return module.split(".")[1] if module.count(".") else module


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline."):
            found.add(_room_of(node.module))
        elif isinstance(node, ast.ImportFrom) and node.module == "pipeline":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(_room_of(a.name) for a in node.names if a.name.startswith("pipeline."))
    return found


def _modules(room: str) -> list[Path]:
    return sorted((PACKAGE_DIR / room).glob("*.py"))


def test_layering_every_module_lives_in_a_room_or_is_shared() -> None:
    top = {p.stem for p in PACKAGE_DIR.glob("*.py")} - {"__init__", "__main__", "cli"}
    assert top <= SHARED, f"modules outside any room: {sorted(top - SHARED)}"
    folders = {p.name for p in PACKAGE_DIR.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(ROOMS) | {"evaluate"}


@pytest.mark.parametrize("room", ROOMS)
def test_layering_a_room_imports_only_rooms_below_it(room: str) -> None:
    allowed = set(ROOMS[: ROOMS.index(room) + 1]) | SHARED | {"__version__"}
    for path in _modules(room):
        above = _imports(path) - allowed
        assert not above, f"{room}/{path.name} imports {sorted(above)}, which is not below {room}/"


@pytest.mark.parametrize("room", STAGES)
def test_layering_no_stage_imports_run_or_report(room: str) -> None:
    for path in _modules(room):
        assert not _imports(path) & {"run", "report"}, f"{room}/{path.name}"


def test_layering_evaluator_reads_graphs_only() -> None:
    for path in _modules("evaluate"):
        assert _imports(path) <= SHARED | {"evaluate"}, path.name


def test_layering_stage_keys_hash_every_module_a_stage_runs() -> None:
    """The cache key of a stage covers its room and whatever that room imports (not a list)."""
    hashed = {p.relative_to(PACKAGE_DIR).as_posix() for p in source_files(STAGE_ROOMS["extract"])}
    assert {"extract/articles.py", "extract/lexicon.py", "vocab.py", "ingest/dates.py"} <= hashed
    assert not any(name.startswith(("run/", "report/", "store/")) for name in hashed)


def test_layering_no_module_is_over_400_lines() -> None:
    """A module a newcomer can read in one sitting: past 400 lines, it is two things."""
    long = {
        path.relative_to(PACKAGE_DIR).as_posix(): n
        for path in PACKAGE_DIR.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, f"modules over 400 lines: {long}"
