"""Lint (and fix) the Cypher inside a Python module, and the driver calls around it.

:func:`check_python` is what :func:`cypherlint.sources.check_text` calls for ``.py`` files:

1. parse the module with :mod:`ast` (a module that does not parse gives one E001 diagnostic at the
   Python error; its string literals that clearly are Cypher are still linted from a lexical scan);
2. find the queries (:mod:`cypherlint.sources.pyextract`) and lint each with the Cypher rules;
3. run the driver rules (scope ``"python"``, codes ``DRV0xx``) on the module;
4. map every position into the file, apply ``# noqa`` comments;
5. with ``fix=True``, write fixes back into the literals in their own quoting style — never into
   f-strings or ``.format``/``%`` templates, never across two implicitly concatenated pieces — and
   return the new file text only if it still compiles.
"""

from __future__ import annotations

import ast
import difflib
import re
import sys
import warnings
from dataclasses import dataclass
from typing import Sequence

from cypherlint.engine import LineIndex, is_selected, plan, rule_url, run, validate_codes
from cypherlint.model import Diagnostic, Edit, Fix
from cypherlint.sources import FileResult
from cypherlint.sources.positions import (
    Char,
    Mapped,
    PyLines,
    StrToken,
    decode,
    encode,
    lexical_tokens,
    literal_value,
    scan_string,
)
from cypherlint.sources.pyextract import Extractor, Query, choose_masks, extract, plausible_cypher
from cypherlint.targets import Affected, Target, parse_target

SYNTAX_CODE, SYNTAX_NAME = "E001", "syntax-error"
_NOQA = re.compile(
    r"#\s*(?P<file>cypherlint\s*:\s*)?noqa(?::\s*(?P<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?",
    re.IGNORECASE,
)
# On a query sent over Bolt, these Cypher rules are replaced by the driver rule that knows what the
# Bolt server does with the statement.
BOLT_SUPERSEDED = {"ARC401": "DRV002"}


# ------------------------------------------------------------------------------ rule context


@dataclass
class PythonFinding:
    rule: object
    start: int
    end: int
    message: str
    fix: Fix | None
    hint: str | None
    severity: str


class PythonContext:
    """What a driver rule (scope "python") sees: the module, its queries, the target; and report()."""

    def __init__(self, text: str, tree: ast.Module, extractor: Extractor, queries: list[Query], target: Target):
        self.text = text
        self.tree = tree
        self.ex = extractor
        self.queries = queries
        self.target = target
        self.findings: list[PythonFinding] = []
        self.cache: dict = {}
        self.newline = "\r\n" if "\r\n" in text else "\n"

    def affected(self, construct: str) -> Affected | None:
        from cypherlint.engine import _affected

        return _affected(self.target, construct)

    def affected_any(self, constructs) -> Affected | None:
        for c in constructs:
            a = self.affected(c)
            if a is not None:
                return a
        return None

    def span(self, node) -> tuple[int, int]:
        return self.ex.span(node)

    def source(self, node) -> str:
        s, e = self.span(node)
        return self.text[s:e]

    def report(self, rule, where, message: str, *, fix: Fix | None = None, hint: str | None = None,
               severity: str | None = None) -> None:
        start, end = where if isinstance(where, tuple) else self.span(where)
        self.findings.append(PythonFinding(rule, start, end, message, fix, hint, severity or rule.severity))

    def walk(self):
        hit = self.cache.get("walk")
        if hit is None:
            hit = self.cache["walk"] = list(ast.walk(self.tree))
        return hit

    def query_span(self, q: Query, start: int, end: int) -> tuple[int, int]:
        """File span of ``q.mapped.text[start:end]``."""
        return q.mapped.file_span(start, end)

    def literal_edit(self, node, value_start: int, value_end: int, content: str) -> Edit | None:
        """An edit replacing ``value[value_start:value_end]`` of a plain string literal node, in the
        literal's own style; None when that is impossible (f-string, several pieces, raw quotes)."""
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            return None
        got = self.ex._pieces(node)
        if got is None:
            return None
        tokens, items = got
        mapped = Mapped.render(items, [], self.span(node))
        piece = mapped.piece_of_span(value_start, value_end)
        if piece is None:
            return None
        enc = encode(content, tokens[piece], self.newline)
        if enc is None:
            return None
        fs, fe = mapped.file_span(value_start, value_end)
        return Edit(fs, fe, enc)


