"""The ``cypherlint`` command, run for real in a subprocess on files on disk.

Queries are pinned to one rule with ``--select`` (and a target) so that rules added later do not
change what these tests expect: ARC101 (count(*) over an anonymous typed relationship, safe fix)
fires on ArcadeDB 26.5.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess

import pytest

from clitools import assert_no_traceback, cypherlint, write

BAD = "MATCH ()-[:KNOWS]->() RETURN count(*) AS c"
FIXED = "MATCH ()-[r:KNOWS]->() RETURN count(*) AS c"
GOOD = "MATCH (n:Person) RETURN n.name AS name"
PIN = ("--target", "arcadedb@26.5", "--select", "ARC101,E,CL100")


# ---------------------------------------------------------------------------------- exit codes


def test_clean_file_exits_0_and_prints_nothing(tmp_path):
    write(tmp_path / "ok.cypher", GOOD + "\n")
    r = cypherlint(*PIN, "ok.cypher", cwd=tmp_path)
    assert r.code == 0, r
    assert r.out == "" and r.err == ""


def test_diagnostic_exits_1_with_location_excerpt_caret_and_summary(tmp_path):
    write(tmp_path / "q.cypher", "// header\n" + BAD + ";\n")
    r = cypherlint(*PIN, "q.cypher", cwd=tmp_path)
    assert r.code == 1, r
    lines = r.out.splitlines()
    assert lines[0].startswith("q.cypher:2:10: ARC101 [*] ")
    assert "2 | " + BAD + ";" in r.out
    caret = next(line for line in lines if "^" in line)
    assert caret.index("^") == lines[lines.index(caret) - 1].index("[:KNOWS]")
    assert "= help:" in r.out
    assert "Found 1 diagnostic in 1 file (1 fixable with --fix)." in r.out
    assert "\x1b[" not in r.out  # no colour when not on a terminal


def test_exit_zero_and_quiet_and_statistics(tmp_path):
    write(tmp_path / "q.cypher", f"{BAD};\n{BAD};\n")
    r = cypherlint(*PIN, "--exit-zero", "q.cypher", cwd=tmp_path)
    assert r.code == 0 and "ARC101" in r.out
    r = cypherlint(*PIN, "--quiet", "q.cypher", cwd=tmp_path)
    assert r.code == 1 and "Found" not in r.out and "ARC101" in r.out
    r = cypherlint(*PIN, "--statistics", "q.cypher", cwd=tmp_path)
    assert r.code == 1
    assert r.out.split() == ["2", "ARC101", "[*]", "anonymous-relationship-count"]


def test_bad_flag_is_a_usage_error(tmp_path):
    r = cypherlint("--no-such-flag", cwd=tmp_path)
    assert r.code == 2 and "--no-such-flag" in r.err
    assert_no_traceback(r)


def test_unknown_target_lists_the_valid_ones(tmp_path):
    write(tmp_path / "q.cypher", GOOD)
    r = cypherlint("--target", "neo4j@5", "q.cypher", cwd=tmp_path)
    assert r.code == 2, r
    assert "neo4j@5" in r.err and "arcadedb-legacy" in r.err and "arcadedb@X.Y" in r.err
    assert_no_traceback(r)


@pytest.mark.parametrize("flag", ["--select", "--ignore", "--extend-select"])
def test_unknown_rule_code_is_a_usage_error(tmp_path, flag):
    write(tmp_path / "q.cypher", GOOD)
    r = cypherlint(flag, "ARC101,XYZ9", "q.cypher", cwd=tmp_path)
    assert r.code == 2 and "XYZ9" in r.err, r
    assert_no_traceback(r)


def test_select_ignore_are_comma_separated_repeatable_and_prefixes(tmp_path):
    write(tmp_path / "q.cypher", f"{BAD};\nMATCH (n) RETURN n // noqa\n")
    r = cypherlint("--target", "arcadedb@26.5", "--select", "ARC1", "--select", "CL", "q.cypher", cwd=tmp_path)
    assert {line.split()[1] for line in r.out.splitlines() if ": " in line and line.startswith("q.")} == \
        {"ARC101", "CL100"}, r
    r = cypherlint("--target", "arcadedb@26.5", "--select", "ARC1,CL", "--ignore", "CL1", "q.cypher", cwd=tmp_path)
    assert "ARC101" in r.out and "CL100" not in r.out
    r = cypherlint("--target", "arcadedb@26.5", "--select", "CL", "--extend-select", "ARC101", "q.cypher",
                   cwd=tmp_path)
    assert "ARC101" in r.out and "CL100" in r.out


def test_version(tmp_path):
    import cypherlint as lib

    r = cypherlint("--version", cwd=tmp_path)
    assert r.code == 0 and r.out.strip() == f"cypherlint {lib.__version__}"


def test_missing_path_is_an_error_but_other_files_are_checked(tmp_path):
    write(tmp_path / "q.cypher", BAD)
    r = cypherlint(*PIN, "nope.cypher", "q.cypher", cwd=tmp_path)
    assert r.code == 2, r
    assert "nope.cypher: no such file or directory" in r.err
    assert "q.cypher:1:10: ARC101" in r.out


# ---------------------------------------------------------------------------------- bad files


def test_binary_and_bad_utf8_files_are_reported_with_positions_and_others_still_checked(tmp_path):
    write(tmp_path / "a_binary.cypher", b"MATCH (n)\x00\x01\x02 RETURN n")
    write(tmp_path / "b_latin1.cypher", "MATCH (n)\nWHERE n.name = 'Zoë' RETURN n".encode("latin-1"))
    write(tmp_path / "c_bad.cypher", BAD)
    r = cypherlint(*PIN, ".", cwd=tmp_path)
    assert r.code == 2, r
    assert_no_traceback(r)
    assert "a_binary.cypher: binary file (NUL byte at byte offset 9)" in r.err
    # 'ë' is byte 0xeb: "MATCH (n)\n" is 10 bytes, "WHERE n.name = 'Zo" 18 more
    assert "b_latin1.cypher: not valid UTF-8: byte 0xeb at byte offset 28 (line 2, byte column 19)" in r.err
    assert "c_bad.cypher:1:10: ARC101" in r.out


def test_unreadable_file_is_reported_and_others_still_checked(tmp_path):
    write(tmp_path / "q.cypher", BAD)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "s.cypher"))  # a socket: open() fails for every user, root included
    try:
        paths = ["s.cypher", "q.cypher"]
        if os.geteuid() != 0:
            write(tmp_path / "locked.cypher", BAD)
            os.chmod(tmp_path / "locked.cypher", 0)
            paths.append("locked.cypher")
        r = cypherlint(*PIN, *paths, cwd=tmp_path)
    finally:
        sock.close()
    assert r.code == 2, r
    assert_no_traceback(r)
    assert "s.cypher: cannot read:" in r.err
    if "locked.cypher" in paths:
        assert "locked.cypher: cannot read: Permission denied" in r.err
    assert "q.cypher:1:10: ARC101" in r.out


def test_syntax_error_is_a_diagnostic_with_position(tmp_path):
    write(tmp_path / "q.cypher", "MATCH (n RETURN n")
    r = cypherlint("--select", "E001", "q.cypher", cwd=tmp_path)
    assert r.code == 1 and r.out.startswith("q.cypher:1:") and " E001 " in r.out.splitlines()[0], r


# ---------------------------------------------------------------------------------- --fix, --diff


def test_fix_rewrites_in_place_and_reports_what_is_left(tmp_path):
    p = write(tmp_path / "q.cypher", f"{BAD};\nMATCH (n) RETURN n // noqa: ARC101, ARC102\n")
    os.chmod(p, 0o640)
    r = cypherlint(*PIN, "--fix", "q.cypher", cwd=tmp_path)
    # ARC101 fixed; the noqa names codes that never occur: CL100 stays (no fix when... it has one: removed)
    text = p.read_text(encoding="utf-8")
    assert text.startswith(FIXED + ";\n"), text
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert "Fixed" in r.out
    r2 = cypherlint(*PIN, "q.cypher", cwd=tmp_path)
    assert r2.code == (1 if "CL100" in r2.out else 0)
    assert "ARC101" not in r2.out


def test_fix_to_nothing_left_exits_0(tmp_path):
    p = write(tmp_path / "q.cypher", BAD + "\n")
    r = cypherlint(*PIN, "--fix", "q.cypher", cwd=tmp_path)
    assert r.code == 0, r
    assert p.read_text(encoding="utf-8") == FIXED + "\n"
    assert "Fixed 1 diagnostic in 1 file; nothing left." in r.out


def test_fix_keeps_crlf_line_endings_and_bom(tmp_path):
    p = write(tmp_path / "q.cypher", b"\xef\xbb\xbf// x\r\n" + BAD.encode() + b";\r\nRETURN 1;\r\n")
    r = cypherlint(*PIN, "--fix", "q.cypher", cwd=tmp_path)
    assert r.code == 0, r
    assert p.read_bytes() == b"\xef\xbb\xbf// x\r\n" + FIXED.encode() + b";\r\nRETURN 1;\r\n"


def test_diff_writes_nothing_and_exits_1_when_there_is_a_diff(tmp_path):
    p = write(tmp_path / "q.cypher", BAD + "\n")
    r = cypherlint(*PIN, "--diff", "q.cypher", cwd=tmp_path)
    assert r.code == 1, r
    assert p.read_text(encoding="utf-8") == BAD + "\n"
    assert r.out.splitlines()[:2] == ["--- a/q.cypher", "+++ b/q.cypher"]
    assert "-" + BAD in r.out and "+" + FIXED in r.out
    clean = write(tmp_path / "ok.cypher", GOOD + "\n")
    r = cypherlint(*PIN, "--diff", clean.name, cwd=tmp_path)
    assert r.code == 0 and r.out == "", r


def test_fix_refuses_read_only_files_and_symlinks(tmp_path):
    ro = write(tmp_path / "ro.cypher", BAD + "\n")
    os.chmod(ro, 0o444)
    real = write(tmp_path / "real" / "target.cypher", BAD + "\n")
    (tmp_path / "link.cypher").symlink_to(real)
    r = cypherlint(*PIN, "--fix", "ro.cypher", "link.cypher", cwd=tmp_path)
    assert r.code == 2, r
    assert_no_traceback(r)
    assert "ro.cypher: file is read-only; not rewritten" in r.err
    assert "link.cypher: is a symbolic link" in r.err
    assert ro.read_text(encoding="utf-8") == BAD + "\n"
    assert real.read_text(encoding="utf-8") == BAD + "\n"
    assert (tmp_path / "link.cypher").is_symlink()
    # what was not written is still reported as it is in the file
    assert "ro.cypher:1:10: ARC101" in r.out


def test_unsafe_fixes_flag(tmp_path):
    q = ("UNWIND [{key: 1, v: 1}, {key: 1, v: 2}] AS row MERGE (n:X {key: row.key}) SET n.v = row.v\n")
    p = write(tmp_path / "q.cypher", q)
    args = ("--target", "arcadedb@26.5", "--select", "ARC501")
    r = cypherlint(*args, "--fix", "q.cypher", cwd=tmp_path)
    assert r.code == 1 and p.read_text(encoding="utf-8") == q, r
    assert "1 more with --unsafe-fixes" in r.out
    r = cypherlint(*args, "--fix", "--unsafe-fixes", "q.cypher", cwd=tmp_path)
    assert r.code == 0, r
    assert "head(collect(row))" in p.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------- stdin


def test_stdin_with_filename(tmp_path):
    r = cypherlint(*PIN, "-", input=BAD + "\n", cwd=tmp_path)
    assert r.code == 1 and r.out.startswith("-:1:10: ARC101"), r
    r = cypherlint(*PIN, "--stdin-filename", "queries/x.cypher", "-", input=BAD + "\n", cwd=tmp_path)
    assert r.out.startswith("queries/x.cypher:1:10: ARC101"), r


def test_stdin_fix_prints_the_fixed_text(tmp_path):
    r = cypherlint(*PIN, "--fix", "-", input=BAD + "\n", cwd=tmp_path)
    assert r.code == 0, r
    assert r.out == FIXED + "\n"


def test_stdin_filename_selects_config(tmp_path):
    write(tmp_path / "sub" / "cypherlint.toml", 'ignore = ["ARC101"]\n')
    r = cypherlint(*PIN, "--stdin-filename", "q.cypher", "-", input=BAD, cwd=tmp_path)
    assert r.code == 1, r
    r = cypherlint(*PIN, "--stdin-filename", "sub/q.cypher", "-", input=BAD, cwd=tmp_path)
    assert r.code == 0 and r.out == "", r


# ---------------------------------------------------------------------------------- noqa


def test_noqa_inline_file_wide_and_unused(tmp_path):
    write(tmp_path / "inline.cypher", f"{BAD} // noqa: ARC101\n")
    write(tmp_path / "bare.cypher", f"{BAD} // noqa\n")
    write(tmp_path / "filewide.cypher", f"// cypherlint: noqa\n{BAD};\n{BAD};\n")
    write(tmp_path / "unused.cypher", f"{GOOD} // noqa: ARC101\n")
    r = cypherlint(*PIN, "inline.cypher", "bare.cypher", "filewide.cypher", cwd=tmp_path)
    assert r.code == 0 and r.out == "", r
    r = cypherlint(*PIN, "unused.cypher", cwd=tmp_path)
    assert r.code == 1
    assert "unused.cypher:1:" in r.out and "CL100" in r.out and "no ARC101 diagnostic on this line" in r.out


# ---------------------------------------------------------------------------------- walking


def _listed(run) -> set[str]:
    return {line.split(":")[0] for line in run.out.splitlines() if ": ARC101" in line}


def test_walk_finds_cypher_suffixes_and_skips_excluded_dirs(tmp_path):
    for name in ("a.cypher", "b.cql", "c.cyp", "sub/d.cypher", "node_modules/x.cypher", ".venv/y.cypher",
                 "notes.txt"):
        write(tmp_path / name, BAD)
    r = cypherlint(*PIN, ".", cwd=tmp_path)
    assert _listed(r) == {"a.cypher", "b.cql", "c.cyp", "sub/d.cypher"}, r


def test_gitignored_paths_are_skipped_in_a_git_repo(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / ".gitignore", "generated/\n*.tmp.cypher\n!keep.tmp.cypher\n")
    for name in ("a.cypher", "generated/g.cypher", "x.tmp.cypher", "keep.tmp.cypher", "sub/deep/z.cypher"):
        write(tmp_path / name, BAD)
    write(tmp_path / "sub" / ".gitignore", "deep/\n")
    r = cypherlint(*PIN, ".", cwd=tmp_path)
    assert _listed(r) == {"a.cypher", "keep.tmp.cypher"}, r
    # a file named explicitly is checked even when ignored
    r = cypherlint(*PIN, "generated/g.cypher", cwd=tmp_path)
    assert _listed(r) == {"generated/g.cypher"}


def test_symlinks_never_lead_out_of_the_roots(tmp_path):
    outside = write(tmp_path / "outside" / "o.cypher", BAD)
    root = tmp_path / "root"
    write(root / "in.cypher", BAD)
    (root / "out_link.cypher").symlink_to(outside)
    (root / "out_dir").symlink_to(outside.parent, target_is_directory=True)
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "same.cypher").symlink_to(root / "in.cypher")
    r = cypherlint(*PIN, "root", cwd=tmp_path)
    assert_no_traceback(r)
    assert _listed(r) == {"root/in.cypher"}, r


def test_exclude_and_extend_exclude_from_config(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.cypherlint]\nextend-exclude = ["legacy", "gen/**"]\n')
    for name in ("a.cypher", "legacy/l.cypher", "gen/x/g.cypher", "node_modules/n.cypher"):
        write(tmp_path / name, BAD)
    r = cypherlint(*PIN, ".", cwd=tmp_path)
    assert _listed(r) == {"a.cypher"}, r
    write(tmp_path / "pyproject.toml", '[tool.cypherlint]\nexclude = ["legacy"]\n')
    r = cypherlint(*PIN, ".", cwd=tmp_path)
    assert _listed(r) == {"a.cypher", "gen/x/g.cypher", "node_modules/n.cypher"}, r


# ---------------------------------------------------------------------------------- subcommands


def test_rules_table_and_rule_page(tmp_path):
    from cypherlint.rules import ALL_RULES

    r = cypherlint("rules", cwd=tmp_path)
    assert r.code == 0, r
    header = r.out.splitlines()[0].split()
    assert header[:4] == ["CODE", "NAME", "FIX", "AFFECTED"]
    codes = [line.split()[0] for line in r.out.splitlines()[1:]]
    assert set(codes) >= {rule.code for rule in ALL_RULES} | {"E001", "CL100"}
    row = next(line for line in r.out.splitlines() if line.startswith("ARC101 "))
    assert "anonymous-relationship-count" in row and "safe" in row
    r = cypherlint("rule", "arc101", cwd=tmp_path)
    assert r.code == 0 and r.out.startswith("ARC101 (anonymous-relationship-count)")
    assert "Fix safety" in r.out and "Flagged" in r.out and BAD in r.out
    r = cypherlint("rule", "ARC10", cwd=tmp_path)
    assert r.code == 2 and "unknown rule code" in r.err and "ARC101" in r.err
    assert_no_traceback(r)


def test_a_path_named_like_a_subcommand(tmp_path):
    write(tmp_path / "rules", BAD)
    r = cypherlint("rules", cwd=tmp_path)
    assert r.code == 0 and r.out.startswith("CODE"), r
    for args in (("./rules",), ("check", "rules"), ("--target", "arcadedb@26.5", "rules")):
        r = cypherlint("--select", "ARC101", *args, cwd=tmp_path) if args[0] != "check" else \
            cypherlint("check", "--target", "arcadedb@26.5", "--select", "ARC101", "rules", cwd=tmp_path)
        assert r.code == 1 and "ARC101" in r.out, (args, r)


@pytest.mark.parametrize("name", ["ddl", "probe"])
def test_lazy_subcommands_never_break_the_cli(tmp_path, name):
    r = cypherlint(name, "--help", cwd=tmp_path)
    assert_no_traceback(r)
    if r.code == 0:
        assert "Usage:" in r.out
    else:
        assert r.code == 2 and f"cypherlint {name}` is not available" in r.err


def test_help_lists_subcommands(tmp_path):
    r = cypherlint("--help", cwd=tmp_path)
    assert r.code == 0
    for word in ("--fix", "--diff", "--output-format", "cypherlint rules", "cypherlint rule CODE"):
        assert word in r.out


# ---------------------------------------------------------------------------------- parallel, cache


def test_parallel_run_matches_serial_run_in_order(tmp_path):
    queries = [BAD, GOOD, "MATCH (a)-[:R]->(b) RETURN count(*) AS n", "MATCH (n RETURN n"]
    for i in range(240):
        write(tmp_path / f"d{i % 7}" / f"q{i:03d}.cypher", (queries[i % 4] + ";\n") * 40)
    auto = cypherlint(*PIN, "--output-format", "json", ".", cwd=tmp_path, env={"CYPHERLINT_JOBS": "2"})
    serial = cypherlint(*PIN, "--output-format", "json", ".", cwd=tmp_path, env={"CYPHERLINT_JOBS": "1"})
    assert auto.code == serial.code == 1
    assert auto.out == serial.out
    import json

    names = [d["filename"] for d in json.loads(auto.out)]
    assert names == sorted(names)


def test_cache_is_written_reused_and_invalidated_by_content(tmp_path):
    p = write(tmp_path / "q.cypher", BAD)
    env = {"CYPHERLINT_NO_CACHE": None}
    r1 = cypherlint(*PIN, "q.cypher", cwd=tmp_path, env=env)
    cache_files = list((tmp_path / ".cypherlint_cache").rglob("results.json"))
    assert r1.code == 1 and len(cache_files) == 1
    r2 = cypherlint(*PIN, "q.cypher", cwd=tmp_path, env=env)
    assert r2.out == r1.out and r2.code == 1
    p.write_text(GOOD, encoding="utf-8")
    r3 = cypherlint(*PIN, "q.cypher", cwd=tmp_path, env=env)
    assert r3.code == 0 and r3.out == ""
    # a different selection is a different key
    p.write_text(BAD, encoding="utf-8")
    r4 = cypherlint("--target", "arcadedb@26.5", "--select", "E", "q.cypher", cwd=tmp_path, env=env)
    assert r4.code == 0, r4
    other = tmp_path / "other"
    other.mkdir()
    write(other / "q.cypher", BAD)
    r5 = cypherlint(*PIN, "--no-cache", "q.cypher", cwd=other, env=env)
    assert r5.code == 1 and not (other / ".cypherlint_cache").exists()


def test_colour_only_when_forced_or_on_a_terminal(tmp_path):
    write(tmp_path / "q.cypher", BAD)
    r = cypherlint(*PIN, "q.cypher", cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in r.out
    r = cypherlint(*PIN, "q.cypher", cwd=tmp_path, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in r.out


def test_examples_behave_as_the_readme_says(tmp_path):
    import shutil

    from clitools import ROOT

    ex = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", ex)
    before = cypherlint("examples", cwd=tmp_path)
    assert before.code == 1 and "[*]" in before.out, before
    fixed = cypherlint("--fix", "examples", cwd=tmp_path)
    assert fixed.code == 1 and "Fixed" in fixed.out, fixed
    after = cypherlint("examples", cwd=tmp_path)
    assert after.code == 1 and " [*] " not in after.out, after  # only what needs a person is left
    again = cypherlint("--fix", "--unsafe-fixes", "examples", cwd=tmp_path)
    assert again.code == 1, again
    final = cypherlint("--diff", "--unsafe-fixes", "examples", cwd=tmp_path)
    assert final.code == 0 and final.out == "", final  # fixing is a fixpoint


def test_stdin_fix_passes_undecodable_input_through(tmp_path):
    data = b"MATCH (n)\xff RETURN n\n"
    r = cypherlint("--fix", "-", input=data, cwd=tmp_path)
    assert r.code == 2 and "not valid UTF-8: byte 0xff at byte offset 9" in r.err, r
    assert r.out.startswith("MATCH (n)") and r.out.endswith(" RETURN n\n"), r


def test_a_rewrite_that_would_break_parsing_is_refused():
    from cypherlint.cli import _fixed_text_problem

    ok = "MATCH (n) RETURN n"
    assert _fixed_text_problem(ok, "MATCH (n)-[r]->(m) RETURN n", "q.cypher", "cypher", "arcadedb") is None
    assert "syntax error" in _fixed_text_problem(ok, "MATCH (n RETURN n", "q.cypher", "cypher", "arcadedb")
    py_ok = 'session.run("MATCH (n) RETURN n")\n'
    assert "invalid" in _fixed_text_problem(py_ok, 'session.run("MATCH (n) RETURN n)\n', "q.py", "python",
                                            "arcadedb")


def test_a_missing_subcommand_module_gives_a_clear_error_not_a_traceback(tmp_path):
    import sys

    from clitools import ROOT

    code = ("import sys; from cypherlint import cli\n"
            "cli.LAZY['ghost'] = ('cypherlint.commands.no_such_module', 'ghost', 'x')\n"
            "cli.SUBCOMMANDS = (*cli.SUBCOMMANDS, 'ghost')\n"
            "sys.exit(cli.main(['ghost', '--flag']))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 2, proc
    assert "`cypherlint ghost` is not available in this installation" in proc.stderr
    assert "no_such_module" in proc.stderr and "Traceback" not in proc.stderr
    rules = subprocess.run([sys.executable, "-c", code.replace("'ghost', '--flag'", "'rules'")], cwd=tmp_path,
                           capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert rules.returncode == 0 and "ARC101" in rules.stdout
