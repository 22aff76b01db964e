"""Generate N realistic English diplomacy news articles, deterministically.

Usage::

    python -m benchmarks.generate N OUTDIR [--seed S]

writes ``OUTDIR/articles/<index>_<style>_<city>.txt`` (the pipeline's input folder) and
``OUTDIR/manifest.json`` (counts: styles, meeting kinds, dated and undated articles,
words, ...). The same N and seed give byte-identical files whatever ``PYTHONHASHSEED``:
every article is a pure function of (seed, index), so the first 1,000 articles of a
10,000-article corpus are the 1,000-article corpus.

The articles report invented meetings between invented office holders, with the
countries, titles and topics of the generator's own vocabulary (``benchmarks/data/``, not
the extractor's ``ontology/``), printed in the styles of real sources (wire copy, scraped
pages, press releases), with page noise, relative dates, planned meetings, follow-up
reports of the same event by another outlet, a few exact duplicates and a few articles
in German. Lengths are drawn from the distribution measured on real articles
(``benchmarks/data/real-news.json``), and context sentences from
``benchmarks/data/templates.json`` bring sentence length and the density of named
entities and persons to what real news has (``python -m benchmarks.corpus_stats``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import statistics
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import _paragraphs as para
from benchmarks._context import context
from benchmarks._events import make_event
from benchmarks._headlines import german_article, headline, summary, title_case
from benchmarks._mentions import Mentions
from benchmarks._sources import GERMAN, STYLES, Page, Style, add_noise
from benchmarks._vocabulary import read_vocabulary
from benchmarks._world import Event, World, derive

GENERATOR_VERSION = 2
DEFAULT_SEED = 2025
ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"
REAL_NEWS = DATA_DIR / "real-news.json"
ARTICLES = "articles"
MANIFEST = "manifest.json"
_NAME = re.compile(r"^\d{6}[a-z]?_[a-z0-9-]+_[a-z0-9-]+\.txt$")

# Rough words per paragraph kind, to plan an article of the drawn length.
_ESTIMATE = {
    "lead": 36,
    "details": 20,
    "quote": 18,
    "background": 19,
    "present": 10,
    "career": 16,
    "spokesperson": 16,
    "second": 14,
    "plans": 16,
    "context": 34,
}
_ORDER = {
    "lead": 0,
    "details": 1,
    "present": 2,
    "quote": 3,
    "career": 4,
    "second": 5,
    "spokesperson": 6,
    "plans": 8,
}
MIN_WORDS, MAX_WORDS = 80, 650
# Words of a file outside its body paragraphs (headline, byline, dateline, page noise).
_FRAME_WORDS = 50


@dataclass(frozen=True)
class Article:
    """One generated file and what it contains (for the manifest)."""

    name: str
    data: bytes
    style: str
    kind: str
    words: int
    dated: bool
    follow_up: bool
    duplicate: bool
    english: bool
    planned: bool
    second_meeting: bool
    noise_lines: int
    meetings: int  # reported meetings: the main one, a second one, context sentences with one
    encoding: str
    participants: tuple[str, ...]
    topics: tuple[str, ...]


class Generator:
    """Articles of one seed; ``article(i)`` depends only on the seed and ``i``."""

    def __init__(self, seed: int = DEFAULT_SEED) -> None:
        self.seed = seed
        self.reference = read_vocabulary()
        self.lengths = _quantiles(json.loads(REAL_NEWS.read_text(encoding="utf-8"))["measures"]["words"])
        self.world = World(self.reference, seed)
        self._events: dict[int, tuple[Style, Event]] = {}

    def article(self, index: int) -> Article:
        rng = derive(self.seed, "article", index)
        draw = rng.random()
        if index > 0 and draw < 0.005:
            original = self.article(index - rng.randint(1, min(index, 20)))
            name = f"{index:06d}_{original.name.split('_', 1)[1]}"
            return _replace(original, name=name, duplicate=True)
        if index > 0 and draw < 0.125:
            source = index - rng.randint(1, min(index, 30))
            _, event = self.event(source)
            return self._compose(index, rng, self._follow_up_style(rng, event), event, follow_up=True)
        style, event = self.event(index)
        if draw > 0.988:
            return self._compose(index, rng, GERMAN, event, follow_up=False)
        return self._compose(index, rng, style, event, follow_up=False)

    def extra_article(self, count: int) -> Article:
        """A new article for an incremental rerun, named to sort into the middle of the corpus."""
        index = 10_000_000 + count
        article = self.article(index)
        name = f"{count // 2:06d}b_{article.name.split('_', 1)[1]}"
        return _replace(article, name=name)

    def event(self, index: int) -> tuple[Style, Event]:
        """The event article ``index`` reports first, and the style of that report."""
        if index not in self._events:
            rng = derive(self.seed, "home", index)
            style = rng.choices(STYLES, weights=[s.weight for s in STYLES])[0]
            home = style.country or self.world.pick_country(rng)
            if len(self._events) > 256:
                self._events.clear()
            self._events[index] = (style, make_event(self.world, index, home))
        return self._events[index]

    def _follow_up_style(self, rng: random.Random, event: Event) -> Style:
        countries = (event.main.host.country, event.main.guest.country)
        usable = [s for s in STYLES if s.country is None or s.country in countries]
        return rng.choices(usable, weights=[s.weight for s in usable])[0]

    def _compose(
        self, index: int, rng: random.Random, style: Style, event: Event, *, follow_up: bool
    ) -> Article:
        main = event.main
        reporter = style.country or event.home
        guest_side = main.guest.country == reporter and main.kind != "none"
        subject, other = (main.guest, main.host) if guest_side else (main.host, main.guest)
        lag = rng.choices((0, 1, 2, 3), weights=(50, 35, 10, 5))[0] + (1 if follow_up else 0)
        published = None if rng.random() < style.undated_share else main.day + dt.timedelta(days=lag)
        city = main.city or self.reference.country(reporter).capital
        mentions = Mentions(rng, self.world, reporter)
        scene = para.Scene(event, published, city, rng, self.reference, mentions, subject, other)
        if style is GERMAN:
            head, paragraphs = german_article(rng, self.reference, event)
        else:
            head = headline(rng, self.reference, event, subject, other)
            head = title_case(head) if style.name == "menafn" else head
            paragraphs = _fit(
                scene,
                [
                    (kind, _paragraph(scene, kind, n))
                    for n, kind in enumerate(_plan(rng, event, self.lengths))
                ],
            )
        page = Page(
            rng=rng,
            headline=head,
            paragraphs=paragraphs,
            published=published,
            city=city,
            country=reporter,
            tags=_tags(self.world, event),
            summary=summary(rng, self.reference, event, subject, other),
            names=[subject.name.full, other.name.full],
        )
        text = style.render(page)
        noise = 0
        if rng.random() < (0.4 if style.name == "web" else 0.08):
            text, noise = add_noise(rng, text, [head])
        data, encoding = _encode(rng, text)
        return Article(
            name=f"{index:06d}_{style.name}_{_slug(city)}.txt",
            data=data,
            style=style.name,
            kind=main.kind,
            words=len(text.split()),
            dated=published is not None,
            follow_up=follow_up,
            duplicate=False,
            english=style is not GERMAN,
            planned=event.planned is not None and style is not GERMAN,
            second_meeting=event.extra is not None and style is not GERMAN,
            noise_lines=noise,
            meetings=_meetings(event, scene) if style is not GERMAN else 0,
            encoding=encoding,
            participants=(main.host.name.full, main.guest.name.full),
            topics=tuple(t.notation for t in event.topics),
        )


def _replace(article: Article, **changes: Any) -> Article:
    values = {**article.__dict__, **changes}
    return Article(**values)


def _quantiles(summary: dict[str, float]) -> list[tuple[float, float]]:
    """(cumulative share, value) points of a measured distribution, least to most."""
    points = [(0.0, summary["min"])]
    points += [(q / 100, summary[f"p{q}"]) for q in (5, 10, 25, 50, 75, 90, 95)]
    return [*points, (1.0, summary["max"])]


def _draw(rng: random.Random, points: list[tuple[float, float]]) -> float:
    """A value of the measured distribution (inverse of its piecewise-linear CDF)."""
    u = rng.random()
    for (u0, v0), (u1, v1) in zip(points, points[1:], strict=False):
        if u <= u1:
            return v0 + (v1 - v0) * (u - u0) / ((u1 - u0) or 1)
    return points[-1][1]


def _meetings(event: Event, scene: para.Scene) -> int:
    return (event.main.kind != "none") + (event.extra is not None) + scene.meetings_reported


def _plan(rng: random.Random, event: Event, lengths: list[tuple[float, float]]) -> list[str]:
    """Which paragraphs the article has, in reading order, for a length drawn from real news."""
    target = max(MIN_WORDS, int(_draw(rng, lengths)) - _FRAME_WORDS)
    kinds = ["lead"]
    meeting = event.main.kind != "none"
    if meeting:
        kinds.append("details")
    if event.extra is not None:
        kinds.append("second")
    if event.planned is not None:
        kinds.append("plans")
    pool = ["quote"] * 5 + ["career", "spokesperson"] + ["background"] * 6 + ["context"] * 12
    if meeting:
        pool += ["details"] * 3 + (["present"] if event.present else [])
    rng.shuffle(pool)
    estimate = sum(_ESTIMATE[k] for k in kinds)
    for kind in pool:
        if estimate >= target:
            break
        kinds.append(kind)
        estimate += _ESTIMATE[kind]
    keyed = [
        (_ORDER[k] if k not in ("background", "context") else rng.uniform(1.5, 7.5), n, k)
        for n, k in enumerate(kinds)
    ]
    return [k for _, _, k in sorted(keyed)]


def _paragraph(scene: para.Scene, kind: str, number: int) -> str:
    if kind == "lead":
        return para.lead(scene)
    if kind == "details":
        return para.details(scene)
    if kind == "quote":
        speaker = scene.other if number % 2 and scene.event.main.kind != "none" else scene.subject
        return para.quote(scene, speaker)
    if kind == "career":
        return para.career(scene, scene.other if scene.event.main.kind != "none" else scene.subject)
    if kind == "present":
        return para.present(scene) or para.background(scene)
    if kind == "second":
        return para.second_meeting(scene) or para.background(scene)
    if kind == "plans":
        return para.plans(scene) or para.background(scene)
    if kind == "spokesperson":
        return para.spokesperson(scene)
    if kind == "context":
        return context(scene)
    return para.background(scene)


_DROP_FIRST = ("context", "background", "quote", "career", "spokesperson")


def _fit(scene: para.Scene, parts: list[tuple[str, str]]) -> list[str]:
    """Add or drop paragraphs that introduce nobody, to keep the body within the bounds."""

    def words() -> int:
        return sum(len(text.split()) for _, text in parts)

    while words() < MIN_WORDS:
        parts.insert(scene.rng.randint(1, len(parts)), ("background", para.background(scene)))
    for kind in _DROP_FIRST:
        while words() > MAX_WORDS and any(k == kind for k, _ in parts):
            last = max(n for n, (k, _) in enumerate(parts) if k == kind)
            del parts[last]
    return [text for _, text in parts]


def _tags(world: World, event: Event) -> list[str]:
    tags = ["Politics", "Diplomacy", "International Relations"]
    tags += [t.pref_label[:1].upper() + t.pref_label[1:] for t in event.topics[:2]]
    tags += [world.reference.country(c).label for c in (event.main.host.country, event.main.guest.country)]
    return tags


def _encode(rng: random.Random, text: str) -> tuple[bytes, str]:
    """Mostly UTF-8; a few files with Windows line ends, a byte-order mark or cp1252."""
    draw = rng.random()
    if draw < 0.03:
        return text.replace("\n", "\r\n").encode("utf-8"), "utf-8-crlf"
    if draw < 0.05:
        return b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-bom"
    if draw < 0.06:
        try:
            return text.encode("cp1252"), "cp1252"
        except UnicodeEncodeError:
            pass
    return text.encode("utf-8"), "utf-8"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def fingerprint() -> str:
    """Hash of the generator's code and data files: a change invalidates cached corpora."""
    digest = hashlib.sha256(str(GENERATOR_VERSION).encode())
    for path in fingerprint_inputs():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


