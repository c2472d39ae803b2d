from __future__ import annotations

import re

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.sources.pydriver import statements

_SHORTEST = re.compile(r"(?i)^(allShortestPaths|shortestPath)\(")


class PathResults(Rule):
    """Paths returned over Bolt arrive as strings on ArcadeDB up to 26.5.1, not `neo4j.graph.Path`.

    **What it does.** Flags, in a query sent through the Neo4j driver, a `RETURN` item that is a
    path: a path variable (`MATCH p = (a)-[*]->(b) RETURN p`), `collect(p)`, `RETURN *` with a path
    variable in scope, or a `shortestPath(...)`/`allShortestPaths(...)` expression.

    **Why it breaks on ArcadeDB.** ArcadeDB's Bolt server up to 26.5.1 serialises a path as its
    string form. `record["p"].nodes` then fails with `AttributeError: 'str' object has no attribute
    'nodes'` (measured on 26.2.1, 26.3.2 and 26.5.1; 26.10.2 returns a Path).

    **Example.** `session.run("MATCH p = (a:Person)-[:KNOWS*1..3]->(b) RETURN p")`

    **Use instead.** Return the parts: `RETURN nodes(p) AS nodes, length(p) AS hops` or
    `[n IN nodes(p) | n.name] AS names` (verified on every release).

    **Fix safety.** Display-only: the code reading the record changes with the query.
    """

    code = "DRV005"
    name = "path-results"
    summary = "paths returned over Bolt are strings on ArcadeDB up to 26.5.1; return nodes(p) instead"
    constructs = ("bolt.path",)
    fix_applicability = "display-only"
    scope = "python"

    def check_python(self, ctx) -> None:
        affected = ctx.affected("bolt.path")
        if affected is None:
            return
        for q in ctx.queries:
            if "bolt" not in q.channels:
                continue
            text = q.mapped.text
            for tree in statements(q):
                paths = set()
                for part in analysis.descendants(tree, P.PatternPartContext):
                    v = part.variable()
                    if v is not None:
                        paths.add(analysis.name_text(v.getText()))
                for ret in analysis.descendants(tree, P.ReturnClauseContext):
                    for item, shown in self._path_items(ret, paths):
                        s, e = analysis.span(item)
                        ctx.report(self, ctx.query_span(q, s, e),
                                   f"{shown} returns a path over Bolt, which {affected.where}",
                                   fix=Fix("display-only", "return nodes(p) / length(p) instead of the path"),
                                   hint="RETURN nodes(p) AS nodes, length(p) AS hops")

    @staticmethod
    def _path_items(ret, paths):
        items = ret.projectionBody().projectionItems()
        if items.STAR() is not None and paths:
            yield items, "RETURN *"
        for item in items.projectionItem():
            raw = re.sub(r"\s+", "", item.expression().getText())
            name = analysis.name_text(raw)
            m = re.fullmatch(r"(?i)collect\((?:DISTINCT)?(.+)\)", raw)
            if name in paths or (m and analysis.name_text(m.group(1)) in paths) or _SHORTEST.match(raw):
                yield item, f"`{item.expression().getText() if len(raw) < 40 else raw[:37] + '...'}`"
