"""Never crash, never hang, never lose a byte: resource limits, threads, the fuzz corpus, the corpora.

- Resource limits are diagnostics (E002), not crashes: deep nesting of every bracketed or
  recursive construct, long operator chains (100,000 terms), 5 MB single queries, 100,000
  statements in one text, a 50 MB text; memory stays bounded (peak RSS, measured in a child).
- ``lint``/``fix`` from 8 threads give exactly the sequential results (many queries, all targets).
- ``tests/fuzz/*.json``: every input that ever crashed, hung or misbehaved, replayed under every
  target with the property tests' invariants (see tests/fuzz/README.md).
- The whole TCK corpus under every target: nothing raises, every fix output parses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import cypherlint
import strategies as S
from conftest import ROOT, SHARED
from cypherlint.syntax.parser import MAX_NESTING, parse

FUZZ_DIR = Path(__file__).resolve().parent / "fuzz"
NIGHTLY = os.environ.get("CYPHERLINT_HYPOTHESIS_PROFILE") == "nightly"


def _lint_and_fix(text: str, target: str = "arcadedb", *, fix: bool = True, wall: float = 300.0):
    start = time.process_time()
    with S.time_limit(wall, repr(text[:60])):
        diags = cypherlint.lint(text, target=target)
        result = cypherlint.fix(text, target=target) if fix else None
    cpu = time.process_time() - start
    S.check_diagnostics(text, diags)
    if result is not None:
        S.check_fix_result(text, result, target=target, unsafe=False, relint=False)
    return diags, result, cpu


def _codes(diags) -> set[str]:
    return {d.code for d in diags}


# ------------------------------------------------------------------------------ nesting

DEEP = 10_000


def _nested(kind: str, depth: int) -> str:
    return {
        "parentheses": "RETURN " + "(" * depth + "1" + ")" * depth,
        "lists": "RETURN " + "[" * depth + "1" + "]" * depth,
        "maps": "RETURN " + "{a: " * depth + "1" + "}" * depth,
        "function calls": "RETURN " + "f(" * depth + "1" + ")" * depth,
        "patterns": "MATCH " + "(" * depth + "(a)-->(b)" + ")" * depth + " RETURN a",
        "not chain": "RETURN " + "NOT " * depth + "true",
        "unary minus": "RETURN " + "- " * depth + "1",
        "case": "RETURN " + "CASE WHEN true THEN " * depth + "1" + " END" * depth,
        "list comprehensions": "RETURN " + "[x IN " * depth + "[1]" + " | x]" * depth,
        "exists subqueries": "MATCH (n) WHERE " + "EXISTS { MATCH (n) WHERE " * depth + "true" + " }" * depth
        + " RETURN n",
        "call subqueries": "CALL { " * depth + "RETURN 1 AS x" + " }" * depth + " RETURN x",
        "foreach": "MATCH (n) " + "FOREACH (x IN [1] | " * depth + "SET n.a = 1" + ")" * depth,
        "label expressions": "MATCH (n:" + "(" * depth + "A" + ")" * depth + ") RETURN n",
    }[kind]


NESTED_KINDS = ["parentheses", "lists", "maps", "function calls", "patterns", "not chain", "unary minus", "case",
                "list comprehensions", "exists subqueries", "call subqueries", "foreach", "label expressions"]


@pytest.mark.parametrize("kind", NESTED_KINDS)
def test_deep_nesting_is_an_input_limit_diagnostic(kind):
    text = _nested(kind, DEEP)
    diags, result, cpu = _lint_and_fix(text)
    assert "E002" in _codes(diags), f"{kind}: {sorted(_codes(diags))}"
    assert result.query == text
    assert cpu < 30, f"{kind} took {cpu:.1f} s of CPU"


@pytest.mark.parametrize("kind", ["parentheses", "lists", "maps", "function calls", "not chain", "case",
                                  "list comprehensions", "call subqueries", "exists subqueries"])
def test_nesting_just_inside_the_limit_is_analysed_even_in_a_thread(kind):
    """The deepest statement the limits let through must parse and lint in a worker thread too
    (threads get smaller stacks than the main thread on some platforms)."""
    depth = MAX_NESTING // 2 if kind in ("call subqueries", "exists subqueries", "case") else MAX_NESTING - 1
    text = _nested(kind, depth)
    out: dict = {}

    def work():
        try:
            out["diags"] = cypherlint.lint(text, target="arcadedb-legacy")
            out["fix"] = cypherlint.fix(text, target="arcadedb-legacy")
        except BaseException as e:  # noqa: BLE001 - reported below
            out["error"] = e

    t = threading.Thread(target=work)
    t.start()
    t.join(300)
    assert not t.is_alive()
    assert "error" not in out, repr(out.get("error"))
    assert not {"E001", "E002"} & _codes(out["diags"]), [d.message for d in out["diags"]]
    S.check_diagnostics(text, out["diags"])


# ------------------------------------------------------------------------------ long chains


@pytest.mark.parametrize("op", ["+", " AND ", " OR ", " XOR ", " = ", " || ", "^", "*", " <> "])
def test_long_operator_chains(op):
    text = "RETURN " + op.join(["1"] * 20_000)
    diags, result, cpu = _lint_and_fix(text)
    assert not _codes(diags) & {"E001"}
    assert cpu < 60, f"{op!r} chain took {cpu:.1f} s of CPU"


def test_one_hundred_thousand_term_sum():
    text = "RETURN " + "+".join(["1"] * 100_000)
    diags, _, cpu = _lint_and_fix(text, fix=False)
    assert "E001" not in _codes(diags)
    assert cpu < 120, f"took {cpu:.1f} s of CPU"


@pytest.mark.parametrize("text", [
    "RETURN a" + ".b" * 20_000,
    "RETURN a" + "[0]" * 10_000,
    "RETURN 1" + " IS NULL" * 5_000,
    "MATCH (n:A" + "|A" * 5_000 + ") RETURN n",
    "MATCH (n:A" + "&A" * 5_000 + ") RETURN n",
    "MATCH (a)" + "-[:R]->()" * 1_500 + " RETURN count(*)",
    "MATCH (n) WHERE " + " AND ".join(["n:A"] * 5_000) + " RETURN n",
    "RETURN [" + ", ".join(["{a: 1}"] * 20_000) + "]",
    "MATCH " + ", ".join(f"(n{i})" for i in range(5_000)) + " RETURN n0",
], ids=["properties", "subscripts", "is-null", "label-or", "label-and", "pattern", "label-predicates", "maps",
        "pattern-parts"])
def test_other_long_chains(text):
    for target in ("arcadedb", "arcadedb@26.5"):
        diags, result, cpu = _lint_and_fix(text, target)
        assert "E001" not in _codes(diags)
        assert cpu < 60, f"took {cpu:.1f} s of CPU"


# ------------------------------------------------------------------------------ big inputs

FIVE_MB = 5_000_000


@pytest.mark.parametrize("text,expect", [
    ("RETURN '" + "a" * FIVE_MB + "'", None),
    ("RETURN 1 /*" + "a" * FIVE_MB + "*/", None),
    ("RETURN 1 //" + "a" * FIVE_MB, None),
    ("RETURN " + "a" * FIVE_MB, None),
    ("RETURN `" + "a" * FIVE_MB + "`", None),
    ("RETURN [" + ",".join(["1"] * (FIVE_MB // 2)) + "]", {"E002"}),
    ("RETURN " + "(" * FIVE_MB, {"E002"}),
    ("RETURN '" + "a" * FIVE_MB, {"E001"}),
    ("RETURN 1 /*" + "a" * FIVE_MB, {"E001"}),
    # n unterminated openers or cut-short names once cost O(n^2) in the lexer (tests/fuzz)
    ("'a\\" * (FIVE_MB // 3), {"E001", "E002"}),
    ("/*a" * (FIVE_MB // 3), {"E001", "E002"}),
    ("é€" * (FIVE_MB // 2), {"E001", "E002"}),
], ids=["string", "comment", "line-comment", "name", "backticked", "list", "parens", "open-string", "open-comment",
        "open-strings", "open-comments", "non-name-chars"])
def test_five_megabyte_query(text, expect):
    """``expect``: None for no syntax diagnostic, else at least one of these codes."""
    diags, result, cpu = _lint_and_fix(text)
    if expect is None:
        assert not {"E001", "E002"} & _codes(diags), sorted(_codes(diags))
    else:
        assert expect & _codes(diags), sorted(_codes(diags))
    assert cpu < 60, f"took {cpu:.1f} s of CPU"


_CHILD = textwrap.dedent("""
    import json, resource, sys, time
    sys.path.insert(0, {tests!r})
    import cypherlint
    cypherlint.lint("MATCH (n) RETURN n")
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    text = {build}
    size = len(text)
    start = time.process_time()
    diags = cypherlint.lint(text)
    cpu = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    codes = sorted({{d.code for d in diags}})
    print(json.dumps({{"chars": size, "cpu": cpu, "base_kb": base, "peak_kb": peak, "codes": codes,
                      "count": len(diags)}}))