# ------------------------------------------------------------------------------ entry point


def check_python(
    text: str,
    path: str,
    *,
    target: str = "arcadedb",
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    fix: bool = False,
    unsafe_fixes: bool = False,
) -> FileResult:
    t = parse_target(target)
    sel = validate_codes(select, "select")
    ign = validate_codes(ignore, "ignore")
    first = _Analysis(text, t, sel, ign)
    if not fix or first.tree is None:
        return FileResult(path, first.diagnostics)
    new_text, applied = first.fix(unsafe_fixes)
    if new_text is None or new_text == text:
        return FileResult(path, first.diagnostics)
    second = _Analysis(new_text, t, sel, ign)
    return FileResult(path, second.diagnostics, new_text, applied)


def _compiles(text: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(_strip_bom(text), "<cypherlint-fix>", "exec", dont_inherit=True)
            return True
        except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
            return False


def _parses(text: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ast.parse(_strip_bom(text))
            return True
        except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
            return False


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


class _Analysis:
    def __init__(self, text: str, target: Target, select: list[str], ignore: list[str]):
        self.text = text
        self.target = target
        self.select = select
        self.ignore = ignore
        self.lines = LineIndex(text)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.tree: ast.Module | None = None
        self.queries: list[Query] = []
        self.query_diags: list[tuple[Query, list[Diagnostic]]] = []
        self.diagnostics: list[Diagnostic] = []
        self.driver_fix_diags: list[Diagnostic] = []
        _, self.comments = lexical_tokens(text)
        self.noqa_lines, self.noqa_file = self._noqa()
        bom = text.startswith("\ufeff")
        source = text[1:] if bom else text
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.tree = ast.parse(source)
        except SyntaxError as exc:
            self._syntax_error(exc, bom)
            return
        except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
            self._file_problem(f"this file cannot be read as Python: {exc}")
            return
        self.queries, self.ex = extract(text, self.tree)
        self._lint()

    # -- syntax errors ------------------------------------------------------------------------------
    def _syntax_error(self, exc: SyntaxError, bom: bool) -> None:
        lineno = max(1, exc.lineno or 1)
        pl = PyLines(self.text)
        if lineno > len(pl.starts):
            start = len(self.text)
        else:
            ls = pl.starts[lineno - 1]
            le = pl.starts[lineno] if lineno < len(pl.starts) else len(self.text)
            line = self.text[ls:le].rstrip("\r\n")
            col = max(0, min((exc.offset or 1) - 1 + (1 if bom and lineno == 1 else 0), len(line)))
            start = ls + col
        end = min(len(self.text), start + 1) if start < len(self.text) and self.text[start] not in "\r\n" else start
        ver = f"{sys.version_info.major}.{sys.version_info.minor}"
        msg = f"this file does not parse as Python {ver}: {exc.msg}"
        if is_selected(SYNTAX_CODE, self.select, self.ignore):
            self.diagnostics.append(self._diag(
                SYNTAX_CODE, SYNTAX_NAME, msg, "error", start, end, None,
                "if the file uses syntax of a newer Python, run cypherlint with that Python",
            ))
        self._lexical_fallback()

    def _file_problem(self, msg: str) -> None:
        if is_selected(SYNTAX_CODE, self.select, self.ignore):
            self.diagnostics.append(self._diag(SYNTAX_CODE, SYNTAX_NAME, msg, "error", 0, 0, None, None))

    def _lexical_fallback(self) -> None:
        """Without a syntax tree, still lint string literals that clearly are Cypher."""
        strings, _ = lexical_tokens(self.text)
        for tok in strings:
            if tok.is_bytes:
                continue
            try:
                items = decode(self.text, tok, 0)
            except Exception:  # noqa: BLE001 - a malformed literal in a broken file: skip it
                continue
            q = Query(None, "plain", [tok], items)
            choose_masks(q)
            if plausible_cypher(q.mapped.text) is None:
                continue
            self._lint_query(q)
        self._finish()

    # -- linting ----------------------------------------------------------------------------------
    def _lint(self) -> None:
        for q in self.queries:
            self._lint_query(q)
        rp = plan(self.target, tuple(self.select), tuple(self.ignore), "python")
        if rp.rules:
            ctx = PythonContext(self.text, self.tree, self.ex, self.queries, self.target)
            for rule in rp.rules:
                check = getattr(rule, "check_python", None)
                if check is not None:
                    check(ctx)
            for f in ctx.findings:
                d = self._diag(f.rule.code, f.rule.name, f.message, f.severity, f.start, f.end, f.fix, f.hint)
                self.diagnostics.append(d)
        self._finish()

    def _lint_query(self, q: Query) -> None:
        diags = run(q.mapped.text, self.target, None, self.select, self.ignore, parsed=q.parsed)
        keep_syntax = q.strong and (q.masks_parse or not q.templated)
        bolt_only = q.channels == {"bolt"}
        mapped = []
        for d in diags:
            if d.code in ("E001", "E002") and not keep_syntax:
                continue
            if bolt_only and d.code in BOLT_SUPERSEDED and is_selected(BOLT_SUPERSEDED[d.code], self.select, self.ignore):
                continue
            fs, fe = q.mapped.file_span(d.start, d.end)
            md = self._diag(d.code, d.name, d.message, d.severity, fs, fe, self._map_fix(d.fix, q), d.hint, d.url)
            mapped.append((d, md))
            self.diagnostics.append(md)
        self.query_diags.append((q, diags, mapped))

    def _finish(self) -> None:
        seen = set()
        out = []
        for d in self.diagnostics:
            key = (d.code, d.start, d.end, d.message)
            if key in seen or self._suppressed(d):
                continue
            seen.add(key)
            out.append(d)
        out.sort(key=lambda d: (d.start, d.end, d.code))
        self.diagnostics = out

    def _diag(self, code, name, message, severity, start, end, fix, hint, url=None) -> Diagnostic:
        line, col = self.lines.line_col(start)
        eline, ecol = self.lines.line_col(end)
        return Diagnostic(code, name, message, severity, start, end, line, col, eline, ecol, fix,
                          url or rule_url(code), hint)

    def _map_fix(self, fix: Fix | None, q: Query) -> Fix | None:
        if fix is None:
            return None
        if fix.language != "cypher" or fix.applicability == "display-only" or not fix.edits:
            edits = tuple(Edit(*q.mapped.file_span(e.start, e.end), e.content) for e in fix.edits)
            return Fix(fix.applicability, fix.message, edits, fix.language)
        reason = None
        if q.templated or q.mode != "plain":
            reason = "the query is an f-string or template"
        edits = []
        if reason is None:
            for e in fix.edits:
                piece = _piece_for(q.mapped, e.start, e.end)
                if piece is None:
                    reason = "the edit spans several string pieces"
                    break
                enc = encode(e.content, q.tokens[piece], self.newline)
                if enc is None:
                    reason = "the new text cannot be written in this literal's quoting"
                    break
                fs, fe = _file_span_in_piece(q.mapped, e.start, e.end, piece)
                edits.append(Edit(fs, fe, enc))
        if reason is not None:
            return Fix("display-only", f"{fix.message} (not applied in Python source: {reason})", (), fix.language)
        return Fix(fix.applicability, fix.message, tuple(edits), fix.language)

    # -- suppressions -------------------------------------------------------------------------------
    def _noqa(self):
        by_line: dict[int, set[str] | None] = {}
        file_codes: set[str] | None = set()
        file_all = False
        for c in self.comments:
            m = _NOQA.search(c.text)
            if m is None or c.text[: m.start()].strip("# \t"):
                continue
            codes = {x.upper() for x in re.split(r"[\s,]+", m.group("codes")) if x} if m.group("codes") else None
            line = self.lines.line_of(c.start)
            if m.group("file"):
                before = self.text[self.lines.line_start(line) : c.start]
                if not before.strip():
                    if codes is None:
                        file_all = True
                    else:
                        file_codes |= codes
                    continue
            if codes is None or by_line.get(line, set()) is None:
                by_line[line] = None
            else:
                by_line.setdefault(line, set()).update(codes)
        return by_line, (None if file_all else file_codes)

    def _lines_for(self, d: Diagnostic) -> set[int]:
        lines = {d.line, d.end_line}
        for q in self.queries:
            s, e = q.span
            if s <= d.start <= e:
                lines.add(self.lines.line_of(s))
                lines.add(self.lines.line_of(max(s, e - 1)))
        return lines

    def _suppressed(self, d: Diagnostic) -> bool:
        if self.noqa_file is None or d.code in (self.noqa_file or ()):
            return True
        if not self.noqa_lines:
            return False
        for line in self._lines_for(d):
            if line in self.noqa_lines:
                codes = self.noqa_lines[line]
                if codes is None or d.code in codes:
                    return True
        return False

    def _query_noqa(self, q: Query) -> tuple[bool, set[str]]:
        """(fully suppressed, suppressed codes) for the lines a query's literal starts and ends on."""
        s, e = q.span
        codes: set[str] = set(self.noqa_file or ())
        if self.noqa_file is None:
            return True, codes
        for line in {self.lines.line_of(s), self.lines.line_of(max(s, e - 1))}:
            if line in self.noqa_lines:
                c = self.noqa_lines[line]
                if c is None:
                    return True, codes
                codes |= c
        return False, codes

    # -- fixing ---------------------------------------------------------------------------------------
    def fix(self, unsafe_fixes: bool) -> tuple[str | None, list[Diagnostic]]:
        import cypherlint
        from cypherlint.fixer import applicable

        groups: list[tuple[list[Edit], list[Diagnostic]]] = []
        for q, diags, mapped in self.query_diags:
            if q.templated or q.mode != "plain" or q.expr is None:
                continue  # never rewrite f-strings or .format/% templates
            if not any(applicable(d, unsafe_fixes) for d in diags):
                continue
            all_suppressed, codes = self._query_noqa(q)
            if all_suppressed:
                continue
            ign = list(self.ignore) + sorted(codes)
            result = cypherlint.fix(q.mapped.text, target=self.target.spec, unsafe_fixes=unsafe_fixes,
                                    select=self.select or None, ignore=ign or None)
            if not result.changed:
                continue
            edits = self._literal_edits(q, q.mapped.text, result.query)
            if edits is None:
                continue
            applied = []
            orig = {(d.code, d.start, d.end): md for d, md in mapped}
            whole = q.mapped.file_span(0, len(q.mapped.text))
            for a in result.applied:
                md = orig.get((a.code, a.start, a.end))
                if md is None:
                    # found in a later round, on text an earlier fix wrote: locate it by its query
                    md = self._diag(a.code, a.name, a.message, a.severity, whole[0], whole[1], None, a.hint, a.url)
                applied.append(md)
            groups.append((edits, applied))
        for d in self.diagnostics:  # driver rules' own fixes (already in file coordinates)
            if d.code.startswith("DRV") and d.fix is not None and d.fix.edits and applicable(d, unsafe_fixes):
                groups.append((list(d.fix.edits), [d]))
        if not groups:
            return None, []
        groups = _non_overlapping(groups)
        must_compile = _compiles(self.text)
        check = _compiles if must_compile else _parses
        new = _apply(self.text, [e for g in groups for e in g[0]])
        if not check(new):
            kept = []
            for g in groups:
                trial = _apply(self.text, [e for k in kept + [g] for e in k[0]])
                if check(trial):
                    kept.append(g)
            groups = kept
            if not groups:
                return None, []
            new = _apply(self.text, [e for g in groups for e in g[0]])
        return new, [d for g in groups for d in g[1]]

    def _literal_edits(self, q: Query, old: str, new: str) -> list[Edit] | None:
        """File edits turning the query text ``old`` into ``new`` inside its literal, verified."""
        for hunks in (_hunks_prefix_suffix(old, new), _hunks_diff(old, new)):
            edits = []
            per_piece: dict[int, list] = {}
            ok = True
            for a, b, content in hunks:
                piece = _piece_for(q.mapped, a, b)
                if piece is None:
                    ok = False
                    break
                enc = encode(content, q.tokens[piece], self.newline)
                if enc is None:
                    ok = False
                    break
                fs, fe = _file_span_in_piece(q.mapped, a, b, piece)
                edits.append(Edit(fs, fe, enc))
                per_piece.setdefault(piece, []).append((fs, fe, enc, content))
            if ok and all(self._verify_piece(q.tokens[p], es) for p, es in per_piece.items()):
                return edits
        return None

    def _verify_piece(self, tok: StrToken, edits: list) -> bool:
        """Re-read the edited literal: it must still be one literal, with exactly the intended value."""
        text = self.text
        items = [it for it in decode(text, tok) if isinstance(it, Char)]
        value = [it.ch for it in items]
        src = text[tok.start : tok.end]
        for fs, fe, enc, content in sorted(edits, key=lambda e: -e[0]):
            ci = sum(1 for it in items if it.end <= fs)
            cj = sum(1 for it in items if it.end <= fe) if fe > fs else ci
            value[ci:cj] = list(content)
            src = src[: fs - tok.start] + enc + src[fe - tok.start :]
        try:
            new_tok = scan_string(src, 0)
        except Exception:  # noqa: BLE001 - the rewritten literal is broken
            return False
        if new_tok.end != len(src):
            return False
        return literal_value(decode(src, new_tok)) == "".join(value)


def _piece_for(mapped: Mapped, start: int, end: int) -> int | None:
    n = len(mapped.text)
    if not (0 <= start <= end <= n):
        return None
    if end > start:
        return mapped.piece_of_span(start, end)
    if start < n and mapped.pieces[start] >= 0:
        return mapped.pieces[start]
    if start > 0 and start - 1 < n and mapped.pieces[start - 1] >= 0:
        return mapped.pieces[start - 1]
    return None


def _file_span_in_piece(mapped: Mapped, start: int, end: int, piece: int) -> tuple[int, int]:
    n = len(mapped.text)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    if end > start:
        return mapped.starts[start], mapped.ends[end - 1]
    if start < n and mapped.pieces[start] == piece:
        return mapped.starts[start], mapped.starts[start]
    return mapped.ends[start - 1], mapped.ends[start - 1]


def _hunks_prefix_suffix(old: str, new: str) -> list[tuple[int, int, str]]:
    p = 0
    m = min(len(old), len(new))
    while p < m and old[p] == new[p]:
        p += 1
    s = 0
    while s < m - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    return [(p, len(old) - s, new[p : len(new) - s])]


def _hunks_diff(old: str, new: str) -> list[tuple[int, int, str]]:
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(i1, i2, new[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]


def _apply(text: str, edits: list[Edit]) -> str:
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos : e.start])
        out.append(e.content)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _non_overlapping(groups):
    taken: list[tuple[int, int]] = []
    kept = []
    for g in groups:
        spans = [(e.start, e.end) for e in g[0]]
        if any(a < d and c < b or (a == b == c == d) for a, b in spans for c, d in taken):
            continue
        kept.append(g)
        taken.extend(spans)
    return kept
