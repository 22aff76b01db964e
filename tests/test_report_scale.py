"""report.html and meetings.svg of a large graph: linear queries, bounded pages and pictures."""

from __future__ import annotations

import json
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from pipeline.errors import InputError
from pipeline.report import graph_source
from pipeline.report.graph_source import read_graph
from pipeline.report.graph_view import GraphCounts, GraphView, count_graph, load_view
from pipeline.report.html import build_html
from pipeline.report.limits import MAX_TABLE_ROWS, page_scope
from pipeline.report.network import MAX_DRAWN_PERSONS, drawn_persons
from pipeline.report.page import Page, ShaclView, element_ids
from pipeline.report.picture import network_svg
from pipeline.report.timeline import MAX_TIMELINE_ROWS, timeline_svg
from tests.test_html_report import parse_page

DIP = Namespace("https://w3id.org/dipkg/ontology#")
ID = Namespace("https://w3id.org/dipkg/id/")
TOPIC = URIRef("https://w3id.org/dipkg/topic/trade")
SVG = "{http://www.w3.org/2000/svg}"


def crowd(meetings: int, persons: int, *, days: int = 400) -> Graph:
    """``meetings`` two-person meetings among ``persons`` persons, all on one topic."""
    graph = Graph()
    graph.add((TOPIC, RDF.type, DIP.Topic))
    graph.add((TOPIC, SKOS.prefLabel, Literal("Trade", lang="en")))
    people = [ID[f"person/p{i:05d}"] for i in range(persons)]
    for i, person in enumerate(people):
        graph.add((person, RDF.type, DIP.Person))
        graph.add((person, RDFS.label, Literal(f"Person {i:05d}")))
    for i in range(meetings):
        meeting, article = ID[f"meeting/m{i:05d}"], ID[f"article/a{i:05d}"]
        graph.add((meeting, RDF.type, DIP.Meeting))
        graph.add((meeting, RDFS.label, Literal(f"Talks {i}")))
        graph.add((meeting, DIP.date, _day(i, days)))
        # Person 0 meets everyone: the hub; the others meet their neighbours.
        for person in {people[0] if i % 3 == 0 else people[i % persons], people[(i * 7 + 1) % persons]}:
            graph.add((meeting, DIP.participant, person))
        graph.add((meeting, DIP.topic, TOPIC))
        graph.add((meeting, DIP.reportedIn, article))
        graph.add((article, RDF.type, DIP.NewsArticle))
        graph.add((article, DIP.sourceFile, Literal(f"a{i:05d}.txt")))
    return graph


def _day(i: int, days: int) -> Literal:
    """One of ``days`` days of 2024."""
    month, day = divmod(i % days, 28)
    return Literal(f"2024-{1 + month % 12:02d}-{1 + day:02d}", datatype=XSD.date)


@pytest.fixture(scope="module")
def large() -> GraphView:
    return load_view(crowd(MAX_TABLE_ROWS + 200, MAX_TABLE_ROWS + 300))


def test_report_scale_many_meetings_on_one_topic_are_all_counted(tmp_path: Path) -> None:
    """Meetings that share a topic (the join that once went quadratic) are each counted;
    how the time grows with the graph is the benchmark's to say, not a test's."""
    for meetings in (1500, 3000):
        path = tmp_path / f"g{meetings}.ttl"
        crowd(meetings, 200).serialize(path, format="turtle")
        view = read_graph(path, load_view)
        assert view.topics[0].meetings == meetings
        assert view.counts.meetings == meetings


