"""Endpoints as users have them: Virtuoso, Jena and Oxigraph behind nginx, answering as the embedded store.

Real servers on 127.0.0.1, started here and stopped after: Virtuoso (Debian
virtuoso-opensource) takes the graph through its Graph Store endpoints, anonymous after the
grant the README documents or with HTTP Digest; Jena TDB2 (Debian libapache-jena-java: no
Fuseki package exists here) loads it with ``tdb2.tdbloader``; nginx asks for HTTP Basic in
front of an Oxigraph server. Every query of queries/ must give the embedded store's rows.
Failures are driven through the command a person types: one line on stderr, exit 2, soon.
Tools that are not installed skip with a one-line reason naming the package; ``.ci/run``
installs them.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.config import PROJECT_ROOT
from pipeline.errors import StoreError
from pipeline.store.results import from_json
from pipeline.store.server import HOST, free_port, running_server
from pipeline.store.triplestore import (
    DEFAULT_GRAPH,
    DEFAULT_GRAPHS,
    ONTOLOGY_FILE,
    ONTOLOGY_GRAPH,
    Endpoint,
    count_triples,
    load_graph,
    run_query,
)
from tests.test_sparql_server import every_query, graph_of
from tests.test_store import TINY, TINY_TRIPLES
from tests.tools import jena, nginx
from tests.tools import virtuoso as vt

CORPORA = ["sample", "seeds"]
DBA = {"DIPKG_ENDPOINT_USER": "dba", "DIPKG_ENDPOINT_PASSWORD": vt.DBA_PASSWORD}


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> tuple[int, str, float]:
    """Run ``python -m pipeline ARGS``: exit code, stderr, seconds taken."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_env() if env is None else env,
    )
    return done.returncode, done.stderr, time.monotonic() - started


def one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("diplomacy-kg: error: "), stderr
    assert "<html" not in stderr.lower() and "Traceback" not in stderr, stderr
    return lines[0]


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.ttl"
    path.write_text(TINY, encoding="utf-8")
    return path


# ---------------------------------------------------------------- Virtuoso


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[vt.Virtuoso]:
    reason = vt.missing()
    if reason is not None:
        pytest.skip(reason)
    with vt.running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
    assert server.process.poll() is not None, "Virtuoso is stopped"


@pytest.mark.slow
@pytest.mark.parametrize("corpus", CORPORA)
def test_virtuoso_answers_every_query_as_the_embedded_store_does(
    corpus: str, virtuoso: vt.Virtuoso, pipeline_run: Callable[[Path], Path], tmp_path: Path
) -> None:
    graph = graph_of(pipeline_run, corpus)
    embedded = tmp_path / "store"
    loaded = load_graph(graph, embedded)
    store = Endpoint(virtuoso.url + "/sparql-graph-crud-auth")  # HTTP Digest, as dba
    sparql = Endpoint(virtuoso.url + "/sparql")
    for _ in range(2):  # a reload replaces the graph, never doubles it
        assert load_graph(graph, store, environ=DBA).triples == loaded.triples
        assert count_triples(sparql, graph=DEFAULT_GRAPH) == loaded.triples
    assert count_triples(sparql, graph=ONTOLOGY_GRAPH) == loaded.ontology_triples
    for label, text in every_query(embedded):
        answer = run_query(sparql, text)
        assert answer == run_query(embedded, text), label
        assert answer.rows or corpus == "sample", label


@pytest.mark.slow
def test_virtuoso_anonymous_load_works_after_the_documented_grant(virtuoso: vt.Virtuoso, tiny: Path) -> None:
    store = Endpoint(virtuoso.url + "/sparql-graph-crud")
    graph = "https://example.org/graph/anonymous"
    with pytest.raises(StoreError) as refused:
        load_graph(tiny, store, graph=graph, ontology=None, environ={})
    message = str(refused.value)
    assert "HTTP 403 Forbidden: Error 42000 " in message and ":SECURITY: " in message
    assert 'GRANT SPARQL_UPDATE TO "SPARQL"' in message and "\n" not in message and "<h" not in message
    virtuoso.sql('GRANT SPARQL_UPDATE TO "SPARQL"')
    try:
        assert load_graph(tiny, store, graph=graph, ontology=None, environ={}).triples == TINY_TRIPLES
        assert count_triples(Endpoint(virtuoso.url + "/sparql"), graph=graph) == TINY_TRIPLES
    finally:
        virtuoso.sql('REVOKE SPARQL_UPDATE FROM "SPARQL"')


