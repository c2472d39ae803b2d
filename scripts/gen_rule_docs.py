"""Write docs/rules/<CODE>.md for every rule (docstring + rules/<CODE>.toml cases) and the index.

    python scripts/gen_rule_docs.py           # (re)write docs/rules/
    python scripts/gen_rule_docs.py --check   # exit 1 and name the stale pages if they are not current

The "Affected" column comes from the compatibility data, so regenerate after changing a rule, its
cases, or cypherlint/targets/compat.json and facts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cypherlint.report.ruleinfo import all_documented, index_markdown, markdown  # noqa: E402

DOCS = ROOT / "docs" / "rules"


def expected() -> dict[Path, str]:
    pages = {DOCS / f"{rule.code}.md": markdown(rule) for rule in all_documented()}
    pages[DOCS / "README.md"] = index_markdown()
    return pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check that the committed pages are current")
    args = ap.parse_args(argv)
    pages = expected()
    stale = [p for p, text in pages.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    extra = [p for p in DOCS.glob("*.md") if p not in pages] if DOCS.is_dir() else []
    if args.check:
        if stale or extra:
            for p in stale:
                print(f"stale or missing: {p.relative_to(ROOT)}")
            for p in extra:
                print(f"no such rule any more: {p.relative_to(ROOT)}")
            print("run: python scripts/gen_rule_docs.py")
            return 1
        return 0
    DOCS.mkdir(parents=True, exist_ok=True)
    for p in stale:
        with open(p, "w", encoding="utf-8", newline="\n") as f:
            f.write(pages[p])
    for p in extra:
        p.unlink()
    print(f"{len(stale)} page(s) written, {len(extra)} removed, {len(pages) - len(stale)} unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
