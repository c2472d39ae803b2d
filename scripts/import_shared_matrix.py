#!/usr/bin/env python3
"""Build ``cypherlint/targets/compat.json`` from the measurements in ``../shared/arcadedb/results``.

This is the bootstrap path: it turns the shared probe results (five releases) into the package's
compatibility data. ``scripts/regen_compat.py`` replaces it with our own measurements of the rule
cases on every ``arcadedb-embedded`` release; constructs it does not measure keep their values from
here (see the ``--base`` option there).

Usage: python scripts/import_shared_matrix.py [--shared ../shared/arcadedb] [-o cypherlint/targets/compat.json]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Every release tag from the first native engine on (SOURCE_NOTES §9, PyPI for later ones).
KNOWN_RELEASES = [
    "26.1.1", "26.2.1", "26.3.1", "26.3.2", "26.4.2", "26.5.1", "26.6.1", "26.7.1", "26.7.2",
    "26.7.3", "26.8.1", "26.9.1", "26.10.1", "26.10.2",
]
OUTCOMES = {
    "works": "ok",
    "fails-with-error": "error",
    "silently-wrong": "wrong",
    "setup-error": "unknown",
    "info": "ok",
}


def engine_release(package_version: str) -> str:
    # "26.5.1.post1" -> "26.5.1": post releases repackage the same engine.
    return re.match(r"\d+\.\d+\.\d+", package_version).group(0)


def evidence_of(rec: dict) -> str:
    if rec.get("error"):
        err = rec["error"]
        root = err.get("root")
        msg = f"{err.get('class', '').rsplit('.', 1)[-1]}: {err.get('message', '')}"
        if root:
            msg += f" [root cause: {root}]"
        return msg[:400]
    if "rows" in rec and rec.get("expected") not in (None, "<check>", "<error>"):
        return f"returned {json.dumps(rec['rows'])[:160]}; Neo4j returns {json.dumps(rec['expected'])[:160]}"
    if rec.get("note"):
        return str(rec["note"])[:300]
    if rec.get("post"):
        return "post-check: " + json.dumps(rec["post"])[:300]
    return ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "arcadedb"))
    ap.add_argument("-o", "--output", default=str(ROOT / "cypherlint" / "targets" / "compat.json"))
    args = ap.parse_args()
    results_dir = Path(args.shared) / "results"
    constructs: dict[str, dict] = {}
    measured: set[str] = set()
    for path in sorted(results_dir.glob("results-*.jsonl")):
        release = engine_release(path.stem.removeprefix("results-"))
        measured.add(release)
        with open(path, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                if rec.get("kind") not in ("probe", "server") or "id" not in rec:
                    continue
                # Cypher probes ran as both `opencypher` and `cypher` (identical outcomes where both
                # exist); keep the native-engine name. Server probes have no lang.
                if rec.get("lang") not in (None, "opencypher", "sql"):
                    continue
                entry = constructs.setdefault(rec["id"], {"title": rec.get("construct", rec["id"])})
                if rec.get("rewrite_for"):
                    entry["rewrite_for"] = rec["rewrite_for"]
                if rec.get("kind") == "server":
                    entry["channel"] = "server"
                outcome = OUTCOMES.get(rec.get("outcome", ""), "unknown")
                cell = {"outcome": outcome}
                if outcome != "ok":
                    ev = evidence_of(rec)
                    if ev:
                        cell["evidence"] = ev
                entry.setdefault("native", {})[release] = cell
    data = {
        "schema": 1,
        "generated_by": "scripts/import_shared_matrix.py (from ../shared/arcadedb/results)",
        "first_native": "26.1.1",
        "legacy_until": "26.4.2",
        "releases": {r: {"measured": r in measured} for r in KNOWN_RELEASES},
        "constructs": dict(sorted(constructs.items())),
    }
    Path(args.output).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(constructs)} constructs over {len(measured)} measured releases to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
