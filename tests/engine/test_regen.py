"""scripts/regen_compat.py and its worker: the protocol, killing a hung worker, merging results."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

from cypherlint.probe.cases import load_cases, load_fixtures, measuring_cases, setup_statements

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def regen():
    spec = importlib.util.spec_from_file_location("regen_compat", ROOT / "scripts" / "regen_compat.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _payload(case, fixtures):
    d = case.to_dict()
    d["setup"] = list(setup_statements(case, fixtures))
    return d


def test_worker_measures_like_the_in_process_runner_and_a_hung_worker_is_killed(regen, tmp_path, runner):
    fixtures = load_fixtures(ROOT / "rules")
    cases = measuring_cases(load_cases(ROOT / "rules"))
    case = cases["anon.rel.count"]
    worker = regen.Worker(Path(sys.executable), "test", tmp_path, "512m")
    try:
        hello = worker.ask({"op": "hello"}, 180)
        assert hello["release"] == runner.release
        verdict = worker.ask({"op": "run", "case": _payload(case, fixtures), "query": None}, 120)
        assert verdict["outcome"] == runner.run(case).outcome
        # A query that runs far longer than the timeout: no answer in time, the PID is killed.
        slow = dict(_payload(case, fixtures), bad="UNWIND range(1, 1000000) AS a UNWIND range(1, 1000000) AS b RETURN count(*) AS c",
                    expected=[{"c": 1000000000000}])
        with pytest.raises(TimeoutError):
            worker.ask({"op": "run", "case": slow, "query": None}, 2)
        pid = worker.proc.pid
        worker.kill()
        assert worker.proc.returncode is not None
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    finally:
        worker.kill() if worker.proc.poll() is None else None


def test_merge_overrides_measured_releases_and_keeps_the_rest(regen):
    fixtures = load_fixtures(ROOT / "rules")
    cases = measuring_cases(load_cases(ROOT / "rules"))
    base = {
        "schema": 1,
        "releases": {"26.1.1": {"measured": False}, "26.5.1": {"measured": True}},
        "constructs": {
            "anon.rel.count": {"title": "t", "native": {"26.5.1": {"outcome": "ok"}, "26.2.1": {"outcome": "wrong"}}},
            "not.ours": {"title": "x", "native": {"26.5.1": {"outcome": "error", "evidence": "e"}}},
        },
    }
    measured = [{"release": "26.5.1", "package": "26.5.1.post1",
                 "results": {"anon.rel.count": {"outcome": "wrong", "evidence": "returned 0"},
                             "vlp.star": {"outcome": "unknown", "evidence": "setup failed"}}}]
    chosen = {k: cases[k] for k in ("anon.rel.count", "vlp.star")}
    new = regen.merge(base, measured, chosen, fixtures, None)
    assert new["releases"]["26.5.1"] == {"measured": True, "wheel": "26.5.1.post1"}
    assert new["releases"]["26.1.1"] == {"measured": False}
    arc = new["constructs"]["anon.rel.count"]
    assert arc["native"]["26.5.1"] == {"outcome": "wrong", "evidence": "returned 0"}
    assert arc["native"]["26.2.1"] == {"outcome": "wrong"}  # not measured now: kept
    assert arc["case"]["bad"] == cases["anon.rel.count"].bad
    assert new["constructs"]["not.ours"] == base["constructs"]["not.ours"]
    # an inconclusive measurement is recorded only where nothing better is known
    assert new["constructs"]["vlp.star"]["native"]["26.5.1"]["outcome"] == "unknown"
    assert new["fixtures"]["people"] == list(fixtures["people"])
    assert "26.5.1.post1" in new["generated_by"]
    assert regen.differences(base, new)
    assert regen.differences(new, json.loads(regen.dump(new))) == []


def test_committed_compat_json_records_a_measuring_case_for_every_measured_construct(regen):
    data = json.loads((ROOT / "cypherlint" / "targets" / "compat.json").read_text())
    measured_releases = [r for r, i in data["releases"].items() if i.get("wheel")]
    assert len(measured_releases) == len(regen.RELEASES)
    cases = measuring_cases(load_cases(ROOT / "rules"))
    recorded = {c for c, e in data["constructs"].items() if e.get("case")}
    missing = sorted(set(cases) - recorded)
    assert not missing, f"run scripts/regen_compat.py: constructs with a measuring case but no measurement: {missing}"
    for c in recorded & set(cases):
        assert set(measured_releases) <= set(data["constructs"][c]["native"]), c
