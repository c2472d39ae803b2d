"""Small helpers shared by rule modules (text of literals, safe names, fresh variables)."""

from __future__ import annotations

import re

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.syntax.fastlexer import KEYWORDS

_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


def escape_name(name: str) -> str:
    """A label, type or property name as Cypher source: backticked unless it is a plain identifier."""
    if _PLAIN_NAME.match(name) and name.upper() not in KEYWORDS:
        return name
    return "`" + name.replace("`", "``") + "`"


def string_literal_value(node) -> str | None:
    """The value of a StringLiteral expression node, or None if it is not one."""
    if not isinstance(node, P.StringLiteralContext):
        return None
    raw = node.getText()[1:-1]
    out = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            if nxt in "uU" and i + 5 < len(raw) + 1:
                try:
                    out.append(chr(int(raw[i + 2 : i + 6], 16)))
                    i += 6
                    continue
                except ValueError:
                    pass
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def bound_names(tree) -> set[str]:
    """Every variable name mentioned anywhere in the statement (declared or used), unescaped."""
    names = set()
    for n in analysis.walk(tree):
        if isinstance(n, (P.VariableContext, P.VariableExpressionContext)):
            names.add(analysis.name_text(n.getText()))
        elif isinstance(n, P.ProjectionItemContext) and n.symbolicName() is not None:
            names.add(analysis.name_text(n.symbolicName().getText()))
        elif isinstance(n, (P.UnwindClauseContext, P.LoadCsvClauseContext)) and n.symbolicName() is not None:
            names.add(analysis.name_text(n.symbolicName().getText()))
        elif isinstance(n, P.YieldItemContext):
            for s in n.symbolicName():
                names.add(analysis.name_text(s.getText()))
    return names


def _bound_names_from_walk(ctx) -> set[str]:
    """bound_names(ctx.tree), from the nodes the engine's walk already collected by class."""
    names = {analysis.name_text(n.getText()) for kind in (P.VariableContext, P.VariableExpressionContext)
             for n in ctx.nodes(kind)}
    for kind in (P.ProjectionItemContext, P.UnwindClauseContext, P.LoadCsvClauseContext):
        for n in ctx.nodes(kind):
            if n.symbolicName() is not None:
                names.add(analysis.name_text(n.symbolicName().getText()))
    for n in ctx.nodes(P.YieldItemContext):
        for s in n.symbolicName():
            names.add(analysis.name_text(s.getText()))
    return names


def fresh_names(ctx, base: str, count: int) -> list[str]:
    """``count`` variable names starting with ``base`` that the statement does not use yet."""
    used = ctx.cache.get("bound_names")
    if used is None:
        walked = getattr(ctx, "walked", False)
        used = ctx.cache["bound_names"] = _bound_names_from_walk(ctx) if walked else bound_names(ctx.tree)
    out = []
    i = 1
    while len(out) < count:
        candidate = base if i == 1 and count == 1 and base not in used else f"{base}{i}"
        if candidate not in used and candidate not in out:
            out.append(candidate)
        i += 1
    return out


def has_star_projection(tree) -> bool:
    """True if a RETURN * / WITH * would make a newly named variable show up as a column."""
    for n in analysis.descendants(tree, P.ProjectionItemsContext):
        if n.STAR() is not None:
            return True
    return False


def star_projection(ctx) -> bool:
    """has_star_projection of the statement, computed once per statement (several rules ask)."""
    known = ctx.cache.get("star_projection")
    if known is None:
        known = ctx.cache["star_projection"] = has_star_projection(ctx.tree)
    return known
