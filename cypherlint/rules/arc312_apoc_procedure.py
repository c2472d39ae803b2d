from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.catalogue import is_nested, map_entries
from cypherlint.rules.native_registry import APOC_FUNCTIONS, APOC_PROCEDURE_HINTS, LATE_PROCEDURES, PROCEDURES
from cypherlint.rules.util import string_literal_value
from cypherlint.syntax.parser import parse

# apoc.* names measured on every release (compat ids).
MEASURED = {"apoc.create.node": "apoc.create.node", "apoc.periodic.iterate": "apoc.periodic.iterate",
            "apoc.meta.data": "apoc.meta.data"}
_ITERATE_CONFIG = {"batchsize", "parallel", "batchmode", "retries", "iteratelist", "concurrency"}


class ApocProcedure(Rule):
    """APOC procedures ArcadeDB does not implement fail (`apoc.periodic.iterate`, `apoc.create.node`, ...).

    **What it does.** Flags `CALL apoc.*` procedures outside ArcadeDB's registry (which also accepts
    its own `merge.*`, `meta.*`, `path.*`, `algo.*` procedures and its APOC-style functions with the
    `apoc.` prefix), `apoc.merge.node` with other than 3 arguments, and registry procedures that
    arrived late (`apoc.do.when`, `apoc.refactor.mergeNodes`: after 26.8).

    **Why it breaks on ArcadeDB.** ArcadeDB has no APOC plugin: `apoc.periodic.iterate`,
    `apoc.create.node`, `apoc.meta.data`, `apoc.load.*`, `apoc.export.*`, `apoc.cypher.*`, ... fail
    with "Unknown procedure/function" on every measured release. `apoc.merge.node(labels, props)`
    fails on 26.2.1–26.7.2 ("merge.node() requires exactly 3 argument(s), got 2").

    **Example.** `CALL apoc.periodic.iterate('MATCH (p:Person) RETURN p', 'SET p.flag = true', {batchSize: 2})`

    **Use instead.** Plain Cypher: `CALL { ... } IN TRANSACTIONS` for `apoc.periodic.iterate`
    (verified on every measured release, outside an explicit transaction):
    `MATCH (p:Person) WITH p CALL { WITH p SET p.flag = true } IN TRANSACTIONS OF 2 ROWS`;
    `CREATE`/`MERGE` for `apoc.create.node`/`apoc.merge.node`; `CALL meta.schema()` for
    `apoc.meta.data`.

    **Fix safety.** Unsafe, for `apoc.periodic.iterate` with two string literals whose first
    statement ends in `RETURN` of named values: the rewrite returns no rows where APOC returns
    batch statistics, and must run outside an explicit transaction. Other procedures get advice.
    """

    code = "ARC312"
    name = "apoc-procedure"
    summary = "APOC procedures outside ArcadeDB's registry fail (apoc.periodic.iterate, apoc.create.node, ...)"
    constructs = ("proc.apoc.unknown", "apoc.create.node", "apoc.periodic.iterate", "apoc.meta.data",
                  "apoc.merge.node", "proc.apoc.do.when", "proc.apoc.refactor")
    node_types = (P.ProcedureCallContext,)
    fix_applicability = "unsafe"

    def visit(self, node, ctx) -> None:
        name = analysis.procedure_name(node)
        if not name.startswith("apoc."):
            return
        short = name[len("apoc."):]
        construct = MEASURED.get(name)
        if construct is None:
            if short in PROCEDURES:
                if short == "merge.node":
                    args = node.procedureArguments()
                    if args is None or len(args.expression()) == 3:
                        return
                    construct = "apoc.merge.node"
                else:
                    construct = LATE_PROCEDURES.get(short)
                    if construct is None:
                        return
            elif short in APOC_FUNCTIONS:
                return  # functions can be CALLed
            else:
                construct = "proc.apoc.unknown"
        affected = ctx.affected(construct)
        if affected is None:
            return
        written = ctx.source(node.procedureName())
        fix = self._iterate_fix(node, ctx) if name == "apoc.periodic.iterate" else None
        advice = APOC_PROCEDURE_HINTS.get(name)
        what = "is not available" if construct != "apoc.merge.node" else "needs exactly 3 arguments in ArcadeDB"
        ctx.report(self, node.procedureName(), f"APOC procedure {written}() {what}: it {affected.where}", fix=fix,
                   hint=advice if advice else "rewrite it in plain Cypher or with an ArcadeDB procedure")

    @staticmethod
    def _iterate_fix(node, ctx) -> Fix | None:
        wrapper = node.parentCtx
        part = wrapper.parentCtx
        if not isinstance(part, P.QueryPartContext) or is_nested(node) or len(analysis.query_parts(ctx.tree)) != 1:
            return None
        clauses = [c.children[0] for c in part.clause()]
        if clauses[0] is not node or any(not isinstance(c, P.ReturnClauseContext) for c in clauses[1:]):
            return None
        args = node.procedureArguments()
        exprs = args.expression() if args is not None else []
        if len(exprs) not in (2, 3):
            return None
        outer, inner = (string_literal_value(e) for e in exprs[:2])
        if outer is None or inner is None:
            return None
        rows = None
        if len(exprs) == 3:
            if not isinstance(exprs[2], P.MapLiteralExpressionContext):
                return None
            for key, value in map_entries(ctx, exprs[2].mapLiteral()):
                key = analysis.name_text(key).lower()
                if key not in _ITERATE_CONFIG:
                    return None  # params: ... would need the values bound
                if key == "batchsize":
                    if not isinstance(value, P.NumberLiteralContext):
                        return None
                    rows = value.getText()
        driver = _outer_statement(outer)
        body = _inner_statement(inner)
        if driver is None or body is None:
            return None
        text, names = driver
        batch = f" OF {rows} ROWS" if rows else ""
        new = f"{text} CALL {{ WITH {', '.join(names)} {body} }} IN TRANSACTIONS{batch}"
        s = ctx.span(node)[0]
        e = ctx.span(clauses[-1])[1]
        return Fix("unsafe", "CALL { ... } IN TRANSACTIONS (run it outside an explicit transaction)", (Edit(s, e, new),))


