"""The project's exception tree. Only ``pipeline.cli`` turns these into exit codes.

PipelineError
 ├── ConfigError          bad settings or command-line values
 ├── ModelNotFoundError   no spaCy English model installed
 ├── OntologyError        ontology/ or shapes/ unreadable or inconsistent
 ├── InputError           the input folder itself is unusable (not a single file)
 ├── StoreError           triplestore load or query failed
 ├── EvaluationError      a gold file or a graph to score is unreadable
 └── NonConformingGraphError   the graph does not conform to the shapes
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


class NonConformingGraphError(PipelineError):
    def __init__(self, message: str, *, summary: str) -> None:
        super().__init__(message)
        self.summary = summary
