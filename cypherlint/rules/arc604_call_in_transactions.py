from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule


def _returns_rows(node) -> bool:
    """Does the query part holding this CALL end in RETURN (so rows are expected anyway)?"""
    part = node.parentCtx.parentCtx
    if not isinstance(part, P.QueryPartContext):
        return True
    last = part.clause()[-1].children[0]
    return isinstance(last, P.ReturnClauseContext)


class CallInTransactions(Rule):
    """`CALL { } IN TRANSACTIONS`: extra rows up to ArcadeDB 26.4, and its options are ignored.

    **What it does.** Flags `CALL { ... } IN TRANSACTIONS` in a query without `RETURN`, and the
    options `ON ERROR CONTINUE/BREAK/RETRY`, `REPORT STATUS AS s` and `IN n CONCURRENT
    TRANSACTIONS` on any release (the last as a warning).

    **Why it breaks on ArcadeDB.** On 26.2.1 and 26.3.2 (measured) a query that ends in the
    subquery returns the input rows where Neo4j returns none. On every release only the batch size
    (`OF n ROWS`) is read: `ON ERROR CONTINUE` is ignored, so one failing batch fails the whole
    query ("/ by zero" on 26.10.2 where Neo4j carries on); `REPORT STATUS AS s` leaves `s`
    undefined ("UndefinedVariable"); `CONCURRENT` runs the batches one after another (same rows,
    no concurrency).

    **Example.** `UNWIND range(1, 3) AS i CALL { WITH i CREATE (:T {i: i}) } IN TRANSACTIONS OF 2 ROWS ON ERROR CONTINUE`

    **Use instead.** Ignore the extra rows on old releases (or end with `RETURN count(*) AS n`);
    make each batch unable to fail (validate in the outer query) instead of `ON ERROR CONTINUE`;
    count results yourself instead of `REPORT STATUS`.

    **Fix safety.** No fix: what to do on failure is a decision of the application.
    """

    code = "ARC604"
    name = "call-in-transactions"
    summary = "CALL { } IN TRANSACTIONS returns extra rows up to ArcadeDB 26.4; ON ERROR / REPORT STATUS / CONCURRENT are ignored"
    constructs = ("sub.call.intx", "sub.call.intx.onerror", "sub.call.intx.report", "sub.call.intx.concurrent")
    node_types = (P.SubqueryCallContext,)

    def visit(self, node, ctx) -> None:
        intx = node.inTransactions()
        if intx is None:
            return
        if not _returns_rows(node):
            affected = ctx.affected("sub.call.intx")
            if affected is not None:
                ctx.report(self, intx, f"a query ending in CALL {{ }} IN TRANSACTIONS returns its input rows: it "
                           f"{affected.where}", hint="ignore the returned rows, or end the query with RETURN count(*) AS n")
        if intx.CONCURRENT() is not None:
            affected = ctx.affected("sub.call.intx.concurrent")
            if affected is not None:
                s = ctx.span(intx)[0]
                e = intx.CONCURRENT().symbol.stop + 1
                ctx.report(self, (s, e), f"CONCURRENT is ignored (batches run one after another): it {affected.where}",
                           severity="warning", hint="drop CONCURRENT, or split the work across connections")
        for option in intx.inTransactionsOption():
            if option.ERROR() is not None:
                if option.FAIL() is not None and option.RETRY() is None:
                    continue  # ON ERROR FAIL is what ArcadeDB does anyway
                construct, what = "sub.call.intx.onerror", "ON ERROR is ignored: a failing batch fails the query"
                hint = "make the batches unable to fail (validate the rows first)"
            elif option.REPORT() is not None:
                construct, what = "sub.call.intx.report", "REPORT STATUS is ignored: the status variable is never bound"
                hint = "count the processed rows yourself"
            else:
                continue
            affected = ctx.affected(construct)
            if affected is not None:
                ctx.report(self, option, f"{what}; it {affected.where}", hint=hint)
