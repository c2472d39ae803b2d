"""Which variables are in scope before a clause (simple forward scan of one query part)."""

from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P


def _pattern_variables(node) -> list[str]:
    out = []
    for n in analysis.walk(node):
        if isinstance(n, (P.PatternExpressionContext, P.ExistsSubqueryContext, P.CountSubqueryContext,
                          P.CollectSubqueryContext, P.PatternComprehensionContext)):
            continue
        if isinstance(n, P.VariableContext) and isinstance(
            n.parentCtx, (P.NodePatternContext, P.RelationshipDetailContext, P.PatternPartContext)
        ):
            out.append(analysis.name_text(n.getText()))
    return out


def variables_before(clause) -> list[str] | None:
    """Variables bound before ``clause`` in its query part, in first-binding order.

    None when the scope cannot be known exactly (an imported CALL scope, or a part that starts
    inside a subquery importing outer variables).
    """
    wrapper = clause.parentCtx
    part = wrapper.parentCtx
    if not isinstance(part, P.QueryPartContext):
        return None
    scope: list[str] = []

    def add(names):
        for n in names:
            if n not in scope:
                scope.append(n)

    for c in part.clause():
        if c is wrapper:
            return scope
        inner = c.children[0]
        if isinstance(inner, (P.MatchClauseContext, P.CreateClauseContext, P.MergeClauseContext, P.InsertClauseContext)):
            add(_pattern_variables(inner.pattern() if not isinstance(inner, P.MergeClauseContext) else inner.patternPart()))
        elif isinstance(inner, (P.UnwindClauseContext, P.LoadCsvClauseContext)):
            add([analysis.name_text(inner.symbolicName().getText())])
        elif isinstance(inner, P.WithClauseContext):
            items = inner.projectionBody().projectionItems()
            new = list(scope) if items.STAR() is not None else []
            for item in items.projectionItem():
                if item.symbolicName() is not None:
                    name = analysis.name_text(item.symbolicName().getText())
                elif isinstance(item.expression(), P.VariableExpressionContext):
                    name = analysis.name_text(item.expression().getText())
                else:
                    return None
                if name not in new:
                    new.append(name)
            scope = new
        elif isinstance(inner, P.ProcedureCallContext):
            y = inner.yieldClause()
            if y is not None:
                if y.STAR() is not None:
                    return None
                for item in y.yieldItem():
                    names = item.symbolicName()
                    add([analysis.name_text(names[-1].getText())])
        elif isinstance(inner, P.SubqueryCallContext):
            # Variables returned by the subquery become visible.
            q = inner.query()
            if q is not None:
                for ret in analysis.descendants(q, P.ReturnClauseContext):
                    for item in ret.projectionBody().projectionItems().projectionItem():
                        if item.symbolicName() is not None:
                            add([analysis.name_text(item.symbolicName().getText())])
                        elif isinstance(item.expression(), P.VariableExpressionContext):
                            add([analysis.name_text(item.expression().getText())])
    return scope
