"""Load and query timings of the graph in a triplestore: embedded Oxigraph vs the Oxigraph server.

    python -m benchmarks.store_bench [--triples 100000] [--repeat 5] [--graph FILE ...] [--json OUT]

Graphs measured: the seeds' graph (the pipeline run on ../shared/corpus/seeds, or on
corpus/ when ../shared is absent), a synthetic graph of at least ``--triples`` triples,
and any ``--graph`` file. The synthetic graph is made by the pipeline's own code
(``pipeline.rdf.triples`` and ``pipeline.rdf.turtle``) from generated resolution records:
contract-shaped, deterministic (same arguments, same bytes), no spaCy involved.

For each graph and backend: the first load and a reload (replace) into the named graph,
then every query of ``queries/`` (no parameters: the heaviest form), the median of
``--repeat`` runs. Embedded timings include opening the store, as ``query`` does;
server loads include parsing the file locally to count (and check) it before the PUT.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from pipeline.config import PROJECT_ROOT, Settings
from pipeline.extract.lexicon import Lexicon, load_lexicon
from pipeline.rdf.triples import build_graph
from pipeline.rdf.turtle import serialize
from pipeline.records import (
    ArticleInfo,
    Evidence,
    MeetingKind,
    Mode,
    Resolution,
    ResolvedHolding,
    ResolvedMeeting,
    ResolvedOffice,
    ResolvedPerson,
    Status,
)
from pipeline.resolve.iris import slugify
from pipeline.store.server import running_server
from pipeline.store.sparql import library
from pipeline.store.triplestore import Target, count_triples, load_graph, run_query
from pipeline.vocab import GRAPH_PREFIXES, instance_prefixes

SEEDS = PROJECT_ROOT.parent / "shared" / "corpus" / "seeds"
FIRST = (
    "Akira",
    "Marie",
    "Olaf",
    "Priya",
    "Luiz",
    "Fatima",
    "Justin",
    "Amira",
    "Rosa",
    "Jan",
    "Minh",
    "Penny",
)
LAST = ("Sato", "Dubois", "Schmidt", "Sharma", "Silva", "Hassan", "Tremblay", "Quispe", "Nowak", "Nguyen")
AGENCIES = ("Kyodo News", "Yonhap", "Xinhua", "Anadolu Agency", "IANS", "dpa", "KUNA", "AAP")
KINDS = (
    MeetingKind.TALKS,
    MeetingKind.MEETING,
    MeetingKind.CALL,
    MeetingKind.COURTESY_CALL,
    MeetingKind.SUMMIT,
)
START = date(2024, 1, 1)


def synthetic_resolution(meetings: int, lexicon: Lexicon, *, seed: int = 7) -> Resolution:
    """Resolution records of ``meetings`` meetings with articles, persons, offices, holdings to match."""
    rnd = random.Random(seed)
    countries = sorted(c.code for c in lexicon.countries)[:60]
    roles = sorted(r.notation for r in lexicon.roles)
    topics = sorted(t.notation for t in lexicon.topics)
    articles = [_article(i, rnd) for i in range(max(2, meetings * 3 // 5))]
    offices = [
        ResolvedOffice(
            f"{code.lower()}-{slugify(role)}", f"{role.replace('_', ' ').title()} of {code}", role, code, None
        )
        for code in countries
        for role in roles
    ]
    persons, holdings = [], []
    for i in range(max(4, meetings * 3 // 10)):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"
        seen = tuple(sorted({rnd.choice(articles).content_hash for _ in range(3)}))
        persons.append(ResolvedPerson(slugify(name), name, (name.split()[1],), seen))
        for office in rnd.sample(offices, rnd.choice((1, 1, 2))):
            dated = [a.published for a in articles if a.content_hash in seen and a.published]
            holdings.append(
                ResolvedHolding(
                    persons[-1].slug,
                    office.slug,
                    rnd.choice((Status.CURRENT,) * 6 + (Status.FORMER, Status.ELECT, Status.DESIGNATE)),
                    tuple(sorted(set(dated))),
                    tuple(_evidence(rnd.choice(seen), rnd) for _ in range(rnd.randint(1, 2))),
                )
            )
    meeting_records = []
    for i in range(meetings):
        people = sorted(p.slug for p in rnd.sample(persons, rnd.choice((2,) * 9 + (3,))))
        reported = sorted(rnd.sample(articles, rnd.choice((1, 1, 1, 2))), key=lambda a: a.content_hash)
        day = reported[0].published
        meeting_records.append(
            ResolvedMeeting(
                slug=f"{day or 'undated'}-{'-'.join(people)[:40]}-{i:06d}",
                label=f"Talks {i}",
                participants=tuple(people),
                date=day,
                location=None if day is None else lexicon.country_by_code[rnd.choice(countries)].capital,
                mode=rnd.choice((Mode.IN_PERSON,) * 6 + (Mode.PHONE, Mode.VIDEO)),
                topics=tuple(sorted(rnd.sample(topics, rnd.randint(1, 4)))),
                articles=tuple(a.content_hash for a in reported),
                evidence=tuple(_evidence(a.content_hash, rnd) for a in reported for _ in range(2)),
                kind=rnd.choice(KINDS),
            )
        )
    return Resolution(
        tuple(articles), tuple(persons), tuple(offices), tuple(holdings), tuple(meeting_records)
    )


def _article(i: int, rnd: random.Random) -> ArticleInfo:
    published = None if rnd.random() < 0.1 else (START + timedelta(days=rnd.randrange(600))).isoformat()
    digest = hashlib.sha256(f"synthetic article {i}".encode()).hexdigest()
    return ArticleInfo(
        f"sha256:{digest}",
        f"synthetic/{i:06d}.txt",
        published,
        rnd.choice(AGENCIES),
        None,
        None,
        f"Article {i}",
    )


def _evidence(content_hash: str, rnd: random.Random) -> Evidence:
    start = rnd.randrange(0, 5000)
    quote = "The two ministers agreed to deepen cooperation on " + " and ".join(
        rnd.sample(("trade", "energy", "security", "climate", "investment", "maritime affairs"), 2)
    )
    return Evidence(content_hash, start, start + len(quote), quote + ".")


def synthetic_graph(min_triples: int, folder: Path) -> Path:
    """A Turtle file of at least ``min_triples`` triples (cached in ``folder`` by size)."""
    path = folder / f"synthetic-{min_triples}.ttl"
    if path.exists():
        return path
    settings = Settings()
    lexicon = load_lexicon(settings.ontology_dir)
    meetings = max(10, min_triples // 38)
    while True:
        graph = build_graph(synthetic_resolution(meetings, lexicon), lexicon, base_iri=settings.base_iri)
        if len(graph) >= min_triples:
            break
        meetings = int(meetings * 1.1) + 1
    prefixes = {**GRAPH_PREFIXES, **instance_prefixes(settings.base_iri)}
    path.write_text(serialize(graph, prefixes=prefixes), encoding="utf-8")
    return path


def seeds_graph(folder: Path) -> Path:
    """The pipeline's graph of the seed corpus (the sample corpus when ../shared is absent)."""
    from pipeline.run.runner import run_pipeline

    corpus = SEEDS if SEEDS.is_dir() else PROJECT_ROOT / "corpus"
    run_pipeline(corpus, folder / "seeds-run", Settings())
    return folder / "seeds-run" / "diplomacy.ttl"


