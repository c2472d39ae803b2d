from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule


def range_for(q: P.QuantifierContext) -> str | None:
    """The variable-length range equivalent to a quantifier: {1,3} -> *1..3, + -> *1.., * -> *0.."""
    if q.PLUS() is not None:
        return "*1.."
    if q.STAR() is not None:
        return "*0.."
    ints = [int(t.getText().replace("_", "")) for t in q.DECIMAL_INTEGER()]
    if q.COMMA() is None:  # {n}
        return f"*{ints[0]}" if ints else None
    comma = q.COMMA().symbol.start
    lower = next((int(t.getText().replace("_", "")) for t in q.DECIMAL_INTEGER() if t.symbol.start < comma), 0)
    upper = next((int(t.getText().replace("_", "")) for t in q.DECIMAL_INTEGER() if t.symbol.start > comma), None)
    return f"*{lower}.." + ("" if upper is None else str(upper))


def _detail_with_range(ctx, rel: P.RelationshipPatternContext, rng: str) -> str | None:
    """Relationship pattern text with ``rng`` added inside its brackets (None if not possible)."""
    detail = rel.relationshipDetail()
    text = ctx.source(rel)
    if detail is None:
        left = "<-" if rel.LT() is not None else "-"
        right = "->" if rel.GT() is not None else "-"
        return f"{left}[{rng}]{right}"
    if detail.whereClause() is not None or detail.rangeLiteral() is not None:
        return None
    rs, _ = ctx.span(rel)
    props = detail.mapLiteral() or detail.parameter()
    insert_at = ctx.span(props)[0] if props is not None else detail.RBRACKET().symbol.start
    rel_offset = insert_at - rs
    sep = " " if props is not None else ""
    return text[:rel_offset].rstrip() + rng + sep + text[rel_offset:]


class QuantifiedPathPattern(Rule):
    """Quantified path patterns and quantified relationships fail or return wrong rows up to 26.3.

    **What it does.** Flags Neo4j 5.9+ quantifiers: quantified relationships
    (`-[:KNOWS]->{1,3}`, `-[:KNOWS]->+`) and quantified path patterns
    (`((a)-[:KNOWS]->(b)){1,3}`).

    **Why it breaks on ArcadeDB.** On 26.2.1 and 26.3.2 (measured) a quantified relationship returns
    only the first hop and a quantified path pattern fails with "UndefinedVariable"; QPP arrived in
    26.5.1 for a single relationship inside the group only ("Phase A"), with multi-hop groups and
    inner `WHERE` rejected until later. The legacy engine cannot parse either.

    **Example.** `MATCH (a:Person {name: 'a'})-[:KNOWS]->{1,3}(x) RETURN x.name`

    **Use instead.** A variable-length relationship:
    `MATCH (a:Person {name: 'a'})-[:KNOWS*1..3]->(x) RETURN x.name` (verified on every measured
    release). `{m,n}` is `*m..n`, `{n}` is `*n`, `+` is `*1..`, `*` is `*0..`.

    **Fix safety.** Safe for a quantified relationship and for a quantified group that holds one
    relationship between anonymous nodes: both forms match the same paths (relationships are
    unique within a match in both). Other quantified groups get no fix.
    """

    code = "ARC103"
    name = "quantified-path-pattern"
    summary = "quantified path patterns / relationships fail or return only the first hop up to ArcadeDB 26.3"
    constructs = ("vlp.qpp.rel", "vlp.qpp")
    node_types = (P.QuantifierContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        elem = node.parentCtx
        children = list(elem.children or ())
        i = children.index(node)
        quantified = children[i - 1] if i > 0 else None
        if isinstance(quantified, P.RelationshipPatternContext):
            construct = "vlp.qpp.rel"
        elif isinstance(quantified, P.ParenthesizedPathContext):
            construct = "vlp.qpp"
        else:
            return
        affected = ctx.affected(construct)
        if affected is None:
            return
        fix = self._fix(ctx, node, quantified, children, i)
        what = "quantified relationship" if construct == "vlp.qpp.rel" else "quantified path pattern"
        ctx.report(self, (ctx.span(quantified)[0], ctx.span(node)[1]), f"{what} {affected.where}", fix=fix,
                   hint=f"write {fix.edits[0].content}" if fix else "use a variable-length relationship -[:R*m..n]->")

    def _fix(self, ctx, q, quantified, children, i) -> Fix | None:
        rng = range_for(q)
        if rng is None:
            return None
        if isinstance(quantified, P.RelationshipPatternContext):
            new = _detail_with_range(ctx, quantified, rng)
            if new is None:
                return None
            start, _ = ctx.span(quantified)
            _, end = ctx.span(q)
            return Fix("safe", f"use a variable-length relationship {new}", (Edit(start, end, new),))
        # ((a)-[:R]->(b)){m,n} between two node patterns -> -[:R*m..n]->
        inner = quantified.patternElement()
        parts = [c for c in inner.children or ()]
        if (quantified.pathSelector() is not None or quantified.whereClause() is not None or len(parts) != 3
                or not isinstance(parts[1], P.RelationshipPatternContext)
                or not all(isinstance(p, P.NodePatternContext) and p.getChildCount() == 2 for p in (parts[0], parts[2]))):
            return None
        left = children[i - 2] if i >= 2 else None
        right = children[i + 1] if i + 1 < len(children) else None
        if not isinstance(left, P.NodePatternContext) or not isinstance(right, P.NodePatternContext):
            return None
        new = _detail_with_range(ctx, parts[1], rng)
        if new is None or (parts[1].relationshipDetail() is not None and parts[1].relationshipDetail().variable()):
            return None
        start = ctx.span(left)[1]
        end = ctx.span(right)[0]
        return Fix("safe", f"use a variable-length relationship {new}", (Edit(start, end, new),))
