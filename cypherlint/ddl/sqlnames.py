"""Names as ArcadeDB SQL writes them: types, properties and the index names ArcadeDB derives.

ArcadeDB SQL rejects some words as bare type or property names. The set below was measured, not
copied from a grammar: every keyword of the SQL lexers shipped in arcadedb-embedded 26.2.1,
26.3.2, 26.5.1, 26.7.2 and 26.10.2 was tried as a bare type name, property name and index column
(``CREATE VERTEX TYPE W``, ``CREATE PROPERTY W.W``, ``CREATE INDEX ON W (W)``, ``CREATE EDGE TYPE``)
and these are the ones that failed on at least one release. Common words such as ``name``,
``type``, ``value``, ``count`` or ``date`` work bare and stay bare.
"""

from __future__ import annotations

import re

SQL_RESERVED = frozenset(
    """
    ADDBUCKET AFTER ALIASES ALIGN ALL ALTER AND APPLY ASC BACKUP BATCH BEFORE BEGIN BETWEEN
    BREADTH_FIRST BREAK BUCKET BUCKETS BUCKETSELECTIONSTRATEGY BY CASE CHECK COLLATE COMMIT COMPRESS
    CONSOLE CONTAINS CONTAINSALL CONTAINSANY CONTAINSKEY CONTAINSTEXT CONTAINSVALUE CONTINUE CREATE
    DATABASE DEFAULTS DEFINE DEFINED DELETE DEPTHALIAS DEPTH_FIRST DESC DISTINCT DROP ELSE END ENGINE
    EXCEPTION EXECUTE EXISTS EXPLAIN EXPORT EXTENDS FAIL FALSE FIND FIX FOR FORCE FOREACH FROM
    FULL_TEXT FUNCTION GLOBAL GRANT IDENTIFIED ILIKE IMPORT INCREMENT INSERT INSTANCEOF INTO INVERSE IS
    ISOLATION ITEM LET LIKE LOCK MATCH MATCHES MAXDEPTH MERGE MINDEPTH MOVE NEAR NONE NOT NOTUNIQUE NULL
    NULL_STRATEGY OF OFF OFFSET ON OPTIMIZE OPTIONAL OR OVERWRITE PAGESIZE PARALLEL PARAMETERS PATHALIAS
    POLYMORPHIC PROPERTY PUT READ REBUILD RECORD REMOVE REMOVEBUCKET RETRY RETURN REVOKE ROLLBACK SCHEMA
    SELECT SLEEP STRATEGY SUPERTYPE SYSTEM THEN TIMEOUT TO TRAVERSE TRIGGER TRUE TRUNCATE UNIDIRECTIONAL
    UNIQUE UNSAFE UNWIND UPDATE UPSERT WAIT WHEN WITH WITHIN
    """.split()
)

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def expressible(name: str) -> bool:
    """Can ArcadeDB SQL name this at all? A backtick inside a name cannot be escaped portably
    (26.2.1 keeps the backslash of ``\\``` in the stored name), and an empty name is no name."""
    return bool(name) and "`" not in name


def sql_name(name: str) -> str:
    """A type or property name as ArcadeDB SQL: bare when safe, else in backticks."""
    if _PLAIN.match(name) and name.upper() not in SQL_RESERVED:
        return name
    return "`" + name + "`"


def index_name(type_name: str, props: tuple[str, ...] | list[str]) -> str:
    """The name ArcadeDB gives an index created without a name: ``Type[p]``, ``Type[a,b]``.

    Whitespace inside property names is dropped from the index name (``L[UNIQUE IMPORT ID]`` is
    stored as ``L[UNIQUEIMPORTID]``; measured on 26.2.1 … 26.10.2), the type name keeps it.
    """
    return f"{type_name}[{','.join(''.join(p.split()) for p in props)}]"


def quoted_index_name(type_name: str, props) -> str:
    """``Type[a,b]`` in backticks, as DROP INDEX needs it."""
    return "`" + index_name(type_name, props) + "`"


def sql_string(value: str) -> str:
    """A single-quoted ArcadeDB SQL string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
