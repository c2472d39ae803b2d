"""Driver rules (scope "python", DRV0xx) against their case files, rules/DRV*.toml.

A driver rule's cases are Python snippets (its subject is the code around the query):

* ``[[python_case]]``: ``bad_python`` must be flagged under ``target``; ``flagged`` (when given) is
  the exact file text of the diagnostic's span; ``fixed_python`` (when given) is exactly what
  ``--fix`` makes of it, and the fixed file compiles and is not flagged again. Without
  ``fixed_python`` the file must come back unchanged by the rule.
* ``[[python_good]]``: ``python`` must not be flagged under ``target``.
"""

from __future__ import annotations

import pytest

from cypherlint.engine import LineIndex
from cypherlint.rules import ALL_RULES, RULES_BY_CODE
from cypherlint.sources import check_text

from conftest import load_rule_cases

CASE_FILES = {code: data for code, data in load_rule_cases().items() if code.startswith("DRV")}
CASES = [
    pytest.param(code, case, id=f"{code}-case{i}")
    for code, data in CASE_FILES.items()
    for i, case in enumerate(data.get("python_case", []))
]
GOODS = [
    pytest.param(code, good, id=f"{code}-good{i}")
    for code, data in CASE_FILES.items()
    for i, good in enumerate(data.get("python_good", []))
]


def _check(source: str, target: str, fix: bool = False):
    return check_text(source, "case.py", kind="python", target=target, fix=fix)


@pytest.mark.parametrize("code,case", CASES)
def test_bad_python_is_flagged_at_the_right_text(code, case):
    src = case["bad_python"]
    result = _check(src, case.get("target", "arcadedb"))
    found = [d for d in result.diagnostics if d.code == code]
    assert found, f"{code} not reported: {result.diagnostics}"
    lines = LineIndex(src)
    for d in found:
        assert (d.line, d.column) == lines.line_col(d.start)
        assert (d.end_line, d.end_column) == lines.line_col(d.end)
        assert d.name == RULES_BY_CODE[code].name and d.message
    if "flagged" in case:
        assert [src[d.start : d.end] for d in found] == [case["flagged"]]


@pytest.mark.parametrize("code,case", CASES)
def test_fix_of_bad_python(code, case):
    src = case["bad_python"]
    target = case.get("target", "arcadedb")
    result = _check(src, target, fix=True)
    if "fixed_python" in case:
        assert result.new_text == case["fixed_python"]
        compile(result.new_text, "fixed.py", "exec")
        assert code in [d.code for d in result.applied]
        assert not [d for d in result.diagnostics if d.code == code]
    else:
        assert code not in [d.code for d in result.applied]


@pytest.mark.parametrize("code,good", GOODS)
def test_good_python_is_not_flagged(code, good):
    result = _check(good["python"], good.get("target", "arcadedb"))
    assert not [d for d in result.diagnostics if d.code == code], result.diagnostics


def test_every_driver_rule_has_python_cases():
    drv = {r.code for r in ALL_RULES if r.scope == "python"}
    assert drv == set(CASE_FILES)
    for code, data in CASE_FILES.items():
        assert data.get("code") == code
        assert data.get("python_case") and data.get("python_good"), f"rules/{code}.toml needs bad and good cases"
        rule = RULES_BY_CODE[code]
        assert rule.scope == "python" and callable(getattr(rule, "check_python", None))
        assert rule.constructs, f"{code} must be keyed to compat constructs"


@pytest.mark.parametrize("code", sorted(CASE_FILES))
def test_driver_rules_follow_the_target(code):
    """Each rule goes quiet under a target where its constructs behave (26.10.2 passes every
    Bolt/HTTP probe), so none of them hard-codes releases."""
    for case in CASE_FILES[code]["python_case"]:
        result = _check(case["bad_python"], "arcadedb@26.10.2")
        assert not [d for d in result.diagnostics if d.code == code]
