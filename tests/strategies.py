"""Hypothesis strategies that build syntactically valid Cypher from the grammar's constructs.

Everything here follows ``grammar/CypherParser.g4`` (plus the structural checks of
``cypherlint/syntax/checks.py``): clauses (MATCH / OPTIONAL MATCH / WITH / RETURN / UNWIND / CREATE /
MERGE ... ON CREATE / SET / REMOVE / DELETE / FOREACH / CALL {...} / CALL proc YIELD / LOAD CSV /
UNION), patterns (labels, label expressions, properties, inline WHERE, variable length, quantified
path patterns, shortest paths, path selectors), expressions (every operator, CASE, list and pattern
comprehensions, map projections, reduce, list predicates, EXISTS / COUNT / COLLECT subqueries,
parameters) and schema / SHOW commands.

How it works: hypothesis draws one byte string; a :class:`Chooser` turns it into decisions (an
exhausted string answers 0 to everything, and choice 0 is always the simplest option), and plain
Python builds a list of *pieces* (token texts) from those decisions. ``render`` joins the pieces
with spaces, and at a few drawn gaps other whitespace or a comment (``/* */``, ``//``). Shrinking
the byte string shrinks the query. This is ~50x faster than nesting composite strategies, which
matters at thousands of cases per property.

The vocabulary leans on what the rules look at (toLower, labels(), properties(), anonymous nodes,
``*`` paths, ``:A|B``, ``count(*)``, quantifiers, SHOW INDEXES, UNWIND + MERGE, temporal
accessors...) so that many fixes get exercised. Label chains stay short on purpose: long
``:A:B:...`` chains are a known-slow parser path, covered in ``tests/fuzz``.
"""

from __future__ import annotations

import contextlib
import json
import re
import signal
import threading

from hypothesis import strategies as st

# ------------------------------------------------------------------------------ decisions


class Chooser:
    """Decisions read from a byte string; past its end every decision is the simplest one (0)."""

    __slots__ = ("data", "pos")

    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def byte(self) -> int:
        if self.pos >= len(self.data):
            return 0
        b = self.data[self.pos]
        self.pos += 1
        return b

    def int(self, lo: int, hi: int) -> int:
        span = hi - lo + 1
        if span <= 1:
            return lo
        v = self.byte()
        if span > 256:
            v = v << 8 | self.byte()
        return lo + v % span

    def bool(self, p_true: int = 1, out_of: int = 2) -> bool:
        """True with probability p_true/out_of (False is the simple answer)."""
        return self.int(0, out_of - 1) >= out_of - p_true

    def pick(self, seq):
        return seq[self.int(0, len(seq) - 1)]

    def text(self, max_size: int, pool: str) -> str:
        return "".join(self.pick(pool) for _ in range(self.int(0, max_size)))


# Characters for string literals and comments: ASCII, controls (NUL included), Latin-1, CJK,
# astral, combining marks, bidi controls, separators, BOM.
_CHARS = ("abcXYZ 09_'\"\\`{}()[]$:;.,|-<>*/#\t\x00\x01\x1f\x7f\x85\xa0é\u0301ñ数据\u200b\u202e\u2028\ufeff"
          "\U0001f600\U00010348\uffff")
_COMMENT_CHARS = _CHARS.replace("*", "").replace("/", "").replace("\n", "").replace("\x85", "").replace("\u2028", "")

VARIABLES = ["n", "m", "a", "b", "r", "p", "x", "row", "person", "`my var`", "ñame", "数据", "_tmp1"]
LABELS = ["Person", "Movie", "KNOWS", "A", "B", "Label", "person", "`Weird Label`", "Ünïcode", "X"]
REL_TYPES = ["KNOWS", "ACTED_IN", "R", "T", "LIKES", "`HAS PART`"]
PROPS = ["name", "age", "id", "key", "title", "born", "`odd key`", "x", "since"]
PARAMS = ["name", "id", "rows", "limit", "label", "list", "0", "1"]
ALIASES = VARIABLES + ["c", "total", "`col name`", "`toLower(n.name)`"]
FUNCTIONS_1 = ["toLower", "toUpper", "labels", "properties", "size", "type", "id", "keys", "length",
               "nodes", "relationships", "head", "last", "toString", "toInteger", "abs", "trim",
               "elementId", "startNode", "endNode", "exists", "date", "datetime", "duration",
               "lower", "upper", "apoc.text.join", "collect", "sum", "max", "min", "avg", "count"]
FUNCTIONS_N = ["coalesce", "substring", "replace", "split", "range", "left", "right", "round",
               "point.distance", "duration.between", "apoc.coll.toSet"]
