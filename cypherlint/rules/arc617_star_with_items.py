from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import is_nested, var_text
from cypherlint.rules.scope import variables_before


class StarWithItems(Rule):
    """`WITH *, expr AS x` fails up to ArcadeDB 26.4; `RETURN *, expr AS x` drops the extra columns.

    **What it does.** Flags a `WITH` or `RETURN` whose projection is `*` plus further items.

    **Why it breaks on ArcadeDB.** Measured on the `arcadedb-embedded` wheels: on 26.2.1–26.3.2
    `WITH *, p.name AS n` fails with "UndefinedVariable" (and `WITH *, p.age AS a WHERE a > 10`
    returns no rows); 26.5.1 and later run it. `RETURN *, b.name AS bn` returns the variables but
    silently drops `bn` on every release measured (26.2.1–26.10.2).

    **Example.** `MATCH (p:Person)-[r:KNOWS]->(b) RETURN *, b.name AS bn`

    **Use instead.** Name the variables: `MATCH (p:Person)-[r:KNOWS]->(b) RETURN b, p, r, b.name AS bn`
    (`WITH p, p.name AS n` for a `WITH`), which runs on every release.

    **Fix safety.** Safe for `WITH`: `*` stands for exactly the variables in scope. Unsafe for
    `RETURN`: the columns are the same, but their order may differ from Neo4j's. No fix where the
    variables in scope cannot be determined (e.g. after `YIELD *`).
    """

    code = "ARC617"
    name = "star-with-items"
    summary = "WITH *, x fails up to ArcadeDB 26.4 and RETURN *, x drops x; name the variables"
    constructs = ("clause.with.star.items", "clause.return.star.items")
    node_types = (P.ProjectionItemsContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        if node.STAR() is None or not node.projectionItem():
            return
        clause = node.parentCtx.parentCtx
        is_return = isinstance(clause, P.ReturnClauseContext)
        construct = "clause.return.star.items" if is_return else "clause.with.star.items"
        affected = ctx.affected(construct)
        if affected is None:
            return
        fix = None
        scope = None if is_nested(clause) else variables_before(clause)
        if scope:
            names = sorted(scope) if is_return else scope
            fix = Fix("unsafe" if is_return else "safe", "name the variables instead of *",
                      (ctx.replace(node.STAR(), ", ".join(var_text(v) for v in names)),))
        what = "the extra columns are dropped" if is_return else "the query fails or loses rows"
        keyword = "RETURN" if is_return else "WITH"
        ctx.report(self, node, f"{keyword} * with further items: {what}; it {affected.where}", fix=fix,
                   hint=f"name the variables: {keyword} a, b, expr AS x")
