"""The store's commands: where a load or a query goes, as the options name it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ConfigError, PipelineError
from pipeline.store.commands import LoadRequest, TargetOptions, load_command, load_into
from pipeline.store.endpoint import DEFAULT_TIMEOUT, Endpoint


def test_store_commands_target_is_the_named_store_else_the_default(tmp_path: Path) -> None:
    assert TargetOptions().resolve(tmp_path / "store") == tmp_path / "store"
    assert TargetOptions(store=tmp_path / "mine").resolve(tmp_path / "store") == tmp_path / "mine"


def test_store_commands_an_endpoint_wins_with_its_timeout(tmp_path: Path) -> None:
    default = TargetOptions(endpoint="http://127.0.0.1:7878").resolve(tmp_path)
    assert default == Endpoint("http://127.0.0.1:7878", DEFAULT_TIMEOUT)
    assert TargetOptions(endpoint="http://127.0.0.1:1", timeout=2.5).resolve(tmp_path) == Endpoint(
        "http://127.0.0.1:1", 2.5
    )


def test_store_commands_timeout_without_endpoint_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--timeout goes with --endpoint"):
        TargetOptions(store=tmp_path, timeout=3).resolve(tmp_path)


def test_store_commands_load_of_a_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match="not a file: .*missing.ttl \\(run the pipeline first"):
        load_command(tmp_path / "missing.ttl", TargetOptions(), graph="urn:g", ontology=True, quiet=True)


def test_store_commands_load_into_says_what_it_loaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "g.ttl"
    source.write_text("<urn:a> <urn:b> <urn:c> , <urn:d> .\n", encoding="utf-8")
    load_into(source, LoadRequest(tmp_path / "store", "urn:g", ontology=False))
    line = capsys.readouterr().out.strip()
    assert line.startswith(
        f"loaded 2 triples into <urn:g> of store {tmp_path / 'store'} (and 0 ontology triples) in "
    )
    load_into(source, LoadRequest(tmp_path / "store", "urn:g", ontology=False, quiet=True))
    assert capsys.readouterr().out == ""
