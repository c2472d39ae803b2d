"""Vector search and vector functions: the rewrites of ARC301, ARC251 and ARC252.

Neo4j scores: ``vector.similarity.cosine(a, b)`` and a cosine index's ``score`` are ``(1 + cos) / 2``
in [0, 1]; ``vector.similarity.euclidean(a, b)`` and a euclidean index's score are
``1 / (1 + d²)`` with ``d²`` the squared distance. ArcadeDB's functions return the raw cosine and
``1 / (1 + d)`` on every release; ``db.index.vector.queryNodes`` scores were the raw cosine up to
26.7.2. ArcadeDB's SQL ``vectorNeighbors`` returns a ``distance`` that is ``1 - cos`` for a COSINE
index from 26.3.2 (``(1 - cos) / 2`` on 26.2.1), so Neo4j's score is ``1 - distance / 2``
(measured on 26.2.1, 26.3.2, 26.5.1, 26.7.2 and 26.10.2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.ddl.translate import VectorIndexDef

_ARC_NAME = re.compile(r"([^\[\]]+)\[([^\[\],]+)\]\Z")


def cypher_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def is_simple(node) -> bool:
    """An expression that may be repeated without changing results or cost much: a parameter, a
    variable, a property of a variable, a number, or a list of numbers."""
    if isinstance(node, P.ParenthesizedExpressionContext):
        return is_simple(node.expression())
    if isinstance(node, (P.ParameterExpressionContext, P.VariableExpressionContext, P.NumberLiteralContext)):
        return True
    if isinstance(node, P.PropertyExpressionContext):
        return is_simple(node.expression())
    if isinstance(node, P.UnaryExpressionContext):
        return isinstance(node.expression(), P.NumberLiteralContext)
    if isinstance(node, P.ListExpressionContext):
        return node.WHERE() is None and node.PIPE() is None and all(is_simple(e) for e in node.expression())
    return False


def _strip_parens(node):
    while isinstance(node, P.ParenthesizedExpressionContext):
        node = node.expression()
    return node


def _number(node, value) -> bool:
    node = _strip_parens(node)
    return isinstance(node, P.NumberLiteralContext) and node.getText() in (str(value), f"{value}.0")


def is_normalised_cosine(fn: P.FunctionInvocationContext) -> bool:
    """``(1 + vector.similarity.cosine(a, b)) / 2`` (either order of the sum): already Neo4j's scale."""
    parent = fn.parentCtx
    while isinstance(parent, P.ParenthesizedExpressionContext):
        parent = parent.parentCtx
    if not isinstance(parent, P.AdditiveExpressionContext) or parent.PLUS() is None:
        return False
    a, b = parent.expression(0), parent.expression(1)
    other = b if _strip_parens(a) is fn else a
    if not _number(other, 1):
        return False
    outer = parent.parentCtx
    while isinstance(outer, P.ParenthesizedExpressionContext):
        outer = outer.parentCtx
    return (isinstance(outer, P.MultiplicativeExpressionContext) and outer.SLASH() is not None
            and _number(outer.expression(1), 2) and _strip_parens(outer.expression(0)) is not fn)


def cosine_score(a: str, b: str) -> str:
    return f"(1 + vector.similarity.cosine({a}, {b})) / 2"


def euclidean_score(a: str, b: str, acc: str, i: str, guard: bool) -> str:
    core = (f"1.0 / (1.0 + reduce({acc} = 0.0, {i} IN range(0, size({a}) - 1) | "
            f"{acc} + ({a}[{i}] - {b}[{i}]) ^ 2))")
    return f"CASE WHEN {a} IS NULL THEN null ELSE {core} END" if guard else core


# ------------------------------------------------------------------------------- queryNodes


@dataclass
class VectorCall:
    call: P.ProcedureCallContext
    name_node: object
    k_node: object
    vector_node: object
    name: str | None  # the index name literal, or None (a parameter / expression)


def query_nodes_call(node: P.ProcedureCallContext) -> VectorCall | None:
    if analysis.procedure_name(node) != "db.index.vector.querynodes":
        return None
    args = node.procedureArguments()
    exprs = list(args.expression()) if args is not None else []
    if len(exprs) != 3:
        return None
    name = None
    if isinstance(_strip_parens(exprs[0]), P.StringLiteralContext):
        from cypherlint.ddl.values import string_value

        name = string_value(_strip_parens(exprs[0]).getText())
    return VectorCall(node, exprs[0], exprs[1], exprs[2], name)


def arcade_name(name: str) -> tuple[str, str] | None:
    m = _ARC_NAME.match(name)
    return (m.group(1), m.group(2)) if m else None


def resolve_index(name: str | None, catalog) -> VectorIndexDef | None:
    """The vector index a queryNodes name refers to: a Neo4j name defined in the file or a hint,
    or an ArcadeDB name ``Type[prop]`` (similarity from the file when it defines that index)."""
    if name is None:
        return None
    if name in catalog.vectors:
        return catalog.vectors[name]
    arc = arcade_name(name)
    if arc is None:
        return None
    for v in catalog.vectors.values():
        if (v.entity.name, v.prop) == arc:
            return v
    from cypherlint.ddl.translate import Entity

    return VectorIndexDef(Entity(arc[0], False), arc[1], "cosine", None)


def yield_items(call: P.ProcedureCallContext) -> list[tuple[str, str, str]] | None:
    """[(output, variable, variable as written)] of the YIELD (``YIELD *`` -> node, score); None
    without YIELD. Variables are reused as written: backticks on variables misbehave up to 26.10.1."""
    y = call.yieldClause()
    if y is None:
        return None
    if y.STAR() is not None:
        return [("node", "node", "node"), ("score", "score", "score")]
    out = []
    for item in y.yieldItem():
        syms = item.symbolicName()
        out.append((analysis.name_text(syms[0].getText()), analysis.name_text(syms[-1].getText()), syms[-1].getText()))
    return out


def sql_vector(node, text: str) -> str | None:
    """A Cypher vector argument as ArcadeDB SQL: $p -> :p, a literal list as written."""
    node = _strip_parens(node)
    if isinstance(node, P.ParameterExpressionContext):
        p = node.parameter()
        if p.symbolicName() is not None:
            return ":" + analysis.name_text(p.symbolicName().getText())
        return None
    if isinstance(node, (P.ListExpressionContext, P.NumberLiteralContext)) and is_simple(node):
        return analysis.text_of(text, node)
    return None


_TIGHTER = (P.PowerExpressionContext, P.UnaryExpressionContext, P.SubscriptExpressionContext,
            P.PropertyExpressionContext, P.LabelPredicateExpressionContext)


def wrap_quotient(node, text: str) -> str:
    """``text`` (an ``x / y`` expression) replacing ``node``: parenthesised only where the parent
    binds tighter than division, or divides/multiplies by it from the right."""
    parent = node.parentCtx
    if isinstance(parent, _TIGHTER):
        return f"({text})"
    if isinstance(parent, P.MultiplicativeExpressionContext) and parent.expression(0) is not node:
        return f"({text})"
    return text
