"""The grammar is consistent with itself, with the fast lexer, and with the generated code.

CypherParser.g4 writes its name-token lists out in full (one parse-tree node per name instead of
two), so nothing but this test keeps them complete: a keyword added to the lexer must be added to
every list, and the lists that exclude words must exclude exactly the reserved words named in the
comment at the end of the grammar.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from cypherlint._generated import lexer_charsets
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.syntax import fastlexer
from cypherlint.syntax.parser import parse

from conftest import ROOT

LEXER_G4 = (ROOT / "grammar" / "CypherLexer.g4").read_text(encoding="utf-8")
PARSER_G4 = (ROOT / "grammar" / "CypherParser.g4").read_text(encoding="utf-8")

# Keyword rules of the lexer: NAME : 'NAME' ; (SKIP_ : 'SKIP' is the one renamed rule).
LEXER_KEYWORDS = dict(re.findall(r"^([A-Z][A-Z_]*)\s*:\s*'([A-Za-z]+)'\s*;", LEXER_G4, flags=re.M))
KEYWORD_RULES = set(LEXER_KEYWORDS)
ALL_NAMES = KEYWORD_RULES | {"IDENTIFIER", "ESCAPED_NAME"}
_reserved = re.search(r"// Reserved words \(not variables\): ([A-Z_ ]+?) —", PARSER_G4)
RESERVED = set(_reserved.group(1).split()) if _reserved else set()


def _rule_body(name: str) -> str:
    m = re.search(rf"^{name}\n\s*:(.*?)^\s*;", PARSER_G4, flags=re.M | re.S)
    assert m, f"rule {name} not found"
    return m.group(1)


def _name_lists(text: str) -> list[set[str]]:
    """Every parenthesised alternative list that starts with IDENTIFIER | ESCAPED_NAME."""
    return [set(re.findall(r"[A-Z][A-Z_]*", body))
            for body in re.findall(r"\(\s*IDENTIFIER\s*\|\s*ESCAPED_NAME\s*\|([^()]*)\)", text)]


def test_lexer_keywords_match_the_fast_lexer_and_the_generated_code():
    assert len(LEXER_KEYWORDS) > 150
    assert {text.upper() for text in LEXER_KEYWORDS.values()} == set(fastlexer.KEYWORDS)
    for rule, text in LEXER_KEYWORDS.items():
        assert fastlexer.KEYWORDS[text.upper()] == getattr(P, rule)


def test_reserved_words_are_named_and_are_keywords():
    assert RESERVED, "the reserved-word comment at the end of CypherParser.g4 is missing"
    assert RESERVED <= KEYWORD_RULES


def test_every_name_list_is_complete():
    lists = _name_lists(PARSER_G4)
    assert len(lists) >= 8
    for names in lists:
        assert names <= ALL_NAMES | {"IDENTIFIER", "ESCAPED_NAME"}, sorted(names - ALL_NAMES)
        missing = ALL_NAMES - {"IDENTIFIER", "ESCAPED_NAME"} - names
        assert missing in (set(), RESERVED), f"a name list lacks {sorted(missing - RESERVED) or sorted(missing)}"


@pytest.mark.parametrize("rule,expect_reserved_excluded", [
    ("variable", True), ("functionName", True), ("symbolicName", False), ("labelTerm", False), ("mapLiteral", False),
])
def test_which_lists_exclude_the_reserved_words(rule, expect_reserved_excluded):
    lists = _name_lists(_rule_body(rule))
    assert lists
    for names in lists:
        excluded = KEYWORD_RULES - names
        assert excluded == (RESERVED if expect_reserved_excluded else set())


def test_expression_name_lists():
    """VariableExpression excludes the reserved words; a property key after '.' may be any name."""
    body = _rule_body("expression")
    var = re.search(r"\|\s*\(\s*IDENTIFIER\s*\|\s*ESCAPED_NAME([^()]*)\)\s*# VariableExpression", body)
    prop = re.search(r"expression DOT\s*\(\s*IDENTIFIER\s*\|\s*ESCAPED_NAME([^()]*)\)\s*# PropertyExpression", body)
    assert var and prop
    assert KEYWORD_RULES - set(re.findall(r"[A-Z][A-Z_]*", var.group(1))) == RESERVED
    assert KEYWORD_RULES - set(re.findall(r"[A-Z][A-Z_]*", prop.group(1))) == set()


@pytest.mark.parametrize("keyword", sorted(fastlexer.KEYWORDS))
def test_every_keyword_is_a_name_where_cypher_allows_any_name(keyword):
    """Labels, relationship types, property keys, map keys, aliases: every keyword works."""
    k = keyword.lower()
    q = f"MATCH (n:{k} {{{k}: 1}})-[r:{k}]->(m) WITH n.{k} AS {k} RETURN {{{k}: 2}} AS x ORDER BY x.{k}"
    assert not parse(q).issues, parse(q).issues


@pytest.mark.parametrize("keyword", sorted(fastlexer.KEYWORDS))
def test_exactly_the_non_reserved_keywords_are_variables(keyword):
    rule = next(r for r, t in LEXER_KEYWORDS.items() if t.upper() == keyword)
    k = keyword.lower()
    ok = not parse(f"MATCH ({k}) RETURN 1").issues
    assert ok == (rule not in RESERVED), f"{keyword}: {'parses' if ok else 'does not parse'} as a variable"


def test_lexer_charsets_are_the_generated_lexers_sets():
    """cypherlint/_generated/lexer_charsets.py equals the ID_START/ID_PART sets in the lexer's ATN."""
    from cypherlint._generated.CypherLexer import CypherLexer

    atn = CypherLexer.atn
    for name in ("ID_START", "ID_PART"):
        i = CypherLexer.ruleNames.index(name)
        start, stop = atn.ruleToStartState[i], atn.ruleToStopState[i]
        points: set[int] = set()
        todo, seen = [start], set()
        while todo:
            s = todo.pop()
            if s is stop or s.stateNumber in seen:
                continue
            seen.add(s.stateNumber)
            for t in s.transitions:
                if not t.isEpsilon:
                    for r in t.label.intervals:
                        points.update(range(r.start, r.stop))
                todo.append(t.target)
        written = set()
        for a, b in getattr(lexer_charsets, name):
            written.update(range(a, b + 1))
        assert written == points, name


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None, reason="the ANTLR tool needs Java")
def test_generated_code_matches_the_grammar():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "regen_parser.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
