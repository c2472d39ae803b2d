from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.vector import cosine_score, is_normalised_cosine, wrap_quotient
from cypherlint.model import Fix
from cypherlint.rules.base import Rule


class VectorSimilarityCosine(Rule):
    """`vector.similarity.cosine(a, b)` returns the raw cosine on ArcadeDB, not Neo4j's `(1 + cos) / 2`.

    **What it does.** Flags calls of `vector.similarity.cosine` that are not already normalised.

    **Why it breaks on ArcadeDB.** Neo4j maps the cosine into [0, 1]: orthogonal vectors score
    0.5, opposite ones 0. ArcadeDB returns the cosine itself on every release: orthogonal → 0.0,
    opposite → -1.0 (measured on 26.2.1 … 26.10.2). Identical vectors score 1.0 on both, which is
    why the difference goes unnoticed; thresholds (`WHERE sim > 0.8`) and sort-and-cut logic
    silently change meaning.

    **Example.** `RETURN vector.similarity.cosine([1, 0], [0, 1]) AS sim` (Neo4j 0.5, ArcadeDB 0.0)

    **Use instead.** `(1 + vector.similarity.cosine(a, b)) / 2` — verified to return Neo4j's
    values on every release. Code already written that way is left alone.

    **Fix safety.** Safe: the rewrite gives Neo4j's value for every input (null stays null).
    """

    code = "ARC251"
    name = "vector-similarity-cosine"
    summary = "vector.similarity.cosine returns the raw cosine on ArcadeDB; Neo4j's value is (1 + cos) / 2"
    constructs = ("fn.vector.cosine.orth",)
    node_types = (P.FunctionInvocationContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        if analysis.function_name(node) != "vector.similarity.cosine" or is_normalised_cosine(node):
            return
        affected = ctx.affected("fn.vector.cosine.orth")
        if affected is None:
            return
        args = node.expression()
        fix = None
        if len(args) == 2 and node.DISTINCT() is None:
            a, b = (analysis.text_of(ctx.text, e) for e in args)
            new = wrap_quotient(node, cosine_score(a, b))
            fix = Fix("safe", f"rescale to Neo4j's range: {new}", (ctx.replace(node, new),))
        ctx.report(self, node, f"vector.similarity.cosine() gives the raw cosine (Neo4j: (1 + cos) / 2), so it "
                               f"{affected.where}", fix=fix, hint="use (1 + vector.similarity.cosine(a, b)) / 2")