TEMPORAL_FUNCTIONS = ["date", "datetime", "localdatetime", "time", "duration.between", "duration"]
TEMPORAL_ACCESSORS = ["year", "month", "day", "hour", "epochMillis", "days", "epochSeconds", "minutes"]
PROCEDURES = ["db.labels", "db.relationshipTypes", "apoc.help", "dbms.components", "db.index.fulltext.queryNodes",
              "gds.graph.project"]
BINARY_OPS = [["+"], ["-"], ["*"], ["/"], ["%"], ["^"], ["||"], ["="], ["<>"], ["!="], ["<"], ["<="], [">"],
              [">="], ["=~"], ["AND"], ["OR"], ["XOR"], ["IN"], ["CONTAINS"], ["STARTS", "WITH"], ["ENDS", "WITH"]]
NUMBERS = ["1", "0", "42", "1_000", "0x1F", "0o17", "3.14", ".5", "1e3", "6.02E23", "2", "123456789012"]
STRINGS = ["'Person'", "'a\\'b'", "'\\u00e9'", "\"x\\ny\"", "''", "'KNOWS'", "'2024-01-01'", "'%'"]


def dotted(name: str) -> list[str]:
    parts = name.split(".")
    out = [parts[0]]
    for p in parts[1:]:
        out += [".", p]
    return out


# ------------------------------------------------------------------------------ separators


def separator(c: Chooser) -> str:
    """A separator that is more than one space: other whitespace, or a comment."""
    kind = c.int(0, 6)
    if kind == 0:
        return "\n"
    if kind == 1:
        return "\t"
    if kind == 2:
        return "\r\n  "
    if kind <= 4:
        return " /*" + c.text(10, _COMMENT_CHARS) + "*/ "
    if kind == 5:
        return " //" + c.text(10, _COMMENT_CHARS) + "\n"
    return "\n/* multi\n line " + c.text(10, _COMMENT_CHARS) + " */\n"


def render(c: Chooser, pieces: list[str]) -> str:
    """Join pieces with a separator between each pair (never merging two tokens)."""
    seps = [" "] * max(len(pieces) - 1, 0)
    if seps:
        for _ in range(c.int(0, 6)):
            seps[c.int(0, len(seps) - 1)] = separator(c)
    out = [pieces[0]] if pieces else []
    for sep, piece in zip(seps, pieces[1:]):
        out.append(sep)
        out.append(piece)
    return "".join(out)


# ------------------------------------------------------------------------------ atoms


def string_literal(c: Chooser) -> str:
    if c.bool():
        return c.pick(STRINGS)
    quote = c.pick(["'", '"'])
    body = c.text(8, _CHARS).replace("\\", "\\\\").replace(quote, "\\" + quote)
    return quote + body + quote


def parameter(c: Chooser) -> list[str]:
    return ["$" + c.pick(PARAMS)]


def atom(c: Chooser) -> list[str]:
    kind = c.int(0, 9)
    if kind <= 1:
        return [c.pick(NUMBERS)]
    if kind == 2:
        return [string_literal(c)]
    if kind == 3:
        return [c.pick(["true", "false", "TRUE", "null", "NULL"])]
    if kind == 4:
        return parameter(c)
    if kind == 5:
        return ["count", "(", "*", ")"]
    return [c.pick(VARIABLES)]


def label_term(c: Chooser, depth: int = 2) -> list[str]:
    kind = c.int(0, 9 if depth > 0 else 1)
    if kind <= 1:
        return [c.pick(LABELS)]
    if kind == 2:
        return ["%"]
    if kind == 3:
        return ["("] + label_term(c, depth - 1) + [")"]
    if kind == 4:
        return ["!"] + label_term(c, depth - 1)
    if kind == 5:
        return ["$", "("] + parameter(c) + [")"]
    if kind == 6:
        return label_term(c, depth - 1) + ["&"] + label_term(c, depth - 1)
    if kind == 7:
        return [c.pick(LABELS), ":", c.pick(LABELS)]
    return label_term(c, depth - 1) + ["|"] + label_term(c, depth - 1)


def label_expression(c: Chooser) -> list[str]:
    kind = c.int(0, 7)
    if kind <= 3:
        return [":", c.pick(LABELS)]
    if kind == 4:
        return ["IS", c.pick(LABELS)]
    return [":"] + label_term(c)


def rel_types(c: Chooser) -> list[str]:
    kind = c.int(0, 5)
    if kind <= 3:
        return [":", c.pick(REL_TYPES)]
    if kind == 4:
        return [":", c.pick(REL_TYPES), "|", c.pick(REL_TYPES)]
    return [":", c.pick(REL_TYPES), "|", ":", c.pick(REL_TYPES)]


