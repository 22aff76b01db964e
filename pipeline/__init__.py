"""diplomacy-kg: diplomacy news in, a validated knowledge graph out."""

__version__ = "0.1.0"
