"""Every rule case with a graph, on the installed ArcadeDB release.

* the `bad` query misbehaves (error / wrong) exactly when compat.json says the construct does on
  this release — so the shipped data agrees with the engine CI installs;
* the fix (the case's `fixed`, else what `cypherlint.fix` makes of `bad`) runs on this release
  and returns Neo4j's rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cypherlint
from cypherlint.probe.cases import ERROR, OK, WRONG, load_cases
from cypherlint.targets import NATIVE, Deployment, compat_data

ROOT = Path(__file__).resolve().parent.parent.parent
# Cases with a graph and something to compare with (rows, side effects, or an expected error).
CASES = [c for c in load_cases(ROOT / "rules") if c.measurable]
MISBEHAVES = (ERROR, WRONG)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.id}-{c.construct}")
def test_bad_misbehaves_exactly_where_compat_says(case, runner, installed_release):
    verdict = runner.run(case)
    assert verdict.outcome != "unknown", f"the case could not be measured: {verdict.evidence}"
    claimed = compat_data().outcome(case.construct, Deployment(NATIVE, installed_release))
    says_bad = claimed.kind in MISBEHAVES
    is_bad = verdict.outcome in MISBEHAVES
    assert is_bad == says_bad, (
        f"{case.construct} on ArcadeDB {installed_release}: the engine gives {verdict.outcome} "
        f"({verdict.evidence or 'same rows as Neo4j'}), compat.json says {claimed.kind} "
        f"({claimed.source}{': ' + claimed.evidence if claimed.evidence else ''}); "
        "run scripts/regen_compat.py"
    )


def _fixed_query(case) -> str | None:
    if case.fixed is not None:
        return case.fixed
    if case.language != "opencypher":
        return None
    result = cypherlint.fix(case.bad, target=case.target, unsafe_fixes=case.unsafe, params=case.params or None)
    return result.query if result.changed else None


FIXABLE = [c for c in CASES if not c.expect_error]


@pytest.mark.parametrize("case", FIXABLE, ids=lambda c: f"{c.id}-{c.construct}")
def test_the_fix_runs_and_returns_neo4j_rows(case, runner):
    fixed = _fixed_query(case)
    if fixed is None:
        pytest.skip("cypherlint has no automatic fix for this case")
    verdict = runner.run(case, fixed)
    assert verdict.outcome == OK, f"fixed query {fixed!r}: {verdict.outcome}: {verdict.evidence}"
