"""The plan and its shards as files under ``<output>/work/``: written by the runner, read by the tasks.

Each file is named by its content key, so it never changes once written, and a task
rebuilt from its parameters on another worker finds what it needs by key.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from pipeline import records
from pipeline.files import write_json_atomically
from pipeline.records import InputFile
from pipeline.run.plan import Plan


def write_plan(work: Path, plan: Plan) -> None:
    """The plan and each of its shards' file lists, unless already there."""
    for shard in plan.shards:
        path = _shard_path(work, shard.shard_key)
        if not path.exists():
            write_json_atomically(path, {"files": [json.loads(records.to_json(f)) for f in shard.files]})
    path = _plan_path(work, plan.plan_key)
    if not path.exists():
        write_json_atomically(path, json.loads(records.to_json(plan)))


@functools.lru_cache(maxsize=8)
def read_plan(work: Path, plan_key: str) -> Plan:
    return records.from_json(Plan, _plan_path(work, plan_key).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=4096)
def read_shard(work: Path, shard_key: str) -> tuple[InputFile, ...]:
    data = json.loads(_shard_path(work, shard_key).read_text(encoding="utf-8"))
    return tuple(records.from_json(InputFile, json.dumps(item)) for item in data["files"])


def _plan_path(work: Path, plan_key: str) -> Path:
    return work / "plans" / f"{plan_key}.json"


def _shard_path(work: Path, shard_key: str) -> Path:
    return work / "shards" / f"{shard_key}.json"