# ------------------------------------------------------------------------------ expressions


def _paren(pieces: list[str]) -> list[str]:
    return ["("] + pieces + [")"]


def _operand(c: Chooser, depth: int) -> list[str]:
    """An expression safe to use as an operand: compound ones come parenthesized."""
    e = expression(c, depth)
    return e if len(e) == 1 else _paren(e)


def map_literal(c: Chooser, depth: int) -> list[str]:
    out = ["{"]
    for i in range(c.int(0, 3)):
        if i:
            out.append(",")
        out += [c.pick(PROPS), ":"] + expression(c, depth - 1)
    return out + ["}"]


def list_literal(c: Chooser, depth: int) -> list[str]:
    out = ["["]
    for i in range(c.int(0, 3)):
        if i:
            out.append(",")
        out += expression(c, depth - 1)
    return out + ["]"]


def call_args(c: Chooser, depth: int, most: int) -> list[str]:
    out: list[str] = []
    for i in range(c.int(0, most)):
        if i:
            out.append(",")
        out += expression(c, depth)
    return out


def expression(c: Chooser, depth: int = 2) -> list[str]:
    if depth <= 0:
        return atom(c)
    kind = c.int(0, 35)
    d = depth - 1
    if kind <= 5:
        return atom(c)
    if kind == 6:  # property access
        return [c.pick(VARIABLES), ".", c.pick(PROPS)]
    if kind == 7:  # binary operator, operands parenthesized or not
        left, op, right = expression(c, d), c.pick(BINARY_OPS), expression(c, d)
        if c.bool():
            left, right = _paren(left), _paren(right)
        return left + op + right
    if kind == 8:
        return [c.pick(["NOT", "-", "+"])] + _paren(expression(c, d))
    if kind == 9:
        return _operand(c, d) + ["IS"] + c.pick([["NULL"], ["NOT", "NULL"]])
    if kind == 10:
        fn = c.pick(FUNCTIONS_1)
        distinct = ["DISTINCT"] if fn in ("collect", "count", "sum") and c.bool() else []
        return dotted(fn) + ["("] + distinct + expression(c, d) + [")"]
    if kind == 11:
        return dotted(c.pick(FUNCTIONS_N)) + ["("] + call_args(c, d, 3) + [")"]
    if kind == 12:
        return list_literal(c, depth)
    if kind == 13:
        return map_literal(c, depth)
    if kind == 14:  # CASE, simple or generic
        out = ["CASE"] + (expression(c, d) if c.bool() else [])
        for _ in range(c.int(1, 2)):
            out += ["WHEN"] + expression(c, d) + ["THEN"] + expression(c, d)
        if c.bool():
            out += ["ELSE"] + expression(c, d)
        return out + ["END"]
    if kind == 15:  # list comprehension: the source is an operand so `x IN ...` stays the head
        out = ["[", c.pick(VARIABLES), "IN"] + _operand(c, d)
        if c.bool():
            out += ["WHERE"] + expression(c, d)
        if c.bool():
            out += ["|"] + expression(c, d)
        return out + ["]"]
    if kind == 16:  # pattern comprehension
        out = ["["] + ([c.pick(["p", "q"]), "="] if c.bool() else [])
        out += pattern_element(c, d, min_rels=1)
        if c.bool():
            out += ["WHERE"] + expression(c, d)
        return out + ["|"] + expression(c, d) + ["]"]
    if kind == 17:  # map projection
        out = [c.pick(VARIABLES), "{"]
        for i in range(c.int(0, 3)):
            if i:
                out.append(",")
            k = c.int(0, 3)
            if k == 0:
                out += [".", c.pick(PROPS)]
            elif k == 1:
                out += [".", "*"]
            elif k == 2:
                out += [c.pick(PROPS), ":"] + expression(c, d)
            else:
                out += [c.pick(VARIABLES)]
        return out + ["}"]
    if kind == 18:
        return (["reduce", "(", c.pick(VARIABLES), "="] + expression(c, d) + [",", c.pick(VARIABLES), "IN"]
                + expression(c, d) + ["|"] + expression(c, d) + [")"])
    if kind == 19:
        out = [c.pick(["all", "any", "none", "single"]), "(", c.pick(VARIABLES), "IN"] + expression(c, d)
        if c.bool():
            out += ["WHERE"] + expression(c, d)
        return out + [")"]
    if kind == 20:  # EXISTS / COUNT / COLLECT subqueries
        word = c.pick(["EXISTS", "COUNT", "COLLECT"])
        if word != "COLLECT" and c.bool():
            body = pattern(c, d)
            if c.bool():
                body += ["WHERE"] + expression(c, d)
        else:
            body = single_query(c, d, must_return=word == "COLLECT")
        return [word, "{"] + body + ["}"]
    if kind == 21:  # pattern expression (a predicate): no quantified groups in this form
        return pattern_element(c, d, min_rels=1, start_named=True, qpp=False)
    if kind == 22:
        return _paren(expression(c, d))
    if kind == 23:  # subscript and slices
        base = [c.pick(VARIABLES)] if c.bool() else list_literal(c, depth)
        k = c.int(0, 3)
        if k == 0:
            return base + ["["] + expression(c, d) + ["]"]
        if k == 1:
            return base + ["["] + expression(c, d) + [".."] + expression(c, d) + ["]"]
        if k == 2:
            return base + ["[", ".."] + expression(c, d) + ["]"]
        return base + ["["] + expression(c, d) + ["..", "]"]
    if kind == 24:  # label predicate
        return [c.pick(VARIABLES), ":"] + ([c.pick(LABELS)] if c.bool() else label_term(c, 1))
    if kind == 25:  # temporal accessor
        call = dotted(c.pick(TEMPORAL_FUNCTIONS)) + ["("] + (expression(c, d) if c.bool() else []) + [")"]
        return call + [".", c.pick(TEMPORAL_ACCESSORS)]
    if kind == 26:
        return [c.pick(["shortestPath", "allShortestPaths"]), "("] + pattern_element(c, d, min_rels=1) + [")"]
    if kind == 27:  # type predicates
        test = c.pick([["IS", "::"], ["::"], ["IS", "TYPED"], ["IS", "NOT", "TYPED"]])
        return _operand(c, d) + test + c.pick(
            [["INTEGER"], ["STRING"], ["BOOLEAN"], ["FLOAT"], ["MAP"], ["NODE"], ["LIST", "<", "INTEGER", ">"],
             ["STRING", "NOT", "NULL"], ["INTEGER", "|", "FLOAT"]])
    if kind == 28:
        op = c.pick([["CONTAINS"], ["=~"], ["IN"], ["STARTS", "WITH"]])
        return [c.pick(VARIABLES), ".", c.pick(PROPS)] + op + expression(c, d)
    if kind == 29:  # the function shapes rules rewrite
        fn = c.pick(["toLower", "toUpper", "labels", "properties", "type", "keys", "id"])
        inner = [c.pick(VARIABLES), ".", c.pick(PROPS)] if fn in ("toLower", "toUpper") else [c.pick(VARIABLES)]
        return [fn, "("] + inner + [")"]
    if kind == 30:  # 'X' IN labels(n)
        return [string_literal(c), "IN", "labels", "(", c.pick(VARIABLES), ")"]
    if kind == 31:
        return ["count", "(", "DISTINCT"] + expression(c, d) + [")"]
    if kind == 32:
        return [c.pick(VARIABLES), ".", c.pick(PROPS), c.pick(["=", "<", ">=", "<>"])] + expression(c, d)
    if kind == 33:
        return ["[", c.pick(VARIABLES), "IN", "range", "(", "1", ",", c.pick(NUMBERS), ")", "|"] + expression(c, d) + ["]"]
    if kind == 34:
        return _paren(expression(c, d)) + [".", c.pick(PROPS)]
    return [c.pick(VARIABLES), ".", c.pick(PROPS), ".", c.pick(PROPS)]


