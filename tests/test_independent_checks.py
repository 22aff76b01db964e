"""Independent checks: RDF systems the project does not use read and judge its output alike.

The published Turtle is parsed by Raptor's ``rapper`` (Debian raptor2-utils), by Oxigraph
(pyoxigraph) and by rdflib, which must count the same triples; it is validated by Apache
Jena's SHACL engine (Debian libapache-jena-java) and by pySHACL, which must give the same
verdict and the same results — on the real graph and on a deliberately broken one.
Tools that are not installed skip their test with a one-line reason naming the package;
``.ci/run`` installs them.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from pipeline.config import Settings
from pipeline.rdf.turtle import TurtleWriter, serialize
from pipeline.validate.pyshacl_reference import load_shapes, validate
from pipeline.vocab import DIP
from tests.conftest import SAMPLE_CORPUS, SEEDS, needs_shared
from tests.tools import jena

SH = Namespace("http://www.w3.org/ns/shacl#")
EX = Namespace("https://example.org/")
NASTY = (
    "say \"no\" \\ and 'yes'",
    "line\nbreak\r\nand\ttab",
    "\x00\x07\x1b\x7f\x85 controls",
    "<script>alert(1)</script> & <http://example.org/x>",
    "😀 👩🏽‍🚀 🇯🇵 emoji",
    "שלום مرحبا \u202eevil\u202c right-to-left",
    "@prefix x: <y> . PREFIX SELECT * WHERE { ?s ?p ?o } DROP ALL ; \"\"\" ''' _:b0 ^^xsd:date @en",
    "\u2028\u2029\ufeff\ufffd separators",
    "",
)
Result = tuple[str, str, str, str, str]


@pytest.fixture(scope="module", params=["seeds", "sample"])
def published(request: pytest.FixtureRequest, pipeline_run: Callable[[Path], Path]) -> Path:
    """diplomacy.ttl of a run over the seed corpus (../shared) or the project's sample corpus."""
    if request.param == "seeds":
        needs_shared()
        return pipeline_run(SEEDS) / "diplomacy.ttl"
    return pipeline_run(SAMPLE_CORPUS) / "diplomacy.ttl"


@pytest.fixture(scope="module")
def nasty_turtle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Turtle written by the project's writer from literals full of hostile characters."""
    graph = Graph()
    for number, text in enumerate(NASTY):
        graph.add((EX[f"n{number}"], RDFS.label, Literal(text)))
        graph.add((EX[f"n{number}"], RDFS.comment, Literal(text, lang="en")))
    graph.add((EX.n0, EX["count"], Literal(-42, datatype=XSD.integer)))
    graph.add((EX.n0, EX.day, Literal("2025-01-07", datatype=XSD.date)))
    path = tmp_path_factory.mktemp("nasty") / "nasty.ttl"
    path.write_text("".join(TurtleWriter({"ex": str(EX), "rdfs": str(RDFS)}).write(graph)), encoding="utf-8")
    return path


