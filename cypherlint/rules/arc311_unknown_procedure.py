from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.native_registry import APOC_FUNCTIONS, FOREIGN_PROCEDURES, PROCEDURES

MEASURED = {
    "dbms.components": "proc.dbms.components",
    "db.info": "proc.db.info",
    "db.schema.nodetypeproperties": "proc.db.schema.nodeTypeProperties",
    "dbms.procedures": "clause.call.dbms.procedures",
}
SQL_TYPES = "SELECT name, type, properties FROM schema:types"
ADVICE = {
    "db.schema.nodetypeproperties": f"use CALL meta.nodeTypeProperties(), or ArcadeDB SQL: {SQL_TYPES}",
    "db.schema.reltypeproperties": "use CALL meta.relTypeProperties()",
    "dbms.components": "read the server version from ArcadeDB's HTTP server API; Cypher has no version procedure",
    "db.info": "the database is the one named in the connection (HTTP URL / Bolt session)",
    "dbms.procedures": "ArcadeDB lists no procedures from Cypher; see its documentation",
    "dbms.functions": "ArcadeDB lists no functions from Cypher; see its documentation",
    "db.ping": "send a trivial query such as RETURN 1",
    "tx.setmetadata": "drop the call: ArcadeDB has no transaction metadata",
    "db.create.setnodevectorproperty": "store the vector as a plain property: SET n.embedding = $vector",
    "db.create.setrelationshipvectorproperty": "store the vector as a plain property: SET r.embedding = $vector",
    "db.create.setvectorproperty": "store the vector as a plain property: SET n.embedding = $vector",
}


class UnknownProcedure(Rule):
    """Procedures ArcadeDB does not register fail (Neo4j built-ins such as `dbms.components()`).

    **What it does.** Flags `CALL` of a procedure that is neither in the native engine's procedure
    registry (`db.labels`, `db.relationshipTypes`, `db.schema.visualization`, `merge.*`, `meta.*`,
    `path.*`, `algo.*`, ...) nor one of its callable functions: Neo4j built-ins such as
    `dbms.components()`, `db.info()`, `db.schema.nodeTypeProperties()`, `dbms.procedures()`,
    `tx.setMetaData()`, and plugin procedures (`n10s.*`, ...). `apoc.*`, `gds.*`/`algo.*`,
    `db.propertyKeys` and the index procedures have their own rules.

    **Why it breaks on ArcadeDB.** "Unknown procedure/function" on every measured release. Only the
    Bolt server fakes a few answers (`dbms.components()` claims to be Neo4j 5.26), so the same
    query works over Bolt and fails over HTTP or embedded. Worse, an unknown namespaced name whose
    last segment is an ArcadeDB SQL function runs that function instead.

    **Example.** `CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition`

    **Use instead.** `CALL meta.nodeTypeProperties()` / `meta.relTypeProperties()` (or ArcadeDB SQL
    `SELECT name, type, properties FROM schema:types`, verified on every measured release) for the
    schema; the connection for the database name; nothing for the server version.

    **Fix safety.** Display-only: the SQL schema query for `db.schema.nodeTypeProperties()` has
    other columns than Neo4j's.
    """

    code = "ARC311"
    name = "unknown-procedure"
    summary = "procedures ArcadeDB does not register (dbms.components, db.info, db.schema.*, ...) fail"
    constructs = ("proc.unknown", "proc.dbms.components", "proc.db.info", "proc.db.schema.nodeTypeProperties",
                  "clause.call.dbms.procedures")
    node_types = (P.ProcedureCallContext,)
    fix_applicability = "display-only"

    def visit(self, node, ctx) -> None:
        name = analysis.procedure_name(node)
        if name.startswith(("apoc.", "gds.", "algo.")) or name in ("db.propertykeys",):
            return
        if name in PROCEDURES or name in APOC_FUNCTIONS or name in FOREIGN_PROCEDURES:
            return
        if name.startswith(("sql.", "geo.", "vector.", "ts.", "fulltext.")):
            return  # ArcadeDB SQL functions called as procedures
        construct = MEASURED.get(name, "proc.unknown")
        affected = ctx.affected(construct)
        if affected is None:
            return
        written = ctx.source(node.procedureName())
        fix = None
        if name == "db.schema.nodetypeproperties" and node.parentCtx.parentCtx.clause() == [node.parentCtx] \
                and len(analysis.query_parts(ctx.tree)) == 1 and node.yieldClause() is None:
            fix = Fix("display-only", f"ArcadeDB SQL: {SQL_TYPES}", (ctx.replace(ctx.tree.statementBody(), SQL_TYPES),), "sql")
        ctx.report(self, node.procedureName(), f"procedure {written}() does not exist in ArcadeDB: it {affected.where}",
                   fix=fix, hint=ADVICE[name] if name in ADVICE else "use an ArcadeDB procedure or plain Cypher")
