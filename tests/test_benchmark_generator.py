"""The benchmark's article generator: deterministic, and varied the way real input is."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Namespace

from benchmarks._vocabulary import read_vocabulary
from benchmarks.corpus_stats import noise_lines, title_pattern
from benchmarks.generate import (
    ARTICLES,
    MANIFEST,
    REAL_NEWS,
    Article,
    Generator,
    fingerprint_inputs,
    write_corpus,
)
from pipeline.config import PROJECT_ROOT
from pipeline.ingest.parse import parse_text
from pipeline.records import InputFile

SAMPLE = 80
DIP = Namespace("https://w3id.org/dipkg/ontology#")


@pytest.fixture(scope="module")
def generator() -> Generator:
    return Generator(seed=11)


@pytest.fixture(scope="module")
def sample(generator: Generator) -> list[Article]:
    return [generator.article(i) for i in range(SAMPLE)]


def _text(article: Article) -> str:
    return article.data.decode("utf-8-sig" if article.encoding != "cp1252" else "cp1252")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / ARTICLES).iterdir())}


def test_benchmark_generator_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    write_corpus(25, tmp_path / "here", seed=3)
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    code = f"from benchmarks.generate import write_corpus; from pathlib import Path; write_corpus(25, Path({str(tmp_path / 'there')!r}), seed=3)"
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=env, check=True)
    assert _files(tmp_path / "here") == _files(tmp_path / "there")
    assert (tmp_path / "here" / MANIFEST).read_bytes() == (tmp_path / "there" / MANIFEST).read_bytes()


def test_benchmark_generator_article_depends_only_on_seed_and_index(generator: Generator) -> None:
    fresh = Generator(seed=11)
    assert fresh.article(17) == generator.article(17)  # fresh: article 17 first, no cache warmed
    assert Generator(seed=12).article(17).data != generator.article(17).data


def test_benchmark_generator_smaller_corpus_is_a_prefix(tmp_path: Path) -> None:
    write_corpus(12, tmp_path / "small", seed=5)
    write_corpus(20, tmp_path / "large", seed=5)
    small, large = _files(tmp_path / "small"), _files(tmp_path / "large")
    assert small == {name: large[name] for name in small}
    manifest = json.loads((tmp_path / "large" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["articles"] == len(large) == 20
    assert sum(manifest["by_style"].values()) == 20
    assert manifest["words"] == sum(len(data.split()) for data in large.values())


def test_benchmark_generator_extra_article_is_new_and_sorts_inside(
    generator: Generator, sample: list[Article]
) -> None:
    extra = generator.extra_article(SAMPLE)
    names = sorted(a.name for a in sample)
    assert extra.name not in names
    assert names[0] < extra.name < names[-1]
    assert extra.data not in {a.data for a in sample}


def test_benchmark_generator_lengths_follow_real_news(sample: list[Article]) -> None:
    real = json.loads(REAL_NEWS.read_text(encoding="utf-8"))["measures"]["words"]
    english = [a.words for a in sample if a.english]
    assert all(80 <= words <= 800 for words in english)
    assert 0.8 * real["p50"] <= statistics.median(english) <= 1.2 * real["p50"]
    assert statistics.mean(a.meetings for a in sample if a.english) >= 1.5


def test_benchmark_generator_vocabulary_is_its_own_not_the_extractors() -> None:
    extractor = Graph().parse(PROJECT_ROOT / "ontology" / "roles.ttl", format="turtle")
    extractor_forms = {str(o).lower() for o in extractor.objects(None, DIP.titleForm)}
    forms = {f.lower() for t in read_vocabulary().titles for f in t.forms}
    assert len(forms - extractor_forms) >= 10, "titles the extractor does not know, as in real news"
    assert not any("ontology" in str(p) for p in fingerprint_inputs())


def test_benchmark_generator_variety(sample: list[Article]) -> None:
    assert len({a.style for a in sample}) >= 12
    assert len({a.kind for a in sample}) >= 6
    kinds = Counter(a.kind for a in sample)
    assert kinds["talks"] < SAMPLE / 2  # not one template
    assert any(not a.dated for a in sample)
    assert any(a.planned for a in sample)
    assert any(a.noise_lines for a in sample)
    assert any(a.follow_up for a in sample)


def test_benchmark_generator_names_from_many_cultures(sample: list[Article]) -> None:
    names = [name for a in sample for name in a.participants]
    assert len(set(names)) > SAMPLE
    assert any(re.search(r"[^\x00-\x7f]", n) for n in names), "accented letters"
    assert any(re.search(r"\b(?:Al-|Al |van |de |da |dos |von )", n) for n in names), "particles"
    assert any(re.search(r"\w-\w", n) for n in names), "hyphenated names"
    texts = " ".join(_text(a) for a in sample)
    assert re.search(r"\b[A-Z]\. [A-Z][a-z]+", texts), "initials such as 'S. Kumar'"


def test_benchmark_generator_datelines_relative_dates_and_noise(sample: list[Article]) -> None:
    texts = [_text(a) for a in sample]
    joined = "\n".join(texts)
    assert "(MENAFN- " in joined
    assert re.search(r"\n[A-Z][A-Za-z ]+, [A-Z][a-z]+ \d{1,2} \((?:IANS|ANI|PTI)\)", joined)
    assert re.search(r"\((?:dpa|ANTARA|AP|Reuters|AFP|Xinhua|Yonhap)\)", joined)
    assert re.search(
        r"\b(?:yesterday|today|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b", joined
    )
    assert re.search(r"\b(?:met|held talks with|spoke by phone with|received|called on)\b", joined)
    assert re.search(r"[“\"][A-Z][^\"”]+[,.][”\"]", joined), "quotations"
    assert "©" in joined or "(c)" in joined
    assert re.search(r"[a-z]{2}[A-Z][a-z]+[A-Z][a-z]", joined), "glued tag lines"


def test_benchmark_generator_articles_read_as_english_by_the_parser(sample: list[Article]) -> None:
    parsed = [parse_text(InputFile(a.name, "sha256:0", len(a.data)), _text(a)) for a in sample if a.english]
    kept = [p for p in parsed if p.article is not None]
    assert len(kept) >= 0.95 * len(parsed)
    assert sum(len(p.article.sentences) for p in kept if p.article) > 10 * len(kept)


def test_benchmark_real_news_distributions_hold_numbers_only() -> None:
    data = json.loads(REAL_NEWS.read_text(encoding="utf-8"))
    assert set(data["measures"]) >= {"words", "entities", "persons", "meetings", "sentence_words"}
    for summary in data["measures"].values():
        assert all(isinstance(v, int | float) for v in summary.values()), summary
    texts = [v for v in data.values() if isinstance(v, str)] + list(data["sources"])
    assert all(len(t.split()) < 12 for t in texts), "no article text, only numbers and names of folders"


def test_benchmark_corpus_stats_counts_noise_lines_and_titles() -> None:
    page = "Home | World | Sport\nShare 12\n\nThe minister met the Prime Minister in the capital on Monday, officials said.\n"
    assert noise_lines(page) == 2
    assert len(title_pattern().findall(page)) == 2
