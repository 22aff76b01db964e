"""report.html: built by SPARQL from any graph, self-contained, escaped, deterministic.

The browser tests open the report of a real run in Debian's headless Chromium (through
Playwright) and compare what the page shows with SPARQL on the same graph.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from pipeline.cli import main
from pipeline.config import PROJECT_ROOT
from pipeline.report.graph_view import clean_text
from pipeline.report.page import article_href
from pipeline.report.render import render_report
from tests.conftest import SAMPLE_CORPUS, SEEDS, needs_shared
from tests.test_network import meeting_graph

DIP = Namespace("https://w3id.org/dipkg/ontology#")
ID = Namespace("https://w3id.org/dipkg/id/")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PREFIXES = """
PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
HOSTILE = "</script><script>alert(1)</script> \"quoted\" 'single' & <b>bold</b> <!-- \u2028"


def hostile_graph() -> Graph:
    """Two persons and a meeting whose every text tries to break out of the page."""
    graph = Graph()
    article = ID["article/abc"]
    graph.add((article, RDF.type, DIP.NewsArticle))
    graph.add((article, DIP.sourceFile, Literal("javascript:alert(1)//../<x>.txt")))
    people = []
    for slug, name in (("a", "Ann </script> Onerror\u0001"), ("b", f"Bob {HOSTILE}")):
        person = ID[f"person/{slug}"]
        graph.add((person, RDF.type, DIP.Person))
        graph.add((person, RDFS.label, Literal(name)))
        people.append(person)
    meeting = ID["meeting/m"]
    graph.add((meeting, RDF.type, DIP.Meeting))
    graph.add((meeting, RDFS.label, Literal(f"Talks {HOSTILE}")))
    graph.add((meeting, DIP.date, Literal("2025-04-22", datatype=XSD.date)))
    graph.add((meeting, DIP.location, Literal("<img src=x onerror=alert(2)>")))
    for person in people:
        graph.add((meeting, DIP.participant, person))
    graph.add((meeting, DIP.reportedIn, article))
    topic = URIRef("https://w3id.org/dipkg/topic/t")
    graph.add((topic, RDF.type, DIP.Topic))
    graph.add((topic, SKOS.prefLabel, Literal(f"Topic {HOSTILE}", lang="en")))
    graph.add((meeting, DIP.topic, topic))
    evidence = ID["evidence/e"]
    graph.add((meeting, DIP.supportedBy, evidence))
    graph.add((evidence, DIP.inArticle, article))
    graph.add((evidence, DIP.quote, Literal(f"They said {HOSTILE}")))
    graph.add((evidence, DIP.startOffset, Literal(0)))
    return graph


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    hostile_graph().serialize(folder / "graph.ttl", format="turtle")
    render_report(
        folder / "graph.ttl", html_path=folder / "report.html", picture_path=folder / "meetings.svg"
    )
    return folder / "report.html"


