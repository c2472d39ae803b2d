"""Cypher inside Python files: literal decoding, extraction, positions, fixes, suppressions.

Positions are checked byte for byte: a diagnostic's span, cut out of the file, is the text it
claims (for queries written with escapes, the span decodes to the query text it covers).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cypherlint
from cypherlint.engine import LineIndex
from cypherlint.sources import check_text
from cypherlint.sources.positions import (
    Char,
    Hole,
    StrToken,
    decode,
    encode,
    lexical_tokens,
    literal_value,
    scan_string,
)
from cypherlint.sources.pyextract import extract

from conftest import ROOT

APPS = ROOT / "tests" / "data" / "pyapps"


def queries_of(src: str):
    return extract(src, ast.parse(src))[0]


def texts_of(src: str) -> list[str]:
    return [q.mapped.text for q in queries_of(src)]


def lint(src: str, **kw):
    return check_text(src, "app.py", kind="python", **kw)


# ------------------------------------------------------------------------------ literals


def _char_encodings(ch: str, quote: str, triple: bool) -> list[str]:
    """Every way (we exercise) to write ``ch`` in a non-raw str literal."""
    out = []
    if ch == "\\":
        return ["\\\\", "\\x5c", "\\134"]
    if ch == "\n":
        out = ["\\n", "\\x0a", "\\012"] + (["\n", "\r\n"] if triple else [])
        return out
    if ch == "\r":
        return ["\\r", "\\x0d"]
    if ch == quote[0] or (triple and ch in "'\""):
        out.append("\\" + ch)
    elif unicodedata.category(ch) not in ("Cc", "Cs", "Zl", "Zp"):
        out.append(ch)
    o = ord(ch)
    if o < 0x100:
        out.append(f"\\x{o:02x}")
    if o < 0x10000:
        out.append(f"\\u{o:04x}")
    out.append(f"\\U{o:08x}")
    try:
        out.append("\\N{" + unicodedata.name(ch) + "}")
    except ValueError:
        pass
    return out


text_strategy = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFFF), max_size=40
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), value=text_strategy)
def test_decode_matches_python_and_every_span_is_exact(data, value):
    quote = data.draw(st.sampled_from(['"', "'", '"""', "'''"]))
    triple = len(quote) == 3
    prefix = data.draw(st.sampled_from(["", "u", "U"]))
    pieces = []
    for ch in value:
        enc = data.draw(st.sampled_from(_char_encodings(ch, quote, triple)))
        if data.draw(st.integers(0, 20)) == 0:
            enc = "\\\n" + enc  # line continuation: contributes no character
        pieces.append(enc)
    body = "".join(pieces)
    if triple and body.endswith(quote[0]) and not body.endswith("\\" + quote[0]):
        body = body[:-1] + "\\" + quote[0]
    src = "x = " + prefix + quote + body + quote + "\n"
    expected = ast.parse(src).body[0].value.value
    tok = scan_string(src, 4)
    assert tok.end == len(src) - 1
    items = decode(src, tok)
    assert literal_value(items) == expected == value
    for it in items:  # every character's span, read on its own, is that character
        piece = src[it.start : it.end]
        assert ast.literal_eval(quote + piece + quote) == it.ch, (piece, it.ch)


@settings(max_examples=300, deadline=None)
@given(value=text_strategy, style=st.sampled_from(['"', "'", '"""', "'''", 'r"', "r'''", 'R"""', "u'"]))
def test_encode_writes_what_decodes_back(value, style):
    prefix = style.rstrip("'\"")
    quote = style[len(prefix):]
    tok = StrToken(0, 0, prefix, quote, 0, 0)
    enc = encode(value, tok)
    if enc is None:
        assert "r" in prefix.lower()  # only raw literals may refuse
        return
    src = prefix + quote + enc + quote
    t = scan_string(src, 0)
    assert t.end == len(src)
    assert literal_value(decode(src, t)) == value
    assert ast.literal_eval(src) == value


