"""``cypherlint probe``: measure the catalogue's constructs on a live ArcadeDB server, changing nothing.

For every construct whose measuring case (the one ``scripts/regen_compat.py`` ran, recorded in
``compat.json``) can be built inside a transaction, the probe

1. renames every label, relationship type and type name of the case into a scratch namespace
   (a unique prefix such as ``Clp3f9a1c0_``), so that nothing of the user's schema is touched;
2. creates the scratch types the fixture needs (ArcadeDB applies schema changes at once, outside
   any transaction);
3. ``POST /api/v1/begin`` -> writes the fixture's records, runs the case and its post-check in that
   transaction -> ``POST /api/v1/rollback``, always (in a ``finally``);
4. drops every type whose name starts with the prefix (the fixture's and any the query created).

The case is judged exactly as on the embedded engine (:func:`cypherlint.probe.cases.judge`), after
the prefix is taken out of the returned values again. Before and after the run the probe counts
the records of every type and lists the types and indexes; the report says whether the two
snapshots are equal (``report.unchanged``).

Cases that need a committed transaction or run without one (``mode = "command-notx"``: schema
statements) and fixtures with other kinds of statement are skipped, with the reason.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from cypherlint.probe.cases import (
    Case,
    CaseError,
    Execution,
    Failure,
    UNKNOWN,
    judge,
    load_cases,
    load_fixtures,
    measuring_cases,
    setup_statements,
)
from cypherlint.probe.http import ArcadeHTTP, CommandFailed, ProbeError, Session

__all__ = ["run_probe", "ProbeReport", "ProbeError", "CaseResult", "probe_catalogue"]

_TYPE_DDL = re.compile(
    r"^\s*CREATE\s+(?:VERTEX|EDGE|DOCUMENT)\s+TYPE\s+(?:IF\s+NOT\s+EXISTS\s+)?(`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)",
    re.IGNORECASE,
)
_SCHEMA_OK = re.compile(
    r"^\s*CREATE\s+(?:(?:VERTEX|EDGE|DOCUMENT)\s+TYPE|PROPERTY|INDEX)\b", re.IGNORECASE
)
_DATA_OK = re.compile(r"^\s*(?:INSERT\s+INTO|CREATE\s+(?:VERTEX|EDGE)\s+(?!TYPE\b))", re.IGNORECASE)
# SQL tokens: strings, backticked names, identifiers, anything else.
_SQL_TOKEN = re.compile(
    r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(`(?:[^`]|``)*`)|([A-Za-z_][A-Za-z0-9_]*)|(\s+|.)""",
    re.DOTALL,
)
_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


# ------------------------------------------------------------------------------ the report


@dataclass
class CaseResult:
    construct: str
    case_id: str
    outcome: str  # ok | error | wrong | unknown | skipped
    evidence: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {"construct": self.construct, "case": self.case_id, "outcome": self.outcome,
                "evidence": self.evidence, "seconds": round(self.seconds, 3)}


