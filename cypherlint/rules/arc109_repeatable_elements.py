from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule


class RepeatableElements(Rule):
    """`MATCH REPEATABLE ELEMENTS` is ignored or rejected by ArcadeDB: relationships stay unique.

    **What it does.** Flags the GQL match mode `REPEATABLE ELEMENTS` (Neo4j 2025). The default mode
    `DIFFERENT RELATIONSHIPS` is what ArcadeDB does anyway and is not flagged.

    **Why it breaks on ArcadeDB.** Up to the 26.8/26.9 source match modes are parsed and dropped, so
    paths that traverse a relationship twice are missing from the result — silently; 26.10.2 rejects
    the mode ("FeatureNotImplemented").

    **Example.** `MATCH REPEATABLE ELEMENTS p = (a)-[:R]->{2}(b) RETURN count(p)`

    **Use instead.** There is no equivalent in ArcadeDB's Cypher; walk the repeated hops with
    separate patterns (`(a)-[r1:R]->(m)-[r2:R]->(b)` still keeps `r1 <> r2`), or compute the walk
    in the application.

    **Fix safety.** No fix.
    """

    code = "ARC109"
    name = "repeatable-elements"
    summary = "MATCH REPEATABLE ELEMENTS is ignored or rejected by ArcadeDB (relationships stay unique)"
    constructs = ("gql.match.mode",)
    node_types = (P.MatchModeContext,)

    def visit(self, node, ctx) -> None:
        if node.REPEATABLE() is None:
            return
        affected = ctx.affected("gql.match.mode")
        if affected is None:
            return
        ctx.report(self, node, f"match mode {ctx.source(node)} is not supported (relationships stay unique): it {affected.where}",
                   hint="ArcadeDB always matches with DIFFERENT RELATIONSHIPS")
