from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule


class LabelWriteChangesElementId(Rule):
    """`SET n:Label` / `REMOVE n:Label` moves the node to a new record: its `elementId` changes.

    **What it does.** Flags label writes on an existing node: `SET n:Label`, `REMOVE n:Label`
    (not `ON CREATE SET` of a node the same `MERGE` just created).

    **Why it breaks on ArcadeDB.** A label is an ArcadeDB type, so changing labels re-creates the
    vertex in another type: `elementId(n)` changes (`#1:0` becomes `#19:0`), and so do `id(n)` and
    the RIDs of all its relationships — on every measured release. The relationships are kept, but
    any element id stored elsewhere (in the application, in another property, in a cache) now
    points at nothing; Neo4j never changes an element's id. The rewrite costs O(degree).

    **Example.** `MATCH (n:Person {name: 'a'}) SET n:Admin RETURN elementId(n) AS id`

    **Use instead.** Keep identity in a property of your own (`n.uuid`) and look nodes up by it; or
    model the changing state as a property (`SET n.admin = true`) instead of a label.

    **Fix safety.** No fix: a warning about identity.
    """

    code = "ARC504"
    name = "label-write-changes-element-id"
    summary = "SET/REMOVE n:Label re-creates the node in ArcadeDB: its elementId and relationship ids change"
    severity = "warning"
    constructs = ("id.stable.after.set.label",)
    node_types = (P.SetItemContext, P.RemoveItemContext)

    def visit(self, node, ctx) -> None:
        if node.labelExpression() is None:
            return
        action = analysis.nearest(node, P.MergeActionContext)
        if action is not None and action.CREATE() is not None:
            return
        affected = ctx.affected("id.stable.after.set.label")
        if affected is None:
            return
        verb = "SET" if isinstance(node, P.SetItemContext) else "REMOVE"
        ctx.report(self, node, f"{verb} {ctx.source(node)} moves the node to another ArcadeDB type, changing its "
                   f"elementId and its relationships' ids: this {affected.where}",
                   hint="identify nodes by a key property of your own, or store the state in a property")
