from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule

# A pattern expression directly under one of these is a predicate: the boolean operators.
_BOOLEAN_OPERATORS = (P.NotExpressionContext, P.AndExpressionContext, P.OrExpressionContext, P.XorExpressionContext)
# Rules whose `WHERE expression` part (not a whereClause node) is a predicate position.
_INLINE_WHERE = (P.ListExpressionContext, P.ListPredicateContext, P.LegacyListFunctionContext)


def _is_predicate_position(node) -> bool:
    """True when the pattern expression is tested for existence, not used as a value."""
    child = node
    parent = node.parentCtx
    while isinstance(parent, P.ParenthesizedExpressionContext):
        child, parent = parent, parent.parentCtx
    if isinstance(parent, (P.WhereClauseContext,) + _BOOLEAN_OPERATORS):
        return True
    if isinstance(parent, P.FunctionInvocationContext):
        return analysis.function_name(parent) == "exists"
    if isinstance(parent, _INLINE_WHERE):
        # the expression right after the WHERE token
        children = parent.children
        i = children.index(child)
        prev = children[i - 1] if i > 0 else None
        return prev is not None and getattr(getattr(prev, "symbol", None), "type", None) == P.WHERE
    return False


class PatternExpressionValue(Rule):
    """A relationship pattern used as a value, e.g. `size((a)-->())`, is rejected by ArcadeDB and Neo4j 5.

    **What it does.** Flags a pattern expression such as `(a)-[:R]->()` that appears anywhere
    except in a predicate position: a `WHERE`, an operand of `NOT`/`AND`/`OR`/`XOR`, or the
    argument of `exists()`. Typical cases are `size((a)-->())`, `RETURN (n)-->()` and
    `head(nodes(head((n)-->())))`.

    **Why it breaks on ArcadeDB.** Neo4j 4 evaluated such a pattern to a list of paths. Neo4j 5
    and openCypher no longer allow that: a pattern expression only tests whether the pattern
    exists. ArcadeDB's native engine follows Neo4j 5 and refuses the whole query ("Pattern
    expressions are not allowed in RETURN projections"), on every measured release.

    **Example.** `MATCH (p:Person) RETURN p.name, size((p)-[:KNOWS]->()) AS friends`

    **Use instead.** A pattern comprehension, which builds the list explicitly:
    `size([(p)-[:KNOWS]->() | 1])` to count, `[(n)-->(m) | m]` for the matches, or
    `EXISTS { (n)-->() }` when a boolean was meant. (`COUNT { (p)-[:KNOWS]->() }` also counts,
    but it returns wrong results on some ArcadeDB releases; see `pred.count.subquery`.)

    **Fix safety.** `size(<pattern>)` → `size([<pattern> | 1])` is safe: the comprehension has one
    element per match of the pattern, exactly the paths Neo4j 4 counted. Other uses get a
    display-only suggestion, because what the query meant (paths, nodes, a boolean) is a choice.
    """

    code = "ARC201"
    name = "pattern-expression-value"
    summary = "a relationship pattern used as a value (size((a)-->()), RETURN (a)-->()) is rejected"
    constructs = ("pred.size.pattern",)
    node_types = (P.PatternExpressionContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        if _is_predicate_position(node):
            return
        affected = ctx.affected("pred.size.pattern")
        if affected is None:
            return
        pattern = ctx.source(node)
        parent = node.parentCtx
        if (
            isinstance(parent, P.FunctionInvocationContext)
            and analysis.function_name(parent) == "size"
            and parent.DISTINCT() is None
            and len(parent.expression()) == 1
        ):
            start, end = ctx.span(node)
            fix = Fix("safe", "count the matches with a pattern comprehension",
                      (ctx.insert(start, "["), ctx.insert(end, " | 1]")))
            ctx.report(self, parent, f"size() of a pattern expression {affected.where}", fix=fix,
                       hint=f"write size([{pattern} | 1])")
            return
        fix = Fix("display-only", f"use a pattern comprehension [{pattern} | ...] for the matches, "
                                  f"or EXISTS {{ {pattern} }} for a boolean")
        ctx.report(self, node, f"a pattern expression used as a value {affected.where}", fix=fix,
                   hint=f"write [{pattern} | <what you need from each match>] or EXISTS {{ {pattern} }}")
