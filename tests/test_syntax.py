"""The parse layer: statement splitting, structural checks, robustness on hostile input, and the
quality of syntax-error messages (E001) on real invalid queries."""

from __future__ import annotations

import time

import pytest

import cypherlint
from cypherlint.syntax import parser as parser_module
from cypherlint.syntax.parser import MAX_NESTING, MAX_STATEMENT_TOKENS, parse

from conftest import read_jsonl


def _issues_inside(text, result):
    for issue in result.issues:
        assert issue.code in ("E001", "E002"), issue
        assert 0 <= issue.start <= issue.end <= len(text), issue
        if text:
            assert issue.start < len(text) or issue.start == issue.end == len(text.rstrip()) or issue.start == len(text)


def _e001(text):
    return [d for d in cypherlint.lint(text) if d.code == "E001"]


# ------------------------------------------------------------------------------ statements


def test_statements_are_split_on_semicolons_outside_strings_and_comments():
    text = "RETURN ';' AS a; // ; here\nMATCH (n) /* ; */ RETURN n ;\n;  RETURN `;` AS b"
    r = parse(text)
    assert [text[s.start : s.end] for s in r.statements] == [
        "RETURN ';' AS a", "MATCH (n) /* ; */ RETURN n", "RETURN `;` AS b"]
    assert all(s.ok for s in r.statements) and not r.issues
    assert [c.text for c in r.comments] == ["// ; here", "/* ; */"]


def test_an_error_in_one_statement_leaves_the_others_parsed():
    text = "MATCH (n) RETURN n;\nMATCH (n RETURN n;\nRETURN 1"
    r = parse(text)
    assert [s.ok for s in r.statements] == [True, False, True]
    (issue,) = r.issues
    assert text[issue.start : issue.end] == "RETURN" and issue.start == text.index("RETURN n;\nRETURN 1")


@pytest.mark.parametrize("text", ["", "   \n\t ", ";", " ; ; ", "// only a comment", "/* a */ // b\n;/* c */"])
def test_empty_input_and_only_comments_have_no_statements(text):
    r = parse(text)
    assert r.statements == [] and r.issues == []
    assert cypherlint.lint(text) == []


# ------------------------------------------------------------------------------ structural checks


@pytest.mark.parametrize("query,message,span", [
    ("MATCH (a)-->-->(b) RETURN a", "two relationship patterns in a row", "-->"),
    ("MATCH (a)-[:R]--[:S]-(b) RETURN a", "two relationship patterns in a row", "-[:S]-"),
    ("MATCH -[r]->(b) RETURN b", "cannot start with a relationship", "-[r]->"),
    ("CREATE (a)-[:R]-> RETURN a", "cannot end with a relationship", "-[:R]->"),
    ("MATCH (a)(b) RETURN a", "two node patterns side by side", "(b)"),
    ("MATCH (a)-->((x)-->(y))+ RETURN a", "not a parenthesized path", "((x)-->(y))"),
    ("MATCH p = shortestPath((a)-->-->(b)) RETURN p", "two relationship patterns in a row", "-->"),
    ("RETURN [(a)-->(b)(c) | a] AS x", "two node patterns side by side", "(c)"),
    ("CALL db.labels() YIELD * RETURN label", "YIELD * is only allowed when the CALL is the whole query", "YIELD *"),
    ("CALL { CALL db.labels() YIELD * } RETURN 1", "YIELD * is only allowed", "YIELD *"),
    ("RETURN [1 | 2] AS x", "'|' in a list needs 'variable IN list'", "1"),
    ("RETURN [x + 1 WHERE x > 0] AS x", "'WHERE' in a list needs 'variable IN list'", "x + 1"),
])
def test_structural_errors_have_exact_spans(query, message, span):
    (d,) = _e001(query)
    assert message in d.message
    assert query[d.start : d.end] == span
    assert d.fix is None and d.hint


