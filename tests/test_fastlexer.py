"""fastlexer (one regular expression) produces exactly the tokens of the ANTLR lexer (grammar/CypherLexer.g4).

Compared token for token — type, start, stop, and channel (comments on the COMMENTS channel) —
on every TCK and realworld query and on generated text built to hit the edges: every kind of
whitespace the lexer skips and some it does not, unicode letters, digits, combining marks and
connector punctuation, quotes, backticks and escapes (valid and broken), NUL and lone surrogates.
Whitespace is skipped by both lexers, so it never appears as a token.
"""

from __future__ import annotations

import pytest
from antlr4 import InputStream
from antlr4.Token import Token
from hypothesis import example, given
from hypothesis import strategies as st

from cypherlint._generated.CypherLexer import CypherLexer
from cypherlint.syntax import fastlexer

from conftest import read_jsonl


def antlr_tokens(text: str) -> list[tuple[int, int, int, int]]:
    lexer = CypherLexer(InputStream(text))
    lexer.removeErrorListeners()
    out = []
    for tok in lexer.getAllTokens():
        assert tok.type != CypherLexer.WHITESPACE  # skipped, never emitted
        out.append((tok.type, tok.start, tok.stop, tok.channel))
    return out


def fast_tokens(text: str) -> list[tuple[int, int, int, int]]:
    lexed = fastlexer.tokenize(text)
    both = [(t.type, t.start, t.stop, t.channel) for t in lexed.tokens]
    both += [(t.type, t.start, t.stop, t.channel) for t in lexed.comments]
    both.sort(key=lambda x: x[1])
    return both


def assert_same(text: str) -> None:
    expected = antlr_tokens(text)
    got = fast_tokens(text)
    if got != expected:
        for i, (a, b) in enumerate(zip(expected, got)):
            if a != b:
                raise AssertionError(f"token {i} differs at offset {a[1]}: ANTLR {a} "
                                     f"{text[a[1]:a[2] + 1]!r}, fastlexer {b} {text[b[1]:b[2] + 1]!r}")
        raise AssertionError(f"token counts differ: ANTLR {len(expected)}, fastlexer {len(got)}")


def test_token_text_and_indexes():
    text = "MATCH (n:`odd``name`) // c\nRETURN n.x /* b */ ;"
    lexed = fastlexer.tokenize(text)
    assert [t.text for t in lexed.tokens] == ["MATCH", "(", "n", ":", "`odd``name`", ")", "RETURN", "n", ".", "x", ";"]
    assert [t.tokenIndex for t in lexed.tokens] == list(range(len(lexed.tokens)))
    assert [t.text for t in lexed.comments] == ["// c", "/* b */"]
    assert all(text[t.start : t.stop + 1] == t.text for t in lexed.tokens + lexed.comments)


def test_keywords_are_case_insensitive_and_names_keep_their_case():
    toks = fastlexer.tokenize("mAtCh (Return) rEtUrN Return").tokens
    assert toks[0].type == fastlexer.KEYWORDS["MATCH"]
    assert toks[2].type == toks[4].type == toks[5].type == fastlexer.KEYWORDS["RETURN"]
    assert toks[2].text == "Return"


@pytest.mark.slow
def test_same_tokens_on_every_tck_query(shared_dir):
    seen = set()
    for r in read_jsonl(shared_dir / "corpus" / "tck" / "queries.jsonl"):
        if r["query"] not in seen:
            seen.add(r["query"])
            assert_same(r["query"])
    assert len(seen) == 4131


@pytest.mark.slow
def test_same_tokens_on_every_realworld_query(shared_dir):
    n = 0
    for r in read_jsonl(shared_dir / "corpus" / "realworld" / "queries.jsonl"):
        assert_same(r["query"])
        n += 1
    assert n == 21904


# ------------------------------------------------------------------------------ generated text

_WHITESPACE = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\xa0", "\u1680", "\u2000", "\u2005", "\u200a", "\u2028",
               "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff",
               # not whitespace for the lexer: must become ERROR_CHAR or part of a name
               "\u180e", "\u200b", "\u0085", "\x1c"]
_PIECES = [
    "MATCH", "match", "RETURN", "WHERE", "WITH", "AS", "n", "x_1", "_", "`", "``", "`a b`", "'", '"', "\\", "\\'",
    '\\"', "\\u", "\\u00e9", "\\U0041", "\\uZZ", "\\n", "'a\\'b'", '"x"', "//", "/*", "*/", "/", "*", "0", "1", "42",
    "0x", "0x1F", "0X_1", "0o7", "0o", "1_000", "1__0", "1.", ".5", "1.5e3", "1e", "1e-", "2E+4", "..", ".", "::",
    ":", "=~", "<>", "!=", "<=", ">=", "<", ">", "->", "<-", "-", "+=", "+", "||", "|", "&", "!", "$", "%", "^",
    "(", ")", "[", "]", "{", "}", ",", ";", "\x00", "\ud800", "\udfff", "\udbff\udc00", "é", "e\u0301", "ß",
    "İ", "ǅ", "ʰ", "中文", "Ⅻ", "٣", "\u0903", "\u203f", "‿x", "𝔘", "😀", "—", "\u00ad",
] + _WHITESPACE

_unicode_chars = st.characters(
    categories=["Lu", "Ll", "Lt", "Lm", "Lo", "Nl", "Nd", "Mn", "Mc", "Pc", "Zs", "Cc", "Cf", "Sm", "Po", "So", "No"]
)
_surrogates = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])


@given(st.lists(st.one_of(st.sampled_from(_PIECES), _unicode_chars, _surrogates), max_size=40).map("".join))
@example("MATCH (n) /* unterminated")
@example("RETURN 'unterminated")
@example("RETURN `unterminated")
@example("RETURN '\\u12'")
@example("RETURN 1.e5 .e5 1..2 0x1.5")
@example("x\u0301y\u203fz \u2160\u2161")
@example("MATCH\ud800")  # a keyword cut short by a character that cannot continue a name
@example("RETURN\u200bn MATCH\u00a0(n)")
@example("\U00031350x")  # a letter in ANTLR's Unicode tables that Python 3.11's unicodedata does not know
def test_same_tokens_on_generated_text(text):
    assert_same(text)


@given(st.text(max_size=60))
def test_same_tokens_on_arbitrary_text(text):
    assert_same(text)


@given(st.text(alphabet=st.sampled_from("'\"`\\ u0aZ/*\n"), max_size=30))
def test_same_tokens_on_quote_and_escape_soup(text):
    assert_same(text)


def test_never_fails_and_covers_every_character():
    """Every non-whitespace character ends up in exactly one token (ERROR_CHAR for the unknown)."""
    text = "MATCH\x00(n)\ud800 RETURN ¤ § ‽ `\x7f` '\\q' \u200b"
    lexed = fastlexer.tokenize(text)
    covered = set()
    for t in lexed.tokens + lexed.comments:
        span = set(range(t.start, t.stop + 1))
        assert not span & covered
        covered |= span
    rest = {i for i in range(len(text)) if i not in covered}
    assert all(text[i] in fastlexer._WS_CHARS for i in rest)
    assert any(t.type == fastlexer.ERROR_CHAR for t in lexed.tokens)
    assert Token.EOF not in {t.type for t in lexed.tokens}
