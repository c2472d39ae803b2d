from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule
from cypherlint.rules.native_registry import APOC_FUNCTIONS

# Functions of the registry that were measured failing on some releases (compat ids).
MEASURED = {"coll.toset": "apoc.coll.toSet"}


class ApocFunction(Rule):
    """APOC functions outside ArcadeDB's built-in APOC-style registry fail.

    **What it does.** Flags `apoc.*` function calls whose name (without `apoc.`) is not in the
    native engine's function registry, and registry functions measured failing on some releases
    (`apoc.coll.toSet` before 26.10).

    **Why it breaks on ArcadeDB.** ArcadeDB has no APOC plugin. It implements a subset of APOC
    functions itself (`coll.*`, `text.*`, `map.*`, `math.*`, `convert.*`, `date.*`, `util.*`,
    `agg.*`, `node.*`, `rel.*`, `path.*`, `create.*`; also callable with the `apoc.` prefix); any
    other name fails with "Unknown function: apoc.x" on every release. Measured: `apoc.coll.toSet`
    fails on 26.2.1–26.7.2 and works on 26.10.2; `apoc.create.uuid`, `apoc.text.join`,
    `apoc.map.merge`, `apoc.convert.toJson` work everywhere.

    **Example.** `RETURN apoc.text.clean(' A b ') AS t, apoc.coll.toSet([1, 1, 2]) AS s`

    **Use instead.** Plain Cypher where it exists (`toLower(trim(s))`, list comprehensions,
    `reduce`), or a function of ArcadeDB's registry (`apoc.coll.distinct` / `coll.distinct`).

    **Fix safety.** No fix: APOC functions have no one-line equivalent in general.
    """

    code = "ARC216"
    name = "apoc-function"
    summary = "apoc.* functions outside ArcadeDB's built-in registry fail"
    constructs = ("fn.apoc.unknown", "apoc.coll.toSet")
    node_types = (P.FunctionInvocationContext,)

    def visit(self, node, ctx) -> None:
        name = analysis.function_name(node)
        if not name.startswith("apoc."):
            return
        short = name[len("apoc."):]
        if short in APOC_FUNCTIONS:
            construct = MEASURED.get(short)
            if construct is None:
                return
        else:
            construct = "fn.apoc.unknown"
        affected = ctx.affected(construct)
        if affected is None:
            return
        written = ctx.source(node.functionName())
        ctx.report(self, node.functionName(), f"APOC function {written}() is not available: it {affected.where}",
                   hint="rewrite it in plain Cypher, or use a function of ArcadeDB's APOC-style registry")
