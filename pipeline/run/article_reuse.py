"""Extractions of articles that an earlier shard already extracted, with the same code.

An article's extraction depends on the article alone (its file's name and bytes) and on
the code, the model, the ontology and the parse settings. When a file is added to a
corpus, its shard's other articles were extracted before, in the shard they were in then:
their lines are taken from that shard's target instead of running spaCy again. Each
extract target has an index beside it (the files it holds), under a folder named by the
fingerprint of everything else an extraction depends on, so only targets made the same
way are searched.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from pipeline import records
from pipeline.files import write_bytes_atomically
from pipeline.records import ArticleExtraction, ParsedArticle

ArticleId = tuple[str, str]  # (source file, content hash)


def article_id(article: ParsedArticle) -> ArticleId:
    return article.source.source_file, article.source.content_hash


def write_index(folder: Path, extract_key: str, articles: Iterable[ParsedArticle]) -> None:
    """Record which articles the target ``extract_key`` holds."""
    ids = sorted(article_id(a) for a in articles)
    write_bytes_atomically(folder / f"{extract_key}.json", json.dumps(ids).encode("utf-8"))


def earlier_lines(
    folder: Path, extract_dir: Path, extract_key: str, wanted: Sequence[ParsedArticle]
) -> dict[ArticleId, str]:
    """The extraction lines of the ``wanted`` articles that other targets in ``extract_dir``
    hold (as their indexes in ``folder`` say), by article; a target or index that cannot
    be read is passed over (its articles are extracted again)."""
    missing = {article_id(a) for a in wanted}
    found: dict[ArticleId, str] = {}
    for index in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        if index.stem == extract_key or not missing:
            continue
        try:
            held = {(name, digest) for name, digest in json.loads(index.read_text(encoding="utf-8"))}
        except (OSError, ValueError, TypeError):
            continue
        if not held & missing:
            continue
        target = extract_dir / f"{index.stem}.jsonl"
        try:
            with target.open(encoding="utf-8") as handle:
                for line in handle:
                    source = json.loads(line)["article"]["source"]
                    key = (source["source_file"], source["content_hash"])
                    if key in missing:
                        found[key] = line if line.endswith("\n") else line + "\n"
                        missing.discard(key)
        except (OSError, ValueError, KeyError, TypeError):
            continue  # a target removed since, or damaged: extract those again
    return found


def extraction_lines(
    articles: Sequence[ParsedArticle],
    earlier: dict[ArticleId, str],
    extract: Callable[[list[ParsedArticle]], Iterator[ArticleExtraction]],
) -> Iterator[str]:
    """The target's lines, in the shard's order: an earlier line where there is one, else
    the extraction ``extract`` makes of the articles that have none (called once, on those)."""
    to_extract = [a for a in articles if article_id(a) not in earlier]
    fresh = extract(to_extract) if to_extract else iter(())
    for article in articles:
        line = earlier.get(article_id(article))
        yield line if line is not None else records.to_json(next(fresh).without_text()) + "\n"
