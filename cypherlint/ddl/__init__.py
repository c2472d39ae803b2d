"""Neo4j schema statements -> the ArcadeDB SQL that works (see translate.py)."""

from cypherlint.ddl.translate import Translation, translate_index

__all__ = ["Translation", "translate_index"]
