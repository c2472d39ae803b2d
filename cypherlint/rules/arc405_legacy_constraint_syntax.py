from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.fixes import sql_fix
from cypherlint.model import Fix
from cypherlint.rules.base import Rule


class LegacyConstraintSyntax(Rule):
    """`CREATE/DROP CONSTRAINT ON (n:L) ASSERT ...` (Neo4j 3/4) never runs on ArcadeDB.

    **What it does.** Flags the Neo4j 3/4 constraint syntax: `CREATE CONSTRAINT [name] ON (n:L)
    ASSERT n.p IS UNIQUE`, `ASSERT exists(n.p)`, `ASSERT (n.a, n.b) IS NODE KEY`, and
    `DROP CONSTRAINT ON ... ASSERT ...`.

    **Why it breaks on ArcadeDB.** The native engine parses only the Neo4j 5 form (`FOR ...
    REQUIRE`): "mismatched input '(' expecting {FOR, IF}" on 26.7.2 and 26.10.2, a parse error on
    every earlier release; the legacy engine has no schema commands (measured on 26.2.1 … 26.10.2).

    **Example.** `CREATE CONSTRAINT ON (p:Person) ASSERT p.id IS UNIQUE`

    **Use instead.** `CREATE CONSTRAINT FOR (p:Person) REQUIRE p.id IS UNIQUE` (and `REQUIRE p.x
    IS NOT NULL` for `exists(p.x)`) where the target runs Cypher constraints (26.3.2 on), or ArcadeDB
    SQL everywhere: `CREATE VERTEX TYPE Person IF NOT EXISTS; CREATE PROPERTY Person.id IF NOT
    EXISTS STRING; CREATE INDEX IF NOT EXISTS ON Person (id) UNIQUE`.

    **Fix safety.** Safe where the target runs the Neo4j 5 form (it is the same constraint); else a
    display-only SQL fix. DROP always gets the SQL (`DROP INDEX `Person[id]` IF EXISTS`).
    """

    code = "ARC405"
    name = "legacy-constraint-syntax"
    summary = "CREATE/DROP CONSTRAINT ON ... ASSERT (Neo4j 3/4) never runs on ArcadeDB; use FOR ... REQUIRE or SQL"
    constructs = ("ddl.cy.constraint.old", "ddl.cy.constraint.old.exists", "ddl.cy.constraint.old.drop")
    node_types = (P.CreateConstraintContext, P.DropConstraintContext)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        if node.ASSERT() is None:
            return
        body = node.constraintBody()
        create = isinstance(node, P.CreateConstraintContext)
        if not create:
            construct = "ddl.cy.constraint.old.drop"
        elif isinstance(body, P.LegacyExistsConstraintContext):
            construct = "ddl.cy.constraint.old.exists"
        else:
            construct = "ddl.cy.constraint.old"
        affected = ctx.affected(construct)
        if affected is None:
            return
        fix = self._modern(node, body, ctx) if create else None
        if fix is None:
            fix, _ = sql_fix(ctx)
        what = "CREATE" if create else "DROP"
        ctx.report(self, node, f"{what} CONSTRAINT ... ASSERT (Neo4j 3/4 syntax) {affected.where}", fix=fix,
                   hint="write FOR (n:L) REQUIRE ... (Neo4j 5) or use ArcadeDB SQL")

    @staticmethod
    def _modern(node, body, ctx) -> Fix | None:
        """ON -> FOR, ASSERT -> REQUIRE (exists(n.p) -> n.p IS NOT NULL), where the target runs it."""
        rel = any(True for _ in analysis.descendants(node.constraintPattern(), P.RelationshipDetailContext))
        if isinstance(body, P.LegacyExistsConstraintContext) or isinstance(body, P.NotNullConstraintContext):
            needs = ["ddl.cy.constraint.notnull"]
        elif isinstance(body, P.UniqueOrKeyConstraintContext):
            needs = ["ddl.cy.constraint.nodekey" if body.KEY() is not None else "ddl.cy.constraint.unique"]
        else:
            needs = ["ddl.cy.constraint.typed"]
        if node.IF() is not None:
            needs.append("ddl.cy.constraint.unique.ine")
        if rel:
            needs.append("ddl.cy.constraint.rel")
        if ctx.affected_any(needs) is not None or node.ON() is None:
            return None
        edits = [ctx.replace(node.ON(), "FOR"), ctx.replace(node.ASSERT(), "REQUIRE")]
        if isinstance(body, P.LegacyExistsConstraintContext):
            edits.append(ctx.replace(body, f"{ctx.source(body.propertyRef())} IS NOT NULL"))
        return Fix("safe", "use the Neo4j 5 syntax FOR ... REQUIRE", tuple(edits))