@dataclass
class ProbeReport:
    server: str  # URL, never with credentials
    database: str
    version: str  # the server's version string
    release: str  # '26.10.2'
    prefix: str
    results: list[CaseResult] = field(default_factory=list)
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def measured(self) -> list[CaseResult]:
        return [r for r in self.results if r.outcome != "skipped"]

    @property
    def skipped(self) -> list[CaseResult]:
        return [r for r in self.results if r.outcome == "skipped"]

    @property
    def pitfalls(self) -> dict[str, str]:
        """construct -> 'error' | 'wrong' for everything that misbehaves on this server."""
        return {r.construct: r.outcome for r in self.results if r.outcome in ("error", "wrong")}

    @property
    def unchanged(self) -> bool:
        return bool(self.before) and self.before == self.after

    def outcomes(self) -> dict[str, dict]:
        return {r.construct: {"outcome": r.outcome, "evidence": r.evidence} for r in self.measured}

    def to_profile(self) -> dict:
        """The JSON that ``cypherlint --target PROFILE.json`` reads (``targets.parse_target``)."""
        return {
            "server": self.server,
            "database": self.database,
            "release": self.release,
            "version": self.version,
            "generated_by": "cypherlint probe",
            "unchanged": self.unchanged,
            "outcomes": dict(sorted(self.outcomes().items())),
            "skipped": {r.construct: r.evidence for r in self.skipped},
        }

    def to_text(self) -> str:
        lines = [f"ArcadeDB {self.version} at {self.server}, database {self.database!r}"]
        for r in sorted(self.measured, key=lambda r: (r.outcome == "ok", r.construct)):
            line = f"  {r.outcome:8} {r.construct}"
            if r.evidence:
                line += f": {r.evidence[:160]}"
            lines.append(line)
        lines.append(
            f"{len(self.measured)} constructs measured ({len(self.pitfalls)} misbehave), {len(self.skipped)} skipped, "
            f"{self.seconds:.1f} s"
        )
        lines.append(
            "server unchanged: record counts, types and indexes are the same before and after"
            if self.unchanged
            else "WARNING: the server's record counts, types or indexes differ before and after the probe "
            "(other clients may have written meanwhile): " + describe_change(self.before, self.after)
        )
        return "\n".join(lines)


def describe_change(before: dict, after: dict) -> str:
    parts = []
    bt, at = before.get("types", {}), after.get("types", {})
    for t in sorted(set(bt) | set(at)):
        if bt.get(t) != at.get(t):
            parts.append(f"{t}: {bt.get(t, 'absent')} -> {at.get(t, 'absent')}")
    bi, ai = set(before.get("indexes", [])), set(after.get("indexes", []))
    parts += [f"index {i} added" for i in sorted(ai - bi)] + [f"index {i} removed" for i in sorted(bi - ai)]
    return "; ".join(parts[:20]) or "no snapshot"


# ------------------------------------------------------------------------------ renaming


def _quote_cypher(name: str) -> str:
    return name if _PLAIN_NAME.match(name) else "`" + name.replace("`", "``") + "`"


def _rename_string(token: str, names: set[str], prefix: str) -> str:
    """A quoted literal that names a type ('Person') or an index ('Doc[embedding]') gets the prefix."""
    quote, body = token[0], token[1:-1]
    if "\\" in body:
        return token
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)(\[.*\])?\Z", body)
    if m and m.group(1) in names:
        return quote + prefix + body + quote
    return token


def cypher_labels(text: str) -> set[str]:
    """Every label and relationship type the Cypher text names (empty when it does not parse)."""
    return {name for _, _, name in _label_spans(text)}


def _label_spans(text: str) -> list[tuple[int, int, str]]:
    from cypherlint._generated.CypherParser import CypherParser as P
    from cypherlint.analysis import name_text, span, walk
    from cypherlint.syntax.parser import parse

    out = []
    for stmt in parse(text).statements:
        if stmt.tree is None:
            continue
        for node in walk(stmt.tree):
            if isinstance(node, P.LabelNameContext):
                s, e = span(node)
                out.append((s, e, name_text(text[s:e])))
    return out


def rename_cypher(text: str, names: set[str], prefix: str) -> str:
    """Prefix every label / relationship type, and string literals that name a known type."""
    from cypherlint.syntax import fastlexer

    edits: list[tuple[int, int, str]] = []
    for s, e, name in _label_spans(text):
        edits.append((s, e, _quote_cypher(prefix + name)))
    labelled = {s for s, _, _ in edits}
    for tok in fastlexer.tokenize(text).tokens:
        if tok.type == fastlexer.STRING_LITERAL and tok.start not in labelled:
            raw = text[tok.start : tok.stop + 1]
            new = _rename_string(raw, names, prefix)
            if new != raw:
                edits.append((tok.start, tok.stop + 1, new))
    for s, e, new in sorted(edits, reverse=True):
        text = text[:s] + new + text[e:]
    return text


