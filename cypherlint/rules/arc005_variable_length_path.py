from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule

LEGACY_HOP_CAP = 10


class VariableLengthPath(Rule):
    """Variable-length relationships return wrong rows on the legacy Cypher engine.

    **What it does.** Flags variable-length relationship patterns such as `-[:R*]->` or
    `-[*1..3]-`.

    **Why it breaks on ArcadeDB.** The legacy Cypher-for-Gremlin translator (HTTP language
    `"cypher"` before 26.4.2) silently stops unbounded patterns (`*`, `*2..`) and bounds above 10
    at 10 hops, drops Cypher's relationship-uniqueness rule (so paths may reuse a relationship on
    cyclic graphs), and cannot run `nodes()`/`relationships()` on the result. The native engine
    gives Neo4j's results for every variable-length form on every measured release.

    **Example.** `MATCH (a:Person {name: 'a'})-[:KNOWS*]->(b) RETURN b.name`

    **Use instead.** Send the query with `"language": "opencypher"` (the native engine). Keep an
    upper bound anyway: unbounded patterns are expensive on every engine.

    **Fix safety.** Display-only: no rewrite gives the legacy engine Cypher's path semantics.
    """

    code = "ARC005"
    name = "variable-length-path"
    summary = "variable-length relationships are truncated or non-unique on the legacy Cypher engine"
    constructs = ("vlp.typed.1_3", "vlp.star")
    node_types = (P.RangeLiteralContext,)
    fix_applicability = "display-only"

    def visit(self, node, ctx) -> None:
        ints = node.DECIMAL_INTEGER()
        upper = None
        if node.DOTDOT() is None:
            upper = int(ints[0].getText().replace("_", "")) if ints else None
        elif len(ints) == 2 or (len(ints) == 1 and ints[0].symbol.start > node.DOTDOT().symbol.start):
            upper = int(ints[-1].getText().replace("_", ""))
        unbounded = upper is None or upper > LEGACY_HOP_CAP
        affected = ctx.affected("vlp.star" if unbounded else "vlp.typed.1_3") or ctx.affected("vlp.typed.1_3")
        if affected is None:
            return
        detail = node.parentCtx
        what = (f"stops at {LEGACY_HOP_CAP} hops" if unbounded else "does not keep relationships unique")
        ctx.report(
            self,
            detail,
            f"variable-length relationship {affected.where}: the legacy engine {what}",
            hint='send the query with language "opencypher" (the native engine)',
            fix=Fix("display-only", 'send this query with language "opencypher" (the native engine)'),
        )
