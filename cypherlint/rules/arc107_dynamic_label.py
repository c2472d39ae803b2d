from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule


class DynamicLabel(Rule):
    """Dynamic labels `:$(expr)` fail or match nothing before ArcadeDB 26.4.

    **What it does.** Flags dynamic labels and relationship types (Neo4j 5.26+):
    `MATCH (n:$($label))`, `CREATE (n:$($label))`, `SET n:$($label)`, `-[:$($type)]->`.

    **Why it breaks on ArcadeDB.** 26.2.1 (measured) looks for a type literally named `$($label)`
    and fails; 26.3.2 (measured) runs and matches nothing. Dynamic labels are evaluated from 26.4.2
    (issue #3923); 26.5.1 and later return Neo4j's rows. The legacy engine cannot parse them.

    **Example.** `MATCH (n:$($label)) RETURN count(n) AS v`

    **Use instead.** On older releases, a fixed label chosen by the application (validated against
    a list of known labels before it is put into the query text), or a label test on a
    parameter-free query per label.

    **Fix safety.** No fix: the label value lives in the calling code.
    """

    code = "ARC107"
    name = "dynamic-label"
    summary = "dynamic labels :$(expr) fail or match nothing before ArcadeDB 26.4"
    constructs = ("param.label.dynamic",)
    node_types = (P.DynamicLabelContext,)

    def visit(self, node, ctx) -> None:
        affected = ctx.affected("param.label.dynamic")
        if affected is None:
            return
        ctx.report(self, node, f"dynamic label {ctx.source(node)} {affected.where}",
                   hint="use a fixed label (chosen and validated by the application) on older releases")
