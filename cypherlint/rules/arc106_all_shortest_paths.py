from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import element_atoms, is_nested, var_text
from cypherlint.rules.scope import variables_before
from cypherlint.rules.util import fresh_names


def _pattern_variables(pattern) -> list[str]:
    out = []
    for v in analysis.descendants(pattern, P.VariableContext):
        if isinstance(v.parentCtx, (P.NodePatternContext, P.RelationshipDetailContext, P.PatternPartContext)):
            name = analysis.name_text(v.getText())
            if name not in out:
                out.append(name)
    return out


class AllShortestPaths(Rule):
    """`allShortestPaths` returns a single path up to ArcadeDB 26.6.

    **What it does.** Flags `allShortestPaths(...)`.

    **Why it breaks on ArcadeDB.** On 26.2.1, 26.3.2 and 26.5.1 (measured) it returns only one of
    the shortest paths where there are several — silently. 26.7.2 and 26.10.2 return all of them;
    the legacy engine cannot translate shortest-path patterns at all.

    **Example.**

        MATCH p = allShortestPaths((s:City {name: 's'})-[:ROAD*]->(z:City {name: 'z'}))
        RETURN [n IN nodes(p) | n.name] AS ns

    **Use instead.** Find the shortest length with `shortestPath`, then match every path of that
    length (verified on every measured release):

        MATCH p0 = shortestPath((s:City {name: 's'})-[:ROAD*]->(z:City {name: 'z'}))
        WITH s, z, length(p0) AS m0
        MATCH p = (s:City {name: 's'})-[:ROAD*]->(z:City {name: 'z'}) WHERE length(p) = m0
        RETURN [n IN nodes(p) | n.name] AS ns

    **Fix safety.** Unsafe: the paths are the same, but the second `MATCH` enumerates every path up
    to the shortest length, which can be much slower on dense graphs, and rows may come out in
    another order. Offered for a plain `MATCH` (no `WHERE`, not `OPTIONAL`) over one variable-length
    relationship.
    """

    code = "ARC106"
    name = "all-shortest-paths"
    summary = "allShortestPaths returns one path up to ArcadeDB 26.6; match all paths of the shortest length"
    constructs = ("vlp.allshortest",)
    node_types = (P.ShortestPathPatternContext,)
    fix_applicability = "unsafe"

    def visit(self, node, ctx) -> None:
        if node.ALLSHORTESTPATHS() is None:
            return
        affected = ctx.affected("vlp.allshortest")
        if affected is None:
            return
        fix = self._fix(node, ctx)
        ctx.report(self, node, f"allShortestPaths returns only one path: it {affected.where}", fix=fix,
                   hint="take length(shortestPath(...)) first, then MATCH the paths of that length")

    def _fix(self, node, ctx) -> Fix | None:
        outer = node.parentCtx
        part = outer.parentCtx if isinstance(outer, P.PatternElementContext) else None
        if not isinstance(part, P.PatternPartContext) or part.pathSelector() is not None:
            return None
        match = part.parentCtx.parentCtx
        if (not isinstance(match, P.MatchClauseContext) or match.OPTIONAL() is not None or match.whereClause() is not None
                or match.hint() or match.searchClause() is not None or is_nested(match)):
            return None
        atoms = element_atoms(node.patternElement())
        if (len(atoms) != 3 or not isinstance(atoms[1], P.RelationshipPatternContext)
                or atoms[1].relationshipDetail() is None or atoms[1].relationshipDetail().rangeLiteral() is None):
            return None
        scope = variables_before(match)
        if scope is None:
            return None
        anonymous = [a for a in (atoms[0], atoms[2]) if a.variable() is None]
        def pick(base: str) -> str:
            name = fresh_names(ctx, base, 1)[0]
            ctx.cache["bound_names"].add(name)
            return name

        p0, m0 = pick("p0"), pick("m0")
        path_var = ctx.source(part.variable()) if part.variable() is not None else pick("p")
        edits: list[Edit] = [ctx.replace(node.ALLSHORTESTPATHS(), "shortestPath")]
        if part.variable() is not None:
            edits.append(ctx.replace(part.variable(), p0))
        else:
            edits.append(ctx.insert(ctx.span(node)[0], f"{p0} = "))
        # The inner pattern, with anonymous end nodes named (in the original and in the copy).
        es, ee = ctx.span(node.patternElement())
        inserts = []
        for a in anonymous:
            name = pick("src" if a is atoms[0] else "dst")
            pos = a.LPAREN().symbol.stop + 1
            inserts.append((pos, name))
            edits.append(ctx.insert(pos, name))
        copy, last = [], es
        for pos, name in sorted(inserts):
            copy.append(ctx.text[last:pos] + name)
            last = pos
        copy.append(ctx.text[last:ee])
        inner = "".join(copy)
        rel_vars = set()
        detail = atoms[1].relationshipDetail()
        if detail.variable() is not None:
            rel_vars.add(analysis.name_text(detail.variable().getText()))
        introduced = [v for v in _pattern_variables(match.pattern()) if v not in rel_vars and v != analysis.name_text(path_var)]
        introduced += [name for _, name in inserts]
        carry = []
        for v in scope + introduced:
            if v not in carry:
                carry.append(v)
        carried = ", ".join(var_text(v) for v in carry)
        anchor = match.stop.stop + 1
        edits.append(ctx.insert(anchor, f" WITH {carried}, length({p0}) AS {m0} MATCH {path_var} = {inner} "
                                        f"WHERE length({path_var}) = {m0}"))
        return Fix("unsafe", "match every path of the shortest length", tuple(edits))
