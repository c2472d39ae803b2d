"""Every rule against its own data cases (rules/*.toml): bad is flagged, good is not, fixes are right.

Adding a case never needs code: this module reads every case file and checks, for each `[[case]]`,
that `lint` reports the rule on `bad` under the case's target with a span inside the text, that
`fix` produces exactly `fixed` (only with unsafe_fixes when the case says unsafe), that the fixed
text re-parses, is not flagged again by the rule, and is a fixpoint; and for each `[[good]]` that
the rule stays quiet.
"""

from __future__ import annotations

import re

import pytest

import cypherlint
from cypherlint.rules import ALL_RULES, RULES_BY_CODE
from cypherlint.syntax.parser import parse

from conftest import load_rule_cases

CASE_FILES = load_rule_cases()
CASES = [
    pytest.param(code, i, case, id=f"{code}-case{i}")
    for code, data in CASE_FILES.items()
    for i, case in enumerate(data.get("case", []))
]
GOODS = [
    pytest.param(code, i, good, id=f"{code}-good{i}")
    for code, data in CASE_FILES.items()
    for i, good in enumerate(data.get("good", []))
]
DOC_SECTIONS = ("What it does", "Use instead", "Fix safety")


def _codes(diags, code):
    return [d for d in diags if d.code == code]


@pytest.mark.parametrize("code,i,case", CASES)
def test_bad_is_flagged_with_a_span_inside_the_text(code, i, case):
    q = case["bad"]
    diags = cypherlint.lint(q, target=case.get("target", "arcadedb"), params=case.get("params"))
    assert not [d for d in diags if d.code == "E001"], f"case does not parse: {diags}"
    found = _codes(diags, code)
    assert found, f"{code} did not flag {q!r} under {case.get('target', 'arcadedb')}: {diags}"
    for d in found:
        assert 0 <= d.start <= d.end <= len(q)
        assert d.message and d.name == RULES_BY_CODE[code].name


@pytest.mark.parametrize("code,i,case", CASES)
def test_fix_output(code, i, case):
    q = case["bad"]
    target = case.get("target", "arcadedb")
    params = case.get("params")
    unsafe = bool(case.get("unsafe", False))
    result = cypherlint.fix(q, target=target, unsafe_fixes=unsafe, params=params)
    if "fixed" in case:
        assert result.query == case["fixed"]
        assert result.changed
        assert code in [d.code for d in result.applied]
        if unsafe:
            safe_only = cypherlint.fix(q, target=target, unsafe_fixes=False, params=params)
            assert safe_only.query != case["fixed"], "an unsafe fix was applied without unsafe_fixes"
    # Whatever the fix did, the result parses, and fixing again changes nothing.
    assert not parse(result.query).issues or parse(q).issues
    again = cypherlint.fix(result.query, target=target, unsafe_fixes=unsafe, params=params)
    assert again.query == result.query
    if "fixed" in case:
        assert not _codes(cypherlint.lint(result.query, target=target, params=params), code)


@pytest.mark.parametrize("code,i,good", GOODS)
def test_good_is_not_flagged(code, i, good):
    diags = cypherlint.lint(good["query"], target=good.get("target", "arcadedb"), params=good.get("params"))
    assert not [d for d in diags if d.code == "E001"], diags
    assert not _codes(diags, code), f"{code} flagged a good query: {diags}"


def test_every_rule_has_cases_and_every_case_file_a_rule():
    rule_codes = {r.code for r in ALL_RULES if r.scope == "cypher"}
    assert rule_codes <= set(CASE_FILES), f"rules without a case file: {sorted(rule_codes - set(CASE_FILES))}"
    assert set(CASE_FILES) <= set(RULES_BY_CODE), f"case files without a rule: {sorted(set(CASE_FILES) - set(RULES_BY_CODE))}"
    for code, data in CASE_FILES.items():
        assert data.get("code") == code, f"rules/{code}.toml says code = {data.get('code')!r}"
        # driver rules (DRV) have Python cases instead: tests/test_driver_rules.py
        assert data.get("case") or data.get("python_case"), f"rules/{code}.toml has no [[case]]"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_metadata_and_documentation(rule):
    assert re.fullmatch(r"(ARC|DRV|CL)\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.summary and rule.severity in ("error", "warning")
    assert rule.fix_applicability in (None, "safe", "unsafe", "display-only")
    doc = rule.documentation()
    for section in DOC_SECTIONS:
        assert section in doc, f"{rule.code} docstring lacks '{section}'"
    assert "Why" in doc


def test_matrix_ids_exist(shared_dir):
    matrix = (shared_dir / "arcadedb" / "MATRIX.md").read_text(encoding="utf-8")
    ids = set(re.findall(r"`([A-Za-z0-9_.]+)`", matrix))
    for code, data in CASE_FILES.items():
        for probe in data.get("matrix", []):
            assert probe in ids, f"rules/{code}.toml lists unknown matrix probe {probe!r}"
