"""Bytes in, article text out: encodings, binary files and HTML pages.

Scraped input arrives in any encoding, sometimes as a whole HTML page, sometimes as
an image saved under a .txt name. Each case either gives text or a reason a person
understands; nothing raises.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import charset_normalizer

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html\b|<head\b|<body\b|<meta\b)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
    if text is None:
        return Decoded(None, encoding, "binary file: not text in any known encoding")
    if _HTML_START.match(raw[:512]) or _looks_like_html(text):
        text = html_to_text(text)
        encoding += "+html"
    # Control characters break downstream tools and are never content.
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        return Decoded(None, encoding, "no text: the file holds only whitespace")
    return Decoded(text, encoding)


def _to_text(raw: bytes) -> tuple[str | None, str]:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError:
                return None, encoding
    if b"\x00" in raw[:4096]:
        # UTF-16 without a BOM shows NULs in every other byte; anything else is binary.
        match = charset_normalizer.from_bytes(raw[:65536]).best()
        if match is not None and match.encoding.startswith("utf_16"):
            return raw.decode(match.encoding, errors="replace"), match.encoding
        return None, ""
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    match = charset_normalizer.from_bytes(raw).best()
    if match is not None and match.encoding not in ("utf_8",):
        encoding = match.encoding
        # Western news text in a legacy encoding is nearly always cp1252 (a superset of
        # latin-1 for printable text); charset detection often names a sibling.
        if encoding in ("latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1257", "mac_roman"):
            encoding = "cp1252"
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return raw.decode("cp1252", errors="replace"), "cp1252"


def _looks_like_html(text: str) -> bool:
    head = text[:4096].lower()
    return head.count("<p>") + head.count("<div") + head.count("<br") >= 3


class _TextExtractor(HTMLParser):
    """Keeps the text of an HTML page's content, one line per block element."""

    _SKIP = frozenset(
        {
            "script",
            "style",
            "noscript",
            "nav",
            "header",
            "footer",
            "aside",
            "form",
            "svg",
            "template",
        }
    )
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "article",
            "section",
            "title",
            "blockquote",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip_depth:
            self._skip_depth -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(page: str) -> str:
    """The readable text of an HTML page: scripts, styles and navigation dropped."""
    extractor = _TextExtractor()
    extractor.feed(page)
    extractor.close()
    lines = (" ".join(html.unescape(line).split()) for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)
