"""Property tests: lint/fix never crash, never hang, and never lose a byte.

Three generators feed the same invariants (``strategies.check_*``):

- arbitrary text (any unicode: control characters, NUL, lone surrogates, very long lines, and
  Cypher-looking fragments) -> ``lint``/``fix`` return normally under every target, spans and
  line/column agree with offsets, fix edits lie inside the text and do not overlap;
- grammar-aware Cypher (``strategies.cypher_text``) -> parses without E001, ``fix`` output parses,
  ``fix`` is idempotent, safe fixes keep every RETURN column name, and comments outside the fixed
  ranges survive byte for byte;
- mutated corpus queries (delete / insert / swap / duplicate tokens or characters) -> no exception,
  no runaway (a generous per-query time bound).

The number of cases is the hypothesis profile's (tests/conftest.py): "ci" by default (2,000 per
property), "nightly" with CYPHERLINT_HYPOTHESIS_PROFILE=nightly.
"""

from __future__ import annotations

import json
import random
import time

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import cypherlint
import strategies as S
from conftest import SHARED
from cypherlint.syntax.fastlexer import tokenize
from cypherlint.syntax.parser import parse

# Far above any real query's cost; only a runaway loop or an exponential path gets here.
TIME_BOUND = 30.0

targets = st.sampled_from(S.TARGETS)

# ------------------------------------------------------------------------------ arbitrary text

_FRAGMENTS = [
    "MATCH", "RETURN", "WITH", "WHERE", "(", ")", "[", "]", "{", "}", "-", "->", "<-", ":", "|", "&", "!", "*", "..",
    "'", '"', "`", "\\", "/*", "*/", "//", "\n", "\r\n", "\r", ";", ",", "$", "=", "n", "x.y", "toLower(",
    "labels(n)", "count(*)", "CASE", "WHEN", "THEN", "END", "EXISTS {", "CALL", "YIELD", "UNION", "1", "1.5e",
    "0x", "\x00", "\ud800", "\udfff", "\ufeff", "\u2028", "é", "数", "\U0001f600", " ", "\t", "noqa", "// noqa: ARC001",
    "// cypherlint: noqa", "/* noqa */",
]

any_char_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=300)
fragment_text = st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=3), max_size=80).map("".join)
long_line = st.tuples(st.sampled_from(["a", "(", "'", "/*", "`", "1+", "é", " ", "[", "\\", "$"]),
                      st.integers(1, 20_000)).map(lambda t: t[0] * t[1])
# Long lines cost far more per case (a 40,000-character operator chain takes ~1 s), so they get
# about one case in eight.
arbitrary_text = st.one_of(any_char_text, fragment_text, any_char_text, fragment_text, any_char_text,
                           fragment_text, long_line, st.tuples(fragment_text, long_line).map("".join))


@given(text=arbitrary_text, target=targets, unsafe=st.booleans())
@example(text="\x00", target="arcadedb", unsafe=False)
@example(text="\ud800MATCH (n) RETURN n", target="arcadedb-legacy", unsafe=True)
@example(text="MATCH (n) RETURN n // noqa: ARC001\r\nRETURN 1", target="arcadedb", unsafe=False)
def test_arbitrary_text_never_crashes(text, target, unsafe):
    with S.time_limit(TIME_BOUND, repr(text[:80])):
        result = cypherlint.fix(text, target=target, unsafe_fixes=unsafe)
        diags = cypherlint.lint(text, target=target) if result.changed else result.remaining
    S.check_diagnostics(text, diags)
    S.check_fix_result(text, result, target=target, unsafe=unsafe, relint=False)
    if result.changed:
        assert S.syntax_issue_count(result.query) <= S.syntax_issue_count(text)


# ------------------------------------------------------------------------------ grammar-aware


@given(text=S.cypher_text, target=targets)
def test_generated_cypher_parses_and_lints(text, target):
    with S.time_limit(TIME_BOUND, repr(text[:80])):
        diags = cypherlint.lint(text, target=target)
    S.check_diagnostics(text, diags)
    syntax = [d for d in diags if d.code in ("E001", "E002")]
    assert not syntax, f"generated Cypher rejected: {syntax[0].message}\n{text}"


def _without_removed_suppressions(before: list[str], after: list[str], applied) -> bool:
    """``after`` is ``before`` minus some noqa comments, and only if an unused-suppression fix ran."""
    if before == after:
        return True
    if not any(d.code == "CL100" for d in applied):
        return False
    it = iter(after)
    pending = next(it, None)
    for c in before:
        if c == pending:
            pending = next(it, None)
        elif "noqa" not in c.lower():
            return False
    return pending is None


@given(text=S.cypher_text, target=targets, unsafe=st.sampled_from([False, False, False, True]))
def test_fix_on_generated_cypher(text, target, unsafe):
    with S.time_limit(TIME_BOUND, repr(text[:80])):
        result = cypherlint.fix(text, target=target, unsafe_fixes=unsafe)
    S.check_fix_result(text, result, target=target, unsafe=unsafe, relint=False)
    if not result.changed:
        return
    out = result.query
    issues = parse(out).issues
    assert not issues, f"fix output does not parse: {issues[0]}\n--- in\n{text}\n--- out\n{out}"
    with S.time_limit(TIME_BOUND, repr(out[:80])):
        again = cypherlint.fix(out, target=target, unsafe_fixes=unsafe)
    assert again.query == out, f"fix is not idempotent\n--- once\n{out}\n--- twice\n{again.query}"
    assert again.remaining == result.remaining
    if not unsafe:
        assert S.return_columns(out) == S.return_columns(text), (
            f"a safe fix changed the returned columns\n--- in\n{text}\n--- out\n{out}\n"
            f"applied: {[d.code for d in result.applied]}")
        before, after = S.comment_texts(text), S.comment_texts(out)
        assert _without_removed_suppressions(before, after, result.applied), (
            f"comments changed\n--- in\n{text}\n--- out\n{out}")


