from __future__ import annotations

from cypherlint import analysis
from cypherlint._generated.CypherParser import CypherParser as P
from cypherlint.rules.base import Rule


def parameter_name(node: P.ParameterContext) -> str:
    """$name, $0 and the Neo4j 3 form {name} all name a parameter."""
    sym = node.symbolicName()
    if sym is not None:
        return analysis.name_text(sym.getText())
    return node.DECIMAL_INTEGER().getText()


def parameter_uses(tctx) -> list[tuple[str, P.ParameterContext]]:
    uses = []
    for sctx in tctx.statements:
        for node in analysis.descendants(sctx.tree, P.ParameterContext):
            uses.append((parameter_name(node), node))
    return uses


class MissingParameter(Rule):
    """A parameter the query uses was not supplied (when `params=` is given).

    **What it does.** With `cypherlint.lint(query, params={...})`, flags every `$name` the query
    uses that is not a key of `params`.

    **Why it breaks on ArcadeDB.** Neo4j rejects the query (ParameterMissing). ArcadeDB up to 26.7.2
    silently binds a missing parameter to `null` (measured), so the query runs and returns wrong
    rows — the classic "parameters silently ignored" report; 26.8.1 and later raise like Neo4j.

    **Example.** `MATCH (n:Person {name: $name}) RETURN n` with `params={"nmae": "Ann"}`.

    **Use instead.** Supply every parameter the query uses (check the spelling).

    **Fix safety.** No fix: the parameters live in the calling code.
    """

    code = "ARC502"
    name = "missing-parameter"
    summary = "a parameter used by the query is not supplied (ArcadeDB up to 26.7 binds it to null)"

    def needs_statements(self, tctx) -> bool:
        return tctx.params is not None

    def finish_text(self, tctx) -> None:
        if tctx.params is None:
            return
        supplied = {str(k) for k in tctx.params}
        affected = tctx.target.affected("param.missing")
        if affected:
            releases = affected.where.split(" on ", 1)[-1]
            consequence = f"Neo4j rejects the query, while {releases} bind it to null and return wrong rows"
        else:
            consequence = "Neo4j and ArcadeDB reject the query"
        for name, node in parameter_uses(tctx):
            if name not in supplied:
                s, e = analysis.span(node)
                close = [k for k in supplied if k.lower() == name.lower()]
                hint = f"did you mean ${close[0]}?" if close else f"supply ${name} in params"
                tctx.report(self, s, e, f"parameter ${name} is not supplied: {consequence}", hint=hint)
