from __future__ import annotations

from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.sources.pydriver import ELEMENT_ID_PARAM, derives_from_attr, param_value


class ElementIdRoundtrip(Rule):
    """`node.element_id` from the driver does not match Cypher's `elementId(n)` on ArcadeDB up to 26.5.1.

    **What it does.** Flags a query parameter compared with `elementId(...)` (`WHERE elementId(n) =
    $id`, `elementId(n) IN $ids`) whose value in the Python call comes from a driver entity's
    `.element_id` (directly, in a comprehension, or through a local variable).

    **Why it breaks on ArcadeDB.** Up to 26.5.1 the Bolt server sends an `element_id` that differs
    from what `elementId(n)` returns inside a query, so the round trip finds nothing (measured on
    26.2.1, 26.3.2 and 26.5.1: no rows instead of the node; 26.10.2 matches).

    **Example.**

        node = session.run("MATCH (n:Person {name: $n}) RETURN n", n="Ann").single()["n"]
        session.run("MATCH (n) WHERE elementId(n) = $id RETURN n.name", id=node.element_id)

    **Use instead.** Take the id from Cypher: `RETURN n, elementId(n) AS eid` and pass
    `record["eid"]` (verified on every release), or match on a business key.

    **Fix safety.** Display-only: two queries and the Python between them change together.
    """

    code = "DRV006"
    name = "element-id-roundtrip"
    summary = "node.element_id does not round-trip into elementId(n) on ArcadeDB up to 26.5.1"
    constructs = ("bolt.elementId.roundtrip",)
    fix_applicability = "display-only"
    scope = "python"

    def check_python(self, ctx) -> None:
        affected = ctx.affected("bolt.elementId.roundtrip")
        if affected is None:
            return
        seen = set()
        for q in ctx.queries:
            params = {m.group(1) or m.group(2) for m in ELEMENT_ID_PARAM.finditer(q.mapped.text)}
            if not params:
                continue
            for sink in q.sinks:
                if sink.call is None or sink.channel not in ("bolt", None):
                    continue
                for name in sorted(params):
                    value = param_value(sink.call, name)
                    src = derives_from_attr(ctx, value, "element_id") if value is not None else None
                    if src is None or id(value) in seen:
                        continue
                    seen.add(id(value))
                    ctx.report(self, value,
                               f"${name} is compared with elementId() but comes from .element_id, which "
                               f"{affected.where}",
                               fix=Fix("display-only", "return elementId(n) AS eid from the first query and pass it"),
                               hint="RETURN elementId(n) AS eid in the query that found the node, and pass record['eid']")
