"""What the meeting network shows: who is drawn, how each meeting is drawn, in which colours.

A meeting of two persons is a line between them (one line per pair, thicker when the pair
met again). A meeting of three or more is a node of its own, joined to each participant:
lines between every two of them would say that two ministers of one country met each other.

Countries get colours of ``PALETTE`` (twenty, each far from the others, from the grey and
from white) in order of how many drawn persons hold their offices, then how many persons,
then code; past twenty, the rest share ``OTHER_COLOUR`` and the legend says "other". A
person whose country is unknown is a hollow dot.

``MAX_DRAWN_PERSONS`` (100): past that many persons who met someone, the network draws the
100 with the most meetings (ties by name) and the meetings between them, and says so. A run
of 10,000 articles has about 2,700 persons who met someone; its 100 busiest already share
some 1,200 lines, about what a page can show.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from pipeline.report.graph_view import GraphView, MeetingView

# Tableau 10 without its grey, then ten more chosen for distance: every two of the twenty
# differ by CIEDE2000 ≥ 17 (CIE76 ≥ 22), and each by ≥ 16 from OTHER_COLOUR and ≥ 24 from white.
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
    "#800000", "#1b5e20", "#dcbeff", "#1f3a93", "#654522", "#808000", "#c51b7d", "#56b4e9", "#006d77",
    "#f032e6", "#7a5195",
)  # fmt: skip
OTHER_COLOUR = "#8c959f"
UNKNOWN_COLOUR = "#ffffff"  # drawn with an OUTLINE: a hollow dot
OUTLINE = "#6e7781"
MAX_DRAWN_PERSONS = 100


@dataclass(frozen=True)
class Palette:
    """A colour per ISO code: the first twenty countries their own, the rest ``OTHER_COLOUR``."""

    colours: Mapping[str, str]
    others: tuple[str, ...]  # codes drawn in OTHER_COLOUR, in code order

    def of(self, code: str) -> str:
        """The colour of a person of country ``code`` ("" unknown)."""
        if not code:
            return UNKNOWN_COLOUR
        return self.colours.get(code, OTHER_COLOUR)


@dataclass(frozen=True)
class Network:
    """The persons drawn, the lines between pairs and the meetings drawn as nodes."""

    persons: frozenset[str]
    links: Mapping[tuple[str, str], Sequence[MeetingView]]  # two-person meetings, per pair
    hubs: Sequence[MeetingView]  # meetings of three or more, in the view's order

    def spokes(self, hub: MeetingView) -> tuple[str, ...]:
        """The participants of ``hub`` that are drawn, in the meeting's order."""
        return tuple(p for p in hub.participants if p in self.persons)

    @property
    def meetings(self) -> frozenset[str]:
        """IRIs of every meeting drawn."""
        return frozenset(m.iri for found in self.links.values() for m in found) | {m.iri for m in self.hubs}


def country_palette(view: GraphView, drawn: Collection[str] = frozenset()) -> Palette:
    """Colours by how many ``drawn`` persons hold offices of each country, then how many persons, then code."""
    everyone = Counter(p.country for p in view.persons if p.country)
    in_drawing = Counter(p.country for p in view.persons if p.country and p.iri in drawn)
    ranked = sorted(everyone, key=lambda code: (-in_drawing[code], -everyone[code], code))
    return Palette(
        colours=dict(zip(ranked, PALETTE, strict=False)), others=tuple(sorted(ranked[len(PALETTE) :]))
    )


def meeting_counts(view: GraphView) -> dict[str, int]:
    """Person IRI → how many meetings with someone else they took part in."""
    counts: dict[str, int] = {}
    for meeting in view.meetings:
        people = set(meeting.participants)
        if len(people) > 1:
            for person in people:
                counts[person] = counts.get(person, 0) + 1
    return counts


def drawn_persons(view: GraphView, limit: int = MAX_DRAWN_PERSONS) -> frozenset[str]:
    """Who the network may draw: everyone who met someone, or the ``limit`` who met most."""
    counts = meeting_counts(view)
    if len(counts) <= limit:
        return frozenset(counts)
    names = {p.iri: p.name for p in view.persons}

    def rank(iri: str) -> tuple[int, str, str]:
        return -counts[iri], names.get(iri, iri).casefold(), iri

    return frozenset(sorted(counts, key=rank)[:limit])


def network_of(view: GraphView, persons: Collection[str] | None = None) -> Network:
    """The meetings between ``persons`` (default: ``drawn_persons``) that have two of them or more."""
    drawn = drawn_persons(view) if persons is None else frozenset(persons)
    links: dict[tuple[str, str], list[MeetingView]] = defaultdict(list)
    hubs = []
    for meeting in view.meetings:
        present = sorted(p for p in set(meeting.participants) if p in drawn)
        if len(present) < 2:
            continue
        if len(set(meeting.participants)) > 2:
            hubs.append(meeting)
        else:
            links[(present[0], present[1])].append(meeting)
    placed = {p for pair in links for p in pair} | {p for hub in hubs for p in hub.participants if p in drawn}
    return Network(persons=frozenset(placed), links=dict(links), hubs=tuple(hubs))