def rename_sql(text: str, names: set[str], prefix: str) -> str:
    """Prefix identifiers that are known type names, and string literals that name one."""
    out = []
    for m in _SQL_TOKEN.finditer(text):
        string, quoted, ident, other = m.groups()
        if string is not None:
            out.append(_rename_string(string, names, prefix))
        elif quoted is not None:
            inner = quoted[1:-1].replace("``", "`")
            out.append("`" + (prefix + inner).replace("`", "``") + "`" if inner in names else quoted)
        elif ident is not None:
            out.append(prefix + ident if ident in names else ident)
        else:
            out.append(other)
    return "".join(out)


def _positive_label(node) -> bool:
    """A node/relationship pattern with a label expression that only admits named labels."""
    le = node.labelExpression() if hasattr(node, "labelExpression") else None
    if le is None:
        return False
    text = le.getText()
    return not any(ch in text for ch in "!%$")


def isolation_problem(text: str) -> str | None:
    """Why this Cypher could see (or write) records outside the scratch types, or None.

    Scratch records are only reachable from a labelled node, a typed relationship, or a node
    connected to one of those; a pattern node that is none of these (``MATCH (n)``, ``(n:!A)``,
    ``CREATE (n)``) would match or create the user's data, so such a case is not probed.
    """
    from cypherlint._generated.CypherParser import CypherParser as P
    from cypherlint.analysis import variable_name, walk
    from cypherlint.syntax.parser import parse

    result = parse(text)
    if result.issues or any(s.tree is None for s in result.statements):
        return "the query does not parse"
    nodes: list = []
    anchored: set[int] = set()
    bound: set[str] = set()
    groups: list[list] = []
    for stmt in result.statements:
        for node in walk(stmt.tree):
            if isinstance(node, P.NodePatternContext):
                nodes.append(node)
                if _positive_label(node):
                    anchored.add(id(node))
            elif isinstance(node, P.PatternElementContext) or (
                node.children and any(isinstance(c, P.NodePatternContext) for c in node.children)
            ):
                items = [c for c in (node.children or ()) if isinstance(
                    c, (P.NodePatternContext, P.RelationshipPatternContext, P.ParenthesizedPathContext))]
                if items:
                    groups.append(items)

    def element_anchored(item) -> bool:
        if isinstance(item, P.NodePatternContext):
            return id(item) in anchored
        if isinstance(item, P.RelationshipPatternContext):
            detail = item.relationshipDetail()
            return detail is not None and _positive_label(detail)
        # a parenthesized (quantified) path: anchored when anything inside is
        return any(isinstance(n, (P.NodePatternContext, P.RelationshipDetailContext)) and _positive_label(n)
                   for n in walk(item))

    changed = True
    while changed:
        changed = False
        for n in nodes:
            v = variable_name(n.variable()) if n.variable() is not None else None
            if id(n) in anchored and v and v not in bound:
                bound.add(v)
                changed = True
            elif id(n) not in anchored and v and v in bound:
                anchored.add(id(n))
                changed = True
        for items in groups:
            for i, item in enumerate(items):
                if not isinstance(item, P.NodePatternContext) or id(item) in anchored:
                    continue
                for j in (i - 1, i + 1):
                    if not 0 <= j < len(items):
                        continue
                    nb = items[j]
                    if element_anchored(nb):
                        anchored.add(id(item))
                        changed = True
                        break
                    if isinstance(nb, P.RelationshipPatternContext):
                        k = j + (j - i)  # the node on the other side of that relationship
                        if 0 <= k < len(items) and element_anchored(items[k]):
                            anchored.add(id(item))
                            changed = True
                            break
    loose = [n for n in nodes if id(n) not in anchored]
    if loose:
        return f"the pattern {loose[0].getText()} could match the database's own records"
    return None


_SQL_TARGET = re.compile(r"\b(?:FROM|INTO|UPDATE)\s+(`[^`]+`|[A-Za-z_:][A-Za-z0-9_:]*|\()", re.IGNORECASE)


