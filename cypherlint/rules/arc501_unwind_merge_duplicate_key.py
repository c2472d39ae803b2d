from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.scope import variables_before
from cypherlint.rules.util import bound_names


def _preceding_unwind(merge):
    """The UNWIND clause feeding this MERGE: the nearest one before it, with no WITH in between."""
    wrapper = merge.parentCtx
    part = wrapper.parentCtx
    if not isinstance(part, P.QueryPartContext):
        return None
    found = None
    for c in part.clause():
        if c is wrapper:
            return found
        inner = c.children[0]
        if isinstance(inner, P.UnwindClauseContext):
            found = inner
        elif isinstance(inner, (P.WithClauseContext, P.ReturnClauseContext)):
            found = None
    return None


def _mentions(expr, name: str) -> bool:
    return any(isinstance(n, P.VariableExpressionContext) and analysis.name_text(n.getText()) == name
               for n in analysis.walk(expr))


class UnwindMergeDuplicateKey(Rule):
    """`UNWIND` a batch, then `MERGE` on a key from it: DuplicatedKeyException up to ArcadeDB 26.7.

    **What it does.** Flags a `MERGE` of a single node whose property map takes its key from the
    row variable of a preceding `UNWIND` (`UNWIND $rows AS row MERGE (n:Doc {id: row.id})`).

    **Why it breaks on ArcadeDB.** When a key repeats inside one batch and a UNIQUE index covers
    the property, ArcadeDB up to 26.7.2 can raise `DuplicatedKeyException` at commit (HTTP 503
    from the server) instead of merging the rows as Neo4j does — measured for keys whose type
    differs from the property's declared type (an INTEGER key into a STRING property), and reported
    for any repeated key before 26.6.1 (issue #4351). 26.10.2 merges correctly. The legacy engine
    raises on repeated keys too.

    **Example.**

        UNWIND $rows AS row
        MERGE (n:Doc {id: row.id})
        SET n.title = row.title

    **Use instead.** Remove repeated keys inside the query before merging (verified on every
    measured release, with literal lists and with `$rows`):

        UNWIND $rows AS row
        WITH row.id AS id, head(collect(row)) AS row
        MERGE (n:Doc {id: id})
        SET n.title = row.title

    Also declare the property with the type the data has (or cast: `toString(row.id)`).

    **Fix safety.** Unsafe: when a key repeats, the first row of the batch now supplies the values,
    where Neo4j would apply every row in turn (the last `SET` wins), and rows come out grouped.
    Variables in scope are carried through the `WITH`; if they cannot be determined there is no fix.
    """

    code = "ARC501"
    name = "unwind-merge-duplicate-key"
    summary = "UNWIND ... MERGE on a batch key can raise DuplicatedKeyException up to ArcadeDB 26.7"
    constructs = ("merge.typed.int.on.string.batch",)
    node_types = (P.MergeClauseContext,)
    fix_applicability = "unsafe"

    def visit(self, node, ctx) -> None:
        part = node.patternPart()
        elem = part.patternElement()
        atoms = list(elem.children or ())
        if part.variable() is not None or len(atoms) != 1 or not isinstance(atoms[0], P.NodePatternContext):
            return
        props = atoms[0].mapLiteral()
        if props is None:
            return
        unwind = _preceding_unwind(node)
        if unwind is None:
            return
        row = analysis.name_text(unwind.symbolicName().getText())
        values = [e for e in props.expression() if _mentions(e, row)]
        if not values:
            return
        affected = ctx.affected("merge.typed.int.on.string.batch")
        if affected is None:
            return
        fix = self._fix(ctx, node, props, values, row)
        ctx.report(
            self, atoms[0],
            f"MERGE on a key taken from the UNWIND batch {affected.where} when the key repeats in the batch "
            "(DuplicatedKeyException at commit; HTTP 503)",
            fix=fix,
            hint="deduplicate before the MERGE: WITH row.key AS key, head(collect(row)) AS row",
        )

    def _fix(self, ctx, merge, props, values, row) -> Fix | None:
        scope = variables_before(merge)
        if scope is None:
            return None
        carried = [v for v in scope if v != row]
        keys = []
        for child_index, child in enumerate(props.children or ()):
            if child in values:
                key_token = props.children[child_index - 2]
                keys.append((analysis.name_text(key_token.getText()), child))
        taken = set(carried) | {row} | bound_names(ctx.tree)
        names: list[str] = []
        for key, _ in keys:
            base = key if key.isidentifier() else "key"
            name, i = base, 2
            while name in taken or name in names:
                name, i = f"{base}{i}", i + 1
            names.append(name)
        projections = carried + [f"{ctx.source(expr)} AS {name}" for (_, expr), name in zip(keys, names)]
        projections.append(f"head(collect({row})) AS {row}")
        clause_start = ctx.span(merge)[0]
        line_start = ctx.text.rfind("\n", 0, clause_start) + 1
        indent = ctx.text[line_start:clause_start]
        # Keep the query's layout: a clause per line if MERGE starts its line, else one line.
        sep = "\n" + indent if not indent.strip() and line_start > 0 else " "
        edits = [Edit(clause_start, clause_start, "WITH " + ", ".join(projections) + sep)]
        edits += [ctx.replace(expr, name) for (_, expr), name in zip(keys, names)]
        return Fix("unsafe", "deduplicate the batch by key before MERGE", tuple(edits))
