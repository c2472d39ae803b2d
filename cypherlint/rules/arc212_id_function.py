from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import keep_column_name

_WRITES = (P.SetClauseContext, P.CreateClauseContext, P.MergeClauseContext)


class IdFunction(Rule):
    """`id(n)` is a RID string up to ArcadeDB 26.4 and an integer whose encoding changed since.

    **What it does.** Flags every `id(...)` call; a warning on any release when the value is
    written into a property (`SET n.ref = id(m)`, `CREATE (:X {ref: id(m)})`).

    **Why it breaks on ArcadeDB.** On 26.2.1 and 26.3.2 (measured) `id(n)` returns the RID string
    `"#1:0"`, so integer comparisons and arithmetic on it silently fail. From 26.5.1 it returns an
    INTEGER, but its encoding changed again in 26.7 (`#1:0` is 4294967296 on 26.5.1 and
    140737488355328 on 26.7.2), and `SET n:Label` moves a record to a new RID: ids stored by an
    application do not survive an upgrade or a label change. The legacy engine returns RID strings.

    **Example.** `MATCH (n:Person) WHERE id(n) = $id RETURN n`

    **Use instead.** `elementId(n)`: always the RID string `#bucket:position`, and it round-trips
    within a query and through `$params` on every measured release. Better still, match on a key
    property of your own (`n.uuid`), which survives upgrades and label changes.

    **Fix safety.** Unsafe: `elementId()` returns a STRING where `id()` returns an INTEGER, so
    parameters, stored values and arithmetic that use it must change too.
    """

    code = "ARC212"
    name = "id-function"
    summary = "id() is a RID string up to ArcadeDB 26.4 and its integer encoding changed; never persist it"
    constructs = ("fn.id", "fn.id.persisted")
    node_types = (P.FunctionInvocationContext,)
    fix_applicability = "unsafe"

    def visit(self, node, ctx) -> None:
        if analysis.function_name(node) != "id" or len(node.expression()) != 1 or node.DISTINCT() is not None:
            return
        persisted = self._persisted(node)
        affected = ctx.affected("fn.id")
        severity = None
        if affected is None and persisted:
            affected = ctx.affected("fn.id.persisted")
            severity = "warning"
        if affected is None:
            return
        fix = Fix("unsafe", "use elementId() (a STRING)",
                  (ctx.replace(node.functionName(), "elementId"), *keep_column_name(ctx, node)))
        what = "id() is not a stable INTEGER (a RID string on older releases):"
        if persisted:
            what = "id() is written into a property, but its value changes with the release and with label changes:"
        ctx.report(self, node, f"{what} it {affected.where}", fix=fix, severity=severity,
                   hint="use elementId(n), or better a key property of your own")

    @staticmethod
    def _persisted(node) -> bool:
        for a in analysis.ancestors(node):
            if isinstance(a, P.SetItemContext):
                return a.labelExpression() is None
            if isinstance(a, P.MapLiteralContext):
                return isinstance(a.parentCtx, (P.NodePatternContext, P.RelationshipDetailContext)) and \
                    isinstance(analysis.nearest(a, analysis.CLAUSE_TYPES), (P.CreateClauseContext, P.MergeClauseContext))
            if isinstance(a, analysis.CLAUSE_TYPES):
                return False
        return False