@pytest.mark.parametrize("query", [
    "MATCH (a)-->(b)<--(c), (d) RETURN a",
    "MATCH (a) ((x)-[:R]->(y)){1,3} (b) RETURN a",
    "MATCH (a)-[:R]->{2}(b) RETURN a",
    "MATCH p = ((a)-->(b) WHERE a.x > 1) RETURN p",
    "MATCH (a) ((x)-->(y))+ ((u)-->(v))* (b) RETURN a",
    "CALL db.labels() YIELD *",
    "EXPLAIN CALL db.labels() YIELD *",
    "SHOW INDEXES YIELD * RETURN name",
    "RETURN [x IN [1, 2] WHERE x > 1 | x * 2] AS a, [y IN [1] | y] AS b, [(n)-->(m) WHERE m.x | m] AS c",
    "MATCH (n) WHERE n.x IN [1, 2] RETURN [p = (n)-->() | p] AS ps",
    "MATCH (a)-[r WHERE r.x > 1]->(b) RETURN [1, 2, 3][0..2] AS x",
])
def test_valid_structures_are_accepted(query):
    assert not parse(query).issues


def test_tck_parse_class_examples_are_rejected_where_they_should_be(shared_dir):
    tck = {t["id"]: t for t in read_jsonl(shared_dir / "corpus" / "tck" / "queries.jsonl")}
    for tid in ("tck-02531", "tck-02847", "tck-02849"):
        codes = {d.code for d in cypherlint.lint(tck[tid]["query"])}
        assert "ARC201" in codes and "E001" not in codes, (tid, codes)
    (d,) = _e001(tck["tck-00049"]["query"])
    assert "YIELD *" in d.message


# ------------------------------------------------------------------------------ robustness


def _robust(text, seconds):
    t = time.perf_counter()
    r = parse(text)
    elapsed = time.perf_counter() - t
    _issues_inside(text, r)
    assert elapsed < seconds, f"{elapsed:.1f} s"
    return r


def test_deep_nesting_is_an_input_limit_not_a_crash():
    depth = 10_000
    text = "RETURN " + "(" * depth + "1" + ")" * depth
    r = _robust(text, 5)
    (issue,) = r.issues
    assert issue.code == "E002" and "nesting" in issue.message
    assert text[issue.start] == "(" and issue.start == len("RETURN ") + MAX_NESTING
    for opener in "[{":
        r = _robust("RETURN " + opener * depth, 5)
        assert [i.code for i in r.issues] == ["E002"]
    r = _robust("RETURN " + "NOT " * depth + "true", 5)
    assert [i.code for i in r.issues] == ["E002"]


def test_nesting_just_below_the_limit_parses():
    depth = MAX_NESTING - 1
    r = _robust("RETURN " + "[" * depth + "1" + "]" * depth + " AS x", 10)
    assert not r.issues


@pytest.mark.slow
def test_five_megabyte_queries():
    big_string = "RETURN '" + "a" * 5_000_000 + "' AS s"
    r = _robust(big_string, 10)
    assert not r.issues and r.statements[0].ok
    big_list = "RETURN [" + "1, " * 1_700_000 + "1] AS l; RETURN 2"
    r = _robust(big_list, 20)
    assert [i.code for i in r.issues] == ["E002"]
    assert f"{MAX_STATEMENT_TOKENS:,}" in r.issues[0].message
    assert r.issues[0].end == big_list.index("; RETURN 2")
    assert r.statements[1].ok  # the statement after the oversized one is still analysed
    big_comment = "/*" + "x*" * 2_500_000 + "*/ RETURN 1"
    assert not _robust(big_comment, 20).issues
    unterminated = "RETURN '" + "a" * 5_000_000
    r = _robust(unterminated, 20)
    assert [i.message for i in r.issues] == ["syntax error: unterminated string literal"]


def test_statements_beyond_the_limit_are_one_input_limit_issue(monkeypatch):
    monkeypatch.setattr(parser_module, "MAX_STATEMENTS", 100)
    text = "RETURN 1;" * 100 + "RETURN 2; RETURN (;" * 50
    r = parse(text)
    assert len(r.statements) == 100 and all(s.ok for s in r.statements)
    (issue,) = r.issues
    assert issue.code == "E002" and (issue.start, issue.end) == (text.index("RETURN 2"), len(text))


