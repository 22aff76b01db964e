"""Parse stage: article text → metadata, clean sentences; noise removed.

Works line by line on the decoded text. Wire copy starts with a header and a byline
(`(MENAFN- Kuwait News Agency (KUNA)) TOKYO, April 22 (KUNA) --`); scraped pages carry
navigation text, counters, tag lines and copyright lines. Sentences keep their offsets
into the article text, so evidence can point back into it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from pipeline.ingest import dates
from pipeline.ingest.decode import decode
from pipeline.ingest.language import guess_language, is_english, latin_share, words
from pipeline.ingest.sentences import Line, sentences_in, text_lines
from pipeline.records import InputFile, ParsedArticle, ParseResult, Sentence, SkippedInput

_MONTH = dates.MONTH_PATTERN

_HEADER_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b(?:\s+\d+\b)?\s*", re.IGNORECASE)
_MENAFN = re.compile(r"^\s*\(?\s*MENAFN\s*-\s*(?P<agency>(?:[^()]|\([^()]*\))*?)\)\s*")
_DATELINE = re.compile(
    rf"^\s*(?P<city>[A-Z][A-Za-z.'’\- ]{{1,40}}?)(?:\s*\[[A-Za-z .]+\])?,\s+"
    rf"(?P<month>(?i:{_MONTH}))\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?"
    r"\s*(?:\((?P<agency>[A-Za-z .&/-]{2,40})\))?\s*(?:--|—|–|-|:)?\s*"
)
_CITY_DASH = re.compile(r"^\s*(?P<city>[A-Z][A-Z.'\- ]{2,30}?)\s*(?:—|–|--)\s*")
_CITY_AGENCY = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z.'\- ]{2,30}?)(?:\s*\[[A-Za-z .]+\])?\s*\((?P<agency>[A-Za-z .&/-]{2,40})\)\s*(?:--|—|–|-|:)\s*"
)
# "ASTANA. KAZINFORM - ": a city and an agency in capitals, parted by a full stop.
_CITY_DOT_AGENCY = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'\- ]{2,30}?)\.\s+(?P<agency>[A-Z][A-Z&-]{3,20})\s*(?:--|—|–|-|:)?\s+(?=[A-Z])"
)
_PUBLISHED = re.compile(
    rf"(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<md>(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}}),\s+(?P<y1>\d{{4}}))"
    rf"|(?P<dm>(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})))"
)
_NUMERIC_DATE = re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})\b")
_SLASH_ISO = re.compile(r"\b(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b")
_SOURCE_LINE = re.compile(
    r"^\s*(?:source|by|written by|reporting by)\s*:?\s+(?P<who>[^|]{2,60}?)\s*(?:[-|].*)?$", re.IGNORECASE
)
_BYLINE_SEPARATORS = re.compile(r"\s*(?:[/;,|]|\s[-–—]\s|\s(?:and|for)\s)\s*")
_CAPITALS = re.compile(r"[A-Z0-9][A-Z0-9&.' -]*")
_ONE_NAME = re.compile(r"[A-Z][\w&'.-]*")
_AGENCY_BEFORE_BAR = re.compile(r"^\s*(?P<who>[A-Z][\w .&'-]{1,30}?)\s*\|")
_NOT_CITIES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday updated published posted date".split()
)
# A page that redistributes someone else's release ("Distributed by Public on 11/10/2024")
# is dated when it was reposted: its "today" is not that day.
_REDISTRIBUTED = re.compile(r"\b(?:re)?distributed by\b|\bre(?:published|posted)\b", re.IGNORECASE)
_US_TIME_ZONES = re.compile(r"\b(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET)\b")
_CITY_LINE = re.compile(r"[A-Z][A-Z.'\- ]{1,30}")
_HEADER_LINES = 15  # how far down the page date and source lines are looked for
_BREADCRUMB = re.compile(r"(?:\s[>|»›/]\s.*){2,}")
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b)\s*(?P<who>.*)$", re.IGNORECASE)
_EDITORIAL = re.compile(r"^\s*(?:editor(?:'s note)?|correction|update[ds]?|note)\s*:", re.IGNORECASE)
_URLISH = re.compile(r"^\s*(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?\s*$")
_GLUED = re.compile(r"[a-z]{2,}[A-Z][a-z]")
_BOILERPLATE = frozenset(
    "share tweet email print advertisement subscribe comments comment related read more "
    "also read follow us click here sign up log in login menu home search".split()
)


def parse_file(
    source: InputFile, raw: bytes, *, max_text_chars: int, agencies: Sequence[str] = ()
) -> ParseResult:
    """Decode and parse one input file; never raises on bad input. ``agencies``: the names of
    the news agencies a byline may name (ontology/agencies.ttl)."""
    decoded = decode(raw)
    if decoded.text is None:
        return ParseResult(skipped=SkippedInput(source, decoded.reason or "unreadable"))
    if len(decoded.text) > max_text_chars:
        return ParseResult(
            skipped=SkippedInput(
                source,
                f"too long: {len(decoded.text):,} characters of text, the limit is "
                f"{max_text_chars:,} (setting max_text_chars)",
            )
        )
    return parse_text(source, decoded.text, encoding=decoded.encoding, agencies=agencies)


def parse_text(
    source: InputFile, text: str, *, encoding: str = "utf-8", agencies: Sequence[str] = ()
) -> ParseResult:
    """Parse decoded article text into metadata and sentences (``agencies`` as for ``parse_file``)."""
    language = guess_language(text)
    if language != "en":
        named = f" (looks like '{language}')" if language != "und" else ""
        return ParseResult(skipped=SkippedInput(source, f"not an English article{named}"))
    meta = _Metadata(tuple(agencies))
    body: list[Line] = []
    noise = 0
    seen: set[str] = set()
    for number, line in enumerate(text_lines(text)):
        line = meta.consume_prefixes(line, first_body=len(body) <= 1)
        if not line.text:
            continue
        key = " ".join(line.text.split()).lower()
        # Date and source lines sit above the body, or just under a standfirst.
        if number < _HEADER_LINES and meta.consume_header_line(line.text, before_body=not body):
            noise += 1
            continue
        if key in seen or _is_noise(line.text, meta):
            noise += 1
            continue
        seen.add(key)
        if not body and meta.title is None and _is_headline(line.text):
            meta.title = " ".join(line.text.split())
            meta.title_line = line
            continue
        body.append(line)
    meta.settle_ambiguous_date(text)
    sentences = list(sentences_in(body))
    if meta.title_line is not None:
        title_sentence = Sentence(
            0, meta.title_line.start, meta.title_line.end, meta.title_line.text, is_title=True
        )
        sentences = [title_sentence, *sentences]
    sentences = [
        Sentence(i, s.start, s.end, s.text, s.is_title, s.is_question) for i, s in enumerate(sentences)
    ]
    if not any(not s.is_title for s in sentences):
        return ParseResult(skipped=SkippedInput(source, "no article text left after removing page noise"))
    return ParseResult(
        article=ParsedArticle(
            source=source,
            text=text,
            published=meta.published,
            agency=meta.agency,
            via=meta.via,
            dateline=meta.dateline,
            dateline_date=meta.dateline_date,
            reposted=meta.reposted,
            title=meta.title,
            sentences=tuple(sentences),
            noise_lines=noise,
            encoding=encoding,
        )
    )


class _Metadata:
    """Collects metadata while the first lines are read."""

    def __init__(self, agencies: tuple[str, ...]) -> None:
        self._agencies = agencies
        self.published: str | None = None
        self.agency: str | None = None
        self.via: str | None = None
        self.dateline: str | None = None
        self.dateline_date: str | None = None
        self.reposted = False
        self.title: str | None = None
        self.title_line: Line | None = None
        self._ambiguous: tuple[int, int, int] | None = None  # "11/02/2025": day/month order unknown

    def consume_prefixes(self, line: Line, *, first_body: bool) -> Line:
        """Strip header, byline and dateline from the start of a line, noting what they say."""
        if not first_body or self.dateline is not None:
            return line
        text, start = line.text, line.start
        for pattern in (_HEADER_DATE, _MENAFN, _DATELINE, _CITY_AGENCY, _CITY_DOT_AGENCY, _CITY_DASH):
            match = pattern.match(text)
            if match is None:
                continue
            if pattern in (_DATELINE, _CITY_DOT_AGENCY, _CITY_DASH) and not self._dateline_is_plausible(
                match
            ):
                continue
            self._note(pattern, match)
            cut = match.end()
            text, start = text[cut:], start + cut
        return Line(start, line.end, text.strip()) if text.strip() else Line(start, line.end, "")

    def _dateline_is_plausible(self, match: re.Match[str]) -> bool:
        city = match.group("city").strip()
        if city.lower().rstrip(".") in _NOT_CITIES:
            return False
        return len(city.split()) <= 4 and not city.lower().startswith(("the ", "on ", "in "))

    def _note(self, pattern: re.Pattern[str], match: re.Match[str]) -> None:
        if pattern is _HEADER_DATE:
            self.published = dates.iso_or_none(match.group(1))
        elif pattern is _MENAFN:
            self.via = "MENAFN"
            self.agency = " ".join(match.group("agency").split()) or self.agency
        else:
            city = " ".join(match.group("city").split())
            self.dateline = city.title() if city.isupper() else city
            if "agency" in match.groupdict() and match.group("agency") and not self.agency:
                self.agency = match.group("agency").strip()
            if pattern is _DATELINE:
                month = dates.month_number(match.group("month"))
                day = int(match.group("day"))
                year = int(match.group("year")) if match.group("year") else None
                if self.published is None and year is not None:
                    self.published = dates.make_iso(year, month, day)
                elif self.published is None and self._ambiguous is not None:
                    # The dateline's month and day say how to read "11/02/2025".
                    a, b, year_ = self._ambiguous
                    if (b, a) == (month, day) or (a, b) == (month, day):
                        self.published = dates.make_iso(year_, month, day)

    def consume_header_line(self, text: str, *, before_body: bool) -> bool:
        """A line above the article body that gives its date or source ("ANI | Updated:
        Mar 04, 2025 21:15 IST", "Source: Xinhua", "10.02.2025, 18:22", "TOKYO")."""
        words = text.split()
        if len(words) > 14 or text.rstrip().endswith((".", "?", "!")):
            return False
        day = _date_in(text)
        ambiguous = _NUMERIC_DATE.search(text) if day is None else None
        if ambiguous is not None:
            self._ambiguous = (
                int(ambiguous.group("a")),
                int(ambiguous.group("b")),
                int(ambiguous.group("year")),
            )
        if (day is not None or ambiguous is not None) and _REDISTRIBUTED.search(text):
            self.reposted = True
        source = _SOURCE_LINE.match(text)
        if day is None and source is None and ambiguous is None:
            if before_body and _CITY_LINE.fullmatch(text) and self.dateline is None:
                self.dateline = text.title()  # a dateline on its own line
                return True
            return False
        if day is not None and self.published is None:
            self.published = day
        if day is not None and self.dateline_date is None and dates.dateline_day(text) == day:
            self.dateline_date = day  # "December 4, 2023, The Kremlin, Moscow": the day it reports
            place = text.rstrip(":").rsplit(",", 1)[-1].strip()
            if self.dateline is None and place and not any(c.isdigit() for c in place):
                self.dateline = place
        agency = source.group("who") if source else None
        bar = _AGENCY_BEFORE_BAR.match(text)
        if agency is None and bar:
            agency = bar.group("who")
        if agency and not self.agency and not agency.lower().startswith(("updated", "published", "posted")):
            self.agency = _agency_in(agency, self._agencies)
        return True

    def settle_ambiguous_date(self, text: str) -> None:
        """Read "11/02/2025" day first, as most of the world writes it, unless the page
        shows United States time zones; the dateline, when it has a day, settled it earlier."""
        if self.published is not None or self._ambiguous is None:
            return
        a, b, year = self._ambiguous
        if _US_TIME_ZONES.search(text):
            self.published = dates.make_iso(year, a, b)
        else:
            self.published = dates.make_iso(year, b, a)

    def note_copyright(self, who: str) -> None:
        who = re.split(r"\.\s|\ball rights reserved\b", re.sub(r"^\d{4}\s+", "", who), flags=re.IGNORECASE)[0]
        holder = _agency_in(who, self._agencies)
        if holder and not self.agency:
            self.agency = holder.title() if holder.isupper() else holder


def _agency_in(who: str, agencies: Sequence[str]) -> str | None:
    """The news organisation a byline, source or copyright line names, never its reporter.

    "Selin Karaca / Anadolu" gives "Anadolu"; "By Selin Karaca" gives None. An organisation
    is a name of ``agencies`` (ontology/agencies.ttl), a wire name in capitals ("AFP",
    "NNN-MERCOPRESS"), a name in parentheses, or one capitalised word ("Reuters"); a part
    like "Selin Karaca" or "Special Correspondent" may be a person, and is never taken.
    """
    who = " ".join(who.split()).strip(" .-|")
    known = max(_agency_names(tuple(agencies)).finditer(who), key=lambda m: len(m.group()), default=None)
    if known is not None:
        rest = who[: known.start()] + " / " + who[known.end() :]
        return who if all(_is_wire_name(*part) for part in _byline_parts(rest)) else known.group()
    parts = _byline_parts(who)
    named = [text for text, bracketed in parts if _is_wire_name(text, bracketed) or _ONE_NAME.fullmatch(text)]
    return who if named and len(named) == len(parts) else (named[0] if named else None)


@functools.cache
def _agency_names(agencies: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``agencies`` as whole words; a name in capitals only in capitals."""
    names = sorted(agencies, key=len, reverse=True)
    alternatives = [re.escape(n) if n.isupper() else f"(?i:{re.escape(n)})" for n in names if n.strip()]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])" if alternatives else r"(?!)")


def _byline_parts(who: str) -> list[tuple[str, bool]]:
    """The names a byline joins ("X / Y", "X, Y", "X for Y", "X (Y)"), each with whether it
    stood in parentheses."""
    bracketed = [(part.strip(), True) for part in re.findall(r"\(([^()]*)\)", who) if part.strip()]
    outside = _BYLINE_SEPARATORS.split(re.sub(r"\([^()]*\)", " / ", who))
    return [(part, False) for part in (p.strip(" .") for p in outside) if part] + bracketed


def _is_wire_name(text: str, bracketed: bool) -> bool:
    return bracketed or (_CAPITALS.fullmatch(text) is not None and sum(c.isalpha() for c in text) >= 2)


def _date_in(text: str) -> str | None:
    """A full date written in a header line, in any of the usual forms."""
    match = _PUBLISHED.search(text)
    if match:
        if match.group("iso"):
            return dates.iso_or_none(match.group("iso"))
        if match.group("md"):
            return dates.make_iso(
                int(match.group("y1")), dates.month_number(match.group("m1")), int(match.group("d1"))
            )
        return dates.make_iso(
            int(match.group("y2")), dates.month_number(match.group("m2")), int(match.group("d2"))
        )
    match = _SLASH_ISO.search(text)
    if match:
        return dates.make_iso(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    match = _NUMERIC_DATE.search(text)
    if match:
        a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
        if match.group("sep") == "." or a > 12:
            return dates.make_iso(year, b, a)  # day first: "10.02.2025", "25/12/2024"
        if b > 12:
            return dates.make_iso(year, a, b)  # month first: "12/25/2024"
        return None  # "11/02/2025" could be either; the dateline may tell
    return None


def _is_noise(text: str, meta: _Metadata) -> bool:
    copyright_match = _COPYRIGHT.match(text)
    if copyright_match:
        meta.note_copyright(copyright_match.group("who"))
        return True
    if _EDITORIAL.match(text) or _URLISH.match(text):
        return True
    tokens = text.split()
    letters = [w for w in words(text)]
    if not letters:
        return True  # counters, separators
    if len(_GLUED.findall(text)) >= 2 and not text.rstrip().endswith((".", "?", "!")):
        return True  # glued tag lines: "PoliticsInternational RelationsUs Politics"
    if " ".join(letters) in _BOILERPLATE or _BREADCRUMB.search(" " + text):
        return True  # share widgets, "Home > World > Asia" navigation
    if not is_english(text) or latin_share(text) < 0.9:
        return True  # another language, or a site name in another script
    if len(tokens) <= 3 and not text.endswith((".", "?", "!", '"', "”")):
        return True  # menu items, section names, site names
    return False


def _is_headline(text: str) -> bool:
    if latin_share(text) < 1.0:
        return False  # a site name in another script, not the article's headline
    tokens = text.split()
    if not 3 <= len(tokens) <= 25 or text.endswith(("?", ":")):
        return False
    if text.endswith(".") and not text.endswith(("Amb.", "U.S.", "U.K.")):
        return False
    return True
