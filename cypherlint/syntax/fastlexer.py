"""A regular-expression lexer that produces exactly the tokens of ``grammar/CypherLexer.g4``.

The generated ANTLR lexer runs its ATN one character at a time in Python; one compiled regular
expression does the same job several times faster. ``tests/test_fastlexer.py`` checks both produce
the same token types and spans on every corpus query, so the two must change together.

Tokens are small slotted objects with the attributes the ANTLR runtime reads (``type``,
``channel``, ``start``, ``stop``, ``tokenIndex``, ``text``, ``line``, ``column``). ``line`` and
``column`` are not computed here: positions are character offsets everywhere in cypherlint and are
turned into line/column once, at the edge.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from antlr4.Token import Token

from cypherlint._generated import lexer_charsets as _charsets
from cypherlint._generated.CypherParser import CypherParser as _L

EOF = Token.EOF
DEFAULT_CHANNEL = Token.DEFAULT_CHANNEL
COMMENT_CHANNEL = 2  # `channels { COMMENTS }` in the lexer grammar: first user channel


class CypherToken:
    """A token as the ANTLR parser runtime expects it, minus the fields cypherlint never reads.

    ``tokenIndex`` is the token's position among all parser tokens of the text.
    """

    __slots__ = ("type", "start", "stop", "text", "tokenIndex")
    # Read by parts of the runtime cypherlint does not use; constant here.
    channel = DEFAULT_CHANNEL
    line = 0
    column = 0
    source = (None, None)

    def __init__(self, type_: int, start: int, stop: int, text: str, index: int = -1):
        self.type = type_
        self.start = start
        self.stop = stop  # inclusive, as in ANTLR
        self.text = text
        self.tokenIndex = index

    def getText(self) -> str:  # noqa: N802 - ANTLR runtime API
        return self.text

    def getTokenSource(self):  # noqa: N802 - ANTLR runtime API
        return None

    def getInputStream(self):  # noqa: N802 - ANTLR runtime API
        return None

    def __repr__(self) -> str:
        return f"<{token_name(self.type)} {self.text!r} @{self.start}>"


class CommentToken(CypherToken):
    __slots__ = ()
    channel = COMMENT_CHANNEL


def _literal_names() -> dict[str, int]:
    names = {}
    for i, lit in enumerate(_L.literalNames):
        if lit.startswith("'") and lit.endswith("'") and len(lit) > 2:
            names[lit[1:-1]] = i
    return names


_LITERALS = _literal_names()
# Keyword text (upper case) -> token type. Keywords are the literal names made of letters.
KEYWORDS: dict[str, int] = {t.upper(): ty for t, ty in _LITERALS.items() if t.replace("_", "").isalpha()}
OPERATORS: dict[str, int] = {t: ty for t, ty in _LITERALS.items() if not t.replace("_", "").isalpha()}

IDENTIFIER = _L.IDENTIFIER
ESCAPED_NAME = _L.ESCAPED_NAME
STRING_LITERAL = _L.STRING_LITERAL
ERROR_CHAR = _L.ERROR_CHAR
SEMI = _L.SEMI
BLOCK_COMMENT = _L.BLOCK_COMMENT
LINE_COMMENT = _L.LINE_COMMENT

_WS = "[ \\t\\n\\r\\x0b\\x0c\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+"
_DIGITS = "[0-9](?:_?[0-9])*"
_EXP = f"[eE][+-]?{_DIGITS}"
# Strings, comments and backticked names as "unrolled loops" (a run of ordinary characters, then
# one special sequence and another run, ...): the same languages as the grammar's rules, but the
# regex engine takes a long literal in one step instead of one alternation per character.
_ESCAPE = r"\\(?:[uU][0-9a-fA-F]{4}|[^uU])"
_STRING = f"'[^'\\\\]*(?:{_ESCAPE}[^'\\\\]*)*'|\"[^\"\\\\]*(?:{_ESCAPE}[^\"\\\\]*)*\""
_BLOCK_COMMENT = r"/\*[^*]*\*+(?:[^/*][^*]*\*+)*/"
_BACKTICKED = r"`[^`]*(?:``[^`]*)*`"
# Longer operators first: alternation is first-match, ANTLR is longest-match.
_OPS = "|".join(re.escape(op) for op in sorted(OPERATORS, key=len, reverse=True))

# One match per token: leading whitespace is consumed by the same match, so the token itself is
# group ``m.lastindex``. Group numbers index _KINDS below.
_TOKEN_RE = re.compile(
    f"(?:{_WS})?(?:"
    + "|".join(
        [
            f"({_BLOCK_COMMENT})",  # 1 block comment
            r"(//[^\r\n]*)",  # 2 line comment
            f"({_STRING})",  # 3 string
            r"(0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*)",  # 4 hex
            r"(0[oO][0-7](?:_?[0-7])*)",  # 5 octal
            f"({_DIGITS}\\.{_DIGITS}(?:{_EXP})?|\\.{_DIGITS}(?:{_EXP})?|{_DIGITS}{_EXP})",  # 6 double
            f"({_DIGITS})",  # 7 integer
            # 8 identifier or keyword: ASCII letters, digits, '_' and any non-ASCII character (a
            # non-ASCII candidate is checked character by character). Written as negated ASCII
            # classes: a class reaching U+10FFFF costs ~15 ms to compile at every import.
            r"([^\x00-\x40\x5b-\x5e\x60\x7b-\x7f][^\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]*)",
            f"({_BACKTICKED})",  # 9 backticked name
            f"({_OPS})",  # 10 operator
            r"(.)",  # 11 anything else
        ]
    )
    + ")?",
    re.DOTALL,
)
_BLOCK, _LINE, _IDENT, _OP = 1, 2, 8, 10
_ERROR = 11
# Where an unterminated string's scan stops (end of text, or a bad escape): the string rule without
# its closing quote. Every quote of the same kind inside that stretch is an escaped one, so a string
# opened there scans the same characters and fails the same way (see tokenize).
_STRING_PREFIX = {q: re.compile(f"{q}[^{q}\\\\]*(?:{_ESCAPE}[^{q}\\\\]*)*") for q in ("'", '"')}
_LEADING_WS = re.compile(f"(?:{_WS})?")
# Everything up to the next ';' token (or the end), token by token as the lexer would see it: a
# ';' inside a string, comment or backticked name does not count. Used to skip the rest of an
# oversized statement without making a token of each of its parts.
_SKIP_SPECIAL = re.compile("[;'\"`/]")
_SKIP_PART = {q: re.compile(f"{q}[^{q}\\\\]*(?:{_ESCAPE}[^{q}\\\\]*)*{q}") for q in ("'", '"')}
_SKIP_PART["`"] = re.compile(_BACKTICKED)
_SKIP_PART["/*"] = re.compile(_BLOCK_COMMENT)


def _skip_statement(text: str, pos: int) -> int:
    """Offset of the next ';' token at or after ``pos`` (or the end): a ';' inside a string,
    comment or backticked name does not count. Unterminated openers are remembered as in
    tokenize, so that n of them cost O(n), not O(n^2) (a regular expression would rescan)."""
    end = len(text)
    dead_quote = {"'": -1, '"': -1}
    dead_comment = end
    search = _SKIP_SPECIAL.search
    while True:
        m = search(text, pos)
        if m is None:
            return end
        at = m.start()
        ch = text[at]
        if ch == ";":
            return at
        if ch == "/":
            if text.startswith("//", at):
                line_end = text.find("\n", at)
                cr = text.find("\r", at, line_end if line_end != -1 else end)
                pos = cr if cr != -1 else (line_end if line_end != -1 else end)
                continue
            if not text.startswith("/*", at) or at >= dead_comment:
                pos = at + 1
                continue
            ch = "/*"
        elif ch != "`" and at < dead_quote[ch]:
            pos = at + 1
            continue
        part = _SKIP_PART[ch].match(text, at)
        if part is not None:
            pos = part.end()
            continue
        if ch == "/*":
            dead_comment = at
        elif ch != "`":
            dead_quote[ch] = _STRING_PREFIX[ch].match(text, at).end()
        pos = at + 1
_GROUP_TYPES = [
    0,
    BLOCK_COMMENT,
    LINE_COMMENT,
    STRING_LITERAL,
    _L.HEX_INTEGER,
    _L.OCTAL_INTEGER,
    _L.DECIMAL_DOUBLE,
    _L.DECIMAL_INTEGER,
    IDENTIFIER,
    ESCAPED_NAME,
    0,
    ERROR_CHAR,
]

_WS_CHARS = frozenset(" \t\n\r\x0b\x0c\xa0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)


def _range_table(ranges: tuple[tuple[int, int], ...]) -> tuple[list[int], list[int]]:
    return [a for a, _ in ranges], [b for _, b in ranges]


# Which characters start and continue a name: the lexer's ID_START / ID_PART fragments, as the
# ANTLR tool resolved them (its Unicode version, not this Python's), written out by
# scripts/regen_parser.py. Looked up only for names with non-ASCII characters.
_ID_START = _range_table(_charsets.ID_START)
_ID_PART = _range_table(_charsets.ID_PART)


def _in(table: tuple[list[int], list[int]], ch: str) -> bool:
    cp = ord(ch)
    i = bisect_right(table[0], cp) - 1
    return i >= 0 and cp <= table[1][i]


def _identifier_length(candidate: str) -> int:
    """How many leading characters of a non-ASCII candidate form an identifier (0: none)."""
    if not _in(_ID_START, candidate[0]):
        return 0
    for i in range(1, len(candidate)):
        ch = candidate[i]
        if ch.isascii():
            if ch.isalnum() or ch == "_":
                continue
            return i
        if not _in(_ID_PART, ch):
            return i
    return len(candidate)


def _class(ranges) -> str:
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


@lru_cache(maxsize=1)
def _exact_token_re() -> re.Pattern:
    """_TOKEN_RE with group 8 matching exactly the lexer's names (ID_START ID_PART*).

    Compiled on first need only (~15 ms): most texts never cut a name candidate short.
    """
    loose = r"([^\x00-\x40\x5b-\x5e\x60\x7b-\x7f][^\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]*)"
    exact = f"([{_class(_charsets.ID_START)}][{_class(_charsets.ID_PART)}]*)"
    assert _TOKEN_RE.pattern.count(loose) == 1
    return re.compile(_TOKEN_RE.pattern.replace(loose, exact), re.DOTALL)


class Tokens(NamedTuple):
    """The lexer's output: parser tokens (default channel) and comments, both in text order."""

    tokens: list[CypherToken]
    comments: list[CypherToken]


