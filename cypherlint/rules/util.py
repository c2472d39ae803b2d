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


# The node classes that bind or mention a variable name (see _names_of).
_NAMING_KINDS = (P.VariableContext, P.VariableExpressionContext, P.ProjectionItemContext, P.UnwindClauseContext,
                 P.LoadCsvClauseContext, P.YieldItemContext)


def _names_of(nodes) -> set[str]:
    """The variable names the given nodes declare or use, unescaped (other nodes are ignored)."""
    names = set()
    for n in nodes:
        if isinstance(n, (P.VariableContext, P.VariableExpressionContext)):
            names.add(analysis.name_text(n.getText()))
        elif isinstance(n, (P.ProjectionItemContext, P.UnwindClauseContext, P.LoadCsvClauseContext)):
            if n.symbolicName() is not None:
                names.add(analysis.name_text(n.symbolicName().getText()))
        elif isinstance(n, P.YieldItemContext):
            for s in n.symbolicName():
                names.add(analysis.name_text(s.getText()))
    return names


def bound_names(tree) -> set[str]:
    """Every variable name mentioned anywhere in the statement (declared or used), unescaped."""
    return _names_of(analysis.walk(tree))


def fresh_names(ctx, base: str, count: int) -> list[str]:
    """``count`` variable names starting with ``base`` that the statement does not use yet."""
    used = ctx.cache.get("bound_names")
    if used is None:
        if getattr(ctx, "walked", False):  # finish step: the engine's walk already indexed the nodes
            used = _names_of(n for kind in _NAMING_KINDS for n in ctx.nodes(kind))
        else:
            used = bound_names(ctx.tree)
        ctx.cache["bound_names"] = used
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
