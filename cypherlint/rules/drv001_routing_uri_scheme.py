from __future__ import annotations

import ast
import re

from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.sources.pydriver import used_as_value

_ROUTING = re.compile(r"(?i)(neo4j)(\+s|\+ssc)?://\S*")


class RoutingUriScheme(Rule):
    """`neo4j://` URIs ask for cluster routing, which ArcadeDB's Bolt server does not offer before 26.10.

    **What it does.** Flags Python string literals that are a `neo4j://`, `neo4j+s://` or
    `neo4j+ssc://` URI handed on as a value (to `GraphDatabase.driver(...)`, as a default of
    `os.getenv(...)`, in a settings constant, ...). Comparisons such as `uri.startswith("neo4j://")`
    are not flagged.

    **Why it breaks on ArcadeDB.** With a `neo4j://` URI the driver first asks the server for a
    routing table. ArcadeDB's Bolt server up to 26.5.1 cannot answer, and every session fails with
    `ServiceUnavailable: Unable to retrieve routing information` (measured on 26.2.1, 26.3.2 and
    26.5.1; 26.10.2 works).

    **Example.** `GraphDatabase.driver("neo4j://localhost:7687", auth=("root", pw))`

    **Use instead.** `bolt://localhost:7687` (`bolt+s://` / `bolt+ssc://` for TLS). An ArcadeDB
    server is a single Bolt endpoint, so nothing is lost.

    **Fix safety.** Safe: the scheme is rewritten inside the literal (`neo4j` → `bolt`, keeping
    `+s`/`+ssc`). A URI built by an f-string is reported without a fix.
    """

    code = "DRV001"
    name = "routing-uri-scheme"
    summary = "neo4j:// routing URIs fail on ArcadeDB's Bolt server up to 26.5.1; use bolt://"
    constructs = ("bolt.routing.scheme",)
    fix_applicability = "safe"
    scope = "python"

    def check_python(self, ctx) -> None:
        affected = ctx.affected("bolt.routing.scheme")
        if affected is None:
            return
        for node in ctx.walk():
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                value = str(node.values[0].value)
            else:
                continue
            m = _ROUTING.match(value)
            if m is None or (isinstance(node, ast.Constant) and m.end() != len(value)):
                continue
            if not used_as_value(ctx, node):
                continue
            scheme = m.group(1) + (m.group(2) or "") + "://"
            new = "bolt" + (m.group(2) or "") + "://"
            edit = ctx.literal_edit(node, 0, len(m.group(1)), "bolt")
            if edit is not None:
                fix = Fix("safe", f"use the {new} scheme", (edit,))
            else:
                fix = Fix("display-only", f"use the {new} scheme")
            ctx.report(self, node, f"the {scheme} routing scheme {affected.where}: ArcadeDB's Bolt server "
                                   "cannot answer the driver's routing request",
                       fix=fix, hint=f"connect with {new}host:7687")
