"""Loading into the embedded store, binding parameters, results, and the load/query/run --load commands.

Small graphs written inline; the whole chain runs only for ``run --load``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.errors import StoreError
from pipeline.store.endpoint import _credentials, _first_line
from pipeline.store.results import QueryResult, from_json, render, row_values, to_json
from pipeline.store.sparql import (
    QueryFile,
    Term,
    TermKind,
    bind,
    find_query,
    library,
    parse_query,
    where_clause_start,
)
from pipeline.store.triplestore import (
    DEFAULT_GRAPH,
    ONTOLOGY_GRAPH,
    Endpoint,
    count_triples,
    load_graph,
    run_query,
)
from tests.conftest import SAMPLE_CORPUS

HOSTILE = ('"} ; DROP ALL ; #', 'it\'s "quoted"', "two\nlines\r\n", "back\\slash \\u0022 \\", "<x> } {")

TINY = """\
@prefix dip: <https://w3id.org/dipkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/dipkg/id/> .

id:person\\/ann a dip:Person ; rdfs:label "Ann Example" .
id:person\\/bo a dip:Person ; rdfs:label "Bo Example" ; skos:altLabel "Bo" .
id:meeting\\/m1 a dip:Meeting ; dip:participant id:person\\/ann , id:person\\/bo ;
    dip:date "2025-01-02"^^xsd:date ; dip:location "Paris" ; dip:mode "in-person" ;
    dip:reportedIn id:article\\/x .