# ------------------------------------------------------------------------------ patterns


def properties(c: Chooser, depth: int) -> list[str]:
    return map_literal(c, max(depth, 1)) if c.int(0, 4) else parameter(c)


def node_pattern(c: Chooser, depth: int = 1, named: bool | None = None) -> list[str]:
    out = ["("]
    if named is True or (named is None and c.bool()):
        out.append(c.pick(VARIABLES))
    if c.int(0, 2):
        out += label_expression(c)
    if c.int(0, 3) == 3:
        out += properties(c, depth - 1)
    if depth > 0 and c.int(0, 7) == 7:
        out += ["WHERE"] + expression(c, depth - 1)
    return out + [")"]


RANGES = [["*"], ["*", "2"], ["*", "1", "..", "3"], ["*", "..", "5"], ["*", "2", ".."], ["*", "0", "..", "1"]]
QUANTIFIERS = [["+"], ["*"], ["{", "1", ",", "3", "}"], ["{", "2", "}"], ["{", ",", "4", "}"], ["{", "1", ",", "}"]]


def relationship_pattern(c: Chooser, depth: int = 1) -> list[str]:
    direction = c.int(0, 2)
    detail: list[str] = []
    if c.int(0, 4):
        detail = ["["]
        if c.bool():
            detail.append(c.pick(VARIABLES))
        if c.int(0, 3):
            detail += rel_types(c)
        if c.int(0, 3) == 3:
            detail += c.pick(RANGES)
        if c.int(0, 4) == 4:
            detail += properties(c, depth - 1)
        if depth > 0 and c.int(0, 9) == 9:
            detail += ["WHERE"] + expression(c, depth - 1)
        detail.append("]")
    if direction == 0:
        return ["-"] + detail + ["-", ">"]
    if direction == 1:
        return ["<", "-"] + detail + ["-"]
    return ["-"] + detail + ["-"]


