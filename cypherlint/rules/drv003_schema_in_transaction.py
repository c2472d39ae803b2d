from __future__ import annotations

import ast

from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.sources.pydriver import has_write_clause, schema_kind, statements

_CONSTRUCT = {"index": "ddl.cy.index.intx", "constraint": "ddl.cy.constraint.intx"}


class SchemaInTransaction(Rule):
    """Schema commands run inside `execute_write`/`write_transaction` or an explicit transaction.

    **What it does.** Flags `CREATE`/`DROP` `INDEX`/`CONSTRAINT` statements that Python code runs
    through a transaction: `tx.run(...)` in a function (or lambda) handed to `execute_write`,
    `execute_read`, `write_transaction` or `read_transaction`, or on a transaction from
    `session.begin_transaction()`.

    **Why it breaks on ArcadeDB.** Measured inside an explicit transaction: `CREATE INDEX` fails on
    26.2.1 and 26.3.2 ("Command statements not yet supported" / "Only CREATE CONSTRAINT and CREATE
    USER are currently supported"), `CREATE CONSTRAINT` on 26.2.1; both work from 26.5.1. A
    transaction function is also retried by the driver, and Neo4j itself refuses schema changes in
    a transaction that also writes data — the module is flagged with that note when it does.

    **Example.**

        def setup(tx):
            tx.run("CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name)")
        session.execute_write(setup)

    **Use instead.** Create the schema once, outside transaction functions: on ArcadeDB 26.5.1+
    with `session.run(...)` (auto-commit); on older releases as ArcadeDB SQL over HTTP
    (`CREATE VERTEX TYPE Person IF NOT EXISTS`, `CREATE PROPERTY Person.name IF NOT EXISTS STRING`,
    `CREATE INDEX IF NOT EXISTS ON Person (name) NOTUNIQUE`).

    **Fix safety.** Display-only: moving a statement out of a transaction changes the program.
    """

    code = "DRV003"
    name = "schema-in-transaction"
    summary = "CREATE/DROP INDEX or CONSTRAINT inside a driver transaction fails on early ArcadeDB releases"
    constructs = ("ddl.cy.index.intx", "ddl.cy.constraint.intx")
    fix_applicability = "display-only"
    scope = "python"

    def check_python(self, ctx) -> None:
        writes_by_scope: dict[int, bool] = {}
        for q in ctx.queries:
            for sink in q.sinks:
                if sink.tx and sink.tx_scope is not None and any(has_write_clause(t) and schema_kind(t) is None
                                                                  for t in statements(q)):
                    writes_by_scope[id(sink.tx_scope)] = True
        seen = set()
        for q in ctx.queries:
            for sink in q.sinks:
                if not sink.tx or sink.call is None:
                    continue
                for tree in statements(q):
                    kind = schema_kind(tree)
                    if kind is None:
                        continue
                    affected = ctx.affected(_CONSTRUCT[kind])
                    if affected is None:
                        continue
                    where = sink.call.func if isinstance(sink.call.func, ast.Attribute) else sink.call
                    key = (id(where), kind)
                    if key in seen:
                        continue
                    seen.add(key)
                    how = "an explicit transaction" if sink.tx == "explicit" else "a transaction function"
                    verb = "DROP" if q.mapped.text[tree.start.start:].lstrip()[:4].upper() == "DROP" else "CREATE"
                    words = f"{verb} {kind.upper()}"
                    msg = f"{words} inside {how}: a schema command in a transaction {affected.where}"
                    if writes_by_scope.get(id(sink.tx_scope)):
                        msg += "; the same transaction also writes data, which Neo4j itself refuses"
                    ctx.report(self, where, msg,
                               fix=Fix("display-only", "create the schema once, outside transaction functions"),
                               hint="run schema statements with session.run() on ArcadeDB 26.5.1+, "
                                    "or as ArcadeDB SQL (CREATE ... IF NOT EXISTS) on older releases")
