"""Find the Cypher in a Python module: which string expressions are queries, and how they are sent.

The module is parsed with :mod:`ast` (never imported or run). A string expression becomes a
:class:`Query` when it reaches a *sink*:

* a driver call: ``session.run`` / ``tx.run`` (sessions and transactions are recognised by how
  they were bound: ``with driver.session() as s``, ``begin_transaction()``, the first parameter of
  a function or lambda handed to ``execute_read``/``execute_write``/``read_transaction``/
  ``write_transaction``), ``driver.execute_query``, LangChain's ``Neo4jGraph.query``, neomodel's
  ``db.cypher_query``, ArcadeDB's ``db.command("opencypher", q)``;
* an HTTP payload ``{"language": "opencypher", "command": q}`` (also ``dict(...)``);
* a function of this module that passes one of its parameters to a sink (a query wrapper);
* a module or class constant named like a query (``*_QUERY``, ``*_CYPHER``, ``CYPHER_*``);
* few-shot examples (``{"question": ..., "query": q}``) and example queries inside prompt
  templates (only when they parse);
* anywhere else, only when the text starts with a clause keyword and parses as Cypher.

Names are followed to their assignments in the same function, class or module (``query = "..."``
then ``session.run(query)``, ``for q in SCHEMA: tx.run(q)``). ``+`` concatenation, f-strings,
``.format(...)`` and ``%`` templates are read with their holes masked (see :mod:`positions`).
"""

from __future__ import annotations

import ast
import re
import threading
from dataclasses import dataclass, field

from cypherlint.sources.positions import (
    Char,
    Hole,
    Mapped,
    PyLines,
    StringScanError,
    StrToken,
    decode,
    scan_string,
)

# ------------------------------------------------------------------------------ vocabulary

TX_FUNCTION_METHODS = {
    "execute_read": "managed-read",
    "execute_write": "managed-write",
    "read_transaction": "managed-read",
    "write_transaction": "managed-write",
}
_SESSIONISH = re.compile(r"(?i)(session|^s$|^sess$|^tx$|^txn$|_tx$|^tx_|transaction|^trans$)")
_GRAPHISH = re.compile(r"(?i)(graph|neo4j|^kg$|_kg$)")
_CYPHER_METHODS = {"cypher_query", "run_cypher", "execute_cypher", "cypher", "query_cypher", "exec_cypher",
                   "run_cypher_query", "execute_cypher_query"}
_CYPHER_LANGUAGES = {"cypher", "opencypher"}
_OTHER_LANGUAGES = {"sql", "sqlscript", "gremlin", "graphql", "mongo", "js", "javascript"}
# An upper-case name containing one of the words. Written with a look-ahead so that matching is
# linear: `^_*[A-Z0-9_]*(...)[A-Z0-9_]*$` backtracked quadratically on long names (tests/fuzz).
_QUERY_CONST = re.compile(r"(?=[A-Z0-9_]*$)[A-Z0-9_]*?(CYPHER|QUERY|QUERIES|STATEMENTS?|STMTS?)")
_PROMPT_CONST = re.compile(r"(?i)(PROMPT|TEMPLATE|EXAMPLE|INSTRUCTION|SYSTEM_MESSAGE)")
_EXAMPLE_KEYS = {"query", "cypher", "cypher_query", "statement"}
_TRANSPARENT_FUNCS = {"dedent", "cleandoc"}
_TRANSPARENT_METHODS = {"strip", "lstrip", "rstrip"}

CLAUSE_START = re.compile(
    r"\A\s*(?://[^\n]*(?:\n|\Z)\s*|/\*.*?\*/\s*)*"
    r"(OPTIONAL\s+MATCH|MATCH|MERGE|CREATE|UNWIND|WITH|RETURN|CALL|DETACH\s+DELETE|DELETE|LOAD\s+CSV|FOREACH|"
    r"SHOW|DROP|EXPLAIN|PROFILE|USING\s+PERIODIC|CYPHER|USE|"
    r"ALTER|RENAME|GRANT|DENY|REVOKE|TERMINATE|START|STOP|ENABLE|DISABLE)\b",
    re.IGNORECASE | re.DOTALL,
)
_SHOW_OK = re.compile(r"(?i)\bSHOW\s+(?:\w+\s+)*?(INDEX|INDEXES|CONSTRAINTS?|DATABASES?|PROCEDURES|FUNCTIONS|"
                      r"USERS|CURRENT\s+USER|TRANSACTIONS|SETTINGS)\b")
# An example block inside prose: a line that starts with an upper-case clause keyword, or a
# "Cypher:"/"Query:" label followed by one.
_EXAMPLE_LINE = re.compile(
    r"[ \t]*(?:(?:cypher|query|answer|cypher query|output)[ \t]*:[ \t]*)?"
    r"(?=(?:OPTIONAL MATCH|MATCH|MERGE|CREATE|UNWIND|WITH|CALL|RETURN)\b)",
    re.IGNORECASE,
)
_EXAMPLE_KEYWORD = re.compile(r"(OPTIONAL MATCH|MATCH|MERGE|CREATE|UNWIND|WITH|CALL|RETURN)\b")


# ------------------------------------------------------------------------------ results