def _seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(graph: Path, target: Target, repeat: int) -> dict[str, Any]:
    """Load, reload and query timings of one graph in one target."""
    timings: dict[str, Any] = {"load": _seconds(lambda: load_graph(graph, target))}
    timings["reload"] = _seconds(lambda: load_graph(graph, target))
    timings["triples"] = count_triples(target)
    # What any query costs before it starts: opening the store, or an HTTP round trip.
    trivial = partial(run_query, target, "SELECT ?x WHERE { } LIMIT 1")
    timings["empty query"] = statistics.median(_seconds(trivial) for _ in range(repeat))
    for query in library():
        runs = [_seconds(partial(run_query, target, query.text)) for _ in range(repeat)]
        timings[query.name] = statistics.median(runs)
    return timings


def bench(graphs: dict[str, Path], repeat: int, work: Path) -> dict[str, dict[str, Any]]:
    """Timings per graph and backend: ``{"<label> embedded": {...}, "<label> server": {...}}``."""
    results = {}
    for n, (label, graph) in enumerate(graphs.items()):
        results[f"{label} embedded"] = measure(graph, work / f"store-{n}", repeat)
        with running_server(location=work / f"server-{n}", log=work / f"server-{n}.log") as server:
            results[f"{label} server"] = measure(graph, server.endpoint, repeat)
    return results


def table(results: dict[str, dict[str, Any]]) -> str:
    """The timings as a Markdown table: loads in seconds, queries in milliseconds."""
    columns = list(results)
    lines = ["| | " + " | ".join(columns) + " |", "| --- |" + " ---: |" * len(columns)]
    lines.append(
        "| triples in store (data + ontology) | "
        + " | ".join(str(results[c]["triples"]) for c in columns)
        + " |"
    )
    for key in ("load", "reload"):
        lines.append(f"| {key} (s) | " + " | ".join(f"{results[c][key]:.3f}" for c in columns) + " |")
    lines.append(
        "| empty query (ms) | "
        + " | ".join(f"{results[c]['empty query'] * 1000:.1f}" for c in columns)
        + " |"
    )
    for query in library():
        lines.append(
            f"| {query.name} (ms) | "
            + " | ".join(f"{results[c][query.name] * 1000:.1f}" for c in columns)
            + " |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--triples", type=int, default=100_000, help="size of the synthetic graph (default: %(default)s)"
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs per query, median kept (default: %(default)s)"
    )
    parser.add_argument(
        "--graph", type=Path, action="append", default=[], help="another graph file to measure"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the timings as JSON here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dipkg-bench-") as tmp:
        work = Path(tmp)
        graphs = {
            "seeds": seeds_graph(work),
            f"synthetic {args.triples // 1000}k": synthetic_graph(args.triples, work),
        }
        graphs.update({path.name: path for path in args.graph})
        results = bench(graphs, args.repeat, work)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
