from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import is_nested
from cypherlint.rules.util import fresh_names



def keys_query(n: str, r: str, alias: str) -> str:
    """Every property key on nodes and relationships, one row per distinct key (ends in WITH DISTINCT)."""
    return (f"OPTIONAL MATCH ({n}) WITH collect(keys({n})) AS {n}Keys OPTIONAL MATCH ()-[{r}]->() "
            f"WITH {n}Keys, collect(keys({r})) AS {r}Keys UNWIND {n}Keys + {r}Keys AS keyList UNWIND keyList AS {alias} "
            f"WITH DISTINCT {alias}")


REWRITE = keys_query("n", "r", "propertyKey").replace("WITH DISTINCT propertyKey", "RETURN DISTINCT propertyKey")


class DbPropertyKeys(Rule):
    """`CALL db.propertyKeys()` returns no rows on ArcadeDB.

    **What it does.** Flags `CALL db.propertyKeys()`.

    **Why it breaks on ArcadeDB.** The procedure lists only properties declared in the schema;
    ArcadeDB data written by Cypher is schema-less, so on every measured release (26.2.1–26.10.2)
    it returns no rows where Neo4j lists `name`, `age`, `since`, ... — silently.

    **Example.** `CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey`

    **Use instead.** Read the keys off the data (`MATCH (n) UNWIND keys(n) AS k RETURN collect(DISTINCT k)`
    is verified on every measured release); with relationship keys too:

        OPTIONAL MATCH (n) WITH collect(keys(n)) AS nKeys OPTIONAL MATCH ()-[r]->()
        WITH nKeys, collect(keys(r)) AS rKeys UNWIND nKeys + rKeys AS keyList
        UNWIND keyList AS propertyKey RETURN DISTINCT propertyKey

    **Fix safety.** Unsafe: the rewrite lists the keys present in the data now, where Neo4j also
    lists keys no longer in use, and it reads every node and relationship. Offered when the call
    opens the query (`CALL db.propertyKeys()` alone, or `YIELD propertyKey [AS k]` followed by
    other clauses).
    """

    code = "ARC310"
    name = "db-property-keys"
    summary = "CALL db.propertyKeys() returns no rows on ArcadeDB; read keys(n) off the data"
    constructs = ("proc.db.propertyKeys",)
    node_types = (P.ProcedureCallContext,)
    fix_applicability = "unsafe"

    def visit(self, node, ctx) -> None:
        name = analysis.procedure_name(node)
        if name not in ("db.propertykeys", "apoc.db.propertykeys"):
            return
        affected = ctx.affected("proc.db.propertyKeys")
        if affected is None:
            return
        fix = self._fix(node, ctx)
        ctx.report(self, node, f"db.propertyKeys() lists only schema-declared keys: it {affected.where} (no rows)",
                   fix=fix, hint="read the keys off the data: MATCH (n) UNWIND keys(n) AS k RETURN DISTINCT k (and the same for relationships)")

    @staticmethod
    def _fix(node, ctx) -> Fix | None:
        wrapper = node.parentCtx
        part = wrapper.parentCtx
        if not isinstance(part, P.QueryPartContext) or is_nested(node) or part.clause(0) is not wrapper:
            return None
        if len(analysis.query_parts(ctx.tree)) != 1:
            return None
        y = node.yieldClause()
        if y is None:
            if len(part.clause()) != 1:
                return None
            return Fix("unsafe", REWRITE, (ctx.replace(node, REWRITE),))
        if (y.STAR() is not None or len(y.yieldItem()) != 1 or y.orderBy() or y.skip() or y.limit()
                or y.whereClause() is not None):
            return None
        names = y.yieldItem(0).symbolicName()
        if analysis.name_text(names[0].getText()) != "propertyKey":
            return None
        alias = ctx.source(names[-1])
        n, r = fresh_names(ctx, "n", 1)[0], fresh_names(ctx, "r", 1)[0]
        new = keys_query(n, r, alias)
        return Fix("unsafe", new, (ctx.replace(node, new),))
