"""The committed rule documentation (docs/rules/) is what scripts/gen_rule_docs.py generates now."""

from __future__ import annotations

import subprocess
import sys

from clitools import ROOT


def test_rule_docs_are_current():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py"), "--check"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout


def test_every_rule_has_a_page_and_an_index_row():
    from cypherlint.rules import ALL_RULES

    index = (ROOT / "docs" / "rules" / "README.md").read_text(encoding="utf-8")
    for rule in ALL_RULES:
        page = ROOT / "docs" / "rules" / f"{rule.code}.md"
        assert page.is_file(), page
        assert page.read_text(encoding="utf-8").startswith(f"# {rule.code}: {rule.name}\n")
        assert f"[{rule.code}]({rule.code}.md)" in index


def test_rule_urls_point_at_pages_that_exist():
    import cypherlint

    for d in cypherlint.lint("MATCH (n RETURN n; MATCH ()-[:KNOWS]->() RETURN count(*) AS c", target="arcadedb"):
        name = d.url.rsplit("/", 1)[1]
        assert (ROOT / "docs" / "rules" / name).is_file(), d.url
