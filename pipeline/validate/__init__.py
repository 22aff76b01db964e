"""Validate: the graph against ``shapes/`` with SHACL.

``compiled`` is the validator the pipeline runs (compiled from the shapes, checks over an
indexed graph; ``components`` holds the SHACL core constraints), ``parts`` runs it on a
large graph part by part, each part cached by content, ``split`` writes those parts to
disk so that memory holds one at a time, and ``graph_file`` gives a graph
file's verdict (the record the run reports) and report; ``pyshacl_reference`` has the
typed results and pySHACL, the reference the tests compare against.
"""

from pipeline.validate.parts import validate_in_parts
from pipeline.validate.pyshacl_reference import ValidationOutcome, Violation, validate

__all__ = ["ValidationOutcome", "Violation", "validate", "validate_in_parts"]
