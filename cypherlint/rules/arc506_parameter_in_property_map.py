from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import bind_before, pattern_clause
from cypherlint.rules.util import fresh_names, star_projection

CONSTRUCTS = {P.MatchClauseContext: "param.inline.map", P.MergeClauseContext: "idiom.merge.param.key",
              P.CreateClauseContext: "idiom.create.rel.params"}


def _params_in_maps(clause) -> list:
    out = []
    pattern = clause.patternPart() if isinstance(clause, P.MergeClauseContext) else clause.pattern()
    for m in analysis.descendants(pattern, P.MapLiteralContext):
        if not isinstance(m.parentCtx, (P.NodePatternContext, P.RelationshipDetailContext)):
            continue
        if pattern_clause(m.parentCtx) is not clause:
            continue
        for p in analysis.descendants(m, P.ParameterContext):
            if p.DOLLAR() is not None:
                out.append(p)
    return out


class ParameterInPropertyMap(Rule):
    """`$parameters` inside pattern property maps are ignored on ArcadeDB 26.2.

    **What it does.** Flags a `$parameter` in the property map of a node or relationship pattern of
    `MATCH`, `MERGE` or `CREATE`: `MATCH (n:Worker {name: $name})`, `MERGE (n:Worker {name: $name})`,
    `CREATE (a)-[:KNOWS {since: $s}]->(b)`.

    **Why it breaks on ArcadeDB.** On 26.2.1 (measured; also over HTTP and Bolt) the parameter is
    not bound there: the `MATCH` finds nothing, and `MERGE` creates a node whose `name` is the
    literal string `"$name"` — the "parameters silently ignored" migration report. Fixed in 26.3.1
    (issue #3560); 26.3.2 and later bind them.

    **Example.** `MERGE (n:Worker {name: $name}) RETURN n.name AS name`

    **Use instead.** Bind the parameter to a variable first (verified on every measured release):
    `WITH $name AS name MERGE (n:Worker {name: name}) RETURN n.name AS name` (for `MATCH`, also
    `MATCH (n:Worker) WHERE n.name = $name`).

    **Fix safety.** Safe: the `WITH` names every variable in scope (not `WITH *, $x AS x`, which
    fails on 26.2-26.3) and only adds the parameter's value under a new name (unsafe under
    `RETURN *`/`WITH *`, where the new name would show up as a column).
    Not offered inside subqueries and `FOREACH`.
    """

    code = "ARC506"
    name = "parameter-in-property-map"
    summary = "$params in MATCH/MERGE/CREATE property maps are ignored on ArcadeDB 26.2; bind them with WITH first"
    constructs = ("param.inline.map", "idiom.merge.param.key", "idiom.create.rel.params")
    node_types = (P.MatchClauseContext, P.MergeClauseContext, P.CreateClauseContext)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        source = ctx.source(node)
        if "{" not in source or "$" not in source:  # no map or no parameter: skip the walks
            return
        params = _params_in_maps(node)
        if not params:
            return
        affected = ctx.affected(CONSTRUCTS[type(node)])
        if affected is None:
            return
        fix = self._fix(node, params, ctx)
        clause = ctx.source(node).split(None, 1)[0].upper()
        if clause == "OPTIONAL":
            clause = "OPTIONAL MATCH"
        for p in params:
            ctx.report(self, p, f"parameter {ctx.source(p)} in a {clause} property map is not bound: it {affected.where}",
                       fix=fix, hint=fix.message if fix else f"bind it first: WITH $x AS x {clause} ... {{key: x}}")

    @staticmethod
    def _fix(clause, params, ctx) -> Fix | None:
        names: dict[str, str] = {}
        for p in params:
            text = ctx.source(p)
            if text not in names:
                base = text[1:].strip("`")
                base = base if base.isidentifier() else "param"
                names[text] = fresh_names(ctx, base, 1)[0]
                ctx.cache["bound_names"].add(names[text])
        bind = bind_before(ctx, clause, list(names.items()))
        if bind is None:
            return None
        edits = [bind] + [ctx.replace(p, names[ctx.source(p)]) for p in params]
        applicability = "unsafe" if star_projection(ctx) else "safe"
        return Fix(applicability, bind.content.strip(), tuple(edits))