def sql_isolation_problem(text: str, names: set[str]) -> str | None:
    """SQL reads and writes only scratch types (or the schema) — else the reason it may not."""
    for m in _SQL_TARGET.finditer(text):
        target = m.group(1).strip("`")
        if target == "(" or target in names or target.lower().startswith("schema:"):
            continue
        return f"the SQL statement reads or writes {target!r}, which is not a scratch type"
    return None


def unprefix(value: Any, prefix: str) -> Any:
    """Take the scratch prefix out of returned values; nodes become their property maps."""
    if isinstance(value, str):
        return value.replace(prefix, "")
    if isinstance(value, list):
        return [unprefix(v, prefix) for v in value]
    if isinstance(value, dict):
        if "@rid" in value or "@type" in value:
            value = {k: v for k, v in value.items() if not k.startswith("@")}
        return {k: unprefix(v, prefix) for k, v in value.items()}
    return value


# ------------------------------------------------------------------------------ the catalogue


def probe_catalogue(rules_dir: str | Path | None = None) -> tuple[list[Case], dict[str, tuple[str, ...]]]:
    """The measuring cases and fixtures: from ``rules_dir`` if given, else as recorded in compat.json."""
    if rules_dir is not None:
        cases = list(measuring_cases(load_cases(rules_dir)).values())
        return cases, load_fixtures(rules_dir)
    path = Path(__file__).resolve().parent.parent / "targets" / "compat.json"
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    fixtures = {k: tuple(v) for k, v in data.get("fixtures", {}).items()}
    cases = []
    for construct, entry in sorted(data.get("constructs", {}).items()):
        if entry.get("case"):
            cases.append(Case.from_dict(entry["case"]))
    return cases, fixtures


def scratch_names(case: Case, statements: Iterable[str]) -> set[str]:
    """Type names the case uses: the fixture's types and every label / relationship type it names."""
    names = set()
    for s in statements:
        m = _TYPE_DDL.match(s)
        if m:
            names.add(m.group(1).strip("`"))
    if case.language == "opencypher":
        names |= cypher_labels(case.bad)
    if case.post is not None and case.post.language == "opencypher":
        names |= cypher_labels(case.post.query)
    return names


def why_not_probeable(case: Case, statements: Iterable[str]) -> str | None:
    """None when the case can run on a live server without touching its data, else the reason."""
    if case.mode == "command-notx":
        return "runs without a transaction (schema statement): it would change the server"
    statements = list(statements)
    for s in statements:
        if not (_SCHEMA_OK.match(s) or _DATA_OK.match(s)):
            return f"fixture statement cannot be scoped to scratch types: {s[:60]!r}"
    names = scratch_names(case, statements)
    checks = [(case.bad, case.language)] + ([(case.post.query, case.post.language)] if case.post else [])
    for text, language in checks:
        problem = isolation_problem(text) if language == "opencypher" else sql_isolation_problem(text, names)
        if problem:
            return problem
    return None


# ------------------------------------------------------------------------------ the probe


def _snapshot(http: ArcadeHTTP) -> dict:
    types = {}
    for row in http.query("sql", "SELECT name FROM schema:types"):
        name = row.get("name")
        if not isinstance(name, str):
            continue
        rows = http.query("sql", f"SELECT count(*) AS c FROM `{name}`")
        types[name] = rows[0].get("c") if rows else None
    indexes = sorted(str(r.get("name")) for r in http.query("sql", "SELECT name FROM schema:indexes"))
    return {"types": dict(sorted(types.items())), "indexes": indexes}


def _drop_scratch(http: ArcadeHTTP, prefix: str) -> list[str]:
    """Drop every type named with ``prefix`` (edges first, then vertices/documents)."""
    rows = http.query("sql", "SELECT name, type FROM schema:types")
    scratch = [r for r in rows if isinstance(r.get("name"), str) and r["name"].startswith(prefix)]
    scratch.sort(key=lambda r: 0 if str(r.get("type", "")).lower() == "edge" else 1)
    problems = []
    for r in scratch:
        try:
            http.command("sql", f"DROP TYPE `{r['name']}` UNSAFE")
        except CommandFailed as exc:
            problems.append(f"{r['name']}: {exc}")
    return problems


