from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import element_atoms, pattern_clause
from cypherlint.rules.util import fresh_names, star_projection


class AnonymousMiddleNode(Rule):
    """A labelled anonymous node between labelled nodes of a MATCH chain returns no rows up to ArcadeDB 26.4.

    **What it does.** Flags a node pattern with a label but no variable that sits between two
    relationships of a `MATCH` pattern whose neighbouring nodes are labelled too:
    `(a:Person)-[:KNOWS]->(:Person)-[:KNOWS]->(c:Person)`.

    **Why it breaks on ArcadeDB.** On 26.2.1, 26.3.1 and 26.3.2 (measured) such a chain returns no
    rows when its columns are projected, silently (`count(*)` alone, an unlabelled neighbour, or a
    `WITH a, c` in between happen to work). The source history reports the same on 26.4.x (issue
    #4092) and a fix in 26.5.1; 26.5.1 and later return Neo4j's rows.

    **Example.** `MATCH (a:Person)-[:KNOWS]->(:Person)-[:KNOWS]->(c:Person) RETURN a.name, c.name`

    **Use instead.** Name the middle node:
    `MATCH (a:Person)-[:KNOWS]->(m:Person)-[:KNOWS]->(c:Person) RETURN a.name, c.name`
    (verified on every measured release).

    **Fix safety.** Safe: the new variable is not used anywhere, so rows and columns stay the
    same — unless the statement has `RETURN *`/`WITH *`, where it would add a column; then unsafe.
    """

    code = "ARC104"
    name = "anonymous-middle-node"
    summary = "a labelled anonymous middle node (a:A)-[:R]->(:L)-[:R]->(c:C) matches nothing up to ArcadeDB 26.4"
    constructs = ("anon.two.hops",)
    node_types = (P.NodePatternContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        if node.variable() is not None or node.labelExpression() is None:
            return
        elem = node.parentCtx
        if not isinstance(elem, P.PatternElementContext):
            return
        atoms = element_atoms(elem)
        i = atoms.index(node)
        if i == 0 or i == len(atoms) - 1:
            return
        if not (isinstance(atoms[i - 1], P.RelationshipPatternContext) and isinstance(atoms[i + 1], P.RelationshipPatternContext)):
            return
        # Measured: the chain breaks only when the nodes on both sides carry a label too.
        before = atoms[i - 2] if i >= 2 else None
        after = atoms[i + 2] if i + 2 < len(atoms) else None
        if not all(isinstance(n, P.NodePatternContext) and n.labelExpression() is not None for n in (before, after)):
            return
        if not isinstance(pattern_clause(node), P.MatchClauseContext):
            return
        affected = ctx.affected("anon.two.hops")
        if affected is None:
            return
        name = fresh_names(ctx, "m", 1)[0]
        ctx.cache.setdefault("bound_names", set()).add(name)  # a second middle node gets another name
        applicability = "unsafe" if star_projection(ctx) else "safe"
        fix = Fix(applicability, f"name the middle node ({name})", (ctx.insert(node.LPAREN().symbol.stop + 1, name),))
        ctx.report(self, node, f"anonymous labelled middle node {ctx.source(node)} matches nothing: it {affected.where}",
                   fix=fix, hint=f"name the node: ({name}{ctx.source(node)[1:]}")
