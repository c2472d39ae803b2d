from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.vector import euclidean_score, is_simple, wrap_quotient
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.util import fresh_names


class VectorSimilarityEuclidean(Rule):
    """`vector.similarity.euclidean(a, b)` is `1 / (1 + d)` on ArcadeDB, not Neo4j's `1 / (1 + d²)`.

    **What it does.** Flags calls of `vector.similarity.euclidean`.

    **Why it breaks on ArcadeDB.** Neo4j's euclidean similarity uses the squared distance,
    ArcadeDB's the distance itself, on every release: for `[1, 2]` vs `[6, 3]` (d² = 26) Neo4j
    returns 0.0385 and ArcadeDB 0.1667 (measured on 26.2.1 … 26.10.2). Only identical vectors
    agree.

    **Example.** `RETURN vector.similarity.euclidean([1.0, 2.0], [6.0, 3.0]) AS sim`

    **Use instead.** The squared distance spelled out, verified on every release:
    `1.0 / (1.0 + reduce(s = 0.0, i IN range(0, size(a) - 1) | s + (a[i] - b[i]) ^ 2))`, guarded by
    `CASE WHEN a IS NULL THEN null ELSE ... END` unless `a` is a list literal.

    **Fix safety.** Safe when both arguments are parameters, variables, properties or literal lists
    (they are repeated in the rewrite); unsafe otherwise. For vectors of different lengths Neo4j
    raises an error while the rewrite returns a number or null.
    """

    code = "ARC252"
    name = "vector-similarity-euclidean"
    summary = "vector.similarity.euclidean is 1/(1+d) on ArcadeDB; Neo4j's value is 1/(1+d²)"
    constructs = ("fn.vector.euclidean",)
    node_types = (P.FunctionInvocationContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        if analysis.function_name(node) != "vector.similarity.euclidean":
            return
        affected = ctx.affected("fn.vector.euclidean")
        if affected is None:
            return
        args = node.expression()
        fix = None
        if len(args) == 2 and node.DISTINCT() is None:
            a, b = (analysis.text_of(ctx.text, e) for e in args)
            if not isinstance(args[0], P.VariableExpressionContext) and not isinstance(args[0], P.ListExpressionContext):
                a = f"({a})" if not isinstance(args[0], (P.ParameterExpressionContext, P.PropertyExpressionContext)) else a
            if not isinstance(args[1], (P.VariableExpressionContext, P.ListExpressionContext,
                                        P.ParameterExpressionContext, P.PropertyExpressionContext)):
                b = f"({b})"
            acc, i = fresh_names(ctx, "s", 1)[0], fresh_names(ctx, "i", 1)[0]
            guard = not isinstance(args[0], P.ListExpressionContext)
            new = wrap_quotient(node, euclidean_score(a, b, acc, i, guard))
            safe = is_simple(args[0]) and is_simple(args[1])
            fix = Fix("safe" if safe else "unsafe", f"Neo4j's value, 1 / (1 + squared distance): {new}",
                      (ctx.replace(node, new),))
        ctx.report(self, node, f"vector.similarity.euclidean() is 1 / (1 + d) on ArcadeDB (Neo4j: 1 / (1 + d²)), so "
                               f"it {affected.where}", fix=fix,
                   hint="compute 1 / (1 + squared distance) with reduce() (see the fix)")
