from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule


class GqlPathSelector(Rule):
    """GQL path selectors (`ANY SHORTEST`, `ALL SHORTEST`, `SHORTEST k`, `ANY k`) are ignored or rejected.

    **What it does.** Flags a path selector in front of a pattern:
    `MATCH p = ANY SHORTEST (a)-[:R]-+(b)`, `SHORTEST 2 PATHS`, `SHORTEST 1 GROUPS`, `ANY 3 PATHS`.
    A bare path mode (`TRAIL`, `ACYCLIC`, ...) and `ALL PATHS` are not flagged.

    **Why it breaks on ArcadeDB.** Up to the 26.8/26.9 source the native engine reads only the path
    mode from the selector and drops the rest, so every matching path comes back instead of the
    shortest one(s) — silently. 26.10.2 rejects selectors ("FeatureNotImplemented: the ANY SHORTEST
    path search prefix is not supported"). The legacy engine cannot parse them.

    **Example.** `MATCH p = ANY SHORTEST (a:City {name: 's'})-[:ROAD]-+(b:City {name: 'z'}) RETURN p`

    **Use instead.** `shortestPath((a)-[:ROAD*]-(b))` for one shortest path and
    `allShortestPaths(...)` for all of them (see ARC106 for releases before 26.7), or order by
    `length(p)` and `LIMIT k`.

    **Fix safety.** No fix: the rewrite depends on the selector and the pattern.
    """

    code = "ARC108"
    name = "gql-path-selector"
    summary = "GQL path selectors (ANY SHORTEST, SHORTEST k, ...) are ignored or rejected by ArcadeDB"
    constructs = ("gql.path.selector",)
    node_types = (P.PathSelectorContext,)

    def visit(self, node, ctx) -> None:
        if node.SHORTEST() is None and node.ANY() is None:
            return  # ALL [PATHS] and bare path modes change nothing
        affected = ctx.affected("gql.path.selector")
        if affected is None:
            return
        ctx.report(self, node, f"path selector {ctx.source(node)} is not supported: it {affected.where}", hint="use shortestPath(...) / allShortestPaths(...), or ORDER BY length(p) LIMIT k")
