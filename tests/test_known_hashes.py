"""A rerun reuses the hashes of files that did not change, and only those."""

from __future__ import annotations

import os
import time
from pathlib import Path

from pipeline.files import sha256_of
from pipeline.run.known_hashes import KnownHashes, code_fingerprints

HOUR_NS = 3600 * 1_000_000_000


def _write(path: Path, text: str, *, age_ns: int = HOUR_NS) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = time.time_ns() - age_ns
    os.utime(path, ns=(stamp, stamp))


def test_known_hashes_reuse_settled_files_and_hash_changed_ones(tmp_path: Path) -> None:
    record = tmp_path / "hashes.json"
    article = tmp_path / "a.txt"
    _write(article, "one")
    calls: list[Path] = []

    def counted(path: Path) -> str:
        calls.append(path)
        return sha256_of(path)

    first = KnownHashes(record)
    assert first.hash("a.txt", article, counted) == (sha256_of(article), 3)
    first.save()
    again = KnownHashes(record)
    assert again.hash("a.txt", article, counted) == (sha256_of(article), 3) and len(calls) == 1
    # Same size, other bytes, other time: hashed again.
    _write(article, "two", age_ns=HOUR_NS // 2)
    assert KnownHashes(record).hash("a.txt", article, counted) == (sha256_of(article), 3)
    assert len(calls) == 2


def test_known_hashes_a_file_as_new_as_the_record_is_hashed_again(tmp_path: Path) -> None:
    record = tmp_path / "hashes.json"
    article = tmp_path / "a.txt"
    _write(article, "one", age_ns=0)
    calls: list[Path] = []

    def counted(path: Path) -> str:
        calls.append(path)
        return sha256_of(path)

    known = KnownHashes(record)
    known.hash("a.txt", article, counted)
    known.save()
    KnownHashes(record).hash("a.txt", article, counted)
    assert len(calls) == 2  # written in the instant of the record: its time proves nothing
    record.write_text("not json", encoding="utf-8")
    KnownHashes(record).hash("a.txt", article, counted)
    assert len(calls) == 3


def test_known_hashes_code_fingerprints_follow_the_stamp(tmp_path: Path) -> None:
    record = tmp_path / "code.json"
    made: list[int] = []

    def compute() -> dict[str, str]:
        made.append(1)
        return {"parse": f"p{len(made)}"}

    old = [("a.py", 10, time.time_ns() - HOUR_NS), "1.0"]
    assert code_fingerprints(record, old, compute) == {"parse": "p1"}
    assert code_fingerprints(record, old, compute) == {"parse": "p1"} and len(made) == 1
    edited = [("a.py", 11, time.time_ns() - HOUR_NS), "1.0"]
    assert code_fingerprints(record, edited, compute) == {"parse": "p2"}
    fresh = [("a.py", 11, time.time_ns()), "1.0"]  # written just now: not recorded
    code_fingerprints(record, fresh, compute)
    code_fingerprints(record, fresh, compute)
    assert len(made) == 4