@dataclass
class Sink:
    """How a query is used: the call (if any), what kind of sink, the channel, the transaction."""

    kind: str  # "run-bound", "run", "execute_query", "graph-query", "cypher-method", "embedded", "http", "wrapper",
    #            "constant", "example", "prompt", "generic"
    strong: bool  # it certainly is Cypher: report syntax errors
    channel: str | None = None  # "bolt", "http", "embedded" or None (unknown)
    call: ast.Call | None = None
    tx: str | None = None  # "managed-read", "managed-write", "explicit" or None (auto-commit / unknown)
    tx_scope: ast.AST | None = None  # the callback function / with-block the transaction lives in
    language: str | None = None  # the language string sent with it (HTTP / embedded), lower-cased
    language_node: ast.AST | None = None


@dataclass
class Query:
    """One Cypher text found in the module, with the map from its characters to the file."""

    expr: ast.expr
    mode: str  # "plain", "format", "percent"
    tokens: list[StrToken]
    items: list  # Char / Hole items of the whole expression (after template holes were cut out)
    sinks: list[Sink] = field(default_factory=list)
    sub: tuple[int, int] | None = None  # item range for an example inside a longer text
    mapped: Mapped | None = None  # set by choose_masks
    parsed: object = None  # ParseResult of mapped.text
    masks_parse: bool = True  # False: no masking of the holes gives parseable Cypher

    @property
    def templated(self) -> bool:
        return any(isinstance(it, Hole) for it in self.items)

    @property
    def strong(self) -> bool:
        return any(s.strong for s in self.sinks)

    @property
    def channels(self) -> set[str]:
        return {s.channel for s in self.sinks if s.channel}

    @property
    def span(self) -> tuple[int, int]:
        return self.tokens[0].start, self.tokens[-1].end


@dataclass
class ModuleModel:
    text: str
    tree: ast.Module
    lines: PyLines
    queries: list[Query]
    parents: dict
    sessions: dict  # id(scope) -> set of names bound to sessions/transactions
    tx_functions: dict  # id(function or lambda node) -> tx kind
    node_span_cache: dict = field(default_factory=dict)

    def span(self, node: ast.AST) -> tuple[int, int]:
        key = id(node)
        hit = self.node_span_cache.get(key)
        if hit is None:
            s = self.lines.offset(node.lineno, node.col_offset)
            e = self.lines.offset(node.end_lineno, node.end_col_offset)
            hit = self.node_span_cache[key] = (s, e)
        return hit

    def enclosing_function(self, node: ast.AST):
        p = self.parents.get(id(node))
        while p is not None and not isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            p = self.parents.get(id(p))
        return p


# ------------------------------------------------------------------------------ helpers


def last_name(expr) -> str | None:
    """``a.b.session`` -> "session", ``s`` -> "s", ``driver.session()`` -> "session"."""
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Call):
        return last_name(expr.func)
    if isinstance(expr, ast.Await):
        return last_name(expr.value)
    return None


def call_name(call: ast.Call) -> str | None:
    f = call.func
    if isinstance(f, ast.Attribute):
        return f.attr
    if isinstance(f, ast.Name):
        return f.id
    return None


def str_const(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def kwarg(call: ast.Call, *names: str):
    for k in call.keywords:
        if k.arg in names:
            return k.value
    return None


def arg_or_kw(call: ast.Call, index: int, *names: str):
    if len(call.args) > index and not any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
        return call.args[index]
    return kwarg(call, *names)


def looks_like_cypher(text: str) -> bool:
    """Cheap first test: the text starts (after comments) with a Cypher clause keyword."""
    return CLAUSE_START.match(text) is not None


_local = threading.local()


def parse_cached(text: str):
    """Parse ``text`` once per extraction (candidates are tried by several checks)."""
    from cypherlint.syntax.parser import parse

    cache = getattr(_local, "cache", None)
    if cache is None:
        return parse(text)
    pr = cache.get(text)
    if pr is None:
        pr = cache[text] = parse(text)
    return pr


def parses_cleanly(text: str):
    """The ParseResult if ``text`` parses as Cypher without any issue, else None."""
    pr = parse_cached(text)
    if pr.issues or not pr.statements or any(s.tree is None for s in pr.statements):
        return None
    return pr


def plausible_cypher(text: str):
    """Stricter test for strings found without a driver call: parses, and is not SQL/prose-like."""
    m = CLAUSE_START.match(text)
    if m is None:
        return None
    word = m.group(1).upper()
    if word.startswith("SHOW") and not _SHOW_OK.search(text):
        return None
    if len(text.split()) < 2:
        return None
    pr = parses_cleanly(text)
    if pr is None:
        return None
    if any(s.tree.statementBody().adminCommand() is not None for s in pr.statements):
        return None  # user/database administration reads like SQL too: only from driver calls
    if word == "CALL" and len(pr.statements) == 1:
        # "CALL name()" is SQL too; a dotted procedure (db.labels(), apoc.x) or YIELD is Cypher
        if not re.search(r"(?i)\bCALL\s+\w+\.\w|\bYIELD\b|\bCALL\s*\{", text):
            return None
    return pr


# ------------------------------------------------------------------------------ the extractor


class _Scopes:
    """Assignments per scope (module, class, function), to follow names to string values."""

    def __init__(self, tree: ast.Module, parents: dict):
        self.parents = parents
        self.assigned: dict[int, dict[str, list]] = {}
        self.augmented: dict[int, set[str]] = {}
        self.for_bound: dict[int, dict[str, list]] = {}
        self.attrs: dict[int, dict[str, list]] = {}  # class id -> attribute -> values (incl. self.x = ...)
        self._collect(tree, tree)

    def _collect(self, scope, root) -> None:
        assigned = self.assigned.setdefault(id(scope), {})
        aug = self.augmented.setdefault(id(scope), set())
        fors = self.for_bound.setdefault(id(scope), {})
        stack = list(ast.iter_child_nodes(root)) if not isinstance(root, ast.Lambda) else [root.body]
        while stack:
            n = stack.pop()
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                self._collect(n, n)
                # decorators and defaults belong to the outer scope
                for d in getattr(n, "decorator_list", []):
                    stack.append(d)
                continue
            if isinstance(n, ast.ClassDef):
                self._collect(n, n)
                continue
            if isinstance(n, ast.Assign):
                for t in n.targets:
                    self._bind(scope, t, n.value, assigned)
            elif isinstance(n, ast.AnnAssign) and n.value is not None:
                self._bind(scope, n.target, n.value, assigned)
            elif isinstance(n, ast.AugAssign):
                if isinstance(n.target, ast.Name):
                    aug.add(n.target.id)
            elif isinstance(n, (ast.For, ast.AsyncFor)) and isinstance(n.target, ast.Name):
                fors.setdefault(n.target.id, []).append(n.iter)
            elif isinstance(n, ast.NamedExpr) and isinstance(n.target, ast.Name):
                assigned.setdefault(n.target.id, []).append(n.value)
            stack.extend(ast.iter_child_nodes(n))

    def _bind(self, scope, target, value, assigned) -> None:
        if isinstance(target, ast.Name):
            assigned.setdefault(target.id, []).append(value)
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id in ("self", "cls"):
            cls = self.enclosing_class(scope)
            if cls is not None:
                self.attrs.setdefault(id(cls), {}).setdefault(target.attr, []).append(value)
        elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)) and \
                len(target.elts) == len(value.elts):
            for t, v in zip(target.elts, value.elts):
                self._bind(scope, t, v, assigned)

    def enclosing_class(self, node):
        p = node if isinstance(node, ast.ClassDef) else self.parents.get(id(node))
        while p is not None and not isinstance(p, ast.ClassDef):
            p = self.parents.get(id(p))
        return p

    def scope_chain(self, node):
        """Scopes visible from ``node``: enclosing functions (innermost first), then the module."""
        out = []
        p = self.parents.get(id(node))
        while p is not None:
            if isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Module)):
                out.append(p)
            p = self.parents.get(id(p))
        return out

    def class_attr(self, cls, name: str) -> list:
        vals = list(self.assigned.get(id(cls), {}).get(name, []))
        vals += self.attrs.get(id(cls), {}).get(name, [])
        return vals


