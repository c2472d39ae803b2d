from __future__ import annotations

from antlr4.tree.Tree import TerminalNode

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.util import escape_name, string_literal_value


class LabelsFunction(Rule):
    """labels() breaks on the legacy Cypher engine.

    **What it does.** Flags calls of `labels()`.

    **Why it breaks on ArcadeDB.** The legacy Cypher-for-Gremlin translator (HTTP language
    `"cypher"` before 26.4.2) cannot translate `labels()` of an untyped value or of a node with
    several labels ("Multiple labels are not supported"), and on the 25.12.1/26.1.1 and 26.3.2
    builds whole queries fail — the source of the well-known "labels() parse error" reports. The
    native engine runs `labels()` like Neo4j on every measured release (26.2.1 … 26.10.2).

    **Example.** `MATCH (n) WHERE 'Person' IN labels(n) RETURN n.name`

    **Use instead.** A label predicate, which every engine translates natively:
    `MATCH (n) WHERE n:Person RETURN n.name`. For other uses, send the query with
    `"language": "opencypher"`.

    **Fix safety.** `'Label' IN labels(n)` → `n:Label` is safe (the same predicate in Neo4j). Other
    uses get a display-only suggestion.
    """

    code = "ARC002"
    name = "labels-function"
    summary = "labels() fails on the legacy Cypher engine"
    constructs = ("lbl.labels",)
    node_types = (P.FunctionInvocationContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        if analysis.function_name(node) != "labels":
            return
        affected = ctx.affected("lbl.labels")
        if affected is None:
            return
        fix = self._label_predicate_fix(node, ctx)
        if fix is None:
            fix = Fix("display-only", 'send this query with language "opencypher" (the native engine)')
            hint = "test labels with a label predicate (n:Label) or use the native engine"
        else:
            hint = f"write {fix.edits[0].content}"
        ctx.report(self, node, f"labels() {affected.where}", fix=fix, hint=hint)

    @staticmethod
    def _label_predicate_fix(node, ctx) -> Fix | None:
        # 'Label' IN labels(n)  ->  n:Label
        parent = node.parentCtx
        if not isinstance(parent, P.StringListPredicateExpressionContext):
            return None
        op = parent.children[1]
        if not (isinstance(op, TerminalNode) and op.symbol.type == P.IN) or parent.expression(1) is not node:
            return None
        label = string_literal_value(parent.expression(0))
        args = node.expression()
        if label is None or len(args) != 1 or not isinstance(args[0], P.VariableExpressionContext):
            return None
        var = ctx.source(args[0])
        return Fix("safe", f"use the label predicate {var}:{escape_name(label)}",
                   (ctx.replace(parent, f"{var}:{escape_name(label)}"),))
