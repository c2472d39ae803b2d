"""``--output-format github``: GitHub Actions workflow commands, one annotation per diagnostic.

``::error file=q.cypher,line=3,col=7,endLine=3,endColumn=19,title=ARC101::message``. Property values
escape ``%``, CR, LF, ``:`` and ``,``; the message escapes ``%``, CR and LF, as the runner expects.
"""

from __future__ import annotations

from cypherlint.report import RunReport


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(report: RunReport, *, color: bool = False) -> str:
    out = []
    for f, d in report.diagnostics:
        level = "error" if d.severity == "error" else "warning"
        props = [
            f"file={escape_property(f.display)}",
            f"line={d.line}",
            f"col={d.column}",
            f"endLine={d.end_line}",
            f"endColumn={d.end_column}",
            f"title={escape_property(d.code)}",
        ]
        out.append(f"::{level} {','.join(props)}::{escape_data(d.message)}")
    for f in report.errors:
        out.append(f"::error file={escape_property(f.display)},title=cypherlint::{escape_data(f.error or '')}")
    return "".join(line + "\n" for line in out)
