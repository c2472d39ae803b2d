from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule


class LegacyParameter(Rule):
    """The Neo4j 3 parameter syntax `{name}` is rejected by ArcadeDB: write `$name`.

    **What it does.** Flags parameters written `{name}` (`WHERE n.name = {name}`,
    `CREATE (n:Person {props})`).

    **Why it breaks on ArcadeDB.** The native engine rejects the query before parsing: "Deprecated
    syntax: legacy parameter '{name}' is no longer supported. Use '$name' instead" (every release;
    measured on 26.10.2). The legacy engine does not bind them either. Neo4j 4 removed the syntax.

    **Example.** `MATCH (n:Person) WHERE n.name = {name} RETURN n`

    **Use instead.** `MATCH (n:Person) WHERE n.name = $name RETURN n`.

    **Fix safety.** Safe: `{name}` and `$name` denote the same parameter.
    """

    code = "ARC613"
    name = "legacy-parameter"
    summary = "legacy {param} syntax is rejected by ArcadeDB; write $param"
    constructs = ("syntax.param.legacy",)
    node_types = (P.ParameterContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        if node.LBRACE() is None:
            return
        affected = ctx.affected("syntax.param.legacy")
        if affected is None:
            return
        new = "$" + ctx.source(node.symbolicName())
        ctx.report(self, node, f"legacy parameter {ctx.source(node)} {affected.where}",
                   fix=Fix("safe", f"write {new}", (ctx.replace(node, new),)), hint=f"write {new}")
