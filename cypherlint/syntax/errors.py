"""Syntax errors in plain words: what was found, where, and what would have been valid there."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from antlr4.error.Errors import NoViableAltException
from antlr4.Token import Token

from cypherlint._generated.CypherParser import CypherParser as L
from cypherlint.syntax import fastlexer

if TYPE_CHECKING:
    from cypherlint.syntax.parser import Statement

SYNTAX_ERROR = ("E001", "syntax-error")
INPUT_LIMIT = ("E002", "input-limit")


@dataclass(frozen=True, slots=True)
class SyntaxIssue:
    code: str
    name: str
    message: str
    start: int
    end: int
    hint: str | None = None


def input_limit_issue(start: int, end: int, message: str) -> SyntaxIssue:
    return SyntaxIssue(*INPUT_LIMIT, message, start, end)


_CLAUSE_KEYWORDS = frozenset(
    fastlexer.KEYWORDS[k]
    for k in (
        "MATCH", "OPTIONAL", "WITH", "RETURN", "UNWIND", "CREATE", "MERGE", "SET", "REMOVE", "DELETE",
        "DETACH", "CALL", "FOREACH", "LOAD", "USE", "FINISH",
    )
)
_NAME_TOKENS = frozenset({L.IDENTIFIER, L.ESCAPED_NAME})
_EXPRESSION_STARTERS = frozenset({L.DECIMAL_INTEGER, L.STRING_LITERAL, L.DOLLAR})
_KEYWORD_TYPES = frozenset(fastlexer.KEYWORDS.values())
# Punctuation worth naming on its own in an "expected ..." list, most useful first.
_PUNCTUATION_ORDER = [")", "]", "}", ",", "(", "[", "{", ":", "=", "-", "<", ">", "|", ".", "..", "*", "$", ";"]


def _describe_token(tok) -> str:
    if tok.type == Token.EOF:
        return "the end of the statement"
    text = tok.text
    if tok.type == L.ERROR_CHAR:
        ch = text[0]
        try:
            name = unicodedata.name(ch)
        except ValueError:
            name = "unnamed character"
        return f"character {ch!r} (U+{ord(ch):04X} {name})"
    if len(text) > 40:
        text = text[:37] + "..."
    if tok.type in _KEYWORD_TYPES:
        return f"keyword {text.upper()!r}"
    if tok.type == L.STRING_LITERAL:
        return f"string {text}"
    if tok.type in (L.DECIMAL_INTEGER, L.DECIMAL_DOUBLE, L.HEX_INTEGER, L.OCTAL_INTEGER):
        return f"number {text}"
    if tok.type in _NAME_TOKENS:
        return f"name {text!r}"
    return repr(text)


def describe_expected(types: set[int]) -> str:
    """Turn an expected-token set into a short phrase: "an expression", "')' or ','", ..."""
    parts: list[str] = []
    covered: set[int] = set()
    if Token.EOF in types:
        covered.add(Token.EOF)
    if _EXPRESSION_STARTERS <= types:
        parts.append("an expression")
        covered |= _KEYWORD_TYPES | _NAME_TOKENS | _EXPRESSION_STARTERS
        covered |= {L.DECIMAL_DOUBLE, L.HEX_INTEGER, L.OCTAL_INTEGER, L.LPAREN, L.LBRACKET, L.LBRACE, L.PLUS, L.MINUS}
    elif types & _NAME_TOKENS:
        parts.append("a name")
        covered |= _NAME_TOKENS | (_KEYWORD_TYPES - _CLAUSE_KEYWORDS)
    clauses = types & _CLAUSE_KEYWORDS
    if len(clauses) >= 3:
        parts.append("a clause such as MATCH, WITH or RETURN")
        covered |= _CLAUSE_KEYWORDS
    literal = {t for t in types - covered}
    named: list[str] = []
    for p in _PUNCTUATION_ORDER:
        t = fastlexer.OPERATORS.get(p)
        if t in literal:
            named.append(f"'{p}'")
            literal.discard(t)
    for t in sorted(literal):
        if t in _KEYWORD_TYPES:
            named.append(L.literalNames[t].strip("'"))
        elif 0 < t < len(L.symbolicNames):
            named.append(L.symbolicNames[t].lower().replace("_", " "))
    if len(named) > 6:
        named = named[:6] + ["..."]
    parts.extend(named)
    if Token.EOF in types and not parts:
        return "the end of the statement"
    if Token.EOF in types:
        parts.append("the end of the statement")
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " or " + parts[-1]


def _lexical_problem(text: str, tok) -> tuple[str, str | None] | None:
    """A clearer message when the parser tripped over something the lexer could not make sense of."""
    if tok.type == L.ERROR_CHAR:
        ch = tok.text
        rest = text[tok.start + 1 :]
        if ch in "'\"":
            if "\\" in rest.split(ch, 1)[0] and ch in rest:
                return "invalid escape sequence in string literal", "use \\\\, \\', \\\", \\n, \\t or \\uXXXX"
            return "unterminated string literal", f"close the string with {ch}"
        if ch == "`":
            return "unterminated backticked name", "close the name with `"
        return None
    if tok.type == L.SLASH and text.startswith("/*", tok.start) and "*/" not in text[tok.start + 2 :]:
        return "unterminated comment", "close the comment with */"
    return None


def describe_syntax_error(text: str, stmt: Statement, err, expected) -> SyntaxIssue:
    tok = getattr(err, "offendingToken", None) if err is not None else None
    if tok is None:
        tok = stmt.tokens[-1]
    lexical = _lexical_problem(text, tok)
    if tok.type == Token.EOF:
        start = end = stmt.end
    else:
        start, end = tok.start, tok.stop + 1
    if lexical is not None:
        message, hint = lexical
        return SyntaxIssue(*SYNTAX_ERROR, f"syntax error: {message}", start, end, hint)
    message = f"syntax error: unexpected {_describe_token(tok)}"
    hint = None
    exp_types: set[int] = set()
    if expected is not None:
        try:
            exp_types = set(expected)
        except TypeError:
            exp_types = set()
    # A no-viable-alternative error found deep in the look-ahead: the expected set belongs to the
    # decision's start, not to the offending token, so it would mislead.
    if isinstance(err, NoViableAltException) and err.startToken is not None and err.startToken is not tok:
        exp_types = set()
    exp_types.discard(Token.EPSILON)
    if exp_types:
        phrase = describe_expected(exp_types)
        if phrase:
            message += f"; expected {phrase}"
            hint = f"write {phrase} here"
    return SyntaxIssue(*SYNTAX_ERROR, message, start, end, hint)
