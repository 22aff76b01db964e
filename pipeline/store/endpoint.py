"""A SPARQL server over HTTP: where it answers, how long it may take, credentials, failures.

The graph goes in with the Graph Store Protocol (``PUT``: replace) and queries go out
with the SPARQL Protocol. A server gets ``CONNECT_SECONDS`` to accept the connection and
``Endpoint.timeout`` to answer. Credentials come from the environment only:
``DIPKG_ENDPOINT_USER`` with ``DIPKG_ENDPOINT_PASSWORD`` (HTTP Digest or Basic, as the
server's challenge asks) or ``DIPKG_ENDPOINT_TOKEN`` (a Bearer token). A failure is one
line: the request, the status and the first line of what the server said.
"""

from __future__ import annotations

import html.parser
import ipaddress
import json
import os
import re
import urllib.parse
from collections.abc import Generator, Mapping
from dataclasses import dataclass

import httpx

from pipeline.errors import StoreError
from pipeline.store.results import QueryResult, from_json

ENV_TOKEN = "DIPKG_ENDPOINT_TOKEN"
ENV_USER = "DIPKG_ENDPOINT_USER"
ENV_PASSWORD = "DIPKG_ENDPOINT_PASSWORD"
CONNECT_SECONDS = 5.0  # to open a connection, and for a Graph Store to answer an empty request
DEFAULT_TIMEOUT = 60.0  # seconds to wait for an answer: a large load or query may need more


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL server over HTTP.

    ``url`` without a path (``http://127.0.0.1:7878``) means an Oxigraph server, whose
    Graph Store is ``/store`` and query service ``/query``; any other URL is used as
    given: the Graph Store URL to load into, the query URL to query. ``timeout``: seconds
    to wait for an answer to a load or a query.
    """

    url: str
    timeout: float = DEFAULT_TIMEOUT

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise StoreError(f"the timeout must be a positive number of seconds, not {self.timeout}")
        parts = urllib.parse.urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"not an http(s) URL: {self.url!r}")
        if parts.username or parts.password:
            raise StoreError(f"put credentials in ${ENV_USER} and ${ENV_PASSWORD}, not in the URL")

    @property
    def graph_store(self) -> str:
        return self._oxigraph_path("/store")

    @property
    def sparql(self) -> str:
        return self._oxigraph_path("/query")

    def _oxigraph_path(self, path: str) -> str:
        parts = urllib.parse.urlsplit(self.url)
        if parts.path in ("", "/") and not parts.query:
            return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        return self.url


def connect(endpoint: Endpoint, environ: Mapping[str, str] | None) -> httpx.Client:
    """A client for ``endpoint`` (close it after), credentials from ``environ`` (None: os.environ)."""
    return httpx.Client(
        auth=_credentials(environ),
        timeout=httpx.Timeout(endpoint.timeout, connect=min(CONNECT_SECONDS, endpoint.timeout)),
        trust_env=not _is_local(endpoint.url),  # a proxy from the environment never sees this machine
    )


def put_graph(client: httpx.Client, endpoint: Endpoint, graph: str, data: bytes, media_type: str) -> None:
    """Replace ``graph`` on the endpoint's Graph Store with ``data``; raises StoreError when refused."""
    separator = "&" if urllib.parse.urlsplit(endpoint.graph_store).query else "?"
    url = endpoint.graph_store + separator + urllib.parse.urlencode({"graph": graph})
    headers = {"Content-Type": media_type}
    # First an empty POST (a merge of nothing), which a Graph Store answers at once: a wrong
    # URL fails in seconds (Virtuoso's /sparql never answers a PUT), and a refusal or an
    # authentication challenge comes before the graph is sent.
    handshake = httpx.Timeout(min(CONNECT_SECONDS, endpoint.timeout))
    try:
        _send(client, "POST", url, b"", headers, timeout=handshake)
    except _NoAnswer as exc:
        raise StoreError(
            f"POST {url}: no answer within {exc.seconds:g} s to an empty Graph Store request: "
            "is this the Graph Store Protocol URL? (Virtuoso: …/sparql-graph-crud, Fuseki: …/DATASET/data)"
        ) from None
    try:
        _send(client, "PUT", url, data, headers)
    except _NoAnswer as exc:
        raise StoreError(
            f"PUT {url}: no answer within {exc.seconds:g} s "
            "(the server may still finish the load; --timeout waits longer)"
        ) from None


def select(client: httpx.Client, endpoint: Endpoint, form: list[tuple[str, str]]) -> QueryResult:
    """A SELECT over the SPARQL Protocol (``form``: query and its parameters); raises StoreError."""
    body = urllib.parse.urlencode(form).encode("utf-8")
    headers = {
        "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
    }
    try:
        payload = _send(client, "POST", endpoint.sparql, body, headers)
    except _NoAnswer as exc:
        raise StoreError(
            f"POST {endpoint.sparql}: no answer within {exc.seconds:g} s (--timeout waits longer)"
        ) from None
    try:
        document = json.loads(payload)
    except ValueError as exc:
        raise StoreError(f"{endpoint.sparql} did not answer with SPARQL JSON results: {exc}") from exc
    if not isinstance(document, dict):
        raise StoreError(f"{endpoint.sparql} did not answer with SPARQL JSON results")
    return from_json(document)


class _NoAnswer(Exception):
    """The server took the request and said nothing within ``seconds``."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds


def _send(
    client: httpx.Client,
    method: str,
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    timeout: httpx.Timeout | None = None,
) -> bytes:
    limits = timeout or client.timeout
    try:
        response = client.request(method, url, content=body, headers=headers, timeout=limits)
    except httpx.ConnectTimeout:
        raise StoreError(
            f"{method} {url}: cannot reach the endpoint: no connection within {limits.connect:g} s"
        ) from None
    except httpx.TimeoutException:
        raise _NoAnswer(limits.read or 0.0) from None
    except httpx.HTTPError as exc:
        raise StoreError(f"{method} {url}: cannot reach the endpoint: {_one_line(str(exc))}") from None
    if not response.is_success:
        raise StoreError(_refusal(method, url, response, client.auth is not None))
    return response.content


def _refusal(method: str, url: str, response: httpx.Response, with_credentials: bool) -> str:
    """What a failed request says: its status, the first line of the body, and what to try."""
    message = f"{method} {url}: HTTP {response.status_code} {response.reason_phrase}"
    detail = _first_line(response)
    if detail:
        message += f": {detail}"
    status = response.status_code
    if response.is_redirect:
        message += f" (moved to {response.headers.get('location', '?')}: give that URL)"
    elif status == 401 and not with_credentials:
        message += f" (the endpoint wants credentials: set ${ENV_USER} and ${ENV_PASSWORD}, or ${ENV_TOKEN})"
    elif status == 401:
        message += " (the endpoint refused the credentials from the environment)"
    elif status == 403 and "virtuoso" in response.headers.get("server", "").lower():
        message += (
            ' (Virtuoso: GRANT SPARQL_UPDATE TO "SPARQL" for /sparql-graph-crud,'
            " or use /sparql-graph-crud-auth with credentials)"
        )
    return message


_DETAIL_CHARS = 200


def _first_line(response: httpx.Response) -> str:
    """The body's first line, an HTML page as its text in one line, truncated; never the page."""
    text = response.content[:20_000].decode(response.encoding or "utf-8", "replace")
    start = text.lstrip()[:15].lower()
    if "html" in response.headers.get("content-type", "") or start.startswith(("<!doctype html", "<html")):
        page = _PageText()
        page.feed(text)
        page.close()
        # Servers repeat the status line in the page (Virtuoso: "Error HTTP/1.1 404 File not found").
        status = rf"(Error )?HTTP/1\.[01] {response.status_code} {re.escape(response.reason_phrase)}"
        text = _one_line(re.sub(status, " ", " ".join(page.parts)))
    else:
        text = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return text if len(text) <= _DETAIL_CHARS else text[: _DETAIL_CHARS - 1] + "…"


class _PageText(html.parser.HTMLParser):
    """The visible text of an HTML page: what is outside <head>, <script> and <style>."""

    _HIDDEN = frozenset({"head", "title", "script", "style"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in self._HIDDEN
        if tag == "xmp":  # raw text, not markup: Virtuoso's messages, IRIs in <…> and all
            self.set_cdata_mode(tag)

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in self._HIDDEN and self._hidden > 0

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _is_local(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _credentials(environ: Mapping[str, str] | None) -> httpx.Auth | None:
    env = os.environ if environ is None else environ
    token, user, password = env.get(ENV_TOKEN), env.get(ENV_USER), env.get(ENV_PASSWORD)
    if token and (user or password):
        raise StoreError(f"set either ${ENV_TOKEN} or ${ENV_USER} and ${ENV_PASSWORD}, not both")
    if token:
        return _BearerAuth(token)
    if user or password:
        if not (user and password):
            raise StoreError(f"set both ${ENV_USER} and ${ENV_PASSWORD}")
        return _ChallengedAuth(user, password)
    return None


class _BearerAuth(httpx.Auth):
    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


class _ChallengedAuth(httpx.Auth):
    """A user and password sent the way the server's challenge asks: HTTP Digest, else Basic.

    The first request goes without them; its 401 names the scheme, which later requests
    of the same client then use at once. Nothing is sent to a server that does not ask.
    """

    def __init__(self, user: str, password: str) -> None:
        self._digest = httpx.DigestAuth(user, password)
        self._basic = httpx.BasicAuth(user, password)
        self._scheme: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme is None:
            response = yield request
            if response.status_code != 401:
                return
            offered = {h.split(" ", 1)[0].lower() for h in response.headers.get_list("www-authenticate")}
            if "digest" in offered:
                self._scheme = self._digest
            elif "basic" in offered:
                self._scheme = self._basic
            else:
                return
        yield from self._scheme.auth_flow(request)
