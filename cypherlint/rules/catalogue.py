"""Helpers shared by the catalogue rules (issue 4): where a node sits, and edits that bind values.

Pure functions of the tree and the statement context; no rule logic. Kept apart from ``util.py``
so that the catalogue rules can grow their helpers without touching a file every rule imports.
"""

from __future__ import annotations

import re

from antlr4.tree.Tree import TerminalNode

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Edit
from cypherlint.rules.scope import variables_before

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

# Places whose variables and clauses are not part of the enclosing query part's row stream.
NESTED = (P.SubqueryCallContext, P.ExistsSubqueryContext, P.CountSubqueryContext, P.CollectSubqueryContext,
          P.PatternComprehensionContext, P.ForeachClauseContext, P.PatternExpressionContext)


def clause_of(node):
    """The clause (MatchClause, WithClause, ...) that contains ``node`` (None if none)."""
    return analysis.nearest(node, analysis.CLAUSE_TYPES)


def is_nested(node) -> bool:
    """True if ``node`` sits inside a subquery, a pattern comprehension/expression or a FOREACH."""
    return analysis.nearest(node, NESTED) is not None


def pattern_clause(node):
    """For a node/relationship pattern: the MATCH/CREATE/MERGE clause whose pattern it belongs to.

    None when the pattern is part of an expression (pattern predicate, comprehension, subquery
    expression) or of a schema command.
    """
    for a in analysis.ancestors(node):
        if isinstance(a, (P.MatchClauseContext, P.CreateClauseContext, P.MergeClauseContext)):
            return a
        if isinstance(a, (P.ExpressionContext, P.SubqueryContentContext, P.IndexPatternContext,
                          P.ConstraintPatternContext)):
            return None
    return None


def element_atoms(elem: P.PatternElementContext) -> list:
    """The node / relationship / parenthesized-path children of a pattern element, in order."""
    return [c for c in elem.children or () if not isinstance(c, TerminalNode)]


def line_separator(ctx, offset: int) -> str:
    """A newline plus indentation if ``offset`` starts its line (keep one clause per line), else a space."""
    line_start = ctx.text.rfind("\n", 0, offset) + 1
    indent = ctx.text[line_start:offset]
    return "\n" + indent if line_start > 0 and not indent.strip() else " "


def bind_before(ctx, clause, bindings: list[tuple[str, str]]) -> Edit | None:
    """An edit inserting ``WITH a, b, expr AS name, ...`` right before ``clause``.

    ``bindings`` are (expression text, new variable name). The WITH names every variable bound
    before the clause explicitly: ``WITH *, expr AS x`` fails on ArcadeDB 26.2-26.3 (ARC617). None
    when the clause sits in a nested scope (subquery, FOREACH) or its scope cannot be determined.
    """
    if is_nested(clause):
        return None
    scope = variables_before(clause)
    if scope is None:
        return None
    start = analysis.span(clause)[0]
    return Edit(start, start, with_head(scope, bindings) + line_separator(ctx, start))


def var_text(name: str) -> str:
    """A variable as source text: plain when it is an identifier (keywords such as `row` are valid
    variables and must stay unquoted: backticked variables break on ArcadeDB, ARC214)."""
    if _IDENTIFIER.match(name):
        return name
    return "`" + name.replace("`", "``") + "`"


def with_head(scope: list[str], bindings: list[tuple[str, str]]) -> str:
    """``WITH a, b, expr AS x``: the variables in scope, then the new bindings."""
    items = [var_text(v) for v in scope] + [f"{expr} AS {name}" for expr, name in bindings]
    return "WITH " + ", ".join(items)


def where_edits(ctx, match: P.MatchClauseContext, condition: str) -> list[Edit]:
    """Edits that add ``condition`` to a MATCH clause's WHERE (creating the WHERE if needed)."""
    where = match.whereClause()
    if where is None:
        anchor = match.stop.stop + 1
        return [Edit(anchor, anchor, f" WHERE {condition}")]
    es, ee = analysis.span(where.expression())
    return [Edit(es, es, f"{condition} AND ("), Edit(ee, ee, ")")]


def projected_names(clause) -> list[str] | None:
    """The column names a WITH or RETURN produces, when every item is a variable or has an alias
    (None for `*` or an unaliased expression)."""
    items = clause.projectionBody().projectionItems()
    if items.STAR() is not None:
        return None
    out = []
    for item in items.projectionItem():
        if item.symbolicName() is not None:
            out.append(analysis.name_text(item.symbolicName().getText()))
        elif isinstance(item.expression(), P.VariableExpressionContext):
            out.append(analysis.name_text(item.expression().getText()))
        else:
            return None
    return out


def map_entries(ctx, m: P.MapLiteralContext) -> list[tuple[str, object]]:
    """(key as written, value expression node) for each entry of a map literal."""
    out = []
    children = list(m.children or ())
    for i, child in enumerate(children):
        if isinstance(child, P.ExpressionContext) and i >= 2:
            out.append((children[i - 2].getText(), child))
    return out


def uses_variable(expr, names: set[str]) -> bool:
    return any(isinstance(n, P.VariableExpressionContext) and analysis.name_text(n.getText()) in names
               for n in analysis.walk(expr))


def referenced_variables(expr) -> set[str]:
    return {analysis.name_text(n.getText()) for n in analysis.walk(expr) if isinstance(n, P.VariableExpressionContext)}


def locally_bound(expr) -> set[str]:
    """Variables an expression binds for its own sub-expressions (comprehensions, reduce, quantifiers)."""
    out = set()
    for n in analysis.walk(expr):
        if isinstance(n, (P.ListPredicateContext, P.ReduceExpressionContext, P.LegacyListFunctionContext,
                          P.PatternComprehensionContext, P.ListExpressionContext)):
            for v in analysis.descendants(n, P.VariableContext):
                out.add(analysis.name_text(v.getText()))
            if isinstance(n, P.ListExpressionContext):
                # [x IN list WHERE ... | ...]: the first element is `x IN list`
                exprs = n.expression()
                if exprs and isinstance(exprs[0], P.StringListPredicateExpressionContext) and exprs[0].IN() is not None:
                    first = exprs[0].expression(0)
                    if isinstance(first, P.VariableExpressionContext):
                        out.add(analysis.name_text(first.getText()))
        elif isinstance(n, (P.ExistsSubqueryContext, P.CountSubqueryContext, P.CollectSubqueryContext)):
            for v in analysis.descendants(n, P.VariableContext):
                out.add(analysis.name_text(v.getText()))
    return out


def keep_column_name(ctx, node) -> list[Edit]:
    """If ``node`` is inside an unaliased RETURN item, an edit that names the item after its text.

    Neo4j names an unaliased column after the expression as written; rewriting the expression would
    rename the column, so the fix adds ``AS `original text```.
    """
    from cypherlint.rules.util import escape_name

    item = analysis.nearest(node, P.ProjectionItemContext)
    if item is None or item.symbolicName() is not None:
        return []
    if isinstance(item.expression(), P.VariableExpressionContext):
        return []
    if not isinstance(analysis.nearest(item, (P.ReturnClauseContext, P.WithClauseContext)), P.ReturnClauseContext):
        return []
    end = analysis.span(item)[1]
    return [Edit(end, end, f" AS {escape_name(ctx.source(item))}")]
