from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.util import fresh_names, star_projection


def _anonymous_typed_relationships(match: P.MatchClauseContext) -> list:
    """Single-type relationships without a variable whose two end nodes carry no label."""
    out = []
    for elem in analysis.descendants(match.pattern(), P.PatternElementContext):
        children = [c for c in elem.children or () if not hasattr(c, "symbol")]
        for i, child in enumerate(children):
            if not isinstance(child, P.RelationshipPatternContext):
                continue
            detail = child.relationshipDetail()
            if detail is None or detail.variable() is not None or detail.rangeLiteral() is not None:
                continue
            le = detail.labelExpression()
            if le is None or not isinstance(le.labelTerm(), P.LabelNameContext):
                continue  # untyped or several types: counted correctly
            left = children[i - 1] if i > 0 else None
            right = children[i + 1] if i + 1 < len(children) else None
            if not all(isinstance(n, P.NodePatternContext) and n.labelExpression() is None for n in (left, right)):
                continue  # a labelled end node makes the count right
            out.append(detail)
    return out


def _next_projection(match):
    """The WITH or RETURN that follows a MATCH in the same query part (None if there is none)."""
    clause = match.parentCtx
    part = clause.parentCtx
    seen = False
    for c in part.clause() if hasattr(part, "clause") else ():
        if c is clause:
            seen = True
            continue
        if seen:
            inner = c.children[0]
            if isinstance(inner, (P.WithClauseContext, P.ReturnClauseContext)):
                return inner
    return None


class AnonymousRelationshipCount(Rule):
    """`count(*)` over an anonymous typed relationship returns 0 on ArcadeDB 26.3–26.7.

    **What it does.** Flags a `MATCH` whose pattern has a single-type relationship without a
    variable between unlabelled nodes (`()-[:KNOWS]->()`, `(a)-[:KNOWS]->(b)`) when the next
    `RETURN`/`WITH` counts rows with `count(*)`.

    **Why it breaks on ArcadeDB.** On 26.3.2, 26.5.1 and 26.7.2 (measured) the native engine
    answers such a count with 0 — silently. Naming the end nodes does not help; naming the
    relationship, labelling an end node, or `count(1)` does. 26.2.1 and 26.10.2 count correctly.

    **Example.** `MATCH ()-[:KNOWS]->() RETURN count(*) AS c`

    **Use instead.** Name the relationship: `MATCH ()-[r:KNOWS]->() RETURN count(*) AS c`
    (verified on every measured release).

    **Fix safety.** Safe: the new variable is unused, so rows and columns are unchanged — unless
    the statement has `RETURN *`/`WITH *`, where it would add a column; then unsafe.
    """

    code = "ARC101"
    name = "anonymous-relationship-count"
    summary = "count(*) over an anonymous typed relationship returns 0 on ArcadeDB 26.3–26.7"
    constructs = ("anon.rel.count",)
    node_types = (P.MatchClauseContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        if "*" not in ctx.statement_text:  # no count(*) anywhere in the statement
            return
        projection = _next_projection(node)
        if projection is None:
            return
        items = projection.projectionBody().projectionItems()
        if not any(isinstance(i.expression(), P.CountStarContext) for i in items.projectionItem()):
            return
        details = _anonymous_typed_relationships(node)
        if not details:
            return
        affected = ctx.affected("anon.rel.count")
        if affected is None:
            return
        applicability = "unsafe" if star_projection(ctx) else "safe"
        names = fresh_names(ctx, "r", len(details))
        edits = tuple(ctx.insert(d.LBRACKET().symbol.stop + 1, name) for d, name in zip(details, names))
        fix = Fix(applicability, "name the relationship" + ("s" if len(details) > 1 else ""), edits)
        first = details[0]
        ctx.report(self, first, f"count(*) over an anonymous relationship {affected.where}", fix=fix,
                   hint=f"name the relationship: [{names[0]}{ctx.source(first)[1:]}")