@pytest.mark.parametrize("src,expect", [
    ('f"a{x!r:>{w}}b{{c}}"', ["a", "{x!r:>{w}}", "b{c}"]),
    ('f"{d["k"]}z"', ["{d[\"k\"]}", "z"]),
    ("f'{a:%Y-%m}'", ["{a:%Y-%m}"]),
    ("f'{x=}!'", ["{x=}", "!"]),
    ("rf'\\d+{n}\\.'", ["\\d+", "{n}", "\\."]),
    ("f'''{\n  y  # comment\n}'''", ["{\n  y  # comment\n}"]),
    ("F'{x!s}{{'", ["{x!s}", "{"]),
    ('f"\\N{BULLET} {x}"', ["\u2022 ", "{x}"]),
])
def test_fstring_fields_are_holes(src, expect):
    tok = scan_string(src, 0)
    assert tok.end == len(src)
    runs, cur = [], ""
    for it in decode(src, tok):
        if isinstance(it, Hole):
            if cur:
                runs.append(cur)
            runs.append(src[it.start : it.end])
            cur = ""
        else:
            cur += it.ch
    if cur:
        runs.append(cur)
    assert runs == expect


def test_lexical_scan_finds_strings_and_comments_not_inside_strings():
    src = "a = 'x # not a comment'  # real\nb = f\"{c['#']}\"  # two\n"
    strings, comments = lexical_tokens(src)
    assert [src[t.start : t.end] for t in strings] == ["'x # not a comment'", "f\"{c['#']}\""]
    assert [c.text for c in comments] == ["# real", "# two"]


# ------------------------------------------------------------------------------ extraction


@pytest.mark.parametrize("src,expect", [
    # driver calls
    ("with driver.session() as s:\n    s.run('MATCH (n) RETURN n')", ["MATCH (n) RETURN n"]),
    ("def w(tx):\n    tx.run(\"CREATE (:A)\")\nsession.execute_write(w)", ["CREATE (:A)"]),
    ("session.execute_read(lambda t: t.run('MATCH (a) RETURN a').data())", ["MATCH (a) RETURN a"]),
    ("driver.execute_query(query_='MATCH (a) RETURN a', database_='x')", ["MATCH (a) RETURN a"]),
    ("graph = Neo4jGraph()\ngraph.query('MATCH (a) RETURN count(a)')", ["MATCH (a) RETURN count(a)"]),
    ("db.cypher_query('MATCH (a) RETURN a')", ["MATCH (a) RETURN a"]),
    ("db.command('opencypher', 'MATCH (a) RETURN a')", ["MATCH (a) RETURN a"]),
    ("requests.post(u, json={'language': 'cypher', 'command': 'RETURN 1 AS one'})", ["RETURN 1 AS one"]),
    ("payload = dict(language='opencypher', command='RETURN 2 AS two')", ["RETURN 2 AS two"]),
    # names, loops, wrappers, templates
    ("q = 'MATCH (a) RETURN a'\nsession.run(q)", ["MATCH (a) RETURN a"]),
    ("QS = ['RETURN 1', 'RETURN 2']\nfor q in QS:\n    session.run(q)", ["RETURN 1", "RETURN 2"]),
    ("def _run(self, query):\n    with self.driver.session() as s:\n        return s.run(query)\n"
     "class R:\n    def f(self):\n        return self._run('MATCH (x) RETURN x')", ["MATCH (x) RETURN x"]),
    ("session.run('MATCH (n:' + label + ') RETURN n')", ["MATCH (n:__p0) RETURN n"]),
    ("session.run(f'MATCH (n:{label}) WHERE n.x = {v} RETURN n')", ["MATCH (n:__p0) WHERE n.x = $__p1 RETURN n"]),
    ("session.run('MATCH (n:{}) RETURN n, {{a: 1}}'.format(label))", ["MATCH (n:__p0) RETURN n, {a: 1}"]),
    ("session.run(\"MATCH (n) WHERE n.name = '%s' RETURN n, 100%%\" % name)",
     ["MATCH (n) WHERE n.name = '$__p0' RETURN n, 100%"]),
    ("from textwrap import dedent\nQ = dedent('''\n    MATCH (n)\n    RETURN n\n''')\nsession.run(Q)",
     ["\n    MATCH (n)\n    RETURN n\n"]),
    ("class Repo:\n    FIND = 'MATCH (m:Movie) RETURN m'\n    def f(self, s):\n        return s.run(self.FIND)",
     ["MATCH (m:Movie) RETURN m"]),
    # constants and few-shot examples
    ("PEOPLE_QUERY = 'MATCH (p:Person) RETURN p'", ["MATCH (p:Person) RETURN p"]),
    ("CYPHER_BROKEN = 'MATCH (p:Person RETURN p'", ["MATCH (p:Person RETURN p"]),
    ("examples = [{'question': 'q?', 'query': 'MATCH (m:Movie) RETURN count(m)'}]", ["MATCH (m:Movie) RETURN count(m)"]),
    ("x = 'MATCH (a)-[:R]->(b) RETURN b.name'", ["MATCH (a)-[:R]->(b) RETURN b.name"]),
])
def test_extracted_queries(src, expect):
    assert texts_of(src) == expect


