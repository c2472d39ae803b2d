"""A token stream over a prepared list of tokens, for the ANTLR parser runtime.

``antlr4.CommonTokenStream`` pulls tokens lazily from a lexer and filters channels on every
look-ahead. cypherlint lexes the whole text up front (``fastlexer``), keeps only parser tokens
in the list and adds the EOF token itself, so look-ahead is plain list indexing.
"""

from __future__ import annotations

from antlr4.Token import Token

from cypherlint.syntax.fastlexer import CypherToken


class TokenListStream:
    """The subset of ``antlr4.TokenStream`` that ``antlr4.Parser`` and its simulator use."""

    __slots__ = ("tokens", "index", "_last", "tokenSource")

    def __init__(self, tokens: list[CypherToken]):
        # The caller guarantees tokens[-1] is an EOF token.
        self.tokens = tokens
        self.index = 0
        self._last = len(tokens) - 1
        self.tokenSource = None

    # -- look-ahead ------------------------------------------------------------------------
    def LA(self, i: int) -> int:  # noqa: N802 - ANTLR runtime API
        if i == 1:  # nearly every call; index never passes the final EOF token
            return self.tokens[self.index].type
        j = self.index + i - 1 if i > 0 else self.index + i
        if j > self._last:
            return Token.EOF
        if j < 0:
            return 0
        return self.tokens[j].type

    def LT(self, k: int):  # noqa: N802 - ANTLR runtime API
        if k > 0:
            j = self.index + k - 1
            return self.tokens[j] if j <= self._last else self.tokens[self._last]
        if k < 0:
            j = self.index + k
            return self.tokens[j] if j >= 0 else None
        return None

    def get(self, i: int):
        return self.tokens[i]

    # -- movement --------------------------------------------------------------------------
    def consume(self) -> None:
        if self.index >= self._last:
            raise RuntimeError("cannot consume EOF")
        self.index += 1

    def mark(self) -> int:
        return 0

    def release(self, marker: int) -> None:
        pass

    def seek(self, index: int) -> None:
        self.index = min(index, self._last)

    def size(self) -> int:
        return len(self.tokens)

    # -- misc API the runtime may call on error paths ----------------------------------------
    def getTokenSource(self):  # noqa: N802 - ANTLR runtime API
        return None

    def getSourceName(self) -> str:  # noqa: N802 - ANTLR runtime API
        return "cypher"

    def getText(self, start=None, stop=None) -> str:  # noqa: N802 - ANTLR runtime API
        if start is None:
            return " ".join(t.text for t in self.tokens[:-1])
        a = start.tokenIndex if hasattr(start, "tokenIndex") else start
        b = stop.tokenIndex if hasattr(stop, "tokenIndex") else stop
        return " ".join(t.text for t in self.tokens[a : b + 1] if t.type != Token.EOF)
