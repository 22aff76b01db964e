"""Headlines, standfirsts, and the occasional article in German (which the pipeline skips)."""

from __future__ import annotations

import random

from benchmarks._mentions import choose_form, demonym, display_form, listing, topic_phrase
from benchmarks._phrases import PLURALS
from benchmarks._vocabulary import Reference
from benchmarks._world import Event, Person

_HEADLINES = (
    "{D1} {T1}, {D2} counterpart discuss {t1}, {t2}",
    "{S1}, {S2} agree to boost {t1}",
    "{C1}, {C2} agree to deepen cooperation on {t1}",
    "{A1} {S1} holds talks with {D2} {T2}",
    "{C1} and {C2} to expand ties in {t1}",
    "{D1}, {D2} {plural} review {t1}, {t2}",
    "{S1} calls for closer ties with {C2} on {t1}",
    "{C1}-{C2} talks focus on {t1}",
    "{S1}, {D2} {T2} {S2} discuss {t1}",
)
_KIND_HEADLINES = {
    "call": ("{S1}, {D2} {T2} discuss {t1} in phone talks", "{S1} holds phone talks with {D2} {T2} {S2}"),
    "video": ("{C1}, {C2} agree in video talks to speed up {t1}",),
    "courtesy": ("{S1} receives {D2} envoy", "{D2} ambassador calls on {A1} {S1}"),
    "credentials": ("{D2} Amb. presents credentials to {T1} {S1}", "New {D2} envoy presents credentials"),
    "sidelines": ("{S1} meets {D2} {T2} on sidelines of {forum}",),
    "none": ("{T1} {S1} urges action on {t1}", "{C1} announces new support for {t1}"),
}
_SUMMARIES = (
    "{S1} hosts {D2} counterpart {F2}, says both sides share 'same position' on {t1}",
    "The {plural} of {C1} and {C2} agree to step up cooperation on {t1} as ties deepen.",
    "Talks cover {t1} and {t2}; next round planned for later this year",
    "{F1} and {F2} pledge closer coordination on {t1}",
)
_SMALL = frozenset("a an and at by for in of on or the to with".split())


def _values(
    rng: random.Random, reference: Reference, event: Event, first: Person, second: Person
) -> dict[str, str]:
    one, two = reference.country(first.country), reference.country(second.country)
    topics = [topic_phrase(rng, reference, t) for t in event.topics]
    forum = (event.main.forum or "summit").replace("the ", "", 1)
    return {
        "S1": first.name.short,
        "S2": second.name.short,
        "F1": first.name.full,
        "F2": second.name.full,
        "C1": one.label,
        "C2": two.label,
        "D1": demonym(one) or one.label,
        "D2": demonym(two) or two.label,
        "T1": display_form(choose_form(rng, first.title, abbreviations=False)),
        "T2": display_form(choose_form(rng, second.title, abbreviations=False)),
        "A1": display_form(choose_form(rng, first.title, abbreviations=True)),
        "t1": topics[0] if topics else "cooperation",
        "t2": topics[1] if len(topics) > 1 else "trade",
        "plural": PLURALS.get(first.role, "officials"),
        "forum": forum,
    }


def headline(rng: random.Random, reference: Reference, event: Event, first: Person, second: Person) -> str:
    """A headline in news style (sentence case, no final full stop)."""
    values = _values(rng, reference, event, first, second)
    kind = event.main.kind
    templates = _KIND_HEADLINES.get(kind, ()) * 2 + (_HEADLINES if kind != "none" else ())
    text = rng.choice(templates).format(**values)
    return text[:1].upper() + text[1:]


def summary(rng: random.Random, reference: Reference, event: Event, first: Person, second: Person) -> str:
    values = _values(rng, reference, event, first, second)
    text = rng.choice(_SUMMARIES).format(**values)
    return text[:1].upper() + text[1:]


def title_case(text: str) -> str:
    """ "Kuwaiti Amb. To Japan, FM Morioka Discuss Energy, Investment Ties" (wire style)."""
    words = text.split(" ")
    return " ".join(w if w.isupper() or not w[:1].isalpha() else w[:1].upper() + w[1:] for w in words)


def german_article(rng: random.Random, reference: Reference, event: Event) -> tuple[str, list[str]]:
    """A short German dpa report of the event: headline and paragraphs."""
    host, guest = event.main.host, event.main.guest
    guest_country = reference.country(guest.country).label
    city = event.main.city or reference.country(host.country).capital
    head = f"{host.name.short} und {guest.name.short} wollen Zusammenarbeit ausbauen"
    paragraphs = [
        f"{host.name.full} hat sich am {_GERMAN_DAYS[event.main.day.weekday()]} in {city} mit {guest.name.full} "
        f"aus {guest_country} getroffen. Beide Seiten wollen die Zusammenarbeit in den Bereichen "
        f"{listing(rng.sample(_GERMAN_TOPICS, 3))} ausbauen, wie das Außenministerium mitteilte.",
        f"«Wir haben sehr offen und vertrauensvoll gesprochen», sagte {host.name.short} nach dem Treffen. "
        f"Die beiden Länder unterhalten seit {rng.randint(1950, 2010)} diplomatische Beziehungen.",
        rng.choice(_GERMAN_FILLER),
        *rng.sample(_GERMAN_BACKGROUND, 2),
    ]
    return head, paragraphs


_GERMAN_DAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
_GERMAN_TOPICS = ["Handel", "Energie", "Sicherheit", "Bildung", "Klimaschutz", "Rohstoffe", "Migration"]
_GERMAN_FILLER = (
    "Auch der Krieg in der Ukraine und die Lage im Nahen Osten waren Thema der Gespräche.",
    "Am Abend wollte der Gast mit Vertretern der Wirtschaft zusammenkommen, bevor er weiterreist.",
    "Kritiker werfen der Regierung vor, die Menschenrechtslage nicht deutlich genug anzusprechen.",
)
_GERMAN_BACKGROUND = (
    "Der Handel zwischen beiden Ländern ist in den vergangenen Jahren deutlich gewachsen. Nach Angaben "
    "des Statistischen Bundesamtes wurden im vergangenen Jahr Waren im Wert von mehreren Milliarden Euro "
    "ausgetauscht, vor allem Maschinen, Fahrzeuge und chemische Erzeugnisse.",
    "Die Regierung setzt seit einiger Zeit darauf, ihre Beziehungen zu Partnern außerhalb Europas zu "
    "vertiefen und Abhängigkeiten bei Rohstoffen und Energie zu verringern. Das Treffen gilt in "
    "Regierungskreisen als wichtiger Schritt auf diesem Weg.",
    "Beide Seiten vereinbarten, die Gespräche im kommenden Jahr fortzusetzen. Ein Termin für den nächsten "
    "Besuch steht nach Angaben aus Delegationskreisen noch nicht fest, soll aber bald vereinbart werden.",
)
