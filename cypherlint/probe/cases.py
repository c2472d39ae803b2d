"""Rule cases as runnable measurements, and the one judgement of what an engine did with them.

This module is shared by everything that runs cases on a real ArcadeDB: the embedded runner
(``cypherlint.probe.runner``, used by ``scripts/compat_worker.py`` and the engine tests) and the
HTTP probe (``cypherlint.probe.live``). It needs only the standard library, so that the worker can
load it inside a bare ``arcadedb-embedded`` virtual environment.

A case (one ``[[case]]`` of ``rules/*.toml``, format in ``rules/README.md``) is *measurable* when it
says what to run it on (``setup``) and what Neo4j does: the rows it returns (``expected``), the side
effects it leaves (``post``) or that it raises (``expect_error``). Without one of those there is
nothing to compare with ("it ran" is not "it returned Neo4j's rows"). Per construct, the
*measuring* case is the one marked ``measure = true``, else the first measurable case of it.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

OK, ERROR, WRONG, UNKNOWN = "ok", "error", "wrong", "unknown"
MODES = ("command", "command-notx", "query")
LANGUAGES = ("opencypher", "sql")
FIXTURES_FILE = "fixtures.toml"
EVIDENCE_MAX = 400
# Floats from the engine may have been stored as 32-bit floats (vector scores): compare with a
# relative tolerance well above float32 rounding and far below any real difference.
FLOAT_REL_TOL = 1e-6


class CaseError(ValueError):
    """A case or fixture file is malformed (reported, never a traceback)."""


@dataclass(frozen=True)
class Post:
    query: str
    expected: list | None
    language: str = "opencypher"
    ordered: bool = False


@dataclass(frozen=True)
class Case:
    code: str  # rule code, from the file name
    index: int  # position among the file's [[case]] tables
    construct: str
    bad: str
    title: str = ""
    measure: bool | None = None  # None: not said (the first measurable case of a construct measures)
    target: str = "arcadedb"
    setup: str | tuple[str, ...] | None = None
    params: dict = field(default_factory=dict)
    expected: list | None = None
    ordered: bool = False
    fixed: str | None = None
    unsafe: bool = False
    mode: str = "command"
    post: Post | None = None
    expect_error: bool = False
    language: str = "opencypher"

    @property
    def id(self) -> str:
        return f"{self.code}-case{self.index}"

    @property
    def measurable(self) -> bool:
        return self.setup is not None and (self.expected is not None or self.post is not None or self.expect_error)

    def to_dict(self) -> dict:
        """Plain JSON data (for the worker protocol and for compat.json's provenance)."""
        d: dict[str, Any] = {"id": self.id, "construct": self.construct, "bad": self.bad}
        for name in ("title", "target", "setup", "params", "expected", "ordered", "fixed", "unsafe", "mode",
                     "expect_error", "language"):
            v = getattr(self, name)
            if isinstance(v, tuple):
                v = list(v)
            d[name] = v
        if self.post is not None:
            d["post"] = {"query": self.post.query, "expected": self.post.expected,
                         "language": self.post.language, "ordered": self.post.ordered}
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Case:
        code, _, idx = str(d.get("id", "X-case0")).rpartition("-case")
        raw = dict(d)
        raw.pop("id", None)
        return _case_from_table(code or "X", int(idx) if idx.isdigit() else 0, raw, f"case {d.get('id')}")


def _case_from_table(code: str, index: int, t: dict, where: str) -> Case:
    if not isinstance(t, dict):
        raise CaseError(f"{where}: a [[case]] must be a table")
    for req in ("construct", "bad"):
        if not isinstance(t.get(req), str) or not t[req].strip():
            raise CaseError(f"{where}: `{req}` is required and must be a non-empty string")
    setup = t.get("setup")
    if isinstance(setup, list):
        if not all(isinstance(s, str) for s in setup):
            raise CaseError(f"{where}: `setup` must be a fixture name or a list of SQL strings")
        setup = tuple(setup)
    elif setup is not None and not isinstance(setup, str):
        raise CaseError(f"{where}: `setup` must be a fixture name or a list of SQL strings")
    mode = t.get("mode", "command")
    if mode not in MODES:
        raise CaseError(f"{where}: mode {mode!r} is not one of {', '.join(MODES)}")
    language = t.get("language", "opencypher")
    if language not in LANGUAGES:
        raise CaseError(f"{where}: language {language!r} is not one of {', '.join(LANGUAGES)}")
    expected = t.get("expected")
    if expected is not None and not (isinstance(expected, list) and all(isinstance(r, dict) for r in expected)):
        raise CaseError(f"{where}: `expected` must be a list of tables (rows)")
    params = t.get("params") or {}
    if not isinstance(params, dict):
        raise CaseError(f"{where}: `params` must be a table")
    post = None
    if t.get("post") is not None:
        p = t["post"]
        if not isinstance(p, dict) or not isinstance(p.get("query"), str):
            raise CaseError(f"{where}: `post` must be a table with a `query` string")
        plang = p.get("language", "opencypher")
        if plang not in LANGUAGES:
            raise CaseError(f"{where}: post language {plang!r} is not one of {', '.join(LANGUAGES)}")
        pexp = p.get("expected")
        if pexp is not None and not (isinstance(pexp, list) and all(isinstance(r, dict) for r in pexp)):
            raise CaseError(f"{where}: post `expected` must be a list of tables (rows)")
        post = Post(p["query"], pexp, plang, bool(p.get("ordered", False)))
    measure = t.get("measure")
    return Case(
        code=code,
        index=index,
        construct=t["construct"].strip(),
        bad=t["bad"],
        title=str(t.get("title", "")),
        measure=None if measure is None else bool(measure),
        target=str(t.get("target", "arcadedb")),
        setup=setup,
        params=params,
        expected=expected,
        ordered=bool(t.get("ordered", False)),
        fixed=t.get("fixed") if isinstance(t.get("fixed"), str) else None,
        unsafe=bool(t.get("unsafe", False)),
        mode=mode,
        post=post,
        expect_error=bool(t.get("expect_error", False)),
        language=language,
    )


def default_rules_dir() -> Path | None:
    """``rules/`` of the source tree this package lives in (None for an installed wheel)."""
    here = Path(__file__).resolve().parent.parent.parent / "rules"
    return here if (here / FIXTURES_FILE).is_file() else None


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CaseError(f"cannot read {path}: {exc}") from exc


def load_cases(rules_dir: Path | str) -> list[Case]:
    """Every ``[[case]]`` of every rule file in ``rules_dir``, in file and case order."""
    cases: list[Case] = []
    for path in sorted(Path(rules_dir).glob("*.toml")):
        if path.name == FIXTURES_FILE:
            continue
        data = _read_toml(path)
        code = str(data.get("code", path.stem))
        tables = data.get("case", [])
        if not isinstance(tables, list):
            raise CaseError(f"{path.name}: `case` must be an array of tables ([[case]])")
        for i, t in enumerate(tables):
            cases.append(_case_from_table(code, i, t, f"{path.name} case {i}"))
    return cases


def load_fixtures(rules_dir: Path | str) -> dict[str, tuple[str, ...]]:
    """Named fixtures of ``rules_dir/fixtures.toml``, each resolved to its list of SQL statements."""
    raw = _read_toml(Path(rules_dir) / FIXTURES_FILE)
    resolved: dict[str, tuple[str, ...]] = {}

    def resolve(name: str, chain: tuple[str, ...]) -> tuple[str, ...]:
        if name in resolved:
            return resolved[name]
        if name in chain:
            raise CaseError(f"fixture {name!r} extends itself ({' -> '.join(chain + (name,))})")
        if name not in raw:
            raise CaseError(f"unknown fixture {name!r}; known: {', '.join(sorted(raw))}")
        v = raw[name]
        if isinstance(v, dict):
            base = resolve(str(v.get("extends")), chain + (name,)) if v.get("extends") else ()
            stmts = v.get("statements", [])
        else:
            base, stmts = (), v
        if not isinstance(stmts, list) or not all(isinstance(s, str) for s in stmts):
            raise CaseError(f"fixture {name!r} must be a list of SQL statements")
        resolved[name] = tuple(base) + tuple(stmts)
        return resolved[name]

    for name in raw:
        resolve(name, ())
    return resolved


def setup_statements(case: Case, fixtures: dict[str, Iterable[str]]) -> tuple[str, ...]:
    """The SQL statements that build the case's graph (a missing setup is the empty graph)."""
    if case.setup is None:
        return ()
    if isinstance(case.setup, str):
        if case.setup not in fixtures:
            raise CaseError(f"{case.id}: unknown fixture {case.setup!r}; known: {', '.join(sorted(fixtures))}")
        return tuple(fixtures[case.setup])
    return tuple(case.setup)


def measuring_cases(cases: Iterable[Case]) -> dict[str, Case]:
    """construct -> the one case that measures it (explicit ``measure = true`` wins)."""
    out: dict[str, Case] = {}
    explicit: set[str] = set()
    for c in cases:
        if c.measure is True and c.measurable:
            if c.construct not in explicit:
                out[c.construct] = c
                explicit.add(c.construct)
        elif c.measure is None and c.measurable and c.construct not in out:
            out[c.construct] = c
    return out


SCHEMA_SQL = re.compile(
    r"^\s*(?:CREATE|ALTER|DROP|TRUNCATE|REBUILD)\s+(?:(?:VERTEX|EDGE|DOCUMENT)\s+)?(?:TYPE|PROPERTY|INDEX|BUCKET)\b",
    re.IGNORECASE,
)


def is_schema_sql(statement: str) -> bool:
    """Schema statements run outside a transaction; data statements inside one."""
    return bool(SCHEMA_SQL.match(statement))


# ---------------------------------------------------------------------------- what happened


@dataclass
class Failure:
    """An exception raised by the engine (or by the transport), in comparable form."""

    cls: str  # e.g. com.arcadedb.exception.CommandExecutionException
    message: str
    root: str | None = None  # "class: message" of the innermost cause, when different
    phase: str = "execute"  # setup | execute | commit | post

    def text(self) -> str:
        short = self.cls.rsplit(".", 1)[-1]
        msg = f"{short}: {self.message}".strip()
        if self.root and self.root not in msg:
            msg += f" [root cause: {self.root}]"
        return msg

    def to_dict(self) -> dict:
        return {"class": self.cls, "message": self.message, "root": self.root, "phase": self.phase}


@dataclass
class Execution:
    """What one engine did with one case query: rows or an error, then the post-check."""

    rows: list | None = None
    failure: Failure | None = None
    setup_failure: Failure | None = None
    post_rows: list | None = None
    post_failure: Failure | None = None
    seconds: float = 0.0


@dataclass
class Verdict:
    outcome: str  # ok | error | wrong | unknown
    evidence: str = ""
    detail: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"outcome": self.outcome, "evidence": self.evidence, "detail": self.detail}


