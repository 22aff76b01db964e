"""Resolve: the claims of every article → one node per person, office and meeting.

In-article results of ``extract`` are merged across articles: persons by normalised
name keys and, among holders of one office, by spelling; meetings into events (same
participants, day, mode and place; an undated report joins the one event its date
allows). ``resolution`` runs ``persons``, ``offices`` and ``meetings`` in turn; ``iris``
mints the IRIs from content.
"""

from pipeline.resolve.resolution import rejected_counts, resolve, summarize

__all__ = ["rejected_counts", "resolve", "summarize"]
