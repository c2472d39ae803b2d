from __future__ import annotations

import ast

from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.sources.pyextract import call_name, str_const

_NEO4J_DATABASES = {"neo4j", "system"}
_GETENV = {"getenv", "get"}


class SessionDatabase(Rule):
    """A session naming Neo4j's `neo4j`/`system` database, which an ArcadeDB server does not have.

    **What it does.** Flags `driver.session(database="neo4j")`, `execute_query(..., database_="neo4j")`,
    `Neo4jGraph(database="neo4j")` (also `"system"`, and the same names as the default of
    `os.getenv(...)`/`os.environ.get(...)`). Other database names are not flagged: they may exist.

    **Why it breaks on ArcadeDB.** `neo4j` and `system` are Neo4j's built-in databases; an ArcadeDB
    server has neither unless someone created them. What happens then depends on the release
    (measured with an unknown name): 26.2.1 ignores the name and silently runs on the default
    database; 26.3.2 and 26.5.1 raise `DatabaseError` (`Neo.DatabaseError.General.UnknownError`)
    instead of Neo4j's `ClientError`; 26.10.2 raises `DatabaseNotFound` like Neo4j.

    **Example.** `with driver.session(database="neo4j") as session: ...`

    **Use instead.** The name of the ArcadeDB database (`driver.session(database="movies")`), or
    leave `database=` out to use the server's default database (works on every release).

    **Fix safety.** Display-only: which database is right is the application's decision.
    """

    code = "DRV007"
    name = "session-database"
    summary = "session(database='neo4j'): ArcadeDB has no such database; unknown names behave differently per release"
    severity = "warning"
    constructs = ("bolt.unknown.db",)
    fix_applicability = "display-only"
    scope = "python"

    def check_python(self, ctx) -> None:
        affected = ctx.affected("bolt.unknown.db")
        if affected is None:
            return
        for node in ctx.walk():
            if not isinstance(node, ast.Call):
                continue
            name = call_name(node)
            if name in ("session", "async_session"):
                arg = next((k.value for k in node.keywords if k.arg == "database"), None)
            elif name == "execute_query":
                arg = next((k.value for k in node.keywords if k.arg == "database_"), None)
            elif name in ("Neo4jGraph", "Neo4jVector", "Neo4jChatMessageHistory", "from_existing_graph",
                          "from_existing_index", "from_documents"):
                arg = next((k.value for k in node.keywords if k.arg == "database"), None)
            else:
                continue
            literal = self._literal(ctx, arg)
            if literal is None:
                continue
            lit_node, value = literal
            ctx.report(self, lit_node,
                       f"database \"{value}\" is a Neo4j built-in name; ArcadeDB has no such database unless "
                       f"you create it, and a session on an unknown database {affected.where}",
                       fix=Fix("display-only", "name the ArcadeDB database, or omit database= to use the default"),
                       hint="pass the ArcadeDB database name, or omit database=")

    def _literal(self, ctx, arg, depth: int = 0):
        if arg is None or depth > 3:
            return None
        v = str_const(arg)
        if v is not None:
            return (arg, v) if v.strip().lower() in _NEO4J_DATABASES else None
        if isinstance(arg, ast.Call) and call_name(arg) in _GETENV and len(arg.args) >= 2:
            return self._literal(ctx, arg.args[1], depth + 1)
        if isinstance(arg, ast.BoolOp) and isinstance(arg.op, ast.Or):
            return self._literal(ctx, arg.values[-1], depth + 1)
        if isinstance(arg, ast.Name):
            for scope in ctx.ex.scopes.scope_chain(arg):
                vals = ctx.ex.scopes.assigned.get(id(scope), {}).get(arg.id)
                if vals:
                    return self._literal(ctx, vals[0], depth + 1) if len(vals) == 1 else None
        return None
