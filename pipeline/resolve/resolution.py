"""Cross-document resolution: one Person per real person, one Meeting per real event.

Runs once over the records of every shard. Persons merge on their full name's tokens
(any order); a family name alone joins the one person it can belong to, and stays
apart when two could; two spellings of one name merge when they hold the same office.
Meetings merge when they have the same participants on the same day, in a compatible
place and mode; an undated report joins the one such event its article's date allows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from rapidfuzz import fuzz

from pipeline.extract.lexicon import Lexicon, fold
from pipeline.records import (
    ArticleExtraction,
    ArticleInfo,
    Evidence,
    HoldingClaim,
    MeetingClaim,
    Mode,
    PersonRecord,
    Resolution,
    ResolutionSummary,
    ResolvedHolding,
    ResolvedMeeting,
    ResolvedOffice,
    ResolvedPerson,
    Status,
)
from pipeline.resolve.iris import digest, slugify


@dataclass
class _Group:
    members: list[tuple[str, PersonRecord]] = field(default_factory=list)  # (article, person)

    @property
    def tokens(self) -> frozenset[str]:
        return frozenset().union(*(_name_tokens(p.name) for _, p in self.members))

    @property
    def countries(self) -> set[str]:
        return {p.country for _, p in self.members if p.country}

    @property
    def order_key(self) -> tuple[str, str]:
        return min((article, person.key) for article, person in self.members)


def resolve(extractions: Iterable[ArticleExtraction], lexicon: Lexicon) -> Resolution:
    """Merge per-article records into corpus-wide entities."""
    articles, kept = _articles(extractions)
    groups = _group_persons(kept)
    person_of: dict[tuple[str, str], str] = {}
    persons = []
    for slug, group in _slugs(groups):
        for article, person in group.members:
            person_of[(article, person.key)] = slug
        persons.append(_person(slug, group))
    offices, holdings, unplaced = _holdings(kept, person_of, groups, lexicon)
    articles = _with_unplaced(articles, unplaced)
    names = {p.slug: p.name for p in persons}
    meetings = _meetings(kept, person_of, names)
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
        by_hash[extraction.article.source.content_hash].append(extraction)
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


def _name_tokens(name: str) -> frozenset[str]:
    """A name's words as compared across articles: case, diacritics and hyphens folded
    ("Bùi Thanh Sơn" = "Bui Thanh Son", "Amir-Abdollahian" = "Amir Abdollahian")."""
    words = fold(name).replace("-", " ").replace("‐", " ").split()
    return frozenset(w.strip(".") for w in words if len(w.strip(".")) > 1 and w not in _PARTICLES)


_PARTICLES = frozenset({"bin", "binti", "ibn", "al", "el", "de", "del", "da", "dos", "van", "von", "la"})
# Two spellings of one name ("Abel-Aty", "Abdelatty") are one person only when they hold
# the same office; this similarity (0-100, rapidfuzz) is the least that counts.
_SPELLING_SIMILARITY = 85


def _group_persons(extractions: Sequence[ArticleExtraction]) -> list[_Group]:
    full: dict[frozenset[str], _Group] = {}
    singles: list[tuple[str, PersonRecord]] = []
    for extraction in extractions:
        article = extraction.article.source.content_hash
        for person in extraction.persons:
            tokens = _name_tokens(person.name)
            if len(tokens) >= 2:
                full.setdefault(tokens, _Group()).members.append((article, person))
            else:
                singles.append((article, person))
    roles = _roles_by_person(extractions)
    groups = _merge_spellings(sorted(full.values(), key=lambda g: g.order_key), roles, extractions)
    # Index the full names by each of their words (and fix their countries now: a family
    # name joining a group adds no word and no country to decide by).
    by_word: dict[str, list[_Group]] = defaultdict(list)
    countries = {id(g): g.countries for g in groups}
    for group in groups:
        for word in group.tokens:
            by_word[word].append(group)
    lone: dict[tuple[frozenset[str], str | None], _Group] = {}
    for article, person in sorted(singles, key=lambda item: (item[0], item[1].key)):
        tokens = _name_tokens(person.name)
        candidates = by_word.get(next(iter(tokens)), []) if tokens else []
        owners = [g for g in candidates if _compatible(person.country, countries[id(g)])]
        if len(owners) > 1:
            mine = roles.get((article, person.key), set())
            owners = [g for g in owners if mine & _group_roles(g, roles)] or owners
        if len(owners) == 1:
            owners[0].members.append((article, person))
        else:
            lone.setdefault((tokens, person.country), _Group()).members.append((article, person))
    return sorted([*groups, *lone.values()], key=lambda g: g.order_key)


def _merge_spellings(
    groups: list[_Group], roles: dict[tuple[str, str], set[str]], extractions: Sequence[ArticleExtraction]
) -> list[_Group]:
    """Merge groups whose names are spellings of one name and who hold one office
    (same role and country) somewhere: "Badr Abel-Aty" and "Badr Abdelatty", foreign
    ministers of Egypt. Namesakes with other offices stay apart."""
    offices: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for extraction in extractions:
        article = extraction.article.source.content_hash
        for claim in extraction.holdings:
            if claim.office.country:
                offices[(article, claim.person)].add((claim.office.role, claim.office.country))
    merged: list[_Group] = []
    by_office: dict[tuple[str, str], list[_Group]] = defaultdict(list)  # only holders of one office compare
    for group in groups:
        held = set().union(*(offices.get((a, p.key), set()) for a, p in group.members))
        name = " ".join(sorted(group.tokens))
        candidates = [o for office in sorted(held) for o in by_office[office]]
        target = next(
            (
                other
                for other in candidates
                if fuzz.token_sort_ratio(name, " ".join(sorted(other.tokens))) >= _SPELLING_SIMILARITY
            ),
            None,
        )
        if target is None:
            merged.append(group)
            target = group
        else:
            target.members.extend(group.members)
        for office in held:
            if all(other is not target for other in by_office[office]):
                by_office[office].append(target)
    return merged


def _compatible(country: str | None, countries: set[str]) -> bool:
    return country is None or not countries or country in countries


def _roles_by_person(extractions: Sequence[ArticleExtraction]) -> dict[tuple[str, str], set[str]]:
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for extraction in extractions:
        for claim in extraction.holdings:
            roles[(extraction.article.source.content_hash, claim.person)].add(claim.office.role)
    return roles


def _group_roles(group: _Group, roles: dict[tuple[str, str], set[str]]) -> set[str]:
    return set().union(*(roles.get((a, p.key), set()) for a, p in group.members))


def _canonical_name(group: _Group) -> str:
    counts = Counter(p.name for _, p in group.members)
    full = {n: c for n, c in counts.items() if len(_name_tokens(n)) >= 2} or dict(counts)
    return min(full, key=lambda n: (-full[n], -len(n), n))


def _slugs(groups: list[_Group]) -> Iterable[tuple[str, _Group]]:
    used: Counter[str] = Counter()
    for group in groups:
        slug = slugify(_canonical_name(group))
        used[slug] += 1
        yield (slug if used[slug] == 1 else f"{slug}-{used[slug]}"), group


def _person(slug: str, group: _Group) -> ResolvedPerson:
    name = _canonical_name(group)
    forms = {p.name for _, p in group.members} | {a for _, p in group.members for a in p.aliases}
    return ResolvedPerson(
        slug=slug,
        name=name,
        aliases=tuple(sorted(forms - {name})),
        articles=tuple(sorted({a for a, _ in group.members})),
    )


def _holdings(
    extractions: Sequence[ArticleExtraction],
    person_of: dict[tuple[str, str], str],
    groups: list[_Group],
    lexicon: Lexicon,
) -> tuple[list[ResolvedOffice], list[ResolvedHolding], Counter[str]]:
    placed: list[_Placed] = []
    nationality: dict[str, Counter[str]] = defaultdict(Counter)
    role_country: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for extraction in extractions:
        article = extraction.article
        for claim in extraction.holdings:
            person = person_of[(article.source.content_hash, claim.person)]
            placed.append(_Placed(person, claim, article.published))
            if claim.office.country:
                role_country[(person, claim.office.role)][claim.office.country] += 1
                if claim.status is Status.CURRENT:
                    nationality[person][claim.office.country] += 1
    accredited = _accreditations(placed)
    offices: dict[str, ResolvedOffice] = {}
    merged: dict[tuple[str, str, Status], tuple[set[str], set[Evidence]]] = {}
    unplaced: Counter[str] = Counter()  # article → claims no article gives a country for
    for item in placed:
        person, claim, published = item.person, item.claim, item.published
        country = (
            claim.office.country
            or _top(role_country.get((person, claim.office.role)))
            or _top(nationality.get(person))
        )
        organization = claim.office.organization
        if organization in lexicon.organization_by_code:
            country = None  # a post of an international organization
        elif country is None or country not in lexicon.country_by_code:
            unplaced[claim.evidence.content_hash] += 1
            continue
        if country and claim.office.role == "ambassador" and claim.office.accredited_to is None:
            # "Ambassador Glass" is the ambassador the article or others say he is.
            posts = accredited.get((person, country), set())
            if len(posts) == 1:
                claim = replace(claim, office=replace(claim.office, accredited_to=next(iter(posts))))
        office = _office(claim, country, lexicon)
        offices[office.slug] = office
        dates, evidence = merged.setdefault((person, office.slug, claim.status), (set(), set()))
        if published:
            dates.add(published)
        evidence.add(claim.evidence)
    holdings = [
        ResolvedHolding(
            person, office, status, tuple(sorted(dates)), tuple(sorted(evidence, key=_evidence_key))
        )
        for (person, office, status), (dates, evidence) in merged.items()
    ]
    return list(offices.values()), holdings, unplaced


@dataclass(frozen=True)
class _Placed:
    """A holding claim with the corpus-wide person and its article's date."""

    person: str
    claim: HoldingClaim
    published: str | None


