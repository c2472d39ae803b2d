from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import is_nested
from cypherlint.rules.scope import variables_before


class LetClause(Rule):
    """GQL `LET x = expr` is silently dropped by ArcadeDB before 26.10.

    **What it does.** Flags the GQL `LET` clause (Neo4j 2025).

    **Why it breaks on ArcadeDB.** The native engine parses `LET` but has no handler for it up to
    the 26.8/26.9 source: the clause is dropped (the same mechanism that dropped `FILTER`, issue
    #6574), so the variable is never bound. 26.10.2 evaluates it. The legacy engine cannot parse it.

    **Example.** `MATCH (n:Person) LET x = n.age * 2 RETURN n.name AS name, x`

    **Use instead.** `WITH *, expr AS x` — what `LET` means:
    `MATCH (n:Person) WITH *, n.age * 2 AS x RETURN n.name AS name, x`.

    **Fix safety.** Safe: `LET` adds variables to every row and keeps the others, which is what
    `WITH *, expr AS x` does; several items become one `WITH` each, so later items can use earlier
    ones. Not offered inside subqueries.
    """

    code = "ARC605"
    name = "let-clause"
    summary = "GQL LET is silently dropped by ArcadeDB before 26.10; use WITH *, expr AS x"
    constructs = ("gql.let",)
    node_types = (P.LetClauseContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        affected = ctx.affected("gql.let")
        if affected is None:
            return
        fix = None
        scope = variables_before(node)
        if scope is not None and not is_nested(node):
            parts = []
            for i, item in enumerate(node.letItem()):
                star = "*, " if (scope or i) else ""
                parts.append(f"WITH {star}{ctx.source(item.expression())} AS {ctx.source(item.variable())}")
            new = " ".join(parts)
            fix = Fix("safe", new, (ctx.replace(node, new),))
        ctx.report(self, node, f"LET is not evaluated: it {affected.where}", fix=fix,
                   hint=f"use {fix.message}" if fix else "use WITH *, expr AS x")
