"""A real OpenLink Virtuoso (Debian's virtuoso-opensource) for tests, in a folder of its own.

The test writes its own ``virtuoso.ini`` (a fresh database, both ports on 127.0.0.1),
starts ``virtuoso-t +foreground`` and waits until SQL (``isql-vt``) and HTTP answer; the
server is stopped by its process id, and on Linux dies with the process that started it.
Debian's package also installs a system instance; it is never used here.

Virtuoso's SPARQL endpoints over HTTP, as a user meets them:

- ``/sparql``: queries;
- ``/sparql-graph-crud``: the Graph Store Protocol as the anonymous user ``SPARQL``, who may
  write only after ``GRANT SPARQL_UPDATE TO "SPARQL"``;
- ``/sparql-graph-crud-auth``: the same for a database user, with HTTP Digest.
"""

from __future__ import annotations

import ctypes
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline.store.server import HOST, free_port

DBA_PASSWORD = "dba"  # the password of a fresh database's administrator
INSTALL_HINT = "apt-get install virtuoso-opensource"
STARTUP_SECONDS = 60.0

_INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
Striping           = 0
TempStorage        = TempDatabase
[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
Striping           = 0
[Parameters]
ServerPort           = {host}:{sql_port}
DisableUnixSocket    = 1
CheckpointInterval   = 0
NumberOfBuffers      = 10000
MaxDirtyBuffers      = 7500
ThreadsPerQuery      = 2
DirsAllowed          = {db}
[HTTPServer]
ServerPort           = {host}:{http_port}
ServerRoot           = {www}
ServerThreads        = 5
Charset              = UTF-8
[SPARQL]
ResultSetMaxRows     = 1000000
"""


@dataclass(frozen=True)
class Virtuoso:
    """A running ``virtuoso-t`` and where it answers."""

    process: subprocess.Popen[bytes]
    url: str  # http://127.0.0.1:PORT
    sql_port: int
    log: Path

    def sql(self, statement: str) -> str:
        """Run one SQL statement as dba with ``isql-vt``; raise AssertionError when it fails."""
        done = subprocess.run(
            ["isql-vt", f"{HOST}:{self.sql_port}", "dba", DBA_PASSWORD, f"exec={statement}"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0 and "*** Error" not in done.stdout + done.stderr, (
            done.stdout + done.stderr
        )
        return done.stdout

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def missing() -> str | None:
    """Why Virtuoso cannot run here (a one-line reason naming the package), or None."""
    for tool in ("virtuoso-t", "isql-vt"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed: {INSTALL_HINT}"
    return None


@contextmanager
def running_virtuoso(folder: Path) -> Iterator[Virtuoso]:
    """A fresh Virtuoso with its database in ``folder``, stopped however the block ends."""
    db, www = folder / "db", folder / "www"
    db.mkdir(parents=True)
    www.mkdir()
    sql_port = free_port()
    http_port = free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_INI.format(db=db, www=www, host=HOST, sql_port=sql_port, http_port=http_port))
    log = folder / "server.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["virtuoso-t", "+configfile", str(ini), "+foreground"],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,
        )
    server = Virtuoso(process, f"http://{HOST}:{http_port}", sql_port, log)
    try:
        _wait_until_ready(server)
        yield server
    finally:
        server.stop()


def _wait_until_ready(server: Virtuoso) -> None:
    # HTTP comes up last ("HTTP server online" is logged before "Server online").
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        if "Server online" in server.log.read_text(errors="replace"):
            try:
                with opener.open(server.url + "/sparql?query=ASK%7B%7D", timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
        time.sleep(0.1)
    tail = "\n".join(server.log.read_text(errors="replace").splitlines()[-15:])
    raise AssertionError(f"Virtuoso did not start on {server.url}:\n{tail}")


def _die_with_parent() -> None:
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
