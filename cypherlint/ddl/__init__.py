"""Neo4j schema statements -> the ArcadeDB SQL that works.

``translate.py`` reads one statement into a plan and renders it; ``script.py`` turns a whole file
into one ordered, idempotent script (``cypherlint ddl``); ``hints.py`` reads property types and
index names from a TOML file or from ``// cypherlint: ...`` comments; ``vector.py`` rewrites
``db.index.vector.queryNodes`` calls.

ArcadeDB SQL pitfalls the translation avoids (each measured on 26.2.1, 26.3.2, 26.5.1, 26.7.2
and 26.10.2 with arcadedb-embedded):

* ``CREATE INDEX ... ON T (p)`` without ``UNIQUE`` / ``NOTUNIQUE`` / ``FULL_TEXT`` / ``LSM_VECTOR``
  is a NullPointerException up to 26.5.1 and a parse error later: every index names its kind.
* ``CREATE INDEX`` before ``CREATE VERTEX TYPE``, or on a property that was never declared, fails
  ("Type ... was not found", "property does not exist"), with or without ``IF NOT EXISTS``: the
  type, then the property, then the index.
* ``CREATE INDEX IF NOT EXISTS`` on a property list that already has an index of another kind
  silently keeps the old index up to 26.7.2 (a UNIQUE constraint after a plain index is lost) and
  raises on 26.10.2: one index per property list, UNIQUE preferred, the conflict noted.
* ``ALTER PROPERTY`` and ``DROP PROPERTY ... IF EXISTS`` fail on a missing property (26.2.1–26.7.2):
  ALTER only follows a ``CREATE PROPERTY ... IF NOT EXISTS`` of the same property.
* ``CREATE PROPERTY ... IF NOT EXISTS T (MANDATORY true)`` does nothing when the property exists, so
  NOT NULL is ``ALTER PROPERTY T.p MANDATORY true`` + ``NOTNULL true`` after the declaration.
* ``unique`` is reserved (``SELECT name, unique FROM schema:indexes`` and ``WHERE unique = true``
  are parse errors): constraints are listed with ``SELECT FROM schema:indexes WHERE ... AND
  `unique` = true``.
* 138 words (``select``, ``from``, ``match``, ``unique``, ``order`` is fine, ...) cannot be bare type
  or property names: they are backticked (``sqlnames.SQL_RESERVED``).
* Several statements in one ``sql`` command are a parse error: the script is for ``sqlscript``.
* Index names: SQL-created indexes are ``Type[prop]`` (``Type[a,b]`` for composites) on every
  release, so DROP uses that name, found through the CREATE that defined the Neo4j name.
"""

from cypherlint.ddl.translate import Translation, translate_index

__all__ = ["Translation", "translate_index"]
