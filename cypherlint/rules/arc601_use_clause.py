from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule


class UseClause(Rule):
    """`USE <database>` is ignored by ArcadeDB up to 26.10.1 and rejected from 26.10.2.

    **What it does.** Flags the `USE` clause (`USE neo4j MATCH ...`, `USE graph.byName(...)`).

    **Why it breaks on ArcadeDB.** The native engine has no handler for `USE`: up to 26.7.2
    (measured) and at the 26.8/26.9 source it is silently dropped, so the query runs on whatever
    database the connection points at — `USE other` reads the wrong database without a word.
    26.10.2 (measured) raises "USE neo4j is not supported; a query can only USE the database it runs
    against". The legacy engine cannot parse it.

    **Example.** `USE neo4j MATCH (n:Person) RETURN count(n) AS v`

    **Use instead.** Select the database in the connection (the HTTP URL `/api/v1/query/<db>`, the
    Bolt session's `database=`) and drop `USE` (verified on every measured release).

    **Fix safety.** Unsafe: without `USE` the query runs on the connection's database, which must be
    the one `USE` named.
    """

    code = "ARC601"
    name = "use-clause"
    summary = "USE <db> is silently ignored by ArcadeDB up to 26.10.1 and an error from 26.10.2"
    constructs = ("clause.use", "clause.use.ignored")
    node_types = (P.UseClauseContext,)
    fix_applicability = "unsafe"

    def visit(self, node, ctx) -> None:
        affected = ctx.affected("clause.use.ignored") or ctx.affected("clause.use")
        if affected is None:
            return
        where = affected.where
        s, e = ctx.span(node.parentCtx)
        while e < len(ctx.text) and ctx.text[e] in " \t\r\n":
            e += 1
        fix = Fix("unsafe", "drop USE and select the database in the connection", (Edit(s, e, ""),))
        ctx.report(self, node, f"{ctx.source(node)} selects no database on ArcadeDB: it {where}", fix=fix,
                   hint="select the database in the connection (HTTP URL / Bolt session) and drop USE")
