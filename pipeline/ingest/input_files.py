"""The files of a shard, read from the input folder and parsed, each into a ParseResult.

A file is read only after its size is checked (a huge file is skipped without reading
it), and its bytes must still have the hash the plan recorded: a file edited during the
run is skipped, not parsed as something the plan did not list.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from pipeline.ingest.parse import parse_file
from pipeline.records import InputFile, ParseResult, SkippedInput


def parse_input_files(
    input_dir: Path,
    files: Sequence[InputFile],
    *,
    max_input_bytes: int,
    max_text_chars: int,
    agencies: Sequence[str] = (),
) -> Iterator[ParseResult]:
    """Each of ``files`` (relative to ``input_dir``) parsed or skipped with a reason, in order.

    ``agencies``: the names of the news agencies a byline may name (see ``parse_file``).
    """
    for source in files:
        path = input_dir / source.source_file
        if source.size > max_input_bytes:
            reason = f"too large: {source.size:,} bytes, the limit is {max_input_bytes:,} (setting max_input_bytes)"
            yield ParseResult(skipped=SkippedInput(source, reason))
            continue
        try:
            raw = path.read_bytes()
        except OSError as exc:
            yield ParseResult(skipped=SkippedInput(source, f"cannot be read: {exc.strerror or exc}"))
            continue
        if "sha256:" + hashlib.sha256(raw).hexdigest() != source.content_hash:
            yield ParseResult(
                skipped=SkippedInput(source, "changed while the run was going on: rerun to include it")
            )
            continue
        yield parse_file(source, raw, max_text_chars=max_text_chars, agencies=agencies)
