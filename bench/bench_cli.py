"""How much does the whole ``cypherlint`` command cost over the library on the same queries?

Writes N queries of the real-world corpus (../shared/corpus/realworld/queries.jsonl) as N small
.cypher files in a temporary directory, then measures

* library: ``cypherlint.lint`` on the same texts, in this (already warm) process — the floor;
* library, cold: the same in a fresh ``python`` process, start-up and imports included;
* CLI: the full ``cypherlint --no-cache DIR`` process (start-up, walking, reading, linting, output)
  as it chooses by itself, forced to 2 workers, forced serial (``CYPHERLINT_JOBS``), and with the
  cache warm.

Usage: python bench/bench_cli.py [--files 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "realworld" / "queries.jsonl"


def load_queries(n: int) -> list[str]:
    out, seen = [], set()
    with open(CORPUS, encoding="utf-8") as f:
        for line in f:
            q = json.loads(line)["query"]
            if q in seen:
                continue
            seen.add(q)
            out.append(q)
            if len(out) == n:
                break
    return out


def write_files(queries: list[str], directory: Path) -> list[Path]:
    paths = []
    for i, q in enumerate(queries):
        sub = directory / f"d{i // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        p = sub / f"q{i:05d}.cypher"
        p.write_text(q + "\n", encoding="utf-8")
        paths.append(p)
    return paths


def timed(cmd: list[str], env=None, cwd=None) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system, the process and its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"{cmd} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import cypherlint

    queries = load_queries(args.files)
    tmp = Path(tempfile.mkdtemp(prefix="cypherlint-bench-"))
    try:
        paths = write_files(queries, tmp / "corpus")
        texts = [p.read_text(encoding="utf-8") for p in paths]
        cypherlint.lint("MATCH (n) RETURN n")  # warm: the library floor excludes start-up

        lib, lib_cpu = [], []
        for _ in range(args.repeat):
            t, c = time.perf_counter(), time.process_time()
            for text in texts:
                cypherlint.lint(text)
            lib.append(time.perf_counter() - t)
            lib_cpu.append(time.process_time() - c)

        script = (
            "import sys, pathlib, cypherlint\n"
            "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.cypher')):\n"
            "    cypherlint.lint(p.read_text(encoding='utf-8'))\n"
        )
        cold = [timed([sys.executable, "-c", script, str(tmp / "corpus")]) for _ in range(args.repeat)]

        exe = [sys.executable, "-m", "cypherlint"]
        env = dict(os.environ)
        cli = [timed(exe + ["--no-cache", "corpus"], env=env, cwd=tmp) for _ in range(args.repeat)]
        two = [timed(exe + ["--no-cache", "corpus"], env=dict(env, CYPHERLINT_JOBS="2"), cwd=tmp)
               for _ in range(args.repeat)]
        serial_env = dict(env, CYPHERLINT_JOBS="1")
        serial = [timed(exe + ["--no-cache", "corpus"], env=serial_env, cwd=tmp) for _ in range(args.repeat)]
        timed(exe + ["corpus"], env=env, cwd=tmp)  # fill the cache
        cached = [timed(exe + ["corpus"], env=env, cwd=tmp) for _ in range(args.repeat)]

        def med(xs, i=0):
            return statistics.median(x[i] if isinstance(x, tuple) else x for x in xs)

        base = med(lib)
        chars = sum(len(t) for t in texts)
        print(f"{len(texts)} files, {chars} characters, {os.cpu_count()} cores, median of {args.repeat}; "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"{'':28}{'wall':>8}{'cpu':>8}{'wall / library':>16}")
        print(f"{'library, warm, in-process':28}{base:8.2f}{med(lib_cpu):8.2f}{1.0:15.2f}x")
        for name, xs in (("library, fresh process", cold), ("CLI --no-cache (auto)", cli), ("CLI --no-cache, 2 workers", two),
                         ("CLI --no-cache, serial", serial), ("CLI, cache warm", cached)):
            print(f"{name:28}{med(xs):8.2f}{med(xs, 1):8.2f}{med(xs) / base:15.2f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
