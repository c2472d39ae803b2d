"""`cypherlint probe` against a real ArcadeDB server started here (127.0.0.1, free ports).

The probed database holds the user's own data, with the same type names as the fixtures, so the
scratch namespace is really tested: the probe must report the same pitfalls as compat.json for
this release, and every record count, type and index must be the same afterwards.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cypherlint.probe.cases import load_fixtures
from cypherlint.probe.live import ProbeError, run_probe
from cypherlint.probe.runner import _drain, _classes
from cypherlint.targets import NATIVE, Deployment, compat_data, parse_target

ROOT = Path(__file__).resolve().parent.parent.parent
MISBEHAVES = ("error", "wrong")


def _java(db):
    return db.get_java_database() if hasattr(db, "get_java_database") else db._java_db


def _state(jdb) -> dict:
    """Every type's record count, and every index, read through the embedded handle (not HTTP)."""
    j = _classes()
    types = sorted(r["name"] for r in _drain(jdb.query("sql", "SELECT name FROM schema:types", j.HashMap())))
    counts = {t: _drain(jdb.query("sql", f"SELECT count(*) AS c FROM `{t}`", j.HashMap()))[0]["c"] for t in types}
    indexes = sorted(r["name"] for r in _drain(jdb.query("sql", "SELECT name FROM schema:indexes", j.HashMap())))
    return {"counts": counts, "indexes": indexes}


@pytest.fixture(scope="module")
def user_db(arcadedb_server, runner):
    """A served database with the user's own graph: the people fixture's types and more."""
    url, server, password = arcadedb_server
    db = server.create_database("userdb")
    jdb = _java(db)
    fixtures = load_fixtures(ROOT / "rules")
    runner._setup(jdb, fixtures["people"] + fixtures["unique_string_key"] + (
        "CREATE VERTEX TYPE Mine", "INSERT INTO Mine SET k = 1", "INSERT INTO X SET key = 'users-own'"))
    return url, jdb, password


def test_probe_reports_the_pitfalls_compat_json_has_and_changes_nothing(user_db, installed_release, tmp_path):
    url, jdb, SERVER_PASSWORD = user_db
    before = _state(jdb)
    assert before["counts"]["Person"] == 5 and before["counts"]["Mine"] == 1
    report = run_probe(url, "userdb", "root", SERVER_PASSWORD, timeout=120)
    after = _state(jdb)
    assert after == before, "the probe changed the server"
    assert report.unchanged and report.before == report.after
    assert not [t for t in after["counts"] if t.startswith("Clp")]
    assert report.release == str(installed_release)

    measured = {r.construct: r for r in report.measured}
    assert len(measured) >= 10, f"too few constructs probed: {report.to_text()}"
    disagree = []
    for construct, r in measured.items():
        assert r.outcome != "unknown", f"{construct}: {r.evidence}"
        claimed = compat_data().outcome(construct, Deployment(NATIVE, installed_release))
        if (r.outcome in MISBEHAVES) != (claimed.kind in MISBEHAVES):
            disagree.append(f"{construct}: probe {r.outcome} ({r.evidence}), compat.json {claimed.kind}")
    assert not disagree, "\n".join(disagree)
    for r in report.skipped:
        assert r.evidence, r

    # The profile is a target: it flags exactly what the probe found on this server.
    profile = tmp_path / "server.json"
    profile.write_text(json.dumps(report.to_profile()))
    target = parse_target(str(profile))
    assert [d.release for d in target.deployments] == [installed_release]
    for construct, r in measured.items():
        assert (target.affected(construct) is not None) == (r.outcome in MISBEHAVES), construct


def _catalogue(tmp_path: Path, cases: str) -> Path:
    d = tmp_path / "rules"
    d.mkdir()
    (d / "fixtures.toml").write_text((ROOT / "rules" / "fixtures.toml").read_text())
    (d / "T001.toml").write_text('code = "T001"\n' + cases)
    return d


