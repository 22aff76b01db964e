"""Ingest: bytes in, articles out.

Decoding (any encoding, HTML pages reduced to text), the language check, dates in the
text, and article parsing: metadata (date, agency, dateline, title), page noise removed,
sentences with offsets into the text (``sentences``); ``input_files`` reads a shard's
files (size, hash, parse). Plain functions; the records are in ``pipeline.records``.
"""

from pipeline.ingest.decode import Decoded, decode
from pipeline.ingest.parse import parse_file, parse_text

__all__ = ["Decoded", "decode", "parse_file", "parse_text"]
