"""The package's public surface is curated: adding or removing a name is a decision."""

from __future__ import annotations

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
