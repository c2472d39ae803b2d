"""The lint pipeline: parse, one walk of each statement's tree feeding every active rule, suppressions.

Rules are selected once per (target, select, ignore) combination: a rule whose constructs behave
correctly everywhere in the target is dropped before any tree is walked, so a narrow target is
cheaper than a broad one. Each statement's tree is walked once; every node is handed to the rules
that registered for its class.
"""

from __future__ import annotations

import bisect
import gc
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.model import DOCS_BASE_URL, Diagnostic, Edit, Fix
from cypherlint.rules import ALL_RULES, RULES_BY_CODE
from cypherlint.rules.base import Rule
from cypherlint.syntax.errors import input_limit_issue
from cypherlint.syntax.parser import ParseResult, Statement, parse, parse_incrementally
from cypherlint.targets import Affected, Target, parse_target

SUPPRESSION_CODE = "CL100"
SUPPRESSION_NAME = "unused-suppression"
_KNOWN_META_CODES = {"E001", "E002", SUPPRESSION_CODE}


class LineIndex:
    """Offsets <-> 1-based line and column (columns count characters)."""

    __slots__ = ("starts",)

    def __init__(self, text: str):
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def line_start(self, line: int) -> int:
        return self.starts[line - 1]


@dataclass(slots=True)
class Finding:
    rule: Rule
    start: int
    end: int
    message: str
    fix: Fix | None
    hint: str | None
    severity: str


@dataclass
class TextContext:
    """What the whole text offers rules that look across statements (e.g. parameter checks)."""

    text: str
    parsed: ParseResult
    target: Target
    params: dict | None
    findings: list[Finding] = field(default_factory=list)
    statements: list["StatementContext"] = field(default_factory=list)

    def report(self, rule: Rule, start: int, end: int, message: str, *, fix: Fix | None = None,
               hint: str | None = None, severity: str | None = None) -> None:
        self.findings.append(Finding(rule, start, end, message, fix, hint, severity or rule.severity))


class StatementContext:
    """One statement, as rules see it: tree, text, target, and helpers to report and build fixes."""

    def __init__(self, text_ctx: TextContext, statement: Statement):
        self.text_ctx = text_ctx
        self.text = text_ctx.text
        self.statement = statement
        self.tree = statement.tree
        self.target = text_ctx.target
        self.params = text_ctx.params
        self._nodes: dict[type, list] = {}
        self.walked = False  # True once _nodes holds every node (finish steps; not during visits)
        self.cache: dict = {}

    # -- facts --------------------------------------------------------------------------------
    def affected(self, construct: str) -> Affected | None:
        return _affected(self.target, construct)

    def affected_any(self, constructs: Iterable[str]) -> Affected | None:
        for c in constructs:
            a = _affected(self.target, c)
            if a is not None:
                return a
        return None

    @property
    def statement_text(self) -> str:
        """The statement's source text (for cheap "can this rule apply at all" checks)."""
        cached = self.cache.get("statement_text")
        if cached is None:
            cached = self.cache["statement_text"] = self.text[self.statement.start:self.statement.end]
        return cached

    def nodes(self, kind: type) -> list:
        """All nodes of exactly this class in the statement, in document order (from the walk)."""
        return self._nodes.get(kind, [])

    def span(self, node) -> tuple[int, int]:
        return analysis.span(node)

    def source(self, node) -> str:
        s, e = analysis.span(node)
        return self.text[s:e]

    def comments_between(self, start: int, end: int) -> list:
        return [c for c in self.text_ctx.parsed.comments if c.start < end and c.stop + 1 > start]

    # -- reporting ------------------------------------------------------------------------------
    def report(self, rule: Rule, where, message: str, *, fix: Fix | None = None, hint: str | None = None,
               severity: str | None = None) -> None:
        if isinstance(where, tuple):
            start, end = where
        else:
            start, end = analysis.span(where)
        self.text_ctx.findings.append(Finding(rule, start, end, message, fix, hint, severity or rule.severity))

    # -- building edits ---------------------------------------------------------------------------
    def replace(self, node, content: str) -> Edit:
        s, e = analysis.span(node)
        return Edit(s, e, content)

    @staticmethod
    def insert(offset: int, content: str) -> Edit:
        return Edit(offset, offset, content)


