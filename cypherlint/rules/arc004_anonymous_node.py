from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.util import fresh_names, star_projection


class AnonymousNode(Rule):
    """Anonymous node patterns `()` fail on the legacy Cypher engine.

    **What it does.** Flags node patterns without a variable, such as `()` or `(:Person)`.

    **Why it breaks on ArcadeDB.** The migration reports of "anonymous nodes break" come from the
    legacy Cypher-for-Gremlin translator (HTTP language `"cypher"` before 26.4.2): on its
    25.12.1/26.1.1 and 26.3.2 builds whole queries fail, and naming every pattern element is the
    workaround those reports settled on. On the native engine anonymous nodes work, except for the
    specific shapes other rules flag (ARC101: counts over anonymous relationships).

    **Example.** `MATCH (p:Person)-[:KNOWS]->() RETURN p.name`

    **Use instead.** Name the node: `MATCH (p:Person)-[:KNOWS]->(anon1) RETURN p.name`.

    **Fix safety.** Safe: a new, unused variable changes no result — unless the statement has a
    `RETURN *` or `WITH *`, where the new variable would become a column; then the fix is unsafe.
    """

    code = "ARC004"
    name = "anonymous-node"
    summary = "anonymous node patterns () fail on the legacy Cypher engine"
    constructs = ("anon.node",)
    node_types = (P.NodePatternContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        if node.variable() is None:
            ctx.cache.setdefault("arc004", []).append(node)

    def finish(self, ctx) -> None:
        nodes = ctx.cache.get("arc004")
        if not nodes:
            return
        affected = ctx.affected("anon.node")
        if affected is None:
            return
        applicability = "unsafe" if star_projection(ctx) else "safe"
        for node, name in zip(nodes, fresh_names(ctx, "anon", len(nodes))):
            lparen = node.LPAREN().symbol
            fix = Fix(applicability, f"name the node ({name})", (ctx.insert(lparen.stop + 1, name),))
            ctx.report(self, node, f"anonymous node pattern {affected.where}", fix=fix,
                       hint=f"give the node a variable, e.g. ({name}{ctx.source(node)[1:]}")
