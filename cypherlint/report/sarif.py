"""``--output-format sarif``: SARIF 2.1.0, one run, the rules that fired, results with fixes.

Columns count characters (``columnKind: unicodeCodePoints``). Relative paths are given relative to
the ``%SRCROOT%`` base (the working directory); problems with whole files are tool execution
notifications, and make the invocation unsuccessful.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from cypherlint._version import __version__
from cypherlint.report import FileReport, RunReport, line_col

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/cypherlint/cypherlint"


def _artifact(fr: FileReport) -> dict:
    path = fr.display
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": path.replace(os.sep, "/"), "uriBaseId": "%SRCROOT%"}


def _region(text: str, start: int, end: int) -> dict:
    sl, sc = line_col(text, start)
    el, ec = line_col(text, end)
    return {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec, "charOffset": start,
            "charLength": max(0, end - start)}


def render(report: RunReport, *, color: bool = False) -> str:
    from cypherlint.rules import RULES_BY_CODE

    rules: list[dict] = []
    index: dict[str, int] = {}
    results = []
    for fr, d in report.diagnostics:
        if d.code not in index:
            index[d.code] = len(rules)
            rule = RULES_BY_CODE.get(d.code)
            descriptor = {
                "id": d.code,
                "name": d.name,
                "shortDescription": {"text": rule.summary if rule is not None and rule.summary else d.name},
                "defaultConfiguration": {"level": "error" if d.severity == "error" else "warning"},
            }
            if d.url:
                descriptor["helpUri"] = d.url
            if rule is not None and rule.documentation():
                descriptor["help"] = {"text": rule.documentation(), "markdown": rule.documentation()}
            rules.append(descriptor)
        result = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": "error" if d.severity == "error" else "warning",
            "message": {"text": d.message + (f" (help: {d.hint})" if d.hint else "")},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": _artifact(fr),
                    "region": {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line,
                               "endColumn": d.end_column, "charOffset": d.start,
                               "charLength": max(0, d.end - d.start)},
                }
            }],
        }
        if d.fix is not None and d.fix.edits and d.fix.language == "cypher":
            result["fixes"] = [{
                "description": {"text": f"{d.fix.message} ({d.fix.applicability})"},
                "artifactChanges": [{
                    "artifactLocation": _artifact(fr),
                    "replacements": [
                        {"deletedRegion": _region(fr.text, e.start, e.end), "insertedContent": {"text": e.content}}
                        for e in d.fix.edits
                    ],
                }],
            }]
        results.append(result)
    notifications = [
        {"level": "error", "message": {"text": fr.error},
         "locations": [{"physicalLocation": {"artifactLocation": _artifact(fr)}}]}
        for fr in report.errors
    ]
    invocation = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {"driver": {"name": "cypherlint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFO_URI, "rules": rules}},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [invocation],
        "results": results,
    }
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
