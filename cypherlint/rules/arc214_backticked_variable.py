from __future__ import annotations

import re

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule
from cypherlint.rules.util import bound_names, escape_name
from cypherlint.syntax.fastlexer import KEYWORDS

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _is_ticked(node) -> bool:
    return node.getText().startswith("`")


def _return_of(node):
    return analysis.nearest(node, (P.ReturnClauseContext, P.WithClauseContext))


class _Occurrences:
    """Where a name occurs as a variable in one statement, by kind."""

    def __init__(self):
        self.refs: list = []          # VariableContext / VariableExpressionContext
        self.defs: list = []          # symbolicName of WITH aliases, UNWIND, LOAD CSV, YIELD aliases
        self.yield_outputs: list = []  # YieldItemContext with a single name (output name = variable)
        self.return_alias = False
        self.ticked: list = []        # backticked occurrences, in document order
        self.unwind = False


def _collect(tree) -> dict[str, _Occurrences]:
    occ: dict[str, _Occurrences] = {}

    def get(name):
        o = occ.get(name)
        if o is None:
            o = occ[name] = _Occurrences()
        return o

    for n in analysis.walk(tree):
        if isinstance(n, (P.VariableContext, P.VariableExpressionContext)):
            if isinstance(n.parentCtx, P.SchemaNameContext):
                continue  # an index or constraint name, not a variable
            name = analysis.name_text(n.getText())
            if isinstance(n, P.VariableExpressionContext) and isinstance(n.parentCtx, P.SortItemContext):
                clause = _return_of(n)
                if isinstance(clause, P.ReturnClauseContext) and name in _aliases(clause):
                    continue  # ORDER BY `alias` after RETURN names a column, not a variable
            o = get(name)
            o.refs.append(n)
            if _is_ticked(n):
                o.ticked.append(n)
        elif isinstance(n, P.ProjectionItemContext) and n.symbolicName() is not None:
            sym = n.symbolicName()
            name = analysis.name_text(sym.getText())
            if isinstance(_return_of(n), P.ReturnClauseContext):
                get(name).return_alias = True
                continue
            o = get(name)
            o.defs.append(sym)
            if _is_ticked(sym):
                o.ticked.append(sym)
        elif isinstance(n, (P.UnwindClauseContext, P.LoadCsvClauseContext)):
            sym = n.symbolicName()
            o = get(analysis.name_text(sym.getText()))
            o.defs.append(sym)
            o.unwind = o.unwind or isinstance(n, P.UnwindClauseContext)
            if _is_ticked(sym):
                o.ticked.append(sym)
        elif isinstance(n, P.YieldItemContext):
            syms = n.symbolicName()
            o = get(analysis.name_text(syms[-1].getText()))
            if len(syms) == 2:
                o.defs.append(syms[-1])
            else:
                o.yield_outputs.append(n)
            if _is_ticked(syms[-1]):
                o.ticked.append(syms[-1])
    return occ


def _aliases(clause) -> set[str]:
    items = clause.projectionBody().projectionItems().projectionItem()
    return {analysis.name_text(i.symbolicName().getText()) for i in items if i.symbolicName() is not None}


def _has_return_star(tree) -> bool:
    return any(isinstance(n, P.ReturnClauseContext) and n.projectionBody().projectionItems().STAR() is not None
               for n in analysis.walk(tree))


class BacktickedVariable(Rule):
    """Backticked variables evaluate to null or fail up to ArcadeDB 26.9.

    **What it does.** Flags a variable written in backticks: `` (`the node`:Person) ``,
    `` UNWIND list AS `x y` ``, `` (`n`) ``. Backticks on labels, relationship types, property keys
    and `RETURN` aliases are fine and not flagged.

    **Why it breaks on ArcadeDB.** Up to 26.7.2 (measured) a backticked variable whose name needs
    the backticks (a space, a keyword) evaluates to `null` — silently — and one that does not
    (`` `n` ``) fails with "UndefinedVariable". 26.10.2 handles both.

    **Example.** ``MATCH (`the node`:Person) RETURN `the node`.name AS `the name` ``

    **Use instead.** Plain variable names (verified on every measured release):
    ``MATCH (the_node:Person) RETURN the_node.name AS `the name` ``.

    **Fix safety.** Safe when the plain name is a valid identifier that the statement does not use
    yet: every occurrence is renamed, and an unaliased `RETURN` item keeps its column name
    (`` the_node AS `the node` ``). No fix when the name is also a `RETURN` alias; unsafe under
    `RETURN *` (the column would be renamed).
    """

    code = "ARC214"
    name = "backticked-variable"
    summary = "backticked variables are null or undefined up to ArcadeDB 26.9; use plain names"
    constructs = ("expr.backticks", "expr.backticks.var", "expr.backticks.var.space", "expr.backticks.unwind.var")
    node_types = (P.StatementContext,)
    fix_applicability = "safe"

    def visit(self, node, ctx) -> None:
        if "`" not in ctx.text[ctx.statement.start:ctx.statement.end]:
            return
        occ = _collect(node)
        used = None
        for name, o in occ.items():
            if not o.ticked:
                continue
            if _PLAIN.match(name) and name.upper() not in KEYWORDS:
                construct, new = "expr.backticks.var", name
            else:
                construct = "expr.backticks.unwind.var" if o.unwind else "expr.backticks.var.space"
                if used is None:
                    used = bound_names(node)
                new = self._plain(name, used)
                used.add(new)
            affected = ctx.affected(construct) or ctx.affected("expr.backticks")
            if affected is None:
                continue
            fix = self._fix(ctx, name, new, o)
            first = o.ticked[0]
            ctx.report(self, first, f"backticked variable `{name.replace('`', '``')}` {affected.where}", fix=fix,
                       hint=f"use a plain variable name such as {new}")

    @staticmethod
    def _plain(name: str, used: set[str]) -> str:
        base = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_") or "v"
        if not _PLAIN.match(base):
            base = "v_" + base
        if base.upper() in KEYWORDS:
            base += "_"
        candidate, i = base, 2
        while candidate in used:
            candidate, i = f"{base}{i}", i + 1
        return candidate

    @staticmethod
    def _fix(ctx, name: str, new: str, o: _Occurrences) -> Fix | None:
        renamed = new != name
        if renamed and o.return_alias:
            return None
        edits: list[Edit] = []
        for ref in o.refs:
            if not renamed and not _is_ticked(ref):
                continue
            parent = ref.parentCtx
            if isinstance(parent, P.MapProjectionItemContext):
                edits.append(ctx.replace(ref, f"{escape_name(name)}: {new}" if renamed else new))
                continue
            if (renamed and isinstance(ref, P.VariableExpressionContext) and isinstance(parent, P.ProjectionItemContext)
                    and parent.symbolicName() is None and isinstance(_return_of(parent), P.ReturnClauseContext)):
                edits.append(ctx.replace(ref, f"{new} AS {escape_name(name)}"))
                continue
            edits.append(ctx.replace(ref, new))
        for sym in o.defs:
            if renamed or _is_ticked(sym):
                edits.append(ctx.replace(sym, new))
        for item in o.yield_outputs:
            sym = item.symbolicName()[0]
            if renamed:
                edits.append(ctx.replace(sym, f"{escape_name(name)} AS {new}"))
            elif _is_ticked(sym):
                edits.append(ctx.replace(sym, new))
        if not edits:
            return None
        applicability = "unsafe" if renamed and _has_return_star(ctx.tree) else "safe"
        return Fix(applicability, f"rename the variable to {new}", tuple(edits))