# ---------------------------------------------------------------------------- comparing rows


def values_equal(a: Any, b: Any) -> bool:
    """Neo4j-style value equality for result comparison: 1 == 1.0, nested lists and maps."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, int) and isinstance(b, int):
            return a == b
        fa, fb = float(a), float(b)
        if math.isnan(fa) or math.isnan(fb):
            return math.isnan(fa) and math.isnan(fb)
        return math.isclose(fa, fb, rel_tol=FLOAT_REL_TOL, abs_tol=1e-12)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(values_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(values_equal(x, y) for x, y in zip(a, b))
    if a is None or b is None:
        return a is None and b is None
    return type(a) is type(b) and a == b


def rows_equal(got: list, expected: list, ordered: bool = False) -> bool:
    """Rows as a multiset (or a sequence when ``ordered``), each row a map of column -> value."""
    if len(got) != len(expected):
        return False
    if ordered:
        return all(values_equal(g, e) for g, e in zip(got, expected))
    unused = list(got)
    for e in expected:
        for i, g in enumerate(unused):
            if values_equal(g, e):
                del unused[i]
                break
        else:
            return False
    return True


def _short(value: Any, limit: int = 160) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------- the judgement


def judge(case: Case, ex: Execution) -> Verdict:
    """ok / error / wrong / unknown for what an engine did with ``case`` (see rules/README.md)."""
    detail: dict[str, Any] = {"seconds": round(ex.seconds, 3)}
    if ex.setup_failure is not None:
        detail["error"] = ex.setup_failure.to_dict()
        return Verdict(UNKNOWN, f"setup failed: {ex.setup_failure.text()}"[:EVIDENCE_MAX], detail)
    if ex.failure is not None:
        detail["error"] = ex.failure.to_dict()
        if case.expect_error:
            return Verdict(OK, "", detail)
        where = " (at commit)" if ex.failure.phase == "commit" else ""
        return Verdict(ERROR, (ex.failure.text() + where)[:EVIDENCE_MAX], detail)
    rows = ex.rows if ex.rows is not None else []
    detail["rows"] = rows
    if case.expect_error:
        return Verdict(WRONG, f"ran without the error Neo4j raises; returned {_short(rows)}"[:EVIDENCE_MAX], detail)
    problems = []
    if case.expected is not None and not rows_equal(rows, case.expected, case.ordered):
        problems.append(f"returned {_short(rows)}; Neo4j returns {_short(case.expected)}")
    if case.post is not None:
        if ex.post_failure is not None:
            detail["post_error"] = ex.post_failure.to_dict()
            if not problems:
                return Verdict(UNKNOWN, f"post-check failed: {ex.post_failure.text()}"[:EVIDENCE_MAX], detail)
        else:
            post_rows = ex.post_rows if ex.post_rows is not None else []
            detail["post_rows"] = post_rows
            if case.post.expected is not None and not rows_equal(post_rows, case.post.expected, case.post.ordered):
                problems.append(
                    f"post-check {case.post.query!r} returned {_short(post_rows)}; Neo4j: {_short(case.post.expected)}"
                )
    if problems:
        return Verdict(WRONG, "; ".join(problems)[:EVIDENCE_MAX], detail)
    return Verdict(OK, "", detail)