def test_report_scale_counts_from_a_store_equal_counts_from_rdflib(tmp_path: Path) -> None:
    graph = crowd(30, 12)
    path = tmp_path / "g.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    assert read_graph(path, count_graph) == count_graph(graph)
    assert count_graph(graph).triples == len(graph)


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of its own for the temporary files of the test, to see what is left in it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_report_scale_graph_is_read_on_disk_in_batches_and_removed(
    tmp_path: Path, temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store is a RocksDB folder, not memory; batches that repeat a triple count it once."""
    monkeypatch.setattr(graph_source, "_BATCH", 7)
    graph = crowd(30, 12)
    path = tmp_path / "g.nt"
    text = graph.serialize(format="nt", encoding="utf-8")
    path.write_bytes(text + text)  # every triple twice, in another batch
    stores: list[Path] = []

    def read(store: ox.Store) -> GraphCounts:
        stores.extend(folder for folder in temporary.iterdir() if (folder / "CURRENT").is_file())
        return count_graph(store)

    assert read_graph(path, read) == count_graph(graph)
    assert len(stores) == 1
    assert not any(temporary.iterdir())


def test_report_scale_unreadable_graph_is_an_input_error_and_leaves_no_folder(
    tmp_path: Path, temporary: Path
) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://example.org/a> <https://example.org/b> .\n", encoding="utf-8")
    for path in (broken, tmp_path / "missing.ttl"):
        with pytest.raises(InputError, match=f"cannot read the graph {re.escape(str(path))}"):
            read_graph(path, count_graph)
    assert not any(temporary.iterdir())


def test_report_scale_tables_are_cut_and_say_so(large: GraphView) -> None:
    html = build_html(Page(large, ShaclView(source=""), (), "g.ttl", "0" * 64, ""))
    assert f"The {MAX_TABLE_ROWS:,} most recent of {len(large.meetings):,} meetings." in html
    assert f"The {MAX_TABLE_ROWS:,} persons with the most meetings, of {len(large.persons):,}." in html
    assert re.search(r"The \d+ persons with the most meetings \(of [\d,]+ who met someone\) are drawn", html)
    assert html.count('<tr class="pick" id="m') == MAX_TABLE_ROWS
    assert html.count('<tr class="pick" id="p') == MAX_TABLE_ROWS
    # The hub, who met most, is listed; the most recent meetings are.
    assert ">Person 00000<" in html
    assert f">{large.meetings[-1].date}<" in html


def test_report_scale_every_reference_resolves(large: GraphView, tmp_path: Path) -> None:
    """The data block holds every person and meeting the page or the script can point at."""
    path = tmp_path / "report.html"
    path.write_text(
        build_html(Page(large, ShaclView(source=""), (), "g.ttl", "0" * 64, "")), encoding="utf-8"
    )
    data = json.loads(parse_page(path).scripts[0][1])
    text = path.read_text(encoding="utf-8")
    meetings = set(re.findall(r'data-meetings?="([^"]+)"', text))
    persons = set(re.findall(r'data-person="([^"]+)"', text))
    assert {m for refs in meetings for m in refs.split()} <= set(data["meetings"])
    assert persons <= set(data["persons"])
    for meeting in data["meetings"].values():
        assert set(meeting["participants"]) <= set(data["persons"])
    for person in data["persons"].values():
        assert set(person["meetings"]) <= set(data["meetings"])
    hub = next(p for p in data["persons"].values() if p["name"] == "Person 00000")
    total = page_scope(large).meeting_counts["https://w3id.org/dipkg/id/person/p00000"]
    assert hub["more"] > 0 and len(hub["meetings"]) + hub["more"] == total
    assert len(data["meetings"]) < len(large.meetings)


def test_report_scale_network_draws_the_most_connected(large: GraphView) -> None:
    drawn = drawn_persons(large)
    assert len(drawn) == MAX_DRAWN_PERSONS
    assert "https://w3id.org/dipkg/id/person/p00000" in drawn
    root = ET.fromstring(network_svg(large).encode("utf-8"))
    assert 0 < len(list(root.iter(f"{SVG}circle"))) <= MAX_DRAWN_PERSONS + len(large.countries) + 1
    title = next(root.iter(f"{SVG}text")).text or ""
    assert title.startswith("Who met whom: the ") and "persons with the most meetings" in title


def test_report_scale_timeline_rows_are_bounded() -> None:
    view = load_view(crowd(300, 40, days=1))  # all on one day
    root = ET.fromstring(timeline_svg(view, element_ids(view)).encode("utf-8"))
    rows = {c.get("cy") for c in root.iter(f"{SVG}circle")}
    assert len(list(root.iter(f"{SVG}circle"))) == 300
    assert len(rows) == MAX_TIMELINE_ROWS


def test_report_scale_small_graph_is_whole() -> None:
    view = load_view(crowd(20, 8))
    scope = page_scope(view)
    assert scope.persons == view.persons and scope.meetings == view.meetings
    assert scope.data_meetings == {m.iri for m in view.meetings}
    html = build_html(Page(view, ShaclView(source=""), (), "g.ttl", "0" * 64, ""))
    assert "most recent of" not in html and '"more"' not in html