class _Scripts(HTMLParser):
    """Collects the <script> elements and every href of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.hrefs: list[str] = []
        self.fetching: list[str] = []  # elements or attributes that make a browser fetch
        self._in: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in = dict(attrs)
            self.scripts.append((self._in, ""))
        if tag in ("link", "img", "iframe", "object", "embed", "audio", "video", "source", "base"):
            self.fetching.append(tag)
        for name, value in attrs:
            if name == "href" and value is not None:
                self.hrefs.append(value)
            if name in ("src", "srcset", "xlink:href", "poster", "background"):
                self.fetching.append(f"{tag} {name}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parse_page(path: Path) -> _Scripts:
    parser = _Scripts()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_html_report_hostile_text_stays_text(hostile_report: Path) -> None:
    page = parse_page(hostile_report)
    # Exactly the data block and the code: no text of the graph opened a script.
    assert [attrs.get("type") for attrs, _ in page.scripts] == ["application/json", None]
    data = json.loads(page.scripts[0][1])
    names = sorted(p["name"] for p in data["persons"].values())
    assert names == ["Ann </script> Onerror\ufffd", f"Bob {HOSTILE}"]
    assert data["meetings"]["m1"]["quotes"][0]["text"] == f"They said {HOSTILE}"
    text = hostile_report.read_text(encoding="utf-8")
    assert "<img src=x" not in text and "<b>bold" not in text
    assert "\u0001" not in text


def test_html_report_links_are_relative_and_never_a_scheme(hostile_report: Path) -> None:
    hrefs = parse_page(hostile_report).hrefs
    article_links = [h for h in hrefs if not h.startswith("#")]
    assert article_links, "the meeting's source is linked"
    for href in article_links:
        assert ":" not in href and not href.startswith("//"), href
    assert article_href("../corpus", "a b/c:d.txt") == "../corpus/a%20b/c%3Ad.txt"
    assert article_href("", "//evil.example/x") == "./evil.example/x"


def test_html_report_is_self_contained(hostile_report: Path) -> None:
    assert parse_page(hostile_report).fetching == []
    text = hostile_report.read_text(encoding="utf-8")
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in text
    assert "default-src 'none'" in text


def test_html_report_clean_text_drops_what_no_file_can_hold() -> None:
    assert clean_text("a\x00b\ud800c\x0bd\tok") == "a\ufffdb\ufffdc\ufffdd\tok"


def test_html_report_is_deterministic_across_hash_seeds(
    pipeline_run: Callable[[Path], Path], tmp_path: Path
) -> None:
    output = pipeline_run(SAMPLE_CORPUS)
    graph = output / "diplomacy.ttl"
    pages = []
    for seed in ("1", "2"):
        target = tmp_path / f"report-{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "pipeline", "report", str(graph), "--output", str(target)]
        subprocess.run(command, check=True, cwd=PROJECT_ROOT, env=env, timeout=120, capture_output=True)
        pages.append(target.read_bytes())
    assert pages[0] == pages[1]
    render_report(graph, html_path=tmp_path / "report-1.html")
    assert (tmp_path / "report-1.html").read_bytes() == pages[0]


def test_html_report_without_run_files_says_not_available(
    pipeline_run: Callable[[Path], Path], tmp_path: Path
) -> None:
    shutil.copy(pipeline_run(SAMPLE_CORPUS) / "diplomacy.ttl", tmp_path / "graph.ttl")
    assert main(["report", str(tmp_path / "graph.ttl")]) == 0
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Not available: no run-report.json" in text
    assert "Not available: no validation-report.ttl" in text


def test_html_report_run_writes_it_with_skipped_inputs(pipeline_run: Callable[[Path], Path]) -> None:
    output = pipeline_run(SAMPLE_CORPUS)
    text = (output / "report.html").read_text(encoding="utf-8")
    assert "None: every input file was processed." in text
    assert 'The graph <span class="ok">conforms</span>' in text
    assert (output / "meetings.svg").is_file()
    outputs = json.loads((output / "run-report.json").read_text(encoding="utf-8"))["outputs"]
    assert Path(outputs["html_report"]) == output / "report.html"


def test_html_report_command_errors_exit_2(tmp_path: Path) -> None:
    assert main(["report", str(tmp_path / "missing.ttl")]) == 2
    (tmp_path / "bad.ttl").write_text("this is not turtle", encoding="utf-8")
    assert main(["report", str(tmp_path / "bad.ttl")]) == 2


# ---------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (Debian package: chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (dev extra)")
    with sync_api.sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield context
        context.close()


def open_report(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    """The page, its console errors and uncaught exceptions, and every request it made."""
    page = browser.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, errors, requests


def select(graph: Graph, query: str) -> set[tuple[str, ...]]:
    return {tuple(str(v) for v in row) for row in graph.query(PREFIXES + query)}


def check_report_in_browser(browser: Any, output: Path) -> None:
    graph = Graph().parse(output / "diplomacy.ttl", format="turtle")
    page, errors, requests = open_report(browser, output / "report.html")
    try:
        assert errors == []
        assert requests == [(output / "report.html").resolve().as_uri()]
        shown = set(page.locator("#persons td.name").all_text_contents())
        persons = select(graph, "SELECT ?name WHERE { ?p a dip:Person ; rdfs:label ?name }")
        assert shown == {name for (name,) in persons}
        rows = page.locator("#meetings tbody tr")
        listed = {
            frozenset(rows.nth(i).locator("td.participants li").all_text_contents())
            for i in range(rows.count())
        }
        participants: dict[str, set[str]] = {}
        for meeting, name in select(
            graph, "SELECT ?m ?name WHERE { ?m a dip:Meeting ; dip:participant/rdfs:label ?name }"
        ):
            participants.setdefault(meeting, set()).add(name)
        assert listed == {frozenset(names) for names in participants.values()}
        assert rows.count() == len(participants)
        # Clicking a meeting's line shows its participants in the details panel.
        edge = page.locator("svg .edge").first
        edge.dispatch_event("click")
        details = page.locator("#details").inner_text()
        meetings = edge.get_attribute("data-meetings").split()
        first = page.locator(f"#meetings tr#{meetings[0]} td.participants li").all_text_contents()
        assert all(name in details for name in first)
        assert errors == []
    finally:
        page.close()


def test_html_report_sample_in_chromium(browser: Any, pipeline_run: Callable[[Path], Path]) -> None:
    check_report_in_browser(browser, pipeline_run(SAMPLE_CORPUS))


def test_html_report_seeds_in_chromium(browser: Any, pipeline_run: Callable[[Path], Path]) -> None:
    needs_shared()
    check_report_in_browser(browser, pipeline_run(SEEDS))


def test_html_report_hostile_in_chromium(browser: Any, hostile_report: Path) -> None:
    page, errors, requests = open_report(browser, hostile_report)
    try:
        page.locator("svg .edge").first.dispatch_event("click")
        details = page.locator("#details")
        assert HOSTILE.replace("\u2028", "") in details.inner_text().replace("\u2028", "")
        assert details.locator("script, img, b").count() == 0
        assert errors == [] and len(requests) == 1
    finally:
        page.close()


@pytest.fixture(scope="module")
def meeting_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("meetings")
    meeting_graph().serialize(folder / "graph.ttl", format="turtle")
    render_report(folder / "graph.ttl", html_path=folder / "report.html")
    return folder / "report.html"


def _centre(element: Any, x: str, y: str) -> tuple[float, float]:
    return float(element.get_attribute(x)), float(element.get_attribute(y))


def test_html_report_four_persons_meet_at_one_node_in_chromium(browser: Any, meeting_report: Path) -> None:
    page, errors, _ = open_report(browser, meeting_report)
    try:
        data = json.loads(page.locator("#report-data").text_content())
        (meeting,) = [mid for mid, m in data["meetings"].items() if m["label"] == "Harbour talks"]
        four = data["meetings"][meeting]["participants"]
        dots = {
            pid: _centre(page.locator(f'svg .node[data-person="{pid}"] circle'), "cx", "cy")
            for pid in data["persons"]
        }
        hubs = page.locator("svg .hub")
        assert hubs.count() == 1 and hubs.first.get_attribute("data-meetings") == meeting
        square = hubs.first.locator("rect")
        side = float(square.get_attribute("width"))
        x, y = _centre(square, "x", "y")
        centre = (round(x + side / 2, 1), round(y + side / 2, 1))
        spokes = page.locator(f'svg .spoke[data-meetings="{meeting}"] line.wire')
        ends = set()
        for i in range(spokes.count()):
            start, end = _centre(spokes.nth(i), "x1", "y1"), _centre(spokes.nth(i), "x2", "y2")
            assert start == centre
            ends.add(end)
        assert ends == {dots[pid] for pid in four} and len(ends) == 4
        # No line joins two of the four: the two Norwegians did not meet each other.
        at_meeting = {dots[pid] for pid in four}
        wires = page.locator("svg .wire")
        for i in range(wires.count()):
            line = wires.nth(i)
            assert not {_centre(line, "x1", "y1"), _centre(line, "x2", "y2")} <= at_meeting
        # The square shows what a line shows.
        hubs.first.dispatch_event("click")
        details = page.locator("#details").inner_text()
        for text in ("Harbour talks", "2024-03-12", "Port Selden", "Ivar Lundgaard", "Sigrun Halvorsen"):
            assert text in details
        assert all(data["persons"][pid]["name"] in details for pid in four)
        assert errors == []
    finally:
        page.close()


def test_html_report_no_two_countries_share_a_colour_in_chromium(browser: Any, meeting_report: Path) -> None:
    page, errors, _ = open_report(browser, meeting_report)
    try:
        data = json.loads(page.locator("#report-data").text_content())
        colours: dict[str, set[str]] = {}
        for pid, person in data["persons"].items():
            fill = page.locator(f'svg .node[data-person="{pid}"] circle').get_attribute("fill")
            assert fill == person["colour"]
            colours.setdefault(person["country"], set()).add(fill)
        assert len(colours) == 20 and all(len(fills) == 1 for fills in colours.values())
        assert len({fill for fills in colours.values() for fill in fills}) == 20
        legend = page.locator("#network .legend li").all_text_contents()
        assert set(colours) <= set(legend) and not any(entry.startswith("other") for entry in legend)
        assert errors == []
    finally:
        page.close()


@pytest.mark.parametrize("width", [800, 1600])
def test_html_report_network_fits_the_window_in_chromium(
    browser: Any, meeting_report: Path, tmp_path: Path, width: int
) -> None:
    page, errors, _ = open_report(browser, meeting_report)
    try:
        page.set_viewport_size({"width": width, "height": 900})
        network = page.locator("#network .canvas > svg")
        box = network.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        assert network.get_attribute("width") is None and network.get_attribute("viewBox")
        page.screenshot(path=str(tmp_path / f"report-{width}.png"), full_page=True)
        network.screenshot(path=str(tmp_path / f"network-{width}.png"))
        assert (tmp_path / f"network-{width}.png").stat().st_size > 0
        # Zoomed in, the drawing keeps its place on the page; "fit" shows it whole again.
        whole = network.get_attribute("viewBox")
        page.locator('.zoom button[data-zoom="in"]').click()
        zoomed = network.bounding_box()
        assert network.get_attribute("viewBox") != whole and zoomed is not None
        assert (zoomed["x"], zoomed["width"]) == (box["x"], box["width"])
        page.locator('.zoom button[data-zoom="fit"]').click()
        assert [float(v) for v in network.get_attribute("viewBox").split()] == [
            float(v) for v in whole.split()
        ]
        assert errors == []
    finally:
        page.close()