# The modules that write articles (not the benchmark's measuring and reporting ones).
_MODULES = (
    "_context",
    "_events",
    "_headlines",
    "_mentions",
    "_names",
    "_paragraphs",
    "_phrases",
    "_sources",
    "_vocabulary",
    "_world",
    "generate",
)


def fingerprint_inputs() -> list[Path]:
    """The files an article depends on: the generator's modules and its data."""
    here = Path(__file__).resolve().parent
    return sorted([*(here / f"{name}.py" for name in _MODULES), *DATA_DIR.iterdir()])


def write_corpus(count: int, outdir: Path, seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """Write ``count`` articles and the manifest under ``outdir``; return the manifest."""
    folder = outdir / ARTICLES
    folder.mkdir(parents=True, exist_ok=True)
    generator = Generator(seed)
    articles = [generator.article(i) for i in range(count)]
    names = {a.name for a in articles}
    for stale in folder.iterdir():
        if _NAME.match(stale.name) and stale.name not in names:
            stale.unlink()
    for article in articles:
        (folder / article.name).write_bytes(article.data)
    manifest = build_manifest(articles, seed=seed, count=count)
    (outdir / MANIFEST).write_text(
        json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest


def build_manifest(articles: Sequence[Article], *, seed: int, count: int) -> dict[str, Any]:
    """Counts that describe a generated corpus."""
    words = [a.words for a in articles]
    return {
        "generator": {"version": GENERATOR_VERSION, "seed": seed, "fingerprint": fingerprint()},
        "articles": count,
        "folder": ARTICLES,
        "bytes": sum(len(a.data) for a in articles),
        "words": sum(words),
        "words_per_article": {
            "min": min(words, default=0),
            "median": statistics.median(words) if words else 0,
            "max": max(words, default=0),
        },
        "by_style": dict(sorted(Counter(a.style for a in articles).items())),
        "by_meeting_kind": dict(sorted(Counter(a.kind for a in articles).items())),
        "by_encoding": dict(sorted(Counter(a.encoding for a in articles).items())),
        "dated": sum(a.dated for a in articles),
        "undated": sum(not a.dated for a in articles),
        "follow_up_reports": sum(a.follow_up for a in articles),
        "exact_duplicates": sum(a.duplicate for a in articles),
        "not_english": sum(not a.english for a in articles),
        "with_planned_meeting": sum(a.planned for a in articles),
        "with_second_meeting": sum(a.second_meeting for a in articles),
        "with_page_noise_lines": sum(a.noise_lines > 0 for a in articles),
        "meetings": sum(a.meetings for a in articles),
        "meetings_by_file": {a.name: a.meetings for a in articles if a.english and not a.duplicate},
        "distinct_participants": len({p for a in articles for p in a.participants}),
        "distinct_topics": len({t for a in articles for t in a.topics}),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("outdir", type=Path, help="folder for articles/ and manifest.json")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("N must be at least 1")
    manifest = write_corpus(args.count, args.outdir, args.seed)
    print(f"{manifest['articles']} articles, {manifest['words']:,} words → {args.outdir / ARTICLES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
