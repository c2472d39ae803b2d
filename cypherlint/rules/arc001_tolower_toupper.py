from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule

_CONSTRUCTS = {"tolower": "fn.toLower", "toupper": "fn.toUpper"}


class ToLowerToUpper(Rule):
    """toLower()/toUpper() fail on the legacy Cypher engine and on the first native release.

    **What it does.** Flags calls of `toLower()` and `toUpper()`.

    **Why it breaks on ArcadeDB.** The legacy Cypher-for-Gremlin translator (HTTP language
    `"cypher"` on full distributions before 26.4.2) implements these as Groovy extension
    functions. On 25.12.1/26.1.1 the translated Gremlin runs without Groovy and every extension
    call fails ("Failed to interpret Gremlin query"); on 26.3.2 no legacy query compiles at all.
    The native engine of 26.1.1 mapped them to SQL functions that did not exist ("Unknown
    function: toLower"). Every native release from 26.2.1 on runs them exactly like Neo4j
    (measured on 26.2.1 … 26.10.2).

    **Example.** `MATCH (n:Person) WHERE toLower(n.name) = 'x' RETURN n`

    **Use instead.** Send the query to the native engine: HTTP `"language": "opencypher"` (Bolt
    always uses it) on ArcadeDB 26.2.1 or newer. No rewrite of the expression is reliable on the
    broken legacy builds, so the query text is fine as it is once it reaches the native engine.

    **Fix safety.** Display-only: the remedy is the engine/language choice, not the query text.
    """

    code = "ARC001"
    name = "tolower-toupper"
    summary = "toLower()/toUpper() fail on the legacy Cypher engine and on ArcadeDB 26.1.1"
    constructs = ("fn.toLower", "fn.toUpper")
    node_types = (P.FunctionInvocationContext,)
    fix_applicability = "display-only"

    def visit(self, node, ctx) -> None:
        fname = analysis.function_name(node)
        construct = _CONSTRUCTS.get(fname)
        if construct is None:
            return
        affected = ctx.affected(construct)
        if affected is None:
            return
        shown = analysis.text_of(ctx.text, node.functionName())
        ctx.report(
            self,
            node,
            f"{shown}() {affected.where}",
            hint='run it on the native engine: HTTP "language": "opencypher" (or Bolt) on ArcadeDB 26.2.1 or newer',
            fix=Fix("display-only", 'send this query with language "opencypher" to ArcadeDB 26.2.1 or newer'),
        )
