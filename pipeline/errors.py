"""The project's exception tree. Only ``pipeline.cli`` turns these into exit codes.

PipelineError
 ├── ConfigError          bad settings or command-line values
 ├── ModelNotFoundError   no spaCy English model installed
 ├── OntologyError        ontology/ or shapes/ unreadable or inconsistent
 ├── InputError           the input folder itself is unusable (not a single file)
 ├── StoreError           triplestore load or query failed
 ├── EvaluationError      a gold file or a graph to score is unreadable
 ├── OutputInUseError     another run holds the output folder
 ├── TaskFailedError      a task of the chain failed (its traceback in ``details``)

``one_line`` words any exception, these or the file system's, as the line a user reads.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base of every error this package raises on purpose."""


class ConfigError(PipelineError):
    pass


class ModelNotFoundError(PipelineError):
    pass


class OntologyError(PipelineError):
    pass


class InputError(PipelineError):
    pass


class StoreError(PipelineError):
    pass


class EvaluationError(PipelineError):
    pass


class OutputInUseError(PipelineError):
    pass


class TaskFailedError(PipelineError):
    def __init__(self, message: str, *, details: str = "") -> None:
        super().__init__(message)
        self.details = details


def one_line(exc: BaseException) -> str:
    """The exception as one line: a file-system error names its file and what went wrong;
    the line breaks of a longer message (a parser's context, a server's log) become spaces."""
    if isinstance(exc, OSError) and exc.strerror:
        files = " → ".join(str(name) for name in (exc.filename, exc.filename2) if name is not None)
        text = f"{files}: {exc.strerror}" if files else exc.strerror
    elif isinstance(exc, PipelineError):
        text = str(exc)
    else:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return " ".join(text.split())
