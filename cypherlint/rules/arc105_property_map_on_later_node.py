from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import element_atoms, map_entries, pattern_clause, where_edits
from cypherlint.rules.util import escape_name, fresh_names, star_projection


def _flagged_nodes(match: P.MatchClauseContext) -> list:
    """Node patterns with a non-empty literal property map after the first node of a fixed-length element."""
    out = []
    for elem in analysis.descendants(match.pattern(), P.PatternElementContext):
        atoms = element_atoms(elem)
        if not atoms or not all(isinstance(a, (P.NodePatternContext, P.RelationshipPatternContext)) for a in atoms):
            continue  # shortestPath(...), quantified groups
        if any(isinstance(a, P.RelationshipPatternContext) and a.relationshipDetail() is not None
               and a.relationshipDetail().rangeLiteral() is not None for a in atoms):
            continue  # variable-length patterns keep their end-node maps (measured)
        if any(isinstance(c, P.QuantifierContext) for c in elem.children or ()):
            continue
        for node in atoms[1:]:
            if isinstance(node, P.NodePatternContext) and node.mapLiteral() is not None and map_entries(None, node.mapLiteral()):
                out.append(node)
    return out


class PropertyMapOnLaterNode(Rule):
    """A property map on a node after the first one in a MATCH pattern is ignored on ArcadeDB 26.2.

    **What it does.** Flags a literal property map on a node pattern that is not the first node of
    a fixed-length `MATCH` pattern: `(x)<-[:KNOWS]-(:Person {name: 'b'})`.

    **Why it breaks on ArcadeDB.** On 26.2.1 (measured) the map is not applied: the query returns
    the rows of every `:Person`, not only `b`'s — silently. Naming the node does not help on 26.2.1
    (measured); 26.3.2 and later apply the map.

    **Example.** `MATCH (x)<-[:KNOWS]-(:Person {name: 'b'}) RETURN x.name AS name`

    **Use instead.** The same test in `WHERE`:
    `MATCH (x)<-[:KNOWS]-(b:Person) WHERE b.name = 'b' RETURN x.name AS name` (verified on every
    measured release).

    **Fix safety.** Safe: `{k: v}` in a pattern means `WHERE n.k = v` (both never match a null
    value). An anonymous node gets a new, unused variable — unsafe under `RETURN *`/`WITH *`,
    where it would add a column.
    """

    code = "ARC105"
    name = "property-map-on-later-node"
    summary = "a property map on a later node of a MATCH pattern is ignored on ArcadeDB 26.2; use WHERE"
    constructs = ("anon.incoming",)
    node_types = (P.MatchClauseContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        if "{" not in ctx.source(node):  # no map at all: skip the walk (most MATCH clauses)
            return
        nodes = _flagged_nodes(node)
        if not nodes:
            return
        affected = ctx.affected("anon.incoming")
        if affected is None:
            return
        fix = self._fix(node, nodes, ctx)
        for n in nodes:
            ctx.report(self, n.mapLiteral(), f"property map {ctx.source(n.mapLiteral())} on a later node of the pattern "
                       f"is ignored: it {affected.where}", fix=fix,
                       hint="move the property test to WHERE: " + (fix.message if fix else "WHERE n.key = value"))

    def _fix(self, match, nodes, ctx) -> Fix | None:
        edits: list[Edit] = []
        conditions: list[str] = []
        anonymous = [n for n in nodes if n.variable() is None]
        names = iter(fresh_names(ctx, "n", len(anonymous)) if anonymous else [])
        for n in nodes:
            if n.variable() is None:
                var = next(names)
                edits.append(ctx.insert(n.LPAREN().symbol.stop + 1, var))
            else:
                var = ctx.source(n.variable())
            m = n.mapLiteral()
            for key, value in map_entries(ctx, m):
                text = ctx.source(value)
                if not isinstance(value, (P.NumberLiteralContext, P.StringLiteralContext, P.BooleanLiteralContext,
                                          P.NullLiteralContext, P.ParameterExpressionContext, P.VariableExpressionContext,
                                          P.PropertyExpressionContext, P.FunctionInvocationContext,
                                          P.ListExpressionContext, P.MapLiteralExpressionContext,
                                          P.ParenthesizedExpressionContext)):
                    text = f"({text})"
                conditions.append(f"{var}.{escape_name(analysis.name_text(key))} = {text}")
            s, e = ctx.span(m)
            # drop the map and the blank before it: (b:Person {name: 'b'}) -> (b:Person)
            while s > 0 and ctx.text[s - 1] in " \t":
                s -= 1
            if anonymous and n.variable() is None and n.labelExpression() is None:
                s = ctx.span(m)[0]  # keep "(n " readable when there is no label
            edits.append(Edit(s, e, ""))
        condition = " AND ".join(conditions)
        edits.extend(where_edits(ctx, match, condition))
        applicability = "unsafe" if anonymous and star_projection(ctx) else "safe"
        return Fix(applicability, f"WHERE {condition}", tuple(edits))
