"""The run report (run-report.json) as a frozen record, and its JSON codec.

``pipeline.run.reporting`` builds it from the targets a run left; the summary, the CLI and the
HTML report read it by attribute. The JSON is part of the public contract, so the codec
writes exactly what the report has always been: objects in field order, indented by two;
a ``tuple[tuple[str, X], ...]`` is a JSON object (key order kept); a field marked
``_omitted_when_none`` is left out rather than written as ``null``.

``RunReport.from_json`` is strict about what it reads (a report beside a graph may come
from anywhere): a missing field or a value of the wrong type raises ``ValueError``.
Fields it does not know are ignored, so a newer writer's report still reads.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.records import CorpusCounts


class Outcome(enum.StrEnum):
    """What became of an input file."""

    PROCESSED = "processed"
    SKIPPED = "skipped"


def _omitted_when_none(json_name: str | None = None) -> Any:
    """A field that defaults to None and is left out of the JSON then (named ``json_name`` there)."""
    return field(default=None, metadata={"omit_none": True, "json": json_name})


@dataclass(frozen=True, kw_only=True)
class FileEntry:
    """One entry of the input folder and its outcome (``reason``: why it was skipped)."""

    file: str
    content_hash: str | None = _omitted_when_none()  # absent: the file was never read
    size: int | None = _omitted_when_none("bytes")
    encoding: str | None = _omitted_when_none()  # e.g. "cp1252", "utf-16", "utf-8+html"
    outcome: Outcome
    reason: str | None = _omitted_when_none()


@dataclass(frozen=True, kw_only=True)
class PipelineInfo:
    name: str
    version: str


@dataclass(frozen=True, kw_only=True)
class Configuration:
    """The settings that made the graph (``config.Settings.describe``) and its fingerprints."""

    model: str | None
    base_iri: str
    ontology_dir: str
    shapes_dir: str
    shard_size: int
    batch_size: int
    max_input_bytes: int
    max_text_chars: int
    workers: int
    fingerprints: tuple[tuple[str, str], ...]
    plan: str


@dataclass(frozen=True, kw_only=True)
class Counts(CorpusCounts):
    """The resolution's counts, and the files and triples of the run."""

    files: int
    processed: int
    skipped: int
    skipped_by_reason: tuple[tuple[str, int], ...]
    triples: int


@dataclass(frozen=True, kw_only=True)
class Validation:
    conforms: bool
    results: int
    by_shape: tuple[tuple[str, int], ...]
    summary: str


@dataclass(frozen=True, kw_only=True)
class Tasks:
    """The tasks of the run as "Family:key", those that ran now and those reused."""

    ran: tuple[str, ...]
    reused: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Outputs:
    """The files the run wrote (the two report files once they are rendered)."""

    graph: str
    validation_report: str
    run_report: str
    html_report: str | None = _omitted_when_none()
    picture: str | None = _omitted_when_none()


