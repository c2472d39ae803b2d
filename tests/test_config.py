"""Configuration files through the real command: discovery, keys, errors, precedence."""

from __future__ import annotations

import pytest

from clitools import assert_no_traceback, cypherlint, write

BAD = "MATCH ()-[:KNOWS]->() RETURN count(*) AS c"  # ARC101 on 26.5, not on 26.10.2


def codes(run) -> list[str]:
    return [line.split()[1] for line in run.out.splitlines() if ": " in line and line.split()[0].endswith(":")]


def test_pyproject_target_and_select(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.cypherlint]\ntarget = "arcadedb@26.5"\n'
                                       'select = ["ARC101"]\n')
    write(tmp_path / "q.cypher", BAD)
    r = cypherlint("q.cypher", cwd=tmp_path)
    assert r.code == 1 and codes(r) == ["ARC101"], r
    # the command line beats the file
    r = cypherlint("--target", "arcadedb@26.10.2", "q.cypher", cwd=tmp_path)
    assert r.code == 0, r
    r = cypherlint("--select", "E", "q.cypher", cwd=tmp_path)
    assert r.code == 0, r


def test_cypherlint_toml_wins_over_pyproject_in_the_same_directory(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.cypherlint]\ntarget = "arcadedb@26.10.2"\n')
    write(tmp_path / "cypherlint.toml", 'target = "arcadedb@26.5"\nselect = ["ARC101"]\n')
    write(tmp_path / "q.cypher", BAD)
    assert codes(cypherlint("q.cypher", cwd=tmp_path)) == ["ARC101"]


def test_nearest_config_applies_per_directory(tmp_path):
    write(tmp_path / "cypherlint.toml", 'target = "arcadedb@26.5"\nselect = ["ARC101"]\n')
    write(tmp_path / "new" / "cypherlint.toml", 'target = "arcadedb@26.10.2"\n')
    write(tmp_path / "new" / "deeper" / "q.cypher", BAD)
    write(tmp_path / "old" / "q.cypher", BAD)
    # a pyproject.toml without [tool.cypherlint] does not stop the search
    write(tmp_path / "old" / "pyproject.toml", '[project]\nname = "old"\n')
    r = cypherlint(".", cwd=tmp_path)
    assert [line.split(":")[0] for line in r.out.splitlines() if ": ARC101" in line] == ["old/q.cypher"], r


def test_extend_select_and_per_file_ignores(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.cypherlint]\ntarget = "arcadedb@26.5"\nselect = ["E"]\n'
                                       'extend-select = ["ARC101"]\n'
                                       '[tool.cypherlint.per-file-ignores]\n"legacy/**" = ["ARC1"]\n'
                                       '"*.cql" = ["ARC101"]\n')
    for name in ("a.cypher", "legacy/b.cypher", "c.cql"):
        write(tmp_path / name, BAD)
    r = cypherlint(".", cwd=tmp_path)
    assert [line.split(":")[0] for line in r.out.splitlines() if ": ARC101" in line] == ["a.cypher"], r


def test_unsafe_fixes_from_config_and_overridden(tmp_path):
    q = "UNWIND [{key: 1}, {key: 1}] AS row MERGE (n:X {key: row.key})\n"
    write(tmp_path / "cypherlint.toml", 'target = "arcadedb@26.5"\nselect = ["ARC501"]\nunsafe-fixes = true\n')
    p = write(tmp_path / "q.cypher", q)
    r = cypherlint("--diff", "--no-unsafe-fixes", "q.cypher", cwd=tmp_path)
    assert r.code == 0 and r.out == "", r
    r = cypherlint("--diff", "q.cypher", cwd=tmp_path)
    assert r.code == 1 and "head(collect(row))" in r.out, r
    assert p.read_text(encoding="utf-8") == q


@pytest.mark.parametrize("body,needle", [
    ('[tool.cypherlint]\ntarget = "arcadedb"\nselct = ["ARC1"]\n', "unknown [tool.cypherlint] key 'selct' (did you mean 'select'?)"),
    ('[tool.cypherlint]\ntarget = "neo4j"\n', "[tool.cypherlint] key 'target': unknown target 'neo4j'"),
    ('[tool.cypherlint]\nselect = "ARC1"\n', "[tool.cypherlint] key 'select': expected a list"),
    ('[tool.cypherlint]\nignore = ["ARC999"]\n', "[tool.cypherlint] key 'ignore': unknown rule code or prefix 'ARC999'"),
    ('[tool.cypherlint]\nunsafe-fixes = "yes"\n', "[tool.cypherlint] key 'unsafe-fixes': expected true or false"),
    ('[tool.cypherlint]\nexclude = [1]\n', "[tool.cypherlint] key 'exclude': expected a list of path globs"),
    ('[tool.cypherlint.per-file-ignores]\n"x/**" = ["NOPE1"]\n', "key 'per-file-ignores', entry 'x/**'"),
    ('[tool.cypherlint]\ntarget = \n', "invalid TOML"),
])
def test_bad_config_is_exit_2_naming_file_and_key(tmp_path, body, needle):
    write(tmp_path / "pyproject.toml", body)
    write(tmp_path / "q.cypher", BAD)
    r = cypherlint("q.cypher", cwd=tmp_path)
    assert r.code == 2, r
    assert_no_traceback(r)
    assert "pyproject.toml" in r.err and needle in r.err, r.err


def test_invalid_toml_error_has_a_position(tmp_path):
    write(tmp_path / "cypherlint.toml", 'target = "arcadedb"\nselect = [1,,]\nignore = []\n')
    write(tmp_path / "q.cypher", BAD)
    r = cypherlint("q.cypher", cwd=tmp_path)
    assert r.code == 2 and "cypherlint.toml: invalid TOML" in r.err and "line 2" in r.err, r


def test_explicit_config_file(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.cypherlint]\ntarget = "arcadedb@26.10.2"\n')
    write(tmp_path / "ci" / "strict.toml", 'target = "arcadedb@26.5"\nselect = ["ARC101"]\n')
    write(tmp_path / "q.cypher", BAD)
    assert cypherlint("q.cypher", cwd=tmp_path).code == 0
    r = cypherlint("--config", "ci/strict.toml", "q.cypher", cwd=tmp_path)
    assert r.code == 1 and codes(r) == ["ARC101"], r
    r = cypherlint("--config", "ci/missing.toml", "q.cypher", cwd=tmp_path)
    assert r.code == 2 and "ci/missing.toml: configuration file not found" in r.err
    write(tmp_path / "ci" / "bad.toml", 'colour = true\n')
    r = cypherlint("--config", "ci/bad.toml", "q.cypher", cwd=tmp_path)
    assert r.code == 2 and "ci/bad.toml: unknown key 'colour'" in r.err, r