class Extractor:
    def __init__(self, text: str, tree: ast.Module):
        self.text = text
        self.tree = tree
        self.lines = PyLines(text)
        self.parents: dict[int, ast.AST] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[id(child)] = node
        self.scopes = _Scopes(tree, self.parents)
        self.functions: dict[str, list] = {}  # name -> FunctionDef nodes (module functions and methods)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(node.name, []).append(node)
        self.tx_functions: dict[int, str] = {}  # id(function/lambda) -> tx kind
        self.tx_names: dict[int, dict[str, tuple[str, ast.AST]]] = {}  # id(scope) -> name -> (tx kind, scope node)
        self.session_names: dict[int, set[str]] = {}
        self.graph_names: dict[int, set[str]] = {}
        self.not_cypher: set[int] = set()  # ids of string nodes known to be another language
        self.found: dict[tuple[int, str, tuple | None], Query] = {}
        self.wrappers: dict[int, tuple[int, str, Sink]] = {}  # id(FunctionDef) -> (param index, name, sink)
        self.span_cache: dict[int, tuple[int, int]] = {}

    # -- positions ------------------------------------------------------------------------------
    def span(self, node) -> tuple[int, int]:
        hit = self.span_cache.get(id(node))
        if hit is None:
            hit = self.span_cache[id(node)] = (
                self.lines.offset(node.lineno, node.col_offset),
                self.lines.offset(node.end_lineno, node.end_col_offset),
            )
        return hit

    # -- pass 1: bindings -------------------------------------------------------------------------
    def _scope_of(self, node):
        p = self.parents.get(id(node))
        while p is not None and not isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Module)):
            p = self.parents.get(id(p))
        return p if p is not None else self.tree

    def _bindings(self) -> None:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call):
                name = call_name(node)
                if name in TX_FUNCTION_METHODS and node.args:
                    kind = TX_FUNCTION_METHODS[name]
                    fn = node.args[0]
                    if isinstance(fn, ast.Lambda):
                        self._mark_tx_function(fn, kind)
                    else:
                        target = last_name(fn)
                        for fdef in self.functions.get(target or "", []):
                            self._mark_tx_function(fdef, kind)
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    v = item.context_expr
                    if isinstance(v, ast.Await):
                        v = v.value
                    if isinstance(item.optional_vars, ast.Name) and isinstance(v, ast.Call):
                        self._bind_call_result(item.optional_vars.id, v, node)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                v = node.value.value if isinstance(node.value, ast.Await) else node.value
                if isinstance(v, ast.Call):
                    self._bind_call_result(node.targets[0].id, v, node)

    def _mark_tx_function(self, fn, kind: str) -> None:
        self.tx_functions[id(fn)] = kind
        args = fn.args.posonlyargs + fn.args.args
        if args and args[0].arg in ("self", "cls") and not isinstance(fn, ast.Lambda):
            args = args[1:]
        if args:
            self.tx_names.setdefault(id(fn), {})[args[0].arg] = (kind, fn)

    def _bind_call_result(self, name: str, call: ast.Call, where) -> None:
        cname = call_name(call)
        scope = self._scope_of(where)
        if cname == "session" or cname == "async_session":
            self.session_names.setdefault(id(scope), set()).add(name)
        elif cname == "begin_transaction":
            self.tx_names.setdefault(id(scope), {})[name] = ("explicit", where)
        elif cname in ("Neo4jGraph", "Graph", "Neo4jVector"):
            self.graph_names.setdefault(id(scope), set()).add(name)

    def _lookup_binding(self, table: dict, name: str, node):
        for scope in self.scopes.scope_chain(node):
            hit = table.get(id(scope))
            if hit and name in hit:
                return hit[name] if isinstance(hit, dict) else True
        return None

    def _tx_of(self, receiver, node) -> tuple[str, ast.AST] | None:
        if isinstance(receiver, ast.Name):
            return self._lookup_binding(self.tx_names, receiver.id, node)
        return None

    def _is_bound_session(self, receiver, node) -> bool:
        """Certainly a driver session: ``driver.session().run``, or a name bound from ``.session()``."""
        if isinstance(receiver, ast.Call) and call_name(receiver) in ("session", "begin_transaction"):
            return True
        return isinstance(receiver, ast.Name) and bool(self._lookup_binding(self.session_names, receiver.id, node))

    def _is_session(self, receiver, node) -> bool:
        """Probably a driver session or transaction (by its name)."""
        n = last_name(receiver)
        return bool(n and _SESSIONISH.search(n))

    def _is_graph(self, receiver, node) -> bool:
        if isinstance(receiver, ast.Name) and self._lookup_binding(self.graph_names, receiver.id, node):
            return True
        n = last_name(receiver)
        return bool(n and _GRAPHISH.search(n))

    # -- resolving string expressions -------------------------------------------------------------
    def resolve(self, expr, mode: str = "plain", depth: int = 0) -> list[tuple[ast.expr, str]]:
        """The string expressions ``expr`` may evaluate to, each with its template mode."""
        if expr is None or depth > 6:
            return []
        if isinstance(expr, ast.Constant):
            return [(expr, mode)] if isinstance(expr.value, str) else []
        if isinstance(expr, ast.JoinedStr):
            return [(expr, mode)]
        if isinstance(expr, ast.BinOp):
            if isinstance(expr.op, ast.Add) and mode == "plain" and self._is_str_concat(expr):
                return [(expr, mode)]
            if isinstance(expr.op, ast.Mod) and mode == "plain":
                return self.resolve(expr.left, "percent", depth + 1)
            return []
        if isinstance(expr, ast.Call):
            f = expr.func
            if isinstance(f, ast.Attribute) and f.attr == "format" and mode == "plain":
                return self.resolve(f.value, "format", depth + 1)
            if isinstance(f, ast.Attribute) and f.attr in _TRANSPARENT_METHODS and not expr.args:
                return self.resolve(f.value, mode, depth + 1)
            if call_name(expr) in _TRANSPARENT_FUNCS and len(expr.args) == 1:
                return self.resolve(expr.args[0], mode, depth + 1)
            return []
        if isinstance(expr, ast.IfExp):
            return self.resolve(expr.body, mode, depth + 1) + self.resolve(expr.orelse, mode, depth + 1)
        if isinstance(expr, ast.Name):
            return self._resolve_name(expr, mode, depth)
        if isinstance(expr, ast.Attribute):
            owner = expr.value
            cls = None
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                cls = self.scopes.enclosing_class(expr)
            elif isinstance(owner, ast.Name):
                for n in self.tree.body:
                    if isinstance(n, ast.ClassDef) and n.name == owner.id:
                        cls = n
            if cls is not None:
                out = []
                for v in self.scopes.class_attr(cls, expr.attr)[:8]:
                    out += self.resolve(v, mode, depth + 1)
                return out
        return []

    def _resolve_name(self, expr: ast.Name, mode: str, depth: int) -> list:
        for scope in self.scopes.scope_chain(expr):
            sid = id(scope)
            if expr.id in self.scopes.augmented.get(sid, ()):
                return []  # built up piece by piece: not one literal
            vals = self.scopes.assigned.get(sid, {}).get(expr.id)
            fors = self.scopes.for_bound.get(sid, {}).get(expr.id)
            if vals or fors:
                out = []
                for v in (vals or [])[:8]:
                    out += self.resolve(v, mode, depth + 1)
                for it in (fors or [])[:4]:
                    out += self._resolve_iterable(it, mode, depth + 1)
                return out
            if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                a = scope.args
                if any(p.arg == expr.id for p in a.posonlyargs + a.args + a.kwonlyargs):
                    return []  # a parameter: handled as a wrapper, not resolved here
        return []

    def _resolve_iterable(self, it, mode, depth) -> list:
        if isinstance(it, ast.Name):
            out = []
            for scope in self.scopes.scope_chain(it):
                vals = self.scopes.assigned.get(id(scope), {}).get(it.id)
                if vals:
                    for v in vals[:4]:
                        out += self._resolve_iterable(v, mode, depth + 1)
                    return out
            return out
        if isinstance(it, (ast.List, ast.Tuple, ast.Set)):
            out = []
            for e in it.elts:
                out += self.resolve(e, mode, depth + 1)
            return out
        if isinstance(it, ast.Attribute):
            return []
        return []

    def _is_str_concat(self, expr: ast.BinOp) -> bool:
        ops = self._flatten_add(expr)
        return any(isinstance(o, (ast.JoinedStr,)) or str_const(o) is not None for o in ops)

    @staticmethod
    def _flatten_add(expr) -> list:
        out = []
        stack = [expr]
        while stack:
            e = stack.pop()
            if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
                stack.append(e.right)
                stack.append(e.left)
            else:
                out.append(e)
        return out

    # -- building a query -------------------------------------------------------------------------
    def _pieces(self, node) -> tuple[list[StrToken], list] | None:
        """Tokens and decoded items of a Constant / JoinedStr node (implicit concatenation included)."""
        a, b = self.span(node)
        tokens = []
        items: list = []
        i = a
        text = self.text
        while i < b:
            c = text[i]
            if c in " \t\f\r\n":
                i += 1
                continue
            if c == "\\" and i + 1 < b and text[i + 1] in "\r\n":
                i += 2
                continue
            if c == "#":
                while i < b and text[i] not in "\r\n":
                    i += 1
                continue
            try:
                tok = scan_string(text, i)
            except StringScanError:
                return None
            if tok.end > b:
                return None
            if tok.is_bytes:
                return None
            try:
                items.extend(decode(text, tok, len(tokens)))
            except StringScanError:
                return None
            tokens.append(tok)
            i = tok.end
        if not tokens:
            return None
        # Cross-check with Python's own reading of the literal.
        if isinstance(node, ast.Constant):
            if "".join(it.ch for it in items if isinstance(it, Char)) != node.value or \
                    any(isinstance(it, Hole) for it in items):
                return None
        elif isinstance(node, ast.JoinedStr):
            mine = "".join(it.ch for it in items if isinstance(it, Char))
            theirs = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            # debug fields ({x=}) add their own text to the constants: ours must then be a subsequence
            if mine != theirs and not _is_subsequence(mine, theirs):
                return None
        return tokens, items

    def build(self, expr, mode: str) -> tuple[list[StrToken], list] | None:
        if isinstance(expr, (ast.Constant, ast.JoinedStr)):
            got = self._pieces(expr)
        elif isinstance(expr, ast.BinOp):
            tokens: list[StrToken] = []
            items: list = []
            for op in self._flatten_add(expr):
                if isinstance(op, ast.JoinedStr) or str_const(op) is not None:
                    got = self._pieces(op)
                    if got is None:
                        return None
                    toks, its = got
                    base = len(tokens)
                    tokens.extend(toks)
                    items.extend(Char(it.ch, it.start, it.end, it.piece + base) if isinstance(it, Char) else it
                                 for it in its)
                else:
                    s, e = self.span(op)
                    items.append(Hole(s, e, self.text[s:e], "operand"))
            got = (tokens, items) if tokens else None
        else:
            return None
        if got is None:
            return None
        tokens, items = got
        if mode == "format":
            items = _cut_format_fields(items)
        elif mode == "percent":
            items = _cut_percent_fields(items)
        if items is None:
            return None
        return tokens, items

    def add(self, expr, mode: str, sink: Sink, sub: tuple[int, int] | None = None, items=None, tokens=None) -> Query | None:
        key = (id(expr), mode, sub)
        q = self.found.get(key)
        if q is None:
            if items is None:
                built = self.build(expr, mode)
                if built is None:
                    return None
                tokens, items = built
            if sub is not None:
                items_sub = items[sub[0] : sub[1]]
            else:
                items_sub = items
            if not any(isinstance(it, Char) and not it.ch.isspace() for it in items_sub):
                return None
            q = Query(expr, mode, tokens, items, sub=sub)
            self.found[key] = q
        q.sinks.append(sink)
        return q

    # -- pass 2: sinks ------------------------------------------------------------------------------
    def sink_query(self, expr, sink: Sink) -> None:
        for root, mode in self.resolve(expr):
            if id(root) in self.not_cypher:
                continue
            if not sink.strong:
                built = self.build(root, mode)
                if built is None:
                    continue
                value = _render_plain(built[1])
                if plausible_cypher(value) is None:
                    continue
            elif sink.kind not in _CERTAIN_SINKS:
                # a graph object of some library (rdflib speaks SPARQL, a Gremlin client Groovy):
                # only text that starts like Cypher is Cypher here
                built = self.build(root, mode)
                if built is None or not looks_like_cypher(_render_masked(built[1])):
                    continue
            self.add(root, mode, sink)

    def classify_call(self, call: ast.Call) -> list[tuple[ast.expr, Sink]]:
        """The query argument(s) of a call and how they are sent, if this call is a sink."""
        f = call.func
        name = call_name(call)
        out: list[tuple[ast.expr, Sink]] = []
        if name is None:
            return out
        recv = f.value if isinstance(f, ast.Attribute) else None
        if name == "execute_query":
            q = arg_or_kw(call, 0, "query_", "query")
            out.append((q, Sink("execute_query", True, "bolt", call)))
        elif name == "run" and recv is not None:
            q = arg_or_kw(call, 0, "query")
            tx = self._tx_of(recv, call)
            if tx is not None:
                out.append((q, Sink("run-bound", True, "bolt", call, tx[0], tx[1])))
            elif self._is_bound_session(recv, call):
                out.append((q, Sink("run-bound", True, "bolt", call)))
            elif self._is_session(recv, call):
                out.append((q, Sink("run", True, "bolt", call)))
            elif self._is_graph(recv, call):
                out.append((q, Sink("run", True, None, call)))
            else:
                out.append((q, Sink("run", False, None, call)))
        elif name in ("query", "command", "execute") and recv is not None:
            lang = str_const(call.args[0]) if call.args else None
            if lang is not None and len(call.args) >= 2 and lang.strip().lower() in _CYPHER_LANGUAGES | _OTHER_LANGUAGES:
                low = lang.strip().lower()
                if low in _CYPHER_LANGUAGES:
                    out.append((call.args[1], Sink("embedded", True, "embedded", call, language=low,
                                                   language_node=call.args[0])))
                else:
                    for root, _ in self.resolve(call.args[1]):
                        self.not_cypher.add(id(root))
            elif name == "query":
                q = arg_or_kw(call, 0, "query")
                if self._is_graph(recv, call):
                    out.append((q, Sink("graph-query", True, "bolt", call)))
                else:
                    out.append((q, Sink("query", False, None, call)))
            elif name == "execute" and recv is not None and last_name(recv) and \
                    re.search(r"(?i)cursor|cur$|conn|sqlite|engine", last_name(recv) or ""):
                q = arg_or_kw(call, 0)
                for root, _ in self.resolve(q):
                    self.not_cypher.add(id(root))
        elif name in _CYPHER_METHODS:
            q = arg_or_kw(call, 0, "query", "cypher", "statement")
            out.append((q, Sink("cypher-method", True, "bolt" if name == "cypher_query" else None, call)))
        elif name == "dict" and isinstance(f, ast.Name):
            keys = {k.arg: k.value for k in call.keywords if k.arg}
            out.extend(self._payload(keys, call))
        elif name.endswith("PromptTemplate") or name == "from_template":
            t = arg_or_kw(call, 0, "template")
            if t is not None:
                for root, mode in self.resolve(t):
                    self._prompt_examples(root, Sink("prompt", False, None, call))
        return [(q, s) for q, s in out if q is not None]

    def _payload(self, keys: dict, where) -> list[tuple[ast.expr, Sink]]:
        out = []
        if "language" in keys and ("command" in keys or "query" in keys):
            q = keys.get("command", keys.get("query"))
            lang = str_const(keys["language"])
            if lang is None and isinstance(keys["language"], ast.Name):
                lang = self._param_default(keys["language"])
            if lang is not None:
                low = lang.strip().lower()
                if low in _CYPHER_LANGUAGES:
                    out.append((q, Sink("http", True, "http", where if isinstance(where, ast.Call) else None,
                                        language=low, language_node=keys["language"])))
                else:
                    for root, _ in self.resolve(q):
                        self.not_cypher.add(id(root))
            else:
                out.append((q, Sink("http", False, "http", None)))
        elif "statement" in keys:
            out.append((keys["statement"], Sink("http", False, None, None)))
        else:
            for k in _EXAMPLE_KEYS & set(keys):
                out.append((keys[k], Sink("example", False, None, None)))
        return out

    def _param_default(self, name: ast.Name) -> str | None:
        """The string default of the enclosing function's parameter ``name`` (if it is one)."""
        fn = self.parents.get(id(name))
        while fn is not None and not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            fn = self.parents.get(id(fn))
        if fn is None or name.id in self.scopes.assigned.get(id(fn), {}):
            return None
        a = fn.args
        positional = a.posonlyargs + a.args
        defaults = dict(zip([p.arg for p in positional][len(positional) - len(a.defaults):], a.defaults))
        defaults.update({p.arg: d for p, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None})
        return str_const(defaults.get(name.id))

    def _prompt_examples(self, root, sink: Sink) -> None:
        """Example queries inside a prompt text: parseable blocks of lines starting with a clause."""
        value = root.value if isinstance(root, ast.Constant) else None
        if value is None or "\n" not in value:
            return
        mode = "format" if "{{" in value else "plain"
        built = self.build(root, mode)
        if built is None:
            return
        tokens, items = built
        rendered = _render_plain(items)
        if plausible_cypher(rendered) is not None:
            self.add(root, mode, sink, items=items, tokens=tokens)
            return
        # map rendered text positions to item indices
        idx = [i for i, it in enumerate(items) if isinstance(it, Char)]
        if len(idx) != len(rendered):
            return
        lines = _line_spans(rendered)
        k = 0
        while k < len(lines):
            ls, le = lines[k]
            m = _EXAMPLE_LINE.match(rendered, ls, le)
            if m is None or m.end() > le:
                k += 1
                continue
            start = m.end()
            kw = _EXAMPLE_KEYWORD.match(rendered, start)
            if kw is None:
                k += 1
                continue
            block_end = k
            while block_end + 1 < len(lines):
                ns, ne = lines[block_end + 1]
                nxt = rendered[ns:ne].strip()
                if not nxt or nxt.startswith(("#", "```", "Question", "question", "Q:", "Human", "User")):
                    break
                block_end += 1
            found = False
            for last in range(block_end, k - 1, -1):
                end = lines[last][1]
                candidate = rendered[start:end]
                if parses_cleanly(candidate) is not None and len(candidate.split()) >= 2:
                    self.add(root, mode, sink, sub=(idx[start], idx[end - 1] + 1), items=items, tokens=tokens)
                    k = last + 1
                    found = True
                    break
            if not found:
                k += 1

    # -- the passes ---------------------------------------------------------------------------------
    def run(self) -> list[Query]:
        self._bindings()
        docstrings = _docstring_ids(self.tree)
        calls = [n for n in ast.walk(self.tree) if isinstance(n, ast.Call)]
        # language-tagged calls first, so SQL strings are known before anything else looks at them
        classified = [(c, self.classify_call(c)) for c in calls]
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Dict):
                keys = {}
                for k, v in zip(node.keys, node.values):
                    ks = str_const(k)
                    if ks is not None:
                        keys[ks] = v
                for q, sink in self._payload(keys, node):
                    self._record_wrapper(q, sink, node)
                    self.sink_query(q, sink)
        for call, sinks in classified:
            for q, sink in sinks:
                self._record_wrapper(q, sink, call)
                self.sink_query(q, sink)
        self._wrapper_calls(calls)
        self._constants(docstrings)
        self._generic(docstrings)
        return self._finish()

    def _record_wrapper(self, q, sink: Sink, call) -> None:
        """A function passing its own parameter as the query: calls to it are sinks too."""
        if not isinstance(q, ast.Name) or not sink.strong:
            return
        fn = self.parents.get(id(call))
        while fn is not None and not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if isinstance(fn, ast.Lambda) and any(p.arg == q.id for p in fn.args.args):
                return  # the lambda's own parameter
            fn = self.parents.get(id(fn))
        if fn is None:
            return
        params = [p.arg for p in fn.args.posonlyargs + fn.args.args]
        if q.id not in params:
            return
        if q.id in self.scopes.assigned.get(id(fn), {}) or q.id in self.scopes.augmented.get(id(fn), set()):
            return
        index = params.index(q.id)
        self.wrappers[id(fn)] = (index, q.id, sink)

    def _wrapper_calls(self, calls) -> None:
        by_name: dict[str, list] = {}
        done: set[int] = set()
        for _ in range(3):  # wrappers of wrappers
            new = False
            by_name = {}
            for fdefs in self.functions.values():
                for fdef in fdefs:
                    if id(fdef) in self.wrappers:
                        by_name.setdefault(fdef.name, []).append(fdef)
            for call in calls:
                if id(call) in done:
                    continue
                name = call_name(call)
                if name not in by_name:
                    continue
                fdef = by_name[name][0]
                index, pname, inner = self.wrappers[id(fdef)]
                params = [p.arg for p in fdef.args.posonlyargs + fdef.args.args]
                is_method = bool(params) and params[0] in ("self", "cls") and isinstance(call.func, ast.Attribute)
                pos = index - 1 if is_method else index
                q = arg_or_kw(call, pos, pname) if pos >= 0 else kwarg(call, pname)
                if q is None:
                    continue
                done.add(id(call))
                sink = Sink("wrapper", True, inner.channel, call, inner.tx, inner.tx_scope)
                self._record_wrapper(q, sink, call)
                self.sink_query(q, sink)
                new = True
            if not new:
                break

    def _constants(self, docstrings: set[int]) -> None:
        bodies = [self.tree.body] + [n.body for n in ast.walk(self.tree) if isinstance(n, ast.ClassDef)]
        for body in bodies:
            for stmt in body:
                if isinstance(stmt, ast.Assign):
                    targets, value = stmt.targets, stmt.value
                elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
                    targets, value = [stmt.target], stmt.value
                else:
                    continue
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                if not names:
                    continue
                marked = any(_QUERY_CONST.match(n) for n in names)
                prompt = any(_PROMPT_CONST.search(n) for n in names)
                values = [value]
                if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
                    values = list(value.elts)
                elif isinstance(value, ast.Dict):
                    values = [v for v in value.values if v is not None]
                for v in values:
                    for root, mode in self.resolve(v):
                        if id(root) in self.not_cypher or id(root) in docstrings:
                            continue
                        self._constant(root, mode, marked, prompt)

    def _constant(self, root, mode, marked: bool, prompt: bool) -> None:
        built = self.build(root, mode)
        if built is None:
            return
        tokens, items = built
        rendered = _render_plain(items)
        if looks_like_cypher(rendered):
            if marked:
                if mode == "plain" and not any(isinstance(it, Hole) for it in items) and \
                        _TEMPLATE_HINT.search(rendered) and parses_cleanly(rendered) is None:
                    # a template filled elsewhere ({label} / %s): read it as one when that parses
                    for alt in ("format", "percent"):
                        alt_built = self.build(root, alt)
                        if alt_built is not None and alt_built[1] != items:
                            alt_text = _render_masked(alt_built[1])
                            if parses_cleanly(alt_text) is not None:
                                self.add(root, alt, Sink("constant", True), items=alt_built[1], tokens=alt_built[0])
                                return
                    return
                self.add(root, mode, Sink("constant", True), items=items, tokens=tokens)
                return
            if plausible_cypher(_render_masked(items)) is not None:
                self.add(root, mode, Sink("generic", False), items=items, tokens=tokens)
            return
        if marked or prompt:
            self._prompt_examples(root, Sink("prompt", False))

    def _generic(self, docstrings: set[int]) -> None:
        seen = {k[0] for k in self.found}
        for node in ast.walk(self.tree):
            if not isinstance(node, (ast.Constant, ast.JoinedStr)):
                continue
            if id(node) in seen or id(node) in docstrings or id(node) in self.not_cypher:
                continue
            if isinstance(node, ast.Constant):
                if not isinstance(node.value, str) or not looks_like_cypher(node.value):
                    continue
            parent = self.parents.get(id(node))
            if isinstance(parent, ast.JoinedStr):
                continue  # a part of an f-string
            if isinstance(parent, ast.BinOp) or isinstance(parent, ast.FormattedValue):
                continue
            built = self.build(node, "plain")
            if built is None:
                continue
            tokens, items = built
            if not looks_like_cypher(_render_plain(items)):
                continue
            if plausible_cypher(_render_masked(items)) is None:
                continue
            self.add(node, "plain", Sink("generic", False), items=items, tokens=tokens)

    def _finish(self) -> list[Query]:
        # A literal used as a .format/% template is not also a plain query unless sent as-is.
        templated_roots = {k[0] for k, q in self.found.items() if k[1] != "plain"}
        out = []
        for key, q in self.found.items():
            if key[1] == "plain" and key[0] in templated_roots and \
                    not any(s.strong and s.kind not in ("constant",) for s in q.sinks):
                continue
            out.append(q)
        out.sort(key=lambda q: (q.span, q.sub or (0, 0)))
        return out


