"""The hooks in .pre-commit-hooks.yaml, installed from this working tree by the real pre-commit tool.

A snapshot of the working tree (tracked and untracked, not ignored files) is committed to a
temporary git repository, and a user repository's ``.pre-commit-config.yaml`` points at it with
``repo:``/``rev:`` exactly as a user's would. pre-commit builds the hook environment the normal way
(language python: a virtualenv with this package pip-installed, dependencies from PyPI), once for
both hooks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from clitools import ROOT, write

pytestmark = pytest.mark.slow

BAD = "MATCH ()-[:KNOWS]->() RETURN count(*) AS c;\n"
FIXED = "MATCH ()-[r:KNOWS]->() RETURN count(*) AS c;\n"
GOOD = "MATCH (n:Person) RETURN n.name AS name;\n"


def _git(*args, cwd, env):
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.fail("git is needed for the pre-commit test")
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid", PRE_COMMIT_COLOR="never")
    env.pop("CYPHERLINT_NO_CACHE", None)
    # the hook repository: a snapshot of this working tree
    hooks = tmp_path_factory.mktemp("hook-repo")
    if (ROOT / ".git").exists():
        listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT, env=env)
        files = [f for f in listed.split("\0") if f]
    else:
        files = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file() and ".git" not in p.parts]
    for rel in files:
        src = ROOT / rel
        if src.is_file() and not src.is_symlink():
            dst = hooks / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    _git("init", "-q", ".", cwd=hooks, env=env)
    _git("add", "-A", cwd=hooks, env=env)
    _git("commit", "-q", "--no-verify", "-m", "snapshot", cwd=hooks, env=env)
    rev = _git("rev-parse", "HEAD", cwd=hooks, env=env).strip()
    # the user's repository
    work = tmp_path_factory.mktemp("user-repo")
    _git("init", "-q", ".", cwd=work, env=env)
    write(work / ".pre-commit-config.yaml",
          f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: cypherlint\n"
          "      - id: cypherlint-fix\n        stages: [manual]\n")
    write(work / "cypherlint.toml", 'target = "arcadedb@26.5"\nselect = ["ARC101"]\n')
    write(work / "bad.cypher", BAD)
    write(work / "good.cypher", GOOD)
    _git("add", ".", cwd=work, env=env)
    return work, env


def run_hook(work, env, hook, *files):
    args = [sys.executable, "-m", "pre_commit", "run", hook, "--verbose", "--files", *files]
    if hook == "cypherlint-fix":
        args[4:4] = ["--hook-stage", "manual"]
    proc = subprocess.run(args, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=900)
    return proc.returncode, proc.stdout


def test_check_hook_passes_a_good_file_and_fails_a_bad_one(repo):
    work, env = repo
    code, out = run_hook(work, env, "cypherlint", "good.cypher")
    assert code == 0, out
    assert "Passed" in out
    code, out = run_hook(work, env, "cypherlint", "bad.cypher", "good.cypher")
    assert code == 1, out
    assert "Failed" in out and "bad.cypher:1:10: ARC101" in out
    assert (work / "bad.cypher").read_text(encoding="utf-8") == BAD


def test_fix_hook_rewrites_the_bad_file(repo):
    work, env = repo
    code, out = run_hook(work, env, "cypherlint-fix", "bad.cypher", "good.cypher")
    assert code == 1, out  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in out
    assert (work / "bad.cypher").read_text(encoding="utf-8") == FIXED
    assert (work / "good.cypher").read_text(encoding="utf-8") == GOOD
    code, out = run_hook(work, env, "cypherlint", "bad.cypher")
    assert code == 0, out
