"""Syntax rules the grammar leaves out for speed, checked on the tree after a successful parse.

The grammar (``grammar/CypherParser.g4``) is deliberately looser than Cypher in three places, so
that ANTLR's SLL prediction decides them with one or two tokens of look-ahead:

- a pattern is any sequence of node patterns, relationship patterns and parenthesized paths; here
  we require what Neo4j 5 and openCypher require: relationships only between two node patterns,
  and two node patterns side by side only with a quantified path pattern between them;
- list literals and list comprehensions share one rule; here a ``WHERE`` or ``|`` inside ``[...]``
  must follow ``variable IN list``;
- ``YIELD *`` is parsed after every procedure call; Cypher allows it only in a standalone ``CALL``
  (the whole query).

Each violation is an E001 issue whose span covers exactly the offending part. The checks only
look at nodes the parser collected while parsing (pattern elements, YIELD clauses, list
expressions with WHERE or ``|``), so no tree walk is needed and a statement without those
constructs costs nothing here.
"""

from __future__ import annotations

from antlr4.tree.Tree import TerminalNode

from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.syntax.errors import SYNTAX_ERROR, SyntaxIssue



def _span(node) -> tuple[int, int]:
    if isinstance(node, TerminalNode):
        return node.symbol.start, node.symbol.stop + 1
    return node.start.start, node.stop.stop + 1


def _issue(message: str, node, hint: str, end_node=None) -> SyntaxIssue:
    start, end = _span(node)
    if end_node is not None:
        end = _span(end_node)[1]
    return SyntaxIssue(*SYNTAX_ERROR, f"syntax error: {message}", start, end, hint)


# ------------------------------------------------------------------------------------ patterns

_NODE, _REL, _PATH = "node", "relationship", "path"
_KIND = {P.NodePatternContext: _NODE, P.RelationshipPatternContext: _REL, P.ParenthesizedPathContext: _PATH}


def check_pattern_element(elem: P.PatternElementContext) -> SyntaxIssue | None:
    """A pattern must alternate node and relationship patterns (quantified groups may sit between nodes)."""
    # Fast pass: valid sequences are by far the most common; the detailed pass finds the culprit.
    prev = None
    for child in elem.children or ():
        kind = _KIND.get(type(child))
        if kind is None:  # a quantifier, or shortestPath(...)
            continue
        if kind is _REL:
            if prev is not _NODE:
                break
        elif kind is _NODE:
            if prev is _NODE:
                break
        elif prev is _REL:  # a parenthesized path right after a relationship
            break
        prev = kind
    else:
        if prev is not _REL:
            return None
    return _pattern_problem(elem)


def _pattern_problem(elem) -> SyntaxIssue | None:
    items: list[tuple[str, object, bool]] = []  # (kind, node, quantified)
    for child in elem.children or ():
        kind = _KIND.get(type(child))
        if kind is not None:
            items.append((kind, child, False))
        elif type(child) is P.QuantifierContext and items:
            items[-1] = (items[-1][0], items[-1][1], True)
    if not items:  # shortestPath(...) or an empty rule after an error: nothing to check
        return None
    for i, (kind, node, _quantified) in enumerate(items):
        before = items[i - 1] if i > 0 else None
        after = items[i + 1] if i + 1 < len(items) else None
        if kind == _REL:
            if before is None:
                return _issue("a pattern cannot start with a relationship", node,
                              "put a node pattern before it, e.g. ()" + _text(node))
            if after is None:
                return _issue("a pattern cannot end with a relationship", node,
                              "put a node pattern after it, e.g. " + _text(node) + "()")
            if after[0] == _REL:
                return _issue("two relationship patterns in a row", after[1],
                              "put a node pattern such as () between the two relationships")
            if before[0] == _PATH or after[0] == _PATH:
                other = before[1] if before[0] == _PATH else after[1]
                return _issue("a relationship must connect two node patterns, not a parenthesized path", other,
                              "a quantified group goes between node patterns, without a relationship: "
                              "(a) ((x)-[:R]->(y))+ (b)")
        elif kind == _NODE and after is not None and after[0] == _NODE:
            return _issue("two node patterns side by side", after[1],
                          "connect them with a relationship such as -->, or separate the patterns with ','")
    return None


def _text(node) -> str:
    return node.getText() if node.getChildCount() else ""


# ------------------------------------------------------------------------------------ YIELD *


def check_yield_star(yc: P.YieldClauseContext) -> SyntaxIssue | None:
    """``YIELD *`` only in a standalone procedure call (the whole statement is the CALL)."""
    star = yc.STAR()
    if star is None:
        return None
    call = yc.parentCtx
    if not isinstance(call, P.ProcedureCallContext):
        return None  # SHOW ... YIELD * is fine
    clause = call.parentCtx
    part = clause.parentCtx if clause is not None else None
    query = part.parentCtx if part is not None else None
    standalone = (
        isinstance(part, P.QueryPartContext)
        and len(part.clause()) == 1
        and isinstance(query, P.QueryContext)
        and len(query.queryPart()) == 1
        and isinstance(query.parentCtx, P.StatementBodyContext)
    )
    if standalone:
        return None
    return _issue("YIELD * is only allowed when the CALL is the whole query", yc.YIELD(),
                  "name the columns you need: YIELD column1, column2", end_node=star)


# ------------------------------------------------------------------------------------ lists


def check_list(node: P.ListExpressionContext) -> SyntaxIssue | None:
    """``[x IN list WHERE p | e]``: the part before WHERE or ``|`` must be ``variable IN list``."""
    if node.WHERE() is None and node.PIPE() is None:
        return None
    head = node.expression(0)
    if (
        isinstance(head, P.StringListPredicateExpressionContext)
        and head.IN() is not None
        and isinstance(head.expression(0), P.VariableExpressionContext)
    ):
        return None
    keyword = node.WHERE() or node.PIPE()
    return _issue(f"'{keyword.getText()}' in a list needs 'variable IN list' before it", head,
                  "write a list comprehension like [x IN list WHERE x > 0 | x * 2], "
                  "or a pattern comprehension like [(a)-->(b) | b.name]")


# ------------------------------------------------------------------------------------ entry


def check_statement(tree, tokens, collected) -> SyntaxIssue | None:
    """The first (leftmost) structural problem of a parsed statement, or None.

    ``collected`` is the parser that built ``tree``: it gathered the pattern elements, YIELD
    clauses and comprehension-like list expressions while parsing (syntax/fastparser.py).
    """
    found: list[SyntaxIssue] = []
    for elem in collected.pattern_elements:
        issue = check_pattern_element(elem)
        if issue is not None:
            found.append(issue)
    for yc in collected.yield_clauses:
        issue = check_yield_star(yc)
        if issue is not None:
            found.append(issue)
    for node in collected.list_expressions:
        issue = check_list(node)
        if issue is not None:
            found.append(issue)
    if not found:
        return None
    return min(found, key=lambda i: (i.start, i.end))
