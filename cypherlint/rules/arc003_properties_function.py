from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule


class PropertiesFunction(Rule):
    """properties() misbehaves on the legacy Cypher engine.

    **What it does.** Flags calls of `properties()`.

    **Why it breaks on ArcadeDB.** On the legacy Cypher-for-Gremlin translator (HTTP language
    `"cypher"` before 26.4.2) a result row with a single map-valued column is unpacked into the map
    itself, so `RETURN properties(n) AS props` comes back without its `props` column; on untyped
    values `properties()` needs a Groovy extension that the 25.12.1/26.1.1 and 26.3.2 builds cannot
    run. The native engine returns Neo4j's result on every measured release (26.2.1 … 26.10.2).

    **Example.** `MATCH (n:Person) RETURN properties(n) AS props`

    **Use instead.** Send the query with `"language": "opencypher"` (the native engine), where
    `properties(n)` and `n {.*}` both work.

    **Fix safety.** Display-only.
    """

    code = "ARC003"
    name = "properties-function"
    summary = "properties() loses its column or fails on the legacy Cypher engine"
    constructs = ("lbl.properties.node",)
    node_types = (P.FunctionInvocationContext,)
    fix_applicability = "display-only"

    def visit(self, node, ctx) -> None:
        if analysis.function_name(node) != "properties":
            return
        affected = ctx.affected("lbl.properties.node")
        if affected is None:
            return
        ctx.report(
            self,
            node,
            f"properties() {affected.where}",
            hint='send the query with language "opencypher" (the native engine)',
            fix=Fix("display-only", 'send this query with language "opencypher" (the native engine)'),
        )