# ------------------------------------------------------------------------------ mutated corpus


def _corpus() -> list[str]:
    queries = []
    for name in ("tck", "realworld"):
        path = SHARED / "corpus" / name / "queries.jsonl"
        if path.is_file():
            with open(path, encoding="utf-8") as f:
                queries += [json.loads(line)["query"] for line in f if line.strip()]
    return [q for q in queries if len(q) < 4000] or ["MATCH (n:Person) WHERE toLower(n.name) = 'x' RETURN n"]


CORPUS = _corpus()
_INSERTS = ["(", ")", "[", "]", "{", "}", "-", ">", "<", ":", "|", "&", "!", "*", "..", ",", ".", "'", '"', "`",
            "/*", "*/", "//", "\n", ";", "$x", "WHERE", "RETURN", "MATCH", "WITH", "AS", "CASE", "END", "NOT",
            "IN", "OPTIONAL", "CALL", "{", "UNION", "\x00", "\ud800", "é", "+", "=", "=~", "IS", "NULL"]


@st.composite
def mutated_corpus_query(draw) -> str:
    text = draw(st.sampled_from(CORPUS))
    for _ in range(draw(st.integers(1, 6))):
        by_token = draw(st.booleans())
        spans = [(t.start, t.stop + 1) for t in tokenize(text).tokens] if by_token else None
        if by_token and spans:
            units = spans
        else:
            units = [(i, i + 1) for i in range(len(text))]
        op = draw(st.sampled_from(["delete", "insert", "swap", "duplicate"]))
        if not units:
            op = "insert"
        if op == "insert":
            pos = draw(st.integers(0, len(text)))
            text = text[:pos] + " " + draw(st.sampled_from(_INSERTS)) + " " + text[pos:]
            continue
        i = draw(st.integers(0, len(units) - 1))
        s, e = units[i]
        if op == "delete":
            text = text[:s] + text[e:]
        elif op == "duplicate":
            text = text[:e] + " " + text[s:e] + text[e:]
        else:
            j = draw(st.integers(0, len(units) - 1))
            (a, b), (c, d) = sorted([units[i], units[j]])
            if b <= c:
                text = text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]
    return text


@given(text=mutated_corpus_query(), target=targets, unsafe=st.booleans())
def test_mutated_corpus_queries_never_crash(text, target, unsafe):
    start = time.monotonic()
    with S.time_limit(TIME_BOUND, repr(text[:80])):
        result = cypherlint.fix(text, target=target, unsafe_fixes=unsafe)
        # Unchanged text: `remaining` is the lint of the input itself; otherwise lint it too.
        diags = cypherlint.lint(text, target=target) if result.changed else result.remaining
    assert time.monotonic() - start < TIME_BOUND
    S.check_diagnostics(text, diags)
    S.check_fix_result(text, result, target=target, unsafe=unsafe, relint=False)
    if result.changed:
        assert S.syntax_issue_count(result.query) <= S.syntax_issue_count(text)


def test_generators_cover_the_grammar():
    """The generator reaches every construct the brief lists (so the properties above mean something)."""
    from cypherlint import analysis
    from cypherlint._generated.CypherParser import CypherParser as P

    wanted = {P.MatchClauseContext, P.WithClauseContext, P.ReturnClauseContext, P.UnwindClauseContext,
              P.CreateClauseContext, P.MergeClauseContext, P.MergeActionContext, P.SetClauseContext,
              P.RemoveClauseContext, P.DeleteClauseContext, P.ForeachClauseContext, P.SubqueryCallContext,
              P.ProcedureCallContext, P.YieldClauseContext, P.QueryConnectorContext, P.LoadCsvClauseContext,
              P.LabelDisjunctionContext, P.LabelConjunctionContext, P.NegatedLabelContext, P.RangeLiteralContext,
              P.QuantifierContext, P.ParenthesizedPathContext, P.ShortestPathPatternContext, P.PathSelectorContext,
              P.CaseExpressionContext, P.PatternComprehensionContext, P.ListExpressionContext,
              P.MapProjectionContext, P.ExistsSubqueryContext, P.CountSubqueryContext, P.CollectSubqueryContext,
              P.ParameterContext, P.ReduceExpressionContext, P.ListPredicateContext, P.PatternExpressionContext,
              P.SubscriptExpressionContext, P.TypePredicateExpressionContext, P.CreateIndexContext,
              P.ShowCommandContext, P.DynamicLabelContext, P.MatchModeContext}
    seen: set[type] = set()
    comments = 0
    rnd = random.Random(20260101)
    for _ in range(300):
        text = S.generate_text(S.Chooser(rnd.randbytes(400)))
        parsed = parse(text)
        comments += len(parsed.comments)
        for stmt in parsed.statements:
            assert stmt.tree is not None, (text, stmt.error)
            seen.update(type(n) for n in analysis.walk(stmt.tree))
    assert not wanted - seen, f"never generated: {sorted(c.__name__ for c in wanted - seen)}"
    assert comments > 50
