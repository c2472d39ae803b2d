"""Facts about a parse tree that rules share: names, spans, clause order, variables, parameters.

Everything here is a pure function of the tree (and the text it came from). Nothing is cached on
tree nodes: the engine caches per statement in :class:`cypherlint.engine.StatementContext`.
"""

from __future__ import annotations

from typing import Iterator

from antlr4.tree.Tree import ErrorNodeImpl, TerminalNode, TerminalNodeImpl

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.syntax.fastparser import TerminalNode as _FastTerminalNode

# The classes of the leaves of our trees. A walk pushes every child (a C-level slice) and skips
# leaves by exact class when it pops them: ~45% faster than filtering each child list with
# isinstance. Only cypherlint's own parser builds the trees, so these are all the leaf classes.
TERMINAL_TYPES = frozenset({TerminalNodeImpl, ErrorNodeImpl, _FastTerminalNode})

# Clause context classes, in the order they appear in the grammar's `clause` rule.
CLAUSE_TYPES = (
    P.MatchClauseContext,
    P.WithClauseContext,
    P.ReturnClauseContext,
    P.UnwindClauseContext,
    P.CreateClauseContext,
    P.MergeClauseContext,
    P.SetClauseContext,
    P.RemoveClauseContext,
    P.DeleteClauseContext,
    P.SubqueryCallContext,
    P.ProcedureCallContext,
    P.ForeachClauseContext,
    P.LoadCsvClauseContext,
    P.UseClauseContext,
    P.FinishClauseContext,
    P.InsertClauseContext,
    P.LetClauseContext,
    P.FilterClauseContext,
    P.StartClauseContext,
)


def span(node) -> tuple[int, int]:
    """Character span [start, end) of a parse-tree node or token."""
    if isinstance(node, TerminalNode):
        tok = node.symbol
        return tok.start, tok.stop + 1
    if hasattr(node, "symbol"):
        return node.symbol.start, node.symbol.stop + 1
    if hasattr(node, "tokenIndex"):  # a token
        return node.start, node.stop + 1
    start, stop = node.start, node.stop
    if stop is None or stop.stop < start.start:  # empty rule
        return start.start, start.start
    return start.start, stop.stop + 1


def text_of(text: str, node) -> str:
    s, e = span(node)
    return text[s:e]


def walk(node) -> Iterator:
    """All rule-context descendants of ``node`` (itself included), in document order, iteratively."""
    return descendants(node, object)


def descendants(node, kind) -> Iterator:
    """The nodes of ``kind`` in walk(node) order. The one tree walk of this module (rules call it
    a lot): leaves are skipped by exact class when popped, child lists pushed whole."""
    stack = [node]
    pop = stack.pop
    push = stack.extend
    leaves = TERMINAL_TYPES
    while stack:
        n = pop()
        if type(n) in leaves:
            continue
        if isinstance(n, kind):
            yield n
        children = n.children
        if children:
            push(children[::-1])


def first(node, kind):
    return next(descendants(node, kind), None)


def ancestors(node) -> Iterator:
    n = node.parentCtx
    while n is not None:
        yield n
        n = n.parentCtx


def nearest(node, kind):
    for a in ancestors(node):
        if isinstance(a, kind):
            return a
    return None


def tokens_of(node) -> list:
    """Terminal tokens directly under ``node`` (not descending into sub-rules)."""
    return [c.symbol for c in (node.children or ()) if isinstance(c, TerminalNode)]


def has_token(node, token_type: int) -> bool:
    return any(t.type == token_type for t in tokens_of(node))


def name_text(raw: str) -> str:
    """The name a (possibly backticked) identifier denotes."""
    if len(raw) >= 2 and raw[0] == "`" and raw[-1] == "`":
        return raw[1:-1].replace("``", "`")
    return raw


def function_name(node: P.FunctionInvocationContext) -> str:
    """Lower-cased dotted function name: ``toLower`` -> ``tolower``, ``apoc.text.join``."""
    fn = node.functionName()
    return ".".join(name_text(c.getText()) for c in _name_parts(fn)).lower()


def _name_parts(fn) -> list:
    parts = []
    for c in fn.children or ():
        if isinstance(c, TerminalNode):
            if c.symbol.type != P.DOT:
                parts.append(c)
        else:  # symbolicName
            parts.append(c)
    return parts


def procedure_name(node: P.ProcedureCallContext) -> str:
    pn = node.procedureName()
    return ".".join(name_text(s.getText()) for s in pn.symbolicName()).lower()


def clauses(tree) -> list:
    """Every clause of a statement in document order, including those inside subqueries."""
    return [n for n in walk(tree) if isinstance(n, CLAUSE_TYPES)]


def query_parts(tree) -> list:
    return list(descendants(tree, P.QueryPartContext))


def top_level_clauses(part: P.QueryPartContext) -> list:
    """The clauses directly in one query part (not those inside subqueries)."""
    out = []
    for c in part.clause():
        out.append(c.children[0])
    return out


def variable_name(node) -> str | None:
    """Name of a VariableContext / VariableExpressionContext, unescaped."""
    if node is None:
        return None
    return name_text(node.getText())


def is_count_star(node) -> bool:
    return isinstance(node, P.CountStarContext)
