"""One vocabulary module: every IRI base and prefix table of the pipeline is in pipeline.vocab."""

from __future__ import annotations

from pipeline.config import PROJECT_ROOT
from pipeline.vocab import (
    DEFAULT_BASE_IRI,
    GRAPH_PREFIXES,
    INSTANCE_KINDS,
    instance_prefixes,
    sparql_prologue,
)


def test_vocab_is_the_only_module_that_spells_a_project_iri() -> None:
    spelled = [
        path.name
        for path in sorted((PROJECT_ROOT / "pipeline").glob("*.py"))
        if path.name != "vocab.py" and "w3id.org/dipkg" in path.read_text(encoding="utf-8")
    ]
    assert spelled == []


def test_vocab_prefixes_of_the_graph_and_its_instances() -> None:
    prefixes = {**GRAPH_PREFIXES, **instance_prefixes(DEFAULT_BASE_IRI)}
    assert prefixes["person"] == "https://w3id.org/dipkg/id/person/"
    assert len(prefixes) == len(GRAPH_PREFIXES) + len(INSTANCE_KINDS)  # no prefix names two namespaces
    assert (
        sparql_prologue({"dip": GRAPH_PREFIXES["dip"]}) == "PREFIX dip: <https://w3id.org/dipkg/ontology#>\n"
    )
