"""The meeting network: a meeting of three or more is one node, twenty distinct country
colours then "other", and every meeting labelled with its date and place."""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET

from rdflib import Graph

from pipeline.report.graph_view import GraphView, load_view
from pipeline.report.labels import Box, place
from pipeline.report.layout import layout
from pipeline.report.network import OTHER_COLOUR, PALETTE, UNKNOWN_COLOUR, country_palette, network_of
from pipeline.report.picture import legend_entries, network_svg

SVG = "{http://www.w3.org/2000/svg}"
COUNTRIES = (
    ("NO", "Norway"), ("AR", "Argentina"), ("BR", "Brazil"), ("CA", "Canada"), ("DE", "Germany"),
    ("EG", "Egypt"), ("FR", "France"), ("GH", "Ghana"), ("IN", "India"), ("JP", "Japan"),
    ("KE", "Kenya"), ("MX", "Mexico"), ("NG", "Nigeria"), ("PE", "Peru"), ("PL", "Poland"),
    ("PT", "Portugal"), ("SE", "Sweden"), ("TH", "Thailand"), ("VN", "Vietnam"), ("ZA", "South Africa"),
    ("CL", "Chile"), ("UY", "Uruguay"),
)  # fmt: skip
HARBOUR_TALKS = """
@prefix dip: <https://w3id.org/dipkg/ontology#> .
@prefix meeting: <https://w3id.org/dipkg/id/meeting/> .
@prefix person: <https://w3id.org/dipkg/id/person/> .
@prefix office: <https://w3id.org/dipkg/id/office/> .
@prefix country: <https://w3id.org/dipkg/id/country/> .
@prefix article: <https://w3id.org/dipkg/id/article/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

# Two ministers of Norway at one four-person meeting: they must not look as if they met each other.
meeting:harbour-talks a dip:Meeting ; rdfs:label "Harbour talks" ;
    dip:date "2024-03-12"^^xsd:date ; dip:location "Port Selden" ; dip:mode "in-person" ;
    dip:participant person:no-1, person:no-2, person:ar, person:br ;
    dip:reportedIn article:harbour .
article:harbour a dip:NewsArticle ; dip:sourceFile "harbour.txt" .
person:no-2 a dip:Person ; rdfs:label "Ivar Lundgaard" ; dip:holdsOffice office:no-defence .
office:no-defence a dip:Office ; rdfs:label "Defence Minister of Norway" ; dip:country country:NO .

meeting:quay-call a dip:Meeting ; rdfs:label "Quay call" ; dip:date "2024-04-02"^^xsd:date ;
    dip:mode "phone" ; dip:participant person:ar, person:ca ; dip:reportedIn article:harbour .
meeting:dock-visit a dip:Meeting ; rdfs:label "Dock visit" ; dip:location "Brenmouth" ;
    dip:participant person:ar, person:de ; dip:reportedIn article:harbour .
"""
NAMES = (
    "Sigrun Halvorsen", "Tomas Ferreyra", "Lucia Andrade", "Maren Doucet", "Jorg Albrecht", "Nadia Farouk",
    "Claire Vasseur", "Kofi Mensah", "Asha Raman", "Ren Takeda", "Wanjiru Otieno", "Diego Salcedo",
    "Ifeoma Obi", "Rosa Quispe", "Marta Wrona", "Joao Caldas", "Elin Strand", "Narin Chai", "Lan Tran",
    "Thabo Nkosi", "Paz Ortega", "Bruno Sosa",
)  # fmt: skip


def meeting_graph(countries: int = 20) -> Graph:
    """HARBOUR_TALKS, and a foreign minister of each of the first ``countries``: the ones not at
    the harbour talks call the Argentine minister, so that every country is drawn."""
    lines = []
    for (code, country), name in zip(COUNTRIES[:countries], NAMES, strict=False):
        person = "no-1" if code == "NO" else code.lower()
        lines.append(
            f'person:{person} a dip:Person ; rdfs:label "{name}" ; dip:holdsOffice office:{code}-fm .\n'
            f'office:{code}-fm a dip:Office ; rdfs:label "Foreign Minister of {country}" ;'
            f" dip:country country:{code} .\n"
            f'country:{code} a dip:Country ; dip:isoCode "{code}" ; rdfs:label "{country}" .'
        )
        if code not in ("NO", "AR", "BR", "CA", "DE"):
            lines.append(
                f'meeting:call-{code} a dip:Meeting ; rdfs:label "Call {code}" ; dip:date "2024-05-01"^^xsd:date ;'
                f' dip:mode "phone" ; dip:participant person:ar, person:{person} ;'
                " dip:reportedIn article:harbour ."
            )
    return Graph().parse(data=HARBOUR_TALKS + "\n".join(lines), format="turtle")