def pattern_element(c: Chooser, depth: int = 1, min_rels: int = 0, start_named: bool = False,
                    qpp: bool = True) -> list[str]:
    out = node_pattern(c, depth, named=True if start_named else None)
    for _ in range(c.int(min_rels, 3)):
        if qpp and depth > 0 and c.int(0, 7) == 7:
            # quantified path pattern between two nodes: (a) ((x)-[r]->(y)){1,3} (b)
            inner = node_pattern(c, 0) + relationship_pattern(c, 0) + node_pattern(c, 0)
            if c.int(0, 3) == 3:
                inner += ["WHERE"] + expression(c, 0)
            out += ["("] + inner + [")"] + c.pick(QUANTIFIERS) + node_pattern(c, depth - 1)
            continue
        out += relationship_pattern(c, depth)
        if qpp and c.int(0, 9) == 9:
            out += c.pick(QUANTIFIERS)
        out += node_pattern(c, depth - 1)
    return out


def pattern_part(c: Chooser, depth: int = 1) -> list[str]:
    out = [c.pick(["p", "path", "q"]), "="] if c.int(0, 4) == 4 else []
    kind = c.int(0, 11)
    if kind == 10:
        return out + [c.pick(["shortestPath", "allShortestPaths"]), "("] + pattern_element(c, depth, min_rels=1) + [")"]
    if kind == 11:
        sel = c.pick([["ANY", "SHORTEST"], ["ALL", "SHORTEST"], ["SHORTEST", "2"], ["ANY"],
                      ["SHORTEST", "1", "PATH"], ["ALL", "SHORTEST", "PATHS"], ["ANY", "SHORTEST", "TRAIL"]])
        return out + sel + pattern_element(c, depth, min_rels=1)
    return out + pattern_element(c, depth)


def pattern(c: Chooser, depth: int = 1) -> list[str]:
    out = pattern_part(c, depth)
    for _ in range(c.int(0, 2)):
        out += [","] + pattern_part(c, depth)
    return out


# ------------------------------------------------------------------------------ clauses


def projection_items(c: Chooser, depth: int) -> list[str]:
    out: list[str] = []
    if c.int(0, 7) == 7:
        out = ["*"]
        n = c.int(0, 1)
    else:
        n = c.int(1, 3)
    for _ in range(n):
        if out:
            out.append(",")
        out += expression(c, depth)
        if c.bool():
            out += ["AS", c.pick(ALIASES)]
    return out


def projection_tail(c: Chooser, depth: int) -> list[str]:
    out: list[str] = []
    if c.int(0, 3) == 3:
        out += ["ORDER", "BY"]
        for i in range(c.int(1, 2)):
            if i:
                out.append(",")
            out += expression(c, depth - 1) + c.pick([[], ["ASC"], ["DESC"], ["DESCENDING"]])
    if c.int(0, 4) == 4:
        out += [c.pick(["SKIP", "OFFSET"]), c.pick(["1", "$limit", "10"])]
    if c.int(0, 3) == 3:
        out += ["LIMIT", c.pick(["1", "$limit", "10", "5"])]
    return out


def set_item(c: Chooser, depth: int) -> list[str]:
    kind = c.int(0, 5)
    v = c.pick(VARIABLES)
    if kind <= 1:
        return [v, ".", c.pick(PROPS), "="] + expression(c, depth)
    if kind == 2:
        return [v, "+="] + map_literal(c, depth)
    if kind == 3:
        return [v, "="] + (map_literal(c, depth) if c.bool() else parameter(c))
    if kind == 4:
        return [v, ":", c.pick(LABELS)]
    return ["(", v, ")", ".", c.pick(PROPS), "="] + expression(c, depth)


