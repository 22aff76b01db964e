"""Typed records passed between stages.

Records are frozen dataclasses of primitives, tuples, enums and other records. Their
JSON Lines codec is ``pipeline.codec`` (re-exported here: ``records.to_json``); dicts
exist only inside it. Every record serialises to one line of canonical JSON (sorted
keys), so equal records give equal bytes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

# The codec, re-exported: stages write ``records.to_json(record)``.
from pipeline.codec import dump_lines as dump_lines
from pipeline.codec import from_item_lines as from_item_lines
from pipeline.codec import from_json as from_json
from pipeline.codec import item_lines as item_lines
from pipeline.codec import load_lines as load_lines
from pipeline.codec import to_json as to_json


class Status(enum.Enum):
    """Where an office holding stands at the date of the article that states it."""

    CURRENT = "current"
    FORMER = "former"
    ELECT = "elect"
    DESIGNATE = "designate"


class Mode(enum.Enum):
    """How a meeting was held (contract values of ``dip:mode``)."""

    IN_PERSON = "in-person"
    PHONE = "phone"
    VIDEO = "video"


class MeetingKind(enum.Enum):
    """What a report calls a meeting; its value is the first word of the meeting's label."""

    MEETING = "meeting"
    TALKS = "talks"
    SUMMIT = "summit"
    CALL = "call"
    COURTESY_CALL = "courtesy call"
    CREDENTIALS = "credentials"  # a presentation of credentials
    RECEPTION = "reception"


# ---------------------------------------------------------------- parse stage


@dataclass(frozen=True)
class InputFile:
    """One input file as read from disk."""

    source_file: str  # relative to the input folder, '/'-separated
    content_hash: str  # "sha256:<hex>" of the raw bytes
    size: int


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article text, by character offsets into ``ParsedArticle.text``."""

    index: int
    start: int
    end: int
    text: str
    is_title: bool = False
    is_question: bool = False


@dataclass(frozen=True)
class ParsedArticle:
    """An article's metadata and clean sentences; offsets refer to ``text``."""

    source: InputFile
    text: str  # decoded article text (HTML reduced to text); evidence offsets refer to it
    published: str | None  # ISO date
    agency: str | None
    via: str | None
    dateline: str | None
    title: str | None
    sentences: tuple[Sentence, ...]
    noise_lines: int = 0
    encoding: str = "utf-8"
    dateline_date: str | None = None  # the day a dateline line gives ("December 4, 2023, Moscow")
    reposted: bool = False  # dated when another site redistributed it: "today" is not that day

    def evidence(self, index: int) -> Evidence:
        """Its sentence ``index`` as the evidence of a claim."""
        sentence = self.sentences[index]
        return Evidence(self.source.content_hash, sentence.start, sentence.end, sentence.text)


@dataclass(frozen=True)
class SkippedInput:
    """An input file that yields no article, with the reason a person can act on."""

    source: InputFile
    reason: str


@dataclass(frozen=True)
class ParseResult:
    """The parse stage's verdict on one file: exactly one of the two is set."""

    article: ParsedArticle | None = None
    skipped: SkippedInput | None = None

    @property
    def source(self) -> InputFile:
        if self.article is not None:
            return self.article.source
        assert self.skipped is not None
        return self.skipped.source


@dataclass(frozen=True)
class FileOutcome:
    """What became of one input file (the run report reads these, not the texts)."""

    source: InputFile
    encoding: str | None  # set when the file was read as an article
    reason: str | None  # set when it was skipped


# ---------------------------------------------------------------- extract stage


@dataclass(frozen=True)
class Evidence:
    """A supporting sentence: where it is and what it says."""

    content_hash: str  # of the article
    start: int
    end: int
    quote: str

    def position(self) -> tuple[str, int, int]:
        """Where it stands (article, offsets): the order evidence is listed in."""
        return (self.content_hash, self.start, self.end)


@dataclass(frozen=True)
class OfficeRef:
    """An office as the text describes it; ``country`` may be filled in across articles."""

    role: str  # role notation, e.g. "foreign_minister"
    title: str  # title used in the office label, e.g. "Secretary of State"
    country: str | None  # ISO alpha-2
    accredited_to: str | None = None
    organization: str | None = None  # code of an international organization: its post has no country


