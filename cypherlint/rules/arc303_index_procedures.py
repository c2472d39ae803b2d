from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.fixes import sql_fix
from cypherlint.rules.base import Rule

_CONSTRUCTS = {
    "db.index.fulltext.createnodeindex": "ddl.cy.fulltext.old",
    "db.index.fulltext.createrelationshipindex": "ddl.cy.fulltext.old",
    "db.index.fulltext.drop": "ddl.cy.fulltext.drop",
    "db.index.fulltext.awaiteventuallyconsistentindexrefresh": "ddl.cy.fulltext.await",
    "db.index.vector.createnodeindex": "ddl.cy.vector.createNodeIndex",
    "db.index.vector.createrelationshipindex": "ddl.cy.vector.createNodeIndex",
    "db.index.vector.queryrelationships": "proc.vector.queryRelationships",
}


class IndexProcedures(Rule):
    """Neo4j's full-text and vector index procedures (create, drop, await) do not exist on ArcadeDB.

    **What it does.** Flags `db.index.fulltext.createNodeIndex` / `createRelationshipIndex` /
    `drop` / `awaitEventuallyConsistentIndexRefresh`, `db.index.vector.createNodeIndex`, and
    `db.index.vector.queryRelationships`.

    **Why it breaks on ArcadeDB.** None is registered: "Unknown procedure/function" on every
    release (measured on 26.2.1 … 26.10.2; `queryRelationships` per the source). Full-text and
    vector indexes are created with SQL.

    **Example.** `CALL db.index.fulltext.createNodeIndex('titles', ['Movie'], ['title'])`

    **Use instead.** ArcadeDB SQL (idempotent): `CREATE VERTEX TYPE Movie IF NOT EXISTS; CREATE
    PROPERTY Movie.title IF NOT EXISTS STRING; CREATE INDEX IF NOT EXISTS ON Movie (title)
    FULL_TEXT` — one FULL_TEXT index per type and property; vector indexes with `LSM_VECTOR
    METADATA {dimensions: n, similarity: 'COSINE'}`; drop with ``DROP INDEX `Movie[title]` ``.
    Nothing replaces the await call (ArcadeDB indexes synchronously). Relationship vector search:
    SQL `vectorNeighbors('R[prop]', vector, k)` on an edge-type index.

    **Fix safety.** Display-only, in SQL, when the arguments are literals.
    """

    code = "ARC303"
    name = "index-procedures"
    summary = "Neo4j full-text/vector index procedures (createNodeIndex, drop, await) do not exist on ArcadeDB"
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
        fix = lost = None
        if "await" in name:
            hint = "remove the call: ArcadeDB updates its indexes synchronously"
        elif name == "db.index.vector.queryrelationships":
            hint = "create an LSM_VECTOR index on the edge type and use SQL vectorNeighbors('Type[prop]', vector, k)"
        else:
            fix, lost = sql_fix(ctx, "use ArcadeDB SQL")
            hint = lost or "create or drop the index with ArcadeDB SQL (FULL_TEXT / LSM_VECTOR)"
        ctx.report(self, node, f"{shown}() {affected.where}", fix=fix, hint=hint)
