"""A real Oxigraph server: the graph loaded with the Graph Store Protocol, every query over HTTP.

The server runs on 127.0.0.1 on a free port, started by a fixture that stops it however
the tests end; ``serve`` is run as the command a person types and stopped by signal.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.config import PROJECT_ROOT
from pipeline.errors import StoreError
from pipeline.store.server import Server, free_port, running_server, start_server
from pipeline.store.sparql import bind, find_query, library
from pipeline.store.triplestore import DEFAULT_GRAPH, Endpoint, count_triples, load_graph, run_query
from tests.conftest import SAMPLE_CORPUS, SEEDS, needs_shared
from tests.test_store import HOSTILE, TINY

pytestmark = pytest.mark.slow

# Parameter values that make every parameterised query answer something on the seeds.
PARAMS = {
    "person-timeline": [("name", "Iwaya")],
    "person-topics": [("name", "shigeru ishiba")],
    "persons": [("name", "Glass")],
    "meetings": [("name", "Blinken")],
    "country-topics": [("country1", "US"), ("country2", "jp")],
    "office-holders": [("country", "US")],
    "meetings-per-month": [("year", "2025")],
    "meetings-on-topic": [("topic", "north_korea"), ("topic", "Tariffs")],
}


def every_query(embedded: Path) -> list[tuple[str, str]]:
    """Each query of queries/ as a label and its text: without parameters, then with some."""
    # A meeting IRI of this graph, whatever the extraction mints (it carries a content hash).
    meeting = run_query(embedded, find_query("multi-source-meetings").text).values()[0][-1]
    params_of = {**PARAMS, "meeting-evidence": [("meeting", str(meeting))]}
    texts = {
        bind(query, params): f"{query.name} {params}"
        for query in library()
        for params in ([], params_of.get(query.name, []))
    }
    return [(label, text) for text, label in texts.items()]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("oxigraph")
    with running_server(location=work / "db", log=work / "server.log") as running:
        yield running
    assert running.process.poll() is not None, "the server is stopped"


def graph_of(pipeline_run: Callable[[Path], Path], corpus: str) -> Path:
    if corpus == "seeds":
        needs_shared()
        return pipeline_run(SEEDS) / "diplomacy.ttl"
    return pipeline_run(SAMPLE_CORPUS) / "diplomacy.ttl"


@pytest.mark.parametrize("corpus", ["sample", "seeds"])
def test_server_answers_every_query_as_the_embedded_store_does(
    corpus: str, server: Server, pipeline_run: Callable[[Path], Path], tmp_path: Path
) -> None:
    graph = graph_of(pipeline_run, corpus)
    embedded = tmp_path / "store"
    assert load_graph(graph, server.endpoint).triples == load_graph(graph, embedded).triples
    assert count_triples(server.endpoint) == count_triples(embedded)
    for label, text in every_query(embedded):
        over_http = run_query(server.endpoint, text)
        assert over_http == run_query(embedded, text), label
        assert over_http.rows or corpus == "sample", label


def test_server_reload_replaces_and_never_doubles(
    server: Server, pipeline_run: Callable[[Path], Path], tmp_path: Path
) -> None:
    graph = graph_of(pipeline_run, "sample")
    report = load_graph(graph, server.endpoint)
    before = count_triples(server.endpoint)
    assert count_triples(server.endpoint, graph=DEFAULT_GRAPH) == report.triples
    load_graph(graph, server.endpoint)
    load_graph(graph, server.endpoint)
    assert count_triples(server.endpoint) == before
    tiny = tmp_path / "tiny.ttl"
    tiny.write_text(TINY, encoding="utf-8")
    assert count_triples(server.endpoint, graph=DEFAULT_GRAPH) != (
        small := load_graph(tiny, server.endpoint).triples
    )
    assert count_triples(server.endpoint, graph=DEFAULT_GRAPH) == small


def test_server_hostile_parameters_change_nothing(server: Server, tmp_path: Path) -> None:
    tiny = tmp_path / "tiny.ttl"
    tiny.write_text(TINY, encoding="utf-8")
    load_graph(tiny, server.endpoint)
    before = count_triples(server.endpoint)
    for value in HOSTILE:
        for name in ("person-timeline", "meetings", "persons"):
            assert run_query(server.endpoint, bind(find_query(name), [("name", value)])).rows == ()
    with pytest.raises(StoreError, match="HTTP 400"):
        run_query(server.endpoint, "DROP ALL")
    assert count_triples(server.endpoint) == before


def test_server_and_store_match_a_hostile_name_literally(server: Server, tmp_path: Path) -> None:
    # A person whose name is the hostile text: bound as a literal, it finds exactly that person.
    hostile = HOSTILE[0] + HOSTILE[2] + HOSTILE[3]
    escaped = hostile.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    data = tmp_path / "odd.ttl"
    data.write_text(TINY.replace('"Bo Example"', f'"{escaped}"'), encoding="utf-8")
    store = tmp_path / "store"
    load_graph(data, store)
    load_graph(data, server.endpoint)
    text = bind(find_query("person-timeline"), [("name", hostile)])
    for target in (store, server.endpoint):
        before = count_triples(target)
        [row] = run_query(target, text).values()
        assert row[:3] == (hostile, "2025-01-02", "Ann Example")
        assert count_triples(target) == before


def test_server_credentials_reach_the_endpoint_only_from_the_environment(
    server: Server, tmp_path: Path
) -> None:
    # Oxigraph ignores the header; what matters is that a bad setting stops before any request.
    tiny = tmp_path / "tiny.ttl"
    tiny.write_text(TINY, encoding="utf-8")
    with pytest.raises(StoreError, match="set both"):
        load_graph(tiny, server.endpoint, environ={"DIPKG_ENDPOINT_USER": "ann"})
    assert load_graph(tiny, server.endpoint, environ={"DIPKG_ENDPOINT_TOKEN": "t"}).triples == 14


# ---------------------------------------------------------------- `serve`, as a person runs it


def start_serve(store: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--store", str(store), "--port", "0", *extra],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    if not first.startswith("serving"):
        process.kill()
        _, err = process.communicate()
        pytest.fail(f"serve did not start: {first}{err}")
    return process, first.split(" at ")[1].strip().rstrip("/")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_serve_serves_a_snapshot_and_stops_cleanly(
    stop: signal.Signals, pipeline_run: Callable[[Path], Path], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    graph = graph_of(pipeline_run, "sample")
    load_graph(graph, store)
    process, url = start_serve(store)
    try:
        assert url.startswith("http://127.0.0.1:")
        query = find_query("meetings").text
        assert run_query(Endpoint(url), query) == run_query(store, query)
        load_graph(graph, store)  # the folder stays free while the server runs
        process.send_signal(stop)
        assert process.wait(timeout=15) == 0
        assert "stopped." in (process.stderr.read() if process.stderr else "")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    with pytest.raises(StoreError, match="cannot reach"):
        run_query(Endpoint(url), query)


def test_serve_writable_holds_the_store_and_takes_loads_over_http(
    pipeline_run: Callable[[Path], Path], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    graph = graph_of(pipeline_run, "sample")
    load_graph(graph, store)
    before = count_triples(store)
    server = start_server(location=store, log=tmp_path / "log")
    try:
        with pytest.raises(StoreError, match="cannot open the store"):
            load_graph(graph, store)
        load_graph(graph, server.endpoint)
        assert count_triples(server.endpoint) == before
    finally:
        server.stop()
    assert count_triples(store) == before


def test_serve_without_a_store_exits_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "serve", "--store", str(tmp_path / "none"), "--port", "0"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "no store at" in done.stderr


def test_serve_on_a_busy_port_is_an_error(tmp_path: Path) -> None:
    with running_server(location=None, log=tmp_path / "a.log") as first:
        port = int(first.url.rsplit(":", 1)[1])
        with pytest.raises(StoreError, match="did not start"):
            start_server(location=None, log=tmp_path / "b.log", port=port)
    assert free_port() > 0