@dataclass(frozen=True)
class PersonRecord:
    """A person of one article: canonical name and every surface form seen."""

    key: str  # unique within the article, e.g. "p1"
    name: str  # "Given Family" order
    aliases: tuple[str, ...]  # other surface forms, titles stripped
    country: str | None  # ISO code, from the person's offices or a nationality word


@dataclass(frozen=True)
class HoldingClaim:
    """An article says ``person`` holds/held/will hold ``office``."""

    person: str  # PersonRecord.key
    office: OfficeRef
    status: Status
    evidence: Evidence


@dataclass(frozen=True)
class MeetingClaim:
    """An article reports a meeting that happened."""

    participants: tuple[str, ...]  # PersonRecord keys, sorted
    date: str | None  # ISO date, only when the text supports a day
    location: str | None
    mode: Mode
    topics: tuple[str, ...]  # topic notations, sorted
    evidence: tuple[Evidence, ...]
    kind: MeetingKind = MeetingKind.MEETING


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything one article yields, before cross-article resolution."""

    article: ParsedArticle
    persons: tuple[PersonRecord, ...]
    holdings: tuple[HoldingClaim, ...]
    meetings: tuple[MeetingClaim, ...]
    # Candidate facts the extraction dropped, by reason, sorted: (("domestic meeting", 1), …).
    rejected: tuple[tuple[str, int], ...] = ()

    def without_text(self) -> ArticleExtraction:
        """The extraction with its article's metadata and no text or sentences: what
        resolution reads (each claim keeps its own evidence; the text is the parse
        target's), so the extract target and its reading do not carry the text again."""
        return replace(self, article=replace(self.article, text="", sentences=()))


# ---------------------------------------------------------------- resolve stage


@dataclass(frozen=True)
class ArticleInfo:
    """A NewsArticle of the graph (one per distinct content)."""

    content_hash: str
    source_file: str
    published: str | None
    agency: str | None
    via: str | None
    dateline: str | None
    title: str | None
    duplicates: tuple[str, ...] = ()  # other files with the same bytes
    rejected: tuple[tuple[str, int], ...] = ()  # candidate facts dropped, by reason


@dataclass(frozen=True)
class ResolvedPerson:
    slug: str
    name: str
    aliases: tuple[str, ...]
    articles: tuple[str, ...]  # content hashes


@dataclass(frozen=True)
class ResolvedOffice:
    slug: str
    label: str
    role: str
    country: str | None  # None for a post of an international organization
    accredited_to: str | None
    organization: str | None = None


@dataclass(frozen=True)
class ResolvedHolding:
    person: str  # person slug
    office: str  # office slug
    status: Status
    attested_on: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class ResolvedMeeting:
    slug: str
    label: str
    participants: tuple[str, ...]  # person slugs
    date: str | None
    location: str | None
    mode: Mode
    topics: tuple[str, ...]
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    kind: MeetingKind


@dataclass(frozen=True)
class Resolution:
    """The corpus-wide entities: one per real person, office, holding, meeting."""

    articles: tuple[ArticleInfo, ...]
    persons: tuple[ResolvedPerson, ...]
    offices: tuple[ResolvedOffice, ...]
    holdings: tuple[ResolvedHolding, ...]
    meetings: tuple[ResolvedMeeting, ...]
    unplaced_holdings: int = 0  # claims whose office country no article names


@dataclass(frozen=True, kw_only=True)
class CorpusCounts:
    """How many of each entity a resolution made, and the candidate facts it dropped: the
    resolve stage's counts, which the run report carries on."""

    articles: int
    persons: int
    offices: int
    office_holdings: int
    current_holdings: int
    holdings_without_country: int
    meetings: int
    meetings_reported_more_than_once: int
    topics: int
    rejected: tuple[tuple[str, int], ...]  # candidate facts dropped in the corpus, by reason


@dataclass(frozen=True, kw_only=True)
class ResolutionSummary(CorpusCounts):
    """Counts of a resolution and its duplicate files, for the run report."""

    duplicates: tuple[tuple[str, str], ...]  # (duplicate file, the file kept)
