"""Human-readable output: one header line per diagnostic, a source excerpt with a caret line, the hint.

::

    queries/people.cypher:3:7: ARC101 [*] count(*) over an anonymous relationship ...
      |
    3 | MATCH ()-[:KNOWS]->() RETURN count(*) AS c
      |       ^^^^^^^^^^^^^^
      = help: name the relationship and count it: count(r)
      = fix (safe): name the relationship

    Found 1 diagnostic in 1 file (1 fixable with --fix).
"""

from __future__ import annotations

import click

from cypherlint.model import Diagnostic
from cypherlint.report import FileReport, RunReport, is_fixable, statistics

MAX_EXCERPT = 110


def _style(text: str, color: bool, **kw) -> str:
    return click.style(text, **kw) if color else text


def _excerpt(text: str, d: Diagnostic, color: bool) -> list[str]:
    lines = text.split("\n")
    if not (1 <= d.line <= len(lines)):
        return []
    line = lines[d.line - 1].rstrip("\r").replace("\t", " ")
    start = max(0, d.column - 1)
    end = d.end_column - 1 if d.end_line == d.line else len(line)
    end = max(end, start + 1)
    # keep long lines readable: a window around the span
    offset = 0
    if len(line) > MAX_EXCERPT:
        offset = max(0, min(start - 20, len(line) - MAX_EXCERPT))
        shown = line[offset : offset + MAX_EXCERPT]
        if offset > 0:
            shown = "…" + shown[1:]
        if offset + MAX_EXCERPT < len(line):
            shown = shown[:-1] + "…"
        line = shown
    s, e = start - offset, min(end - offset, len(line) + 1)
    gutter = str(d.line)
    pad = " " * len(gutter)
    bar = _style("|", color, fg="blue", bold=True)
    carets = " " * s + "^" * max(1, e - s)
    color_caret = {"fg": "red" if d.severity == "error" else "yellow", "bold": True}
    return [
        f"{pad} {bar}",
        f"{_style(gutter, color, fg='blue', bold=True)} {bar} {line}",
        f"{pad} {bar} {_style(carets, color, **color_caret)}",
    ]


def _fix_line(d: Diagnostic, unsafe_fixes: bool) -> str | None:
    f = d.fix
    if f is None:
        return None
    if f.language == "sql":
        return f"ArcadeDB SQL instead ({f.applicability}, not applied to Cypher text): {f.message}"
    if f.applicability == "display-only" or not f.edits:
        return f"suggestion: {f.message}"
    if f.applicability == "unsafe" and not unsafe_fixes:
        return f"fix (unsafe, needs --unsafe-fixes): {f.message}"
    return f"fix ({f.applicability}): {f.message}"


def format_diagnostic(fr: FileReport, d: Diagnostic, *, color: bool, unsafe_fixes: bool) -> str:
    marker = " [*]" if is_fixable(d, unsafe_fixes) else ""
    loc = _style(f"{fr.display}:{d.line}:{d.column}:", color, bold=True)
    code = _style(d.code, color, fg="red" if d.severity == "error" else "yellow", bold=True)
    out = [f"{loc} {code}{_style(marker, color, fg='cyan')} {d.message}"]
    out.extend(_excerpt(fr.text, d, color))
    pad = " " * len(str(d.line))
    eq = _style("=", color, fg="blue", bold=True)
    if d.hint:
        out.append(f"{pad} {eq} help: {d.hint}")
    fix = _fix_line(d, unsafe_fixes)
    advice_only = d.fix is not None and (d.fix.language == "sql" or d.fix.applicability == "display-only"
                                         or not d.fix.edits)
    if fix and not (d.hint and advice_only):
        out.append(f"{pad} {eq} {fix}")
    return "\n".join(out)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(report: RunReport) -> str | None:
    diags = report.diagnostics
    n_applied = sum(len(f.applied) for f in report.files)
    files_fixed = sum(1 for f in report.files if f.applied)
    parts = []
    if report.fix and n_applied:
        parts.append(f"Fixed {_plural(n_applied, 'diagnostic')} in {_plural(files_fixed, 'file')}")
    if diags:
        files = len({id(f) for f, _ in diags})
        found = f"Found {_plural(len(diags), 'diagnostic')} in {_plural(files, 'file')}"
        if report.fix and n_applied:
            found = f"{len(diags)} remaining in {_plural(files, 'file')}"
        fixable = sum(1 for _, d in diags if is_fixable(d, report.unsafe_fixes))
        more = sum(1 for _, d in diags if not is_fixable(d, report.unsafe_fixes) and is_fixable(d, True))
        extra = []
        if fixable and not report.fix:
            extra.append(f"{fixable} fixable with --fix")
        if more:
            extra.append(f"{more} more with --unsafe-fixes")
        parts.append(found + (f" ({'; '.join(extra)})" if extra else ""))
    elif report.fix and n_applied:
        parts.append("nothing left")
    if report.errors:
        parts.append(f"{_plural(len(report.errors), 'file')} could not be checked or rewritten")
    if not parts:
        return None
    return "; ".join(parts) + "."


def render_statistics(report: RunReport, color: bool) -> str:
    rows = statistics(report)
    if not rows:
        return ""
    width = max(len(str(r["count"])) for r in rows)
    cwidth = max(len(r["code"]) for r in rows)
    out = []
    for r in rows:
        mark = "[*]" if r["fixable"] else "[ ]"
        out.append(f"{str(r['count']).rjust(width)}  {_style(r['code'].ljust(cwidth), color, bold=True)}  {mark} {r['name']}")
    return "\n".join(out) + "\n"


def render(report: RunReport, *, color: bool = False, quiet: bool = False) -> str:
    if report.statistics:
        return render_statistics(report, color)
    blocks = [format_diagnostic(f, d, color=color, unsafe_fixes=report.unsafe_fixes) for f, d in report.diagnostics]
    out = "\n\n".join(blocks)
    if out:
        out += "\n"
    if not quiet:
        s = summary(report)
        if s:
            out += ("\n" if out else "") + s + "\n"
    return out