def _rapper_count(path: Path) -> int:
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.skip("rapper is not installed: apt-get install raptor2-utils")
    # An absolute path: a file name is never taken for an option.
    done = subprocess.run(
        [rapper, "--input", "turtle", "--count", str(path.resolve())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower() and "warning" not in done.stderr.lower(), done.stderr
    return int(done.stderr.split("returned")[1].split()[0])


def _oxigraph_count(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in pyoxigraph.parse(handle, format=pyoxigraph.RdfFormat.TURTLE))


def test_independent_parsers_count_the_same_triples(published: Path) -> None:
    rdflib_count = len(Graph().parse(published, format="turtle"))
    assert rdflib_count > 100
    assert _oxigraph_count(published) == rdflib_count
    assert _rapper_count(published) == rdflib_count


def test_independent_parsers_read_hostile_literals_alike(nasty_turtle: Path) -> None:
    graph = Graph().parse(nasty_turtle, format="turtle")
    assert len(graph) == 2 * len(NASTY) + 2
    assert _oxigraph_count(nasty_turtle) == len(graph)
    store = pyoxigraph.Store()
    with nasty_turtle.open("rb") as handle:
        store.load(handle, format=pyoxigraph.RdfFormat.TURTLE)
    read_back = {quad.object.value for quad in store if isinstance(quad.object, pyoxigraph.Literal)}
    assert set(NASTY) <= read_back
    assert _rapper_count(nasty_turtle) == len(graph)


# ---------------------------------------------------------------- two SHACL engines


def _results(report: Graph) -> set[Result]:
    """(focus, path, source shape, constraint component, severity) of every result."""

    def text(node: Node | None) -> str:
        return "" if node is None else str(node)

    return {
        (
            text(report.value(result, SH.focusNode)),
            text(report.value(result, SH.resultPath)),
            text(report.value(result, SH.sourceShape)),
            text(report.value(result, SH.sourceConstraintComponent)),
            text(report.value(result, SH.resultSeverity)),
        )
        for result in report.subjects(RDF.type, SH.ValidationResult)
    }


def _break(graph: Graph) -> Graph:
    """A copy with one violation of each kind: cardinality, datatype, value, class, SPARQL."""
    broken = Graph()
    for triple in graph:
        broken.add(triple)
    person = min(broken.subjects(RDF.type, DIP.Person))
    office = min(broken.subjects(RDF.type, DIP.Office))
    meeting = min(broken.subjects(RDF.type, DIP.Meeting))
    broken.remove((person, RDFS.label, None))
    broken.add((office, RDFS.label, Literal("A second label")))
    broken.add((meeting, DIP.date, Literal("soon")))
    broken.add((meeting, DIP.mode, Literal("telepathy")))
    for participant in sorted(broken.objects(meeting, DIP.participant))[1:]:
        broken.remove((meeting, DIP.participant, participant))
    stray = URIRef("https://w3id.org/dipkg/id/office/xx-nowhere")
    broken.add((person, DIP.holdsOffice, stray))
    broken.add((stray, RDF.type, DIP.Office))
    return broken


@pytest.fixture(scope="module")
def jena_tool(tmp_path_factory: pytest.TempPathFactory) -> jena.Jena:
    reason = jena.missing()
    if reason is not None:
        pytest.skip(reason)
    return jena.find_jena(tmp_path_factory.mktemp("jena-shim"))


def test_independent_shacl_engines_agree_on_good_and_broken_graphs(
    published: Path, jena_tool: jena.Jena, tmp_path: Path
) -> None:
    shapes = load_shapes(Settings().shapes_dir)
    shapes_file = tmp_path / "shapes.ttl"
    shapes_file.write_text(shapes.serialize(format="turtle"), encoding="utf-8")
    good = Graph().parse(published, format="turtle")
    broken = _break(good)
    broken_file = tmp_path / "broken.ttl"
    broken_file.write_text(serialize(broken, prefixes={"dip": str(DIP)}), encoding="utf-8")
    done = jena_tool.run(
        "ShaclReport.java",
        str(shapes_file),
        str(published.resolve()),
        str(tmp_path / "good-report.nt"),
        str(broken_file),
        str(tmp_path / "broken-report.nt"),
    )
    assert done.returncode == 0, done.stderr
    verdicts = [
        line.split()[1] == "true" for line in done.stdout.splitlines() if line.startswith("conforms ")
    ]
    for graph, name, jena_conforms in ((good, "good", verdicts[0]), (broken, "broken", verdicts[1])):
        ours = validate(graph, shapes)
        jena_report = Graph().parse(tmp_path / f"{name}-report.nt", format="nt")
        theirs = _results(jena_report)
        assert ours.conforms == jena_conforms, name
        assert _results(ours.report) == theirs, name
        assert len(ours.violations) == len(set(jena_report.subjects(RDF.type, SH.ValidationResult))), name
    assert verdicts == [True, False]
    assert len(theirs) >= 6, theirs
