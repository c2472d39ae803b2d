from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule
from cypherlint.rules.native_registry import GDS_TO_ALGO, PROCEDURES

_EARLY_ALGO = {"algo.dijkstra", "algo.astar", "algo.allsimplepaths"}


class GraphAlgorithmLibrary(Rule):
    """Neo4j Graph Data Science (`gds.*`) does not exist in ArcadeDB; its `algo.*` procedures differ.

    **What it does.** Flags `gds.*` procedures and functions, `algo.*` names that are not ArcadeDB
    procedures (such as the old Neo4j Graph Algorithms library's `algo.pageRank.stream`), and
    ArcadeDB's own `algo.*` procedures on releases before they arrived (26.3.1).

    **Why it breaks on ArcadeDB.** There is no GDS: `CALL gds.graph.project(...)` fails with
    "Unknown procedure/function" on every measured release, and an unknown name whose last segment
    is an ArcadeDB SQL function (`gds.graph.list`) silently runs that SQL function instead. ArcadeDB
    ships its own algorithms as `algo.*` procedures (`algo.pagerank`, `algo.louvain`, `algo.wcc`,
    ...) that run on the stored graph — no projection — with other parameters and output columns.

    **Example.** `CALL gds.pageRank.stream('g') YIELD nodeId, score RETURN gds.util.asNode(nodeId).name, score`

    **Use instead.** The matching `algo.*` procedure (e.g. `algo.pagerank`), after checking its
    signature in ArcadeDB's documentation; `gds.util.asNode(id)` is not needed when the procedure
    yields nodes.

    **Fix safety.** No fix: signatures and outputs differ.
    """

    code = "ARC313"
    name = "graph-algorithm-library"
    summary = "gds.* does not exist in ArcadeDB; its algo.* procedures have other names and signatures"
    constructs = ("gds.graph.project", "proc.unknown", "proc.algo")
    node_types = (P.ProcedureCallContext, P.FunctionInvocationContext)

    def visit(self, node, ctx) -> None:
        if isinstance(node, P.ProcedureCallContext):
            name = analysis.procedure_name(node)
            where = node.procedureName()
        else:
            name = analysis.function_name(node)
            where = node.functionName()
        if name.startswith("gds."):
            construct = "gds.graph.project"
        elif name.startswith("algo.") and isinstance(node, P.ProcedureCallContext):
            if name in PROCEDURES:
                if name in _EARLY_ALGO:
                    return
                construct = "proc.algo"
            else:
                construct = "proc.unknown"
        else:
            return
        affected = ctx.affected(construct)
        if affected is None:
            return
        written = ctx.source(where)
        parts = name.split(".")
        algo = GDS_TO_ALGO.get(parts[1]) if name.startswith("gds.") and len(parts) > 1 else None
        if construct == "proc.algo":
            message = f"ArcadeDB's {written}() {affected.where}"
            hint = "upgrade to a release with the algo.* procedures"
        elif name.startswith("gds."):
            message = f"Graph Data Science {written}() does not exist in ArcadeDB: it {affected.where}"
            hint = f"use {algo} (check its signature)" if algo else "use ArcadeDB's algo.* procedures (no graph projection needed)"
        else:
            message = f"{written}() is not an ArcadeDB algo.* procedure: it {affected.where}"
            hint = "check the name against ArcadeDB's algo.* procedures (e.g. algo.pagerank)"
        ctx.report(self, where, message, hint=hint)
