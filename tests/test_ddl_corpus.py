"""The realworld corpus's schema statements, selected by parsing (shared by the DDL tests).

A statement is a schema statement when its ``statementBody`` is a ``schemaCommand`` (CREATE/DROP
INDEX/CONSTRAINT) or a ``showCommand``. Statements are grouped by source file (repository and
path), in corpus order, because a schema file is what ``cypherlint ddl`` translates.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.syntax.parser import parse

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "realworld" / "queries.jsonl"


def _is_schema(stmt) -> bool:
    if stmt.tree is None:
        return False
    body = stmt.tree.statementBody()
    child = body.getChild(0) if body is not None else None
    return isinstance(child, (P.SchemaCommandContext, P.ShowCommandContext))


@lru_cache(maxsize=1)
def schema_statements() -> tuple[tuple[str, str, str], ...]:
    """(record id, source file, statement text) of every schema statement in the corpus."""
    out = []
    with open(CORPUS, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            q = rec["query"]
            upper = q.upper()
            if "INDEX" not in upper and "CONSTRAINT" not in upper and "SHOW" not in upper:
                continue  # cheap pre-filter: every schema statement names one of these words
            for st in parse(q).statements:
                if _is_schema(st):
                    out.append((rec["id"], f"{rec['repo']}/{rec['path']}", q[st.start : st.end]))
    return tuple(out)


def schema_files() -> list[tuple[str, str]]:
    """(source file, its schema statements joined into one script text), in corpus order."""
    files: dict[str, list[str]] = {}
    for _, source, text in schema_statements():
        files.setdefault(source, []).append(text)
    return [(source, ";\n".join(texts) + ";\n") for source, texts in files.items()]


# ------------------------------------------------------------------------------------- tests

import pytest  # noqa: E402

from cypherlint.ddl.script import translate_text  # noqa: E402
from cypherlint.ddl.translate import LOST  # noqa: E402
from cypherlint.targets import parse_target  # noqa: E402

pytestmark = pytest.mark.skipif(not CORPUS.is_file(), reason=f"corpus not found at {CORPUS}")


def test_the_corpus_has_the_schema_statements_the_issue_counts():
    stmts = schema_statements()
    # ~300 CREATE INDEX and ~250 constraint statements in the realworld corpus; a parser or
    # selection regression would change these counts.
    kinds = {"CREATE INDEX": 0, "CONSTRAINT": 0}
    for _, _, text in stmts:
        head = " ".join(text.split()).upper()
        if "CREATE" in head and "INDEX" in head:
            kinds["CREATE INDEX"] += 1
        if "CONSTRAINT" in head:
            kinds["CONSTRAINT"] += 1
    assert len(stmts) >= 600
    assert kinds["CREATE INDEX"] >= 290 and kinds["CONSTRAINT"] >= 250


def test_every_corpus_schema_statement_translates_or_says_why_not():
    target = parse_target("arcadedb")
    counts = {"translated": 0, "partial": 0, "untranslated": 0, "not-needed": 0}
    for rid, _, text in schema_statements():
        script = translate_text(text, target=target, source=rid)
        assert len(script.blocks) == 1, rid
        block = script.blocks[0]
        counts[block.status] += 1
        lost = [n for n in block.notes if n.level == LOST]
        if block.status == "translated":
            assert block.sql and not lost, (rid, text, block.notes)
        elif block.status == "not-needed":
            assert not block.sql and block.notes, (rid, text)
        else:  # partial or untranslated: an explicit "no equivalent" note says what is missing
            assert lost, (rid, text, block.status, block.notes)
            assert (block.status == "partial") == bool(block.sql), (rid, text)
        rendered = script.render()
        for n in lost:
            assert n.text.split(":")[0][:40] in rendered, (rid, n.text)
    # Most of the corpus is plain CREATE INDEX / CONSTRAINT: at least 80 % must translate fully.
    assert counts["translated"] >= 0.8 * sum(counts.values()), counts


def test_corpus_files_translate_with_drops_resolved_inside_the_file():
    target = parse_target("arcadedb")
    unresolved_alone = unresolved_in_files = 0
    for source, text in schema_files():
        script = translate_text(text, target=target, source=source)
        for b in script.blocks:
            if b.plan.kind.startswith("drop") and b.status == "untranslated":
                unresolved_in_files += 1
    for rid, _, text in schema_statements():
        b = translate_text(text, target=target).blocks[0]
        if b.plan.kind.startswith("drop") and b.status == "untranslated":
            unresolved_alone += 1
    # A DROP INDEX name finds its CREATE when the file has it, never the other way round.
    assert unresolved_in_files < unresolved_alone