def _probe_case(http: ArcadeHTTP, case: Case, statements: tuple[str, ...], prefix: str) -> Execution:
    names = scratch_names(case, statements)

    def rename(text: str, language: str) -> str:
        return rename_cypher(text, names, prefix) if language == "opencypher" else rename_sql(text, names, prefix)

    ex = Execution()
    start = time.perf_counter()
    session: Session | None = None
    try:
        try:
            for s in statements:
                if _SCHEMA_OK.match(s):
                    http.command("sql", rename_sql(s, names, prefix))
            session = http.begin()
            for s in statements:
                if not _SCHEMA_OK.match(s):
                    http.command("sql", rename_sql(s, names, prefix), session=session)
        except CommandFailed as exc:
            ex.setup_failure = Failure(exc.failure.cls, exc.failure.message.replace(prefix, ""), None, "setup")
            return ex
        try:
            run = http.query if case.mode == "query" else http.command
            ex.rows = unprefix(run(case.language, rename(case.bad, case.language), case.params, session=session),
                               prefix)
        except CommandFailed as exc:
            f = exc.failure
            ex.failure = Failure(f.cls, f.message.replace(prefix, ""), f.root, "execute")
        if ex.failure is None and case.post is not None:
            try:
                ex.post_rows = unprefix(
                    http.query(case.post.language, rename(case.post.query, case.post.language), session=session),
                    prefix,
                )
            except CommandFailed as exc:
                ex.post_failure = Failure(exc.failure.cls, exc.failure.message.replace(prefix, ""), None, "post")
        return ex
    finally:
        ex.seconds = time.perf_counter() - start
        try:
            if session is not None:
                http.rollback(session)
        finally:
            _drop_scratch(http, prefix)


def run_probe(
    url: str,
    database: str,
    user: str,
    password: str,
    *,
    timeout: float = 30.0,
    only: Iterable[str] | None = None,
    rules_dir: str | Path | None = None,
    progress: Callable[[CaseResult], None] | None = None,
) -> ProbeReport:
    """Probe the server at ``url``; returns a :class:`ProbeReport`. Raises :class:`ProbeError` when the
    server cannot be probed at all (unreachable, authentication, unknown database)."""
    start = time.perf_counter()
    http = ArcadeHTTP(url, database, user, password, timeout)
    version = http.server_version()
    m = re.match(r"\d+\.\d+\.\d+", version)
    release = m.group(0) if m else version.split()[0]
    try:
        cases, fixtures = probe_catalogue(rules_dir)
    except (OSError, ValueError, CaseError) as exc:
        raise ProbeError(f"cannot read the case catalogue: {exc}") from None
    if only is not None:
        wanted = set(only)
        cases = [c for c in cases if c.construct in wanted]
    run_tag = secrets.token_hex(4)
    report = ProbeReport(http.base, database, version, release, f"Clp{run_tag}_")
    try:
        report.before = _snapshot(http)
    except CommandFailed as exc:
        raise ProbeError(f"cannot read database {database!r}: {exc}") from None
    try:
        for n, case in enumerate(cases):
            try:
                statements = setup_statements(case, fixtures)
            except CaseError as exc:
                result = CaseResult(case.construct, case.id, "skipped", str(exc))
            else:
                reason = why_not_probeable(case, statements)
                if reason is not None:
                    result = CaseResult(case.construct, case.id, "skipped", reason)
                else:
                    prefix = f"Clp{run_tag}c{n}_"
                    ex = _probe_case(http, case, statements, prefix)
                    v = judge(case, ex)
                    evidence = v.evidence.replace(prefix, "")
                    if v.outcome == UNKNOWN and not evidence:
                        evidence = "inconclusive"
                    result = CaseResult(case.construct, case.id, v.outcome, evidence, ex.seconds)
            report.results.append(result)
            if progress is not None:
                progress(result)
    finally:
        try:
            _drop_scratch(http, f"Clp{run_tag}")
        finally:
            report.after = _snapshot(http)
            report.seconds = time.perf_counter() - start
    return report