def _lab(colour: str) -> tuple[float, float, float]:
    """CIELAB of an sRGB colour "#rrggbb" (D65)."""
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        for c in (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    ]
    r, g, b = linear
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    fx, fy, fz = (t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def test_network_palette_has_twenty_colours_far_apart() -> None:
    assert len(PALETTE) == 20 == len(set(PALETTE))
    pairs = [math.dist(_lab(a), _lab(b)) for a, b in itertools.combinations(PALETTE, 2)]
    assert min(pairs) >= 20  # CIE76: clearly different side by side
    assert min(math.dist(_lab(c), _lab(OTHER_COLOUR)) for c in PALETTE) >= 20
    assert min(math.dist(_lab(c), _lab(UNKNOWN_COLOUR)) for c in PALETTE) >= 20


def test_network_colours_twenty_countries_then_other() -> None:
    view = load_view(meeting_graph(countries=22))
    network = network_of(view)
    palette = country_palette(view, network.persons)
    # Norway has two ministers drawn: the first colour; the others one each: by code.
    by_code = sorted(code for code, _ in COUNTRIES[1:])
    assert list(palette.colours) == ["NO", *by_code[:19]]
    assert list(palette.colours.values()) == list(PALETTE)
    assert palette.others == ("VN", "ZA") == tuple(by_code[19:])
    assert {palette.of(code) for code in palette.others} == {OTHER_COLOUR}
    entries = legend_entries(view, palette, network.persons)
    other = [e for e in entries if e.colour == OTHER_COLOUR]
    assert [e.label for e in other] == ["other (2 countries)"]
    assert set(other[0].countries) == {dict(COUNTRIES)[code] for code in palette.others}
    assert len(entries) == 21


def test_network_twenty_countries_have_twenty_colours() -> None:
    view = load_view(meeting_graph(countries=20))
    palette = country_palette(view, network_of(view).persons)
    assert palette.others == () and len(set(palette.colours.values())) == 20
    assert OTHER_COLOUR not in {palette.of(p.country) for p in view.persons}


def _participants(view: GraphView, label: str) -> set[str]:
    return set(next(m for m in view.meetings if m.label == label).participants)


def test_network_meeting_of_four_is_one_node() -> None:
    view = load_view(meeting_graph())
    network = network_of(view)
    assert [hub.label for hub in network.hubs] == ["Harbour talks"]
    four = _participants(view, "Harbour talks")
    assert set(network.spokes(network.hubs[0])) == four and len(four) == 4
    # No line between any two of its participants: only their other, two-person meetings.
    assert all(not set(pair) <= four for pair in network.links)
    assert {m.label for found in network.links.values() for m in found} >= {"Quay call", "Dock visit"}


def test_network_meeting_with_one_participant_drawn_is_left_out() -> None:
    view = load_view(meeting_graph())
    four = _participants(view, "Harbour talks")
    drawn = {p.iri for p in view.persons} - set(sorted(four)[:3])
    assert network_of(view, drawn).hubs == ()
    partly = network_of(view, {p.iri for p in view.persons} - set(sorted(four)[:2]))
    assert [len(partly.spokes(hub)) for hub in partly.hubs] == [2]  # still a meeting of four


def test_network_picture_labels_each_meeting_with_date_and_place() -> None:
    view = load_view(meeting_graph())
    root = ET.fromstring(network_svg(view).encode("utf-8"))
    texts = {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}
    assert "12 Mar 2024 \u00b7 Port Selden" in texts  # beside the square of the four
    assert "2 Apr 2024 \u00b7 phone" in texts  # a call has no place
    assert "no date \u00b7 Brenmouth" in texts
    assert "1 May 2024 \u00b7 phone" in texts
    squares = list(root.iter(f"{SVG}rect"))[1:]  # the first is the background
    assert len([r for r in squares if r.get("rx") == "2"]) == 2  # the meeting, and its legend entry


def test_network_layout_keeps_edge_labels_clear_of_names() -> None:
    nodes = ["a", "b", "c"]
    edges = [("a", "b"), ("b", "c")]
    widths = {"a": 120.0, "b": 120.0, "c": 120.0}
    placed = layout(nodes, edges, widths, edge_labels={("a", "b"): (110.0, 13.0), ("b", "c"): (110.0, 13.0)})
    for (a, b), at in placed.along.items():
        assert 0 < at < 1
        (xa, ya), (xb, yb) = placed.positions[a], placed.positions[b]
        length = math.dist((xa, ya), (xb, yb))
        assert length >= 110.0  # room for the label itself
    assert placed.width > 0 and placed.height > 0


def test_network_labels_take_the_first_free_place_or_none() -> None:
    name = Box(50, 50, 40, 7)  # a name, fixed
    wanted = [
        ("a", [Box(50, 52, 30, 6), Box(50, 80, 30, 6)]),  # first place on the name: the second
        ("b", [Box(52, 82, 30, 6), Box(300, 300, 30, 6)]),  # on "a", then out of the box: none
        ("c", [Box(150, 50, 30, 6, 0.6, 0.8)]),  # turned, clear of the others
    ]
    assert place([name], wanted, (0, 0, 200, 200)) == {"a": 1, "c": 0}
    # A turned box overlaps by its shape, not by its bounds.
    assert not Box(0, 0, 50, 2, 0.7071, 0.7071).overlaps(Box(30, -30, 5, 5))
    assert Box(0, 0, 50, 2, 0.7071, 0.7071).overlaps(Box(30, 30, 5, 5))
