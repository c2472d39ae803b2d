from __future__ import annotations

from cypherlint.model import Edit, Fix
from cypherlint.rules.base import Rule


class TrailingSemicolon(Rule):
    """A query text that ends in `;` fails on ArcadeDB 26.2.

    **What it does.** Flags a `;` after the only statement of a query text (a query string in code,
    a one-statement `.cypher` file). Scripts with several statements are not flagged: there the
    semicolons separate statements that are sent one by one.

    **Why it breaks on ArcadeDB.** On 26.2.1 (measured) the native engine rejects it: "Unexpected
    input ';'". 26.3.2 and later accept a trailing semicolon.

    **Example.** `MATCH (n:Person) RETURN count(n) AS v;`

    **Use instead.** `MATCH (n:Person) RETURN count(n) AS v`.

    **Fix safety.** Safe: the semicolon only ends the statement.
    """

    code = "ARC616"
    name = "trailing-semicolon"
    summary = "a query ending in ';' fails on ArcadeDB 26.2"
    constructs = ("syntax.semicolon",)
    node_types = ()

    def needs_statements(self, tctx) -> bool:
        return False  # reads statement spans and parse errors from tctx.parsed, never trees

    def finish_text(self, tctx) -> None:
        stmts = [s for s in tctx.parsed.statements if s.error is None or s.tokens]
        if len(stmts) != 1 or stmts[0].error is not None:
            return
        end = stmts[0].end
        semi = tctx.text.find(";", end)
        if semi == -1:
            return
        comments = [(c.start, c.stop + 1) for c in tctx.parsed.comments]
        for i in range(end, semi):
            if not tctx.text[i].isspace() and not any(a <= i < b for a, b in comments):
                return
        affected = tctx.target.affected("syntax.semicolon")
        if affected is None:
            return
        tctx.report(self, semi, semi + 1, f"a trailing semicolon {affected.where}",
                    fix=Fix("safe", "remove the semicolon", (Edit(semi, semi + 1, ""),)), hint="drop the trailing ';'")
