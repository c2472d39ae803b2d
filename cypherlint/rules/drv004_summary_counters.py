from __future__ import annotations

import ast

from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.sources.pyextract import call_name


class SummaryCounters(Rule):
    """Result summary counters (`result.consume().counters`) are all zero on ArcadeDB up to 26.5.1.

    **What it does.** Flags reads of `.counters` on a driver result summary: `result.consume()`,
    `await result.consume()`, the `summary` of `driver.execute_query(...)` (unpacked or as
    `.summary`), or a variable assigned from one of those.

    **Why it breaks on ArcadeDB.** ArcadeDB's Bolt server sends no statistics with the summary, so
    `nodes_created`, `relationships_created`, `properties_set`, `contains_updates`, ... are 0/False
    after writes that did change the graph (measured on 26.2.1, 26.3.2 and 26.5.1; 26.10.2
    reports them). Code that checks "was it created?" through the counters takes the wrong branch.

    **Example.** `created = session.run("CREATE (n:P {name: $n})", n=name).consume().counters.nodes_created`

    **Use instead.** Let the query say what it did: `CREATE (n:P {name: $n}) RETURN count(n) AS
    created`, or `MERGE ... ON CREATE SET n.created = true RETURN n.created`.

    **Fix safety.** Display-only: the query and the code reading its result change together.
    """

    code = "DRV004"
    name = "summary-counters"
    summary = "result summary counters are zero on ArcadeDB's Bolt server up to 26.5.1"
    constructs = ("bolt.summary.counters",)
    fix_applicability = "display-only"
    scope = "python"

    def check_python(self, ctx) -> None:
        affected = ctx.affected("bolt.summary.counters")
        if affected is None:
            return
        for node in ctx.walk():
            if isinstance(node, ast.Attribute) and node.attr == "counters" and self._is_summary(ctx, node.value):
                ctx.report(self, node, f"result summary counters {affected.where}: they read 0 after real writes",
                           fix=Fix("display-only", "return the counts from the query (RETURN count(n) AS created)"),
                           hint="make the query return what it changed, e.g. RETURN count(n) AS created")

    def _is_summary(self, ctx, expr, depth: int = 0) -> bool:
        if depth > 3:
            return False
        if isinstance(expr, ast.Await):
            expr = expr.value
        if isinstance(expr, ast.Call) and call_name(expr) in ("consume", "summary"):
            return True
        if isinstance(expr, ast.Attribute) and expr.attr == "summary":
            return True
        if isinstance(expr, ast.Name):
            for scope in ctx.ex.scopes.scope_chain(expr):
                vals = ctx.ex.scopes.assigned.get(id(scope), {}).get(expr.id)
                if vals:
                    return any(self._is_summary(ctx, v, depth + 1) for v in vals)
                if self._unpacked_from_execute_query(scope, expr.id):
                    return True
        return False

    @staticmethod
    def _unpacked_from_execute_query(scope, name: str) -> bool:
        """``records, summary, keys = driver.execute_query(...)`` binds ``summary``."""
        for n in ast.walk(scope):
            if not isinstance(n, ast.Assign) or len(n.targets) != 1 or not isinstance(n.targets[0], ast.Tuple):
                continue
            v = n.value.value if isinstance(n.value, ast.Await) else n.value
            if not (isinstance(v, ast.Call) and call_name(v) == "execute_query"):
                continue
            elts = n.targets[0].elts
            if len(elts) >= 2 and isinstance(elts[1], ast.Name) and elts[1].id == name:
                return True
        return False
