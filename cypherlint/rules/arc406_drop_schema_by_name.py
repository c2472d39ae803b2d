from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.fixes import sql_fix
from cypherlint.rules.base import Rule


class DropSchemaByName(Rule):
    """`DROP INDEX name` / `DROP CONSTRAINT name` silently do nothing on ArcadeDB up to 26.7.2.

    **What it does.** Flags `DROP INDEX name [IF EXISTS]` and `DROP CONSTRAINT name [IF EXISTS]`
    where the target includes releases that ignore or reject them.

    **Why it breaks on ArcadeDB.** Cypher index and constraint names are not kept: the index is
    called `Label[prop]` (`Label[a,b]` for composites). So `DROP INDEX name` runs and drops nothing
    on 26.5.1 and 26.7.2, `DROP CONSTRAINT name` the same on 26.3.2 … 26.7.2 (the constraint keeps
    being enforced); `DROP INDEX` is a parse error before 26.5.1 (measured). 26.10.2 keeps the
    Cypher names and drops correctly.

    **Example.** `DROP INDEX person_name IF EXISTS`

    **Use instead.** ArcadeDB SQL with the ArcadeDB name: ``DROP INDEX `Person[name]` IF EXISTS``.
    The fix finds the name from the `CREATE INDEX person_name ...` in the same file, a hint comment
    (`// cypherlint: index person_name=Person.name`) or ``SELECT name, typeName, properties FROM
    schema:indexes``. A dropped NOT NULL/KEY constraint also needs `ALTER PROPERTY ... MANDATORY false`.

    **Fix safety.** Display-only, in SQL; none when the name cannot be resolved.
    """

    code = "ARC406"
    name = "drop-schema-by-name"
    summary = "DROP INDEX/CONSTRAINT name silently does nothing on ArcadeDB up to 26.7.2; drop `Type[prop]` in SQL"
    constructs = ("ddl.cy.drop.index", "ddl.cy.drop.index.ifexists", "ddl.cy.drop.constraint")
    node_types = (P.DropIndexContext, P.DropConstraintContext)
    fix_applicability = "display-only"

    def visit(self, node, ctx) -> None:
        if node.schemaName() is None:
            return  # the legacy ON forms: ARC402 / ARC405
        if isinstance(node, P.DropIndexContext):
            constructs = ["ddl.cy.drop.index"] + (["ddl.cy.drop.index.ifexists"] if node.IF() else [])
            what = "DROP INDEX name"
        else:
            constructs, what = ["ddl.cy.drop.constraint"], "DROP CONSTRAINT name"
        affected = ctx.affected_any(constructs)
        if affected is None:
            return
        fix, lost = sql_fix(ctx, "drop it by its ArcadeDB name in SQL")
        ctx.report(self, node, f"{what} {affected.where}", fix=fix,
                   hint=lost if fix is None else "ArcadeDB names the index Type[property]; drop that name in SQL")
