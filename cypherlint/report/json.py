"""``--output-format json``: one JSON array, one object per diagnostic, exactly as CONTRACT.md.

Rows and columns are 1-based and columns count characters. Beyond the contract's keys each object
also carries ``url`` (the rule's documentation) and ``hint`` (what to write instead, or null).
"""

from __future__ import annotations

import json

from cypherlint.model import Diagnostic
from cypherlint.report import FileReport, RunReport, line_col, statistics


def _loc(row: int, col: int) -> dict:
    return {"row": row, "column": col}


def diagnostic_dict(fr: FileReport, d: Diagnostic) -> dict:
    fix = None
    if d.fix is not None:
        edits = []
        for e in d.fix.edits:
            edits.append({
                "content": e.content,
                "location": _loc(*line_col(fr.text, e.start)),
                "end_location": _loc(*line_col(fr.text, e.end)),
            })
        fix = {"applicability": d.fix.applicability, "message": d.fix.message, "language": d.fix.language,
               "edits": edits}
    return {
        "code": d.code,
        "name": d.name,
        "message": d.message,
        "severity": d.severity,
        "filename": fr.display,
        "location": _loc(d.line, d.column),
        "end_location": _loc(d.end_line, d.end_column),
        "fix": fix,
        "url": d.url,
        "hint": d.hint,
    }


def render(report: RunReport, *, color: bool = False) -> str:
    if report.statistics:
        return json.dumps(statistics(report), indent=2, ensure_ascii=False) + "\n"
    items = [diagnostic_dict(f, d) for f, d in report.diagnostics]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
