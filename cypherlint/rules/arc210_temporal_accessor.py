from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import is_nested, locally_bound, projected_names, referenced_variables, with_head
from cypherlint.rules.scope import variables_before
from cypherlint.rules.util import escape_name, fresh_names, star_projection

DATE_FIELDS = {"year", "quarter", "month", "week", "weekyear", "dayofquarter", "quarterday", "day", "ordinalday",
               "dayofweek", "weekday"}
TIME_FIELDS = {"hour", "minute", "second", "millisecond", "microsecond", "nanosecond", "timezone", "offset",
               "offsetminutes", "offsetseconds"}
EPOCH_FIELDS = {"epochmillis", "epochseconds"}
DURATION_FIELDS = {"years", "quarters", "months", "weeks", "days", "hours", "minutes", "seconds", "milliseconds",
                   "microseconds", "nanoseconds", "quartersofyear", "monthsofquarter", "monthsofyear", "daysofweek",
                   "minutesofhour", "secondsofminute", "millisecondsofsecond", "microsecondsofsecond",
                   "nanosecondsofsecond"}
ALL_FIELDS = DATE_FIELDS | TIME_FIELDS | EPOCH_FIELDS | DURATION_FIELDS
TEMPORAL_FUNCTIONS = {"date", "datetime", "localdatetime", "localtime", "time", "duration", "zoned_datetime",
                      "local_datetime", "local_time", "zoned_time", "duration_between"}
TEMPORAL_NAMESPACES = ("date.", "datetime.", "localdatetime.", "localtime.", "time.", "duration.")


def _unwrap(expr):
    while isinstance(expr, P.ParenthesizedExpressionContext):
        expr = expr.expression()
    return expr


def _field(node: P.PropertyExpressionContext) -> str:
    return analysis.name_text(node.children[-1].getText()).lower()


def _pattern_variables(tree) -> set[str]:
    out = set()
    for v in analysis.descendants(tree, P.VariableContext):
        if isinstance(v.parentCtx, (P.NodePatternContext, P.RelationshipDetailContext)):
            out.add(analysis.name_text(v.getText()))
    return out


def classify(node: P.PropertyExpressionContext, ctx) -> str | None:
    """The compat construct of a temporal accessor read off an expression, or None if it is not one."""
    field = _field(node)
    if field not in ALL_FIELDS:
        return None
    base = _unwrap(node.expression())
    if isinstance(base, P.FunctionInvocationContext):
        fn = analysis.function_name(base)
        if fn not in TEMPORAL_FUNCTIONS and not fn.startswith(TEMPORAL_NAMESPACES):
            return None
        if fn.startswith("duration.") or fn == "duration_between":
            return "fn.duration.between.days"
        if fn == "duration":
            return "fn.duration.map.days"
        if field in EPOCH_FIELDS:
            return "fn.datetime.epochMillis"
        if field in TIME_FIELDS:
            return "fn.datetime.hour"
        return "fn.date.year"
    if isinstance(base, P.PropertyExpressionContext) and field not in DURATION_FIELDS:
        owner = _unwrap(base.expression())
        if not isinstance(owner, P.VariableExpressionContext):
            return None
        pattern_vars = ctx.cache.get("arc210_pattern_vars")
        if pattern_vars is None:
            pattern_vars = ctx.cache["arc210_pattern_vars"] = _pattern_variables(ctx.tree)
        # Neo4j stores no maps in properties: n.p.year on a node/relationship reads a temporal.
        if analysis.name_text(owner.getText()) in pattern_vars:
            return "write.datetime.prop"
    return None