""")


def run_child(build: str, timeout: float = 900) -> dict:
    """Lint the text ``build`` (a Python expression) in a fresh interpreter; its peak RSS and CPU."""
    code = _CHILD.format(tests=str(Path(__file__).parent), build=build)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                          cwd=str(ROOT))
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_one_hundred_thousand_statements_in_bounded_memory():
    r = run_child('"MATCH (n:Person) WHERE n.age > 1 RETURN n.name;\\n" * 100_000')
    assert r["count"] == 0, r
    growth_mb = (r["peak_kb"] - r["base_kb"]) / 1024
    # Parse trees are freed statement by statement; what stays is the text's tokens (~70 bytes per
    # character: 325 MB measured on the 2-core dev machine, less on CI). Keeping every tree, this
    # text took 1.35 GB.
    assert growth_mb < 400, r


def test_fifty_megabyte_text_in_bounded_memory():
    # 500 statements of ~100 KB each (a long string literal and a small query): 50 MB to lex,
    # 500 statements to parse and check.
    r = run_child('("MATCH (n:Person) WHERE n.name = \'" + "x" * 100_000 + "\' RETURN n.name;\\n") * 500')
    assert r["chars"] > 50_000_000 and r["count"] == 0, r
    growth_mb = (r["peak_kb"] - r["base_kb"]) / 1024
    assert growth_mb < 400, r


# ------------------------------------------------------------------------------ threads


def _thread_workload() -> list[tuple[str, str]]:
    queries = []
    for name in ("tck", "realworld"):
        path = SHARED / "corpus" / name / "queries.jsonl"
        if path.is_file():
            with open(path, encoding="utf-8") as f:
                rows = [json.loads(line)["query"] for line in f if line.strip()]
            queries += rows[:: max(1, len(rows) // 150)][:150]
    import random

    rnd = random.Random(8)
    queries += [S.generate_text(S.Chooser(rnd.randbytes(300))) for _ in range(100)]
    # multi-statement schema scripts: the DDL rules analyse the whole text (and cache it)
    queries += [f"CREATE INDEX i{k} FOR (n:L{k}) ON (n.p{k});\nCREATE INDEX j{k} FOR (n:L{k}) ON (n.p{k});\n"
                f"DROP INDEX i{k};\nDROP INDEX zz{k};\nMATCH (n:L{k}) WHERE n.p{k} = $v RETURN n" for k in range(40)]
    return [(q, S.TARGETS[i % len(S.TARGETS)]) for i, q in enumerate(queries)] + [
        (q, "arcadedb-legacy") for q in queries[::3]]


def _one(job):
    q, target = job
    diags = cypherlint.lint(q, target=target, params={"v": 1, "unused": 2} if len(q) % 3 == 0 else None)
    r = cypherlint.fix(q, target=target, unsafe_fixes=len(q) % 2 == 0)
    return [d.to_dict() for d in diags], r.to_dict()


def test_eight_threads_give_the_sequential_results():
    jobs = _thread_workload()
    assert len(jobs) > 300
    sequential = [_one(j) for j in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(_one, jobs))
    for job, a, b in zip(jobs, sequential, threaded):
        assert a == b, f"different result from a thread for {job!r}"


# ------------------------------------------------------------------------------ fuzz corpus


def fuzz_entries() -> list[dict]:
    entries = []
    for path in sorted(FUZZ_DIR.glob("*.json")):
        with open(path, encoding="utf-8") as f:
            entry = json.load(f)
        entry["_file"] = path.name
        entries.append(entry)
    return entries


def fuzz_text(entry: dict) -> str:
    if "query" in entry:
        return entry["query"]
    return "".join(piece * count for piece, count in entry["build"])


FUZZ = fuzz_entries()


def test_fuzz_entries_are_well_formed():
    assert FUZZ, "tests/fuzz holds no cases"
    ids = set()
    for e in FUZZ:
        assert e["_file"] == e["id"] + ".json"
        assert e["id"] not in ids
        ids.add(e["id"])
        assert ("query" in e) != ("build" in e), e["id"]
        for key in ("found_by", "problem", "fixed_in"):
            assert isinstance(e.get(key), str) and e[key], (e["id"], key)
        assert set(e.get("targets", S.TARGETS)) <= set(S.TARGETS) | {"arcadedb@26.2", "arcadedb@>=26.6"}


@pytest.mark.parametrize("entry", FUZZ, ids=[e["id"] for e in FUZZ])
def test_fuzz_corpus_replays_cleanly(entry):
    text = fuzz_text(entry)
    unsafe = bool(entry.get("unsafe", False))
    bound = float(entry.get("max_seconds", 30))
    for target in entry.get("targets", S.TARGETS):
        start = time.process_time()
        with S.time_limit(max(120.0, 6 * bound), f"{entry['id']} under {target}"):
            diags = cypherlint.lint(text, target=target)
            result = cypherlint.fix(text, target=target, unsafe_fixes=unsafe)
        cpu = time.process_time() - start
        assert cpu < bound * 2, f"{entry['id']} under {target}: {cpu:.1f} s of CPU (bound {bound} s per call)"
        S.check_diagnostics(text, diags)
        S.check_fix_result(text, result, target=target, unsafe=unsafe)
        codes = _codes(diags)
        assert set(entry.get("expect_codes", ())) <= codes, (target, sorted(codes))
        assert not set(entry.get("expect_no_codes", ())) & codes, (target, sorted(codes))
        if entry.get("valid"):
            assert not parse(text).issues, "a 'valid' fuzz case must parse"
            if result.changed:
                out = result.query
                assert not parse(out).issues, out
                assert cypherlint.fix(out, target=target, unsafe_fixes=unsafe).query == out
                if not unsafe:
                    assert S.return_columns(out) == S.return_columns(text), (target, out)
                    assert S.comment_texts(out) == S.comment_texts(text), (target, out)


# ------------------------------------------------------------------------------ corpora


def _corpus(name: str) -> list[str]:
    path = SHARED / "corpus" / name / "queries.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["query"] for line in f if line.strip()]


@pytest.mark.slow
@pytest.mark.parametrize("target", S.TARGETS)
def test_tck_corpus_under_every_target(target):
    """Nothing raises, spans are right, and no fix output has a syntax error its input did not have."""
    _check_corpus(_corpus("tck"), target)


@pytest.mark.slow
@pytest.mark.parametrize("target", [t for t in S.TARGETS if t != "arcadedb"])
def test_realworld_corpus_under_the_other_targets(target):
    if not NIGHTLY:
        pytest.skip("long: runs with CYPHERLINT_HYPOTHESIS_PROFILE=nightly (the default target is "
                    "covered by the realworld corpus test)")
    _check_corpus(_corpus("realworld"), target)


def _check_corpus(queries: list[str], target: str) -> None:
    problems = []
    for q in queries:
        try:
            with S.time_limit(120, repr(q[:60])):
                result = cypherlint.fix(q, target=target)
            diags = cypherlint.lint(q, target=target) if result.changed else result.remaining
            S.check_diagnostics(q, diags)
            S.check_diagnostics(result.query, result.remaining)
            if result.changed and S.syntax_issue_count(result.query) > S.syntax_issue_count(q):
                problems.append((q, "fix output does not parse", result.query))
        except Exception as e:  # noqa: BLE001 - collected and reported together
            problems.append((q, f"{type(e).__name__}: {e}", ""))
    assert not problems, f"{len(problems)} problems, first: {problems[:3]}"