@pytest.mark.parametrize("src", [
    "cur.execute('CREATE INDEX IF NOT EXISTS i ON t (c)')",
    "db.command('sql', 'CREATE VERTEX TYPE Person IF NOT EXISTS')",
    "payload = {'language': 'sql', 'command': 'SELECT FROM Person'}",
    "msg = 'Match the question to an answer'",
    "subprocess.run('ls -la')\nasyncio.run(main())",
    "df.query('age > 3')",
    "def f():\n    '''MATCH (n) RETURN n'''\n",
    "SHOW_TABLES = 'show tables'",
    "sql = 'CALL refresh_stats()'",
    "admin = 'ALTER TABLE people ADD COLUMN x INT'",
    "data = b'MATCH (n) RETURN n'",
    "prompt = 'Return the answer in one sentence.'",
])
def test_not_cypher_is_not_extracted(src):
    assert texts_of(src) == []


def test_unparseable_query_in_a_driver_call_is_a_syntax_error_at_its_place():
    src = "def f(s):\n    return s.run('MATCH (n RETURN n')\n"
    diags = [d for d in lint(src).diagnostics if d.code == "E001"]
    assert len(diags) == 1
    d = diags[0]
    assert d.line == 2 and src[d.start] in "RETURN"
    assert src.index("'MATCH") < d.start < src.index("n')")


def test_templates_that_do_not_parse_are_not_syntax_errors():
    src = "session.run(f'MATCH (n) {where_clause} RETURN n')\nsession.run('MATCH (a) ' + cond + ' RETURN a')\n"
    assert [d for d in lint(src).diagnostics if d.code == "E001"] == []


# ------------------------------------------------------------------------------ the realistic modules

# (code, line, exact file text of the span). Driver diagnostics must match exactly; the listed
# Cypher diagnostics must be present (other Cypher rules may add their own).
EXPECTED = {
    "api_server.py": [
        ("ARC005", 14, "[:KNOWS*1..3]"),
        ("DRV005", 15, "p"),
        ("ARC004", 25, "(:Person)"),
        ("DRV004", 35, "summary.counters"),
    ],
    "arcade_http_client.py": [
        ("DRV008", 18, '"cypher"'),
        ("ARC001", 19, "toLower(p.name)"),
        ("ARC004", 35, "(:Person {name: p.name})"),
    ],
    "async_worker.py": [
        ("ARC501", 9, "(u:User {id: ev.user})"),
        ("ARC501", 10, "(i:Item {id: ev.item})"),
        ("DRV004", 20, "summary.counters"),
        ("DRV006", 26, "node.element_id"),
    ],
    "fstring_queries.py": [
        ("ARC001", 13, "toLower(n.{prop})"),
        ("ARC001", 13, "toLower($value)"),
        ("ARC004", 21, "()"),
        ("ARC004", 29, "()"),
        ("ARC002", 29, "labels(a)"),
    ],
    "graphrag_ingest.py": [
        ("DRV001", 11, '"neo4j://localhost:7687"'),
        ("ARC501", 17, "(d:Document {id: row.doc_id})"),
        ("ARC501", 18, "(c:Chunk {id: row.chunk_id})"),
        ("ARC501", 25, "(e:Entity {name: row.name})"),
        ("DRV003", 53, "tx.run"),
        ("ARC004", 83, "()"),
        ("ARC101", 89, "[:MENTIONS]"),
    ],
    "migrate_v2.py": [
        ("DRV003", 26, "tx.run"),
        ("ARC006", 26, "CREATE INDEX person_last IF NOT EXISTS FOR (p:Person) ON (p.lastName)"),
        ("DRV004", 28, "result.consume().counters"),
    ],
    "negatives.py": [],
    "notebook_export.py": [
        ("ARC101", 10, "[:LIVES_IN]"),
        ("ARC001", 12, "toUpper(p.name)"),
    ],
    "py2neo_legacy.py": [
        ("ARC002", 18, "labels(p)"),
        ("ARC005", 22, "[*1..4]"),
    ],
    "qa_chain.py": [
        ("DRV007", 7, '"neo4j"'),
        ("ARC001", 18, "toLower(p.name)"),
        ("ARC001", 18, 'toLower("Tom Hanks")'),
        ("ARC004", 21, "()"),
        ("ARC002", 32, "labels(g)"),
        ("ARC004", 36, "(:Movie)"),
        ("ARC003", 48, "properties(m)"),
    ],
    "repository.py": [
        ("ARC004", 9, "()"),
        ("ARC004", 12, "(:Genre {name: $genre})"),
        ("DRV005", 37, "shortestPath((x)-[:ACTED_IN*]-(y)) AS path"),
        ("ARC005", 37, "[:ACTED_IN*]"),
    ],
    "schema_setup.py": [
        ("ARC006", 6, "CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name)"),
        ("DRV002", 24, "SHOW INDEXES YIELD name, labelsOrTypes, properties"),
    ],
}