def test_probe_classifies_wrong_error_and_skips_what_it_cannot_isolate(user_db, tmp_path):
    url, jdb, SERVER_PASSWORD = user_db
    rules = _catalogue(tmp_path, '''
[[case]]
construct = "t.cosine"
setup = "empty"
bad = "RETURN vector.similarity.cosine([1.0, 0.0], [0.0, 1.0]) AS s"
expected = [{ s = 0.5 }]

[[case]]
construct = "t.vidx"
setup = "docs"
bad = "CALL db.index.vector.queryNodes('vidx', 2, [1.0, 0.0, 0.0]) YIELD node RETURN node.name AS name"
expected = [{ name = "d1" }, { name = "d3" }]

[[case]]
construct = "t.labels"
setup = "people"
bad = "MATCH (n:Worker) RETURN labels(n) AS ls, n.name AS name"
expected = [{ ls = ["Worker"], name = "John" }, { ls = ["Worker"], name = "Jane" }]

[[case]]
construct = "t.merge"
setup = "unique_string_key"
bad = "UNWIND ['a', 'b', 'a'] AS k MERGE (n:X {key: k})"
expected = []
post = { query = "MATCH (n:X) RETURN n.key AS key", expected = [{ key = "a" }, { key = "b" }] }

[[case]]
construct = "t.all"
setup = "people"
bad = "MATCH (n) RETURN count(n) AS c"
expected = [{ c = 12 }]
''')
    before = _state(jdb)
    report = run_probe(url, "userdb", "root", SERVER_PASSWORD, rules_dir=rules)
    got = {r.construct: r for r in report.results}
    assert got["t.cosine"].outcome == "wrong"
    assert got["t.vidx"].outcome == "error" and got["t.vidx"].evidence
    # labels come back without the scratch prefix; the user's own X ('users-own') is not seen
    assert got["t.labels"].outcome == "ok", got["t.labels"].evidence
    assert got["t.merge"].outcome == "ok", got["t.merge"].evidence
    assert got["t.all"].outcome == "skipped" and "(n)" in got["t.all"].evidence
    assert _state(jdb) == before and report.unchanged


def test_bad_credentials_and_urls_fail_cleanly_without_echoing_secrets(user_db):
    url, _, _ = user_db
    with pytest.raises(ProbeError) as exc:
        run_probe(url, "userdb", "root", "not-the-password-42")
    assert "authentication" in str(exc.value) and "not-the-password-42" not in str(exc.value)
    with pytest.raises(ProbeError) as exc:
        run_probe(url.replace("http://", "http://root:s3cret-pw@"), "userdb", "root", "x")
    assert "s3cret-pw" not in str(exc.value)
    with pytest.raises(ProbeError):
        run_probe("http://127.0.0.1:1", "userdb", "root", "x", timeout=5)


def test_probe_command_writes_a_profile_and_never_prints_the_password(user_db, tmp_path):
    from cypherlint.commands.probe import probe

    url, jdb, SERVER_PASSWORD = user_db
    out = tmp_path / "profile.json"
    result = CliRunner().invoke(
        probe, ["--url", url, "--database", "userdb", "-o", str(out), "--only", "anon.rel.count",
                "--only", "pred.label.expr"],
        env={"CYPHERLINT_PROBE_USER": "root", "CYPHERLINT_PROBE_PASSWORD": SERVER_PASSWORD},
    )
    assert result.exit_code == 0, result.output
    assert SERVER_PASSWORD not in result.output
    text = out.read_text()
    assert SERVER_PASSWORD not in text
    profile = json.loads(text)
    assert set(profile["outcomes"]) == {"anon.rel.count", "pred.label.expr"}
    assert parse_target(str(out)).deployments
    bad = CliRunner().invoke(probe, ["--url", url, "--database", "userdb", "--user", "root"],
                             env={"CYPHERLINT_PROBE_PASSWORD": "wrong-password-99"})
    assert bad.exit_code != 0 and "authentication" in bad.output and "wrong-password-99" not in bad.output
