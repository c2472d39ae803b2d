from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule


class NextStatement(Rule):
    """GQL `NEXT` statement chaining is rejected by ArcadeDB.

    **What it does.** Flags `NEXT` between query parts (Neo4j 2025).

    **Why it breaks on ArcadeDB.** "NEXT statements not yet supported" on every release of the
    native engine (source; measured on 26.10.2). The legacy engine cannot parse it.

    **Example.** `MATCH (n:Person) RETURN n.name AS name NEXT RETURN count(*) AS c`

    **Use instead.** `WITH` between the parts: `MATCH (n:Person) WITH n.name AS name RETURN count(*) AS c`.

    **Fix safety.** No fix: the parts' columns must be turned into a `WITH` by hand.
    """

    code = "ARC608"
    name = "next-statement"
    summary = "GQL NEXT is rejected by ArcadeDB; chain the parts with WITH"
    constructs = ("gql.next",)
    node_types = (P.QueryConnectorContext,)

    def visit(self, node, ctx) -> None:
        if node.NEXT() is None:
            return
        affected = ctx.affected("gql.next")
        if affected is None:
            return
        ctx.report(self, node, f"NEXT {affected.where}", hint="chain the parts with WITH")
