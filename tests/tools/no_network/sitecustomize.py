"""Test hook, loaded by Python at start-up when this folder is on PYTHONPATH.

Records every attempt to resolve a host name or open a connection in the file named by
``DIPKG_NETWORK_LOG``, and refuses everything but local (loopback or Unix) sockets, so a
test can assert that a run reached no network. Its first line, "hook loaded", shows the
hook was active.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Any

_LOG = os.environ.get("DIPKG_NETWORK_LOG", "")
_LOCAL_NAMES = frozenset({None, "", "localhost", "127.0.0.1", "::1"})


def _note(line: str) -> None:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(line + "\n")


def _is_local(family: int, address: Any) -> bool:
    if family == getattr(socket, "AF_UNIX", None):
        return True
    host = address[0] if isinstance(address, tuple) else address
    if host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def _checked_connect(self: socket.socket, address: Any) -> None:
    local = _is_local(self.family, address)
    _note(f"connect {'local' if local else 'REMOTE'} {address!r}")
    if not local:
        raise OSError("network access refused by the test hook")
    _connect(self, address)


def _checked_connect_ex(self: socket.socket, address: Any) -> int:
    local = _is_local(self.family, address)
    _note(f"connect_ex {'local' if local else 'REMOTE'} {address!r}")
    if not local:
        raise OSError("network access refused by the test hook")
    return _connect_ex(self, address)


def _checked_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    local = host in _LOCAL_NAMES
    _note(f"resolve {'local' if local else 'REMOTE'} {host!r}")
    if not local:
        raise socket.gaierror("name resolution refused by the test hook")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _checked_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _checked_connect_ex  # type: ignore[method-assign]
socket.getaddrinfo = _checked_getaddrinfo
_note("hook loaded")
