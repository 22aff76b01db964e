"""Reading a shard's files: each is parsed or skipped with its reason, never read past its limit."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.ingest.input_files import parse_input_files
from pipeline.records import InputFile

ARTICLE = (
    b"Foreign ministers hold talks in Paris\n"
    b"PARIS, March 13, 2025 (AFP) -- The foreign minister of the republic met her counterpart in "
    b"Paris on Thursday, and the two discussed trade, energy and the security of the region.\n"
    b"They agreed to meet again before the end of the year, the ministry said in a statement.\n"
)


def _listed(folder: Path, name: str, data: bytes) -> InputFile:
    (folder / name).write_bytes(data)
    return InputFile(name, "sha256:" + hashlib.sha256(data).hexdigest(), len(data))


def test_input_files_each_file_is_parsed_or_skipped_in_order(tmp_path: Path) -> None:
    files = (
        _listed(tmp_path, "a.txt", ARTICLE),
        _listed(tmp_path, "b.txt", ARTICLE + b"More.\n"),
        _listed(tmp_path, "c.txt", ARTICLE * 20),
        _listed(tmp_path, "d.txt", ARTICLE),
    )
    (tmp_path / "b.txt").write_bytes(ARTICLE + b"Edited after the plan.\n")
    (tmp_path / "d.txt").unlink()
    results = list(
        parse_input_files(tmp_path, files, max_input_bytes=len(ARTICLE) * 2, max_text_chars=10_000)
    )
    assert [r.source.source_file for r in results] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert results[0].article is not None and results[0].article.published == "2025-03-13"
    reasons = [r.skipped.reason if r.skipped else None for r in results]
    assert reasons[1] == "changed while the run was going on: rerun to include it"
    assert reasons[2] is not None and reasons[2].startswith(f"too large: {len(ARTICLE) * 20:,} bytes")
    assert reasons[3] is not None and reasons[3].startswith("cannot be read: ")
