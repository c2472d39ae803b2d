"""Literal values of Cypher expressions (OPTIONS maps, procedure arguments), as Python values."""

from __future__ import annotations

import re

from antlr4.tree.Tree import TerminalNode

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


def string_value(raw: str) -> str:
    """The value of a Cypher string literal as written (quotes included)."""
    body, out, i = raw[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "uU" and re.fullmatch(r"[0-9A-Fa-f]{4}", body[i + 2 : i + 6] or ""):
                out.append(chr(int(body[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


class NotLiteral(Exception):
    """The expression is not a literal (a parameter, a variable, a function call, ...)."""

    def __init__(self, node):
        super().__init__(node.getText() if node is not None else "?")
        self.node = node


def map_items(node: P.MapLiteralContext) -> list[tuple[str, object]]:
    """(key, expression node) pairs of a map literal, keys unescaped, in source order."""
    out = []
    key = None
    for child in node.children or ():
        if isinstance(child, TerminalNode):
            t = child.symbol.type
            if t in (P.LBRACE, P.RBRACE, P.COMMA, P.COLON):
                continue
            key = analysis.name_text(child.getText())
        elif key is not None:
            out.append((key, child))
            key = None
    return out


def literal(node):
    """The Python value of a literal expression (numbers, strings, booleans, null, lists, maps).

    Raises :class:`NotLiteral` for anything else, naming the offending sub-expression.
    """
    if isinstance(node, P.ParenthesizedExpressionContext):
        return literal(node.expression())
    if isinstance(node, P.NumberLiteralContext):
        text = node.getText()
        try:
            if text.lower().startswith("0x"):
                return int(text, 16)
            if text.lower().startswith("0o"):
                return int(text[2:], 8)
            if any(c in text for c in ".eE") and not text.lower().startswith("0x"):
                return float(text)
            return int(text)
        except ValueError:
            raise NotLiteral(node) from None
    if isinstance(node, P.UnaryExpressionContext) and isinstance(node.expression(), P.NumberLiteralContext):
        value = literal(node.expression())
        return -value if node.MINUS() is not None else value
    if isinstance(node, P.StringLiteralContext):
        return string_value(node.getText())
    if isinstance(node, P.BooleanLiteralContext):
        return node.TRUE() is not None
    if isinstance(node, P.NullLiteralContext):
        return None
    if isinstance(node, P.MapLiteralExpressionContext):
        return {k: literal(v) for k, v in map_items(node.mapLiteral())}
    if isinstance(node, P.ListExpressionContext):
        if node.WHERE() is not None or node.PIPE() is not None:
            raise NotLiteral(node)
        return [literal(e) for e in node.expression()]
    raise NotLiteral(node)


def options_map(node) -> dict:
    """The OPTIONS map of an index or constraint statement as a dict ({} when absent).

    Values that are not literals are kept as :class:`NotLiteral` instances so the caller can say
    which option it could not read.
    """
    opts = node.indexOptions() if node is not None else None
    if opts is None:
        return {}
    return _lenient_map(opts.mapLiteral())


def _lenient_map(node: P.MapLiteralContext) -> dict:
    out = {}
    for key, expr in map_items(node):
        if isinstance(expr, P.MapLiteralExpressionContext):
            out[key] = _lenient_map(expr.mapLiteral())
            continue
        try:
            out[key] = literal(expr)
        except NotLiteral as exc:
            out[key] = exc
    return out
