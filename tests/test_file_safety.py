"""`cypherlint --fix` never loses a byte: atomic replace, file attributes kept, interruptions safe.

Runs the real CLI in a subprocess:

- a fix keeps the file's mode, line endings (LF, CRLF, and mixed files byte for byte outside the
  fixes), UTF-8 BOM and non-ASCII text;
- symlinks and read-only files are left alone with a clear message, and nothing outside the given
  roots is ever touched (symlinked directories, `..` links, loops);
- a run killed mid-write (SIGKILL or SIGINT, at varied delays after the first file is replaced)
  leaves every file byte-identical to either its original or its fully fixed version: 20
  repetitions of each signal.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cypherlint

TARGET = "arcadedb@26.5"  # ARC102 (label disjunction) has a safe fix there


def run_cli(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, CYPHERLINT_NO_CACHE="1")
    return subprocess.run([sys.executable, "-m", "cypherlint", "--no-cache", "--target", TARGET, *args],
                          cwd=str(cwd), capture_output=True, text=True, timeout=timeout, env=env,
                          stdin=subprocess.DEVNULL)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every regular file under root (symlinks not followed), relative path -> bytes."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames:
            p = Path(dirpath) / name
            if not p.is_symlink():
                out[p.relative_to(root).as_posix()] = p.read_bytes()
    return out


def expected_fix(text: str) -> str:
    return cypherlint.fix(text, target=TARGET).query


# ------------------------------------------------------------------------------ attributes


def test_fix_keeps_mode_line_endings_bom_and_text(tmp_path):
    q = "MATCH (n:A|B) RETURN n.name AS `naïve ✓`;{nl}// é — 数据{nl}MATCH (m:C|D) RETURN m{nl}"
    files = {
        "lf.cypher": (q.format(nl="\n").encode(), 0o644),
        "crlf.cypher": (q.format(nl="\r\n").encode(), 0o600),
        "bom.cypher": (b"\xef\xbb\xbf" + q.format(nl="\n").encode(), 0o640),
        "bom_crlf.cypher": (b"\xef\xbb\xbf" + q.format(nl="\r\n").encode(), 0o755),
        # mixed endings: the lines the fixes do not touch keep theirs, byte for byte
        "mixed.cypher": (b"MATCH (n:A|B) RETURN n;\nMATCH (m:C|D) RETURN m\r\n// a\r\n// b\n// c\r\n", 0o664),
        "mixed_mostly_lf.cypher": (b"// a\r\nMATCH (n:A|B) RETURN n;\n// b\n// c\n", 0o644),
    }
    for name, (data, mode) in files.items():
        (tmp_path / name).write_bytes(data)
        os.chmod(tmp_path / name, mode)
    proc = run_cli(["--fix", "."], tmp_path)
    assert proc.returncode == 0, proc.stderr
    for name, (data, mode) in files.items():
        p = tmp_path / name
        out = p.read_bytes()
        assert stat.S_IMODE(p.stat().st_mode) == mode, name
        assert out != data, f"{name} was not fixed"
        bom = data.startswith(b"\xef\xbb\xbf")
        assert out.startswith(b"\xef\xbb\xbf") == bom, name
        text_in = data[3 if bom else 0:].decode("utf-8")
        text_out = out[3 if bom else 0:].decode("utf-8")
        assert text_out == expected_fix(text_in), f"{name}: the written text is not the library's fix"
        assert _line_endings(text_out) == _line_endings(text_in), f"{name}: line endings changed"


def _line_endings(text: str) -> list[str]:
    return ["\r\n" if text[i - 1 : i] == "\r" else "\n" for i, ch in enumerate(text) if ch == "\n"]


def test_read_only_file_is_left_alone_with_a_message(tmp_path):
    p = tmp_path / "ro.cypher"
    p.write_bytes(b"MATCH (n:A|B) RETURN n\n")
    os.chmod(p, 0o444)
    ok = tmp_path / "ok.cypher"
    ok.write_bytes(b"MATCH (n:A|B) RETURN n\n")
    proc = run_cli(["--fix", "."], tmp_path)
    assert p.read_bytes() == b"MATCH (n:A|B) RETURN n\n"
    assert stat.S_IMODE(p.stat().st_mode) == 0o444
    assert "ro.cypher" in proc.stderr and "read-only" in proc.stderr, proc.stderr
    assert ok.read_bytes() != b"MATCH (n:A|B) RETURN n\n", "the writable file beside it is still fixed"
    assert proc.returncode == 2


def test_symlinks_are_never_replaced_and_never_lead_outside_the_roots(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    (root / "sub").mkdir(parents=True)
    outside.mkdir()
    bad = b"MATCH (n:A|B) RETURN n\n"
    (outside / "o.cypher").write_bytes(bad)
    (root / "inside.cypher").write_bytes(bad)
    os.symlink(outside / "o.cypher", root / "to_outside_file.cypher")
    os.symlink(outside, root / "sub" / "to_outside_dir")
    os.symlink(root / "inside.cypher", root / "sub" / "to_inside.cypher")
    os.symlink("..", root / "sub" / "up")  # a loop back into the root
    os.symlink(tmp_path, root / "sub" / "to_parent")  # a link above the root
    proc = run_cli(["--fix", "root"], tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert (outside / "o.cypher").read_bytes() == bad, "a file outside the root was rewritten"
    assert (root / "inside.cypher").read_bytes() == expected_fix(bad.decode()).encode()
    for link in ("to_outside_file.cypher", "sub/to_outside_dir", "sub/to_inside.cypher", "sub/up", "sub/to_parent"):
        assert (root / link).is_symlink(), f"{link} is no longer a symlink"
    # named explicitly, a symlink is refused with a message, and its target is untouched
    proc = run_cli(["--fix", "root/to_outside_file.cypher"], tmp_path)
    assert (outside / "o.cypher").read_bytes() == bad
    assert (root / "to_outside_file.cypher").is_symlink()
    assert proc.returncode == 2 and "to_outside_file.cypher" in proc.stderr, (proc.returncode, proc.stderr)
    assert "link" in proc.stderr.lower() or "outside" in proc.stderr.lower(), proc.stderr


# ------------------------------------------------------------------------------ interruption

N_FILES = 160


def _make_tree(root: Path) -> None:
    """Files of every kind the CLI fixes, some big (a partial write would show), all needing a fix."""
    for i in range(N_FILES):
        d = root / f"d{i % 7}" / f"e{i % 3}"
        d.mkdir(parents=True, exist_ok=True)
        nl = "\r\n" if i % 5 == 0 else "\n"
        filler = f"// {'x' * 200} {i}{nl}" * (400 if i % 9 == 0 else 1)
        if i % 11 == 0:
            (d / f"m{i}.md").write_text(f"# doc {i}\n\n```cypher\nMATCH (n:A{i}|B) RETURN n\n```\n{filler}",
                                        encoding="utf-8", newline="")
        elif i % 13 == 0:
            (d / f"p{i}.py").write_text(f"def f(session):\n    {filler.strip() and '# c'}\n"
                                        f"    return session.run(\"MATCH (n:A{i}|B) RETURN n\")\n",
                                        encoding="utf-8", newline="")
        else:
            body = f"MATCH (n:A{i}|B) RETURN n.name AS name;{nl}{filler}MATCH (m:C|D{i})-->(x) RETURN m{nl}"
            data = body.encode("utf-8")
            (d / f"q{i}.cypher").write_bytes(b"\xef\xbb\xbf" + data if i % 4 == 0 else data)


@pytest.fixture(scope="module")
def fix_tree(tmp_path_factory):
    """(template, originals, fixed): the tree, its bytes, and its bytes after a complete --fix run."""
    base = tmp_path_factory.mktemp("kill")
    template = base / "template"
    _make_tree(template)
    originals = snapshot(template)
    done = base / "done"
    shutil.copytree(template, done, symlinks=True)
    proc = run_cli(["--fix", "-q", "."], done)
    assert proc.returncode == 0, proc.stderr
    fixed = snapshot(done)
    assert fixed.keys() == originals.keys()
    changed = [k for k in originals if originals[k] != fixed[k]]
    assert len(changed) == len(originals), f"{len(originals) - len(changed)} files need no fix"
    return template, originals, fixed


def _interrupt(template: Path, originals, work: Path, sig: int, delay: float) -> tuple[int, str]:
    """Copy the tree to ``work``, run --fix there and send ``sig`` to its process group ``delay``
    seconds after the first file is replaced (os.replace gives it a new inode)."""
    shutil.copytree(template, work, symlinks=True)
    inodes = {p: os.stat(work / p).st_ino for p in originals}
    env = dict(os.environ, CYPHERLINT_NO_CACHE="1")
    proc = subprocess.Popen([sys.executable, "-m", "cypherlint", "--no-cache", "--target", TARGET, "--fix", "-q", "."],
                            cwd=str(work), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < deadline:
            if any(os.stat(work / p).st_ino != ino for p, ino in inodes.items()):
                break
            time.sleep(0.002)
        time.sleep(delay)
        if proc.poll() is None:
            os.killpg(proc.pid, sig)
    finally:
        try:
            _, err = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            _, err = proc.communicate()
    return proc.returncode, err


@pytest.mark.slow
@pytest.mark.parametrize("rep", range(20))
def test_killed_mid_run_every_file_is_old_or_new(fix_tree, tmp_path, rep):
    template, originals, fixed = fix_tree
    for sig in (signal.SIGKILL, signal.SIGINT):
        delay = (rep % 10) * 0.025  # 0 .. 0.225 s after the first replaced file
        for attempt in range(4):
            work = tmp_path / f"{signal.Signals(sig).name}-{attempt}"
            status, err = _interrupt(template, originals, work, sig, delay)
            after = snapshot(work)
            temp = sorted(k for k in after if k not in originals)
            for k in temp:
                assert Path(k).name.startswith(".cypherlint-") and k.endswith(".tmp"), f"unexpected file {k}"
            assert set(originals) <= set(after), f"files disappeared: {sorted(set(originals) - set(after))}"
            bad = [k for k in originals if after[k] not in (originals[k], fixed[k])]
            assert not bad, f"{signal.Signals(sig).name} at +{delay:.3f}s left partial files: {bad[:5]}"
            done = [k for k in originals if after[k] == fixed[k]]
            if sig == signal.SIGINT:
                assert not temp, f"SIGINT left temporary files behind: {temp}"
                # The signal can land after the last write (the run is then complete and may exit 0,
                # or be a zombie already); success is only allowed when every file was fixed.
                assert status != 0 or len(done) == len(originals), (
                    f"SIGINT at +{delay:.3f}s: the run reported success with {len(done)}/{len(originals)} files fixed")
            if 0 < len(done) < len(originals):
                break  # interrupted mid-write: the case this test is about
            delay /= 3  # it finished (or had not begun writing): interrupt sooner
        else:
            pytest.fail(f"{signal.Signals(sig).name}: could not interrupt the run while it was writing")
