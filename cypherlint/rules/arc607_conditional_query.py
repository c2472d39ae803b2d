from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule


class ConditionalQuery(Rule):
    """`WHEN ... THEN ... ELSE ...` conditional queries are not evaluated by ArcadeDB before 26.10.

    **What it does.** Flags Cypher 25 conditional queries (`WHEN cond THEN { ... } ELSE { ... }`).

    **Why it breaks on ArcadeDB.** Up to the 26.8/26.9 source the native engine parses them but has
    no code that evaluates them: what runs is undefined. 26.10.2 runs them. The legacy engine
    cannot parse them.

    **Example.** `WHEN $flag THEN { MATCH (n:A) RETURN n.name AS name } ELSE { MATCH (n:B) RETURN n.name AS name }`

    **Use instead.** Choose the query in the application, or combine the branches with `UNION` and
    a condition in each (`MATCH (n:A) WHERE $flag RETURN n.name AS name UNION MATCH (n:B) WHERE NOT $flag ...`).

    **Fix safety.** No fix.
    """

    code = "ARC607"
    name = "conditional-query"
    summary = "WHEN/THEN/ELSE conditional queries are not evaluated by ArcadeDB before 26.10"
    constructs = ("gql.when",)
    node_types = (P.ConditionalQueryContext,)

    def visit(self, node, ctx) -> None:
        affected = ctx.affected("gql.when")
        if affected is None:
            return
        ctx.report(self, (ctx.span(node)[0], ctx.span(node)[0] + 4), f"WHEN ... THEN ... conditional query: it "
                   f"{affected.where}", hint="choose the query in the application, or UNION branches guarded by WHERE")