@pytest.mark.slow
def test_virtuoso_digest_refusals_are_one_line(virtuoso: vt.Virtuoso, tiny: Path) -> None:
    url = virtuoso.url + "/sparql-graph-crud-auth"
    code, stderr, _ = cli("load", str(tiny), "--endpoint", url, env=_env())
    assert code == 2 and "HTTP 401 Unauthorized" in one_error_line(stderr)
    assert "set $DIPKG_ENDPOINT_USER and $DIPKG_ENDPOINT_PASSWORD" in stderr
    code, stderr, _ = cli(
        "load", str(tiny), "--endpoint", url, env=_env({**DBA, "DIPKG_ENDPOINT_PASSWORD": "no"})
    )
    assert code == 2 and "refused the credentials" in one_error_line(stderr)
    code, stderr, _ = cli("load", str(tiny), "--endpoint", url, "-q", env=_env(DBA))
    assert (code, stderr) == (0, "")


@pytest.mark.slow
def test_virtuoso_query_url_given_to_load_fails_in_seconds(virtuoso: vt.Virtuoso, tiny: Path) -> None:
    # Virtuoso's /sparql never answers a PUT or a Turtle POST: the empty POST first finds that out.
    code, stderr, seconds = cli("load", str(tiny), "--endpoint", virtuoso.url + "/sparql", env=_env(DBA))
    line = one_error_line(stderr)
    assert code == 2 and "no answer within 5 s to an empty Graph Store request" in line, line
    assert "/sparql-graph-crud" in line and seconds < 15
    code, stderr, seconds = cli("load", str(tiny), "--endpoint", virtuoso.url + "/no/such/path")
    assert code == 2 and "HTTP 404 File not found: The requested URL was not found" in one_error_line(stderr)
    assert seconds < 15


# ---------------------------------------------------------------- Jena TDB2


@pytest.fixture(scope="module")
def jena_tool(tmp_path_factory: pytest.TempPathFactory) -> jena.Jena:
    reason = jena.missing()
    if reason is not None:
        pytest.skip(reason)
    return jena.find_jena(tmp_path_factory.mktemp("jena-shim"))


@pytest.mark.slow
@pytest.mark.parametrize("corpus", CORPORA)
def test_jena_tdb2_answers_every_query_as_the_embedded_store_does(
    corpus: str, jena_tool: jena.Jena, pipeline_run: Callable[[Path], Path], tmp_path: Path
) -> None:
    graph = graph_of(pipeline_run, corpus)
    embedded = tmp_path / "store"
    load_graph(graph, embedded)
    database = tmp_path / "tdb2"
    for path, name in ((graph, DEFAULT_GRAPH), (ONTOLOGY_FILE, ONTOLOGY_GRAPH)):
        done = jena_tool.command("tdb2.tdbloader", "--loc", str(database), "--graph", name, str(path))
        assert done.returncode == 0, done.stderr[-2000:]
    queries = every_query(embedded)
    files = []
    for number, (_, text) in enumerate(queries):
        files.append(tmp_path / f"q{number:02}.rq")
        files[-1].write_text(text, encoding="utf-8")
    done = jena_tool.run("Tdb2Queries.java", str(database), ",".join(DEFAULT_GRAPHS), *map(str, files))
    assert done.returncode == 0, done.stderr[-2000:]
    for (label, text), file in zip(queries, files, strict=True):
        answer = from_json(json.loads(file.with_suffix(".rq.json").read_text(encoding="utf-8")))
        assert answer == run_query(embedded, text), label
        assert answer.rows or corpus == "sample", label


# ---------------------------------------------------------------- Oxigraph behind nginx (HTTP Basic)


