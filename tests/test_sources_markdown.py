"""Cypher in Markdown fences: which fences count, exact positions in the .md file, fixes in place."""

from __future__ import annotations

import pytest

import cypherlint
from cypherlint.engine import LineIndex
from cypherlint.sources import check_text
from cypherlint.sources.markdown import cypher_blocks

from conftest import read_jsonl

DOC = """# Migrating the movie app

Count friendships like this:

```cypher
MATCH ()-[:KNOWS]->()
RETURN count(*) AS friendships
```

1. In a list item, indented:

   ~~~ cypher {title="by name"}
   MATCH (p:Person)
   WHERE toLower(p.name) = $name
   RETURN p
   ~~~

````Cypher title=nested
MATCH (m:Movie) RETURN m.title
```
not a closing fence (too short)
````

```python
session.run("MATCH ()-[:KNOWS]->() RETURN count(*)")
```

```
MATCH ()-[:KNOWS]->() RETURN count(*)
```
"""


def test_only_cypher_fences_are_read_with_their_indentation_removed():
    blocks = [b.text for b in cypher_blocks(DOC)]
    assert blocks == [
        "MATCH ()-[:KNOWS]->()\nRETURN count(*) AS friendships\n",
        "MATCH (p:Person)\nWHERE toLower(p.name) = $name\nRETURN p\n",
        "MATCH (m:Movie) RETURN m.title\n```\nnot a closing fence (too short)\n",
    ]


def test_positions_point_into_the_markdown_file():
    result = check_text(DOC, "doc.md", target="arcadedb-legacy")
    lines = LineIndex(DOC)
    by_code = {}
    for d in result.diagnostics:
        assert (d.line, d.column) == lines.line_col(d.start)
        by_code.setdefault(d.code, []).append((d.line, d.column, DOC[d.start : d.end]))
    assert (14, 10, "toLower(p.name)") in by_code["ARC001"]
    assert (6, 7, "()") in by_code["ARC004"]
    # nothing from the python or untagged fences (lines 27 and 31)
    assert all(d.line < 22 for d in result.diagnostics if d.code != "E001")


def test_fix_is_written_back_into_the_fence_keeping_indentation():
    doc = "Intro\n\n   ```cypher\n   MATCH ()-[:KNOWS]->()\n   RETURN count(*) AS c\n   ```\nEnd\n"
    result = check_text(doc, "doc.md", target="arcadedb@26.5", fix=True)
    assert result.new_text is not None
    expected_query = cypherlint.fix("MATCH ()-[:KNOWS]->()\nRETURN count(*) AS c\n", target="arcadedb@26.5").query
    assert [b.text for b in cypher_blocks(result.new_text)] == [expected_query]
    assert result.new_text.startswith("Intro\n\n   ```cypher\n   MATCH ") and result.new_text.endswith("   ```\nEnd\n")
    assert [d.code for d in result.applied] == ["ARC101"]


def test_crlf_markdown():
    doc = "# T\r\n\r\n```cypher\r\nMATCH (n)\r\nWHERE toUpper(n.x) = 'A'\r\nRETURN n\r\n```\r\n"
    result = check_text(doc, "doc.md", target="arcadedb-legacy")
    d = [d for d in result.diagnostics if d.code == "ARC001"][0]
    assert (d.line, d.column, doc[d.start : d.end]) == (5, 7, "toUpper(n.x)")


def test_unterminated_fence_runs_to_the_end_and_syntax_errors_are_located():
    doc = "text\n```cypher\nMATCH (n RETURN n\n"
    result = check_text(doc, "doc.md")
    errors = [d for d in result.diagnostics if d.code == "E001"]
    assert len(errors) == 1 and errors[0].line == 3


@pytest.mark.parametrize("doc", ["", "```cypher\n```\n", "~~~cypher", "```cypher\n\n\n```", "plain text"])
def test_empty_and_degenerate_documents(doc):
    result = check_text(doc, "doc.md", fix=True)
    assert result.diagnostics == [] and result.new_text is None


def test_corpus_doc_queries_embedded_in_markdown(shared_dir):
    """Real documentation queries, each in a fence: each block reads back exactly."""
    recs = [r for r in read_jsonl(shared_dir / "corpus" / "realworld" / "queries.jsonl") if r["kind"] == "doc"]
    recs = [r for r in recs if r["query"].strip() and "```" not in r["query"] and "~~~" not in r["query"]][:400]
    parts = []
    for i, r in enumerate(recs):
        indent = "  " if i % 3 == 1 else ""
        fence = "~~~" if i % 4 == 2 else "```"
        body = "".join(indent + line + "\n" for line in r["query"].split("\n"))
        parts.append(f"Query {i}:\n\n{indent}{fence}cypher\n{body}{indent}{fence}\n\n")
    doc = "".join(parts)
    blocks = cypher_blocks(doc)
    assert [b.text for b in blocks] == [r["query"] + "\n" for r in recs]
    for b in blocks:
        for i, ch in enumerate(b.text):
            s, e = b.mapped.file_span(i, i + 1)
            assert doc[s:e] == ch
