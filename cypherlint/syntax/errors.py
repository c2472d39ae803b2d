"""Syntax errors in plain words: what was found, where, and what would have been valid there."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, NamedTuple

from antlr4.error.Errors import NoViableAltException
from antlr4.Token import Token

from cypherlint._generated.CypherParser import CypherParser as L
from cypherlint.syntax import fastlexer

if TYPE_CHECKING:
    from cypherlint.syntax.parser import Statement

SYNTAX_ERROR = ("E001", "syntax-error")
INPUT_LIMIT = ("E002", "input-limit")


class SyntaxIssue(NamedTuple):
    """A syntax error or an input limit. (A NamedTuple, not a dataclass: the parse layer stays
    free of ``dataclasses``, whose import costs ~20 ms of every cold start.)"""

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
_OPERATOR_TEXT = {t: text for text, t in fastlexer.OPERATORS.items()}
# Punctuation worth naming on its own in an "expected ..." list, most useful first.
_PUNCTUATION_ORDER = [")", "]", "}", ",", "(", "[", "{", ":", "=", "-", "<", ">", "|", ".", "..", "*", "$", ";"]
_OPEN_TO_CLOSE = {L.LPAREN: L.RPAREN, L.LBRACKET: L.RBRACKET, L.LBRACE: L.RBRACE}
_CLOSE_TO_OPEN = {v: k for k, v in _OPEN_TO_CLOSE.items()}
# Tokens tried, one at a time, in front of the offending token to find what the parser needed
# when its own expected-token set is unusable (a no-viable-alternative error deep in look-ahead).
_REPAIR_CANDIDATES = (L.RPAREN, L.RBRACKET, L.RBRACE, L.COMMA)
# Statements longer than this are not re-parsed to find a repair (each attempt is a full parse).
_REPAIR_MAX_TOKENS = 3000
_NEGATABLE = frozenset({L.IN, L.CONTAINS, L.STARTS, L.ENDS, L.REGEX_MATCH})


def _describe_token(tok) -> str:
    if tok.type == Token.EOF:
        return "end of the statement"
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


def _join_or(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " or " + parts[-1]


def describe_expected(types: set[int]) -> str:
    """Turn an expected-token set into a short phrase: "an expression", "')' or ','", ..."""
    parts: list[str] = []
    covered: set[int] = {Token.EOF, Token.EPSILON}
    keywords = types & _KEYWORD_TYPES
    if _EXPRESSION_STARTERS <= types:
        parts.append("an expression")
        covered |= _KEYWORD_TYPES | _NAME_TOKENS | _EXPRESSION_STARTERS
        covered |= {L.DECIMAL_DOUBLE, L.HEX_INTEGER, L.OCTAL_INTEGER, L.LPAREN, L.LBRACKET, L.LBRACE, L.PLUS, L.MINUS}
    elif types & _NAME_TOKENS:
        parts.append("a name")
        covered |= _NAME_TOKENS
        if len(keywords) * 2 > len(_KEYWORD_TYPES):  # keywords are expected as names, not as keywords
            covered |= _KEYWORD_TYPES
    clauses = (types & _CLAUSE_KEYWORDS) - covered
    if len(clauses) >= 3:
        parts.append("a clause such as MATCH, WITH or RETURN")
        covered |= _CLAUSE_KEYWORDS
    rest = types - covered
    named: list[str] = []
    for p in _PUNCTUATION_ORDER:
        t = fastlexer.OPERATORS.get(p)
        if t in rest:
            named.append(f"'{p}'")
            rest.discard(t)
    for t in sorted(rest):
        if t in _OPERATOR_TEXT:
            named.append(f"'{_OPERATOR_TEXT[t]}'")
        elif t in _KEYWORD_TYPES:
            named.append(L.literalNames[t].strip("'"))
        elif 0 < t < len(L.symbolicNames):
            named.append(L.symbolicNames[t].lower().replace("_", " "))
    if len(named) > 6:
        named = named[:6] + ["..."]
    parts.extend(named)
    if Token.EOF in types:
        parts.append("the end of the statement")
    return _join_or(parts) if parts else ""


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


def _line_col(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _unclosed_openers(tokens: list, index: int) -> list:
    """Brackets opened before ``tokens[index]`` and not closed before it, innermost last."""
    stack = []
    for tok in tokens[:index]:
        t = tok.type
        if t in _OPEN_TO_CLOSE:
            stack.append(tok)
        elif t in _CLOSE_TO_OPEN and stack and stack[-1].type == _CLOSE_TO_OPEN[t]:
            stack.pop()
    return stack


def _index_of(tokens: list, tok) -> int:
    for i, t in enumerate(tokens):
        if t is tok:
            return i
    for i, t in enumerate(tokens):
        if t.start >= tok.start and t.type == tok.type:
            return i
    return len(tokens) - 1


def _repairs(tokens: list, index: int, reparse) -> list[int]:
    """Which candidate tokens, inserted before ``tokens[index]``, let the parse get past it."""
    if reparse is None or len(tokens) > _REPAIR_MAX_TOKENS:
        return []
    offending = tokens[index]
    found = []
    for ttype in _REPAIR_CANDIDATES:
        inserted = fastlexer.CypherToken(ttype, offending.start, offending.start - 1, _OPERATOR_TEXT[ttype])
        trial = tokens[:index] + [inserted] + tokens[index:]
        error_offset = reparse(trial)
        if error_offset is None or (offending.type != Token.EOF and error_offset > offending.start):
            found.append(ttype)
    return found


def _special_case(tokens: list, index: int) -> tuple[str, str] | None:
    """Messages for mistakes common enough in real queries to deserve their own words."""
    tok = tokens[index]
    nxt = tokens[index + 1] if index + 1 < len(tokens) else None
    prev = tokens[index - 1] if index > 0 else None
    if tok.type == L.NOT and nxt is not None and nxt.type in _NEGATABLE and prev is not None:
        op = nxt.text.upper()
        return (f"'NOT {op}' is not a Cypher operator",
                f"negate the whole predicate: NOT x {op} y (for example NOT 'a' {op} list)")
    if tok.type == L.GROUP and nxt is not None and nxt.type == L.BY:
        return ("Cypher has no GROUP BY",
                "remove GROUP BY: RETURN and WITH group rows by their items that are not aggregates")
    if tok.type == L.COLON and index >= 3 and tokens[index - 1].type == L.LBRACKET and tokens[index - 2].type == L.MINUS:
        arrow = "-"
        name = tokens[index - 3]
        if name.type == L.LT and index >= 4:
            arrow, name = "<-", tokens[index - 4]
        if name.type in _NAME_TOKENS:
            return ("a node in a pattern needs parentheses",
                    f"write ({name.text}){arrow}[...] instead of {name.text}{arrow}[...] (the form without "
                    "parentheses was removed after Neo4j 2)")
    return None


def _subquery_brace(tokens: list, index: int):
    """The keyword (EXISTS, COUNT, COLLECT) before the innermost unclosed '{' at ``index``, if any."""
    for opener in reversed(_unclosed_openers(tokens, index)):
        if opener.type != L.LBRACE:
            return None
        i = _index_of(tokens, opener)
        if i > 0 and tokens[i - 1].type in (L.EXISTS, L.COUNT, L.COLLECT):
            return tokens[i - 1]
        return None
    return None


def describe_syntax_error(text: str, stmt: Statement, err, expected, reparse=None) -> SyntaxIssue:
    """E001 for a statement that failed to parse.

    ``reparse(tokens) -> offset | None`` parses a modified token list and returns the offset of
    its first error (None: it parsed); with it, errors whose expected set is unusable are
    explained by what would have let the parse go on (e.g. a missing ')').
    """
    tok = getattr(err, "offendingToken", None) if err is not None else None
    if tok is None:
        tok = stmt.tokens[-1]
    lexical = _lexical_problem(text, tok)
    at_end = tok.type == Token.EOF
    if at_end:
        start = end = stmt.end
    else:
        start, end = tok.start, tok.stop + 1
    if lexical is not None:
        message, hint = lexical
        return SyntaxIssue(*SYNTAX_ERROR, f"syntax error: {message}", start, end, hint)
    tokens = stmt.tokens
    index = _index_of(tokens, tok)
    what = _describe_token(tok)
    special = _special_case(tokens, index)
    if special is not None:
        return SyntaxIssue(*SYNTAX_ERROR, f"syntax error: {special[0]}", start, end, special[1])

    exp_types: set[int] = set()
    if expected is not None:
        try:
            exp_types = set(expected)
        except TypeError:
            exp_types = set()
    # A no-viable-alternative error found deep in the look-ahead: the expected set belongs to the
    # decision's start, not to the offending token, so it would mislead. Find instead which
    # closing bracket or comma would have let the parse continue.
    deep = isinstance(err, NoViableAltException) and err.startToken is not None and err.startToken is not tok
    if deep or not exp_types:
        exp_types = set(_repairs(tokens, index, reparse))
    exp_types.discard(Token.EPSILON)

    message = f"syntax error: unexpected {what}"
    hint = None
    phrase = describe_expected(exp_types) if exp_types else ""
    if exp_types == {Token.EOF}:
        message += "; expected the end of the statement"
        hint = f"remove {what} and what follows it, or put ';' before it to start a new statement"
        return SyntaxIssue(*SYNTAX_ERROR, message, start, end, hint)
    if phrase:
        message += f"; expected {phrase}"
    subquery = _subquery_brace(tokens, index)
    if subquery is not None and tok.type in (L.AND, L.OR, L.XOR) and L.RBRACE in exp_types:
        kw = subquery.text.upper()
        hint = (f"{'an' if kw == 'EXISTS' else 'a'} {kw} {{ pattern }} cannot be combined with {tok.text.upper()} inside the braces: write "
                f"{kw} {{ (a)-->(b) }} {tok.text.upper()} {kw} {{ ... }}, or {kw} {{ MATCH ... WHERE ... }}")
        return SyntaxIssue(*SYNTAX_ERROR, message, start, end, hint)
    closers = [t for t in (L.RPAREN, L.RBRACKET, L.RBRACE) if t in exp_types]
    openers = _unclosed_openers(tokens, index)
    if closers and openers and _OPEN_TO_CLOSE[openers[-1].type] in closers:
        opener = openers[-1]
        close = _OPERATOR_TEXT[_OPEN_TO_CLOSE[opener.type]]
        where = "at the end" if at_end else f"before {what}"
        hint = f"add '{close}' {where} to close the '{opener.text}' at {_line_col(text, opener.start)}"
    elif at_end and phrase:
        hint = f"the statement is incomplete: add {phrase} at the end"
    elif phrase and len(exp_types) == 1:
        hint = f"insert {phrase} before {what}"
    elif phrase:
        hint = f"write {phrase} in place of {what}"
    return SyntaxIssue(*SYNTAX_ERROR, message, start, end, hint)
