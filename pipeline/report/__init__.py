"""Report: report.html and the meetings picture (meetings.svg) of a graph.

``render`` reads the graph (``graph_source``, ``graph_view``) and writes both files;
``cache`` renders only when something shown changed; ``html``, ``page``, ``tables``,
``markup`` and ``assets`` make the page, ``picture``, ``network``, ``timeline``,
``layout``, ``forces``, ``captions``, ``labels`` and ``svg`` the picture; ``commands`` is the
``report`` command.
"""

from pipeline.report.cache import render_if_changed
from pipeline.report.render import write_report

__all__ = ["render_if_changed", "write_report"]
