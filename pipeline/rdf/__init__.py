"""RDF: the resolved graph as triples (``triples``) and as deterministic Turtle (``turtle``).

``graph_file`` writes the stage's graph file, reusing the rows of the last graph written.
"""

from pipeline.rdf.triples import build_graph, triples
from pipeline.rdf.turtle import serialize

__all__ = ["build_graph", "serialize", "triples"]
