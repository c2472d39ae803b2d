from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule


class StartClause(Rule):
    """`START n = node(...)` (Neo4j 2) does not exist in ArcadeDB's Cypher: use `MATCH`.

    **What it does.** Flags the `START` clause.

    **Why it breaks on ArcadeDB.** The native engine's Cypher 25 grammar has no `START`: syntax
    error on every release (measured on 26.10.2); the legacy engine's front-end has none either.
    Neo4j removed it in 3.2.

    **Example.** `START n = node:people(name = 'a') RETURN n`

    **Use instead.** `MATCH (n:Person) WHERE n.name = 'a' RETURN n` (an index on the property is
    used automatically).

    **Fix safety.** No fix: legacy index lookups have no direct equivalent.
    """

    code = "ARC615"
    name = "start-clause"
    summary = "START (Neo4j 2) is a syntax error on ArcadeDB; use MATCH"
    constructs = ("syntax.start",)
    node_types = (P.StartClauseContext,)

    def visit(self, node, ctx) -> None:
        affected = ctx.affected("syntax.start")
        if affected is None:
            return
        ctx.report(self, node, f"START {affected.where}", hint="use MATCH ... WHERE ...")