id:article\\/x a dip:NewsArticle ; dip:sourceFile "x.txt" .
"""
TINY_TRIPLES = 14


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return write(tmp_path, "tiny.ttl", TINY)


@pytest.fixture
def store(tmp_path: Path, tiny: Path) -> Path:
    folder = tmp_path / "store"
    load_graph(tiny, folder)
    return folder


# ---------------------------------------------------------------- loading


def test_store_load_puts_the_graph_and_the_ontology_in_named_graphs(tmp_path: Path, tiny: Path) -> None:
    report = load_graph(tiny, tmp_path / "store")
    assert (report.graph, report.triples) == (DEFAULT_GRAPH, TINY_TRIPLES)
    assert count_triples(tmp_path / "store", graph=DEFAULT_GRAPH) == TINY_TRIPLES
    assert count_triples(tmp_path / "store", graph=ONTOLOGY_GRAPH) == report.ontology_triples > 100
    raw = ox.Store(str(tmp_path / "store"))
    assert not list(raw.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert {g.value for g in raw.named_graphs()} == {DEFAULT_GRAPH, ONTOLOGY_GRAPH}


def test_store_reload_replaces_and_never_doubles(tmp_path: Path, tiny: Path, store: Path) -> None:
    before = count_triples(store)
    load_graph(tiny, store)
    load_graph(tiny, store)
    assert count_triples(store) == before
    smaller = write(tmp_path, "smaller.nt", "<https://e.org/s> <https://e.org/p> <https://e.org/o> .\n")
    assert load_graph(smaller, store).triples == 1
    assert count_triples(store, graph=DEFAULT_GRAPH) == 1


def test_store_named_graph_is_chosen_and_loads_stay_apart(tmp_path: Path, tiny: Path, store: Path) -> None:
    other = "https://example.org/graph/other"
    load_graph(tiny, store, graph=other, ontology=None)
    assert count_triples(store, graph=other) == count_triples(store, graph=DEFAULT_GRAPH) == TINY_TRIPLES
    with pytest.raises(StoreError, match="holds the ontology"):
        load_graph(tiny, store, graph=ONTOLOGY_GRAPH)
    with pytest.raises(StoreError, match="IRI"):
        load_graph(tiny, store, graph="not an iri")


def test_store_broken_file_leaves_the_loaded_graph_alone(tmp_path: Path, store: Path) -> None:
    before = count_triples(store)
    broken = write(tmp_path, "broken.ttl", TINY + '\n<https://e.org/s> <https://e.org/p> "unterminated .\n')
    with pytest.raises(StoreError, match="broken.ttl"):
        load_graph(broken, store)
    assert count_triples(store) == before


def test_store_refuses_files_and_folders_it_cannot_use(tmp_path: Path, tiny: Path) -> None:
    with pytest.raises(StoreError, match="cannot read"):
        load_graph(tmp_path / "missing.ttl", tmp_path / "store")
    with pytest.raises(StoreError, match="not a file of triples"):
        load_graph(write(tmp_path, "data.trig", ""), tmp_path / "store")
    busy = tmp_path / "busy"
    write(busy.parent, "busy", "")  # a file, not a folder
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        load_graph(tiny, busy)
    (tmp_path / "notes").mkdir()
    write(tmp_path / "notes", "readme.txt", "mine")
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        load_graph(tiny, tmp_path / "notes")


def test_store_query_without_a_store_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        run_query(tmp_path / "nothing", "SELECT * WHERE { ?s ?p ?o }")
    assert not (tmp_path / "nothing").exists()


def test_store_held_by_another_opener_is_reported(store: Path, tiny: Path) -> None:
    holder = ox.Store(str(store))  # as a `serve --writable` server would hold it
    with pytest.raises(StoreError, match="cannot open the store"):
        load_graph(tiny, store)
    del holder


def test_store_only_select_queries_and_parse_errors_are_store_errors(store: Path) -> None:
    with pytest.raises(StoreError, match="only SELECT"):
        run_query(store, "ASK { ?s ?p ?o }")
    with pytest.raises(StoreError, match="does not parse"):
        run_query(store, "SELECT * WHERE { ?s ?p }")
    with pytest.raises(StoreError, match="does not parse"):
        run_query(store, "DROP ALL")
    assert count_triples(store, graph=DEFAULT_GRAPH) == TINY_TRIPLES


# ---------------------------------------------------------------- parameters


def query_file(text: str) -> QueryFile:
    return parse_query(text, Path("adhoc.rq"))


def solve(text: str) -> list[ox.QuerySolution]:
    solutions = ox.Store().query(text)
    assert isinstance(solutions, ox.QuerySolutions)
    return list(solutions)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_sparql_any_string_value_is_bound_as_exactly_that_literal(value: str) -> None:
    text = bind(query_file("SELECT ?v WHERE { }"), [("v", value)])
    [solution] = solve(text)
    assert solution["v"] == ox.Literal(value)


@pytest.mark.parametrize("value", HOSTILE)
def test_sparql_hostile_values_stay_inside_one_literal(value: str) -> None:
    query = query_file("# @param name string a name\nSELECT ?name WHERE { }")
    text = bind(query, [("name", value)])
    [solution] = solve(text)
    assert solution["name"] == ox.Literal(value)
    assert "DROP ALL ;" not in text.replace('"} ; DROP ALL ; #', "")


@pytest.mark.parametrize(
    "value", ["http://x> } DROP ALL { <y", "http://x y", "no-scheme", 'http://x"y', "http://x\n"]
)
def test_sparql_iri_values_that_could_break_out_are_refused(value: str) -> None:
    query = query_file("# @param m iri a meeting\nSELECT ?m WHERE { ?m ?p ?o }")
    with pytest.raises(StoreError, match="IRI"):
        bind(query, [("m", value)])


def test_sparql_values_and_types_are_checked() -> None:
    query = query_file("# @param day date d\n# @param n integer n\nSELECT ?day ?n WHERE { }")
    text = bind(query, [("day", "2025-01-02"), ("n", "+7")])
    [solution] = solve(text)
    assert solution["day"] == ox.Literal(
        "2025-01-02", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    )
    assert solution["n"].value == "7"
    for name, bad in (("day", "2025-02-30"), ("day", "20250102"), ("n", "7.5"), ("n", "1 }")):
        with pytest.raises(StoreError, match="not a"):
            bind(query, [(name, bad)])
    with pytest.raises(StoreError, match="no parameter 'dya'"):
        bind(query, [("dya", "2025-01-02")])


def test_sparql_repeated_values_are_alternatives() -> None:
    text = bind(query_file("SELECT ?v WHERE { }"), [("v", "a"), ("v", "b"), ("v", "a")])
    assert sorted(s["v"].value for s in solve(text)) == ["a", "b"]


def test_sparql_undeclared_values_are_typed_by_prefix() -> None:
    query = query_file("SELECT ?a ?b ?c ?d ?e WHERE { }")
    text = bind(
        query,
        [
            ("a", "iri:https://e.org/x"),
            ("b", "date:2025-01-02"),
            ("c", "int:3"),
            ("d", "str:iri:x"),
            ("e", "plain"),
        ],
    )
    [solution] = solve(text)
    assert solution["a"] == ox.NamedNode("https://e.org/x")
    assert solution["b"].datatype.value.endswith("#date")
    assert solution["c"].value == "3"
    assert solution["d"] == ox.Literal("iri:x")
    assert solution["e"] == ox.Literal("plain")
    with pytest.raises(StoreError, match="no variable"):
        bind(query, [("zzz", "1")])


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?x WHERE { ?x ?p ?o }",
        "PREFIX e: <http://e.org/{#}> # WHERE { not here\nSELECT ?x WHERE { ?x e:p ?o }",
        'SELECT ?where (" WHERE {" AS ?s) WHERE { ?where ?p ?o }',
        "SELECT ?x { ?x ?p ?o }",
        "select ?x\nwhere\n{ ?x ?p ?o }",
        "SELECT ?x (?a<?b AS ?lt) WHERE { ?x ?p ?o }",
    ],
)
def test_sparql_values_block_opens_the_where_clause(text: str) -> None:
    at = where_clause_start(text)
    assert text[at] == "{"
    assert text[at + 1 :].lstrip().startswith("?")


def test_sparql_library_lookup() -> None:
    assert find_query("meetings").name == "meetings"
    with pytest.raises(StoreError, match="there are: .*meetings"):
        find_query("no-such-query")
    with pytest.raises(StoreError, match="no query named"):
        find_query("..")
    assert len(library()) >= 8


# ---------------------------------------------------------------- results and formats


def test_results_json_round_trip_and_csv_and_table(store: Path) -> None:
    result = run_query(
        store,
        "SELECT ?s ?label ?none WHERE { ?s a <https://w3id.org/dipkg/ontology#Person> ;"
        " <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s",
    )
    assert from_json(json.loads(render(result, "json"))) == result
    assert to_json(result)["results"]["bindings"][0]["s"]["type"] == "uri"
    csv = render(result, "csv")
    assert csv.startswith("s,label,none\r\n") and "Ann Example" in csv
    table = render(result, "table").splitlines()
    assert table[0].split() == ["s", "|", "label", "|", "none"] and table[-1] == "(2 rows)"
    odd = QueryResult(("v",), ((Term.literal("a\nb\tc"),),))
    assert "a\\nb\\tc" in render(odd, "table")
    with pytest.raises(StoreError, match="unknown format"):
        render(result, "xml")
    with pytest.raises(StoreError, match="no column"):
        row_values(result, "nope")


def test_results_from_json_normalises_literal_types() -> None:
    document = {
        "head": {"vars": ["a", "b", "c"]},
        "results": {
            "bindings": [
                {
                    "a": {"type": "literal", "value": "x"},
                    "b": {"type": "literal", "value": "y", "xml:lang": "EN"},
                    "c": {
                        "type": "typed-literal",
                        "value": "1",
                        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                    },
                }
            ]
        },
    }
    [row] = from_json(document).rows
    assert row == (
        Term.literal("x"),
        Term.literal("y", language="en"),
        Term(TermKind.LITERAL, "1", "http://www.w3.org/2001/XMLSchema#integer"),
    )
    with pytest.raises(StoreError, match="ASK"):
        from_json({"head": {}, "boolean": True})


@pytest.mark.parametrize(
    ("document", "says"),
    [
        ({"head": {"vars": ["a"]}}, "missing 'results'"),
        ({"head": ["a"], "results": {"bindings": []}}, "'head' and 'results' are not JSON objects"),
        ({"head": {"vars": ["a"]}, "results": {"bindings": [{"a": "x"}]}}, "not SPARQL JSON results: "),
        ({"head": {"vars": ["a"]}, "results": {"bindings": [{"a": {"value": "x"}}]}}, "missing 'type'"),
    ],
)
def test_results_from_json_says_what_is_wrong_with_a_document(document: dict[str, object], says: str) -> None:
    with pytest.raises(StoreError, match=re.escape(says)):
        from_json(document)


# ---------------------------------------------------------------- endpoints and credentials


def test_store_endpoint_urls() -> None:
    assert Endpoint("http://127.0.0.1:7878").graph_store == "http://127.0.0.1:7878/store"
    assert Endpoint("http://127.0.0.1:7878/").sparql == "http://127.0.0.1:7878/query"
    assert Endpoint("https://h/fuseki/ds/data").graph_store == "https://h/fuseki/ds/data"
    for bad in ("ftp://h/x", "127.0.0.1:7878", "http://"):
        with pytest.raises(StoreError, match="not an http"):
            Endpoint(bad)
    with pytest.raises(StoreError, match="not in the URL"):
        Endpoint("https://user:secret@h/ds/data")


def test_store_credentials_come_from_the_environment_only() -> None:
    request = httpx.Request("PUT", "http://127.0.0.1:1/store")
    assert _credentials({}) is None
    bearer = _credentials({"DIPKG_ENDPOINT_TOKEN": "t0k"})
    assert bearer is not None
    assert next(bearer.auth_flow(request)).headers["Authorization"] == "Bearer t0k"
    with pytest.raises(StoreError, match="both"):
        _credentials({"DIPKG_ENDPOINT_USER": "ann"})
    with pytest.raises(StoreError, match="not both"):
        _credentials(
            {"DIPKG_ENDPOINT_TOKEN": "t", "DIPKG_ENDPOINT_USER": "a", "DIPKG_ENDPOINT_PASSWORD": "p"}
        )


@pytest.mark.parametrize(
    ("challenge", "scheme"),
    [('Basic realm="kg"', "Basic "), ('Digest realm="kg", nonce="n1", qop="auth"', "Digest ")],
)
def test_store_password_goes_only_the_way_the_server_asks(challenge: str, scheme: str) -> None:
    auth = _credentials({"DIPKG_ENDPOINT_USER": "ann", "DIPKG_ENDPOINT_PASSWORD": "pw"})
    assert auth is not None
    request = httpx.Request("PUT", "http://127.0.0.1:1/store")
    flow = auth.auth_flow(request)
    assert "Authorization" not in next(flow).headers  # nothing sent before the server asks
    asked = httpx.Response(401, headers={"WWW-Authenticate": challenge}, request=request)
    answer = flow.send(asked)
    if scheme == "Digest ":  # httpx's Digest asks once more itself, then answers the challenge
        answer = flow.send(asked)
    assert answer.headers["Authorization"].startswith(scheme)
    assert "pw" not in answer.headers["Authorization"]
    # Later requests of the same client answer at once.
    assert (
        next(auth.auth_flow(httpx.Request("POST", "http://127.0.0.1:1/store")))
        .headers["Authorization"]
        .startswith(scheme)
    )


VIRTUOSO_403 = """<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html>
  <head>
    <title>SPARQL Graph Protocol request failed</title>
  </head>
  <body>
    <h1>HTTP/1.1 403 Forbidden</h1>
    <h3>Error 42000</h3>
