"""Cache keys cover the code they depend on: every module a stage imports is in its key."""

from __future__ import annotations

import ast
from pathlib import Path

from pipeline.config import PROJECT_ROOT
from pipeline.plan import STAGE_MODULES

PACKAGE = PROJECT_ROOT / "pipeline"


def _imports(module: str) -> set[str]:
    """The pipeline modules ``module`` imports at its top level or in its functions."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.ImportFrom) and node.module == "pipeline":
            found.update(alias.name for alias in node.names if (PACKAGE / f"{alias.name}.py").exists())
    return found


def _closure(start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        module = todo.pop()
        if module in seen or not (PACKAGE / f"{module}.py").exists():
            continue
        seen.add(module)
        todo.extend(_imports(module))
    return seen


def test_plan_modules_extract_key_covers_everything_extraction_imports() -> None:
    listed = set(STAGE_MODULES["parse"]) | set(STAGE_MODULES["extract"])
    missing = _closure("extract") - listed - {"config"}
    assert not missing, f"extraction imports modules its cache key does not hash: {sorted(missing)}"


def test_plan_modules_listed_modules_exist() -> None:
    for stage, modules in STAGE_MODULES.items():
        for module in modules:
            assert Path(PACKAGE / f"{module}.py").is_file(), (stage, module)
