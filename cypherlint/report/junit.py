"""``--output-format junit``: JUnit XML, one test case per diagnostic (a failure) or per clean file.

A file that could not be read or rewritten is a test case with an ``<error>``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from cypherlint.report import RunReport

# Characters XML 1.0 cannot carry even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(s: str) -> str:
    return _INVALID_XML.sub("\ufffd", s)


def render(report: RunReport, *, color: bool = False) -> str:
    diags = report.diagnostics
    cases = 0
    suites = ET.Element("testsuites", name="cypherlint")
    suite = ET.SubElement(suites, "testsuite", name="cypherlint")
    for f in report.files:
        name = _clean(f.display)
        if f.error:
            case = ET.SubElement(suite, "testcase", classname=name, name=name)
            err = ET.SubElement(case, "error", message=_clean(f.error), type="file-error")
            err.text = _clean(f.error)
            cases += 1
        for d in f.diagnostics:
            case = ET.SubElement(suite, "testcase", classname=name, name=f"{d.code} at {name}:{d.line}:{d.column}")
            fail = ET.SubElement(case, "failure", message=_clean(d.message), type=d.code)
            body = f"{name}:{d.line}:{d.column}: {d.code} {d.message}"
            if d.hint:
                body += f"\nhelp: {d.hint}"
            fail.text = _clean(body)
            cases += 1
        if not f.error and not f.diagnostics:
            ET.SubElement(suite, "testcase", classname=name, name=name)
            cases += 1
    n_fail = len(diags)
    n_err = len(report.errors)
    for el in (suites, suite):
        el.set("tests", str(cases))
        el.set("failures", str(n_fail))
        el.set("errors", str(n_err))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
