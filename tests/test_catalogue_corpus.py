"""Every rule on the whole real-world corpus under the default target: robust, and fixes that hold.

Over ../shared/corpus/realworld/queries.jsonl, with target `arcadedb` (every release, both engines):

- `lint` never raises, and every diagnostic's span lies inside its query;
- for every query with an applicable fix, `fix` (safe only, and with unsafe fixes) returns text that
  parses whenever the input did, and fixing that output again changes nothing (idempotent);
- reports/rule-counts.md is what scripts/rule_counts.py writes for the current rules.

The corpus is linted in two worker processes; queries without an applicable fix are left out of
the fix checks (`fix` returns them unchanged after the same lint).
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from conftest import ROOT, read_jsonl

TARGET = "arcadedb"


def _check_chunk(queries: list[tuple[str, str]]) -> dict:
    """Lint and fix a chunk of (id, query); return the problems found and some counts."""
    import cypherlint
    from cypherlint.fixer import applicable
    from cypherlint.syntax.parser import parse

    problems: list[str] = []
    counts = {"queries": 0, "fixed_safe": 0, "fixed_unsafe": 0}
    for rid, q in queries:
        counts["queries"] += 1
        try:
            diags = cypherlint.lint(q, target=TARGET)
        except Exception as exc:  # noqa: BLE001 - the test reports any crash
            problems.append(f"{rid}: lint raised {type(exc).__name__}: {exc}")
            continue
        for d in diags:
            if not (0 <= d.start <= d.end <= len(q)):
                problems.append(f"{rid}: {d.code} span {d.start}..{d.end} outside the query")
        for unsafe in (False, True):
            if not any(applicable(d, unsafe) for d in diags):
                continue
            if unsafe and not any(d.fix is not None and d.fix.applicability == "unsafe" for d in diags):
                continue  # the same fixes as the safe run
            try:
                result = cypherlint.fix(q, target=TARGET, unsafe_fixes=unsafe)
                if not result.changed:
                    continue
                counts["fixed_unsafe" if unsafe else "fixed_safe"] += 1
                if len(parse(result.query).issues) > len(parse(q).issues):
                    problems.append(f"{rid}: fix(unsafe={unsafe}) output does not parse: {result.query!r}")
                again = cypherlint.fix(result.query, target=TARGET, unsafe_fixes=unsafe)
                if again.query != result.query:
                    problems.append(f"{rid}: fix(unsafe={unsafe}) is not idempotent:\n  {result.query!r}\n  "
                                    f"-> {again.query!r}")
            except Exception as exc:  # noqa: BLE001
                problems.append(f"{rid}: fix(unsafe={unsafe}) raised {type(exc).__name__}: {exc}")
    return {"problems": problems, **counts}


@pytest.fixture(scope="module")
def corpus(shared_dir):
    records = read_jsonl(shared_dir / "corpus" / "realworld" / "queries.jsonl")
    assert len(records) > 20000
    return [(r["id"], r["query"]) for r in records]


@pytest.mark.slow
def test_lint_and_fix_hold_on_the_whole_corpus(corpus):
    size = 400
    chunks = [corpus[i:i + size] for i in range(0, len(corpus), size)]
    problems: list[str] = []
    totals = {"queries": 0, "fixed_safe": 0, "fixed_unsafe": 0}
    with ProcessPoolExecutor(max_workers=2) as pool:
        for part in pool.map(_check_chunk, chunks):
            problems.extend(part["problems"])
            for k in totals:
                totals[k] += part[k]
    assert totals["queries"] == len(corpus)
    # The checks ran on real fixes, not on an empty set.
    assert totals["fixed_safe"] > 1000 and totals["fixed_unsafe"] > 100, totals
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:30])


@pytest.mark.slow
def test_rule_counts_report_is_current(shared_dir):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "rule_counts.py"), "--check"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT, timeout=1800)
    assert proc.returncode == 0, proc.stdout
