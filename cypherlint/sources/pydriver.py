"""Helpers shared by the driver rules (DRV0xx): reading driver calls and the queries they send."""

from __future__ import annotations

import ast
import re

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.sources.pyextract import Query, call_name, str_const

STR_METHODS = {"startswith", "endswith", "replace", "split", "rsplit", "strip", "lstrip", "rstrip", "removeprefix",
               "removesuffix", "find", "rfind", "index", "count", "partition", "rpartition", "lower", "upper"}


def docstring_ids(ctx) -> set[int]:
    hit = ctx.cache.get("docstrings")
    if hit is None:
        from cypherlint.sources.pyextract import _docstring_ids

        hit = ctx.cache["docstrings"] = _docstring_ids(ctx.tree)
    return hit


def used_as_value(ctx, node) -> bool:
    """The string is a value handed on (call argument, assignment, default) — not a comparison
    operand, a str-method argument or documentation."""
    if id(node) in docstring_ids(ctx):
        return False
    parent = ctx.ex.parents.get(id(node))
    if isinstance(parent, ast.Compare):
        return False
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and parent.func.attr in STR_METHODS:
        return False
    if isinstance(parent, (ast.JoinedStr, ast.FormattedValue)):
        return False
    return True


def statements(q: Query):
    """(statement tree) for every parsed statement of a query."""
    if q.parsed is None:
        return []
    return [s.tree for s in q.parsed.statements if s.tree is not None]


def body_of(tree):
    return tree.statementBody() if tree is not None else None


def derives_from_attr(ctx, expr, attr: str, depth: int = 0) -> ast.AST | None:
    """The ``x.<attr>`` node ``expr`` is computed from (directly, in a comprehension, or through
    a local variable assigned from it), or None."""
    if expr is None or depth > 4:
        return None
    for n in ast.walk(expr):
        if isinstance(n, ast.Attribute) and n.attr == attr:
            return n
    if isinstance(expr, ast.Name):
        for scope in ctx.ex.scopes.scope_chain(expr):
            vals = ctx.ex.scopes.assigned.get(id(scope), {}).get(expr.id)
            if vals:
                for v in vals[:6]:
                    hit = derives_from_attr(ctx, v, attr, depth + 1)
                    if hit is not None:
                        return hit
                return None
    return None


def param_value(call: ast.Call, name: str):
    """The expression passed for query parameter ``name`` in a driver call (keyword argument or a
    dict literal argument), or None."""
    for k in call.keywords:
        if k.arg == name:
            return k.value
    dicts = [a for a in call.args if isinstance(a, ast.Dict)]
    dicts += [k.value for k in call.keywords if isinstance(k.value, ast.Dict)]
    for d in dicts:
        for key, value in zip(d.keys, d.values):
            if str_const(key) == name:
                return value
    for k in call.keywords + [ast.keyword(arg=None, value=a) for a in call.args]:
        v = k.value
        if isinstance(v, ast.Call) and call_name(v) == "dict":
            for kk in v.keywords:
                if kk.arg == name:
                    return kk.value
    return None


def schema_kind(tree) -> str | None:
    """"index" or "constraint" when the statement is a schema command, else None."""
    body = body_of(tree)
    if body is None:
        return None
    sc = body.schemaCommand()
    if sc is None:
        return None
    if sc.createIndex() is not None or sc.dropIndex() is not None:
        return "index"
    return "constraint"


def has_write_clause(tree) -> bool:
    write = (P.CreateClauseContext, P.MergeClauseContext, P.SetClauseContext, P.DeleteClauseContext,
             P.RemoveClauseContext)
    return any(isinstance(n, write) for n in analysis.walk(tree))


ELEMENT_ID_PARAM = re.compile(
    r"(?i)\belementId\s*\(\s*[`\w]+\s*\)\s*(?:=|IN)\s*\$\s*`?(\w+)|\$\s*`?(\w+)`?\s*=\s*elementId\s*\("
)
