"""Meetings across articles: one Meeting per real event.

Reports merge when they have the same participants on the same day, in a compatible
place and mode; an undated report joins the one such event its article's date allows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from pipeline.records import ArticleExtraction, Evidence, MeetingClaim, Mode, ResolvedMeeting
from pipeline.resolve.iris import digest, slugify
from pipeline.resolve.persons import PersonOf


@dataclass
class _Event:
    participants: tuple[str, ...]
    claims: list[tuple[str, MeetingClaim]] = field(default_factory=list)
    published: set[str] = field(default_factory=set)  # dates of the articles that report it

    @property
    def date(self) -> str | None:
        return next((c.date for _, c in self.claims if c.date), None)

    @property
    def location(self) -> str | None:
        return next((c.location for _, c in sorted(self.claims, key=lambda x: x[0]) if c.location), None)

    @property
    def mode(self) -> Mode:
        modes = Counter(c.mode for _, c in self.claims)
        return min(modes, key=lambda m: (-modes[m], m.value))


def resolve_meetings(
    extractions: Sequence[ArticleExtraction], person_of: PersonOf, names: dict[str, str]
) -> list[ResolvedMeeting]:
    """One event per real meeting. Dated reports join the event of their participants on
    their day; an undated report joins the one event of its participants that its
    article's date allows (held in the week before it), if exactly one does."""
    events: list[_Event] = []
    by_people: dict[tuple[str, ...], list[_Event]] = defaultdict(list)
    claims = sorted(
        (
            (e.article.source.content_hash, e.article.published, claim)
            for e in extractions
            for claim in e.meetings
        ),
        key=lambda item: (item[2].date is None, item[0]),
    )
    for article, published, claim in claims:
        participants = tuple(sorted({person_of[(article, p)] for p in claim.participants}))
        if len(participants) < 2:
            continue
        candidates = [e for e in by_people[participants] if _same_event(e, claim, article, published)]
        event = candidates[0] if len(candidates) == 1 or (candidates and claim.date) else None
        if event is None:
            event = _Event(participants)
            events.append(event)
            by_people[participants].append(event)
        event.claims.append((article, claim))
        if published:
            event.published.add(published)
    return [_meeting(event, names) for event in events]


_UNDATED_WINDOW_DAYS = 7


def _same_event(event: _Event, claim: MeetingClaim, article: str, published: str | None) -> bool:
    """Could ``claim`` report ``event``: the same day (or a day its article allows), a
    compatible place and the same mode, and not another report of the same article?"""
    if any(a == article for a, _ in event.claims):
        return False  # an article's events are already apart
    location = event.location
    if claim.location and location and claim.location.lower() != location.lower():
        return False
    if claim.mode is not event.mode:
        return False
    if claim.date and event.date:
        return claim.date == event.date
    # Dated reports come first (see resolve_meetings): here the claim is undated.
    if published is None:
        # An undated report in an undated article is the one event of its participants,
        # if they have one (a place or mode of its own keeps it apart, above).
        return True
    if event.date:
        return 0 <= _days_apart(event.date, published) <= _UNDATED_WINDOW_DAYS
    return all(abs(_days_apart(published, day)) <= _UNDATED_WINDOW_DAYS for day in event.published)


def _days_apart(earlier: str, later: str) -> int:
    return (date.fromisoformat(later) - date.fromisoformat(earlier)).days


def _meeting(event: _Event, names: dict[str, str]) -> ResolvedMeeting:
    articles = tuple(sorted({a for a, _ in event.claims}))
    location = event.location
    key = [event.date or "undated", *event.participants, (location or "").lower(), event.mode.value]
    if event.date is None:
        key.extend(articles)  # undated reports are events of their own articles
    short = "-".join(slugify(names[p]).rsplit("-", 1)[-1] for p in event.participants)[:60]
    slug = f"{event.date or 'undated'}-{short}-{digest(*key, length=8)}"
    kinds = Counter(c.kind for _, c in event.claims)
    kind = min(kinds, key=lambda k: (-kinds[k], k.value))
    who = " and ".join(names[p] for p in event.participants)
    when = ", ".join(x for x in (event.date, location) if x)
    return ResolvedMeeting(
        slug=slug,
        label=f"{kind.value.capitalize()}: {who}" + (f" ({when})" if when else ""),
        participants=event.participants,
        date=event.date,
        location=location,
        mode=event.mode,
        topics=tuple(sorted({t for _, c in event.claims for t in c.topics})),
        articles=articles,
        evidence=tuple(sorted({e for _, c in event.claims for e in c.evidence}, key=Evidence.position)),
        kind=kind,
    )
