from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule


class SearchClause(Rule):
    """The Neo4j 2025 vector `SEARCH` clause is ignored by ArcadeDB: every row comes back, unranked.

    **What it does.** Flags `MATCH ... SEARCH n IN (VECTOR INDEX idx FOR $v LIMIT k) SCORE AS s`.

    **Why it breaks on ArcadeDB.** The native engine parses `SEARCH` and drops it (source; measured
    on 26.10.2: all five `Person` rows come back for `LIMIT 2`), so there is no vector search, no
    limit and no score variable.

    **Example.** `MATCH (d:Doc) SEARCH d IN (VECTOR INDEX doc_embedding FOR $v LIMIT 5) SCORE AS s RETURN d.name, s`

    **Use instead.** The vector procedure with ArcadeDB's index name:
    `CALL db.index.vector.queryNodes('Doc[embedding]', 5, $v) YIELD node, score RETURN node.name, score`
    (see the vector rules for the releases and the score scale).

    **Fix safety.** No fix: the index name and the score scale differ.
    """

    code = "ARC611"
    name = "search-clause"
    summary = "the Neo4j 2025 SEARCH (vector) clause is ignored by ArcadeDB; use db.index.vector.queryNodes"
    constructs = ("clause.search",)
    node_types = (P.SearchClauseContext,)

    def visit(self, node, ctx) -> None:
        affected = ctx.affected("clause.search")
        if affected is None:
            return
        ctx.report(self, node, f"SEARCH is ignored, so every row of the MATCH comes back unranked: it {affected.where}",
                   hint="use CALL db.index.vector.queryNodes('Type[property]', k, $vector) YIELD node, score")
