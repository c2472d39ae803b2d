from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule


class PlannerHint(Rule):
    """Planner hints (`USING INDEX`, `USING SCAN`, `USING JOIN`) have no effect on ArcadeDB.

    **What it does.** Flags `USING INDEX n:L(p)`, `USING SCAN n:L` and `USING JOIN ON n` after a
    `MATCH` pattern (a warning).

    **Why it breaks on ArcadeDB.** The native engine parses hints and never reads them (source;
    "index hints: not implemented" in its documentation): the plan the hint asked for is not used,
    and a hint Neo4j rejects — `USING INDEX` on an index that does not exist fails with "No such
    index" — runs anyway. Where the hint is valid the rows are the same (measured on 26.10.2).

    **Example.** `MATCH (n:Person) USING INDEX n:Person(name) WHERE n.name = 'a' RETURN n`

    **Use instead.** Drop the hint; make sure an index exists on the property (ArcadeDB picks it
    by itself).

    **Fix safety.** Safe: hints never change the rows, in Neo4j or in ArcadeDB.
    """

    code = "ARC609"
    name = "planner-hint"
    summary = "USING INDEX / SCAN / JOIN hints are ignored by ArcadeDB"
    severity = "warning"
    constructs = ("hint.using",)
    node_types = (P.HintContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        affected = ctx.affected("hint.using")
        if affected is None:
            return
        s, e = ctx.span(node)
        while s > 0 and ctx.text[s - 1] in " \t\r\n":
            s -= 1
        fix = Fix("safe", "drop the hint", (Edit(s, e, ""),))
        ctx.report(self, node, f"planner hint {ctx.source(node)} is ignored (no effect on the plan; an impossible hint "
                   f"is not rejected): it {affected.where}", fix=fix,
                   hint="drop the hint; ArcadeDB uses an index on the property by itself")
