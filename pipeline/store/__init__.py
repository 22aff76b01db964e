"""Store: the graph in a triplestore, and SPARQL over it.

``triplestore`` loads and queries the embedded Oxigraph store or a SPARQL server
(``endpoint``: HTTP, credentials, timeouts); ``sparql`` is the query library of
``queries/`` with bound parameters; ``results`` renders SELECT results; ``server``
serves a store on 127.0.0.1; ``commands`` holds the bodies of the ``load``, ``query``
and ``serve`` commands.
"""

from pipeline.store.triplestore import load_graph, run_query

__all__ = ["load_graph", "run_query"]
