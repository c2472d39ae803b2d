from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import element_atoms, keep_column_name


class CountSubquery(Rule):
    """`COUNT { ... }` subqueries return null up to ArcadeDB 26.3.

    **What it does.** Flags `COUNT { pattern }` and `COUNT { MATCH ... }` subquery expressions.

    **Why it breaks on ArcadeDB.** On 26.2.1 and 26.3.2 (measured) the expression evaluates to
    `null` for every row — silently. The subquery implementation was reworked in 26.4.2; 26.5.1 and
    later count like Neo4j. The legacy engine cannot parse it.

    **Example.** `MATCH (p:Person) RETURN p.name AS name, COUNT { (p)-[:KNOWS]->() } AS c`

    **Use instead.** The size of a pattern comprehension:
    `MATCH (p:Person) RETURN p.name AS name, size([(p)-[:KNOWS]->() | 1]) AS c` (verified on every
    measured release), or `OPTIONAL MATCH (p)-[:KNOWS]->(f) ... count(f)`.

    **Fix safety.** Safe for a body that is one pattern with at least one relationship and no
    `WHERE`: the comprehension has one element per match of the pattern, which is what `COUNT`
    counts. Bodies with `WHERE` or a full query get no fix.
    """

    code = "ARC213"
    name = "count-subquery"
    summary = "COUNT { } returns null up to ArcadeDB 26.3; use size([pattern | 1])"
    constructs = ("pred.count.subquery",)
    node_types = (P.CountSubqueryContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        affected = ctx.affected("pred.count.subquery")
        if affected is None:
            return
        fix = self._fix(node, ctx)
        ctx.report(self, node, f"COUNT {{ }} subquery {affected.where} (null)", fix=fix,
                   hint=fix.message if fix else "count with OPTIONAL MATCH ... count(x), or size([pattern | 1])")

    @staticmethod
    def _fix(node, ctx) -> Fix | None:
        content = node.subqueryContent()
        pattern = content.pattern()
        if pattern is None or content.whereClause() is not None or len(pattern.patternPart()) != 1:
            return None
        part = pattern.patternPart(0)
        if part.pathSelector() is not None:
            return None
        atoms = element_atoms(part.patternElement())
        if not any(isinstance(a, P.RelationshipPatternContext) for a in atoms):
            return None
        if not all(isinstance(a, (P.NodePatternContext, P.RelationshipPatternContext)) for a in atoms):
            return None
        if any(isinstance(c, P.QuantifierContext) for c in part.patternElement().children or ()):
            return None
        text = ctx.source(part)
        new = f"size([{text} | 1])"
        return Fix("safe", f"use {new}", (ctx.replace(node, new), *keep_column_name(ctx, node)))
