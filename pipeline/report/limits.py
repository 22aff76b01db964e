"""What report.html shows of a large graph, so that the page stays a few megabytes.

A run of 10,000 articles makes a graph of about 4,500 persons and 9,400 meetings; a page
listing all of them, with the sentences that report each meeting, would weigh some
twenty megabytes and take a browser seconds to open. So, past these limits, the page
shows a part and says so above each table, and ``diplomacy-kg query`` answers the rest:

- ``MAX_TABLE_ROWS`` (500) rows per table. Persons: the 500 with the most meetings
  (listed by name). Meetings: the 500 most recent (the undated ones last), listed, and
  drawn on the timeline, in time order. Topics: the 500 used most. Skipped inputs: the
  first 500 by file name (``run-report.json`` lists them all).
- The network draws at most ``pipeline.report.network.MAX_DRAWN_PERSONS`` (100) persons.
- The data block the script reads holds the persons and meetings the page shows (listed
  or drawn) and the participants of those meetings; a person's details say how many of
  their meetings are not on the page.

Below the limits nothing is left out and the page is what it always was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from pipeline.report.graph_view import GraphView, MeetingView, PersonView, TopicView
from pipeline.report.network import Network, network_of

MAX_TABLE_ROWS = 500
_T = TypeVar("_T")


@dataclass(frozen=True)
class Scope:
    """The part of a view one page shows; each tuple keeps the view's order."""

    persons: tuple[PersonView, ...]  # the Persons table
    meetings: tuple[MeetingView, ...]  # the Meetings table and the timeline
    topics: tuple[TopicView, ...]  # the Topics table
    network: Network  # what the network draws
    data_persons: frozenset[str]  # IRIs in the data block
    data_meetings: frozenset[str]
    meeting_counts: dict[str, int]  # person IRI → all their meetings, on the page or not


def page_scope(view: GraphView, limit: int = MAX_TABLE_ROWS) -> Scope:
    """The persons, meetings and topics a page of ``view`` shows."""
    counts = {p.iri: 0 for p in view.persons}
    for meeting in view.meetings:
        for person in meeting.participants:
            counts[person] = counts.get(person, 0) + 1
    persons = _most(view.persons, limit, lambda i, p: (-counts[p.iri], i))
    # Dated meetings come first in the view, in time order: the most recent are the last ones.
    meetings = _most(view.meetings, limit, lambda i, m: (m.date == "", -i))
    network = network_of(view)
    data_meetings = {m.iri for m in meetings} | network.meetings
    data_persons = {p.iri for p in persons} | network.persons
    data_persons |= {p for m in view.meetings if m.iri in data_meetings for p in m.participants}
    return Scope(
        persons=persons,
        meetings=meetings,
        topics=tuple(view.topics[:limit]),  # the view lists the most used first
        network=network,
        data_persons=frozenset(data_persons),
        data_meetings=frozenset(data_meetings),
        meeting_counts=counts,
    )


def _most(items: Sequence[_T], limit: int, rank: Callable[[int, _T], tuple[int, int]]) -> tuple[_T, ...]:
    """The ``limit`` items that ``rank`` (index, item) → key puts first, in their own order."""
    if len(items) <= limit:
        return tuple(items)
    chosen = sorted(range(len(items)), key=lambda i: rank(i, items[i]))[:limit]
    return tuple(items[i] for i in sorted(chosen))
