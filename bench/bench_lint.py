"""Latency of ``cypherlint.lint`` and ``cypherlint.fix`` on typical queries: can the library sit
inside an LLM text-to-Cypher loop?

Takes the Cypher queries of ../shared/bench/queries.jsonl and of the real-world corpus whose length
is 150-250 characters ("a typical 200-character query"), warms up once, then times each call
``--runs`` times and reports the median per-call latency (the median over queries of each query's
median), p95, and the same for ``parse`` alone run in the same process as the baseline: the
ratio lint/parse is what the rule engine adds on top of parsing, whatever the machine's speed.

Usage: python bench/bench_lint.py [--runs 7] [--target arcadedb] [--out bench/results/lint.json]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import cypherlint  # noqa: E402
from cypherlint.syntax.parser import parse  # noqa: E402


def typical_queries(low: int = 150, high: int = 250, per_source: int = 300) -> list[str]:
    out: list[str] = []
    bench = [json.loads(line) for line in open(SHARED / "bench" / "queries.jsonl", encoding="utf-8")]
    out += [r["query"] for r in bench if r.get("lang") != "sql" and low <= len(r["query"]) <= high][:per_source]
    seen = set(out)
    with open(SHARED / "corpus" / "realworld" / "queries.jsonl", encoding="utf-8") as f:
        picked = 0
        for line in f:
            r = json.loads(line)
            q = r["query"]
            if r.get("suspect_invalid") or not low <= len(q) <= high or q in seen:
                continue
            seen.add(q)
            out.append(q)
            picked += 1
            if picked == per_source:
                break
    return out


def per_call(fn, queries: list[str], runs: int) -> list[float]:
    """Each query's median latency (seconds) over ``runs`` calls, CPU time of this thread."""
    clock = time.thread_time
    samples = [[] for _ in queries]
    for _ in range(runs):
        for i, q in enumerate(queries):
            t = clock()
            fn(q)
            samples[i].append(clock() - t)
    return [statistics.median(s) for s in samples]


def summary(latencies: list[float]) -> dict:
    ordered = sorted(latencies)
    return {
        "median_ms": statistics.median(ordered) * 1e3,
        "p95_ms": ordered[int(0.95 * (len(ordered) - 1))] * 1e3,
        "max_ms": ordered[-1] * 1e3,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--target", default="arcadedb")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "lint.json"))
    args = ap.parse_args()

    queries = typical_queries()
    target = args.target
    gc.collect()
    for q in queries:  # warm-up: prediction caches, imports of rule modules, compiled regexes
        cypherlint.fix(q, target=target)
    results = {
        "parse": summary(per_call(parse, queries, args.runs)),
        "lint": summary(per_call(lambda q: cypherlint.lint(q, target=target), queries, args.runs)),
        "fix": summary(per_call(lambda q: cypherlint.fix(q, target=target), queries, args.runs)),
    }
    report = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "date": time.strftime("%Y-%m-%d"),
        "load_average_at_start": os.getloadavg(),
        "queries": len(queries),
        "mean_chars": statistics.mean(len(q) for q in queries),
        "target": target,
        "runs": args.runs,
        **results,
        "lint_over_parse": results["lint"]["median_ms"] / results["parse"]["median_ms"],
    }
    print(f"{len(queries)} queries of 150-250 chars (mean {report['mean_chars']:.0f}), target {target}, "
          f"median of {args.runs} runs per query (CPU time)")
    for name, r in results.items():
        print(f"  {name:6s} median {r['median_ms']:.3f} ms   p95 {r['p95_ms']:.3f} ms   max {r['max_ms']:.2f} ms")
    ok = results["lint"]["median_ms"] <= 1.0
    print(f"  lint/parse {report['lint_over_parse']:.2f}x   target lint median <= 1 ms: {'OK' if ok else 'MISSED'}")
    if args.out != "-":
        Path(args.out).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
