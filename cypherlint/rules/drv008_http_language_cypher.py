from __future__ import annotations

import ast

from cypherlint.model import Fix
from cypherlint.rules.base import Rule
from cypherlint.sources.pyextract import call_name, str_const


class HttpLanguageCypher(Rule):
    """HTTP/embedded commands with `"language": "cypher"` reach the legacy engine before ArcadeDB 26.4.2.

    **What it does.** Flags the language `"cypher"` in an ArcadeDB HTTP payload
    (`{"language": "cypher", "command": ...}` or `dict(language="cypher", command=...)`) and in
    embedded calls such as `db.query("cypher", q)` / `db.command("cypher", q)`.

    **Why it breaks on ArcadeDB.** Before 26.4.2, a full server distribution with the Gremlin module
    binds the name `cypher` to the legacy Cypher-for-Gremlin translator — the engine behind the
    well-known failures (`toLower`, `labels()`, anonymous nodes, variable-length paths). On 26.2.1
    without it, `cypher` is not registered at all ("Query engine 'cypher' was not found"). The name
    `opencypher` always selects the native openCypher engine, which Bolt uses too.

    **Example.** `requests.post(url, json={"language": "cypher", "command": "MATCH (n) RETURN n"})`

    **Use instead.** `"language": "opencypher"`.

    **Fix safety.** Safe: the query then runs on the native engine, whose results are Neo4j's for
    every construct the other rules do not flag.
    """

    code = "DRV008"
    name = "http-language-cypher"
    summary = 'HTTP language "cypher" selects the legacy engine before ArcadeDB 26.4.2; use "opencypher"'
    constructs = ("http.language.cypher",)
    fix_applicability = "safe"
    scope = "python"

    def check_python(self, ctx) -> None:
        affected = ctx.affected("http.language.cypher")
        if affected is None:
            return
        for node in ctx.walk():
            lang = None
            if isinstance(node, ast.Dict):
                keys = {str_const(k): v for k, v in zip(node.keys, node.values) if str_const(k) is not None}
                if "language" in keys and ("command" in keys or "query" in keys):
                    lang = keys["language"]
            elif isinstance(node, ast.Call):
                name = call_name(node)
                if name == "dict" and isinstance(node.func, ast.Name):
                    keys = {k.arg: k.value for k in node.keywords if k.arg}
                    if "language" in keys and ("command" in keys or "query" in keys):
                        lang = keys["language"]
                elif name in ("query", "command", "execute", "async_query", "async_command") and \
                        isinstance(node.func, ast.Attribute) and len(node.args) >= 2:
                    lang = node.args[0]
            value = str_const(lang) if lang is not None else None
            if value is None or value.strip().lower() != "cypher":
                continue
            edit = ctx.literal_edit(lang, 0, len(value), "opencypher")
            fix = Fix("safe", 'use language "opencypher" (the native engine)', (edit,) if edit else ())
            if edit is None:
                fix = Fix("display-only", 'use language "opencypher" (the native engine)')
            ctx.report(self, lang, f'language "cypher" {affected.where}', fix=fix,
                       hint='send Cypher with "language": "opencypher"')
