from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.fixes import sql_fix
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.util import escape_name

# The modern Cypher forms a legacy CREATE INDEX ON :L(p) becomes (see ARC006 for where they work).
_MODERN = ("ddl.cy.index.unnamed", "ddl.cy.index.composite")


class LegacyIndexSyntax(Rule):
    """`CREATE INDEX ON :Label(prop)` / `DROP INDEX ON :Label(prop)` never run on ArcadeDB.

    **What it does.** Flags the Neo4j 3 index syntax, `CREATE INDEX ON :L(p[, q])` and
    `DROP INDEX ON :L(p)`.

    **Why it breaks on ArcadeDB.** Neither engine knows this syntax: the native engine answers with
    a parse error on every release ("mismatched input ':' expecting {FOR, IF}" from 26.7.2), and
    the legacy engine's openCypher 9 front-end has no schema commands (measured on 26.2.1 …
    26.10.2).

    **Example.** `CREATE INDEX ON :Person(name)`

    **Use instead.** On releases that run Cypher indexes (26.5.1 and later), the Neo4j 4+ form
    `CREATE INDEX FOR (n:Person) ON (n.name)`; everywhere, ArcadeDB SQL:
    `CREATE VERTEX TYPE Person IF NOT EXISTS; CREATE PROPERTY Person.name IF NOT EXISTS STRING;
    CREATE INDEX IF NOT EXISTS ON Person (name) NOTUNIQUE`. An index created that way is called
    `Person[name]`, so the drop is `DROP INDEX `Person[name]` IF EXISTS` in SQL.

    **Fix safety.** Safe where the target runs the modern Cypher form (the index is the same one
    Neo4j would build); elsewhere, and for DROP, a display-only SQL fix.
    """

    code = "ARC402"
    name = "legacy-index-syntax"
    summary = "CREATE/DROP INDEX ON :Label(prop) (Neo4j 3) never runs on ArcadeDB; use FOR (n:L) ON (n.p) or SQL"
    constructs = ("ddl.cy.index.old", "ddl.cy.index.old.drop")
    node_types = (P.CreateIndexContext, P.DropIndexContext)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        if node.COLON() is None:
            return
        create = isinstance(node, P.CreateIndexContext)
        affected = ctx.affected("ddl.cy.index.old" if create else "ddl.cy.index.old.drop")
        if affected is None:
            return
        label = analysis.name_text(node.symbolicName(0).getText())
        props = [analysis.name_text(s.getText()) for s in node.symbolicName()[1:]]
        what = "CREATE INDEX ON :L(p)" if create else "DROP INDEX ON :L(p)"
        fix = None
        if create and ctx.affected_any(_MODERN) is None and node.indexKind() is None:
            cols = ", ".join(f"n.{escape_name(p)}" for p in props)
            modern = f"CREATE INDEX FOR (n:{escape_name(label)}) ON ({cols})"
            fix = Fix("safe", f"use the Neo4j 4+ syntax: {modern}", (ctx.replace(node, modern),))
        if fix is None:
            fix, _ = sql_fix(ctx)
        ctx.report(self, node, f"{what} (Neo4j 3 syntax) {affected.where}", fix=fix,
                   hint=f"the index is {label}[{','.join(props)}] in ArcadeDB; "
                        + ("use CREATE INDEX FOR (n:L) ON (n.p) or the SQL three-step" if create
                           else f"drop it with SQL: DROP INDEX `{label}[{','.join(props)}]` IF EXISTS"))
