"""Atomic file writes (a reader sees the old file or the new one, never half of one), and
the digest a writer records to tell later whether a file is still the one it wrote."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_BLOCK = 1 << 20  # files are copied and hashed a MiB at a time, whatever their size


def _file_mode() -> int:
    """The mode ``open()`` would give a new file: 0o666 less the process's umask."""
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, flush it, then rename it into place.

    A failure raises an ``OSError`` naming ``path`` (not the temporary file, which is gone).
    """
    _write_atomically(path, (data,))


def copy_atomically(source: Path, target: Path) -> str:
    """Copy ``source`` to ``target`` as ``write_bytes_atomically`` writes, a block at a time;
    the sha256 (hex) of the bytes copied."""
    with source.open("rb") as handle:
        return _write_atomically(target, iter(lambda: handle.read(_BLOCK), b""))


def _write_atomically(path: Path, blocks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a parent is a file
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), exc.filename) from exc
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            for block in blocks:
                digest.update(block)
                out.write(block)
            out.flush()
            # mkstemp makes the file private (0600); outputs are read by other tools and users.
            os.fchmod(out.fileno(), _FILE_MODE)
            os.fsync(out.fileno())
        os.replace(temporary, path)
        return digest.hexdigest()
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno is not None:  # a full disk fails write() nameless
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


def write_json_atomically(path: Path, data: Any) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_bytes_atomically(path, text.encode("utf-8"))


def sha256_of(path: Path) -> str:
    """The sha256 (hex) of a file's bytes, read a block at a time (``OSError`` if unreadable)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def file_sha256(path: Path) -> str | None:
    """The sha256 (hex) of a file's bytes; None when it cannot be read (a missing file)."""
    try:
        return sha256_of(path)
    except OSError:
        return None