def set_clause(c: Chooser, depth: int) -> list[str]:
    out = ["SET"] + set_item(c, depth)
    for _ in range(c.int(0, 1)):
        out += [","] + set_item(c, depth)
    return out


def clause(c: Chooser, depth: int = 1) -> list[str]:
    kind = c.int(0, 17)
    if kind <= 3:
        out = (["OPTIONAL"] if kind == 3 else []) + ["MATCH"]
        if c.int(0, 11) == 11:
            out += c.pick([["REPEATABLE", "ELEMENTS"], ["DIFFERENT", "RELATIONSHIPS"], ["REPEATABLE", "ELEMENT",
                                                                                       "BINDINGS"]])
        out += pattern(c, depth)
        if c.bool():
            out += ["WHERE"] + expression(c, depth)
        return out
    if kind <= 5:
        out = ["WITH"] + (["DISTINCT"] if c.int(0, 5) == 5 else []) + projection_items(c, depth)
        out += projection_tail(c, depth)
        if c.int(0, 2) == 2:
            out += ["WHERE"] + expression(c, depth)
        return out
    if kind == 6:
        k = c.int(0, 2)
        source = list_literal(c, depth) if k == 0 else parameter(c) if k == 1 else expression(c, depth - 1)
        return ["UNWIND"] + source + ["AS", c.pick(VARIABLES)]
    if kind == 7:
        return ["CREATE"] + pattern(c, depth)
    if kind == 8:
        out = ["MERGE"] + pattern_part(c, depth)
        for _ in range(c.int(0, 2)):
            out += ["ON", c.pick(["CREATE", "MATCH"])] + set_clause(c, depth - 1)
        return out
    if kind == 9:
        return set_clause(c, depth)
    if kind == 10:
        items: list[str] = []
        for i in range(c.int(1, 2)):
            if i:
                items.append(",")
            v = c.pick(VARIABLES)
            items += [v, ".", c.pick(PROPS)] if c.bool() else [v, ":", c.pick(LABELS)]
        return ["REMOVE"] + items
    if kind == 11:
        return c.pick([["DELETE"], ["DETACH", "DELETE"], ["NODETACH", "DELETE"]]) + [c.pick(VARIABLES)]
    if kind == 12:
        body: list[str] = []
        for _ in range(c.int(1, 2)):
            body += set_clause(c, depth - 1) if c.bool() else ["CREATE"] + pattern(c, depth - 1)
        return ["FOREACH", "(", c.pick(VARIABLES), "IN"] + expression(c, depth - 1) + ["|"] + body + [")"]
    if kind == 13 and depth > 0:
        out = ["CALL"] + c.pick([[], ["(", "*", ")"], ["(", "n", ")"], ["(", ")"]])
        out += ["{"] + single_query(c, depth - 1) + ["}"]
        if c.int(0, 5) == 5:
            out += ["IN", "TRANSACTIONS"] + c.pick([[], ["OF", "100", "ROWS"], ["ON", "ERROR", "CONTINUE"]])
        return out
    if kind == 14:
        return procedure_call(c, depth, star_ok=False)
    if kind == 15:
        out = ["LOAD", "CSV"] + (["WITH", "HEADERS"] if c.bool() else []) + ["FROM", "'file:///x.csv'", "AS", "row"]
        if c.int(0, 3) == 3:
            out += ["FIELDTERMINATOR", "';'"]
        return out
    if kind == 16:  # the UNWIND $rows ... MERGE shape
        return ["UNWIND", "$rows", "AS", "row", "MERGE", "(", "n", ":", c.pick(LABELS), "{",
                c.pick(PROPS), ":", "row", ".", c.pick(PROPS), "}", ")"]
    return ["MATCH"] + pattern(c, depth) + ["WHERE"] + expression(c, depth)


def procedure_call(c: Chooser, depth: int, star_ok: bool) -> list[str]:
    out = ["CALL"] + dotted(c.pick(PROCEDURES))
    if c.int(0, 3):
        out += ["("] + call_args(c, depth - 1, 2) + [")"]
    if c.bool():
        out.append("YIELD")
        if star_ok and c.int(0, 2) == 2:
            out.append("*")
        else:
            out.append(c.pick(["label", "value", "node", "score", "relationshipType"]))
            if c.bool():
                out += ["AS", c.pick(VARIABLES)]
        if c.int(0, 3) == 3:
            out += ["WHERE"] + expression(c, depth - 1)
    return out


