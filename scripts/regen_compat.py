#!/usr/bin/env python3
"""Measure every rule case on every ``arcadedb-embedded`` release and write ``compat.json``.

For each release this keeps a virtual environment with that wheel (created on first use under
``--cache``, default ``~/.cache/cypherlint/arcadedb`` or ``$CYPHERLINT_ARCADEDB_CACHE``), starts
``scripts/compat_worker.py`` in it, and sends it the measuring case of every construct
(``rules/*.toml``; see rules/README.md): one fresh database per case, a timeout per case; a hung or
crashed worker is killed by its PID and restarted for the remaining cases (a case that hangs twice
is recorded as an error).

The output starts from the current ``compat.json`` (constructs our cases do not measure keep the
values imported from ../shared by ``scripts/import_shared_matrix.py``), replaces each measured
construct's outcome for each measured release, marks those releases ``measured``, and records the
case that measured each construct (``case``, with the ``fixtures`` it uses) so that
``cypherlint probe`` can run the same measurement on a live server.

Usage:
  python scripts/regen_compat.py                     # all releases, all cases; writes compat.json
  python scripts/regen_compat.py --releases 26.5.1.post1 26.10.2.post1 --only anon.rel.count
  python scripts/regen_compat.py --stale             # only cases added or changed since the last run
  python scripts/regen_compat.py --check             # exit 1 if compat.json is not what we measure
  python scripts/regen_compat.py --compare-shared    # committed outcomes vs ../shared/arcadedb
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cypherlint.probe.cases import (  # noqa: E402  (after the path tweak, for running from a checkout)
    Case,
    CaseError,
    load_cases,
    load_fixtures,
    measuring_cases,
    setup_statements,
)

RELEASES = [
    "26.2.1", "26.3.1", "26.3.2", "26.5.1.post1", "26.6.1", "26.7.1", "26.7.2", "26.8.1", "26.9.1",
    "26.10.1", "26.10.2.post1",
]
COMPAT = ROOT / "cypherlint" / "targets" / "compat.json"
WORKER = ROOT / "scripts" / "compat_worker.py"
SHARED = ROOT.parent / "shared" / "arcadedb"
SHARED_OUTCOMES = {"works": "ok", "fails-with-error": "error", "silently-wrong": "wrong", "setup-error": "unknown",
                   "info": "ok"}


def engine_release(package_version: str) -> str:
    """'26.5.1.post1' -> '26.5.1': post releases repackage the same engine."""
    m = re.match(r"\d+\.\d+\.\d+", package_version)
    if not m:
        raise SystemExit(f"not an arcadedb-embedded version: {package_version!r}")
    return m.group(0)


def version_key(release: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", release)[:3])


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------ venvs


def ensure_venv(cache: Path, package_version: str) -> Path:
    """The Python of a venv holding exactly arcadedb-embedded==package_version."""
    venv = cache / package_version
    python = venv / "bin" / "python"
    marker = venv / ".cypherlint-ready"
    if python.exists() and marker.exists():
        return python
    log(f"[{package_version}] creating {venv}")
    cache.mkdir(parents=True, exist_ok=True)
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         f"arcadedb-embedded=={package_version}"],
        check=True,
    )
    marker.write_text(package_version + "\n")
    return python


# ------------------------------------------------------------------------------ one worker


class WorkerDied(Exception):
    pass


class Worker:
    """A compat_worker.py process: send a JSON line, wait (with a timeout) for the JSON answer."""

    def __init__(self, python: Path, label: str, logdir: Path, heap: str):
        self.label = label
        self.cwd = Path(tempfile.mkdtemp(prefix=f"cypherlint-{label}-"))  # ArcadeDB writes ./log here
        self.stderr = open(logdir / f"worker-{label}.log", "ab")
        self.proc = subprocess.Popen(
            [str(python), str(WORKER), "--repo", str(ROOT), "--heap", heap, "--workdir", str(self.cwd / "dbs")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, cwd=self.cwd,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        self.answers: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.answers.put(line)
        self.answers.put(None)

    def ask(self, msg: dict, timeout: float) -> dict:
        try:
            self.proc.stdin.write((json.dumps(msg) + "\n").encode())
            self.proc.stdin.flush()
        except OSError as exc:
            raise WorkerDied(f"cannot write to the worker: {exc}") from exc
        try:
            line = self.answers.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"no answer within {timeout:g} s") from None
        if line is None:
            raise WorkerDied(f"the worker exited (code {self.proc.wait()})")
        return json.loads(line)

    def kill(self) -> None:
        if self.proc.poll() is None:
            try:
                os.kill(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()
        self._cleanup()

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write(b'{"op": "bye"}\n')
                self.proc.stdin.flush()
                self.proc.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.kill()

    def _cleanup(self) -> None:
        self.stderr.close()
        shutil.rmtree(self.cwd, ignore_errors=True)


def measure_release(package_version: str, cases: list[Case], fixtures: dict, args) -> dict:
    """{'release', 'package', 'version', 'seconds', 'results': {construct: verdict}}."""
    start = time.perf_counter()
    python = ensure_venv(Path(args.cache), package_version)
    logdir = Path(args.cache) / "logs"
    logdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    worker: Worker | None = None
    hello: dict = {}

    def fresh_worker() -> Worker:
        nonlocal hello
        w = Worker(python, package_version, logdir, args.heap)
        try:
            hello = w.ask({"op": "hello"}, args.start_timeout)
        except (TimeoutError, WorkerDied) as exc:
            w.kill()
            raise SystemExit(f"[{package_version}] the worker did not start: {exc} (see {logdir})")
        return w

    try:
        worker = fresh_worker()
        for case in cases:
            payload = case.to_dict()
            payload["setup"] = list(setup_statements(case, fixtures))
            verdict = None
            for attempt in (1, 2):
                try:
                    verdict = worker.ask({"op": "run", "case": payload, "query": None}, args.timeout)
                    break
                except (TimeoutError, WorkerDied) as exc:
                    log(f"[{package_version}] {case.id} ({case.construct}): {exc}; killed worker pid "
                        f"{worker.proc.pid} (attempt {attempt})")
                    worker.kill()
                    worker = fresh_worker()
                    verdict = {"outcome": "error", "evidence": f"no result: {exc} on two attempts (worker killed)",
                               "detail": {}}
            results[case.construct] = verdict
            if args.verbose:
                log(f"[{package_version}] {case.construct}: {verdict['outcome']} {verdict.get('evidence', '')[:120]}")
    finally:
        if worker is not None:
            worker.close()
    release = hello.get("release") or engine_release(package_version)
    if release != engine_release(package_version):
        log(f"[{package_version}] note: the wheel's engine reports {release}")
    seconds = time.perf_counter() - start
    log(f"[{package_version}] {len(results)} constructs in {seconds:.1f} s")
    return {"release": release, "package": package_version, "version": hello.get("version", ""),
            "seconds": round(seconds, 1), "results": results}


# ------------------------------------------------------------------------------ compat.json


def case_record(case: Case) -> dict:
    """The case as compat.json records it (defaults left out)."""
    return {k: v for k, v in case.to_dict().items() if v not in (None, {}, False, "")}


def merge(base: dict, measured: list[dict], cases: dict[str, Case], fixtures: dict, only: set[str] | None) -> dict:
    data = json.loads(json.dumps(base))
    releases = data.setdefault("releases", {})
    for m in measured:
        releases[m["release"]] = {"measured": True, "wheel": m["package"]}
    data["releases"] = dict(sorted(releases.items(), key=lambda kv: version_key(kv[0])))
    constructs = data.setdefault("constructs", {})
    used_fixtures: dict[str, list[str]] = dict(data.get("fixtures", {}))
    for construct, case in cases.items():
        entry = constructs.setdefault(construct, {"title": case.title or construct})
        entry["case"] = case_record(case)
        if isinstance(case.setup, str):
            used_fixtures[case.setup] = list(fixtures[case.setup])
        native = entry.setdefault("native", {})
        for m in measured:
            v = m["results"].get(construct)
            if v is None:
                continue
            old = native.get(m["release"])
            if v["outcome"] == "unknown" and old and old.get("outcome", "unknown") != "unknown":
                log(f"[{m['package']}] {construct}: inconclusive ({v.get('evidence', '')[:160]}); "
                    f"keeping {old['outcome']}")
                continue
            cell = {"outcome": v["outcome"]}
            if v["outcome"] != "ok" and v.get("evidence"):
                cell["evidence"] = v["evidence"]
            native[m["release"]] = cell
        entry["native"] = dict(sorted(native.items(), key=lambda kv: version_key(kv[0])))
    if only is None:
        # Constructs whose measuring case was removed keep their last values but lose the case.
        for construct, entry in constructs.items():
            if construct not in cases:
                entry.pop("case", None)
        used_fixtures = {k: v for k, v in used_fixtures.items()
                         if any(isinstance(c.setup, str) and c.setup == k for c in cases.values())}
    data["fixtures"] = dict(sorted(used_fixtures.items()))
    data["constructs"] = dict(sorted(constructs.items()))
    measured_rel = sorted((r for r, i in data["releases"].items() if i.get("wheel")), key=version_key)
    data["generated_by"] = (
        "scripts/regen_compat.py: rule cases (rules/*.toml) measured on arcadedb-embedded "
        + ", ".join(data["releases"][r]["wheel"] for r in measured_rel)
        + "; constructs without a case keep the values of scripts/import_shared_matrix.py"
    )
    return data


def dump(data: dict) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def differences(old: dict, new: dict) -> list[str]:
    out = []
    for r in sorted(set(old.get("releases", {})) | set(new.get("releases", {})), key=version_key):
        a, b = old.get("releases", {}).get(r), new.get("releases", {}).get(r)
        if a != b:
            out.append(f"release {r}: {a} -> {b}")
    oc, nc = old.get("constructs", {}), new.get("constructs", {})
    for c in sorted(set(oc) | set(nc)):
        a, b = oc.get(c, {}), nc.get(c, {})
        an, bn = a.get("native", {}), b.get("native", {})
        for r in sorted(set(an) | set(bn), key=version_key):
            x, y = an.get(r, {}).get("outcome"), bn.get(r, {}).get("outcome")
            if x != y:
                out.append(f"{c} @ {r}: {x} -> {y}" + (f"  ({bn[r].get('evidence', '')[:140]})" if y and y != "ok"
                                                       else ""))
        if a.get("case") != b.get("case"):
            out.append(f"{c}: measuring case changed")
    if old.get("fixtures") != new.get("fixtures"):
        out.append("fixtures changed")
    return out


# ------------------------------------------------------------------------------ vs ../shared


def compare_shared(data: dict, shared: Path, releases: list[str]) -> int:
    """Print our outcome next to ../shared/arcadedb's for every construct one of our cases measures."""
    if not (shared / "results").is_dir():
        log(f"no shared results at {shared}")
        return 2
    ours = {c: e for c, e in data.get("constructs", {}).items() if e.get("case")}
    agree = differ = 0
    for path in sorted((shared / "results").glob("results-*.jsonl"), key=lambda p: version_key(p.stem)):
        rel = engine_release(path.stem.removeprefix("results-"))
        if releases and rel not in releases:
            continue
        theirs: dict[str, dict] = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                if rec.get("kind") == "probe" and rec.get("lang") in ("opencypher", "sql") and "id" in rec:
                    theirs.setdefault(rec["id"], rec)
        print(f"== {rel} ({path.name})")
        for c, entry in sorted(ours.items()):
            mine = entry.get("native", {}).get(rel, {})
            rec = theirs.get(c)
            if rec is None:
                print(f"   {c:40} ours={mine.get('outcome', '-'):8} shared=(not probed)")
                continue
            t = SHARED_OUTCOMES.get(rec.get("outcome", ""), "unknown")
            same = t == mine.get("outcome")
            agree += same
            differ += not same
            mark = "  " if same else "!="
            print(f"{mark} {c:40} ours={mine.get('outcome', '-'):8} shared={t}")
            if not same:
                case = entry["case"]
                print(f"      our query:    {case.get('bad')!r}")
                print(f"      shared query: {rec.get('query')!r}")
                if mine.get("evidence"):
                    print(f"      ours:   {mine['evidence'][:300]}")
                ev = rec.get("error") or rec.get("note") or rec.get("post") or rec.get("rows")
                print(f"      shared: {json.dumps(ev, ensure_ascii=False)[:300]}")
    print(f"{agree} agree, {differ} differ")
    return 0


