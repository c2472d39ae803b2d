from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.util import escape_name, fresh_names


def _has(term, kind) -> bool:
    return any(isinstance(n, kind) for n in analysis.walk(term))


def label_condition(term, var: str) -> str | None:
    """A label expression as an equivalent boolean WHERE condition on ``var`` (None if impossible)."""
    if isinstance(term, P.LabelNameContext):
        return f"{var}:{escape_name(analysis.name_text(term.getText()))}"
    if isinstance(term, P.ParenthesizedLabelContext):
        inner = label_condition(term.labelTerm(), var)
        return None if inner is None else f"({inner})"
    if isinstance(term, P.NegatedLabelContext):
        inner = label_condition(term.labelTerm(), var)
        return None if inner is None else f"NOT {inner}"
    if isinstance(term, (P.LabelConjunctionContext, P.LabelDisjunctionContext)):
        left, right = (label_condition(t, var) for t in term.labelTerm())
        if left is None or right is None:
            return None
        op = "OR" if isinstance(term, P.LabelDisjunctionContext) else "AND"
        # & binds tighter than |: wrap operands that are of the other kind.
        parts = []
        for sub, text in zip(term.labelTerm(), (left, right)):
            if isinstance(sub, (P.LabelConjunctionContext, P.LabelDisjunctionContext)) and type(sub) is not type(term):
                text = f"({text})"
            parts.append(text)
        return f" {op} ".join(parts)
    return None  # %, dynamic labels


class LabelDisjunction(Rule):
    """Label expressions with `|` or `!` in a MATCH node pattern return wrong rows up to ArcadeDB 26.7.

    **What it does.** Flags node patterns in `MATCH` whose label expression uses disjunction
    (`(n:A|B)`) or negation (`(n:!A)`).

    **Why it breaks on ArcadeDB.** `(n:A|B)` matches only `A` nodes on 26.2.1–26.5.1 (measured;
    fixed in 26.6.1 by the source history, issues #4105/#4211). `(n:!A)` fails on 26.2.1 and
    returns no rows on 26.3.2–26.7.2 (measured); 26.10.2 is correct. The legacy engine's
    openCypher 9 front-end has no label expressions at all.

    **Example.** `MATCH (n:Person|Company) RETURN n.name`

    **Use instead.** The same condition in `WHERE`:
    `MATCH (n) WHERE n:Person OR n:Company RETURN n.name` (verified on every measured release).

    **Fix safety.** Safe: `WHERE n:A OR n:B` is the definition of `(n:A|B)`. An anonymous node gets
    a new, unused variable.
    """

    code = "ARC102"
    name = "label-expression-in-pattern"
    summary = "(n:A|B) and (n:!A) in MATCH return wrong rows up to ArcadeDB 26.7; use WHERE n:A OR n:B"
    constructs = ("pred.label.expr", "pred.label.not")
    node_types = (P.NodePatternContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        le = node.labelExpression()
        if le is None:
            return
        source = ctx.source(le)
        if "|" not in source and "!" not in source:  # neither disjunction nor negation: skip the walk
            return
        term = le.labelTerm()
        construct = None
        if _has(term, P.LabelDisjunctionContext):
            construct = "pred.label.expr"
        elif _has(term, P.NegatedLabelContext):
            construct = "pred.label.not"
        if construct is None:
            return
        match = analysis.nearest(node, P.MatchClauseContext)
        if match is None or analysis.nearest(node, P.ExpressionContext) is not None:
            return  # CREATE/MERGE reject these anyway; pattern predicates are another shape
        affected = ctx.affected(construct)
        if affected is None:
            return
        fix = self._fix(node, le, term, match, ctx)
        what = "label disjunction" if construct == "pred.label.expr" else "label negation"
        ctx.report(self, le, f"{what} {ctx.source(le)} in a MATCH pattern {affected.where}", fix=fix,
                   hint=f"move it to WHERE: {fix.message}" if fix else "move the label test to WHERE")

    def _fix(self, node, le, term, match, ctx) -> Fix | None:
        var_node = node.variable()
        edits = []
        if var_node is None:
            var = fresh_names(ctx, "n", 1)[0]
        else:
            var = ctx.source(var_node)
        condition = label_condition(term, var)
        if condition is None:
            return None
        # Remove the label expression; an anonymous node gets the new name in its place.
        s, e = ctx.span(le)
        edits.append(Edit(s, e, "" if var_node is not None else var))
        where = match.whereClause()
        if where is None:
            anchor = match.stop.stop + 1  # after the pattern (and hints)
            edits.append(ctx.insert(anchor, f" WHERE {condition}"))
        else:
            expr = where.expression()
            es, ee = ctx.span(expr)
            edits.append(ctx.insert(es, f"({condition}) AND ("))
            edits.append(ctx.insert(ee, ")"))
        return Fix("safe", f"WHERE {condition}", tuple(edits))
