"""Run Apache Jena (Debian's libapache-jena-java) from tests: classpath and its one workaround.

Debian ships Jena as jars only (no ``shacl``/``riot`` commands), so tests run their own
small Java programs with the single-file launcher. Debian's 4.5 package has a packaging
bug: the bundled Xerces classes were moved to the package ``xerces.*`` but their message
bundles (``*.properties``) were left under ``org/apache/jena/ext/xerces/``, and Jena dies at
start-up (``XSSimpleTypeDecl.applyFacets1: internal error``). We copy those bundles to the
place the classes look for them, in a folder of our own put first on the classpath;
nothing under /usr is changed.

The classpath names jars one by one: ``/usr/share/java/*`` would also pull in other
packages' SLF4J bindings, and two bindings abort start-up.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

JAVA_DIR = Path("/usr/share/java")
HERE = Path(__file__).resolve().parent
_MOVED_BUNDLES = "org/apache/jena/ext/"
# Jena's runtime dependencies, by their Debian unversioned jar names; one SLF4J binding.
_DEPENDENCIES = (
    "slf4j-api",
    "slf4j-simple",
    "commons-cli",
    "commons-codec",
    "commons-compress",
    "commons-csv",
    "commons-io",
    "commons-lang3",
    "dexx.collection",
    "gson",
    "httpclient",
    "httpcore",
    "jackson-annotations",
    "jackson-core",
    "jackson-databind",
    "jakarta.json-api",
    "jsonld-java",
    "titanium-json-ld",
    "protobuf",
    "thrift",
    "guava",
    "failureaccess",
)
INSTALL_HINT = "apt-get install libapache-jena-java (and a Java 17 runtime)"


@dataclass(frozen=True)
class Jena:
    """A ready classpath for Debian's Jena."""

    java: str
    classpath: str

    def run(self, program: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Run one of the Java programs in tests/tools/ with the Jena classpath."""
        command = [self.java, "-Xss4m", "-cp", self.classpath, str(HERE / program), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)

    def command(self, main_class: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Run one of Jena's own commands by its main class (``tdb2.tdbloader``…)."""
        command = [self.java, "-cp", self.classpath, main_class, *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def missing() -> str | None:
    """Why Jena cannot run here (a one-line reason naming the package), or None."""
    if shutil.which("java") is None:
        return f"java is not installed: {INSTALL_HINT}"
    if not (JAVA_DIR / "jena-core.jar").is_file() or not (JAVA_DIR / "jena-shacl.jar").is_file():
        return f"Apache Jena is not installed: {INSTALL_HINT}"
    return None


def find_jena(shim_dir: Path) -> Jena:
    """The Jena classpath, its bundle workaround written under ``shim_dir``."""
    java = shutil.which("java")
    assert java is not None and missing() is None, missing()
    _write_shim(shim_dir)
    jars = [p for p in sorted(JAVA_DIR.glob("jena-*.jar")) if not _is_versioned(p)]
    jars += [JAVA_DIR / f"{name}.jar" for name in _DEPENDENCIES if (JAVA_DIR / f"{name}.jar").is_file()]
    return Jena(java, ":".join([str(shim_dir), *map(str, jars)]))


def _is_versioned(jar: Path) -> bool:
    """Debian installs jena-core-4.5.0.jar and its unversioned link jena-core.jar: keep one."""
    return jar.stem.rsplit("-", 1)[-1][:1].isdigit()


def _write_shim(shim_dir: Path) -> None:
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
        names = set(jar.namelist())
        if "xerces/impl/xpath/regex/message.properties" in names:
            return  # a Jena without the packaging bug
        for name in names:
            if name.startswith(_MOVED_BUNDLES + "xerces/") and name.endswith(".properties"):
                target = shim_dir / name[len(_MOVED_BUNDLES) :]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
