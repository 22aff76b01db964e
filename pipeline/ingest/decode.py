"""Bytes in, article text out: encodings, binary files and HTML pages.

Scraped input arrives in any encoding, sometimes as a whole HTML page, sometimes as
an image saved under a .txt name. Each case either gives text or a reason a person
understands; nothing raises.

How bytes become text, in order:

1. known binary signatures (PNG, JPEG, PDF, ZIP, ...) → skipped, named;
2. a byte order mark → UTF-8/16/32 as it says;
3. NUL bytes: UTF-16 without a BOM when they sit in every other byte, else binary
   when there are many (a stray NUL in a text file is only noise);
4. UTF-8, tolerating a few stray Windows-1252 bytes inside otherwise valid UTF-8
   (a curly quote pasted from a word processor);
5. Windows-1252 (a superset of Latin-1 for printable text) when it reads as Western
   text, else charset detection on a bounded sample (Cyrillic, Greek, ... legacy pages);
6. text that is still mostly control characters → skipped as binary.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import charset_normalizer

# trafilatura logs the pages it cannot parse; the skip reason says so instead ("no text: …").
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("trafilatura").propagate = False

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"RIFF", "a RIFF media file (WAV, AVI or WebP)"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 1 << 16  # bytes looked at to classify a file; decoding itself reads all of it
_FEW = 8  # this many stray NULs or control characters are noise in a text, not a sign of binary
_HTML_START = re.compile(r"^\s*(<!doctype\s+html|<html\b|<head\b|<body\b|<meta\b)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_WESTERN_FALLBACK = "cp1252"
# Detected names that are almost always Western text misread by detection.
_WESTERN_SIBLINGS = frozenset(
    {"latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1257", "mac_roman", "cp775", "cp850", "cp852"}
)
_STRAY_BYTES = "dipkg-cp1252-stray-bytes"


def _stray_bytes_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as Windows-1252."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode(_WESTERN_FALLBACK, errors="replace"), error.end


codecs.register_error(_STRAY_BYTES, _stray_bytes_as_cp1252)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, or why there is none."""

    text: str | None
    encoding: str
    reason: str | None = None


def decode(raw: bytes) -> Decoded:
    """Decode an input file's bytes; HTML pages are reduced to their text."""
    if not raw:
        return Decoded(None, "", "empty file (0 bytes)")
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return Decoded(None, "", f"binary file: looks like {what}, not text")
    text, encoding = _to_text(raw)
    if text is None or _mostly_control(text[:_SAMPLE]):
        return Decoded(None, encoding, "binary file: not text in any known encoding")
    if _HTML_START.match(text[:512]) or _looks_like_html(text):
        text = html_to_text(text)
        encoding += "+html"
    # Control characters break downstream tools and are never content.
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        if encoding.endswith("+html"):
            return Decoded(
                None, encoding, "no text: the HTML page has no readable text outside scripts and menus"
            )
        return Decoded(None, encoding, "no text: the file holds only whitespace")
    return Decoded(text, encoding)


def _to_text(raw: bytes) -> tuple[str | None, str]:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError:
                return None, encoding
    sample = raw[:_SAMPLE]
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16 is not None:
            return raw.decode(utf16, errors="replace"), utf16
        if sample.count(0) > max(_FEW, len(sample) // 100):
            return None, ""
    return _utf8_or_legacy(raw)


def _utf16_without_bom(sample: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when NULs fill every other byte (ASCII-range UTF-16)."""
    even, odd = sample[0::2], sample[1::2]
    if not odd:
        return None
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _utf8_or_legacy(raw: bytes) -> tuple[str, str]:
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = raw.decode("utf-8", errors=_STRAY_BYTES)
    strict = raw.decode("utf-8", errors="ignore")
    # Legacy text almost never holds a valid multi-byte UTF-8 sequence by chance: one
    # is a sign of UTF-8 with a few cp1252 bytes pasted in (curly quotes, dashes).
    valid_non_ascii = sum(1 for char in strict if ord(char) > 0x7F)
    stray = len(raw) - len(strict.encode("utf-8"))
    if valid_non_ascii and 4 * valid_non_ascii >= stray:
        return mixed, "utf-8+cp1252"
    try:
        western = raw.decode(_WESTERN_FALLBACK)
    except UnicodeDecodeError:
        western = None
    if western is not None and _reads_as_western(western[:_SAMPLE]):
        return western, _WESTERN_FALLBACK
    match = charset_normalizer.from_bytes(raw[:_SAMPLE]).best()
    if match is not None and match.encoding not in _WESTERN_SIBLINGS | {"utf_8", "ascii"}:
        try:
            return raw.decode(match.encoding, errors="replace"), match.encoding
        except LookupError:
            pass
    return raw.decode(_WESTERN_FALLBACK, errors="replace"), _WESTERN_FALLBACK


def _reads_as_western(text: str) -> bool:
    """True when non-ASCII letters sit inside Latin words ("Zürich", "café").

    Cyrillic or Greek bytes read as Windows-1252 give runs of accented letters
    ("Ìèíèñòð"); Western text has them one or two at a time among ASCII letters.
    """
    letters = [i for i, char in enumerate(text) if ord(char) > 0x7F and char.isalpha()]
    if not letters:
        return True
    if any("LATIN" not in unicodedata.name(text[i], "") for i in letters[:2000]):
        return False
    adjacent = sum(
        1
        for i in letters
        if (i > 0 and ord(text[i - 1]) > 0x7F) or (i + 1 < len(text) and ord(text[i + 1]) > 0x7F)
    )
    return adjacent <= 0.5 * len(letters)


def _mostly_control(sample: str) -> bool:
    """More than 5 % control or replacement characters: binary data read as text."""
    bad = sum(1 for char in sample if char == "\ufffd" or (_CONTROL.match(char) and char not in "\t\n\r\f"))
    return bad > max(_FEW, 0.05 * len(sample))


def _looks_like_html(text: str) -> bool:
    head = text[:4096].lower()
    return head.count("<p>") + head.count("<p ") + head.count("<div") + head.count("<br") >= 3


# trafilatura's element tree: the elements that hold a block of text (a line of ours).
_BLOCKS = frozenset({"head", "p", "item", "cell", "quote", "code", "lb"})


def html_to_text(page: str) -> str:
    """The article text of an HTML page, one line per block, the page's title first.

    trafilatura finds the article: scripts, styles, menus, headers, footers, asides, share
    widgets, related links and comments are dropped. Its text output unescapes character
    references a second time (a literal "&lt;b&gt;" in the article would become "<b>"), so
    the lines are read from its element tree instead.
    """
    import trafilatura  # imported when a page comes: most inputs are plain text

    tree = trafilatura.load_html(page)
    if tree is None:
        return ""
    parts = [tree.findtext(".//title") or "", "\n"]  # read first: extraction prunes the tree
    document = trafilatura.bare_extraction(
        tree, fast=True, favor_precision=True, include_comments=False, include_tables=True
    )
    body = getattr(document, "body", None)
    if body is not None:
        _block_text(body, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _block_text(element: Any, parts: list[str]) -> None:
    block = element.tag in _BLOCKS
    if block:
        parts.append("\n")
    parts.append(element.text or "")
    for child in element:
        _block_text(child, parts)
    if block:
        parts.append("\n")
    parts.append(element.tail or "")
