"""A local SPARQL endpoint: the ``oxigraph`` server (PyPI package ``oxigraph``) on 127.0.0.1.

Oxigraph's server locks the store folder it opens. ``serve`` therefore serves a
snapshot of the store (a RocksDB checkpoint: hard links, taken in an instant), read-only,
so the folder stays free for ``load`` while the server runs; a new load shows on the
next start. ``writable=True`` serves the folder itself, read-write (Graph Store
Protocol and SPARQL Update), and holds its lock until the server stops.

Every server binds 127.0.0.1 only, sees the union of the named graphs as its default
graph, and is stopped by its process id; on Linux it also dies with the process that
started it, so a killed test run leaves none behind.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import StoreError
from pipeline.store.triplestore import Endpoint, is_store, snapshot

HOST = "127.0.0.1"
DEFAULT_PORT = 7878  # Oxigraph's own default
STARTUP_SECONDS = 30.0


@dataclass(frozen=True)
class Server:
    """A running ``oxigraph`` server process and where it answers."""

    process: subprocess.Popen[bytes]
    url: str  # http://127.0.0.1:PORT (the web UI); SPARQL at /query, Graph Store at /store
    log: Path

    @property
    def endpoint(self) -> Endpoint:
        return Endpoint(self.url)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (SIGTERM, then SIGKILL after ``timeout`` seconds) and reap it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log_tail(self, lines: int = 15) -> str:
        """The last lines the server wrote (for error messages)."""
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.strip().splitlines()[-lines:])


def oxigraph_binary() -> Path:
    """The ``oxigraph`` executable: beside this Python (its virtualenv) first, else on PATH.

    Raises StoreError when there is none.
    """
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise StoreError("the oxigraph server is not installed (pip install oxigraph)")
    return Path(found)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(*, location: Path | None, log: Path, port: int = 0, read_only: bool = False) -> Server:
    """Start ``oxigraph`` on 127.0.0.1 and wait until it answers.

    Args: the store folder (None: in memory), the file for its output, the port (0: a
    free one), whether to open the folder read-only. Raises StoreError when it does not start.
    """
    command = [str(oxigraph_binary()), "serve-read-only" if read_only else "serve"]
    if location is not None:
        command += ["--location", str(location)]
    elif read_only:
        raise StoreError("a read-only server needs a store folder")
    attempts = 3 if port == 0 else 1  # a free port can be taken between the probe and the bind
    for attempt in range(attempts):
        chosen = port or free_port()
        with log.open("wb") as out:
            process = subprocess.Popen(
                [*command, "--bind", f"{HOST}:{chosen}", "--union-default-graph"],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C in a terminal reaches us; we stop the server
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        server = Server(process, f"http://{HOST}:{chosen}", log)
        if _wait_until_ready(server):
            return server
        server.stop()
        if attempt == attempts - 1:
            raise StoreError(f"the oxigraph server did not start on {server.url}:\n{server.log_tail()}")
    raise AssertionError("unreachable")


@contextmanager
def running_server(*, location: Path | None, log: Path, read_only: bool = False) -> Iterator[Server]:
    """A server on a free port for the duration of a ``with`` block, stopped however the block ends."""
    server = start_server(location=location, log=log, read_only=read_only)
    try:
        yield server
    finally:
        server.stop()


def serve(store: Path, *, port: int, writable: bool, announce: Callable[[Server], None]) -> None:
    """Serve ``store`` until SIGINT (Ctrl-C) or SIGTERM, then stop the server and clean up.

    Args: the store folder, the port (0: a free one), whether to serve the folder itself
    read-write rather than a read-only snapshot, a callback told the running server.
    Raises StoreError when the store is missing or busy, or the server fails.
    """
    if not is_store(store):
        raise StoreError(f"no store at {store} (load a graph first: python -m pipeline load --store {store})")
    work = Path(tempfile.mkdtemp(prefix="dipkg-serve-"))
    try:
        location = store
        if not writable:
            location = work / "snapshot"
            snapshot(store, location)
        server = start_server(location=location, log=work / "oxigraph.log", port=port, read_only=not writable)
        try:
            announce(server)
            _wait_for_stop(server)
        finally:
            server.stop()
    except KeyboardInterrupt:
        pass  # Ctrl-C while starting: as clean a stop as any
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _wait_until_ready(server: Server) -> bool:
    # An answer on the port is not enough: another server may hold it while ours fails to
    # bind and exits. Ours has started once it says it listens (or has stayed up a while).
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + STARTUP_SECONDS
    answered_at: float | None = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        if answered_at is None:
            try:
                with opener.open(server.url + "/", timeout=2) as response:
                    answered_at = time.monotonic() if response.status == 200 else None
            except (urllib.error.URLError, OSError):
                pass
        elif "Listening" in server.log_tail() or time.monotonic() - answered_at > 1.0:
            return server.process.poll() is None
        time.sleep(0.05)
    return False


def _wait_for_stop(server: Server) -> None:
    # SIGINT is handled here too, not left to KeyboardInterrupt: a shell starts background
    # jobs with SIGINT ignored, and `kill -INT` must stop the server all the same.
    stop = threading.Event()
    previous = {
        signum: signal.signal(signum, lambda received, frame: stop.set())
        for signum in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        while not stop.wait(0.25):
            if server.process.poll() is not None:
                raise StoreError(
                    f"the oxigraph server stopped by itself (exit {server.process.returncode}):\n{server.log_tail()}"
                )
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _die_with_parent() -> None:
    # In the child before exec: ask Linux to send SIGTERM when the parent goes away.
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)