def single_query(c: Chooser, depth: int = 1, must_return: bool = False) -> list[str]:
    out: list[str] = []
    for _ in range(c.int(0 if must_return else 1, 3)):
        out += clause(c, depth)
    if must_return or c.int(0, 3):
        out += ["RETURN"] + (["DISTINCT"] if c.int(0, 6) == 6 else []) + projection_items(c, depth)
        out += projection_tail(c, depth)
    return out


def query(c: Chooser, depth: int = 1) -> list[str]:
    if c.int(0, 6) == 6:  # UNION: every part returns
        out = single_query(c, depth, must_return=True)
        for _ in range(c.int(1, 2)):
            out += c.pick([["UNION"], ["UNION", "ALL"]]) + single_query(c, depth, must_return=True)
        return out
    if c.int(0, 19) == 19:  # a standalone procedure call may YIELD *
        return procedure_call(c, depth, star_ok=True)
    if c.int(0, 15) == 15:  # counting rows of a pattern
        return (["MATCH"] + pattern_element(c, 0, min_rels=1) + ["RETURN", "count", "(", "*", ")"]
                + c.pick([[], ["AS", "c"]]))
    return single_query(c, depth)


def schema_or_show(c: Chooser) -> list[str]:
    label, prop = c.pick(LABELS), c.pick(PROPS)
    return c.pick([
        ["CREATE", "INDEX", "FOR", "(", "n", ":", label, ")", "ON", "(", "n", ".", prop, ")"],
        ["CREATE", "INDEX", "idx", "IF", "NOT", "EXISTS", "FOR", "(", "n", ":", label, ")", "ON", "(", "n", ".",
         prop, ")"],
        ["CREATE", "INDEX", "ON", ":", label, "(", prop, ")"],
        ["CREATE", "RANGE", "INDEX", "FOR", "(", "n", ":", label, ")", "ON", "(", "n", ".", prop, ",", "n", ".",
         "id", ")"],
        ["CREATE", "INDEX", "FOR", "(", ")", "-", "[", "r", ":", "KNOWS", "]", "-", "(", ")", "ON", "(", "r", ".",
         prop, ")"],
        ["CREATE", "CONSTRAINT", "c", "FOR", "(", "n", ":", label, ")", "REQUIRE", "n", ".", prop, "IS", "UNIQUE"],
        ["DROP", "INDEX", "idx", "IF", "EXISTS"],
        ["SHOW", "INDEXES"],
        ["SHOW", "CONSTRAINTS"],
        ["SHOW", "INDEXES", "YIELD", "name", "RETURN", "name"],
    ])


def statement_pieces(c: Chooser, depth: int = 1) -> list[str]:
    prefix = c.pick([[]] * 12 + [["EXPLAIN"], ["PROFILE"], ["CYPHER", "25"]])
    if c.int(0, 11) == 11:
        return prefix + schema_or_show(c)
    return prefix + query(c, depth)


def generate_statement(c: Chooser) -> str:
    depth = c.pick([1, 0, 1, 2, 1])
    return render(c, statement_pieces(c, depth))


def generate_text(c: Chooser, max_statements: int = 2) -> str:
    stmts = [generate_statement(c) for _ in range(c.int(1, max_statements))]
    text = c.pick([";\n", "; ", ";\n\n// next\n"]).join(stmts)
    if c.bool():
        text += ";"
    if c.int(0, 5) == 5:
        text = "// header comment\n" + text
    return text


# ------------------------------------------------------------------------------ strategies

_BYTES = st.binary(min_size=48, max_size=600)

#: One syntactically valid statement, with whitespace and comments between tokens.
cypher_statement = _BYTES.map(lambda b: generate_statement(Chooser(b)))
#: One or two statements separated by ';' (sometimes a trailing ';' and a header comment).
cypher_text = _BYTES.map(lambda b: generate_text(Chooser(b)))


# ------------------------------------------------------------------------------ shared checks
# Invariants every lint/fix result must satisfy, used by the property, robustness and fuzz tests.


TARGETS = ["arcadedb", "arcadedb-legacy", "arcadedb@26.3", "arcadedb@26.5", "arcadedb@26.10.2"]
_CODE_RE = re.compile(r"[A-Z]{1,4}[0-9]{3}\Z")


class QueryTimeout(Exception):
    """A lint/fix call ran past the harness's (generous) time bound: a runaway loop or a hang."""


@contextlib.contextmanager
def time_limit(seconds: float, what: str = "query"):
    """Raise QueryTimeout in the main thread if the block runs longer than ``seconds``.

    Pure-Python loops (the parser, the rules) are interrupted; elsewhere (other threads) this is a
    no-op and callers measure elapsed time instead.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise QueryTimeout(f"{what} took longer than {seconds}s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` (lines end at '\\n'; columns count characters)."""
    line = text.count("\n", 0, offset) + 1
    line_start = text.rfind("\n", 0, offset) + 1
    return line, offset - line_start + 1