def test_only_the_first_errors_of_a_text_get_trial_reparses(monkeypatch):
    calls = []
    original = parser_module._error_offset
    monkeypatch.setattr(parser_module, "_error_offset", lambda toks: calls.append(1) or original(toks))
    r = parse("RETURN {1};" * (parser_module._MAX_EXPLAINED + 50))
    assert len(r.issues) == parser_module._MAX_EXPLAINED + 50
    assert len(calls) <= 4 * parser_module._MAX_EXPLAINED


@pytest.mark.parametrize("text", [
    "MATCH (n)\x00 RETURN n",
    "RETURN '\x00' AS nul",
    "\x00",
    "MATCH (\ud800) RETURN 1",
    "RETURN '\udfff' AS lone",
    "RETURN `\ud800` AS x",
    "\ud800\udc00\udbff",
    "MATCH (n) RETURN n /* \ud800",
    "RETURN 'unterminated",
    "MATCH (n) WHERE n.name = \"a\\",
    "RETURN `x",
    "/* never closed",
    "\ufeffMATCH (n) RETURN n",
    "MATCH\u00a0(n)\u2028RETURN\u3000n",
])
def test_odd_characters_give_a_result_with_positions_inside_the_text(text):
    r = _robust(text, 2)
    for d in cypherlint.lint(text):
        assert 0 <= d.start <= d.end <= len(text)
        assert d.line >= 1 and d.column >= 1
    if "\x00" in text.replace("'\x00'", ""):
        assert r.issues and "U+0000" in r.issues[0].message


def test_nul_and_surrogates_inside_strings_are_just_characters():
    assert not parse("RETURN '\x00', '\ud800', \"\udfff\" AS x").issues


@pytest.mark.slow
def test_one_hundred_thousand_statements():
    text = "MATCH (n:L {id: 1}) RETURN n;\n" * 100_000
    r = _robust(text, 120)
    assert len(r.statements) == 100_000 and not r.issues
    assert r.statements[-1].start == text.rindex("MATCH")


@pytest.mark.slow
def test_twenty_thousand_statements_with_errors():
    text = "MATCH (n RETURN n;\n" * 20_000
    r = _robust(text, 120)
    assert len(r.issues) == 20_000 and all(i.code == "E001" for i in r.issues)
    assert r.issues[-1].start == text.rindex("RETURN")


def test_recursion_limit_is_not_reached_below_the_nesting_limit():
    # MAX_NESTING levels of the most frame-hungry construct still parse at the default limit
    q = "RETURN " + "[x IN " * (MAX_NESTING - 1) + "[1]" + " | x]" * (MAX_NESTING - 1) + " AS y"
    assert not _robust(q, 20).issues


def test_parse_never_raises_on_garbage():
    for text in ["))))", "]]]]", "}}}", "MATCH ((((", "RETURN -", "-" * 1000, ":" * 1000, "$" * 500,
                 "CALL {" * 50, "WITH " * 200, "'" * 1001, "`" * 1001, "/*/" * 300]:
        _robust(text, 10)


# ------------------------------------------------------------------------------ error quality


def test_e001_positions_are_one_based_lines_and_zero_based_offsets():
    text = "MATCH (n)\nWHERE n.x = 1\n  RETURN n GROUP BY n"
    (d,) = _e001(text)
    assert text[d.start : d.end] == "GROUP"
    assert (d.line, d.column) == (3, 12)
    assert (d.end_line, d.end_column) == (3, 17)


@pytest.mark.parametrize("text,message,hint", [
    ("MATCH (n) RETURN", "unexpected end of the statement; expected an expression or '*'",
     "the statement is incomplete: add an expression or '*' at the end"),
    ("RETURN [1, 2", "unexpected end of the statement; expected ']'",
     "add ']' at the end to close the '[' at line 1, column 8"),
    ("MATCH (n RETURN n", "unexpected keyword 'RETURN'; expected ')'",
     "add ')' before keyword 'RETURN' to close the '(' at line 1, column 7"),
    ("UNWIND [1] AS x RETURN x ORDER x", "unexpected name 'x'; expected BY", "insert BY before name 'x'"),
    ("MATCH (n) RETURN n LIMIT 1 2", "unexpected number 2; expected the end of the statement",
     "remove number 2 and what follows it, or put ';' before it to start a new statement"),
    ("RETURN 42 \u2014 41", "unexpected character '\u2014' (U+2014 EM DASH)", "remove character"),
])
def test_messages_name_the_token_and_what_was_expected(text, message, hint):
    (d,) = _e001(text)
    assert message in d.message
    assert d.hint.startswith(hint)