def tokenize(text: str, max_statement_tokens: int | None = None) -> Tokens:
    """Split ``text`` into tokens. Never fails: unknown characters become ERROR_CHAR tokens.

    With ``max_statement_tokens``, a statement (the tokens between two ``;``) that reaches that
    many tokens is cut short: the rest of it, up to its ``;``, becomes one ERROR_CHAR token
    spanning it (its comments are dropped), so the caller sees an oversized statement with its
    true extent at a fraction of the cost of lexing it all.
    """
    tokens: list[CypherToken] = []
    comments: list[CypherToken] = []
    limit = max_statement_tokens or len(text) + 1
    pos, statement_start = _tokenize_common(text, tokens, comments, limit)
    if pos < len(text):
        _tokenize_careful(text, pos, statement_start, tokens, comments, limit)
    return Tokens(tokens, comments)


def _tokenize_common(text: str, tokens: list, comments: list, limit: int) -> tuple[int, int]:
    """Tokenize while nothing unusual happens: the regular expression iterates in C.

    Returns where it stopped and the index of the current statement's first token. It stops
    before an unterminated string or block comment, a name with non-ASCII characters, or when a
    statement reaches ``limit`` tokens; _tokenize_careful takes over from there.
    """
    append = tokens.append
    keywords = KEYWORDS
    operators = OPERATORS
    group_types = _GROUP_TYPES
    semi = SEMI
    statement_start = 0
    for m in _TOKEN_RE.finditer(text):
        group = m.lastindex
        if group is None:  # only whitespace was left
            return len(text), statement_start
        value = m.group(group)
        stop = m.end()
        start = stop - len(value)
        if group == _IDENT:
            if not value.isascii():
                return m.start(), statement_start
            append(CypherToken(keywords.get(value.upper(), IDENTIFIER), start, stop - 1, value, len(tokens)))
        elif group == _OP:
            if value == "/" and text.startswith("/*", start):  # an unterminated block comment
                return m.start(), statement_start
            kind = operators[value]
            append(CypherToken(kind, start, stop - 1, value, len(tokens)))
            if kind == semi:
                statement_start = len(tokens)
                continue
        elif group <= _LINE:
            comments.append(CommentToken(group_types[group], start, stop - 1, value))
            continue
        elif group == _ERROR and (value == "'" or value == '"'):  # an unterminated string
            return m.start(), statement_start
        else:
            append(CypherToken(group_types[group], start, stop - 1, value, len(tokens)))
        if len(tokens) - statement_start >= limit:
            return stop, statement_start
    return len(text), statement_start


