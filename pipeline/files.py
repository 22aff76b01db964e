"""Atomic file writes (a reader sees the old file or the new one, never half of one), and
the digest a writer records to tell later whether a file is still the one it wrote."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


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
            out.write(data)
            out.flush()
            # mkstemp makes the file private (0600); outputs are read by other tools and users.
            os.fchmod(out.fileno(), _FILE_MODE)
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno is not None:  # a full disk fails write() nameless
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


def write_json_atomically(path: Path, data: Any) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_bytes_atomically(path, text.encode("utf-8"))


def file_sha256(path: Path) -> str | None:
    """The sha256 (hex) of a file's bytes; None when it cannot be read (a missing file)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
