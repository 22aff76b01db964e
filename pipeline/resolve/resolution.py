"""Cross-document resolution: one Person per real person, one Meeting per real event.

Runs once over the records of every shard: a later copy of an article is a duplicate of
the first; ``persons`` merges persons, ``offices`` places and merges their holdings,
``meetings`` merges the reports of one event.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from pipeline.extract.lexicon import Lexicon
from pipeline.records import ArticleExtraction, ArticleInfo, Resolution, ResolutionSummary, Status
from pipeline.resolve.meetings import resolve_meetings
from pipeline.resolve.offices import resolve_holdings
from pipeline.resolve.persons import resolve_persons


def resolve(extractions: Iterable[ArticleExtraction], lexicon: Lexicon) -> Resolution:
    """Merge per-article records into corpus-wide entities."""
    articles, kept = _articles(extractions)
    persons, person_of = resolve_persons(kept)
    offices, holdings, unplaced = resolve_holdings(kept, person_of, lexicon)
    articles = _with_unplaced(articles, unplaced)
    meetings = resolve_meetings(kept, person_of, {p.slug: p.name for p in persons})
    return Resolution(
        articles=tuple(sorted(articles, key=lambda a: a.content_hash)),
        persons=tuple(sorted(persons, key=lambda p: p.slug)),
        offices=tuple(sorted(offices, key=lambda o: o.slug)),
        holdings=tuple(sorted(holdings, key=lambda h: (h.person, h.office, h.status.value))),
        meetings=tuple(sorted(meetings, key=lambda m: m.slug)),
        unplaced_holdings=sum(unplaced.values()),
    )


def summarize(resolution: Resolution) -> ResolutionSummary:
    """The counts and duplicate files of a resolution."""
    return ResolutionSummary(
        articles=len(resolution.articles),
        persons=len(resolution.persons),
        offices=len(resolution.offices),
        office_holdings=len(resolution.holdings),
        current_holdings=sum(h.status is Status.CURRENT for h in resolution.holdings),
        holdings_without_country=resolution.unplaced_holdings,
        meetings=len(resolution.meetings),
        meetings_reported_more_than_once=sum(len(m.articles) > 1 for m in resolution.meetings),
        topics=len({t for m in resolution.meetings for t in m.topics}),
        duplicates=tuple(sorted((d, a.source_file) for a in resolution.articles for d in a.duplicates)),
        rejected=tuple(rejected_counts(resolution).items()),
    )


def _articles(
    extractions: Iterable[ArticleExtraction],
) -> tuple[list[ArticleInfo], list[ArticleExtraction]]:
    """One article per distinct content; later copies are recorded as duplicates."""
    by_hash: dict[str, list[ArticleExtraction]] = defaultdict(list)
    for extraction in extractions:
        # Resolution reads an article's metadata and claims, never its text: keeping the
        # text of every article of the corpus would make memory grow with it.
        by_hash[extraction.article.source.content_hash].append(extraction.without_text())
    infos, kept = [], []
    for content_hash in sorted(by_hash):
        copies = sorted(by_hash[content_hash], key=lambda e: e.article.source.source_file)
        first = copies[0]
        article = first.article
        infos.append(
            ArticleInfo(
                content_hash=content_hash,
                source_file=article.source.source_file,
                published=article.published,
                agency=article.agency,
                via=article.via,
                dateline=article.dateline,
                title=article.title,
                duplicates=tuple(c.article.source.source_file for c in copies[1:]),
                rejected=first.rejected,
            )
        )
        kept.append(first)
    return infos, kept


UNPLACED = "office without a country in the text"


def _with_unplaced(articles: list[ArticleInfo], unplaced: Counter[str]) -> list[ArticleInfo]:
    """Each article's rejections, with its holdings no article gives a country for."""
    result = []
    for info in articles:
        count = unplaced.get(info.content_hash, 0)
        if count:
            reasons = Counter(dict(info.rejected))
            reasons[UNPLACED] += count
            info = replace(info, rejected=tuple(sorted(reasons.items())))
        result.append(info)
    return result


def rejected_counts(resolution: Resolution) -> dict[str, int]:
    """Candidate facts the extraction dropped in the whole corpus, by reason."""
    total: Counter[str] = Counter()
    for info in resolution.articles:
        total.update(dict(info.rejected))
    return dict(sorted(total.items()))
