from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule


class LabelCaseCollision(Rule):
    """Labels or relationship types that differ only in case are the same type in ArcadeDB before 26.10.

    **What it does.** Flags a statement that spells one label or relationship type in two ways that
    differ only in letter case (`:Person` and `:person`, `[:KNOWS]` and `[:Knows]`).

    **Why it breaks on ArcadeDB.** A label is an ArcadeDB type, and up to the 26.8/26.9 source type
    names are case-insensitive (by design; also excluded from ArcadeDB's TCK run), so both spellings
    select the same nodes, where Neo4j keeps them apart. 26.10.2 keeps them apart.

    **Example.** `MATCH (a:Person), (b:person) RETURN count(*)`

    **Use instead.** One spelling per label; if the data really has labels that differ only in case,
    rename one of them before migrating.

    **Fix safety.** No fix: which spelling is meant is a data question.
    """

    code = "ARC110"
    name = "label-case-collision"
    summary = "labels/types that differ only in case are one type in ArcadeDB before 26.10"
    severity = "warning"
    constructs = ("label.case.collision",)
    node_types = (P.LabelNameContext,)

    def visit(self, node, ctx) -> None:
        ctx.cache.setdefault("arc110", []).append(node)

    def finish(self, ctx) -> None:
        names = ctx.cache.get("arc110")
        if not names or len(names) < 2:
            return
        groups: dict[str, dict[str, object]] = {}
        for n in names:
            text = analysis.name_text(n.getText())
            groups.setdefault(text.lower(), {}).setdefault(text, n)
        for spellings in groups.values():
            if len(spellings) < 2:
                continue
            affected = ctx.affected("label.case.collision")
            if affected is None:
                return
            ordered = sorted(spellings.items(), key=lambda kv: ctx.span(kv[1])[0])
            shown = " and ".join(f":{k}" for k, _ in ordered)
            for _, n in ordered[1:]:
                ctx.report(self, n, f"{shown} differ only in case and name the same ArcadeDB type: this "
                           f"{affected.where}", hint=f"use one spelling ({shown.split(' and ')[0]})")
