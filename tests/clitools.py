"""Run the real ``cypherlint`` command in a subprocess (helpers for the CLI, report and config tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    code: int
    out: str
    err: str

    def __repr__(self) -> str:  # shown by pytest when an assertion fails
        return f"Run(code={self.code}, out={self.out[-3000:]!r}, err={self.err[-3000:]!r})"


def cypherlint(*args, cwd=None, input: str | bytes | None = None, env: dict | None = None,
               timeout: float = 300) -> Run:
    """``python -m cypherlint ARGS`` in ``cwd``; never uses a cache unless the test asks for one."""
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    full_env.pop("FORCE_COLOR", None)
    full_env.setdefault("CYPHERLINT_NO_CACHE", "1")
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    if env:
        full_env.update(env)
        for k, v in env.items():
            if v is None:
                full_env.pop(k, None)
    data = input.encode("utf-8") if isinstance(input, str) else input
    proc = subprocess.run([sys.executable, "-m", "cypherlint", *map(str, args)], cwd=cwd, input=data,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full_env, timeout=timeout)
    return Run(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


def assert_no_traceback(run: Run) -> None:
    assert "Traceback" not in run.err and "Traceback" not in run.out, run


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path
