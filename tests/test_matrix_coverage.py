"""Every probe that errors or returns wrong rows somewhere in ../shared/arcadedb maps to a rule.

A non-ok probe (an ERR or WRONG cell in MATRIX.md, or a `fails-with-error` / `silently-wrong`
result line in results/*.jsonl) must be listed in the `matrix` array of some rules/<CODE>.toml, or
in rules/matrix-exclusions.toml with a reason. An exclusion that a rule now covers, or that names
no probe, is stale and fails too.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, load_rule_cases, tomllib

BAD_CELLS = {"ERR", "WRONG"}
BAD_OUTCOMES = {"fails-with-error", "silently-wrong"}


def _matrix_rows(shared) -> dict[str, list[str]]:
    """probe id -> the release cells of its first MATRIX.md row."""
    rows: dict[str, list[str]] = {}
    for line in (shared / "arcadedb" / "MATRIX.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("| "):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        ids = re.findall(r"`([A-Za-z0-9_.]+)`", cells[0])
        if ids and len(cells) > 1:
            rows.setdefault(ids[0], cells[1:])
    return rows


def _non_ok_probes(shared) -> dict[str, str]:
    """probe id -> where it was seen failing (a MATRIX cell or a result line)."""
    out: dict[str, str] = {}
    for probe, cells in _matrix_rows(shared).items():
        if any(c in BAD_CELLS for c in cells):
            out[probe] = "MATRIX.md: " + " | ".join(cells)
    for path in sorted((shared / "arcadedb" / "results").glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                d = json.loads(line)
                if d.get("kind") not in ("probe", "server") or d.get("outcome") not in BAD_OUTCOMES:
                    continue
                if d.get("kind") == "probe" and d.get("lang") not in (None, "opencypher"):
                    continue  # the `cypher` runs duplicate `opencypher` (26.2.1: language missing)
                out.setdefault(d["id"], f"{path.name}: {d['outcome']}")
    return out


def _covered() -> dict[str, list[str]]:
    covered: dict[str, list[str]] = {}
    for code, data in load_rule_cases().items():
        for probe in data.get("matrix", []):
            covered.setdefault(probe, []).append(code)
    return covered


def _exclusions() -> list[dict]:
    with open(ROOT / "rules" / "matrix-exclusions.toml", "rb") as f:
        return tomllib.load(f).get("exclude", [])


@pytest.fixture(scope="module")
def non_ok(shared_dir):
    probes = _non_ok_probes(shared_dir)
    assert len(probes) > 100, "the shared measurements look truncated"
    return probes


def test_every_failing_probe_is_covered_or_excluded(non_ok):
    covered = _covered()
    excluded = {e["probe"] for e in _exclusions()}
    missing = {p: where for p, where in non_ok.items() if p not in covered and p not in excluded}
    assert not missing, (
        "probes that fail somewhere but no rule lists in its `matrix` and rules/matrix-exclusions.toml "
        "does not explain:\n" + "\n".join(f"  {p}  ({w})" for p, w in sorted(missing.items())))


def test_exclusions_have_reasons_and_are_not_stale(non_ok, shared_dir):
    covered = _covered()
    known = set(_matrix_rows(shared_dir)) | set(non_ok)
    seen = set()
    for e in _exclusions():
        probe = e.get("probe")
        assert probe and isinstance(e.get("reason"), str) and len(e["reason"]) > 20, e
        assert probe not in seen, f"{probe} is excluded twice"
        seen.add(probe)
        assert probe in known, f"rules/matrix-exclusions.toml names {probe!r}, which is no probe of ../shared/arcadedb"
        assert probe in non_ok, f"{probe} is ok on every release: drop its exclusion"
        assert probe not in covered, f"{probe} is covered by {covered[probe]}: drop its exclusion"


def _result_ids(shared) -> set[str]:
    ids = set()
    for path in sorted((shared / "arcadedb" / "results").glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            ids.update(json.loads(line).get("id") for line in f if line.strip())
    return ids


def test_matrix_entries_of_rules_are_measured_probes(shared_dir):
    known = set(_matrix_rows(shared_dir)) | _result_ids(shared_dir)
    for probe, codes in _covered().items():
        assert probe in known, f"{codes} list {probe!r}, which ../shared/arcadedb never measured"


def test_catalogue_size():
    from cypherlint.rules import ALL_RULES

    codes = [r.code for r in ALL_RULES]
    assert len(codes) >= 40, codes
    # the native-engine catalogue of issue 4: patterns, expressions, procedures, writes, clauses
    for prefix, at_least in (("ARC1", 8), ("ARC2", 8), ("ARC3", 4), ("ARC5", 7), ("ARC6", 15)):
        assert sum(c.startswith(prefix) for c in codes) >= at_least, prefix


def test_cli_lists_every_rule():
    from clitools import cypherlint

    from cypherlint.rules import ALL_RULES

    run = cypherlint("rules")
    assert run.code == 0, run
    for rule in ALL_RULES:
        assert rule.code in run.out, rule.code
