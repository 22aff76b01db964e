"""nginx (Debian's package) in front of a server, asking for HTTP Basic authentication.

This is how a store without authentication of its own is often put on a network. The
test writes the configuration and the password file (nginx reads ``{PLAIN}`` passwords)
into a folder of its own and runs nginx in the foreground on 127.0.0.1, stopped by its
process id; the system's nginx service is never used.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.store.server import HOST, free_port

INSTALL_HINT = "apt-get install nginx"

# Workers as the user running the test: they buffer large request bodies into this folder.
_CONFIG = """\
user {user};
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 32; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    client_max_body_size 0;
    server {{
        listen {host}:{port};
        auth_basic "diplomacy-kg";
        auth_basic_user_file {folder}/htpasswd;
        location / {{ proxy_pass {upstream}; }}
    }}
}}
"""


def missing() -> str | None:
    """Why nginx cannot run here (a one-line reason naming the package), or None."""
    return None if _binary() else f"nginx is not installed: {INSTALL_HINT}"


def _binary() -> str | None:
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")  # root's PATH may lack sbin


@contextmanager
def basic_auth_proxy(folder: Path, upstream: str, user: str, password: str) -> Iterator[str]:
    """The URL of nginx passing requests with ``user``'s password on to ``upstream``."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (folder / "htpasswd").write_text(f"{user}:{{PLAIN}}{password}\n")
    config = folder / "nginx.conf"
    user_name = pwd.getpwuid(os.geteuid()).pw_name
    config.write_text(_CONFIG.format(user=user_name, folder=folder, host=HOST, port=port, upstream=upstream))
    nginx = _binary()
    assert nginx is not None, missing()
    process = subprocess.Popen(
        [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(config), "-g", "daemon off;"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://{HOST}:{port}"
    try:
        _wait_until_ready(process, url, folder / "error.log")
        yield url
    finally:
        process.terminate()
        process.wait(10)


def _wait_until_ready(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and process.poll() is None:
        try:
            opener.open(url + "/", timeout=2).close()
        except urllib.error.HTTPError as exc:
            if exc.code == 401:  # nginx answers, and asks for the password
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"nginx did not start on {url}: {log.read_text(errors='replace')[-2000:]}")