def _accreditations(placed: list[_Placed]) -> dict[tuple[str, str], set[str]]:
    """(person, sending country) → the countries they are ambassador to, per any article."""
    posts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in placed:
        office = item.claim.office
        if office.role == "ambassador" and office.country and office.accredited_to:
            posts[(item.person, office.country)].add(office.accredited_to)
    return posts


def _top(counter: Counter[str] | None) -> str | None:
    if not counter:
        return None
    return min(counter, key=lambda code: (-counter[code], code))


def _office(claim: HoldingClaim, country: str | None, lexicon: Lexicon) -> ResolvedOffice:
    role = lexicon.role_by_notation[claim.office.role]
    title = claim.office.title
    organization = claim.office.organization
    if country is None and organization:
        body = lexicon.organization_by_code[organization]
        accredited_to = (
            claim.office.accredited_to if claim.office.accredited_to in lexicon.country_by_code else None
        )
        label = f"{title} of the {body.label}" if not body.label.isupper() else f"{body.label} {title}"
        slug = f"{organization.lower()}-{slugify(title)}"
        if accredited_to:
            label += f" to {lexicon.country_by_code[accredited_to].label_in_text}"
            slug += f"-to-{accredited_to.lower()}"
        return ResolvedOffice(
            slug=slug,
            label=label,
            role=role.notation,
            country=None,
            accredited_to=accredited_to,
            organization=organization,
        )
    assert country is not None  # an office is of a country or of an organization
    if title == role.label:
        title = lexicon.office_title(role.notation, country)
    accredited = claim.office.accredited_to if claim.office.accredited_to in lexicon.country_by_code else None
    home = lexicon.country_by_code[country]
    if accredited:
        label = f"{home.label} {title} to {lexicon.country_by_code[accredited].label_in_text}"
        slug = f"{country.lower()}-{slugify(title)}-to-{accredited.lower()}"
    else:
        label = f"{title} of {home.label_in_text}"
        slug = f"{country.lower()}-{slugify(title)}"
    return ResolvedOffice(
        slug=slug, label=label, role=role.notation, country=country, accredited_to=accredited
    )


def _evidence_key(evidence: Evidence) -> tuple[str, int, int]:
    return (evidence.content_hash, evidence.start, evidence.end)


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


def _meetings(
    extractions: Sequence[ArticleExtraction],
    person_of: dict[tuple[str, str], str],
    names: dict[str, str],
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
    # Dated reports come first (see _meetings): here the claim is undated.
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
    kind = min(kinds, key=lambda k: (-kinds[k], k))
    who = " and ".join(names[p] for p in event.participants)
    when = ", ".join(x for x in (event.date, location) if x)
    return ResolvedMeeting(
        slug=slug,
        label=f"{kind.capitalize()}: {who}" + (f" ({when})" if when else ""),
        participants=event.participants,
        date=event.date,
        location=location,
        mode=event.mode,
        topics=tuple(sorted({t for _, c in event.claims for t in c.topics})),
        articles=articles,
        evidence=tuple(sorted({e for _, c in event.claims for e in c.evidence}, key=_evidence_key)),
        kind=kind,
    )
