"""Typed records passed between stages, and their JSON Lines codec.

Records are frozen dataclasses of primitives, tuples, enums and other records. Dicts
exist only inside ``to_json``/``from_json``. Every record serialises to one line of
canonical JSON (sorted keys), so equal records give equal bytes.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


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


# ---------------------------------------------------------------- JSON codec


def to_json(record: Any) -> str:
    """One line of canonical JSON for a record."""
    return json.dumps(_encode(record), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def from_json(cls: type[T], line: str) -> T:
    """The record of type ``cls`` that ``to_json`` wrote as ``line``."""
    return typing.cast(T, _decode(cls, json.loads(line)))


def dump_lines(records: Iterable[Any]) -> Iterator[str]:
    for record in records:
        yield to_json(record) + "\n"


def load_lines(cls: type[T], lines: Iterable[str]) -> Iterator[T]:
    for line in lines:
        if line.strip():
            yield from_json(cls, line)


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


Decoder = Callable[[Any], Any]
_DECODERS: dict[Any, Decoder] = {}


def _decode(tp: Any, data: Any) -> Any:
    return _decoder(tp)(data)


def _decoder(tp: Any) -> Decoder:
    """A function that turns JSON data into a value of type ``tp``, built once per type.

    Resolution reads every article's records: walking type hints per value would cost more
    than the resolution itself.
    """
    decoder = _DECODERS.get(tp)
    if decoder is None:
        decoder = _DECODERS[tp] = _build_decoder(tp)
    return decoder


def _identity(data: Any) -> Any:
    return data


def _build_decoder(tp: Any) -> Decoder:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        decode_inner = _decoder(inner)
        return lambda data: None if data is None else decode_inner(data)
    if origin is tuple:
        (inner, _) = typing.get_args(tp)
        decode_item = _decoder(inner)
        if decode_item is _identity:
            return tuple
        return lambda data: tuple(decode_item(v) for v in data)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        record_type = tp
        fields: dict[str, Decoder] = {}

        def decode_record(data: Any) -> Any:
            if not fields:  # filled on first use: a record type may refer to itself
                fields.update(
                    {name: _decoder(hint) for name, hint in typing.get_type_hints(record_type).items()}
                )
            return record_type(**{name: fields[name](value) for name, value in data.items()})

        return decode_record
    return _identity


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
