"""Context paragraphs: long, entity-dense sentences from ``benchmarks/data/templates.json``.

Real diplomacy news spends most of its words around the meeting: trade figures, other
officials and their statements, analysts, international bodies, places and dates. These
sentences bring the generated articles to the sentence length and the density of named
entities and persons measured on real articles (``benchmarks/data/real-news.json``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from benchmarks._mentions import demonym, money
from benchmarks._names import make_name
from benchmarks._paragraphs import Scene, finish

TEMPLATES = Path(__file__).resolve().parent / "data" / "templates.json"
_MONTHS = "January February March April May June July August September October November December".split()
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday".split()


@lru_cache(maxsize=1)
def templates() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(TEMPLATES.read_text(encoding="utf-8"))
    return data


def context(scene: Scene) -> str:
    """One or two context sentences about the article's countries; some report another meeting."""
    sentences = []
    for _ in range(scene.rng.choice((1, 1, 2))):
        if scene.rng.random() < 0.3:
            scene.meetings_reported += 1
            sentences.append(_sentence(scene, scene.pick(tuple(templates()["meeting_context"]))))
        else:
            sentences.append(_sentence(scene, scene.pick(tuple(templates()["context"]))))
    return " ".join(sentences)


def _sentence(scene: Scene, template: str) -> str:
    rng, data = scene.rng, templates()
    world = scene.mentions.world
    home, away = scene.subject.country, scene.other.country
    third = world.pick_country(rng, exclude=(home, away))
    fourth = world.pick_country(rng, exclude=(home, away, third))
    city = scene.country(home).capital

    def official(country: str) -> str:
        name = make_name(rng, country).full
        title = rng.choice(data["officials"])
        place = scene.country(country)
        dem = demonym(place)
        if dem and rng.random() < 0.6:
            return f"{dem} {title} {name}"
        return f"{place.possessive} {title} {name}"

    def analyst() -> str:
        role = rng.choice(data["analysts"]).format(
            tank=rng.choice(data["think_tanks"]),
            university=rng.choice(data["universities"]).format(city=city),
        )
        return f"{make_name(rng, rng.choice((home, away))).full}, {role},"

    values = {
        "country": scene.country(home).label,
        "country2": scene.country(away).label,
        "country3": scene.country(third).label,
        "country4": scene.country(fourth).label,
        "dem": demonym(scene.country(home)) or scene.country(home).label,
        "dem2": demonym(scene.country(away)) or scene.country(away).label,
        "city": city,
        "city2": scene.country(away).capital,
        "city3": scene.country(third).capital,
        "official": official(rng.choice((home, away))),
        "official2": official(away),
        "analyst": analyst(),
        "org": rng.choice(data["organizations"]),
        "region": rng.choice(data["regions"]),
        "topic": scene.topic(),
        "topic2": scene.topic(),
        "money": money(rng),
        "percent": rng.choice((f"{rng.randint(2, 45)} percent", f"{round(rng.uniform(1, 30), 1)}%")),
        "number": str(rng.randint(2, 60)),
        "year": str(rng.randint(2026, 2030)),
        "year0": str(rng.randint(1992, 2022)),
        "month": rng.choice(_MONTHS),
        "weekday": rng.choice(_WEEKDAYS),
    }
    return finish(template.format(**values))