def _single_part(text: str):
    parsed = parse(text)
    if parsed.issues or len(parsed.statements) != 1 or parsed.statements[0].tree is None:
        return None
    tree = parsed.statements[0].tree
    body = tree.statementBody()
    query = body.query() if body is not None else None
    if query is None or query.periodicCommitHint() is not None or len(query.queryPart()) != 1:
        return None
    part = query.queryPart(0)
    if not part.clause():
        return None
    return text, part


def _outer_statement(text: str):
    """'MATCH (p) RETURN p' -> ('MATCH (p) WITH p', ['p']); None unless it ends in RETURN of named values."""
    found = _single_part(text.strip().rstrip(";").strip())
    if found is None:
        return None
    text, part = found
    last = part.clause()[-1].children[0]
    if not isinstance(last, P.ReturnClauseContext):
        return None
    items = last.projectionBody().projectionItems()
    if items.STAR() is not None:
        return None
    names = []
    for item in items.projectionItem():
        if item.symbolicName() is not None:
            names.append(item.symbolicName().getText())
        elif isinstance(item.expression(), P.VariableExpressionContext):
            names.append(item.expression().getText())
        else:
            return None
    rs, _ = analysis.span(last)
    return text[:rs] + "WITH" + text[rs + len("RETURN"):], names


def _inner_statement(text: str) -> str | None:
    found = _single_part(text.strip().rstrip(";").strip())
    if found is None:
        return None
    text, part = found
    if any(isinstance(n, P.ReturnClauseContext) for n in analysis.walk(part)):
        return None
    return text
