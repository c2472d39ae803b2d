#!/usr/bin/env python3
"""One ArcadeDB release's measuring process, driven by ``scripts/regen_compat.py``.

Runs with the Python of a virtual environment that holds one ``arcadedb-embedded`` wheel and
nothing else: it loads ``cypherlint.probe.cases`` and ``cypherlint.probe.runner`` from the source
tree without importing the rest of the package (which needs the parser runtime).

Protocol: one JSON object per line on stdin, one JSON answer per line on the original stdout
(the process's fd 1 is pointed at stderr so that anything the JVM prints cannot corrupt it).

    {"op": "hello"}                          -> {"release", "version", "package"}
    {"op": "run", "case": {...}, "query": q} -> {"outcome", "evidence", "detail"}
    {"op": "bye"}                            -> exits

A case's ``setup`` arrives already resolved to its SQL statements.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import types
from pathlib import Path


def _load_probe_modules(root: Path):
    if "cypherlint" not in sys.modules:
        pkg = types.ModuleType("cypherlint")
        pkg.__path__ = [str(root / "cypherlint")]  # a namespace for the two modules we need
        sys.modules["cypherlint"] = pkg
    from cypherlint.probe import cases, runner

    return cases, runner


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", default=str(Path(__file__).resolve().parent.parent))
    ap.add_argument("--workdir", default=None, help="where fresh databases go (default: a temp dir)")
    ap.add_argument("--heap", default="1g")
    args = ap.parse_args()

    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def answer(obj: dict) -> None:
        out.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
        out.flush()

    cases, runner_mod = _load_probe_modules(Path(args.repo))
    runner = None
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            msg = json.loads(line)
            op = msg.get("op")
            if op == "bye":
                break
            if runner is None:
                runner = runner_mod.EmbeddedRunner({}, workdir=args.workdir, heap_size=args.heap,
                                                   log_dir=os.getcwd())
            if op == "hello":
                answer({"release": runner.release, "version": runner.version, "package": runner_mod.package_version()})
            elif op == "run":
                case = cases.Case.from_dict(msg["case"])
                verdict = runner.run(case, msg.get("query"))
                answer(verdict.to_dict())
            else:
                answer({"outcome": "unknown", "evidence": f"worker: unknown op {op!r}", "detail": {}})
        except Exception as exc:  # a protocol or case problem: answer, never die silently
            answer({"outcome": "unknown", "evidence": f"worker: {type(exc).__name__}: {exc}"[:400], "detail": {}})
    if runner is not None:
        runner.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