# Sinks that only ever receive Cypher (the Neo4j driver's own calls, ArcadeDB language-tagged calls).
_CERTAIN_SINKS = {"execute_query", "run-bound", "embedded", "http", "constant"}

_TEMPLATE_HINT = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%[sdr]|%\([A-Za-z_]+\)[sdr]|\{\}")


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def _docstring_ids(tree) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and \
                    isinstance(body[0].value.value, str):
                out.add(id(body[0].value))
        # a bare string statement anywhere is documentation, not a query
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            out.add(id(node.value))
    return out


def _line_spans(text: str) -> list[tuple[int, int]]:
    out = []
    i = 0
    for line in text.split("\n"):
        out.append((i, i + len(line)))
        i += len(line) + 1
    return out


def _render_plain(items: list) -> str:
    return "".join(it.ch if isinstance(it, Char) else "" for it in items)


def _render_masked(items: list) -> str:
    return Mapped.render(items, default_masks(items)).text


# ------------------------------------------------------------------------------ templates


def _cut_format_fields(items: list) -> list | None:
    """``str.format`` template: ``{{``/``}}`` are braces, ``{...}`` fields become holes."""
    out: list = []
    i = 0
    n = len(items)
    while i < n:
        it = items[i]
        if isinstance(it, Char) and it.ch in "{}":
            nxt = items[i + 1] if i + 1 < n else None
            if isinstance(nxt, Char) and nxt.ch == it.ch:
                out.append(Char(it.ch, it.start, nxt.end, it.piece if it.piece == nxt.piece else -1))
                i += 2
                continue
            if it.ch == "}":
                return None  # a single '}' is an error in a format string
            depth = 0
            j = i
            while j < n:
                x = items[j]
                if isinstance(x, Char):
                    if x.ch == "{":
                        depth += 1
                    elif x.ch == "}":
                        depth -= 1
                        if depth == 0:
                            break
                j += 1
            if j >= n:
                return None
            src = "".join(x.ch if isinstance(x, Char) else x.source for x in items[i : j + 1])
            out.append(Hole(it.start, items[j].end, src, "format"))
            i = j + 1
            continue
        out.append(it)
        i += 1
    return out


