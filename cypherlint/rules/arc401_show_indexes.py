from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.translate import SHOW_CONSTRAINTS_SQL as SQL_CONSTRAINTS
from cypherlint.ddl.translate import SHOW_INDEXES_SQL as SQL_INDEXES
from cypherlint.model import Fix
from cypherlint.rules.base import Rule

_INDEX_WORDS = {"INDEX", "INDEXES"}
_CONSTRAINT_WORDS = {"CONSTRAINT", "CONSTRAINTS"}
_KIND_WORDS = {"ALL", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT", "VECTOR", "BTREE", "UNIQUE", "NODE",
               "RELATIONSHIP", "REL", "KEY", "EXIST", "EXISTENCE", "PROPERTY", "TYPE", "UNIQUENESS"}


class ShowIndexes(Rule):
    """`SHOW INDEXES` / `SHOW CONSTRAINTS` fail before ArcadeDB 26.10 outside Bolt.

    **What it does.** Flags `SHOW [kind] INDEXES` and `SHOW [kind] CONSTRAINTS`, with or without
    `YIELD`/`WHERE`/`RETURN`.

    **Why it breaks on ArcadeDB.** Up to 26.7.2 the native engine answers "Only SHOW USERS and SHOW
    CURRENT USER are currently supported" (measured on 26.2.1 … 26.7.2); from 26.5.1 only the Bolt
    server fakes an answer from the schema. 26.10.2 runs them. The legacy engine cannot parse them.

    **Example.** `SHOW INDEXES YIELD name, labelsOrTypes, properties`

    **Use instead.** ArcadeDB SQL: `SELECT name, typeName, properties, indexType FROM
    schema:indexes WHERE associatedBucketId IS NULL` (one row per index; the condition hides the
    per-bucket sub-indexes). Constraints are unique indexes there: `SELECT FROM schema:indexes
    WHERE associatedBucketId IS NULL AND `unique` = true` (`unique` must be backticked).
    Both verified on 26.2.1 … 26.10.2.

    **Fix safety.** Display-only, in SQL: the columns differ from Neo4j's (`typeName` instead of
    `labelsOrTypes`), so code reading the result must change too.
    """

    code = "ARC401"
    name = "show-indexes"
    summary = "SHOW INDEXES / SHOW CONSTRAINTS fail before ArcadeDB 26.10; query schema:indexes in SQL"
    constructs = ("ddl.cy.show.indexes", "ddl.cy.show.indexes.yield", "ddl.cy.show.constraints")
    node_types = (P.ShowCommandContext,)
    fix_applicability = "display-only"

    def visit(self, node, ctx) -> None:
        words = [w.getText().upper() for w in node.showWord()]
        while words and words[0] in _KIND_WORDS:
            words = words[1:]
        if not words:
            return
        if words[0] in _INDEX_WORDS:
            construct = "ddl.cy.show.indexes.yield" if node.yieldClause() is not None else "ddl.cy.show.indexes"
            sql, what = SQL_INDEXES, "SHOW INDEXES"
        elif words[0] in _CONSTRAINT_WORDS:
            construct, sql, what = "ddl.cy.show.constraints", SQL_CONSTRAINTS, "SHOW CONSTRAINTS"
        else:
            return
        affected = ctx.affected(construct) or ctx.affected("ddl.cy.show.indexes")
        if affected is None:
            return
        fix = Fix("display-only", f"query the schema in ArcadeDB SQL: {sql}",
                  (ctx.replace(ctx.tree.statementBody(), sql),), "sql")
        ctx.report(self, node, f"{what} {affected.where}", fix=fix, hint=f"use ArcadeDB SQL: {sql}")