def check_edits(text: str, edits, where: str = "") -> None:
    previous = None
    for e in edits:
        assert isinstance(e.content, str), f"{where}: edit content is not a str: {e!r}"
        assert 0 <= e.start <= e.end <= len(text), f"{where}: edit {e!r} outside the text (len {len(text)})"
        if previous is not None:
            assert previous.end <= e.start, f"{where}: edits overlap: {previous!r} and {e!r}"
            assert not (previous.start == previous.end == e.start == e.end), \
                f"{where}: two insertions at the same offset: {previous!r} and {e!r}"
        previous = e


def check_diagnostics(text: str, diags) -> None:
    """Spans inside the text, line/column agreeing with offsets, well-formed fixes, sorted order."""
    from cypherlint import Diagnostic

    assert isinstance(diags, list)
    for d in diags:
        assert isinstance(d, Diagnostic)
        where = f"{d.code} at {d.start}:{d.end}"
        assert _CODE_RE.match(d.code), where
        assert d.severity in ("error", "warning"), where
        assert isinstance(d.message, str) and d.message.strip(), where
        assert isinstance(d.name, str) and d.name, where
        assert 0 <= d.start <= d.end <= len(text), f"{where}: span outside the text (len {len(text)})"
        assert (d.line, d.column) == line_col(text, d.start), f"{where}: line/column {(d.line, d.column)}"
        assert (d.end_line, d.end_column) == line_col(text, d.end), f"{where}: end {(d.end_line, d.end_column)}"
        if d.fix is not None:
            assert d.fix.applicability in ("safe", "unsafe", "display-only"), where
            assert d.fix.language in ("cypher", "sql"), where
            assert isinstance(d.fix.message, str) and d.fix.message, where
            if d.fix.language == "cypher":
                check_edits(text, d.fix.edits, where)
        json.dumps(d.to_dict())
    keys = [(d.start, d.end, d.code) for d in diags]
    assert keys == sorted(keys), "diagnostics are not in (start, end, code) order"


def syntax_issue_count(text: str) -> int:
    from cypherlint.syntax.parser import parse

    return len(parse(text).issues)


def check_fix_result(text: str, result, *, target: str, unsafe: bool, relint: bool = True) -> None:
    """A FixResult is consistent: changed flag, applied fixes applicable, remaining = re-lint of output."""
    import cypherlint
    from cypherlint import FixResult

    assert isinstance(result, FixResult)
    assert isinstance(result.query, str)
    assert result.changed == (result.query != text)
    if not result.changed:
        assert result.applied == [] or all(d.fix is not None for d in result.applied)
    for d in result.applied:
        assert d.fix is not None and d.fix.language == "cypher"
        assert d.fix.applicability == "safe" or (unsafe and d.fix.applicability == "unsafe"), d
    check_diagnostics(result.query, result.remaining)
    assert isinstance(result.feedback, str) and result.feedback
    json.dumps(result.to_dict())
    if relint:
        assert result.remaining == cypherlint.lint(result.query, target=target)


def comment_texts(text: str) -> list[str]:
    from cypherlint.syntax.fastlexer import tokenize

    return [c.text for c in tokenize(text).comments]


def return_columns(text: str) -> list[list[str]]:
    """Per statement, the output names of every RETURN (alias, else the expression's source text).

    ``RETURN *`` contributes ``*`` and every variable name of the statement, since a fix that
    introduces a new variable would add a column there.
    """
    from cypherlint import analysis
    from cypherlint._generated.CypherParser import CypherParser as P
    from cypherlint.rules.util import bound_names
    from cypherlint.syntax.parser import parse

    out = []
    for stmt in parse(text).statements:
        cols: list[str] = []
        if stmt.tree is not None:
            for node in analysis.walk(stmt.tree):
                if not isinstance(node, P.ReturnClauseContext):
                    continue
                items = node.projectionBody().projectionItems()
                if items.STAR() is not None:
                    cols.append("*")
                    cols.extend(sorted(bound_names(stmt.tree)))
                for item in items.projectionItem():
                    alias = item.symbolicName()
                    if alias is not None:
                        cols.append(analysis.name_text(alias.getText()))
                    elif isinstance(item.expression(), P.VariableExpressionContext):
                        cols.append(analysis.name_text(item.expression().getText()))
                    else:
                        cols.append(analysis.text_of(text, item.expression()))
        out.append(cols)
    return out
