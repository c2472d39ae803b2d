from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import is_nested, with_head
from cypherlint.rules.scope import variables_before


class LetClause(Rule):
    """GQL `LET x = expr` is silently dropped by ArcadeDB before 26.10.

    **What it does.** Flags the GQL `LET` clause (Neo4j 2025).

    **Why it breaks on ArcadeDB.** The native engine parses `LET` but has no handler for it up to
    the 26.8/26.9 source: the clause is dropped (the same mechanism that dropped `FILTER`, issue
    #6574), so the variable is never bound. 26.10.2 evaluates it. The legacy engine cannot parse it.

    **Example.** `MATCH (n:Person) LET x = n.age * 2 RETURN n.name AS name, x`

    **Use instead.** A `WITH` that keeps every variable and adds the new one — what `LET` means:
    `MATCH (n:Person) WITH n, n.age * 2 AS x RETURN n.name AS name, x` (name the variables:
    `WITH *, expr AS x` fails on 26.2-26.3, ARC617).

    **Fix safety.** Safe: `LET` adds variables to every row and keeps the others, which is what
    `WITH a, b, expr AS x` does when it names every variable in scope; several items become one
    `WITH` each, so later items can use earlier ones. Not offered inside subqueries or where the
    variables in scope cannot be determined.
    """

    code = "ARC605"
    name = "let-clause"
    summary = "GQL LET is silently dropped by ArcadeDB before 26.10; use WITH a, b, expr AS x"
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
            names = list(scope)
            for item in node.letItem():
                var = analysis.name_text(item.variable().getText())
                parts.append(with_head([n for n in names if n != var], [(ctx.source(item.expression()), ctx.source(item.variable()))]))
                names.append(var)
            new = " ".join(parts)
            fix = Fix("safe", new, (ctx.replace(node, new),))
        ctx.report(self, node, f"LET is not evaluated: it {affected.where}", fix=fix,
                   hint=f"use {fix.message}" if fix else "use WITH a, b, expr AS x (naming every variable)")
