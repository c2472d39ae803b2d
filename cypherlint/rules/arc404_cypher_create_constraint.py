from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.fixes import sql_fix
from cypherlint.rules.base import Rule


class CypherCreateConstraint(Rule):
    """Cypher `CREATE CONSTRAINT ... REQUIRE` fails on ArcadeDB 26.2.1 (some forms until 26.5.1).

    **What it does.** Flags `CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (n:L) REQUIRE ...` —
    `IS UNIQUE`, `IS NOT NULL`, `IS NODE KEY`, `IS :: TYPE`, and the same on relationship types —
    where the target includes releases that reject that form. The Neo4j 3/4 `ON ... ASSERT` form
    is ARC405.

    **Why it breaks on ArcadeDB.** 26.2.1 has no Cypher schema commands ("Command statements not
    yet supported"); UNIQUE, NOT NULL and NODE KEY on node labels run from 26.3.2; property type
    constraints (`IS ::`, `IS TYPED`) and constraints on relationship types fail on 26.3.x and run
    from 26.5.1 (measured on 26.2.1, 26.3.1, 26.3.2, 26.5.1 … 26.10.2). The legacy engine has no
    schema commands. Where they run, the constraint name is ignored up to 26.7.2 (see ARC406).

    **Example.** `CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE`

    **Use instead.** ArcadeDB SQL, idempotent on every release: UNIQUE and KEY become a UNIQUE
    index, NOT NULL becomes `ALTER PROPERTY ... MANDATORY true` + `NOTNULL true`, a type constraint
    declares the property with that type:

        CREATE VERTEX TYPE Person IF NOT EXISTS;
        CREATE PROPERTY Person.id IF NOT EXISTS STRING;
        CREATE INDEX IF NOT EXISTS ON Person (id) UNIQUE

    **Fix safety.** Display-only, in SQL. Declare the property with the type your data has
    (`cypherlint ddl --schema`): the translation assumes STRING when nothing says otherwise.
    """

    code = "ARC404"
    name = "cypher-create-constraint"
    summary = "Cypher CREATE CONSTRAINT fails on ArcadeDB 26.2.1 (type and relationship constraints until 26.5.1)"
    constructs = ("ddl.cy.constraint.unique", "ddl.cy.constraint.unique.ine", "ddl.cy.constraint.notnull",
                  "ddl.cy.constraint.nodekey", "ddl.cy.constraint.typed", "ddl.cy.constraint.rel")
    node_types = (P.CreateConstraintContext,)
    fix_applicability = "display-only"

    def visit(self, node, ctx) -> None:
        if node.ASSERT() is not None:
            return  # ARC405
        body = node.constraintBody()
        if isinstance(body, P.TypeConstraintContext):
            constructs = ["ddl.cy.constraint.typed"]
        elif isinstance(body, P.NotNullConstraintContext):
            constructs = ["ddl.cy.constraint.notnull"]
        elif isinstance(body, P.UniqueOrKeyConstraintContext) and body.KEY() is not None:
            constructs = ["ddl.cy.constraint.nodekey"]
        elif node.IF() is not None:
            constructs = ["ddl.cy.constraint.unique.ine"]
        else:
            constructs = ["ddl.cy.constraint.unique"]
        if any(True for _ in analysis.descendants(node.constraintPattern(), P.RelationshipDetailContext)):
            constructs.insert(0, "ddl.cy.constraint.rel")
        affected = ctx.affected_any(constructs)
        if affected is None:
            return
        fix, lost = sql_fix(ctx, "create the constraint with ArcadeDB SQL")
        ctx.report(self, node, f"Cypher CREATE CONSTRAINT {affected.where}", fix=fix,
                   hint=lost or "use ArcadeDB SQL: a UNIQUE index, MANDATORY/NOTNULL properties, or a typed property")