# ------------------------------------------------------------------------------ main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--releases", nargs="+", metavar="WHEEL", default=None,
                    help=f"arcadedb-embedded versions to measure (default: {' '.join(RELEASES)})")
    ap.add_argument("--only", nargs="+", metavar="CONSTRUCT", default=None, help="measure only these constructs")
    ap.add_argument("--stale", action="store_true",
                    help="measure only constructs whose measuring case (or fixture) differs from the one recorded")
    ap.add_argument("--check", action="store_true",
                    help="measure, report differences against the committed compat.json, exit 1 on any; write nothing")
    ap.add_argument("--compare-shared", action="store_true",
                    help="compare compat.json's outcomes for our cases with ../shared/arcadedb/results "
                         "(alone: the committed file, nothing is measured)")
    ap.add_argument("--shared", default=str(SHARED))
    ap.add_argument("--jobs", type=int, default=2, help="releases measured at the same time (default 2)")
    ap.add_argument("--timeout", type=float, default=90.0, help="seconds per case (default 90)")
    ap.add_argument("--start-timeout", type=float, default=180.0, help="seconds for a worker to start its JVM")
    ap.add_argument("--heap", default="1g", help="JVM heap per worker (default 1g)")
    ap.add_argument("--cache", default=os.environ.get("CYPHERLINT_ARCADEDB_CACHE",
                                                      str(Path.home() / ".cache" / "cypherlint" / "arcadedb")))
    ap.add_argument("--rules", default=str(ROOT / "rules"), help="rule case directory (default rules/)")
    ap.add_argument("-o", "--output", default=str(COMPAT))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    try:
        base = json.loads(Path(args.output).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log(f"cannot read {args.output}: {exc}")
        return 2
    only_compare = args.compare_shared and not args.check and args.releases is None and args.only is None
    if only_compare:
        return compare_shared(base, Path(args.shared), ["26.3.2", "26.5.1", "26.10.2"])

    try:
        all_cases = load_cases(args.rules)
        fixtures = load_fixtures(args.rules)
        chosen = measuring_cases(all_cases)
        for c in chosen.values():
            setup_statements(c, fixtures)  # unknown fixture names fail here, before any JVM starts
    except CaseError as exc:
        log(f"error: {exc}")
        return 2
    only = set(args.only) if args.only else None
    if args.stale:
        recorded = base.get("constructs", {})
        stale = {k for k, c in chosen.items() if recorded.get(k, {}).get("case") != case_record(c)
                 or (isinstance(c.setup, str) and base.get("fixtures", {}).get(c.setup) != list(fixtures[c.setup]))}
        only = (only or set(chosen)) & stale
        if not only:
            log("every measuring case is measured as recorded; nothing to do")
            return 0
        log(f"stale: {', '.join(sorted(only))}")
    if only is not None:
        unknown = only - set(chosen)
        if unknown:
            log(f"error: no measuring case for {', '.join(sorted(unknown))}; known: {', '.join(sorted(chosen))}")
            return 2
        chosen = {k: v for k, v in chosen.items() if k in only}
    releases = args.releases or RELEASES
    cases = list(chosen.values())
    log(f"measuring {len(cases)} constructs on {len(releases)} releases with {args.jobs} job(s)")
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        measured = list(pool.map(lambda v: measure_release(v, cases, fixtures, args), releases))
    total = time.perf_counter() - t0
    for m in measured:
        log(f"  {m['package']:14} engine {m['release']:8} {m['seconds']:7.1f} s")
    log(f"  total wall time {total:.1f} s")

    new = merge(base, measured, chosen, fixtures, only)
    if args.check:
        diffs = differences(base, new)
        for d in diffs:
            print(d)
        print(f"{len(diffs)} difference(s) against {args.output}")
        return 1 if diffs else 0
    Path(args.output).write_text(dump(new), encoding="utf-8")
    log(f"wrote {args.output}")
    if args.compare_shared:
        return compare_shared(new, Path(args.shared), [m["release"] for m in measured])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
