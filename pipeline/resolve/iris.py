"""Instance IRIs, minted from content: same input and configuration, same IRIs.

Only ``[a-z0-9-]`` (and ISO codes in capitals) ever reach an IRI, whatever the input
text holds, so every IRI is safe unescaped in any RDF syntax.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from pipeline.vocab import ROLE_IRI

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 60


def digest(*parts: str, length: int = 10) -> str:
    """Short hex digest of parts (joined unambiguously)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


@functools.lru_cache(maxsize=1 << 16)  # names and titles recur across a corpus's entities
def slugify(text: str) -> str:
    """ASCII, lower-case, hyphenated; a digest when nothing readable is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")[:_MAX_SLUG].strip("-")
    return slug or "x" + digest(text, length=12)


class Minter:
    """Builds instance IRIs under one base IRI."""

    def __init__(self, base: str) -> None:
        self.base = base

    def person(self, slug: str) -> str:
        return f"{self.base}person/{slug}"

    def country(self, code: str) -> str:
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise ValueError(f"not an ISO 3166-1 alpha-2 code: {code!r}")
        return f"{self.base}country/{code}"

    def organization(self, code: str) -> str:
        if not re.fullmatch(r"[A-Z]{2,12}", code):
            raise ValueError(f"not an organization code: {code!r}")
        return f"{self.base}organization/{code}"

    def office(self, slug: str) -> str:
        return f"{self.base}office/{slug}"

    def holding(self, slug: str) -> str:
        return f"{self.base}holding/{slug}"

    def meeting(self, slug: str) -> str:
        return f"{self.base}meeting/{slug}"

    def article(self, content_hash: str) -> str:
        return f"{self.base}article/{_hex(content_hash)[:16]}"

    def evidence(self, content_hash: str, start: int, end: int) -> str:
        return f"{self.base}evidence/{_hex(content_hash)[:16]}-{start}-{end}"

    def role(self, slug: str) -> str:
        return f"{ROLE_IRI}{slug}"


def _hex(content_hash: str) -> str:
    value = content_hash.removeprefix("sha256:")
    if not re.fullmatch(r"[0-9a-f]{16,64}", value):
        raise ValueError(f"not a sha256 content hash: {content_hash!r}")
    return value
