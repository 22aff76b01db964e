"""IRI minting: deterministic, readable, and safe whatever the input holds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.resolve.iris import Minter, digest, slugify

SAFE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_iris_slugify_readable() -> None:
    assert slugify("Shigeru Ishiba") == "shigeru-ishiba"
    assert slugify("Rogério Moura") == "rogerio-moura"
    assert slugify("  Al-Enezi, Talal ") == "al-enezi-talal"


@given(st.text())
def test_iris_slugify_only_safe_characters(text: str) -> None:
    slug = slugify(text)
    assert SAFE.match(slug), slug
    assert slugify(text) == slug


def test_iris_minter_paths() -> None:
    mint = Minter("https://example.org/kg/")
    assert mint.person("shigeru-ishiba") == "https://example.org/kg/person/shigeru-ishiba"
    assert mint.country("JP") == "https://example.org/kg/country/JP"
    assert mint.article("sha256:" + "ab" * 32) == "https://example.org/kg/article/" + "ab" * 8
    with pytest.raises(ValueError):
        mint.country("Japan")
    with pytest.raises(ValueError):
        mint.article("sha256:<script>")


def test_iris_digest_is_stable_and_unambiguous() -> None:
    assert digest("a", "bc") == digest("a", "bc")
    assert digest("a", "bc") != digest("ab", "c")
