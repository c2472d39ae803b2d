from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule


class PeriodicCommit(Rule):
    """`USING PERIODIC COMMIT` is rejected by ArcadeDB: use `CALL { } IN TRANSACTIONS`.

    **What it does.** Flags the Neo4j 3/4 `USING PERIODIC COMMIT [n]` prefix.

    **Why it breaks on ArcadeDB.** The native engine rejects it before parsing: "Deprecated syntax:
    'PERIODIC COMMIT' is no longer supported. Use 'CALL { ... } IN TRANSACTIONS [OF n ROWS]'
    instead" (every release; measured on 26.10.2). Neo4j 5 removed it too.

    **Example.** `USING PERIODIC COMMIT 500 LOAD CSV WITH HEADERS FROM $url AS row CREATE (:Person {name: row.name})`

    **Use instead.**
    `LOAD CSV WITH HEADERS FROM $url AS row CALL { WITH row CREATE (:Person {name: row.name}) } IN TRANSACTIONS OF 500 ROWS`,
    sent outside an explicit transaction.

    **Fix safety.** Unsafe: the batches commit the same writes, but the query must run in an
    implicit (auto-commit) transaction, and on ArcadeDB up to 26.4 it then returns its input rows
    (ARC604). Offered when the query is `LOAD CSV ... AS row` followed by write clauses without
    `RETURN`.
    """

    code = "ARC612"
    name = "periodic-commit"
    summary = "USING PERIODIC COMMIT is rejected by ArcadeDB; use CALL { } IN TRANSACTIONS"
    constructs = ("syntax.periodic.commit",)
    node_types = (P.PeriodicCommitHintContext,)
    fix_applicability = "unsafe"

    def visit(self, node, ctx) -> None:
        affected = ctx.affected("syntax.periodic.commit")
        if affected is None:
            return
        fix = self._fix(node, ctx)
        ctx.report(self, node, f"USING PERIODIC COMMIT {affected.where}", fix=fix,
                   hint="LOAD CSV ... AS row CALL { WITH row ... } IN TRANSACTIONS OF n ROWS")

    @staticmethod
    def _fix(node, ctx) -> Fix | None:
        query = node.parentCtx
        parts = query.queryPart()
        if len(parts) != 1:
            return None
        clauses = [c.children[0] for c in parts[0].clause()]
        if len(clauses) < 2 or not isinstance(clauses[0], P.LoadCsvClauseContext):
            return None
        if any(isinstance(n, P.ReturnClauseContext) for c in clauses[1:] for n in analysis.walk(c)):
            return None
        row = ctx.source(clauses[0].symbolicName())
        rows = node.DECIMAL_INTEGER()
        batch = f" OF {rows.getText()} ROWS" if rows is not None else ""
        body_start = ctx.span(clauses[1])[0]
        body_end = ctx.span(clauses[-1])[1]
        s = ctx.span(node)[0]
        e = ctx.span(clauses[0])[0]
        edits = (Edit(s, e, ""), Edit(body_start, body_start, f"CALL {{ WITH {row} "),
                 Edit(body_end, body_end, f" }} IN TRANSACTIONS{batch}"))
        return Fix("unsafe", f"CALL {{ WITH {row} ... }} IN TRANSACTIONS{batch}", edits)