@pytest.mark.slow
def test_basic_authentication_through_nginx_in_front_of_oxigraph(
    pipeline_run: Callable[[Path], Path], tmp_path: Path
) -> None:
    reason = nginx.missing()
    if reason is not None:
        pytest.skip(reason)
    graph = graph_of(pipeline_run, "sample")
    embedded = tmp_path / "store"
    loaded = load_graph(graph, embedded)
    ann = {"DIPKG_ENDPOINT_USER": "ann", "DIPKG_ENDPOINT_PASSWORD": "s3cret pass"}
    with running_server(location=None, log=tmp_path / "oxigraph.log") as oxigraph:
        with nginx.basic_auth_proxy(tmp_path / "nginx", oxigraph.url, "ann", "s3cret pass") as url:
            endpoint = Endpoint(url)
            assert load_graph(graph, endpoint, environ=ann).triples == loaded.triples
            assert count_triples(endpoint, environ=ann) == count_triples(embedded)
            [(label, text), *_] = every_query(embedded)
            assert run_query(endpoint, text, environ=ann) == run_query(embedded, text), label
            code, stderr, _ = cli("query", "meetings", "--endpoint", url, env=_env())
            assert code == 2 and "HTTP 401 Unauthorized" in one_error_line(stderr)
            code, stderr, _ = cli(
                "query", "meetings", "--endpoint", url, env=_env({**ann, "DIPKG_ENDPOINT_PASSWORD": "no"})
            )
            assert code == 2 and "refused the credentials" in one_error_line(stderr)


# ---------------------------------------------------------------- timeouts


def test_endpoint_where_nothing_listens_fails_at_once(tiny: Path) -> None:
    url = f"http://{HOST}:{free_port()}"
    for args in (("load", str(tiny)), ("query", "meetings")):
        code, stderr, seconds = cli(*args, "--endpoint", url)
        assert code == 2 and "cannot reach the endpoint" in one_error_line(stderr)
        assert seconds < 15


def test_endpoint_that_never_answers_times_out_as_told(tiny: Path) -> None:
    # A port that accepts connections and says nothing: a hung or overloaded server.
    with socket.socket() as silent:
        silent.bind((HOST, 0))
        silent.listen(8)
        url = f"http://{HOST}:{silent.getsockname()[1]}"
        code, stderr, seconds = cli("query", "meetings", "--endpoint", url, "--timeout", "1")
        assert code == 2 and "no answer within 1 s (--timeout waits longer)" in one_error_line(stderr)
        assert seconds < 15
        code, stderr, seconds = cli("load", str(tiny), "--endpoint", url + "/store", "--timeout", "0.5")
        assert code == 2 and "no answer within 0.5 s to an empty Graph Store request" in one_error_line(
            stderr
        )
        assert seconds < 15


def test_timeout_option_is_checked_and_documented(tiny: Path) -> None:
    code, stderr, _ = cli("load", str(tiny), "--endpoint", f"http://{HOST}:1", "--timeout", "0")
    assert code == 2 and "positive number of seconds" in one_error_line(stderr)
    code, stderr, _ = cli("load", str(tiny), "--timeout", "3")
    assert code == 2 and "--timeout goes with --endpoint" in one_error_line(stderr)
    code, stderr, _ = cli(
        "run", "--input", str(tiny.parent), "--output", str(tiny.parent / "o"), "--timeout", "3"
    )
    assert code == 2 and "go with --load" in one_error_line(stderr)
    output = tiny.parent / "never"
    code, stderr, _ = cli(
        "run", "--input", str(tiny.parent), "--output", str(output), "--load", "--endpoint", "ftp://h"
    )
    assert code == 2 and "not an http(s) URL" in one_error_line(stderr)
    assert not output.exists(), "a bad endpoint stops the run before it starts"
    for command in ("load", "query", "run"):
        shown = subprocess.run(
            [sys.executable, "-m", "pipeline", command, "--help"], capture_output=True, text=True, check=True
        ).stdout
        assert "--timeout SECONDS" in shown and "default: 60" in " ".join(shown.split()), command


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """This process's environment without endpoint credentials, plus ``extra``."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DIPKG_ENDPOINT_")}
    return {**clean, **(extra or {})}
