"""What the schema rules share: the statement's SQL translation as a display-only fix."""

from __future__ import annotations

from cypherlint.ddl.script import statement_rendering
from cypherlint.ddl.translate import LOST
from cypherlint.model import Fix


def statement_sql(ctx):
    """(plan, rendered) of the statement a rule is looking at, knowing the whole text."""
    return statement_rendering(ctx.text_ctx.parsed, ctx.text, ctx.statement.index, ctx.target)


def sql_fix(ctx, lead: str = "run this ArcadeDB SQL instead (outside a transaction)") -> tuple[Fix | None, str | None]:
    """(display-only SQL fix, what it leaves out) for the current statement; (None, reason) without SQL."""
    got = statement_sql(ctx)
    if got is None:
        return None, None
    plan, rendered = got
    lost = "; ".join(n.text for n in rendered.notes if n.level == LOST) or None
    if not rendered.sql:
        return None, lost
    message = f"{lead}: " + "; ".join(rendered.sql)
    if lost:
        message += f" (not translated: {lost})"
    body = ctx.tree.statementBody()
    return Fix("display-only", message, (ctx.replace(body, ";\n".join(rendered.sql)),), "sql"), lost
