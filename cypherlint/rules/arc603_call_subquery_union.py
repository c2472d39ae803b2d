from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import is_nested, projected_names, var_text
from cypherlint.rules.scope import variables_before
from cypherlint.rules.util import escape_name, fresh_names


class CallSubqueryUnion(Rule):
    """`CALL { ... UNION ... }` drops every branch but the first up to ArcadeDB 26.4.

    **What it does.** Flags a `CALL { }` subquery whose body is a `UNION` / `UNION ALL`.

    **Why it breaks on ArcadeDB.** On 26.2.1 and 26.3.2 (measured) only the first branch's rows come
    back — silently. 26.5.1 and later return the union. The legacy engine cannot parse `CALL { }`.

    **Example.**

        CALL { MATCH (n:Person {name: 'a'}) RETURN n.name AS x
               UNION MATCH (n:Company) RETURN n.name AS x }
        RETURN x

    **Use instead.** One subquery per branch, each collecting its rows, then unwind the
    concatenation (verified on every measured release):

        CALL { MATCH (n:Person {name: 'a'}) WITH n.name AS x RETURN collect({x: x}) AS l1 }
        CALL { MATCH (n:Company) WITH n.name AS x RETURN collect({x: x}) AS l2 }
        UNWIND l1 + l2 AS row WITH DISTINCT row.x AS x
        RETURN x

    **Fix safety.** Unsafe: rows may come out in another order, and for `UNION` the `WITH DISTINCT`
    also merges outer rows that were identical before the subquery. Offered when every branch ends
    in `RETURN` of the same named columns and the subquery is a plain (not `OPTIONAL`, not
    `IN TRANSACTIONS`) top-level `CALL`.
    """

    code = "ARC603"
    name = "call-subquery-union"
    summary = "CALL { A UNION B } returns only A's rows up to ArcadeDB 26.4"
    constructs = ("sub.call.union",)
    node_types = (P.SubqueryCallContext,)
    fix_applicability = "unsafe"

    def visit(self, node, ctx) -> None:
        q = node.query()
        if q is None or not any(c.UNION() is not None for c in q.queryConnector()):
            return
        affected = ctx.affected("sub.call.union")
        if affected is None:
            return
        fix = self._fix(node, q, ctx)
        ctx.report(self, (ctx.span(node)[0], node.LBRACE().symbol.stop + 1),
                   f"CALL {{ ... UNION ... }} returns only the first branch: it {affected.where}", fix=fix,
                   hint="run each branch in its own CALL, collect its rows, and UNWIND the concatenation")

    @staticmethod
    def _fix(node, q, ctx) -> Fix | None:
        if node.OPTIONAL() is not None or node.inTransactions() is not None or is_nested(node):
            return None
        if any(c.UNION() is None for c in q.queryConnector()):
            return None
        scope = variables_before(node)
        if scope is None:
            return None
        parts = q.queryPart()
        returns, columns = [], None
        for part in parts:
            clauses = part.clause()
            if not clauses or not isinstance(clauses[-1].children[0], P.ReturnClauseContext):
                return None
            ret = clauses[-1].children[0]
            cols = projected_names(ret)
            if cols is None or (columns is not None and cols != columns):
                return None
            columns = cols
            returns.append(ret)
        distinct = any(c.ALL() is None for c in q.queryConnector())
        lists = fresh_names(ctx, "l", len(parts))
        row = fresh_names(ctx, "row", 1)[0]
        ctx.cache["bound_names"].update(lists + [row])
        record = "{" + ", ".join(f"{escape_name(c)}: {var_text(c)}" for c in columns) + "}"
        edits: list[Edit] = []
        for ret, name in zip(returns, lists):
            kw = ret.RETURN().symbol
            edits.append(Edit(kw.start, kw.stop + 1, "WITH"))
            end = ctx.span(ret)[1]
            edits.append(Edit(end, end, f" RETURN collect({record}) AS {name}"))
        scope_text = ctx.source(node.subqueryScope()) + " " if node.subqueryScope() is not None else ""
        for conn in q.queryConnector():
            s, e = ctx.span(conn)
            edits.append(Edit(s, e, "} CALL " + scope_text + "{"))
        carried = [var_text(v) for v in scope if v not in columns]
        fields = [f"{row}.{escape_name(c)} AS {var_text(c)}" for c in columns]
        tail = (f" UNWIND {' + '.join(lists)} AS {row} WITH {'DISTINCT ' if distinct else ''}"
                + ", ".join(carried + fields))
        end = node.RBRACE().symbol.stop + 1
        edits.append(Edit(end, end, tail))
        return Fix("unsafe", "one CALL per branch, then UNWIND the collected rows", tuple(edits))
