from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.script import file_catalog
from cypherlint.ddl.vector import (
    arcade_name, cosine_score, cypher_string, is_simple, query_nodes_call, resolve_index, sql_vector, yield_items,
)
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.util import escape_name, fresh_names

_SUBQUERY_SCOPES = (P.SubqueryCallContext, P.ExistsSubqueryContext, P.CountSubqueryContext,
                    P.CollectSubqueryContext)


class VectorQueryNodes(Rule):
    """`db.index.vector.queryNodes('name', k, v)` needs ArcadeDB's index name; scores differ up to 26.7.2.

    **What it does.** Flags `CALL db.index.vector.queryNodes(index, k, vector)` when the index is
    given by its Neo4j name, and, with an ArcadeDB name, where the target returns other scores.

    **Why it breaks on ArcadeDB.** ArcadeDB does not keep Neo4j index names: a vector index is
    `Type[property]`, and a Neo4j name fails with "Index with name 'x' was not found" on every
    release (the procedure itself is missing on 26.2.1). With `'Doc[embedding]'` the call works
    from 26.3.2 when it runs outside an explicit transaction (inside one it ends the caller's
    transaction up to 26.7.2), but `score` is the raw cosine up to 26.7.2 where Neo4j returns
    `(1 + cos) / 2`; a EUCLIDEAN index returns the farthest nodes first up to 26.5.1 (measured).

    **Example.** `CALL db.index.vector.queryNodes('doc_embeddings', 5, $v) YIELD node, score RETURN node.title, score`

    **Use instead.** The ArcadeDB name, with Neo4j's score computed from the vectors where the
    target's own score differs:

        CALL db.index.vector.queryNodes('Doc[embedding]', 5, $v) YIELD node
        WITH node, (1 + vector.similarity.cosine(node.embedding, $v)) / 2 AS score
        RETURN node.title, score

    On 26.2.1, SQL outside a transaction: `SELECT expand(vectorNeighbors('Doc[embedding]', :v, 5))`
    (each row has the vertex's properties and `distance`, which is `1 - cos` from 26.3.2 and
    `(1 - cos) / 2` on 26.2.1, so Neo4j's score is `1 - distance / 2`, resp. `1 - distance`).
    The index's type and property come from the `CREATE VECTOR INDEX` in the same file, a hint
    comment (`// cypherlint: index doc_embeddings=Doc.embedding`) or `cypherlint ddl --schema`.

    **Fix safety.** Unsafe: the index is approximate (HNSW), so for large k the neighbours may
    differ from Neo4j's; and the call must run outside an explicit transaction up to 26.7.2.
    Display-only (SQL) where the target lacks the procedure; none when the index is unknown.
    """

    code = "ARC301"
    name = "vector-query-nodes"
    summary = "db.index.vector.queryNodes needs the ArcadeDB index name 'Type[prop]'; scores differ up to 26.7.2"
    constructs = ("proc.vector.queryNodes", "proc.vector.queryNodes.score", "proc.vector.queryNodes.arcname.notx",
                  "proc.vector.queryNodes.euclidean")
    node_types = (P.ProcedureCallContext,)
    fix_applicability = "unsafe"

    def visit(self, node, ctx) -> None:
        vc = query_nodes_call(node)
        if vc is None:
            return
        catalog = file_catalog(ctx.text_ctx.parsed, ctx.text)
        index = resolve_index(vc.name, catalog)
        items = yield_items(node)
        score_used = items is None or any(item[0] == "score" for item in items)
        euclid = index is not None and index.similarity == "euclidean"
        arc = arcade_name(vc.name) if vc.name else None
        if arc is None:
            affected = ctx.affected("proc.vector.queryNodes")
            what = (f"db.index.vector.queryNodes with the Neo4j index name {vc.name!r}" if vc.name
                    else "db.index.vector.queryNodes with an index name that is not a literal")
        else:
            affected = (ctx.affected("proc.vector.queryNodes.arcname.notx")
                        or (ctx.affected("proc.vector.queryNodes.euclidean") if euclid else None)
                        or (ctx.affected("proc.vector.queryNodes.score") if score_used and not euclid else None))
            what = f"db.index.vector.queryNodes('{vc.name}')" + ("" if not score_used else " and its score")
        if affected is None:
            return
        fix = self._fix(vc, index, items, score_used, ctx)
        if index is None:
            hint = ("ArcadeDB names a vector index Type[property]: pass that name (SELECT name FROM schema:indexes "
                    "WHERE indexType = 'LSM_VECTOR'), or say which it is with "
                    f"`// cypherlint: index {vc.name or 'name'}=Type.property`")
        else:
            hint = (f"use '{index.entity.name}[{index.prop}]' outside an explicit transaction; Neo4j's cosine score "
                    "is (1 + cos) / 2")
        ctx.report(self, node, f"{what} {affected.where}", fix=fix, hint=hint)

    # ------------------------------------------------------------------------------- fixes
    def _fix(self, vc, index, items, score_used, ctx) -> Fix | None:
        if index is None:
            return None
        arcname = f"{index.entity.name}[{index.prop}]"
        cypher_ok = ctx.affected("proc.vector.queryNodes.arcname.notx") is None and (
            index.similarity != "euclidean" or ctx.affected("proc.vector.queryNodes.euclidean") is None)
        if cypher_ok:
            edits = []
            if vc.name != arcname:
                edits.append(ctx.replace(vc.name_node, cypher_string(arcname)))
            recompute = (score_used and index.similarity == "cosine"
                         and ctx.affected("proc.vector.queryNodes.score") is not None)
            score_edits = self._score_edits(vc, index, items, ctx) if recompute else []
            if score_edits is not None and edits + score_edits:
                extra = " and compute Neo4j's score (1 + cos) / 2 from the vectors" if score_edits else ""
                return Fix("unsafe", f"use ArcadeDB's index name '{arcname}'{extra} (run outside an explicit "
                                     "transaction)", tuple(edits + score_edits))
        vec = sql_vector(vc.vector_node, ctx.text)
        k = sql_vector(vc.k_node, ctx.text)
        if vec is None or k is None:
            return None
        sql = f"SELECT expand(vectorNeighbors('{arcname}', {vec}, {k}))"
        score = ("Neo4j's score is 1 - distance / 2 (1 - distance on 26.2.1)" if index.similarity == "cosine"
                 else "Neo4j's score is 1 / (1 + d²) of the vectors")
        return Fix("display-only", f"outside a transaction, run ArcadeDB SQL: {sql} (each row has the vertex's "
                                   f"properties and `distance`; {score})", (), "sql")

    def _score_edits(self, vc, index, items, ctx) -> list | None:
        """Edits that replace the raw score by (1 + cos(node.prop, v)) / 2, or None when unsafe to."""
        call = vc.call
        if not is_simple(vc.vector_node):
            return None
        vec = analysis.text_of(ctx.text, vc.vector_node)
        prop = escape_name(index.prop)
        y = call.yieldClause()
        if items is None:  # standalone CALL: its columns are node and score
            if not self._first_clause(call) or not self._last_clause(call):
                return None
            expr = cosine_score(f"node.{prop}", vec)
            end = analysis.span(call)[1]
            return [ctx.insert(end, f" YIELD node WITH node, {expr} AS score RETURN node, score")]
        if y.orderBy() is not None or y.skip() is not None or y.limit() is not None:
            return None
        first = self._first_clause(call)
        if not first and ctx.affected("clause.with.star.extra") is not None:
            return None
        node_var = next((t for out, _, t in items if out == "node"), None)
        fresh = None
        if node_var is None:
            fresh = node_var = fresh_names(ctx, "node", 1)[0]
        score_var = next(t for out, _, t in items if out == "score")
        kept = [(o, v, t) for o, v, t in items if o != "score"]
        yield_text = [o if o == v else f"{o} AS {t}" for o, v, t in kept]
        if fresh is not None:
            yield_text.append(f"node AS {fresh}")
        expr = f"{cosine_score(f'{node_var}.{prop}', vec)} AS {score_var}"
        carried = [t for _, _, t in kept]
        head = "WITH *" if not first else ("WITH " + ", ".join(carried) if carried else "WITH")
        with_clause = f"{head}, {expr}" if head != "WITH" else f"WITH {expr}"
        text = f"YIELD {', '.join(yield_text)} {with_clause}"
        if y.whereClause() is not None:
            text += " " + analysis.text_of(ctx.text, y.whereClause())
        if self._last_clause(call):
            text += " RETURN " + ", ".join(t for _, _, t in items)
        return [ctx.replace(y, text)]

    @staticmethod
    def _first_clause(call) -> bool:
        if analysis.nearest(call, _SUBQUERY_SCOPES) is not None:
            return False
        part = analysis.nearest(call, P.QueryPartContext)
        return part is not None and bool(part.clause()) and part.clause()[0].children[0] is call

    @staticmethod
    def _last_clause(call) -> bool:
        part = analysis.nearest(call, P.QueryPartContext)
        return part is not None and bool(part.clause()) and part.clause()[-1].children[0] is call
