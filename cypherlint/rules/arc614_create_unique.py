from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule


class CreateUnique(Rule):
    """`CREATE UNIQUE` (Neo4j 3) does not exist in ArcadeDB's Cypher: use `MERGE`.

    **What it does.** Flags `CREATE UNIQUE pattern`.

    **Why it breaks on ArcadeDB.** The native engine's Cypher 25 grammar has no `CREATE UNIQUE`:
    syntax error on every release (measured on 26.10.2). Neo4j 4 removed it too.

    **Example.** `MATCH (a:Person {name: 'a'}), (b:Person {name: 'd'}) CREATE UNIQUE (a)-[:KNOWS]->(b)`

    **Use instead.** `MERGE (a)-[:KNOWS]->(b)` (with bound end nodes). `MERGE` matches the whole
    pattern, where `CREATE UNIQUE` reused the parts that existed, so check patterns with several
    relationships.

    **Fix safety.** No fix: the semantics differ for longer patterns.
    """

    code = "ARC614"
    name = "create-unique"
    summary = "CREATE UNIQUE (Neo4j 3) is a syntax error on ArcadeDB; use MERGE"
    constructs = ("syntax.create.unique",)
    node_types = (P.CreateClauseContext,)

    def visit(self, node, ctx) -> None:
        if node.UNIQUE() is None:
            return
        affected = ctx.affected("syntax.create.unique")
        if affected is None:
            return
        ctx.report(self, (ctx.span(node)[0], node.UNIQUE().symbol.stop + 1), f"CREATE UNIQUE {affected.where}",
                   hint="use MERGE on the pattern (with its end nodes bound)")
