from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule

_SUBQUERIES = (P.ExistsSubqueryContext, P.CountSubqueryContext, P.CollectSubqueryContext)


class ParameterInSubqueryExpression(Rule):
    """`$parameters` inside `EXISTS { }`, `COUNT { }` and `COLLECT { }` are null before ArcadeDB 26.8.

    **What it does.** Flags a `$parameter` used inside an `EXISTS`, `COUNT` or `COLLECT` subquery
    expression.

    **Why it breaks on ArcadeDB.** The native engine runs these subqueries by re-issuing their text
    as a separate query, and before 26.8.1 it did not pass the parameters along: they evaluate to
    `null`, so `EXISTS { (p)-[:KNOWS]->(q) WHERE q.name = $name }` is silently false (source
    history: issue #5501, fixed in 26.8.1).

    **Example.** `MATCH (p:Person) WHERE EXISTS { (p)-[:KNOWS]->(q) WHERE q.name = $name } RETURN p.name`

    **Use instead.** Bind the parameter outside and use the variable inside:
    `MATCH (p:Person) WITH p, $name AS name WHERE EXISTS { (p)-[:KNOWS]->(q) WHERE q.name = name } RETURN p.name`
    (or a pattern predicate / `OPTIONAL MATCH`).

    **Fix safety.** No fix: where the binding can go depends on the query.
    """

    code = "ARC508"
    name = "parameter-in-subquery-expression"
    summary = "$params inside EXISTS/COUNT/COLLECT { } are null before ArcadeDB 26.8"
    constructs = ("param.in.subquery",)
    node_types = (P.ParameterContext,)

    def visit(self, node, ctx) -> None:
        sub = analysis.nearest(node, _SUBQUERIES)
        if sub is None:
            return
        affected = ctx.affected("param.in.subquery")
        if affected is None:
            return
        kind = sub.children[0].getText().upper()
        ctx.report(self, node, f"parameter {ctx.source(node)} inside {kind} {{ }} is not bound (null): it {affected.where}",
                   hint="bind it outside first (WITH ..., $x AS x) and use the variable inside")
