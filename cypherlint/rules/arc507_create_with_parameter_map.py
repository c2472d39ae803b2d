from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import pattern_clause
from cypherlint.rules.util import fresh_names, star_projection


class CreateWithParameterMap(Rule):
    """`CREATE (n:L $props)` fails on ArcadeDB 26.2.

    **What it does.** Flags a node or relationship pattern in `CREATE` whose properties are a whole
    parameter map: `CREATE (n:Worker $props)`.

    **Why it breaks on ArcadeDB.** On 26.2.1 (measured) the query is rejected with
    "InvalidParameterUse: Parameters cannot be used as predicates in patterns"; 26.3.2 and later
    create the node with the map's properties.

    **Example.** `CREATE (n:Worker $props) RETURN n.name AS name`

    **Use instead.** Create, then set the map (verified on every measured release):
    `CREATE (n:Worker) SET n = $props RETURN n.name AS name`.

    **Fix safety.** Safe: `SET n = $map` on a new node gives it exactly the map's properties. An
    anonymous element gets a new variable (unsafe under `RETURN *`/`WITH *`).
    """

    code = "ARC507"
    name = "create-with-parameter-map"
    summary = "CREATE (n $props) fails on ArcadeDB 26.2; use CREATE (n) SET n = $props"
    constructs = ("param.create.map",)
    node_types = (P.CreateClauseContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        elems = [e for e in analysis.descendants(node.pattern(), (P.NodePatternContext, P.RelationshipDetailContext))
                 if e.parameter() is not None and pattern_clause(e) is node]
        if not elems:
            return
        affected = ctx.affected("param.create.map")
        if affected is None:
            return
        fix = self._fix(node, elems, ctx)
        for e in elems:
            ctx.report(self, e.parameter(), f"CREATE with a parameter map {ctx.source(e.parameter())} {affected.where}",
                       fix=fix, hint=fix.message)

    @staticmethod
    def _fix(clause, elems, ctx) -> Fix:
        edits: list[Edit] = []
        sets = []
        anonymous = [e for e in elems if e.variable() is None]
        names = iter(fresh_names(ctx, "n", len(anonymous)) if anonymous else [])
        for e in elems:
            param = e.parameter()
            if e.variable() is None:
                var = next(names)
                opener = e.LPAREN() if isinstance(e, P.NodePatternContext) else e.LBRACKET()
                edits.append(ctx.insert(opener.symbol.stop + 1, var))
            else:
                var = ctx.source(e.variable())
            s, end = ctx.span(param)
            while s > 0 and ctx.text[s - 1] in " \t":
                s -= 1
            edits.append(Edit(s, end, ""))
            sets.append(f"{var} = {ctx.source(param)}")
        anchor = clause.stop.stop + 1
        set_clause = "SET " + ", ".join(sets)
        edits.append(ctx.insert(anchor, " " + set_clause))
        applicability = "unsafe" if anonymous and star_projection(ctx) else "safe"
        return Fix(applicability, f"create, then {set_clause}", tuple(edits))
