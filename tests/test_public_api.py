"""The package's public surface is curated: adding or removing a name is a decision."""

from __future__ import annotations

import importlib
import inspect
import typing

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import pipeline


def test_public_api_exported_members() -> None:
    assert sorted(pipeline.__all__) == [
        "PipelineError",
        "Settings",
        "__version__",
        "evaluate_files",
        "run_pipeline",
    ]
    for name in pipeline.__all__:
        assert getattr(pipeline, name) is not None


def test_public_api_unknown_name_fails() -> None:
    try:
        pipeline.nothing_here  # noqa: B018
    except AttributeError as exc:
        assert "nothing_here" in str(exc)
    else:  # pragma: no cover - the test fails here
        raise AssertionError("an unknown attribute was found")


STAGE_ROOMS = ("ingest", "extract", "resolve", "rdf", "validate", "store", "report", "run", "evaluate")


def _mentions_any(hint: object) -> bool:
    if hint is typing.Any:
        return True
    return any(_mentions_any(arg) for arg in typing.get_args(hint))


# Names the rooms import only under TYPE_CHECKING (spaCy's types), for resolving hints.
_CHECKING_ONLY = {"Doc": Doc, "Span": Span, "Token": Token, "Language": Language}


def _signature_hints(member: object) -> dict[str, object]:
    if inspect.isclass(member):
        hints = dict(typing.get_type_hints(member, localns=_CHECKING_ONLY))  # fields of a record
        init = member.__init__
        if init is not object.__init__ and hasattr(init, "__annotations__"):
            init_hints = typing.get_type_hints(init, localns=_CHECKING_ONLY)
            hints.update({f"__init__.{k}": v for k, v in init_hints.items()})
        return hints
    return dict(typing.get_type_hints(member, localns=_CHECKING_ONLY))


def test_stage_interfaces_are_typed_without_any() -> None:
    """What one room hands another is a typed record or a typed function: never ``Any``."""
    checked, untyped = 0, []
    for room in STAGE_ROOMS:
        module = importlib.import_module(f"pipeline.{room}")
        for name in module.__all__:
            member = getattr(module, name)
            if not (inspect.isfunction(member) or inspect.isclass(member)):
                continue
            for where, hint in _signature_hints(member).items():
                checked += 1
                if _mentions_any(hint):
                    untyped.append(f"pipeline.{room}.{name} {where}: {hint}")
    assert checked > 50  # the rooms' exports were really read
    assert untyped == []