@dataclass(frozen=True, kw_only=True)
class RunReport:
    pipeline: PipelineInfo
    versions: tuple[tuple[str, str], ...]
    configuration: Configuration
    input: str
    output: str
    files: tuple[FileEntry, ...]
    counts: Counts
    warnings: tuple[str, ...]
    validation: Validation
    tasks: Tasks
    timings: tuple[tuple[str, float], ...]  # wall seconds per stage that ran
    # CPU seconds of the processes that ran each stage (Luigi's workers with --workers > 1):
    # steadier than wall seconds on a shared machine.
    cpu_timings: tuple[tuple[str, float], ...]
    seconds: float
    outputs: Outputs

    def skipped_files(self) -> tuple[FileEntry, ...]:
        return tuple(f for f in self.files if f.outcome is Outcome.SKIPPED)

    def with_rendering(
        self, *, html: Path, picture: Path | None, seconds: float, cpu_seconds: float
    ) -> RunReport:
        """The report once report.html and the picture are written, which took ``seconds``
        (``cpu_seconds`` of CPU)."""
        outputs = dataclasses.replace(
            self.outputs, html_report=str(html), picture=None if picture is None else str(picture)
        )
        return dataclasses.replace(
            self,
            outputs=outputs,
            timings=(*((stage, s) for stage, s in self.timings if stage != "Report"), ("Report", seconds)),
            cpu_timings=(
                *((stage, s) for stage, s in self.cpu_timings if stage != "Report"),
                ("Report", cpu_seconds),
            ),
            seconds=round(self.seconds + seconds, 3),
        )

    def to_json(self) -> str:
        """The text of run-report.json."""
        return json.dumps(_encode(RunReport, self), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> RunReport:
        """The report ``to_json`` wrote as ``text``; ``ValueError`` when it is not one."""
        report: RunReport = _decode(cls, json.loads(text), "run report")
        return report


def configuration(described: dict[str, object], *, fingerprints: dict[str, str], plan: str) -> Configuration:
    """The configuration of ``Settings.describe()`` values (a setting missing here raises)."""
    decoded: Configuration = _decode(
        Configuration, {**described, "fingerprints": fingerprints, "plan": plan}, "configuration", strict=True
    )
    return decoded


# ---------------------------------------------------------------- codec


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _json_name(f: dataclasses.Field[Any]) -> str:
    return str(f.metadata.get("json") or f.name)


def _pair_value_type(tp: Any) -> Any | None:
    """X when ``tp`` is ``tuple[tuple[str, X], ...]`` (a JSON object), else None."""
    if typing.get_origin(tp) is not tuple:
        return None
    (item, _) = typing.get_args(tp)
    args = typing.get_args(item)
    if typing.get_origin(item) is tuple and len(args) == 2 and args[0] is str and args[1] is not Ellipsis:
        return args[1]
    return None


def _encode(tp: Any, value: Any) -> Any:
    return _encoder(tp)(value)


@functools.cache
def _encoder(tp: Any) -> Callable[[Any], Any]:
    """JSON data for a value of type ``tp``, by a function built once per type: a report
    lists every input file, 10,000 records at 10,000 articles."""
    if dataclasses.is_dataclass(tp):
        hints = _hints(typing.cast(type, tp))
        fields = [
            (f.name, _json_name(f), _encoder(hints[f.name]), bool(f.metadata.get("omit_none")))
            for f in dataclasses.fields(tp)
        ]

        def encode_record(value: Any) -> Any:
            if value is None:
                return None
            data = {}
            for name, key, encode, omit_none in fields:
                item = getattr(value, name)
                if not (omit_none and item is None):
                    data[key] = encode(item)
            return data

        return encode_record
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        encode_inner = _encoder(inner)
        return lambda value: None if value is None else encode_inner(value)
    pair_type = _pair_value_type(tp)
    if pair_type is not None:
        encode_pair = _encoder(pair_type)
        return lambda value: None if value is None else {key: encode_pair(item) for key, item in value}
    if typing.get_origin(tp) is tuple:
        (item_type, _) = typing.get_args(tp)
        encode_item = _encoder(item_type)
        return lambda value: None if value is None else [encode_item(item) for item in value]
    return lambda value: value.value if isinstance(value, enum.Enum) else value


_SCALARS: dict[Any, tuple[type, ...]] = {str: (str,), int: (int,), float: (int, float), bool: (bool,)}


def _decode(tp: Any, data: Any, where: str, *, strict: bool = False) -> Any:
    """``data`` read as a value of type ``tp``; ``where`` names it in the error.

    ``strict``: a key that no field takes is an error too (else it is ignored).
    """
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        if data is None:
            return None
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(inner, data, where)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _decode_record(tp, data, where, strict=strict)
    pair_type = _pair_value_type(tp)
    if pair_type is not None:
        _expect(data, dict, where)
        return tuple((str(key), _decode(pair_type, item, f"{where}.{key}")) for key, item in data.items())
    if typing.get_origin(tp) is tuple:
        (item_type, _) = typing.get_args(tp)
        _expect(data, list, where)
        return tuple(_decode(item_type, item, f"{where}[{i}]") for i, item in enumerate(data))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(data)
        except ValueError:
            raise ValueError(f"{where}: not one of {[m.value for m in tp]}: {data!r}") from None
    kinds = _SCALARS[tp]
    # bool is an int to Python, not to JSON.
    if not isinstance(data, kinds) or (isinstance(data, bool) and tp is not bool):
        raise ValueError(f"{where}: expected {tp.__name__}, got {data!r}")
    return float(typing.cast(float, data)) if tp is float else data


def _decode_record(cls: type, data: Any, where: str, *, strict: bool) -> Any:
    _expect(data, dict, where)
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        name = _json_name(f)
        if name in data:
            values[f.name] = _decode(hints[f.name], data[name], f"{where}.{name}")
        elif not f.metadata.get("omit_none"):
            raise ValueError(f"{where}: no {name!r}")
    unknown = set(data) - {_json_name(f) for f in dataclasses.fields(cls)}
    if strict and unknown:
        raise ValueError(f"{where}: unknown {', '.join(sorted(unknown))}")
    return cls(**values)


def _expect(data: Any, kind: type, where: str) -> None:
    if not isinstance(data, kind):
        raise ValueError(f"{where}: expected a JSON {'object' if kind is dict else 'array'}, got {data!r}")