class TemporalAccessor(Rule):
    """Reading `.year`, `.hour`, `.days`, ... off a temporal expression returns null up to ArcadeDB 26.4.

    **What it does.** Flags a temporal component read directly off a temporal function call or a
    stored property: `date('2024-01-15').year`, `datetime(s).hour`, `datetime(s).epochMillis`,
    `duration.between(a, b).days`, `duration({days: 2}).days`, `e.at.year` (with `e` a node or
    relationship).

    **Why it breaks on ArcadeDB.** On 26.2.1 and 26.3.2 (measured) every one of these returns
    `null` — silently; 26.5.1 and later return Neo4j's values. The same component read off a
    *variable* bound to the temporal works on every release.

    **Example.** `MATCH (e:Event) RETURN e.at.year AS y, duration.between(e.start, e.end).days AS d`

    **Use instead.** Bind the temporal first (verified on every measured release):

        MATCH (e:Event)
        WITH e, e.at AS at, duration.between(e.start, e.end) AS between
        RETURN at.year AS y, between.days AS d

    and in a filter: `MATCH (e:Event) WITH e, e.at AS at WHERE at.year = 2024 RETURN e`.

    **Fix safety.** Safe: the new `WITH` carries every variable in scope (by name: `WITH *, x`
    fails on 26.2-26.3) and only adds the bound values, so rows and columns stay the same (unsafe
    under `RETURN *`/`WITH *`, where the new variables would show up). Offered for accessors in
    `RETURN`/`WITH` items and in the `WHERE` of a plain
    `MATCH` (`MATCH p WHERE c` filters like `MATCH p WITH p WHERE c`) or of a `WITH` without
    `ORDER BY`/`SKIP`/`LIMIT`, in a top-level query part; elsewhere bind the value by hand.
    """

    code = "ARC210"
    name = "temporal-accessor"
    summary = "date(..).year, datetime(..).hour, duration.between(..).days, n.at.year return null up to ArcadeDB 26.4"
    constructs = ("fn.date.year", "fn.datetime.hour", "fn.datetime.epochMillis", "fn.duration.between.days",
                  "fn.duration.map.days", "write.datetime.prop")
    node_types = (P.PropertyExpressionContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        construct = classify(node, ctx)
        if construct is None:
            return
        affected = ctx.affected(construct)
        if affected is None:
            return
        ctx.cache.setdefault("arc210", []).append((node, affected))

    def finish(self, ctx) -> None:
        found = ctx.cache.get("arc210")
        if not found:
            return
        fixes = self._fixes(ctx, [n for n, _ in found])
        for node, affected in found:
            base = ctx.source(_unwrap(node.expression()))
            field = node.children[-1].getText()
            ctx.report(self, node, f"{ctx.source(node)}: reading .{field} off a temporal expression gives null; it "
                       f"{affected.where}",
                       fix=fixes.get(node), hint=f"bind it first: WITH ..., {base} AS t ... t.{field}")

    def _fixes(self, ctx, nodes) -> dict:
        """One fix per anchor: bind every base expression in a WITH right before it.

        Anchors are RETURN/WITH projections (the WITH goes before the clause) and the WHERE of a
        MATCH or of a WITH without ORDER BY/SKIP/LIMIT (the WITH goes before the WHERE, which then
        filters the WITH: `MATCH p WHERE c` is `MATCH p WITH p WHERE c` for a non-optional MATCH).
        """
        groups: dict = {}
        for node in nodes:
            anchor = self._anchor(node)
            if anchor is not None:
                groups.setdefault(anchor, []).append(node)
        out = {}
        for anchor, group in groups.items():
            fix = self._fix_group(ctx, anchor, group)
            if fix is None:
                continue
            for node in fix[1]:
                out[node] = fix[0]
        return out

    @staticmethod
    def _anchor(node):
        item = analysis.nearest(node, (P.ProjectionItemContext, P.WhereClauseContext, P.SortItemContext))
        if isinstance(item, P.ProjectionItemContext):
            clause = analysis.nearest(item, (P.WithClauseContext, P.ReturnClauseContext))
        elif isinstance(item, P.WhereClauseContext):
            clause = item.parentCtx
            if isinstance(clause, P.MatchClauseContext):
                if clause.OPTIONAL() is not None:
                    return None
            elif isinstance(clause, P.WithClauseContext):
                body = clause.projectionBody()
                if body.orderBy() is not None or body.skip() is not None or body.limit() is not None:
                    return None
            else:
                return None
        else:
            return None
        if clause is None or is_nested(clause):
            return None
        return item if isinstance(item, P.WhereClauseContext) else clause

    def _fix_group(self, ctx, anchor, group):
        if isinstance(anchor, P.WhereClauseContext):
            clause = anchor.parentCtx
            before = variables_before(clause)
            if before is None:
                return None
            if isinstance(clause, P.MatchClauseContext):
                scope = before + _pattern_variable_list(clause)
            else:
                scope = projected_names(clause)
                if scope is None:
                    return None
        else:
            clause = anchor
            scope = variables_before(clause)
        if scope is None or (not scope and isinstance(anchor, P.WhereClauseContext)):
            return None
        usable = []
        for node in group:
            base = _unwrap(node.expression())
            # the base may only use variables of the enclosing scope (not comprehension locals)
            names = referenced_variables(base)
            if not names <= set(scope) or names & _enclosing_locals(node, anchor):
                continue
            usable.append(node)
        # An accessor inside another's base (`date(date().year).year`): bind the outer one now;
        # the inner one then sits in the new WITH and is fixed in the next round.
        spans = [ctx.span(_unwrap(n.expression())) for n in usable]
        usable = [n for n, (s, e) in zip(usable, spans)
                  if not any(os <= s and e <= oe and (os, oe) != (s, e) for os, oe in spans)]
        if not usable:
            return None
        texts: dict[str, str] = {}
        edits: list[Edit] = []
        for node in usable:
            base = _unwrap(node.expression())
            text = ctx.source(base)
            if text not in texts:
                texts[text] = fresh_names(ctx, "t", 1)[0]
                ctx.cache["bound_names"].add(texts[text])
            edits.append(ctx.replace(node.expression(), texts[text]))
        # An unaliased RETURN item is named after its text: keep that name.
        if isinstance(anchor, P.ReturnClauseContext):
            for item in {analysis.nearest(n, P.ProjectionItemContext) for n in usable}:
                if item.symbolicName() is None:
                    edits.append(ctx.insert(ctx.span(item)[1], f" AS {escape_name(ctx.source(item))}"))
        head = with_head([v for v in scope if v not in texts.values()], list(texts.items()))
        start = ctx.span(anchor)[0]
        if isinstance(anchor, P.WhereClauseContext):
            edits.append(Edit(start, start, head + " "))
        else:
            line_start = ctx.text.rfind("\n", 0, start) + 1
            indent = ctx.text[line_start:start]
            sep = "\n" + indent if line_start > 0 and not indent.strip() else " "
            edits.append(Edit(start, start, head + sep))
        applicability = "unsafe" if star_projection(ctx) else "safe"
        return Fix(applicability, f"bind the temporal first: {head}", tuple(edits)), usable


def _pattern_variable_list(match) -> list[str]:
    out = []
    for v in analysis.descendants(match.pattern(), P.VariableContext):
        if isinstance(v.parentCtx, (P.NodePatternContext, P.RelationshipDetailContext, P.PatternPartContext)):
            name = analysis.name_text(v.getText())
            if name not in out:
                out.append(name)
    return out


def _enclosing_locals(node, clause) -> set[str]:
    """Variables bound by comprehensions/quantifiers between ``node`` and its clause."""
    out = set()
    for a in analysis.ancestors(node):
        if a is clause:
            break
        if isinstance(a, (P.ListPredicateContext, P.ReduceExpressionContext, P.ListExpressionContext,
                          P.PatternComprehensionContext, P.LegacyListFunctionContext)):
            out |= locally_bound(a)
    return out
