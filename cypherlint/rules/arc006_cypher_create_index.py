from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.fixes import sql_fix
from cypherlint.rules.base import Rule


class CypherCreateIndex(Rule):
    """Cypher `CREATE INDEX` fails before ArcadeDB 26.4.2 and on the legacy Cypher engine.

    **What it does.** Flags Cypher index creation (`CREATE [RANGE|TEXT|POINT] INDEX [name]
    [IF NOT EXISTS] FOR (n:L) ON (n.p, ...)`) where the target includes releases that reject it.

    **Why it breaks on ArcadeDB.** Before 26.4.2 the native engine answers "Only CREATE CONSTRAINT
    and CREATE USER are currently supported" (26.3.x) or "Command statements not yet supported"
    (26.2.1) for every index form (measured: plain, named, `IF NOT EXISTS`, composite,
    relationship, RANGE, TEXT); the legacy engine's openCypher 9 front-end has no `CREATE INDEX
    ... FOR ... ON` syntax at all. From 26.5.1 (26.4.2 by the source history) the statement runs,
    but note ARC4xx rules on names being ignored.

    **Example.** `CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)`

    **Use instead.** ArcadeDB SQL, in three idempotent steps (verified on every release):

        CREATE VERTEX TYPE Person IF NOT EXISTS;
        CREATE PROPERTY Person.name IF NOT EXISTS STRING;
        CREATE INDEX IF NOT EXISTS ON Person (name) NOTUNIQUE

    **Fix safety.** Display-only, in SQL: the rewrite is not Cypher, so it is shown, never applied
    to a Cypher file. `cypherlint ddl` writes whole scripts.
    """

    code = "ARC006"
    name = "cypher-create-index"
    summary = "Cypher CREATE INDEX fails before ArcadeDB 26.4.2 and on the legacy engine; use the SQL three-step"
    constructs = (
        "ddl.cy.index.ifnotexists",
        "ddl.cy.index.unnamed",
        "ddl.cy.index.composite",
        "ddl.cy.index.rel",
        "ddl.cy.index.range",
        "ddl.cy.index.text",
    )
    node_types = (P.CreateIndexContext,)
    fix_applicability = "display-only"

    def visit(self, node, ctx) -> None:
        if node.COLON() is not None:
            return  # legacy ON :L(p) syntax: its own rule
        kind = node.indexKind()
        kind_text = kind.getText().upper() if kind is not None else ""
        if kind_text in ("VECTOR", "FULLTEXT", "LOOKUP", "BTREE"):
            return  # never supported in Cypher: their own rules
        construct = self._construct(node, kind_text)
        affected = ctx.affected(construct) or ctx.affected("ddl.cy.index.ifnotexists")
        if affected is None:
            return
        fix, _ = sql_fix(ctx, "create it with ArcadeDB SQL")
        ctx.report(self, node, f"Cypher CREATE INDEX {affected.where}",
                   hint="use the SQL three-step: CREATE VERTEX TYPE, CREATE PROPERTY, CREATE INDEX ... NOTUNIQUE",
                   fix=fix)

    @staticmethod
    def _construct(node, kind_text: str) -> str:
        target = node.indexTarget()
        if kind_text == "RANGE":
            return "ddl.cy.index.range"
        if kind_text == "TEXT":
            return "ddl.cy.index.text"
        if node.IF() is not None:
            return "ddl.cy.index.ifnotexists"
        if target is not None and len(target.propertyRef()) > 1:
            return "ddl.cy.index.composite"
        if node.indexPattern() is not None and node.indexPattern().getText().startswith("()"):
            return "ddl.cy.index.rel"
        return "ddl.cy.index.unnamed"
