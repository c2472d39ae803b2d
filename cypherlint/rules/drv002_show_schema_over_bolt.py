from __future__ import annotations

from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.sources.pydriver import body_of, statements

_KIND_WORDS = {"ALL", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT", "VECTOR", "BTREE", "UNIQUE", "NODE",
               "RELATIONSHIP", "REL", "KEY", "EXIST", "EXISTENCE", "PROPERTY", "TYPE", "UNIQUENESS"}


class ShowSchemaOverBolt(Rule):
    """`SHOW INDEXES` / `SHOW CONSTRAINTS` sent through the Bolt driver fail before ArcadeDB 26.5.1.

    **What it does.** Flags `SHOW [kind] INDEXES` and `SHOW [kind] CONSTRAINTS` in a query that a
    Python module sends through the Neo4j driver (`session.run`, `tx.run`, `driver.execute_query`,
    `Neo4jGraph.query`). For such queries it replaces ARC401, whose data describe the engine behind
    HTTP and the embedded API.

    **Why it breaks on ArcadeDB.** Before 26.5.1 the Bolt server hands the statement to the native
    engine, which rejects it ("Command statements not yet supported" on 26.2.1, "Only SHOW USERS
    and SHOW CURRENT USER are currently supported" on 26.3.2). From 26.5.1 the Bolt server answers
    these two commands itself from the ArcadeDB schema (#3972); index names there are ArcadeDB's
    (`Person[name]`), not the names given in `CREATE INDEX`.

    **Example.** `session.run("SHOW INDEXES YIELD name, labelsOrTypes, properties")`

    **Use instead.** On ArcadeDB 26.5.1 or newer, keep it (and read names as `Type[property]`).
    On older releases ask the schema in SQL over HTTP (`POST /api/v1/query/{db}` with
    `{"language": "sql", "command": "SELECT name, typeName, properties FROM schema:indexes"}`),
    or make schema creation idempotent (`IF NOT EXISTS`) instead of listing first.

    **Fix safety.** Display-only: Bolt only speaks Cypher, so the SQL alternative needs a different
    client call.
    """

    code = "DRV002"
    name = "show-schema-over-bolt"
    summary = "SHOW INDEXES/CONSTRAINTS over Bolt fail before ArcadeDB 26.5.1"
    constructs = ("bolt.show.indexes",)
    fix_applicability = "display-only"
    scope = "python"

    def check_python(self, ctx) -> None:
        affected = ctx.affected("bolt.show.indexes")
        if affected is None:
            return
        for q in ctx.queries:
            if "bolt" not in q.channels:
                continue
            for tree in statements(q):
                show = body_of(tree).showCommand()
                if show is None:
                    continue
                words = [w.getText().upper() for w in show.showWord()]
                while words and words[0] in _KIND_WORDS:
                    words = words[1:]
                if not words or words[0] not in ("INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS"):
                    continue
                what = "SHOW INDEXES" if words[0].startswith("INDEX") else "SHOW CONSTRAINTS"
                s, e = show.start.start, show.stop.stop + 1
                ctx.report(self, ctx.query_span(q, s, e), f"{what} sent over Bolt {affected.where}",
                           fix=Fix("display-only", "query schema:indexes with ArcadeDB SQL over HTTP, or require "
                                                   "ArcadeDB 26.5.1+"),
                           hint="SELECT name, typeName, properties FROM schema:indexes (SQL, over HTTP)")
