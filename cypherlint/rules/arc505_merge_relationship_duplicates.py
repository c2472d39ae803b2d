from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule


class MergeRelationshipDuplicates(Rule):
    """`MERGE (a)-[:R]->(b)` creates the relationship again on every run on ArcadeDB 26.2.

    **What it does.** Flags a `MERGE` whose pattern contains a relationship.

    **Why it breaks on ArcadeDB.** On 26.2.1 (measured) running
    `MATCH (a ...), (d ...) MERGE (a)-[r:KNOWS]->(d)` twice leaves two `KNOWS` relationships between
    the nodes: MERGE does not find the one it created before — silently. 26.3.2 and later merge
    like Neo4j.

    **Example.** `MATCH (a:Person {name: 'a'}), (d:Person {name: 'd'}) MERGE (a)-[r:KNOWS]->(d) RETURN type(r)`

    **Use instead.** Upgrade to 26.3 or later. On 26.2, test for the relationship first:
    `OPTIONAL MATCH (a)-[r:KNOWS]->(d) WITH a, d, r WHERE r IS NULL CREATE (a)-[:KNOWS]->(d)`.

    **Fix safety.** No fix: the workaround changes what the query returns.
    """

    code = "ARC505"
    name = "merge-relationship-duplicates"
    summary = "MERGE of a relationship creates a duplicate on re-run on ArcadeDB 26.2"
    constructs = ("merge.edge.new",)
    node_types = (P.MergeClauseContext,)

    def visit(self, node, ctx) -> None:
        rels = list(analysis.descendants(node.patternPart(), P.RelationshipPatternContext))
        if not rels:
            return
        affected = ctx.affected("merge.edge.new")
        if affected is None:
            return
        ctx.report(self, rels[0], f"MERGE of a relationship does not find the existing one and creates a duplicate: "
                   f"it {affected.where}", hint="upgrade to 26.3+, or OPTIONAL MATCH the relationship and CREATE it only if missing")