@lru_cache(maxsize=4096)
def _affected(target: Target, construct: str) -> Affected | None:
    return target.affected(construct)


# ------------------------------------------------------------------------------ rule selection


def _matches_any(code: str, patterns: Sequence[str]) -> bool:
    # "" (from ALL) matches every code; otherwise a code matches itself or any of its prefixes.
    return any(code.startswith(p) for p in patterns)


def validate_codes(patterns: Sequence[str] | None, what: str) -> list[str]:
    """Normalise a select/ignore list; unknown codes or prefixes are a usage error."""
    if patterns is None:
        return []
    if isinstance(patterns, str):
        raise ValueError(f"{what} must be a list of rule codes or prefixes, not a string")
    out = []
    known = set(RULES_BY_CODE) | _KNOWN_META_CODES
    for p in patterns:
        if not isinstance(p, str) or not p.strip():
            raise ValueError(f"{what}: {p!r} is not a rule code or prefix")
        p = p.strip().upper()
        if p == "ALL":
            p = ""
        if p and not any(code.startswith(p) for code in known):
            raise ValueError(f"{what}: unknown rule code or prefix {p!r}")
        out.append(p)
    return out


def is_selected(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    if select and not _matches_any(code, select):
        return False
    return not (ignore and _matches_any(code, ignore))


@dataclass(frozen=True)
class RulePlan:
    rules: tuple[Rule, ...]
    dispatch: dict  # node class -> tuple of rules
    text_rules: tuple[Rule, ...]
    finish_rules: tuple[Rule, ...] = ()  # rules with a per-statement finish step


@lru_cache(maxsize=256)
def plan(target: Target, select: tuple[str, ...], ignore: tuple[str, ...], scope: str = "cypher") -> RulePlan:
    active: list[Rule] = []
    for rule in ALL_RULES:
        if rule.scope != scope or not is_selected(rule.code, select, ignore):
            continue
        if rule.constructs and not any(_affected(target, c) for c in rule.constructs):
            continue
        active.append(rule)
    dispatch: dict[type, list[Rule]] = {}
    all_contexts = _context_classes()
    for rule in active:
        for kind in rule.node_types:
            for cls in all_contexts:
                if issubclass(cls, kind):
                    dispatch.setdefault(cls, []).append(rule)
    text_rules = tuple(r for r in active if type(r).finish_text is not Rule.finish_text)
    finish_rules = tuple(r for r in active if type(r).finish is not Rule.finish)
    return RulePlan(tuple(active), {k: tuple(v) for k, v in dispatch.items()}, text_rules, finish_rules)


@lru_cache(maxsize=1)
def _context_classes() -> tuple[type, ...]:
    from antlr4 import ParserRuleContext

    return tuple(
        v for v in vars(P).values() if isinstance(v, type) and issubclass(v, ParserRuleContext)
    )


# ------------------------------------------------------------------------------ suppressions

_NOQA_RE = re.compile(r"(?P<file>cypherlint\s*:\s*)?noqa(?:\s*:\s*(?P<codes>[A-Za-z]+[0-9]+(?:\s*,\s*[A-Za-z]+[0-9]+)*))?",
                      re.IGNORECASE)


@dataclass
class Suppression:
    start: int
    end: int
    line: int
    codes: tuple[str, ...] | None  # None: every code
    whole_file: bool
    used: set = field(default_factory=set)


def _suppressions(parsed: ParseResult, lines: LineIndex, text: str) -> list[Suppression]:
    out = []
    for c in parsed.comments:
        body = c.text[2:-2] if c.text.startswith("/*") else c.text[2:]
        m = _NOQA_RE.search(body)
        if not m or body[: m.start()].strip():  # the comment must start with the directive
            continue
        codes = tuple(x.strip().upper() for x in m.group("codes").split(",")) if m.group("codes") else None
        line = lines.line_of(c.start)
        whole = bool(m.group("file"))
        if whole:
            # "on a line of its own": nothing but whitespace before it on its line
            before = text[lines.line_start(line) : c.start]
            if before.strip():
                whole = False
        out.append(Suppression(c.start, c.stop + 1, line, codes, whole))
    return out


# ------------------------------------------------------------------------------ the pipeline


def _unsafe_if_comments(fix: Fix, parsed: ParseResult) -> Fix:
    if fix.applicability != "safe" or not parsed.comments:
        return fix
    for e in fix.edits:
        if e.end > e.start and any(c.start < e.end and c.stop + 1 > e.start for c in parsed.comments):
            return Fix("unsafe", fix.message + " (unsafe: it would drop a comment inside the rewritten text)",
                       fix.edits, fix.language)
    return fix


def _to_diagnostic(code, name, message, severity, start, end, lines, fix=None, hint=None, url=None) -> Diagnostic:
    line, col = lines.line_col(start)
    eline, ecol = lines.line_col(end)
    return Diagnostic(code, name, message, severity, start, end, line, col, eline, ecol, fix, url, hint)


def rule_url(code: str) -> str:
    return f"{DOCS_BASE_URL}{code}.md"


def run(text: str, target: Target, params: dict | None, select: Sequence[str], ignore: Sequence[str],
        parsed: ParseResult | None = None) -> list[Diagnostic]:
    """Lint ``text``; the library entry points validate arguments before calling this."""
    # Parse trees are thousands of small objects linked both ways (parent <-> child). Pausing the
    # cyclic collector while we build and walk them, then cutting the parent links so reference
    # counting frees everything at once, keeps the collector from traversing every tree — about
    # a fifth of the time of a short lint. A caller's own GC setting is never changed.
    pause_gc = gc.isenabled()
    if pause_gc:
        gc.disable()
    own = parsed is None
    try:
        if own:
            # Statements are parsed one at a time as _run consumes them, and each tree is freed
            # once analysed (unless a cross-statement rule needs them all): memory follows the
            # largest statement, not the size of the text.
            parsed, statements = parse_incrementally(text)
        else:
            statements = parsed.statements
        return _run(text, target, params, select, ignore, parsed, statements, stream=own)
    finally:
        if own and parsed is not None:
            _release(parsed)
        if pause_gc:
            gc.enable()


def _release(parsed: ParseResult) -> None:
    """Break the parent links of every tree so the trees are freed without the cyclic collector."""
    for stmt in parsed.statements:
        _release_statement(stmt)


def _release_statement(stmt: Statement) -> None:
    tree = stmt.tree
    if tree is None:
        return
    stack = [tree]
    pop, push = stack.pop, stack.extend
    while stack:
        node = pop()
        node.parentCtx = None
        children = getattr(node, "children", None)
        if children:
            push(children)
    stmt.tree = None


def _release_walked(stmt: Statement, nodes: dict[type, list]) -> None:
    """_release_statement for a tree whose rule nodes were all collected by the walk: cutting
    every child list leaves only child-to-parent links, which reference counting frees."""
    for bucket in nodes.values():
        for node in bucket:
            node.children = None
    stmt.tree = None


def _run(text: str, target: Target, params: dict | None, select: Sequence[str], ignore: Sequence[str],
         parsed: ParseResult, statements: Iterable[Statement] | None = None, stream: bool = False) -> list[Diagnostic]:
    lines = LineIndex(text)
    rp = plan(target, tuple(select), tuple(ignore))
    tctx = TextContext(text, parsed, target, params)
    dispatch = rp.dispatch
    get_rules = dispatch.get
    leaves = analysis.TERMINAL_TYPES
    keep = not stream or any(rule.needs_statements(tctx) for rule in rp.text_rules)
    too_deep = []
    for stmt in parsed.statements if statements is None else statements:
        if stmt.tree is None:
            continue
        ctx = StatementContext(tctx, stmt)
        nodes = ctx._nodes
        get_bucket = nodes.get
        mark = len(tctx.findings)
        try:
            # analysis.walk, inlined: this loop runs once per node of every statement linted.
            stack = [stmt.tree]
            pop, push = stack.pop, stack.extend
            while stack:
                node = pop()
                cls = type(node)
                if cls in leaves:
                    continue
                children = node.children
                if children:
                    push(children[::-1])
                bucket = get_bucket(cls)
                if bucket is None:
                    nodes[cls] = [node]
                else:
                    bucket.append(node)
                rules = get_rules(cls)
                if rules:
                    for rule in rules:
                        rule.visit(node, ctx)
            ctx.walked = True
            for rule in rp.finish_rules:
                rule.finish(ctx)
        except RecursionError:
            # A tree can be far deeper than its brackets: `a OR b OR ...` with 10,000 terms is
            # 10,000 left-nested nodes, and a rule that recurses over it runs out of stack. The
            # statement is reported as too deep (E002) instead of crashing the whole lint.
            del tctx.findings[mark:]
            too_deep.append(input_limit_issue(stmt.start, stmt.end, "statement nested too deeply to analyse"))
            if stream:
                _release_statement(stmt)
            continue
        if keep:
            tctx.statements.append(ctx)
        else:
            _release_walked(stmt, nodes)
            del ctx, nodes
    for rule in rp.text_rules:
        mark = len(tctx.findings)
        try:
            rule.finish_text(tctx)
        except RecursionError:
            del tctx.findings[mark:]
            too_deep.append(input_limit_issue(0, len(text), f"text nested too deeply for {rule.code} to analyse"))

    diags: list[Diagnostic] = []
    for issue in parsed.issues + too_deep:
        if is_selected(issue.code, select, ignore):
            diags.append(_to_diagnostic(issue.code, issue.name, issue.message, "error", issue.start, issue.end, lines,
                                        hint=issue.hint, url=rule_url(issue.code)))
    for f in tctx.findings:
        fix = _unsafe_if_comments(f.fix, parsed) if f.fix is not None else None
        diags.append(_to_diagnostic(f.rule.code, f.rule.name, f.message, f.severity, f.start, f.end, lines,
                                    fix, f.hint, rule_url(f.rule.code)))
    diags = _apply_suppressions(diags, parsed, lines, text, select, ignore)
    diags.sort(key=lambda d: (d.start, d.end, d.code))
    return diags


def _apply_suppressions(diags, parsed, lines, text, select, ignore) -> list[Diagnostic]:
    sups = _suppressions(parsed, lines, text) if parsed.comments else []
    if not sups:
        return diags
    kept = []
    file_wide = [s for s in sups if s.whole_file]
    by_line: dict[int, list[Suppression]] = {}
    for s in sups:
        if not s.whole_file:
            by_line.setdefault(s.line, []).append(s)
    for d in diags:
        suppressed = False
        for s in by_line.get(d.line, []) + file_wide:
            if s.codes is None or d.code in s.codes:
                s.used.add(d.code)
                suppressed = True
        if not suppressed:
            kept.append(d)
    if is_selected(SUPPRESSION_CODE, select, ignore):
        known = set(RULES_BY_CODE) | _KNOWN_META_CODES
        for s in sups:
            problems = []
            if s.codes is None:
                if not s.used:
                    problems.append("nothing to suppress here")
            else:
                for code in s.codes:
                    if code not in known:
                        problems.append(f"unknown rule code {code}")
                    elif code not in s.used:
                        problems.append(f"no {code} diagnostic {'in this file' if s.whole_file else 'on this line'}")
            if problems:
                remaining = [c for c in (s.codes or ()) if c in s.used]
                if s.codes is None or not remaining:
                    fix = Fix("safe", "remove the unused suppression comment", (Edit(s.start, s.end, ""),))
                else:
                    fix = None
                kept.append(_to_diagnostic(
                    SUPPRESSION_CODE, SUPPRESSION_NAME, "unused suppression: " + "; ".join(problems), "warning",
                    s.start, s.end, lines, fix, "remove the comment or fix its codes", rule_url(SUPPRESSION_CODE)))
    return kept


def lint_text(text: str, *, target: str = "arcadedb", params: dict | None = None,
              select: Sequence[str] | None = None, ignore: Sequence[str] | None = None) -> list[Diagnostic]:
    t = parse_target(target)
    return run(text, t, params, validate_codes(select, "select"), validate_codes(ignore, "ignore"))
