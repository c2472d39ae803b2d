from __future__ import annotations

from cypherlint.rules.arc502_missing_parameter import parameter_uses
from cypherlint.rules.base import Rule


class UnusedParameter(Rule):
    """A supplied parameter is not used by the query (when `params=` is given).

    **What it does.** With `cypherlint.lint(query, params={...})`, flags every key of `params` that
    the query never references.

    **Why it matters.** It is usually a typo on one side (`$nmae` vs `name`), and the other side of
    the typo is a missing parameter that ArcadeDB up to 26.7.2 silently binds to `null`.

    **Example.** `MATCH (n:Person) RETURN n` with `params={"name": "Ann"}`.

    **Use instead.** Remove the parameter or use it in the query.

    **Fix safety.** No fix.
    """

    code = "ARC503"
    name = "unused-parameter"
    summary = "a supplied parameter is not used by the query"
    severity = "warning"

    def needs_statements(self, tctx) -> bool:
        return tctx.params is not None

    def finish_text(self, tctx) -> None:
        if tctx.params is None:
            return
        used = {name for name, _ in parameter_uses(tctx)}
        for key in tctx.params:
            if str(key) not in used:
                tctx.report(self, 0, 0, f"parameter ${key} is supplied but not used by the query",
                            hint=f"remove ${key} from params or use it in the query")
