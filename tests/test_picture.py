"""meetings.svg: well-formed, escaped, and the same picture whatever the input order."""

from __future__ import annotations

import math
import random
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from pipeline.config import PROJECT_ROOT
from pipeline.report.graph_view import load_view
from pipeline.report.layout import NODE_RADIUS, layout
from pipeline.report.page import element_ids
from pipeline.report.picture import network_svg
from pipeline.report.timeline import timeline_svg
from tests.conftest import SAMPLE_CORPUS
from tests.test_html_report import HOSTILE, hostile_graph

SVG = "{http://www.w3.org/2000/svg}"


def test_picture_is_well_formed_and_labels_are_text() -> None:
    root = ET.fromstring(network_svg(load_view(hostile_graph())).encode("utf-8"))
    assert root.tag == f"{SVG}svg"
    labels = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert any(label.startswith("Bob </script>") for label in labels)  # cut to fit, as text
    titles = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert f"Talks {HOSTILE}" in titles
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}image"))


def test_picture_layout_ignores_input_order() -> None:
    nodes = [f"n{i:02d}" for i in range(24)]
    edges = [(f"n{i:02d}", f"n{(i * 7 + 3) % 24:02d}") for i in range(24)] + [("n00", "n05"), ("n20", "n21")]
    widths = {n: 40.0 for n in nodes}
    first = layout(nodes, edges, widths)
    shuffled_nodes, shuffled_edges = nodes[:], [(b, a) for a, b in edges]
    random.Random(7).shuffle(shuffled_nodes)
    random.Random(8).shuffle(shuffled_edges)
    assert layout(shuffled_nodes, shuffled_edges, widths) == first


def test_picture_persons_do_not_overlap() -> None:
    nodes = [f"p{i}" for i in range(40)]
    edges = [(f"p{i}", f"p{j}") for i in range(12) for j in range(i + 1, 12) if (i + j) % 3 == 0]
    edges += [(f"p{i}", f"p{i + 1}") for i in range(12, 39, 2)]
    placed = layout(nodes, edges, {n: 50.0 for n in nodes})
    points = list(placed.positions.values())
    closest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1 :])
    assert closest > 2 * NODE_RADIUS
    assert all(0 <= x <= placed.width and 0 <= y <= placed.height for x, y in points)


def test_picture_large_group_is_quick_and_placed(tmp_path: Path) -> None:
    nodes = [f"q{i:03d}" for i in range(400)]
    edges = [(nodes[i], nodes[(i * 31 + 1) % 400]) for i in range(400)]
    placed = layout(nodes, edges, {})
    assert len(set(placed.positions.values())) == 400


def test_picture_of_the_sample_corpus(pipeline_run: Callable[[Path], Path]) -> None:
    output = pipeline_run(SAMPLE_CORPUS)
    svg = (output / "meetings.svg").read_text(encoding="utf-8")
    assert svg == network_svg(load_view(Graph().parse(output / "diplomacy.ttl", format="turtle")))
    root = ET.fromstring(svg.encode("utf-8"))
    assert list(root.iter(f"{SVG}line")), "the sample corpus has meetings"
    docs = ET.parse(PROJECT_ROOT / "docs" / "meetings.svg").getroot()
    assert docs.tag == f"{SVG}svg" and list(docs.iter(f"{SVG}circle"))


def test_picture_timeline_has_a_mark_per_meeting() -> None:
    view = load_view(hostile_graph())
    ids = element_ids(view)
    root = ET.fromstring(timeline_svg(view, ids).encode("utf-8"))
    marks = [g.get("data-meeting") for g in root.iter(f"{SVG}g")]
    assert marks == [ids.meetings[m.iri] for m in view.meetings]
    assert [t.text for t in root.iter(f"{SVG}text")] == ["22 Apr"]
