from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.script import file_catalog
from cypherlint.ddl.sqlnames import sql_name
from cypherlint.ddl.translate import CreateIndex
from cypherlint.ddl.values import string_value
from cypherlint.ddl.vector import cypher_string, sql_vector
from cypherlint.model import Fix
from cypherlint.rules.base import Rule

_PROCS = {"db.index.fulltext.querynodes": False, "db.index.fulltext.queryrelationships": True}


class FulltextQueryNodes(Rule):
    """`db.index.fulltext.queryNodes('name', q)` fails on ArcadeDB; search with SQL CONTAINSTEXT.

    **What it does.** Flags `db.index.fulltext.queryNodes` and `queryRelationships`.

    **Why it breaks on ArcadeDB.** The procedure does not exist up to 26.7.2 ("Unknown
    procedure/function"); 26.10.2 has it but only with ArcadeDB's index name (`'Doc[text]'`), so a
    Neo4j index name fails with "Index with name ... was not found" (measured on 26.2.1 … 26.10.2).
    Its query language is ArcadeDB's full-text syntax, not Lucene's, and scores differ.

    **Example.** `CALL db.index.fulltext.queryNodes('doc_text', 'graph') YIELD node, score RETURN node.title`

    **Use instead.** ArcadeDB SQL on the `FULL_TEXT` index, on every release:
    `SELECT FROM Doc WHERE text CONTAINSTEXT 'graph'` (one condition per indexed property); on
    26.10.2 also `CALL db.index.fulltext.queryNodes('Doc[text]', 'graph')`.

    **Fix safety.** Unsafe where the target runs the procedure with ArcadeDB's name (query syntax
    and scores differ from Lucene's); otherwise display-only SQL. The index's types and properties
    come from the `CREATE FULLTEXT INDEX` in the same file or a hint comment.
    """

    code = "ARC302"
    name = "fulltext-query-nodes"
    summary = "db.index.fulltext.queryNodes fails on ArcadeDB (Neo4j index names never work); use SQL CONTAINSTEXT"
    constructs = ("proc.fulltext.queryNodes", "proc.fulltext.queryNodes.arcname")
    node_types = (P.ProcedureCallContext,)
    fix_applicability = "unsafe"

    def visit(self, node, ctx) -> None:
        name = analysis.procedure_name(node)
        if name not in _PROCS:
            return
        args = list(node.procedureArguments().expression()) if node.procedureArguments() is not None else []
        index_name = string_value(args[0].getText()) if args and isinstance(args[0], P.StringLiteralContext) else None
        arc = index_name is not None and index_name.endswith("]") and "[" in index_name
        affected = ctx.affected("proc.fulltext.queryNodes.arcname" if arc else "proc.fulltext.queryNodes")
        if affected is None:
            return
        targets = self._targets(index_name, ctx) if index_name else []
        fix = None
        if targets and len(args) >= 2:
            if len(targets) == 1 and ctx.affected("proc.fulltext.queryNodes.arcname") is None and not arc:
                t, p = targets[0]
                fix = Fix("unsafe", f"use ArcadeDB's index name '{t}[{p}]' (ArcadeDB full-text syntax and scores)",
                          (ctx.replace(args[0], cypher_string(f"{t}[{p}]")),))
            else:
                q = sql_vector(args[1], ctx.text) if not isinstance(args[1], P.StringLiteralContext) \
                    else "'" + string_value(args[1].getText()).replace("\\", "\\\\").replace("'", "\\'") + "'"
                if q is not None:
                    by_type: dict[str, list[str]] = {}
                    for t, p in targets:
                        by_type.setdefault(t, []).append(p)
                    sql = "; ".join(
                        f"SELECT FROM {sql_name(t)} WHERE " + " OR ".join(f"{sql_name(p)} CONTAINSTEXT {q}" for p in ps)
                        for t, ps in by_type.items())
                    fix = Fix("display-only", f"search with ArcadeDB SQL on the FULL_TEXT index: {sql}", (), "sql")
        ctx.report(self, node, f"{analysis.text_of(ctx.text, node.procedureName())}() {affected.where}", fix=fix,
                   hint="search the FULL_TEXT index with SQL: SELECT FROM Type WHERE prop CONTAINSTEXT 'words'")

    @staticmethod
    def _targets(index_name: str, ctx) -> list[tuple[str, str]]:
        if index_name.endswith("]") and "[" in index_name:
            t, _, p = index_name[:-1].partition("[")
            return [(t, p)] if "," not in p else []
        found = file_catalog(ctx.text_ctx.parsed, ctx.text).resolve(index_name, 10**9)
        if found is None:
            return []
        return [(a.entity.name, a.props[0]) for a in found.actions
                if isinstance(a, CreateIndex) and a.kind in ("FULL_TEXT", "NOTUNIQUE") and len(a.props) == 1]