def read_app(name: str) -> str:
    with open(APPS / name, encoding="utf-8", newline="") as f:
        return f.read()


def test_there_are_enough_realistic_modules():
    assert len(list(APPS.glob("*.py"))) >= 10
    assert set(EXPECTED) == {p.name for p in APPS.glob("*.py")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_realistic_module_diagnostics(name):
    src = read_app(name)
    compile(src, name, "exec")
    diags = check_text(src, name, target="arcadedb").diagnostics
    lines = LineIndex(src)
    got = [(d.code, d.line, src[d.start : d.end]) for d in diags]
    for d in diags:
        assert (d.line, d.column) == lines.line_col(d.start)
        assert (d.end_line, d.end_column) == lines.line_col(d.end)
    for exp in EXPECTED[name]:
        assert exp in got, f"{name}: missing {exp}; got {got}"
    assert sorted(g for g in got if g[0].startswith("DRV")) == sorted(e for e in EXPECTED[name] if e[0].startswith("DRV"))
    assert not [g for g in got if g[0] == "E001"]
    if not EXPECTED[name]:
        assert queries_of(src) == [] and got == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_realistic_module_fix_changes_only_literals(name):
    src = read_app(name)
    result = check_text(src, name, target="arcadedb", fix=True)
    if result.new_text is None:
        return
    compile(result.new_text, name, "exec")
    old_q = queries_of(src)
    # Every byte outside string literals is unchanged; f-strings and templates are untouched.
    old_strings, _ = lexical_tokens(src)
    new_strings, _ = lexical_tokens(result.new_text)
    assert len(old_strings) == len(new_strings)
    assert _outside(src, old_strings) == _outside(result.new_text, new_strings)
    changed = [(a, b) for a, b in zip(old_strings, new_strings)
               if src[a.start : a.end] != result.new_text[b.start : b.end]]
    assert changed
    for a, b in changed:
        assert not a.is_format and a.prefix == b.prefix and a.quote == b.quote
    templated = [q for q in old_q if q.templated]
    for q in templated:
        s, e = q.span
        assert src[s:e] in result.new_text
    # every applied fix is one that linting reported (or, when a later fixing round found it in
    # text an earlier fix wrote, it is located by its whole query)
    reported = {(d.code, d.start, d.end) for d in check_text(src, name, target="arcadedb").diagnostics}
    wholes = {q.mapped.file_span(0, len(q.mapped.text)) for q in old_q}
    for d in result.applied:
        assert (d.code, d.start, d.end) in reported or (d.start, d.end) in wholes


def _outside(text: str, tokens) -> list[str]:
    out, pos = [], 0
    for t in tokens:
        out.append(text[pos : t.start])
        pos = t.end
    out.append(text[pos:])
    return out


# ------------------------------------------------------------------------------ the acceptance test

APP = '''"""A tiny application."""
from neo4j import GraphDatabase

driver = GraphDatabase.driver("bolt://localhost:7687", auth=("root", "pw"))


def people(name):
    with driver.session() as session:
        result = session.run("""
            MATCH (p:Person)-[:LIVES_IN]->(:City {name: 'Zürich'})
            WHERE toLower(p.name) STARTS WITH $name
            RETURN p.name AS name
        """, name=name)
        return [r["name"] for r in result]


def cities(label):
    with driver.session() as session:
        return session.run(f"MATCH (c:{label})<-[:LIVES_IN]-(:Person) WHERE toLower(c.name) = 'x' RETURN c").data()
'''


def test_acceptance_tolower_in_triple_quoted_session_run():
    result = check_text(APP, "app.py", target="arcadedb-legacy")
    tolower = [d for d in result.diagnostics if d.code == "ARC001"]
    assert [(d.line, d.column) for d in tolower] == [(11, 19), (19, 77)]
    lines = APP.splitlines()
    for d, text in zip(tolower, ("toLower(p.name)", "toLower(c.name)")):
        assert APP[d.start : d.end] == text
        assert lines[d.line - 1][d.column - 1 :].startswith(text)


def test_acceptance_fix_rewrites_only_inside_that_literal():
    result = check_text(APP, "app.py", target="arcadedb-legacy", fix=True)
    assert result.new_text is not None
    new = result.new_text
    compile(new, "app.py", "exec")
    start = APP.index('"""\n            MATCH')
    end = APP.index('""", name=name)') + 3
    new_end = new.index('""", name=name)') + 3
    assert new[:start] == APP[:start]
    assert new[new_end:] == APP[end:]
    # the literal now holds exactly what cypherlint.fix makes of the query
    old_value = ast.literal_eval(APP[start:end])
    new_value = ast.literal_eval(new[start:new_end])
    assert new_value == cypherlint.fix(old_value, target="arcadedb-legacy").query != old_value
    # the f-string query is reported, and its bytes are untouched
    fstring = APP[APP.index('f"MATCH (c:{label})') :].split("\n")[0]
    assert fstring in new
    assert [d.line for d in result.diagnostics if d.code == "ARC001"] == [11, 19]
    assert any(d.code == "ARC004" and d.line == 19 for d in result.diagnostics)
    assert {d.code for d in result.applied} <= {"ARC004", "ARC101", "ARC005"}


# ------------------------------------------------------------------------------ positions and fixes


def test_escapes_continuations_and_non_ascii_map_exactly():
    src = (
        "# coding: utf-8 — überall\n"
        "s.run('MATCH (p:P {city: \\'Z\\u00fcrich\\'})\\n'  # first piece\n"
        "      \"WHERE toLower(p.name) = 'zo\\xeb' \\\n"
        "RETURN p\")\n"
    )
    (q,) = queries_of(src)
    assert q.mapped.text == "MATCH (p:P {city: 'Zürich'})\nWHERE toLower(p.name) = 'zoë' RETURN p"
    d = [d for d in lint(src, target="arcadedb-legacy").diagnostics if d.code == "ARC001"][0]
    assert src[d.start : d.end] == "toLower(p.name)" and d.line == 3 and d.column == 14
    i = q.mapped.text.index("Zürich")
    s, e = q.mapped.file_span(i, i + 6)
    assert src[s:e] == "Z\\u00fcrich"


def test_crlf_file_positions_and_fix_keep_crlf():
    src = "x = 1\r\nQ = s.run('''MATCH ()-[:R]->()\r\nRETURN count(*) AS n''')\r\n"
    result = lint(src, target="arcadedb@26.5")
    d = [d for d in result.diagnostics if d.code == "ARC101"][0]
    assert (d.line, src[d.start : d.end]) == (2, "[:R]")
    fixed = lint(src, target="arcadedb@26.5", fix=True).new_text
    assert fixed is not None and "\r\n" in fixed and "\n" not in fixed.replace("\r\n", "")
    assert fixed.startswith("x = 1\r\nQ = s.run('''") and fixed.endswith("''')\r\n")


def test_fix_across_implicitly_concatenated_pieces_is_not_applied(monkeypatch):
    src = 'session.run("MATCH ()-[:KNO" "WS]->() RETURN count(*) AS c")\n'
    before = [d for d in lint(src, target="arcadedb@26.5").diagnostics if d.code == "ARC101"]
    assert before and before[0].fix is not None
    # A rewrite inside one piece is applied ...
    assert lint(src, target="arcadedb@26.5", fix=True).new_text is not None
    # ... one that replaces text spanning both pieces is not: the file stays, the diagnostic too.
    real_fix = cypherlint.fix

    def spanning_fix(query, **kw):
        result = real_fix(query, **kw)
        return result.__class__(query.replace("KNOWS", "XYZ"), result.applied, result.remaining, True, "")

    monkeypatch.setattr(cypherlint, "fix", spanning_fix)
    result = lint(src, target="arcadedb@26.5", fix=True)
    assert result.new_text is None
    assert [d.code for d in result.diagnostics if d.code == "ARC101"]


def test_fix_inside_one_piece_keeps_prefix_and_quotes():
    src = "session.run(r'MATCH ()-[:KNOWS]->() '\n            u\"RETURN count(*) AS c\")\n"
    result = lint(src, target="arcadedb@26.5", fix=True)
    assert result.new_text is not None
    assert result.new_text.startswith("session.run(r'MATCH ") and "u\"RETURN count(*) AS c\")" in result.new_text
    (q,) = queries_of(result.new_text)
    assert q.mapped.text == cypherlint.fix("MATCH ()-[:KNOWS]->() RETURN count(*) AS c", target="arcadedb@26.5").query


def test_fstring_queries_are_reported_and_never_modified():
    src = "def f(s, lbl):\n    return s.run(f'MATCH ()-[:{lbl}]->(:X) RETURN count(*)')\n"
    result = lint(src, target="arcadedb-legacy", fix=True)
    assert result.new_text is None
    d = [d for d in result.diagnostics if d.code == "ARC004"]
    assert d and src[d[0].start : d[0].end] == "()"
    assert all(not (x.fix and x.fix.edits) for x in d)


@pytest.mark.parametrize("src", [
    "s.run('MATCH ()-[:R]->() RETURN count(*), {{a: 1}}'.format())\n",
    "s.run('MATCH ()-[:R]->() WHERE 1 = %d RETURN count(*)' % 1)\n",
    "s.run(f'MATCH ()-[:R]->() RETURN count(*), {{a: 1}}')\n",
    "s.run('MATCH ()-[:R]->() ' + 'RETURN count(*)' + suffix)\n",
])
def test_templates_are_reported_and_never_modified(src):
    result = lint(src, target="arcadedb@26.5", fix=True)
    assert result.new_text is None
    d = [d for d in result.diagnostics if d.code == "ARC101"]
    assert d and src[d[0].start : d[0].end] == "[:R]"
    assert d[0].fix is not None and not d[0].fix.edits


def test_a_fix_that_would_not_compile_leaves_the_file_untouched(monkeypatch):
    import cypherlint.sources.python as pysrc

    src = 'session.run("MATCH ()-[:KNOWS]->() RETURN count(*) AS c")\n'
    assert lint(src, target="arcadedb@26.5", fix=True).new_text is not None
    # A broken writer (forgets to escape the quote) is caught by re-reading the literal ...
    monkeypatch.setattr(pysrc, "encode", lambda content, tok, newline="\n": content + '"')
    result = lint(src, target="arcadedb@26.5", fix=True)
    assert result.new_text is None and any(d.code == "ARC101" for d in result.diagnostics)
    # ... and, were that check fooled, by compiling the file before returning it.
    monkeypatch.setattr(pysrc._Analysis, "_verify_piece", lambda self, tok, edits: True)
    result = lint(src, target="arcadedb@26.5", fix=True)
    assert result.new_text is None and any(d.code == "ARC101" for d in result.diagnostics)


def test_raw_literal_that_cannot_hold_the_fix_is_left_alone():
    # the fix must insert a quote character into a raw string quoted with that character
    src = "session.run(r'MATCH (n) WHERE n.x = \"\" RETURN n')\n"
    tok = scan_string(src, src.index("r'"))
    assert encode("it's", tok) is None
    assert encode('say "x"', tok) == 'say "x"'


# ------------------------------------------------------------------------------ suppressions


def test_noqa_on_the_line_suppresses_that_code_only():
    src = (
        "s.run('MATCH ()-[:R]->() RETURN count(*)')  # noqa: ARC101\n"
        "s.run('MATCH ()-[:R]->() RETURN count(*)')  # noqa: E501\n"
        "s.run('MATCH ()-[:R]->() RETURN count(*)')  # noqa\n"
    )
    diags = lint(src, target="arcadedb@26.5").diagnostics
    assert [d.line for d in diags if d.code == "ARC101"] == [2]
    assert [d.line for d in diags] == [2]  # ARC004 does not fire for this target


def test_noqa_at_the_end_of_a_multiline_literal_and_for_driver_rules():
    src = (
        'driver = GraphDatabase.driver("neo4j://h:7687")  # noqa: DRV001\n'
        "s.run('''\n  MATCH (n) WHERE toLower(n.x) = 'a'\n  RETURN n''')  # noqa: ARC001\n"
    )
    diags = lint(src, target="arcadedb-legacy").diagnostics
    assert not [d for d in diags if d.code in ("DRV001", "ARC001")]
    fixed = lint(src, target="arcadedb-legacy", fix=True)
    assert fixed.new_text is None or "neo4j://" in fixed.new_text


def test_file_level_noqa():
    src = "# cypherlint: noqa: ARC101\ns.run('MATCH ()-[:R]->() RETURN count(*)')\n"
    assert not [d for d in lint(src, target="arcadedb@26.5").diagnostics if d.code == "ARC101"]
    src2 = "# cypherlint: noqa\ns.run('MATCH ()-[:R]->() RETURN count(*)')\n"
    assert lint(src2, target="arcadedb@26.5").diagnostics == []


def test_suppressed_fixes_are_not_applied():
    src = "s.run('MATCH ()-[:R]->() RETURN count(*)')  # noqa: ARC101\n"
    assert lint(src, target="arcadedb@26.5", fix=True).new_text is None


def test_cypher_comment_noqa_inside_the_query_works_too():
    src = "s.run('MATCH ()-[:R]->() RETURN count(*) // noqa: ARC101')\n"
    assert not [d for d in lint(src, target="arcadedb@26.5").diagnostics if d.code == "ARC101"]


# ------------------------------------------------------------------------------ bad input


@pytest.mark.parametrize("src,line", [
    ("def f(:\n    pass\n", 1),
    ("x = 1\ns.run('MATCH (n) RETURN n'\n", 2),
    ("x = 'unterminated\n", 1),
    ("if True:\npass\n", 2),
    ("x = 1\x00\n", 1),
])
def test_file_that_does_not_parse_gives_one_clear_diagnostic(src, line):
    result = lint(src)
    errors = [d for d in result.diagnostics if d.code == "E001"]
    assert len(errors) == 1
    d = errors[0]
    assert d.line == line and "Python" in d.message and 0 <= d.start <= d.end <= len(src)


def test_newer_python_syntax_is_handled_gracefully():
    src = (
        "type Rows = list[dict]\n"
        "def f[T](s, d: dict[str, T]):\n"
        "    s.run(f\"MATCH (n:{d[\"label\"]}) RETURN n\")\n"
        "    return s.run('MATCH (a)-[:R]->(b) WHERE toLower(a.x) = \"y\" RETURN b')\n"
    )
    result = lint(src, target="arcadedb-legacy")
    if sys.version_info >= (3, 12):
        assert not [d for d in result.diagnostics if d.code == "E001"]
        assert len(queries_of(src)) == 2
    else:
        errors = [d for d in result.diagnostics if d.code == "E001"]
        assert len(errors) == 1 and errors[0].line == 1 and "newer Python" in (errors[0].hint or "")
    # either way the plain query is linted at its place
    arc001 = [d for d in result.diagnostics if d.code == "ARC001"]
    assert [(d.line, src[d.start : d.end]) for d in arc001] == [(4, "toLower(a.x)")]


def test_byte_order_mark():
    src = "\ufeffs.run('MATCH ()-[:R]->() RETURN count(*)')\n"
    d = [d for d in lint(src, target="arcadedb@26.5").diagnostics if d.code == "ARC101"][0]
    assert src[d.start : d.end] == "[:R]"
    fixed = lint(src, target="arcadedb@26.5", fix=True).new_text
    assert fixed is not None and fixed.startswith("\ufeffs.run('MATCH ")


# ------------------------------------------------------------------------------ other Pythons

EXTRACT_SCRIPT = r"""
import ast, json, sys
from cypherlint.sources.pyextract import extract
out = {}
for path in sys.argv[1:]:
    src = open(path, encoding="utf-8", newline="").read()
    try:
        tree = ast.parse(src.lstrip("\ufeff"))
    except SyntaxError:
        out[path] = None
        continue
    out[path] = [[q.mapped.text, q.mapped.starts, q.mapped.ends] for q in extract(src, tree)[0]]
print(json.dumps(out))
"""

PY312_APP = '''
def labels(s, d):
    return s.run(f"MATCH (n:{d["label"]}) WHERE n.x = {d['x']!r:>{d["w"]}} RETURN n").data()


def other(s):
    return s.run("""MATCH (a)-[:R]->() RETURN count(*) AS c""")
'''


def _interpreters():
    base = Path.home() / ".pyenv" / "versions"
    out = []
    for minor in ("3.10", "3.12", "3.13"):
        for cand in sorted(base.glob(minor + ".*")):
            exe = cand / "bin" / "python3"
            if exe.exists():
                out.append(pytest.param(str(exe), id=minor))
                break
    return out


@pytest.mark.parametrize("python", _interpreters())
def test_extraction_is_identical_on_other_pythons(python, tmp_path):
    import antlr4

    deps = tmp_path / "deps"
    deps.mkdir()
    (deps / "antlr4").symlink_to(Path(antlr4.__file__).parent)
    modern = tmp_path / "modern.py"
    modern.write_text(PY312_APP, encoding="utf-8")
    files = [str(p) for p in sorted(APPS.glob("*.py"))] + [str(modern)]
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{deps}", PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([python, "-c", EXTRACT_SCRIPT, *files], capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    theirs = json.loads(proc.stdout)
    version = subprocess.run([python, "-c", "import sys; print(sys.version_info[:2] >= (3, 12))"],
                             capture_output=True, text=True).stdout.strip() == "True"
    for path in files:
        src = Path(path).read_text(encoding="utf-8")
        if path == str(modern):
            if version:
                assert [t[0] for t in theirs[path]] == [
                    "MATCH (n:__p0) WHERE n.x = $__p1 RETURN n", "MATCH (a)-[:R]->() RETURN count(*) AS c"]
                i = src.index('f"MATCH')
                assert theirs[path][0][1][0] == i + 2
            else:
                assert theirs[path] is None
            continue
        with open(path, encoding="utf-8", newline="") as f:
            src = f.read()
        mine = [[q.mapped.text, q.mapped.starts, q.mapped.ends] for q in queries_of(src)]
        assert theirs[path] == mine, path


# ------------------------------------------------------------------------------ robustness


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mangled_modules_never_crash(data):
    """Cut, spliced and corrupted versions of the realistic modules: always a result, never an
    exception, and every reported position lies inside the text."""
    names = sorted(EXPECTED)
    src = read_app(data.draw(st.sampled_from(names)))
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(src)))
        j = data.draw(st.integers(i, min(len(src), i + 40)))
        junk = data.draw(st.sampled_from(["", "'", '"', '"""', "f'{", "{", "}", "\\", "\r\n", "#", "\x00", "é", "(",
                                          "session.run('MATCH (n RETURN n')", 'f"{x["a"]}"']))
        src = src[:i] + junk + src[j:]
    for fix in (False, True):
        result = check_text(src, "mangled.py", target=data.draw(st.sampled_from(["arcadedb", "arcadedb-legacy"])),
                            fix=fix)
        assert result.error is None
        final = result.new_text if result.new_text is not None else src
        for d in result.diagnostics:
            assert 0 <= d.start <= d.end <= len(final)
        for d in result.applied:
            assert 0 <= d.start <= d.end <= len(src)
        if result.new_text is not None:
            compile(_strip_bom(result.new_text), "fixed.py", "exec")


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def test_other_graph_languages_on_graph_objects_are_not_cypher():
    src = (
        "import rdflib\n"
        "graph = rdflib.Graph()\n"
        "rows = graph.query('SELECT ?s WHERE { ?s ?p ?o }')\n"
        "g = Graph('bolt://x')\n"
        "g.run(\"g.V().hasLabel('person')\")\n"
    )
    assert texts_of(src) == []
    assert lint(src).diagnostics == []
