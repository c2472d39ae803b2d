"""Apply fixes in rounds until the text stops changing, never keeping a round that breaks the parse.

After ruff: fixes are sets of non-overlapping character edits. Each round lints the current text,
takes the applicable fixes (safe ones; unsafe ones only when asked; display-only and non-Cypher
fixes never), keeps the ones that do not overlap an earlier one, applies them, and re-parses. A
round whose output has a syntax error the input did not have, or renames a column some RETURN
produces, is retried one fix at a time, and a fix that still breaks the parse (or, if it is a safe
fix, still renames a column) is dropped: its diagnostic stays. Rounds stop when nothing applies,
after 10 rounds, or when a text repeats.
"""

from __future__ import annotations

import gc
from typing import Sequence

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.engine import _release_statement, run
from cypherlint.model import Diagnostic, Edit, FixResult
from cypherlint.rules.util import bound_names
from cypherlint.syntax.parser import parse_incrementally
from cypherlint.targets import Target

MAX_ROUNDS = 10


def applicable(d: Diagnostic, unsafe_fixes: bool) -> bool:
    f = d.fix
    if f is None or f.language != "cypher" or not f.edits:
        return False
    return f.applicability == "safe" or (unsafe_fixes and f.applicability == "unsafe")


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos : e.start])
        out.append(e.content)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # Two insertions at the same point conflict too (their order would be arbitrary).
    if a[0] == a[1] == b[0] == b[1]:
        return True
    return a[0] < b[1] and b[0] < a[1]


def select_non_overlapping(diags: Sequence[Diagnostic]) -> list[Diagnostic]:
    chosen: list[Diagnostic] = []
    taken: list[tuple[int, int]] = []
    for d in sorted(diags, key=lambda d: (d.fix.edits[0].start, d.code)):
        spans = [(e.start, e.end) for e in d.fix.edits]
        if any(_overlaps(s, t) for s in spans for t in taken):
            continue
        # A fix's own edits must not overlap each other either.
        if any(_overlaps(spans[i], spans[j]) for i in range(len(spans)) for j in range(i + 1, len(spans))):
            continue
        chosen.append(d)
        taken.extend(spans)
    return chosen


def _shape(text: str) -> tuple[int, list]:
    """What a fix round must preserve: the syntax-error count and every RETURN's column names.

    Statements are parsed one at a time and each tree is freed right after, so memory follows
    the largest statement."""
    pause_gc = gc.isenabled()
    if pause_gc:
        gc.disable()
    try:
        parsed, statements = parse_incrementally(text)
        columns: list = []
        for stmt in statements:
            columns.extend(_return_columns(stmt, text))
            _release_statement(stmt)
        return len(parsed.issues), columns
    finally:
        if pause_gc:
            gc.enable()


def _return_columns(stmt, text: str) -> list:
    """Column names of each RETURN of a statement: the alias, else the variable, else the source
    text of the expression (what Neo4j names the column). ``RETURN *`` stands for every variable
    of the statement, so a fix that introduces a variable there changes the columns too."""
    out: list = []
    if stmt.tree is None:
        out.append(None)
    else:
        for node in analysis.walk(stmt.tree):
            if not isinstance(node, P.ReturnClauseContext):
                continue
            items = node.projectionBody().projectionItems()
            cols = ["*", *sorted(bound_names(stmt.tree))] if items.STAR() is not None else []
            for item in items.projectionItem():
                alias, expr = item.symbolicName(), item.expression()
                if alias is not None:
                    cols.append(analysis.name_text(alias.getText()))
                elif isinstance(expr, P.VariableExpressionContext):
                    cols.append(analysis.name_text(expr.getText()))
                else:
                    cols.append(analysis.text_of(text, expr))
            out.append(tuple(cols))
    return out


def fix_text(text: str, target: Target, params, select, ignore, unsafe_fixes: bool) -> FixResult:
    applied: list[Diagnostic] = []
    seen = {text}
    current = text
    rejected: set[tuple[str, int, int, str]] = set()  # fixes known to break the parse
    # Fixes that would rename a returned column. Only until the text changes: another fix (an
    # alias added around the same expression, say) can make them column-neutral.
    renames_column: set[tuple[str, int, int, str]] = set()
    baseline_errors = columns = None  # measured on the first round that has something to apply
    diags, diags_of = None, None  # the last lint and the text it was of
    for _ in range(MAX_ROUNDS):
        diags, diags_of = run(current, target, params, select, ignore), current
        candidates = [d for d in diags
                      if applicable(d, unsafe_fixes) and _key(d) not in rejected and _key(d) not in renames_column]
        if not candidates:
            break
        if baseline_errors is None:
            baseline_errors, columns = _shape(current)
        chosen = select_non_overlapping(candidates)
        new = apply_edits(current, [e for d in chosen for e in d.fix.edits])
        new_errors, new_columns = _shape(new)
        if new_errors > baseline_errors or new_columns != columns:
            # Find the culprits: apply the fixes one at a time, keeping those that parse and, for
            # safe fixes, keep every returned column name (an unsafe fix may rename a column).
            kept: list[Diagnostic] = []
            kept_columns = columns
            for d in chosen:
                trial = apply_edits(current, [e for k in kept + [d] for e in k.fix.edits])
                trial_errors, trial_columns = _shape(trial)
                if trial_errors > baseline_errors:
                    rejected.add(_key(d))
                elif d.fix.applicability == "safe" and trial_columns != kept_columns:
                    renames_column.add(_key(d))
                else:
                    kept.append(d)
                    kept_columns = trial_columns
            chosen = kept
            if not chosen:
                continue
            new = apply_edits(current, [e for d in chosen for e in d.fix.edits])
            new_columns = kept_columns
        if new == current or new in seen:
            break
        applied.extend(chosen)
        renames_column.clear()
        seen.add(new)
        current = new
        columns = new_columns
    remaining = diags if diags_of is current else run(current, target, params, select, ignore)
    return FixResult(current, applied, remaining, current != text, feedback(current, remaining))


def _key(d: Diagnostic) -> tuple[str, int, int, str]:
    return d.code, d.start, d.end, repr(d.fix.edits if d.fix else ())


def _snippet(text: str, d: Diagnostic, limit: int = 60) -> str:
    s = text[d.start : d.end]
    if not s:
        line_end = text.find("\n", d.start)
        s = text[d.start : line_end if line_end != -1 else len(text)]
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 3] + "..."


def feedback(text: str, remaining: Sequence[Diagnostic]) -> str:
    """One line per remaining diagnostic, written for an LLM that must correct its own query."""
    if not remaining:
        return "No problems found: the query can be sent to ArcadeDB as it is."
    lines = []
    for d in remaining:
        where = f'line {d.line}, column {d.column}'
        snippet = _snippet(text, d)
        instead = d.hint or (d.fix.message if d.fix else "")
        line = f"- {d.code} ({d.severity}) at {where}"
        if snippet:
            line += f', in "{snippet}"'
        line += f": {d.message}."
        if instead:
            line += f" Instead: {instead}."
        lines.append(line)
    count = len(remaining)
    head = f"{count} problem{'s' if count != 1 else ''} remain{'s' if count == 1 else ''}; rewrite the query to fix {'it' if count == 1 else 'them'}:"
    return "\n".join([head] + lines)