def _tokenize_careful(text: str, pos: int, statement_start: int, tokens: list, comments: list, limit: int) -> None:
    """The general loop: guards against quadratic rescans and cuts oversized statements short."""
    append = tokens.append
    keywords = KEYWORDS
    operators = OPERATORS
    group_types = _GROUP_TYPES
    match = _TOKEN_RE.match
    end = len(text)
    # Openers known to fail without scanning (else n unterminated openers cost O(n^2)): a quote
    # before dead_quote[q] (see _STRING_PREFIX), a '/*' at or after dead_comment (no '*/' later).
    dead_quote = {"'": -1, '"': -1}
    dead_comment = end
    guarded = False
    while pos < end:
        if len(tokens) - statement_start >= limit:
            skipped = _skip_statement(text, pos)
            if skipped > pos:
                append(CypherToken(ERROR_CHAR, pos, skipped - 1, text[pos:skipped], len(tokens)))
                pos = skipped
            statement_start = len(tokens) + 1
            if pos >= end:
                break
        if guarded:
            at = _LEADING_WS.match(text, pos).end()
            if at >= end:
                break
            ch = text[at]
            if (ch == "'" or ch == '"') and at < dead_quote[ch]:
                append(CypherToken(ERROR_CHAR, at, at, ch, len(tokens)))
                pos = at + 1
                continue
            if ch == "/" and at >= dead_comment and text.startswith("/*", at):
                append(CypherToken(operators["/"], at, at, "/", len(tokens)))
                pos = at + 1
                continue
        m = match(text, pos)
        group = m.lastindex
        if group is None:  # only whitespace was left
            break
        value = m.group(group)
        stop = m.end()
        start = stop - len(value)
        if group == _ERROR and (value == "'" or value == '"'):  # an unterminated string
            dead_quote[value] = _STRING_PREFIX[value].match(text, start).end()
            guarded = True
        elif group == _OP and value == "/" and dead_comment == end and text.startswith("/*", start):
            dead_comment = start  # an unterminated block comment: no '*/' after it
            guarded = True
        if group == _IDENT:
            if value.isascii():
                append(CypherToken(keywords.get(value.upper(), IDENTIFIER), start, stop - 1, value, len(tokens)))
            else:
                n = _identifier_length(value)
                if n < len(value):
                    # The candidate ran on past the name; lexing the rest would rescan it for
                    # every token (O(n^2) on long runs). Switch to exact name classes.
                    match = _exact_token_re().match
                if n == 0:
                    append(CypherToken(ERROR_CHAR, start, start, value[0], len(tokens)))
                    stop = start + 1
                else:
                    # The name may stop before a non-ASCII character that cannot continue it
                    # (RETURN\u00a0n): what is left can be a keyword.
                    name = value[:n]
                    kind = keywords.get(name.upper(), IDENTIFIER) if name.isascii() else IDENTIFIER
                    append(CypherToken(kind, start, start + n - 1, name, len(tokens)))
                    stop = start + n
        elif group == _OP:
            kind = operators[value]
            append(CypherToken(kind, start, stop - 1, value, len(tokens)))
            if kind == SEMI:
                statement_start = len(tokens)
        elif group <= _LINE:
            comments.append(CommentToken(group_types[group], start, stop - 1, value))
        else:
            append(CypherToken(group_types[group], start, stop - 1, value, len(tokens)))
        pos = stop


def token_name(token_type: int) -> str:
    if token_type == EOF:
        return "EOF"
    return _L.symbolicNames[token_type] if 0 < token_type < len(_L.symbolicNames) else str(token_type)
