from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import keep_column_name
from cypherlint.rules.native_registry import (
    APOC_FUNCTIONS,
    DOTTED_FUNCTIONS,
    GRAMMAR_FUNCTIONS,
    NEO4J_BUILTIN_NAMESPACES,
    PLAIN_FUNCTIONS,
)

# Neo4j 3 spellings with an exact Neo4j 4/5 equivalent the native engine has.
RENAMED = {"toint": "toInteger", "rels": "relationships"}
# Advice for other names seen in queries written for Neo4j or other Cypher engines.
ADVICE = {
    "concat": "the + operator (or ArcadeDB's sql.concat(...))",
    "ifnull": "coalesce(...)",
    "isnull": "x IS NULL",
    "now": "datetime()",
    "charat": "text.charAt(s, i) or substring(s, i, 1)",
    "str": "toString(...)",
    "has": "x IS NOT NULL",
    "contains": "the CONTAINS operator",
    "join": "apoc.text.join(list, separator)",
}


class UnknownFunction(Rule):
    """Functions the native engine does not know fail at parse time.

    **What it does.** Flags calls of non-namespaced functions outside the 118 names the native
    engine accepts (case-insensitive), Neo4j 3 list functions `filter(...)`/`extract(...)`, and
    Neo4j namespaced built-ins ArcadeDB lacks (`db.nameFromElementId`, `graph.*`, unknown
    `date.*`/`datetime.*`/`duration.*`/`point.*` names). User-defined functions are namespaced and
    are not checked here; `apoc.*` is ARC216's, `gds.*` ARC313's, `vector.*` the vector rules'.

    **Why it breaks on ArcadeDB.** Every non-dotted name outside the engine's function table is
    rejected before the query runs ("UnknownFunction: Unknown function 'x'"), on every release; an
    unknown dotted name fails at run time ("Unknown function"). Non-dotted ArcadeDB SQL functions
    (`concat`, `ifnull`) are reachable only as `sql.concat(...)`.

    **Example.** `MATCH (n:Person) RETURN toInt(n.age) AS age, filter(x IN n.tags WHERE x <> '') AS tags`

    **Use instead.** The Neo4j 4/5 spelling: `toInteger(n.age)`, `[x IN n.tags WHERE x <> '']`,
    `relationships(p)`; `a + b` for string concatenation.

    **Fix safety.** Safe for `toInt` → `toInteger`, `rels` → `relationships` and
    `filter`/`extract` → list comprehensions (each is the documented definition of the old form).
    Other names get advice only.
    """

    code = "ARC215"
    name = "unknown-function"
    summary = "functions outside the native engine's function table fail on ArcadeDB"
    constructs = ("fn.unknown", "fn.neo4j.namespaced", "syntax.legacy.list.function")
    node_types = (P.FunctionInvocationContext, P.LegacyListFunctionContext)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        if isinstance(node, P.LegacyListFunctionContext):
            self._legacy_list(node, ctx)
            return
        name = analysis.function_name(node)
        if "." not in name:
            if name in PLAIN_FUNCTIONS or name in GRAMMAR_FUNCTIONS:
                return
            construct = "fn.unknown"
        else:
            if not name.startswith(NEO4J_BUILTIN_NAMESPACES) or name in DOTTED_FUNCTIONS or name in APOC_FUNCTIONS:
                return
            construct = "fn.neo4j.namespaced"
        affected = ctx.affected(construct)
        if affected is None:
            return
        written = ctx.source(node.functionName())
        fix = None
        hint = "use a function the native engine has (see the ArcadeDB Cypher function list)"
        if name in RENAMED:
            fix = Fix("safe", f"use {RENAMED[name]}()",
                      (ctx.replace(node.functionName(), RENAMED[name]), *keep_column_name(ctx, node)))
            hint = f"use {RENAMED[name]}()"
        elif ADVICE.get(name):
            hint = f"use {ADVICE[name]}"
        ctx.report(self, node.functionName(), f"unknown function {written}() {affected.where}", fix=fix, hint=hint)

    def _legacy_list(self, node, ctx) -> None:
        affected = ctx.affected("syntax.legacy.list.function")
        if affected is None:
            return
        keyword = node.children[0].getText()
        exprs = node.expression()
        var = ctx.source(node.variable())
        source = ctx.source(exprs[0])
        where = f" WHERE {ctx.source(exprs[1])}" if node.WHERE() is not None else ""
        mapping = f" | {ctx.source(exprs[-1])}" if node.PIPE() is not None else ""
        new = f"[{var} IN {source}{where}{mapping}]"
        fix = Fix("safe", f"use the list comprehension {new}", (ctx.replace(node, new), *keep_column_name(ctx, node)))
        ctx.report(self, node, f"{keyword}(...) was removed in Neo4j 4 and {affected.where}", fix=fix,
                   hint=f"use a list comprehension: {new}")
