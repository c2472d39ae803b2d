from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule

# Words that may precede the object of a SHOW command (SHOW [ALL|BUILT IN|USER DEFINED] FUNCTIONS).
_PREFIX = {"ALL", "BUILT", "IN", "USER", "DEFINED", "DEFAULT", "HOME", "CURRENT", "RANGE", "TEXT", "POINT",
           "LOOKUP", "FULLTEXT", "VECTOR", "BTREE", "UNIQUE", "NODE", "RELATIONSHIP", "REL", "KEY", "EXIST",
           "EXISTENCE", "PROPERTY", "TYPE", "UNIQUENESS", "PRIVILEGE", "ROLE"}
_HANDLED_ELSEWHERE = {"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS"}  # ARC401
_SUPPORTED = {"USER", "USERS", "TRANSACTION", "TRANSACTIONS"}  # SHOW [CURRENT] USER(S): ArcadeDB 26.3.1+
_CONSTRUCTS = {"DATABASE": "clause.show.databases", "DATABASES": "clause.show.databases",
               "PROCEDURE": "clause.show.procedures", "PROCEDURES": "clause.show.procedures",
               "FUNCTION": "clause.show.functions", "FUNCTIONS": "clause.show.functions"}
_ADVICE = {
    "clause.show.databases": "list databases with the HTTP server API (GET /api/v1/databases) or the Bolt driver",
    "clause.show.procedures": "ArcadeDB lists no procedures from Cypher; see its documentation",
    "clause.show.functions": "ArcadeDB lists no functions from Cypher; see its documentation",
}


class ShowCommand(Rule):
    """`SHOW DATABASES`, `SHOW PROCEDURES`, `SHOW FUNCTIONS` and other SHOW commands fail on ArcadeDB.

    **What it does.** Flags `SHOW` commands other than `SHOW INDEXES`/`SHOW CONSTRAINTS` (ARC401),
    `SHOW [CURRENT] USER(S)` and `SHOW TRANSACTIONS`: `SHOW DATABASES`, `SHOW PROCEDURES`,
    `SHOW FUNCTIONS`, `SHOW SETTINGS`, `SHOW ROLES`, `SHOW PRIVILEGES`, ...

    **Why it breaks on ArcadeDB.** The native engine answers "Only SHOW USERS and SHOW CURRENT USER
    are currently supported" (26.3.2–26.7.2; "Command statements not yet supported" on 26.2.1;
    26.10.2 adds TRANSACTIONS, CONSTRAINTS and INDEXES) — measured on every release. Only the Bolt
    server fakes some answers (`SHOW PROCEDURES` and `SHOW FUNCTIONS` as empty lists), so a tool
    that works over Bolt fails over HTTP.

    **Example.** `SHOW DATABASES`

    **Use instead.** The HTTP server API for databases; ArcadeDB's documentation for its procedures
    and functions; `SHOW USERS` for users.

    **Fix safety.** No fix.
    """

    code = "ARC602"
    name = "show-command"
    summary = "SHOW DATABASES / PROCEDURES / FUNCTIONS (and other SHOW commands) fail on ArcadeDB"
    constructs = ("clause.show.databases", "clause.show.procedures", "clause.show.functions", "show.other")
    node_types = (P.ShowCommandContext,)

    def visit(self, node, ctx) -> None:
        words = [w.getText().upper() for w in node.showWord()]
        while words and words[0] in _PREFIX:
            words = words[1:]
        if not words or words[0] in _HANDLED_ELSEWHERE or words[0] in _SUPPORTED:
            return
        construct = _CONSTRUCTS.get(words[0], "show.other")
        affected = ctx.affected(construct)
        if affected is None:
            return
        text = " ".join(["SHOW"] + [w.getText() for w in node.showWord()])
        ctx.report(self, node, f"{text} {affected.where}",
                   hint=_ADVICE.get(construct, "ArcadeDB supports SHOW USERS, SHOW INDEXES and SHOW CONSTRAINTS only"))
