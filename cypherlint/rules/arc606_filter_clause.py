from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import is_nested
from cypherlint.rules.scope import variables_before


class FilterClause(Rule):
    """GQL `FILTER [WHERE] cond` is silently ignored by ArcadeDB before 26.9: every row passes.

    **What it does.** Flags the GQL `FILTER` clause (Neo4j 2025). The Neo4j 3 list function
    `filter(x IN l WHERE p)` is another thing (ARC215).

    **Why it breaks on ArcadeDB.** Up to 26.8.1 the native engine parses `FILTER` and drops it, so
    rows that should have been removed come back (issue #6574; fixed by PR #6688 after 26.8.1;
    26.10.2 filters). The legacy engine cannot parse it.

    **Example.** `MATCH (n:Person) FILTER n.age > 45 RETURN n.name AS name`

    **Use instead.** `WITH * WHERE cond`: `MATCH (n:Person) WITH * WHERE n.age > 45 RETURN n.name AS name`.

    **Fix safety.** Safe: `FILTER cond` keeps the rows where the condition is true and every
    variable, which is `WITH * WHERE cond`. Not offered inside subqueries or before any variable is
    bound.
    """

    code = "ARC606"
    name = "filter-clause"
    summary = "GQL FILTER is silently ignored by ArcadeDB before 26.9; use WITH * WHERE cond"
    constructs = ("gql.filter",)
    node_types = (P.FilterClauseContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        affected = ctx.affected("gql.filter")
        if affected is None:
            return
        fix = None
        scope = variables_before(node)
        if scope and not is_nested(node):
            new = f"WITH * WHERE {ctx.source(node.expression())}"
            fix = Fix("safe", new, (ctx.replace(node, new),))
        ctx.report(self, node, f"FILTER is ignored, so every row passes: it {affected.where}", fix=fix,
                   hint=f"use {fix.message}" if fix else "use WITH * WHERE cond")
