from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule


class CreateOrReplace(Rule):
    """`CREATE OR REPLACE ...` does not replace anything on ArcadeDB.

    **What it does.** Flags `CREATE OR REPLACE` (indexes, constraints, databases, users, aliases).

    **Why it breaks on ArcadeDB.** The native engine parses `OR REPLACE` and ignores it (source):
    an existing object is kept as it was — a changed definition is silently not applied — or the
    create fails because the object exists.

    **Example.** `CREATE OR REPLACE INDEX person_name FOR (n:Person) ON (n.name, n.age)`

    **Use instead.** Drop, then create: `DROP INDEX person_name IF EXISTS` followed by
    `CREATE INDEX person_name FOR (n:Person) ON (n.name, n.age)` (see the index rules for ArcadeDB's
    own index names).

    **Fix safety.** No fix: the drop must use ArcadeDB's index name.
    """

    code = "ARC610"
    name = "create-or-replace"
    summary = "CREATE OR REPLACE is parsed and ignored by ArcadeDB: nothing is replaced"
    constructs = ("clause.create.or.replace",)
    node_types = (P.CreateIndexContext, P.CreateConstraintContext, P.AdminCommandContext)

    def visit(self, node, ctx) -> None:
        tokens = analysis.tokens_of(node)
        replace = next((t for t in tokens if t.type == P.REPLACE), None)
        if replace is None:
            return
        affected = ctx.affected("clause.create.or.replace")
        if affected is None:
            return
        start = tokens[0].start
        ctx.report(self, (start, replace.stop + 1), f"OR REPLACE is ignored (an existing object is not replaced): it "
                   f"{affected.where}", hint="drop the object first (DROP ... IF EXISTS), then CREATE it")
