from __future__ import annotations

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.fixes import sql_fix
from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule

_CONSTRUCTS = {
    "VECTOR": "ddl.cy.vector.index",
    "FULLTEXT": "ddl.cy.fulltext.index",
    "LOOKUP": "ddl.cy.index.lookup",
    "BTREE": "ddl.cy.index.btree",
}
# Where a plain Cypher CREATE INDEX runs (a BTREE index becomes one by dropping the word).
_PLAIN = ("ddl.cy.index.ifnotexists", "ddl.cy.index.unnamed", "ddl.cy.index.composite", "ddl.cy.index.rel")


class UnsupportedIndexKind(Rule):
    """`CREATE VECTOR / FULLTEXT / LOOKUP / BTREE INDEX` never run as Cypher on ArcadeDB.

    **What it does.** Flags Cypher index creation of the kinds ArcadeDB's Cypher engine rejects.

    **Why it breaks on ArcadeDB.** The native engine accepts only standard, RANGE and TEXT indexes
    in Cypher: "Only standard, RANGE and TEXT index types are supported" from 26.7.2, a parse error
    before; `BTREE` (Neo4j 4) is a parse error on every release; the legacy engine has no schema
    commands (measured on 26.2.1 … 26.10.2). Vector and full-text indexes exist, but only through
    SQL (`LSM_VECTOR`, `FULL_TEXT`); token lookup indexes are not needed (every label is a type).

    **Example.** ``CREATE VECTOR INDEX doc_emb FOR (d:Doc) ON (d.embedding) OPTIONS {indexConfig:
    {`vector.dimensions`: 3, `vector.similarity_function`: 'cosine'}}``

    **Use instead.** ArcadeDB SQL (verified on every release):

        CREATE VERTEX TYPE Doc IF NOT EXISTS;
        CREATE PROPERTY Doc.embedding IF NOT EXISTS ARRAY_OF_FLOATS;
        CREATE INDEX IF NOT EXISTS ON Doc (embedding) LSM_VECTOR METADATA {dimensions: 3, similarity: 'COSINE'}

    The index is named `Doc[embedding]`; `db.index.vector.queryNodes` needs that name (ARC301).
    A FULLTEXT index on several labels or properties becomes one `FULL_TEXT` index per type and
    property. A LOOKUP index needs nothing.

    **Fix safety.** Display-only SQL (`cypherlint ddl` writes whole scripts). For BTREE, where the
    target runs plain Cypher indexes, dropping the word BTREE is a safe fix (Neo4j 5 did the same).
    """

    code = "ARC403"
    name = "unsupported-index-kind"
    summary = "CREATE VECTOR/FULLTEXT/LOOKUP/BTREE INDEX never runs as Cypher on ArcadeDB; use SQL LSM_VECTOR/FULL_TEXT"
    constructs = tuple(_CONSTRUCTS.values())
    node_types = (P.CreateIndexContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        kind = node.indexKind()
        if kind is None or node.COLON() is not None:
            return
        word = kind.getText().upper()
        construct = _CONSTRUCTS.get(word)
        affected = ctx.affected(construct) if construct else None
        if affected is None:
            return
        fix = hint = None
        if word == "BTREE" and ctx.affected_any(_PLAIN) is None:
            s, e = ctx.span(kind)
            end = e
            while end < len(ctx.text) and ctx.text[end] in " \t\r\n":
                end += 1
            fix = Fix("safe", "drop BTREE: a plain (RANGE) index", (Edit(s, end, ""),))
        elif word == "LOOKUP":
            hint = "remove it: ArcadeDB needs no label lookup index (every label is its own type)"
        else:
            fix, lost = sql_fix(ctx, f"create the {word} index with ArcadeDB SQL")
            hint = lost
        ctx.report(self, node, f"CREATE {word} INDEX {affected.where}", fix=fix,
                   hint=hint or f"create the {word} index with ArcadeDB SQL (cypherlint ddl translates a schema file)")