def test_a_missing_bracket_found_deep_in_the_lookahead_is_named(shared_dir):
    """No-viable-alternative errors carry no usable expected set; re-parsing finds the missing '}'."""
    tck = {t["id"]: t for t in read_jsonl(shared_dir / "corpus" / "tck" / "queries.jsonl")}
    (d,) = _e001(tck["tck-02673"]["query"])  # RETURN {k1.k: 1} AS literal
    assert d.message == "syntax error: unexpected '.'; expected '}'"
    assert d.hint == "add '}' before '.' to close the '{' at line 1, column 8"
    (d,) = _e001(tck["tck-02679"]["query"])  # RETURN {k: {k: {}} AS literal
    assert "expected '}'" in d.message and "line 1, column 8" in d.hint


def test_common_mistakes_in_real_queries_get_their_own_words(shared_dir):
    rows = {r["id"]: r for r in read_jsonl(shared_dir / "corpus" / "realworld" / "queries.jsonl")}
    cases = {
        "rw-006907": ("'NOT IN' is not a Cypher operator", "NOT x IN y"),  # WHERE 'English' NOT IN m.languages
        "rw-005260": ("Cypher has no GROUP BY", "remove GROUP BY"),
        "rw-013608": ("unexpected '-'; expected '='", ""),  # MATCH victim-[t]->(x): read as `victim = ...`
        "rw-003558": ("a node in a pattern needs parentheses", "(p)-[...]"),  # relationships(p-[:ACTED_IN]->m)
        "rw-001117": ("unexpected keyword 'AND'; expected '}'", "an EXISTS { pattern } cannot be combined with AND"),
        "rw-001258": ("unexpected '('; expected '}'", "add '}' before '(' to close the '{'"),  # size{(c)...}
    }
    for rid, (message, hint) in cases.items():
        (d,) = _e001(rows[rid]["query"])
        assert message in d.message, (rid, d.message)
        assert hint in (d.hint or ""), (rid, d.hint)


@pytest.mark.slow
def test_every_e001_on_invalid_corpus_queries_reads_well(shared_dir):
    """On every rejected TCK parse-class query and suspect_invalid realworld record."""
    tck = read_jsonl(shared_dir / "corpus" / "tck" / "queries.jsonl")
    rw = read_jsonl(shared_dir / "corpus" / "realworld" / "queries.jsonl")
    texts = [t["query"] for t in tck if t["syntax_class"] == "parse"] + [r["query"] for r in rw if r["suspect_invalid"]]
    seen = with_hint = 0
    for text in texts:
        for d in _e001(text):
            seen += 1
            assert d.message.startswith("syntax error: ")
            assert "unexpected the " not in d.message and "write the end of the statement" not in (d.hint or "")
            assert 0 <= d.start <= d.end <= len(text)
            lines = text.split("\n")
            assert 1 <= d.line <= len(lines) and 1 <= d.column <= len(lines[d.line - 1]) + 1
            offending = text[d.start : d.end]
            if offending and "character" not in d.message and "string literal" not in d.message:
                # the message names the offending token (or says what is wrong with it)
                assert offending.upper()[:37] in d.message.upper() or "pattern" in d.message \
                    or "GROUP BY" in d.message or "NOT " in d.message or "list" in d.message, (text, d)
            if d.hint:
                with_hint += 1
                assert not d.hint.endswith(" here")
    assert seen >= 60
    assert with_hint / seen >= 0.85, f"{with_hint} of {seen} have a hint"


def test_repairs_are_not_attempted_on_huge_statements(monkeypatch):
    calls = []
    original = parser_module._error_offset
    monkeypatch.setattr(parser_module, "_error_offset", lambda toks: calls.append(1) or original(toks))
    text = "RETURN " + ", ".join(["{a: 1}"] * 2000) + ", {1}"
    (issue,) = parse(text).issues
    assert issue.code == "E001" and calls == []
