"""Output formats, one module each: text, json, sarif, github, junit.

Every format renders the same :class:`RunReport`: per file, the text the diagnostics refer to
(after ``--fix``, the rewritten text), the diagnostics left, the fixes applied, and any problem with
the file itself. ``render(name, report, color=...)`` returns the whole output as one string.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from cypherlint.model import Diagnostic

FORMATS = ("text", "json", "sarif", "github", "junit")


@dataclass
class FileReport:
    display: str  # the path as shown to the user ("-" or --stdin-filename for stdin)
    text: str = ""  # the text ``diagnostics`` refer to
    diagnostics: list[Diagnostic] = field(default_factory=list)
    applied: list[Diagnostic] = field(default_factory=list)  # fixes applied (written, or shown by --diff)
    error: str | None = None  # a problem with the file as a whole (unreadable, binary, not rewritten, ...)
    written: bool = False


@dataclass
class RunReport:
    files: list[FileReport]
    fix: bool = False  # --fix (or --diff) was asked for
    unsafe_fixes: bool = False
    statistics: bool = False

    @property
    def diagnostics(self) -> list[tuple[FileReport, Diagnostic]]:
        return [(f, d) for f in self.files for d in f.diagnostics]

    @property
    def errors(self) -> list[FileReport]:
        return [f for f in self.files if f.error]


def is_fixable(d: Diagnostic, unsafe_fixes: bool) -> bool:
    """Would --fix (with these flags) apply this diagnostic's fix?"""
    f = d.fix
    if f is None or not f.edits or f.language != "cypher":
        return False
    return f.applicability == "safe" or (unsafe_fixes and f.applicability == "unsafe")


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based row and character column of ``offset`` in ``text``."""
    offset = max(0, min(offset, len(text)))
    row = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return row, offset - start + 1


def statistics(report: RunReport) -> list[dict]:
    counts: dict[str, dict] = {}
    for _, d in report.diagnostics:
        row = counts.setdefault(d.code, {"code": d.code, "name": d.name, "count": 0, "fixable": False})
        row["count"] += 1
        row["fixable"] = row["fixable"] or is_fixable(d, report.unsafe_fixes)
    return sorted(counts.values(), key=lambda r: (-r["count"], r["code"]))


def render(fmt: str, report: RunReport, *, color: bool = False) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; valid: {', '.join(FORMATS)}")
    module = importlib.import_module(f"cypherlint.report.{fmt}")
    return module.render(report, color=color)