<xmp>SQ110:SECURITY: Permission denied for <urn:x> (user ID = 107)</xmp></body></html>
"""


def test_store_error_bodies_shrink_to_one_line() -> None:
    def first_line(body: str, status: int = 500, content_type: str = "text/plain") -> str:
        return _first_line(httpx.Response(status, headers={"Content-Type": content_type}, text=body))

    html = first_line(VIRTUOSO_403, 403, "text/html; charset=UTF-8")
    assert html == "Error 42000 SQ110:SECURITY: Permission denied for <urn:x> (user ID = 107)"
    page = "<html><head><style>p{}</style></head><body><script>x()</script>" + "<p>word</p>\n" * 500
    assert first_line(page, content_type="text/html") == ("word " * 40)[:199] + "…"
    assert first_line("\n  Parse error: line 3\nat <x>\n") == "Parse error: line 3"
    assert len(first_line("x" * 5000)) == 200
    assert first_line("") == ""


def test_store_unreachable_endpoint_is_a_store_error(tiny: Path) -> None:
    from pipeline.store.server import free_port

    with pytest.raises(StoreError, match="cannot reach"):
        load_graph(tiny, Endpoint(f"http://127.0.0.1:{free_port()}"))


# ---------------------------------------------------------------- commands


def test_cli_load_then_query(tmp_path: Path, tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "store"
    assert main(["load", str(tiny), "--store", str(folder)]) == 0
    assert f"loaded {TINY_TRIPLES} triples" in capsys.readouterr().out
    assert (
        main(["query", "person-timeline", "--store", str(folder), "--param", "name=bo", "--format", "csv"])
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "person,date,counterpart,place,mode,articles,meeting"
    assert lines[1].startswith("Bo Example,2025-01-02,Ann Example,Paris,in-person,1,")
    assert main(["query", "meetings", "--store", str(folder), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["head"]["vars"][0] == "date"


def test_cli_load_defaults_to_a_store_beside_the_file(tmp_path: Path, tiny: Path) -> None:
    assert main(["load", str(tiny), "-q"]) == 0
    assert count_triples(tmp_path / "store", graph=DEFAULT_GRAPH) == TINY_TRIPLES


def test_cli_store_errors_exit_2(tmp_path: Path, store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["load", str(tmp_path / "missing.ttl"), "--store", str(store)]) == 2
    assert main(["query", "meetings", "--store", str(tmp_path / "none")]) == 2
    assert main(["query", "meetings", "--store", str(store), "--param", "nope=1"]) == 2
    assert (
        main(["query", "meeting-evidence", "--store", str(store), "--param", "meeting=x> } DROP ALL {"]) == 2
    )
    assert main(["query", "--store", str(store)]) == 2
    assert main(["run", "--input", "x", "--output", str(tmp_path), "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert err.count("diplomacy-kg: error:") == 6
    assert count_triples(store, graph=DEFAULT_GRAPH) == TINY_TRIPLES


def test_cli_query_list_names_every_query(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    for entry in library():
        assert f"{entry.name}: {entry.summary}" in out
    assert "--param meeting=<iri>" in out


@pytest.mark.slow
def test_cli_run_load_fills_the_default_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "out"
    assert main(["run", "--input", str(SAMPLE_CORPUS), "--output", str(output), "--load"]) == 0
    assert "triples into <https://w3id.org/dipkg/graph/diplomacy>" in capsys.readouterr().out
    data = ox.Store()
    data.load(path=str(output / "diplomacy.ttl"))
    assert count_triples(output / "store", graph=DEFAULT_GRAPH) == len(data)
