from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.fixes import sql_fix
from cypherlint.rules.base import Rule

_CONSTRUCTS = {
    "db.indexes": "ddl.cy.db.indexes",
    "db.awaitindexes": "ddl.cy.db.awaitIndexes",
    "db.constraints": "ddl.cy.db.constraints",
    "db.awaitindex": "ddl.cy.db.awaitIndex",
    "db.createindex": "ddl.cy.db.createIndex",
    "db.createuniquepropertyconstraint": "ddl.cy.db.createIndex",
    "db.createnodekey": "ddl.cy.db.createIndex",
}
_WAIT = {"db.awaitindexes", "db.awaitindex"}


class SchemaProcedures(Rule):
    """`db.indexes()`, `db.constraints()`, `db.awaitIndexes()`, `db.createIndex()` do not exist on ArcadeDB.

    **What it does.** Flags calls of Neo4j's schema procedures: `db.indexes`, `db.constraints`,
    `db.awaitIndexes`, `db.awaitIndex`, and the Neo4j 4 `db.createIndex`,
    `db.createUniquePropertyConstraint`, `db.createNodeKey`.

    **Why it breaks on ArcadeDB.** None is registered: every call fails with "Unknown
    procedure/function" (measured on 26.2.1 … 26.10.2; `db.createIndex` and friends are absent
    from the procedure registry).

    **Example.** `CALL db.awaitIndexes(300)`

    **Use instead.** List indexes and constraints with ArcadeDB SQL
    (`SELECT name, typeName, properties, indexType FROM schema:indexes WHERE associatedBucketId IS
    NULL`; constraints are the rows with `` `unique` = true ``). Drop `db.awaitIndexes()`: an ArcadeDB
    index is built while `CREATE INDEX` runs. Create indexes with ArcadeDB SQL (`cypherlint ddl`).

    **Fix safety.** Display-only, in SQL (for a statement that is only the call).
    """

    code = "ARC407"
    name = "schema-procedures"
    summary = "db.indexes/db.constraints/db.awaitIndexes/db.createIndex do not exist on ArcadeDB; use SQL schema:indexes"
    constructs = tuple(sorted(set(_CONSTRUCTS.values())))
    node_types = (P.ProcedureCallContext,)
    fix_applicability = "display-only"

    def visit(self, node, ctx) -> None:
        name = analysis.procedure_name(node)
        construct = _CONSTRUCTS.get(name)
        affected = ctx.affected(construct) if construct else None
        if affected is None:
            return
        shown = analysis.text_of(ctx.text, node.procedureName())
        if name in _WAIT:
            ctx.report(self, node, f"{shown}() {affected.where}",
                       hint="remove the call: ArcadeDB builds an index while CREATE INDEX runs, nothing to wait for")
            return
        fix, lost = sql_fix(ctx, "use ArcadeDB SQL")
        ctx.report(self, node, f"{shown}() {affected.where}", fix=fix,
                   hint=lost or "query or change the schema with ArcadeDB SQL (schema:indexes, CREATE INDEX)")