_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa%]")


def _cut_percent_fields(items: list) -> list | None:
    chars = [it.ch if isinstance(it, Char) else "\0" for it in items]
    s = "".join(chars)
    out: list = []
    i = 0
    for m in _PERCENT.finditer(s):
        if "\0" in m.group(0):
            continue
        out.extend(items[i : m.start()])
        first, last = items[m.start()], items[m.end() - 1]
        if m.group(0) == "%%":
            out.append(Char("%", first.start, last.end, first.piece if first.piece == last.piece else -1))
        else:
            out.append(Hole(first.start, last.end, m.group(0), "percent"))
        i = m.end()
    out.extend(items[i:])
    return out


# ------------------------------------------------------------------------------ masks


def default_masks(items: list) -> list[str]:
    """One mask per hole, chosen from its surroundings: a name after ``:``/``.``/identifier
    characters (labels, types, properties), otherwise a parameter."""
    masks = []
    prev = ""
    k = 0
    n = len(items)
    for idx, it in enumerate(items):
        if isinstance(it, Char):
            if not it.ch.isspace():
                prev = it.ch
            else:
                prev = prev if prev in ":." else " "
            continue
        nxt = ""
        for j in range(idx + 1, n):
            x = items[j]
            if isinstance(x, Char):
                nxt = x.ch
                break
            nxt = "_"
            break
        if prev in (":", ".", "`", "|", "&") or _ident(prev) or _ident(nxt) or nxt == "`":
            masks.append(f"__p{k}")
        else:
            masks.append(f"$__p{k}")
        k += 1
    return masks


def _ident(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or ch == "_")


def choose_masks(q: Query) -> None:
    """Render the query text, picking masks for its holes that let it parse when possible."""
    items = q.items[q.sub[0] : q.sub[1]] if q.sub else q.items
    origin = q.span
    holes = sum(1 for it in items if isinstance(it, Hole))
    candidates = [default_masks(items)]
    if holes:
        candidates += [[f"__p{i}" for i in range(holes)], [""] * holes, [f"$__p{i}" for i in range(holes)]]
    first = None
    for masks in candidates:
        mapped = Mapped.render(items, masks, origin)
        pr = parse_cached(mapped.text)
        if first is None:
            first = (mapped, pr)
        if not pr.issues or not holes:
            q.mapped, q.parsed, q.masks_parse = mapped, pr, True
            return
    q.mapped, q.parsed = first
    q.masks_parse = False


def extract(text: str, tree: ast.Module) -> tuple[list[Query], Extractor]:
    _local.cache = {}
    try:
        ex = Extractor(text, tree)
        queries = ex.run()
        for q in queries:
            choose_masks(q)
    finally:
        _local.cache = None
    return queries, ex
