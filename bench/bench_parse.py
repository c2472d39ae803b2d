#!/usr/bin/env python3
"""Parse-layer benchmark: cypherlint against the parsers a user could pick instead.

Usage::

    python bench/bench_parse.py                  # full run (a few minutes), writes bench/results/parse.json
    python bench/bench_parse.py --runs 5         # more timed runs per tool
    python bench/bench_parse.py --quick          # peers on a 1,000-query realworld sample; cypherlint only
    python bench/bench_parse.py --no-peers       # cypherlint only
    python bench/bench_parse.py --out -          # print the JSON instead of writing it

Data sets (from ../shared): ``bench/queries.jsonl`` (the Cypher records; ``ntok`` gives tokens/s)
and ``corpus/realworld/queries.jsonl`` (every record; acceptance is counted on those with
``suspect_invalid == false``).

Every tool runs in its own fresh worker process (``--worker``), so its imports and peak RSS are
its own. A worker parses the whole set once untimed (warm-up: ANTLR parsers fill their prediction
caches as they go, so a long-running process is the relevant steady state), then ``--runs`` timed
passes; the report gives the median pass. Per-query latency is measured around each parse call.
Cold start is measured separately: a fresh interpreter imports the parse layer and parses one
query, with bytecode caching allowed (as for an installed package), median of several processes.

Tools:
- ``cypherlint``: ``cypherlint.syntax.parser.parse`` (accepted = no E001/E002 issue). The LL
  fallback share is ``Statement.needed_ll`` over statements that parsed.
- ``graphglot``: ``graphglot.dialect.neo4j.Neo4j().parse`` (accepted = no exception).
- ``antlr4-cypher``: the openCypher 9 grammar from PyPI, driven as its README does (default error
  strategy, full LL), accepted = no syntax error reported and the ``script`` rule reached EOF.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BENCH_FILE = SHARED / "bench" / "queries.jsonl"
REALWORLD_FILE = SHARED / "corpus" / "realworld" / "queries.jsonl"
DEFAULT_OUT = ROOT / "bench" / "results" / "parse.json"
TOOLS = ("cypherlint", "graphglot", "antlr4-cypher")
COLD_QUERY = "MATCH (p:Person {name: $name})-[:KNOWS]->(f) WHERE f.age > 30 RETURN f.name ORDER BY f.name LIMIT 10"


# ------------------------------------------------------------------------------------- data


def load_dataset(name: str, sample: int | None = None) -> list[dict]:
    """Records with at least ``query``; ``ntok`` and ``valid`` where known."""
    out = []
    if name == "bench":
        with open(BENCH_FILE, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("lang") == "cypher":
                    out.append({"id": r["id"], "query": r["query"], "ntok": r["ntok"], "valid": True})
    elif name == "realworld":
        with open(REALWORLD_FILE, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                out.append({"id": r["id"], "query": r["query"], "ntok": None, "valid": not r["suspect_invalid"]})
    else:
        raise ValueError(name)
    if sample and sample < len(out):
        step = len(out) / sample
        out = [out[int(i * step)] for i in range(sample)]
    return out


# ------------------------------------------------------------------------------------- tools


def make_parser(tool: str):
    """A function query -> (accepted: bool, needed_ll: bool | None)."""
    if tool == "cypherlint":
        from cypherlint.syntax.parser import parse

        def run(q: str):
            r = parse(q)
            ok = not r.issues
            ll = any(s.needed_ll for s in r.statements if s.tree is not None)
            return ok, ll

        return run
    if tool == "graphglot":
        from graphglot.dialect.neo4j import Neo4j

        dialect = Neo4j()

        def run(q: str):
            try:
                dialect.parse(q)
            except RecursionError:
                return False, None
            except Exception:  # noqa: BLE001 - any failure to parse is a rejection
                return False, None
            return True, None

        return run
    if tool == "antlr4-cypher":
        from antlr4 import CommonTokenStream, InputStream
        from antlr4.error.ErrorListener import ErrorListener
        from antlr4_cypher import CypherLexer, CypherParser

        class Count(ErrorListener):
            def __init__(self):
                self.errors = 0

            def syntaxError(self, *args):  # noqa: N802 - ANTLR API
                self.errors += 1

        def run(q: str):
            listener = Count()
            lexer = CypherLexer(InputStream(q))
            lexer.removeErrorListeners()
            lexer.addErrorListener(listener)
            parser = CypherParser(CommonTokenStream(lexer))
            parser.removeErrorListeners()
            parser.addErrorListener(listener)
            try:
                parser.script()
            except RecursionError:
                return False, None
            return listener.errors == 0, None

        return run
    raise ValueError(tool)


def peak_rss_mb() -> float:
    """This process's peak resident set size. VmHWM, not ru_maxrss: on Linux ru_maxrss survives
    exec, so a child would report its parent's peak if that was higher."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    k = (len(sorted_values) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def worker(tool: str, dataset: str, runs: int, sample: int | None) -> dict:
    """Runs inside a fresh process: warm-up pass, then timed passes; prints one JSON object."""
    records = load_dataset(dataset, sample)
    t0 = time.perf_counter()
    run = make_parser(tool)
    import_s = time.perf_counter() - t0
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

    perf = time.perf_counter_ns

    def timed_pass(check: bool) -> dict:
        nonlocal accepted, accepted_valid, valid, ll, parsed_ok
        lat = []
        append = lat.append
        cpu_start = time.process_time()
        start = perf()
        for r in records:
            a = perf()
            ok, needed_ll = run(r["query"])
            append(perf() - a)
            if check:
                if r["valid"]:
                    valid += 1
                    accepted_valid += ok
                accepted += ok
                if ok and r["valid"] and needed_ll is not None:
                    parsed_ok += 1
                    ll += bool(needed_ll)
        total = (perf() - start) / 1e9
        cpu = time.process_time() - cpu_start
        lat.sort()
        return {
            "seconds": total,
            "qps": len(records) / total,
            "cpu_seconds": cpu,
            "qps_cpu": len(records) / cpu if cpu else None,
            "p50_ms": _percentile(lat, 0.50) / 1e6,
            "p95_ms": _percentile(lat, 0.95) / 1e6,
            "p99_ms": _percentile(lat, 0.99) / 1e6,
            "max_ms": lat[-1] / 1e6 if lat else 0.0,
        }

    # First pass: acceptance and the LL-fallback share; it doubles as the warm-up (ANTLR parsers
    # fill their prediction caches as they go). Its timing is kept as "first_pass".
    accepted = accepted_valid = valid = ll = parsed_ok = 0
    first = timed_pass(True)
    passes = [timed_pass(False) for _ in range(runs)] or [first]
    ntok = sum(r["ntok"] or 0 for r in records)
    med = sorted(passes, key=lambda p: p["seconds"])[len(passes) // 2]
    return {
        "tool": tool,
        "dataset": dataset,
        "queries": len(records),
        "tokens": ntok or None,
        "runs": runs,
        "import_s": import_s,
        "median_pass": med,
        "qps": med["qps"],
        "qps_cpu": med["qps_cpu"],
        "tokens_per_s": (ntok / med["seconds"]) if ntok else None,
        "qps_all_runs": [p["qps"] for p in passes],
        "first_pass": first,
        "accepted": accepted,
        "valid": valid,
        "accepted_valid": accepted_valid,
        "acceptance_valid": accepted_valid / valid if valid else None,
        "ll_fallback": ll if tool == "cypherlint" else None,
        "ll_fallback_share": (ll / parsed_ok) if tool == "cypherlint" and parsed_ok else None,
        "peak_rss_mb": peak_rss_mb(),
    }


# ------------------------------------------------------------------------------------- driver


def spawn_worker(tool: str, dataset: str, runs: int, sample: int | None) -> dict:
    cmd = [sys.executable, __file__, "--worker", tool, "--dataset", dataset, "--runs", str(runs)]
    if sample:
        cmd += ["--sample", str(sample)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        return {"tool": tool, "dataset": dataset, "error": proc.stderr.strip().splitlines()[-1:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


_COLD_SNIPPET = """
import time
c0, t0 = time.process_time(), time.perf_counter()
from cypherlint.syntax.parser import parse
c1, t1 = time.process_time(), time.perf_counter()
r = parse({q!r})
c2, t2 = time.process_time(), time.perf_counter()
assert not r.issues, r.issues
import json
print(json.dumps({{"import_s": t1 - t0, "first_parse_s": t2 - t1, "total_s": t2 - t0, "cpu_s": c2 - c0,
                  "rss_mb": [int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith("VmHWM:")][0]}}))
"""

_COLD_LINT_SNIPPET = """
import time
t0 = time.perf_counter()
import cypherlint
d = cypherlint.lint({q!r})
t1 = time.perf_counter()
import json
print(json.dumps({{"total_s": t1 - t0}}))
"""


def cold_start(processes: int) -> dict:
    """Fresh interpreters, bytecode cache allowed (in a private prefix), median of ``processes``."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache

        def one(snippet: str) -> tuple[dict, float]:
            t = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", snippet.format(q=COLD_QUERY)], env=env, cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout
            return json.loads(out.strip().splitlines()[-1]), time.perf_counter() - t

        one(_COLD_SNIPPET)  # populate the bytecode cache
        one(_COLD_LINT_SNIPPET)
        parse_runs = [one(_COLD_SNIPPET) for _ in range(processes)]
        lint_runs = [one(_COLD_LINT_SNIPPET) for _ in range(processes)]
        bare = []
        for _ in range(processes):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
            bare.append(time.perf_counter() - t)
    med = statistics.median
    return {
        "processes": processes,
        "import_ms": med(r["import_s"] for r, _ in parse_runs) * 1e3,
        "first_parse_ms": med(r["first_parse_s"] for r, _ in parse_runs) * 1e3,
        "import_and_first_parse_ms": med(r["total_s"] for r, _ in parse_runs) * 1e3,
        # CPU time of the same span: what the number is on an idle machine, whatever the load now
        "import_and_first_parse_cpu_ms": med(r["cpu_s"] for r, _ in parse_runs) * 1e3,
        "process_wall_ms": med(w for _, w in parse_runs) * 1e3,
        "interpreter_startup_ms": med(bare) * 1e3,
        "lint_import_and_first_lint_ms": med(r["total_s"] for r, _ in lint_runs) * 1e3,
        "rss_after_first_parse_mb": med(r["rss_mb"] for r, _ in parse_runs),
    }


def _fmt(v, spec: str) -> str:
    return "-" if v is None else format(v, spec)


def print_table(results: dict) -> None:
    print(f"\n{'dataset':<10} {'tool':<14} {'q/s':>8} {'q/s cpu':>8} {'tok/s':>9} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>8} "
          f"{'RSS MB':>7} {'accept':>8} {'LL':>6} {'vs cl':>6}")
    for dataset, by_tool in results["datasets"].items():
        base = by_tool.get("cypherlint", {}).get("qps")
        for tool, r in by_tool.items():
            if "error" in r:
                print(f"{dataset:<10} {tool:<14} error: {r['error']}")
                continue
            m = r["median_pass"]
            ratio = (base / r["qps"]) if base and tool != "cypherlint" else None
            print(f"{dataset:<10} {tool:<14} {r['qps']:>8.0f} {_fmt(r.get('qps_cpu'), '>8.0f')} {_fmt(r['tokens_per_s'], '>9.0f')} "
                  f"{m['p50_ms']:>7.2f} {m['p95_ms']:>7.2f} {m['max_ms']:>8.1f} {r['peak_rss_mb']:>7.0f} "
                  f"{r['acceptance_valid'] * 100:>7.2f}% {_fmt(r['ll_fallback_share'] and r['ll_fallback_share'] * 100, '>5.2f')}"
                  f"{'%' if r['ll_fallback_share'] is not None else ' '} {_fmt(ratio, '>5.1f')}{'x' if ratio else ''}")
    c = results.get("cold_start")
    if c:
        print(f"\ncold start (median of {c['processes']} fresh processes, bytecode cached): "
              f"import {c['import_ms']:.0f} ms + first parse {c['first_parse_ms']:.1f} ms = "
              f"{c['import_and_first_parse_ms']:.0f} ms (CPU {c['import_and_first_parse_cpu_ms']:.0f} ms); whole process {c['process_wall_ms']:.0f} ms "
              f"(bare interpreter {c['interpreter_startup_ms']:.0f} ms); import cypherlint + first lint "
              f"{c['lint_import_and_first_lint_ms']:.0f} ms")
    full = results.get("antlr4_cypher_realworld_full_acceptance_from_corpus")
    if full:
        print(f"antlr4-cypher acceptance on all {full['valid_records_with_a_baseline']:,} valid realworld records "
              f"(the corpus's oc9_baseline_parse field): {full['acceptance'] * 100:.2f}%")
    for dataset, by_tool in results["datasets"].items():
        for tool, r in by_tool.items():
            if r.get("runs") == 0:
                print(f"{tool} on {dataset}: one pass over {r['queries']:,} evenly spaced records (slow peer)")
    print("'vs cl' = how many times faster cypherlint is; 'accept' = share of valid queries accepted; "
          "'LL' = statements that needed the LL fallback")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="timed passes per tool and data set (median reported)")
    ap.add_argument("--cold-processes", type=int, default=7)
    ap.add_argument("--no-peers", action="store_true", help="time cypherlint only")
    ap.add_argument("--peer-sample", type=int, default=1000,
                    help="the peers parse 5-20 queries/s: on realworld they get an evenly spaced sample of this "
                         "many records, one pass (0 = all 21,904, over an hour)")
    ap.add_argument("--quick", action="store_true", help="1 timed run, 3 cold-start processes, 300-query peer sample")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="JSON output path, or - for stdout")
    ap.add_argument("--worker", choices=TOOLS, help=argparse.SUPPRESS)
    ap.add_argument("--dataset", choices=("bench", "realworld"), help=argparse.SUPPRESS)
    ap.add_argument("--sample", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.worker:
        print(json.dumps(worker(args.worker, args.dataset, args.runs, args.sample)))
        return 0

    if args.quick:
        args.runs, args.cold_processes, args.peer_sample = 1, 3, 300
    tools = ("cypherlint",) if args.no_peers else TOOLS
    results: dict = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "processor": platform.processor() or platform.machine()},
        "date": time.strftime("%Y-%m-%d"),
        "load_average_at_start": os.getloadavg(),
        "runs": args.runs,
        "datasets": {"bench": {}, "realworld": {}},
    }
    for dataset in ("bench", "realworld"):
        for tool in tools:
            peer = tool != "cypherlint"
            slow = peer and dataset == "realworld"
            runs = 0 if slow else args.runs  # 0: the first pass is the timed one
            sample = args.peer_sample if slow and args.peer_sample else None
            print(f"timing {tool} on {dataset} ({runs} run{'s' if runs > 1 else ''})...", file=sys.stderr, flush=True)
            results["datasets"][dataset][tool] = spawn_worker(tool, dataset, runs, sample)
    # The corpus records whether antlr4-cypher's grammar parses each text (oc9_baseline_parse), for
    # every record: the peer's acceptance on the whole set, to set beside the sampled one above.
    with open(REALWORLD_FILE, encoding="utf-8") as f:
        rw = [json.loads(line) for line in f]
    known = [r for r in rw if not r["suspect_invalid"] and r["oc9_baseline_parse"] is not None]
    results["antlr4_cypher_realworld_full_acceptance_from_corpus"] = {
        "valid_records_with_a_baseline": len(known),
        "accepted": sum(bool(r["oc9_baseline_parse"]) for r in known),
        "acceptance": sum(bool(r["oc9_baseline_parse"]) for r in known) / len(known),
    }
    print("cold start...", file=sys.stderr, flush=True)
    results["cold_start"] = cold_start(args.cold_processes)

    c = results["datasets"]["bench"]["cypherlint"]
    rw = results["datasets"]["realworld"]["cypherlint"]
    results["targets"] = {
        "bench_qps>=800": c["qps"] >= 800,
        "bench_qps_cpu>=800": (c["qps_cpu"] or 0) >= 800,
        "bench_p95<=4ms": c["median_pass"]["p95_ms"] <= 4.0,
        "cold_start<=150ms": results["cold_start"]["import_and_first_parse_ms"] <= 150,
        "cold_start_cpu<=150ms": results["cold_start"]["import_and_first_parse_cpu_ms"] <= 150,
        "sll_only>=99%": (1 - rw["ll_fallback_share"]) >= 0.99,
    }
    results["load_average_at_end"] = os.getloadavg()
    print_table(results)
    print("targets:", ", ".join(f"{k} {'OK' if v else 'MISSED'}" for k, v in results["targets"].items()))
    text = json.dumps(results, indent=1, sort_keys=False)
    if args.out == "-":
        print(text)
    else:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
